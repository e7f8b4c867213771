import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/api.ts';
import { createServer } from '../../src/server/app.ts';
import { RealClock } from '../../src/server/clock.ts';
import { onRealSocket } from './real-socket.ts';

const admin = 'admin-token-slow-reader-1234';
const headers = { authorization: `Bearer ${admin}` };

/** Pairs the slow client sends: each a custom event of `dataChars` characters and a poll that takes it back. */
const pairs = 1200;
const dataChars = 8 * 1024;

describe('a client that is slow to read its answers', () => {
  const scenario = loadScenarioText('agents:\n  "3000": { state: Available }\n  "3001": { state: Available }\n');
  if (!scenario.ok) throw new Error('bad scenario');
  const server = createServer({ clock: new RealClock(), tokens: new Map([[admin, { kind: 'admin' }]]), scenario: scenario.scenario });
  const served = onRealSocket(server);
  const base = served.base;
  const join = async (agent: string) => ((await (await fetch(`${base()}/agent-sessions/join?asAgentId=${agent}`, { method: 'POST', headers })).json()) as { sessionId: string }).sessionId;

  it('does not hold up other clients, and every event it was answered 202 for is accounted for', async () => {
    const slowSession = await join('3000');
    const fastSession = await join('3001');
    // The login events, out of the way.
    await fetch(`${base()}/agent-sessions/${slowSession}/get-next-event?timeout=0`, { headers });
    await fetch(`${base()}/agent-sessions/${fastSession}/get-next-event?timeout=0`, { headers });

    // One connection, every request pipelined at once, and the answers not
    // read: some 10 MB of answers, far more than socket buffers hold, so the
    // server has to stop reading this connection rather than buffer without
    // end. (Each URL stays under Node's 16 KiB header limit.)
    const slow: Socket = connect(served.port(), '127.0.0.1');
    slow.pause();
    const received: Buffer[] = [];
    slow.on('data', (chunk: Buffer) => received.push(chunk));
    const prefix = `/incontactapi/services/v30.0`;
    const data = 'd'.repeat(dataChars);
    let requests = '';
    for (let i = 0; i < pairs; i++) {
      requests += `PUT ${prefix}/agents/3000/custom-event?eventName=Slow_${i}&data=${data} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${admin}\r\n\r\n`;
      requests += `GET ${prefix}/agent-sessions/${slowSession}/get-next-event?timeout=0 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${admin}\r\n\r\n`;
    }
    await new Promise<void>((resolve, reject) => {
      slow.once('error', reject);
      slow.once('connect', () => resolve());
    });
    slow.write(requests);

    // Meanwhile other clients get every answer, and their events all arrive.
    const puts = await Promise.all(Array.from({ length: 50 }, (_, i) => fetch(`${base()}/agents/3001/custom-event?eventName=Fast_${i}`, { method: 'PUT', headers })));
    expect(puts.map((r) => r.status)).toEqual(Array(50).fill(202));
    const polled = (await (await fetch(`${base()}/agent-sessions/${fastSession}/get-next-event?timeout=0`, { headers })).json()) as { events: Array<{ eventName?: string }> };
    expect(polled.events.map((e) => e.eventName)).toEqual(Array.from({ length: 50 }, (_, i) => `Fast_${i}`));

    // The slow client reads at last: one answer per request, and each of its
    // events came back to it exactly once, in the order it sent them.
    const answers = 2 * pairs;
    slow.resume();
    const text = await new Promise<string>((resolve, reject) => {
      slow.once('error', reject);
      const check = () => {
        const all = Buffer.concat(received).toString('latin1');
        if (all.split('HTTP/1.1 ').length - 1 >= answers && all.endsWith('}')) {
          slow.off('data', check);
          resolve(all);
        }
      };
      slow.on('data', check);
      check();
    });
    slow.destroy();
    const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1]);
    expect(statuses).toEqual(Array.from({ length: answers }, (_, i) => (i % 2 === 0 ? '202' : '200')));
    const names = [...text.matchAll(/"eventName":"(Slow_\d+)","data":"(d*)"/g)].map((m) => `${m[1]}:${m[2]?.length}`);
    expect(names).toEqual(Array.from({ length: pairs }, (_, i) => `Slow_${i}:${dataChars}`));
    // Nothing was left behind either.
    expect((await fetch(`${base()}/agent-sessions/${slowSession}/get-next-event?timeout=0`, { headers })).status).toBe(304);
  }, 60_000);
});
