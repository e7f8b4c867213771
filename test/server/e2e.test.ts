import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../cli/helpers.ts';

const run = promisify(execFile);
const token = 'e2e-admin-token-0123456789';
const agentCount = 50;
let base = '';
let root = '';
const controller = new AbortController();
let server: Promise<CliRun>;

beforeAll(async () => {
  const folder = mkdtempSync(join(tmpdir(), 'studio-sim-e2e-'));
  const agents = Array.from({ length: agentCount }, (_, i) => `  "${1000 + i}": { state: Available }`).join('\n');
  writeFileSync(join(folder, 'agents.scenario.yaml'), `agents:\n${agents}\n`);
  let resolveUrl: (url: string) => void = () => {};
  const url = new Promise<string>((resolve) => {
    resolveUrl = resolve;
  });
  server = runCli(['serve', '--port', '0', '--token', token, '--scenario', join(folder, 'agents.scenario.yaml')], {
    signal: controller.signal,
    onOutput: (out) => {
      const match = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) resolveUrl(match[1] as string);
    },
  });
  root = await url;
  base = `${root}/incontactapi/services/v30.0`;
});

afterAll(async () => {
  // Stopping answers the polls still waiting, then reports what the server held.
  const sessionId = await session('1001');
  const waiting = poll(sessionId, 60);
  await new Promise((resolve) => setTimeout(resolve, 100));
  controller.abort();
  expect((await waiting).status).toBe(304);
  const result = await server;
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/studio-sim: stopped; answered 1 waiting poll, \d+ agents were logged in with \d+ undelivered events?, 0 contacts still running/);
});

const auth = { authorization: `Bearer ${token}` };

async function session(agentId: string): Promise<string> {
  const response = await fetch(`${base}/agent-sessions/join?asAgentId=${agentId}`, { method: 'POST', headers: auth });
  const { sessionId } = (await response.json()) as { sessionId: string };
  // Drain AgentSessionStart and AgentState.
  await fetch(`${base}/agent-sessions/${sessionId}/get-next-event?timeout=0`, { headers: auth });
  return sessionId;
}

async function poll(sessionId: string, timeout: number, signal?: AbortSignal): Promise<{ status: number; events: Array<{ eventName: string; data: string }> }> {
  const response = await fetch(`${base}/agent-sessions/${sessionId}/get-next-event?timeout=${timeout}`, { headers: auth, ...(signal ? { signal } : {}) });
  if (response.status !== 200) return { status: response.status, events: [] };
  return { status: 200, events: ((await response.json()) as { events: Array<{ eventName: string; data: string }> }).events };
}

describe('the real server', () => {
  it('accepts the vendor\'s curl example unchanged but for host and token', async () => {
    const { stdout } = await run('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', '-X', 'PUT', `${base}/agents/1000/custom-event?eventName=From_Postman&persistInMemory=false&data=Sent_from_Postman`, '-H', `Authorization: Bearer ${token}`]);
    expect(stdout).toBe('202');
    const sessionId = await session('1000').catch(() => '');
    expect(sessionId).toMatch(/^1000-session-/);
  });

  it('holds 500 simultaneous long polls and releases each with an event or a timeout', async () => {
    const sessions = await Promise.all(Array.from({ length: agentCount }, (_, i) => session(String(1000 + i))));
    const polls = sessions.flatMap((sessionId) => Array.from({ length: 10 }, () => poll(sessionId, 3)));
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (let i = 0; i < agentCount; i++) {
      for (let k = 0; k < 10; k++) await fetch(`${base}/agents/${1000 + i}/custom-event?eventName=Held_${k}&data=${k}`, { method: 'PUT', headers: auth });
    }
    const answers = await Promise.all(polls);
    expect(answers).toHaveLength(500);
    expect(answers.every((a) => a.status === 200 || a.status === 304)).toBe(true);
    const received = answers.flatMap((a) => a.events.map((e) => e.eventName));
    // On a loaded machine sending the 500 events can outlast the 3 s polls: those time out
    // (304) and their events wait for the next poll. Nothing may be lost either way.
    for (const sessionId of sessions) {
      for (let answer = await poll(sessionId, 0); answer.events.length > 0; answer = await poll(sessionId, 0)) received.push(...answer.events.map((e) => e.eventName));
    }
    expect(received).toHaveLength(500);
    expect(new Set(received).size).toBe(10);
  }, 30_000);

  it('delivers 10,000 events to 50 agents exactly once and in order per agent, while polls time out', async () => {
    const perAgent = 200;
    const results = await Promise.all(
      Array.from({ length: agentCount }, async (_, i) => {
        const agentId = String(1000 + i);
        const sessionId = await session(agentId);
        const received: string[] = [];
        const sending = (async () => {
          for (let n = 0; n < perAgent; n++) {
            const response = await fetch(`${base}/agents/${agentId}/custom-event?eventName=E${n}&persistInMemory=false&data=${n}`, { method: 'PUT', headers: auth });
            expect(response.status).toBe(202);
          }
        })();
        // Polls with a 1 s timeout, so some time out while events arrive.
        const polling = (async () => {
          while (received.length < perAgent) {
            const answer = await poll(sessionId, 1);
            for (const event of answer.events) received.push(event.data);
          }
        })();
        await Promise.all([sending, polling]);
        return received;
      }),
    );
    for (const received of results) expect(received).toEqual(Array.from({ length: perAgent }, (_, n) => String(n)));
  }, 60_000);

  it('loses nothing when a client disconnects mid-poll', async () => {
    const sessionId = await session('1049');
    for (let attempt = 0; attempt < 20; attempt++) {
      const leaving = new AbortController();
      const gone = poll(sessionId, 30, leaving.signal).catch(() => ({ status: 0, events: [] }));
      await new Promise((resolve) => setTimeout(resolve, 20));
      // Abort and send at nearly the same moment: the event must reach the next poll.
      leaving.abort();
      await fetch(`${base}/agents/1049/custom-event?eventName=Race${attempt}&data=${attempt}`, { method: 'PUT', headers: auth });
      const first = await gone;
      const next = first.events.length > 0 ? first : await poll(sessionId, 5);
      expect(next.events.map((e) => e.eventName)).toEqual([`Race${attempt}`]);
    }
  }, 30_000);

  it('answers errors as JSON without stack traces', async () => {
    const response = await fetch(`${base}/agents/1000/custom-event?eventName=A&persistInMemory=maybe`, { method: 'PUT', headers: auth });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: 'BadRequest' });
    expect(text).not.toContain('    at ');
    expect((await fetch(`${root}/sim/agents`)).status).toBe(401);
  });
});
