import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { loadScenarioText, loadScript } from '../../src/api.ts';
import { VirtualClock } from '../../src/runtime/clock.ts';
import { createServer, queryParameter } from '../../src/server/app.ts';
import { RealClock } from '../../src/server/clock.ts';
import { onRealSocket } from './real-socket.ts';

const admin = 'admin-token-faults-1234';
const headers = { authorization: `Bearer ${admin}` };

function agents(count: number) {
  const scenario = loadScenarioText(`agents:\n${Array.from({ length: count }, (_, i) => `  "${2000 + i}": { state: Available }`).join('\n')}\n`);
  if (!scenario.ok) throw new Error('bad scenario');
  return scenario.scenario;
}

describe('query parameters', () => {
  it.each([
    ['?eventName=A', { value: 'A' }],
    ['?eventName=a%20b+c', { value: 'a b c' }],
    ['?other=1', { value: undefined }],
    ['?eventName=%E0%A4%A', { problem: 'eventName is not valid percent-encoding ("%E0%A4%A"); encode it with encodeURIComponent' }],
    ['?eventName=A&eventName=B', { problem: 'eventName is given 2 times; give it once' }],
  ])('%s', (query, expected) => {
    expect(queryParameter(`http://x/p${query}`, 'eventName')).toEqual(expected);
  });
});

describe('bad requests in-process', () => {
  const server = createServer({ clock: new VirtualClock(), tokens: new Map([[admin, { kind: 'admin' }]]), scenario: agents(1), limits: { maxWaitingPolls: 2, maxContacts: 1 }, scripts: new Map() });
  const call = (method: string, path: string, body?: string) =>
    Promise.resolve(server.fetch(new Request(`http://x/incontactapi/services/v30.0${path}`, { method, headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body } : {}) })));

  it('malformed percent-encoding and duplicate parameters are 400s that name the parameter', async () => {
    const malformed = await call('PUT', '/agents/2000/custom-event?eventName=%E0%A4%A');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { message: string }).message).toContain('eventName is not valid percent-encoding');
    const twice = await call('PUT', '/agents/2000/custom-event?eventName=A&data=1&data=2');
    expect(twice.status).toBe(400);
    expect(((await twice.json()) as { message: string }).message).toBe('data is given 2 times; give it once');
    expect((await call('POST', '/agent-sessions?asAgentId=2000&asAgentId=2001')).status).toBe(400);
    expect((await call('GET', '/agent-sessions/2000-session-1/get-next-event?timeout=1&timeout=2')).status).toBe(400);
  });

  it('refuses agents beyond the agent limit with 429', async () => {
    const small = createServer({ clock: new VirtualClock(), tokens: new Map([[admin, { kind: 'admin' }]]), scenario: agents(1), limits: { maxAgents: 2 } });
    const add = (id: string) => Promise.resolve(small.fetch(new Request('http://x/sim/agents', { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ id }) })));
    expect((await add('2001')).status).toBe(201);
    const refused = await add('2002');
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { message: string }).message).toContain('--max-agents');
  });

  it('refuses polls beyond the waiting-poll limit with 429', async () => {
    const { sessionId } = (await (await call('POST', '/agent-sessions/join?asAgentId=2000')).json()) as { sessionId: string };
    await call('GET', `/agent-sessions/${sessionId}/get-next-event?timeout=0`);
    const waiting = [call('GET', `/agent-sessions/${sessionId}/get-next-event?timeout=30`), call('GET', `/agent-sessions/${sessionId}/get-next-event?timeout=30`)];
    const third = await call('GET', `/agent-sessions/${sessionId}/get-next-event?timeout=30`);
    expect(third.status).toBe(429);
    expect(((await third.json()) as { error: string }).error).toBe('TooManyPolls');
    server.shutdown();
    expect((await Promise.all(waiting)).map((r) => r.status)).toEqual([304, 304]);
  });
});

describe('a real server under faults', () => {
  const server = createServer({ clock: new RealClock(), tokens: new Map([[admin, { kind: 'admin' }]]), scenario: agents(4) });
  const served = onRealSocket(server);
  const base = served.base;
  const put = (agent: string, name: string) => fetch(`${base()}/agents/${agent}/custom-event?eventName=${name}`, { method: 'PUT', headers });

  it('a huge header is refused by the HTTP layer and the server keeps serving', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: served.port(), path: '/sim/agents', headers: { ...headers, 'x-filler': 'y'.repeat(128 * 1024) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(431);
    expect((await put('2000', 'After')).status).toBe(202);
  });

  it('a slow client trickling its request does not hold up others', async () => {
    const socket = connect(served.port(), '127.0.0.1');
    const request = `GET /sim/agents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${admin}\r\n\r\n`;
    let sent = 0;
    const trickle = setInterval(() => {
      if (sent < request.length) socket.write(request[sent++] as string);
    }, 5);
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => put('2001', `Fast${i}`)));
    expect(answers.every((r) => r.status === 202)).toBe(true);
    expect(performance.now() - started).toBeLessThan(5000);
    clearInterval(trickle);
    socket.destroy();
  });

  it('concurrent starts and ends of one agent\'s session leave a consistent state and no server error', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        if (i % 2 === 0) return (await fetch(`${base()}/agent-sessions?asAgentId=2002`, { method: 'POST', headers })).status;
        const joined = await fetch(`${base()}/agent-sessions/join?asAgentId=2002`, { method: 'POST', headers });
        if (joined.status !== 202) return joined.status;
        const { sessionId } = (await joined.json()) as { sessionId: string };
        return (await fetch(`${base()}/agent-sessions/${sessionId}`, { method: 'DELETE', headers })).status;
      }),
    );
    expect(statuses.every((s) => [202, 404, 409].includes(s)), String(statuses)).toBe(true);
    const list = (await (await fetch(`http://127.0.0.1:${served.port()}/sim/agents`, { headers })).json()) as { agents: Array<{ id: string; state: string; sessionId: string | null }> };
    const agent = list.agents.find((a) => a.id === '2002');
    expect(agent?.sessionId === null).toBe(agent?.state === 'LoggedOut');
  });

  it('non-JSON and oversized bodies are 400 and 413, and nothing accepted is lost', async () => {
    expect((await fetch(`http://127.0.0.1:${served.port()}/sim/agents`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{"id": ' })).status).toBe(400);
    // The 413 goes out before the client has sent its whole body, so the client may see the socket close first.
    const oversized = await fetch(`http://127.0.0.1:${served.port()}/sim/agents`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ id: 'z', firstName: 'x'.repeat(300_000) }) }).then(
      (response) => response.status,
      () => 'closed',
    );
    expect([413, 'closed']).toContain(oversized);
    const joined = (await (await fetch(`${base()}/agent-sessions/join?asAgentId=2003`, { method: 'POST', headers })).json()) as { sessionId: string };
    for (let i = 0; i < 50; i++) expect((await put('2003', `Kept${i}`)).status).toBe(202);
    const polled = (await (await fetch(`${base()}/agent-sessions/${joined.sessionId}/get-next-event?timeout=1`, { headers })).json()) as { events: Array<{ eventName?: string }> };
    expect(polled.events.filter((e) => e.eventName?.startsWith('Kept'))).toHaveLength(50);
  });
});
