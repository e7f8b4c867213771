/**
 * `npm run soak [-- --minutes N]`: mixed HTTP load against a real server on
 * loopback for N minutes (default 10): custom-event PUTs, long polls on every
 * agent, session joins and control reads. Ends by draining every agent and
 * checks that every accepted event was received exactly once and that the
 * heap stayed flat. Exit 0 when both hold.
 */
import { serve } from '@hono/node-server';
import { emptyScenario } from 'studio-sim';
import { ControlledClock, createServer, RealClock, type Role } from 'studio-sim/server';

const minutesFlag = process.argv.indexOf('--minutes');
const minutes = minutesFlag >= 0 ? Number(process.argv[minutesFlag + 1]) : 10;
if (!Number.isFinite(minutes) || minutes <= 0) {
  process.stderr.write('soak: --minutes takes a positive number\n');
  process.exit(2);
}
const gc = (globalThis as { gc?: () => void }).gc;
const token = 'soak-admin-token-0123456789';
const headers = { authorization: `Bearer ${token}` };
const agentCount = 20;

const scenario = emptyScenario();
for (let i = 0; i < agentCount; i++) scenario.agents.push({ id: String(5000 + i), state: 'Available', skills: [], firstName: '', lastName: '', answerAfterMs: 5000, hangupAfterMs: 30_000, holds: [], polls: false });
// The clocks `serve` runs on: the world's controlled clock at 1x, long polls on the wall clock.
const server = createServer({ clock: new ControlledClock(), pollClock: new RealClock(), tokens: new Map<string, Role>([[token, { kind: 'admin' }]]), scenario });
const http = await new Promise<ReturnType<typeof serve>>((resolve) => {
  const listening = serve({ fetch: server.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(listening));
});
const base = `http://127.0.0.1:${(http.address() as { port: number }).port}/incontactapi/services/v30.0`;

// Counters, not sets: the harness must not grow with the load, or it would hide the server's own memory.
// Each agent's events are numbered 0, 1, 2, ... in the order they were accepted, and must arrive in that order.
const accepted = new Map<string, number>();
const received = new Map<string, number>();
let duplicates = 0;
let outOfOrder = 0;
let stray = 0;
let requests = 0;
let errors = 0;
const deadline = performance.now() + minutes * 60_000;

async function call(url: string, init: RequestInit = {}): Promise<Response | undefined> {
  requests++;
  try {
    return await fetch(url, { ...init, headers });
  } catch {
    errors++;
    return undefined;
  }
}

async function sessionOf(agentId: string): Promise<string> {
  const response = await call(`${base}/agent-sessions/join?asAgentId=${agentId}`, { method: 'POST' });
  return ((await response?.json()) as { sessionId: string }).sessionId;
}

async function poller(agentId: string, until: () => boolean): Promise<void> {
  const sessionId = await sessionOf(agentId);
  while (!until()) {
    const response = await call(`${base}/agent-sessions/${sessionId}/get-next-event?timeout=2`);
    if (!response || response.status !== 200) continue;
    const body = (await response.json()) as { events: Array<{ type?: string; eventName?: string; data?: string }> };
    for (const event of body.events) {
      if (event.type !== 'CustomEvent') continue;
      const [owner, number] = String(event.data).split(':');
      if (owner !== agentId) {
        stray++;
        continue;
      }
      const expected = received.get(agentId) as number;
      const n = Number(number);
      if (n < expected) duplicates++;
      else if (n > expected) outOfOrder++;
      else received.set(agentId, expected + 1);
    }
  }
}

async function sender(agentId: string): Promise<void> {
  // n only moves on when event n was accepted, so the accepted events are exactly 0 .. n-1.
  for (let n = 0, tries = 0; performance.now() < deadline; tries++) {
    const response = await call(`${base}/agents/${agentId}/custom-event?eventName=S${n}&persistInMemory=false&data=${agentId}:${n}`, { method: 'PUT' });
    if (response?.status === 202) {
      n++;
      accepted.set(agentId, n);
    } else if (response?.status === 429) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (tries % 50 === 0) await call(`http://${new URL(base).host}/sim/agents`);
  }
}

const heap: number[] = [];
const sampler = setInterval(() => {
  gc?.();
  heap.push(process.memoryUsage().heapUsed);
}, 10_000);

const agents = Array.from({ length: agentCount }, (_, i) => String(5000 + i));
for (const agent of agents) {
  accepted.set(agent, 0);
  received.set(agent, 0);
}
const allReceived = () => agents.every((a) => (received.get(a) as number) >= (accepted.get(a) as number));
const sending = Promise.all(agents.map(sender));
let sendingDone = false;
void sending.then(() => {
  sendingDone = true;
});
const drainDeadline = () => performance.now() > deadline + 60_000;
await Promise.all([...agents.map((agent) => poller(agent, () => (sendingDone && allReceived()) || drainDeadline())), sending]);
clearInterval(sampler);

const lost = agents.reduce((n, a) => n + Math.max(0, (accepted.get(a) as number) - (received.get(a) as number)), 0);
const total = agents.reduce((n, a) => n + (accepted.get(a) as number), 0);
const warm = heap[Math.min(1, heap.length - 1)] ?? 0;
const last = heap[heap.length - 1] ?? 0;
const growthMb = (last - warm) / 1024 / 1024;
const summary = server.shutdown();
await new Promise<void>((resolve) => {
  http.close(() => resolve());
  if ('closeAllConnections' in http) http.closeAllConnections();
});

process.stdout.write(
  [
    `soak: ${minutes} min, ${requests.toLocaleString('en-US')} requests (${errors} transport errors)`,
    `  accepted custom events: ${total.toLocaleString('en-US')}; lost: ${lost}; received twice: ${duplicates}; out of order: ${outOfOrder}; to the wrong agent: ${stray}`,
    `  heap after GC: ${(warm / 1048576).toFixed(1)} MiB after warm-up, ${(last / 1048576).toFixed(1)} MiB at the end (${growthMb >= 0 ? '+' : ''}${growthMb.toFixed(1)} MiB)${gc ? '' : ' (run with --expose-gc for exact figures)'}`,
    `  at stop: ${summary.agentsLoggedIn} agents logged in, ${summary.pendingEvents} events undelivered`,
  ].join('\n') + '\n',
);
const ok = lost === 0 && duplicates === 0 && outOfOrder === 0 && stray === 0 && growthMb < 16;
process.stdout.write(ok ? 'soak passed\n' : 'soak FAILED\n');
process.exit(ok ? 0 : 1);
