import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/runtime/clock.ts';
import { createServer } from '../../src/server/app.ts';
import type { Role } from '../../src/server/tokens.ts';
import { loadScenarioText, loadScript } from '../../src/api.ts';

const admin = 'admin-token-1234';
const annToken = 'agent-token-ann-2002';
const base = 'http://studio-sim.test/incontactapi/services/v30.0';

function setup() {
  const clock = new VirtualClock();
  const scenario = loadScenarioText('agents:\n  "1001": { state: LoggedOut }\n  "2002": { state: Available, skills: [Support] }\n');
  if (!scenario.ok) throw new Error('bad scenario');
  const script = loadScript('scripts/first-custom-event.yaml');
  if (!script.ok) throw new Error('bad script');
  const tokens = new Map<string, Role>([
    [admin, { kind: 'admin' }],
    [annToken, { kind: 'agent', agentId: '2002' }],
  ]);
  const server = createServer({ clock, tokens, scenario: scenario.scenario, scripts: new Map([['first-custom-event', script.compiled]]) });
  const call = (method: string, path: string, token: string | null = admin, body?: unknown) =>
    Promise.resolve(
      server.fetch(
        new Request(path.startsWith('http') ? path : `${base}${path}`, {
          method,
          headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
          ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
        }),
      ),
    );
  return { clock, server, call };
}

function emptyScenarioWithAgent() {
  const scenario = loadScenarioText('agents: { "2002": { state: Available } }');
  if (!scenario.ok) throw new Error('bad scenario');
  return scenario.scenario;
}

describe('custom-event', () => {
  it('accepts the vendor example unchanged: 202, queued for a connected agent', async () => {
    const { call } = setup();
    const response = await call('PUT', '/agents/2002/custom-event?eventName=From_Postman&persistInMemory=false&data=Sent_from_Postman');
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ delivery: 'queued' });
  });

  it('follows the CustomEvent rules: persisted or dropped for a logged-out agent', async () => {
    const { call, server } = setup();
    expect(await (await call('PUT', '/agents/1001/custom-event?eventName=A&persistInMemory=true&data=x')).json()).toEqual({ delivery: 'persisted' });
    expect(await (await call('PUT', '/agents/1001/custom-event?eventName=B&persistInMemory=FALSE')).json()).toEqual({ delivery: 'dropped' });
    expect(server.world.stream.pending('1001').map((e) => e['eventName'])).toEqual(['A']);
  });

  it.each([
    ['no eventName', '/agents/2002/custom-event?persistInMemory=true', 400, 'eventName is required'],
    ['persistInMemory yes', '/agents/2002/custom-event?eventName=A&persistInMemory=yes', 400, 'persistInMemory must be true or false'],
    ['an unknown agent', '/agents/9999/custom-event?eventName=A', 404, 'Agent 9999 is not in the simulation'],
    ['40,000 characters of data', `/agents/2002/custom-event?eventName=A&data=${'x'.repeat(40_000)}`, 400, 'over the limit'],
  ])('PUT with %s answers %i', async (_what, path, status, message) => {
    const { call } = setup();
    const response = await call('PUT', path);
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: string; message: string };
    expect(body.message).toContain(message);
  });

  it('answers 429 when the agent already holds the most undelivered events allowed', async () => {
    const clock = new VirtualClock();
    const server = createServer({ clock, tokens: new Map([[admin, { kind: 'admin' }]]), scenario: emptyScenarioWithAgent(), maxPendingEvents: 3 });
    const put = (name: string) => Promise.resolve(server.fetch(new Request(`${base}/agents/2002/custom-event?eventName=${name}`, { method: 'PUT', headers: { authorization: `Bearer ${admin}` } })));
    expect((await put('A')).status).toBe(202);
    const refused = await put('B');
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { message: string }).message).toContain('--max-pending-events');
    expect((await put('A')).status).toBe(202);
  });

  it('takes any version and any case of the base path', async () => {
    const { call } = setup();
    expect((await call('PUT', 'http://x/InContactAPI/services/v12.0/agents/2002/custom-event?eventName=A')).status).toBe(202);
    expect((await call('PUT', 'http://x/incontactapi/services/v30/agents/2002/custom-event?eventName=A')).status).toBe(404);
    expect((await call('PUT', 'http://x/api/agents/2002/custom-event?eventName=A')).status).toBe(404);
  });
});

describe('auth', () => {
  it('401 without a token or with a wrong one, as JSON', async () => {
    const { call } = setup();
    const missing = await call('GET', 'http://x/sim/agents', null);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect(await missing.json()).toMatchObject({ error: 'Unauthorized' });
    expect((await call('GET', 'http://x/sim/agents', 'wrong-token-9999')).status).toBe(401);
  });

  it('an agent token acts for its own agent only', async () => {
    const { call } = setup();
    const started = await call('POST', '/agent-sessions', annToken);
    expect(started.status).toBe(202);
    const { sessionId } = (await started.json()) as { sessionId: string };
    expect((await call('POST', '/agent-sessions?asAgentId=1001', annToken)).status).toBe(403);
    const other = (await (await call('POST', '/agent-sessions?asAgentId=1001')).json()) as { sessionId: string };
    expect((await call('GET', `/agent-sessions/${other.sessionId}/get-next-event?timeout=0`, annToken)).status).toBe(403);
    expect((await call('DELETE', `/agent-sessions/${other.sessionId}`, annToken)).status).toBe(403);
    expect((await call('GET', `/agent-sessions/${sessionId}/get-next-event?timeout=0`, annToken)).status).toBe(200);
    expect((await call('GET', 'http://x/sim/agents', annToken)).status).toBe(403);
  });
});

describe('agent sessions and get-next-event', () => {
  it('start delivers AgentSessionStart, persisted events, then AgentState', async () => {
    const { call } = setup();
    await call('PUT', '/agents/1001/custom-event?eventName=Kept&persistInMemory=true&data=1');
    const { sessionId } = (await (await call('POST', '/agent-sessions?asAgentId=1001')).json()) as { sessionId: string };
    const poll = await call('GET', `/agent-sessions/${sessionId}/get-next-event?timeout=0`);
    expect(poll.status).toBe(200);
    const body = (await poll.json()) as { sessionId: string; events: Array<Record<string, string>> };
    expect(body.sessionId).toBe(sessionId);
    expect(body.events.map((e) => e['Type'] ?? e['eventName'])).toEqual(['AgentSessionStart', 'Kept', 'AgentState']);
  });

  it('a long poll answers when an event arrives, 304 when its timeout passes', async () => {
    const { call, clock } = setup();
    const { sessionId } = (await (await call('POST', '/agent-sessions/join?asAgentId=2002')).json()) as { sessionId: string };
    await call('GET', `/agent-sessions/${sessionId}/get-next-event?timeout=0`);
    const waiting = call('GET', `/agent-sessions/${sessionId}/get-next-event?timeout=30`);
    clock.increment(5000);
    await call('PUT', '/agents/2002/custom-event?eventName=Hello&data=hi');
    clock.increment(0);
    const answered = await waiting;
    expect(answered.status).toBe(200);
    expect(((await answered.json()) as { events: unknown[] }).events).toEqual([{ IISHost: 'studio-sim', VCHost: 'studio-sim', type: 'CustomEvent', eventName: 'Hello', data: 'hi' }]);
    const quiet = call('GET', `/agent-sessions/${sessionId}/get-next-event?timeout=2`);
    clock.increment(2000);
    expect((await quiet).status).toBe(304);
  });

  it('overlapping polls each get different events, none twice', async () => {
    const { call, clock } = setup();
    const { sessionId } = (await (await call('POST', '/agent-sessions/join?asAgentId=2002')).json()) as { sessionId: string };
    await call('GET', `/agent-sessions/${sessionId}/get-next-event?timeout=0`);
    const first = call('GET', `/agent-sessions/${sessionId}/get-next-event?timeout=60`);
    const second = call('GET', `/agent-sessions/${sessionId}/get-next-event?timeout=60`);
    await call('PUT', '/agents/2002/custom-event?eventName=One');
    clock.increment(0);
    await call('PUT', '/agents/2002/custom-event?eventName=Two');
    clock.increment(0);
    const names = async (r: Promise<Response>) => ((await (await r).json()) as { events: Array<{ eventName: string }> }).events.map((e) => e.eventName);
    expect([await names(first), await names(second)]).toEqual([['One'], ['Two']]);
  });

  it('a client that leaves mid-poll loses nothing', async () => {
    const { server, clock, call } = setup();
    const { sessionId } = (await (await call('POST', '/agent-sessions/join?asAgentId=2002')).json()) as { sessionId: string };
    await call('GET', `/agent-sessions/${sessionId}/get-next-event?timeout=0`);
    const controller = new AbortController();
    const leaving = Promise.resolve(server.fetch(new Request(`${base}/agent-sessions/${sessionId}/get-next-event?timeout=60`, { headers: { authorization: `Bearer ${admin}` }, signal: controller.signal })));
    controller.abort();
    expect((await leaving).status).toBe(499);
    await call('PUT', '/agents/2002/custom-event?eventName=Kept');
    clock.increment(0);
    const next = await call('GET', `/agent-sessions/${sessionId}/get-next-event?timeout=0`);
    expect(((await next.json()) as { events: Array<{ eventName: string }> }).events.map((e) => e.eventName)).toEqual(['Kept']);
  });

  it('AgentSessionEnd, then 409 for an ended session, 404 for an unknown one, 400 for a bad timeout', async () => {
    const { call, clock } = setup();
    const { sessionId } = (await (await call('POST', '/agent-sessions/join?asAgentId=2002')).json()) as { sessionId: string };
    await call('GET', `/agent-sessions/${sessionId}/get-next-event?timeout=0`);
    const waiting = call('GET', `/agent-sessions/${sessionId}/get-next-event?timeout=60`);
    const other = call('GET', `/agent-sessions/${sessionId}/get-next-event?timeout=60`);
    expect((await call('DELETE', `/agent-sessions/${sessionId}`)).status).toBe(202);
    clock.increment(0);
    // The first poll to find the session ended hears it from AgentSessionEnd; the others, and every later one, get 409.
    const farewell = await waiting;
    expect(farewell.status).toBe(200);
    expect(await farewell.json()).toEqual({ sessionId, events: [{ Type: 'AgentSessionEnd', Message: 'The agent session has ended', Success: 'True', IISHost: 'studio-sim', VCHost: 'studio-sim' }] });
    expect((await other).status).toBe(409);
    expect((await call('GET', `/agent-sessions/${sessionId}/get-next-event?timeout=1`)).status).toBe(409);
    expect((await call('DELETE', `/agent-sessions/${sessionId}`)).status).toBe(409);
    expect((await call('GET', '/agent-sessions/nope/get-next-event?timeout=1')).status).toBe(404);
    for (const bad of ['61', '-1', 'ten', '1.5']) expect((await call('GET', `/agent-sessions/${sessionId}/get-next-event?timeout=${bad}`)).status).toBe(400);
    expect((await call('POST', '/agent-sessions/join?asAgentId=2002')).status).toBe(404);
    expect((await call('POST', '/agent-sessions')).status).toBe(400);
  });
});

describe('/sim', () => {
  it('adds agents, logs them in and out, lists them', async () => {
    const { call } = setup();
    const added = await call('POST', 'http://x/sim/agents', admin, { id: '3003', skills: ['Sales'], firstName: 'Cy' });
    expect(added.status).toBe(201);
    expect((await call('POST', 'http://x/sim/agents', admin, { id: '3003' })).status).toBe(409);
    expect((await call('POST', 'http://x/sim/agents', admin, { id: '4004', state: 'Busy' })).status).toBe(400);
    expect((await call('POST', 'http://x/sim/agents/3003/login')).status).toBe(200);
    const list = (await (await call('GET', 'http://x/sim/agents')).json()) as { agents: Array<{ id: string; state: string }> };
    expect(list.agents.map((a) => `${a.id}:${a.state}`)).toEqual(['1001:LoggedOut', '2002:Available', '3003:Available']);
    expect(await (await call('POST', 'http://x/sim/agents/3003/logout')).json()).toEqual({ loggedOut: true });
  });

  it('runs a contact on a loaded script; its report is retrievable', async () => {
    const { call, clock } = setup();
    const started = await call('POST', 'http://x/sim/contacts', admin, { script: 'first-custom-event', scenario: { caller: { ani: '5550000' } } });
    expect(started.status).toBe(201);
    const { contactId } = (await started.json()) as { contactId: string };
    clock.increment(0);
    const report = (await (await call('GET', `http://x/sim/contacts/${contactId}`)).json()) as { done: boolean; reason: string; customEvents: Array<{ delivery: string; data: string }> };
    expect(report).toMatchObject({ done: true, reason: 'Hangup' });
    expect(report.customEvents).toMatchObject([{ delivery: 'persisted', data: 'Call from 5550000 to 8005550100' }]);
  });

  it('refuses bad bodies and unknown scripts with JSON errors', async () => {
    const { call } = setup();
    expect((await call('POST', 'http://x/sim/contacts', admin, '{not json')).status).toBe(400);
    expect((await call('POST', 'http://x/sim/contacts', admin, { script: 'nope' })).status).toBe(400);
    expect((await call('POST', 'http://x/sim/contacts', admin, { script: 'first-custom-event', scenario: { caler: {} } })).status).toBe(400);
    const big = await call('POST', 'http://x/sim/agents', admin, { id: 'x', firstName: 'y'.repeat(300_000) });
    expect(big.status).toBe(413);
    const unknown = await call('GET', 'http://x/nothing/here');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: 'NotFound' });
    expect((await call('GET', `http://x/sim/agents?${'q'.repeat(70_000)}`)).status).toBe(414);
  });

  it('reset puts the agents back as the scenario had them', async () => {
    const { call } = setup();
    await call('POST', 'http://x/sim/agents/1001/login');
    await call('POST', 'http://x/sim/reset');
    const list = (await (await call('GET', 'http://x/sim/agents')).json()) as { agents: Array<{ id: string; state: string }> };
    expect(list.agents.map((a) => `${a.id}:${a.state}`)).toEqual(['1001:LoggedOut', '2002:Available']);
  });
});
