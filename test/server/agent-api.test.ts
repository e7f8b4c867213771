/**
 * The vendor's agent routes as its agent SDK calls them: CORS, JSON bodies
 * without a Content-Type, agent settings, the agent's state, accepting a
 * contact, and the events an agent session receives.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioText, loadScript } from '../../src/api.ts';
import { VirtualClock } from '../../src/runtime/clock.ts';
import { createServer, type ServerOptions } from '../../src/server/app.ts';
import type { Role } from '../../src/server/tokens.ts';

const admin = 'admin-token-1234';
const agentToken = 'agent-token-1060-abc';
const root = 'http://studio-sim.test';
const base = `${root}/InContactAPI/services/v23.0`;
const appOrigin = 'http://localhost:3000';

function setup(options: Partial<ServerOptions> = {}) {
  const clock = new VirtualClock();
  const scenario = loadScenarioText('agents:\n  "1060": { state: LoggedOut, skills: [Support], answerAfter: 600 }\n  "2002": { state: LoggedOut, skills: [Sales] }\n');
  if (!scenario.ok) throw new Error('bad scenario');
  const script = loadScript('test/fixtures/sdk/scripts/agent-day.yaml');
  if (!script.ok) throw new Error('bad script');
  const tokens = new Map<string, Role>([
    [admin, { kind: 'admin' }],
    [agentToken, { kind: 'agent', agentId: '1060' }],
  ]);
  const server = createServer({ clock, tokens, scenario: scenario.scenario, scripts: new Map([['agent-day', script.compiled]]), ...options });
  /** A request as the SDK sends it: a JSON body with no Content-Type (a browser then says text/plain). */
  const call = (method: string, path: string, options: { token?: string | null; body?: string; headers?: Record<string, string> } = {}) => {
    const token = options.token === undefined ? agentToken : options.token;
    return Promise.resolve(
      server.fetch(
        new Request(path.startsWith('http') ? path : `${base}${path}`, {
          method,
          headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'originating-service-identifier': 'CXoneAgent', ...(options.body !== undefined ? { 'content-type': 'text/plain;charset=UTF-8' } : {}), ...options.headers },
          ...(options.body !== undefined ? { body: options.body } : {}),
        }),
      ),
    );
  };
  const events = async (sessionId: string) => {
    const answer = await call('GET', `/agent-sessions/${sessionId}/get-next-event?timeout=0`);
    return answer.status === 200 ? ((await answer.json()) as { events: Array<Record<string, unknown>> }).events : [];
  };
  const start = async (token: string = agentToken, body = '{"stationId":"station-1","stationPhoneNumber":""}') => {
    const answer = await call('POST', '/agent-sessions', { token, body });
    expect(answer.status).toBe(202);
    return ((await answer.json()) as { sessionId: string }).sessionId;
  };
  return { clock, server, call, events, start };
}

describe('CORS on the vendor routes', () => {
  it('answers a preflight without a token, for the methods and headers the SDK uses', async () => {
    const { call } = setup();
    const preflight = await call('OPTIONS', '/agent-sessions', { token: null, headers: { origin: appOrigin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,originating-service-identifier' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, POST, PUT, DELETE, PATCH');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type, Originating-Service-Identifier');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('lets a browser read every vendor answer, errors included, and leaves other clients\' answers without CORS headers', async () => {
    const { call } = setup();
    const fromBrowser = { headers: { origin: appOrigin } };
    expect((await call('POST', '/agent-sessions', { ...fromBrowser, body: '{"stationId":"s"}' })).headers.get('access-control-allow-origin')).toBe('*');
    const unauthorized = await call('GET', '/agents/1060/agent-settings', { ...fromBrowser, token: null });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('access-control-allow-origin')).toBe('*');
    const unknown = await call('POST', '/agent-sessions/x/dial-phone', fromBrowser);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('access-control-allow-origin')).toBe('*');
    expect(await unknown.json()).toMatchObject({ error: 'NotFound' });
    expect((await call('GET', '/agents/1060/agent-settings')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('never on /sim/ nor on the route that hands the playground its token', async () => {
    const { call } = setup({ adminToken: admin });
    for (const path of [`${root}/sim/agents`, `${root}/playground/token`]) {
      const preflight = await call('OPTIONS', path, { token: null, headers: { origin: appOrigin, 'access-control-request-method': 'GET' } });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      const get = await call('GET', path, { token: admin, headers: { origin: appOrigin } });
      expect(get.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('narrowed to the origins given: those are echoed, others get no CORS headers', async () => {
    const { call } = setup({ corsOrigins: [appOrigin] });
    const allowed = await call('OPTIONS', '/agent-sessions', { token: null, headers: { origin: appOrigin, 'access-control-request-method': 'POST' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(appOrigin);
    expect(allowed.headers.get('vary')).toBe('Origin');
    const other = await call('OPTIONS', '/agent-sessions', { token: null, headers: { origin: 'http://evil.test', 'access-control-request-method': 'POST' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const get = await call('GET', '/agents/1060/agent-settings', { headers: { origin: 'http://evil.test' } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('session bodies as the SDK sends them', () => {
  it('reads a JSON body labelled text/plain; the station goes into AgentSessionStart; the session starts Unavailable', async () => {
    const { start, events } = setup();
    const sessionId = await start(agentToken, '{"stationId":"station-7","stationPhoneNumber":"8015551234"}');
    const [sessionStart, state] = await events(sessionId);
    expect(sessionStart).toMatchObject({ Type: 'AgentSessionStart', AgentId: '1060', SessionId: sessionId, StationId: 'station-7', StationPhoneNumber: '8015551234', BusNo: '1', IISHost: 'studio-sim', VCHost: 'studio-sim' });
    expect(state).toMatchObject({ Type: 'AgentState', CurrentState: 'Unavailable', CurrentOutReason: '', IsAcw: 'False', NextIsAcw: 'False', NextStates: [{ State: 'Available', OutReason: '' }, { State: 'LoggedOut', OutReason: '' }] });
  });

  it('takes asAgentId from the body or the query; empty means the token\'s own agent', async () => {
    const { call } = setup();
    const admins = await call('POST', '/agent-sessions', { token: admin, body: '{"asAgentId":"2002","stationId":"s"}' });
    expect(admins.status).toBe(202);
    expect(await admins.json()).toEqual({ sessionId: '2002-session-1' });
    const joined = await call('POST', '/agent-sessions/join', { token: admin, body: '{"asAgentId":"2002"}' });
    expect(await joined.json()).toEqual({ sessionId: '2002-session-1' });
    // The SDK's joinSession sends "" for the token's own agent.
    expect((await call('POST', '/agent-sessions', { body: '{"stationId":"s"}' })).status).toBe(202);
    expect(await (await call('POST', '/agent-sessions/join', { body: '{"asAgentId":""}' })).json()).toEqual({ sessionId: '106-0-session-2' });
    expect((await call('POST', '/agent-sessions/join', { token: admin, body: '{"asAgentId":""}' })).status).toBe(400);
  });

  it.each([
    ['a body that is not JSON', { body: 'stationId=1' }, 400, 'The body is not JSON'],
    ['a JSON list', { body: '[1]' }, 400, 'must be a JSON object'],
    ['a station that is not text', { body: '{"stationId":{"id":1}}' }, 400, 'stationId must be text'],
    ['another agent\'s id with an agent token', { body: '{"asAgentId":"2002"}' }, 403, 'cannot act as agent 2002'],
    ['asAgentId twice, differently', { token: admin, body: '{"asAgentId":"2002"}', query: '?asAgentId=1060' }, 400, 'give it once'],
    ['an unknown agent', { token: admin, body: '{"asAgentId":"9999"}' }, 404, 'Agent 9999 is not in the simulation'],
  ])('answers %s with %i', async (_name, given, status, message) => {
    const { call } = setup();
    const { query = '', ...options } = given as { token?: string; body: string; query?: string };
    const answer = await call('POST', `/agent-sessions${query}`, options);
    expect(answer.status).toBe(status);
    expect(((await answer.json()) as { message: string }).message).toContain(message);
  });

  it('413 for a body over the limit', async () => {
    const { call } = setup({ limits: { maxBodyBytes: 100 } });
    expect((await call('POST', '/agent-sessions', { body: JSON.stringify({ stationId: 'x'.repeat(200) }) })).status).toBe(413);
  });
});

describe("an agent's day over the vendor's routes", () => {
  it('agent settings: what the SDK reads before it polls, for the token\'s own agent', async () => {
    const { call } = setup();
    const settings = await call('GET', `${root}/InContactAPI/services/v30.0/agents/1060/agent-settings`, { headers: { 'content-type': 'application/json' } });
    expect(settings.status).toBe(200);
    expect(await settings.json()).toMatchObject({ agentId: '1060', EnableUIQueue: false });
    expect((await call('GET', '/agents/2002/agent-settings')).status).toBe(403);
    expect((await call('GET', '/agents/9999/agent-settings', { token: admin })).status).toBe(404);
  });

  it('joining delivers AgentSessionStart and the current AgentState again', async () => {
    const { call, start, events } = setup();
    const sessionId = await start();
    await events(sessionId);
    expect((await call('POST', '/agent-sessions/join', { body: '{"asAgentId":""}' })).status).toBe(202);
    expect((await events(sessionId)).map((e) => `${String(e['Type'])} ${String(e['StationId'] ?? e['CurrentState'])}`)).toEqual(['AgentSessionStart station-1', 'AgentState Unavailable']);
  });

  it('joining during a call describes the call too', async () => {
    const { call, start, events, clock } = setup();
    const sessionId = await start();
    await call('POST', `/agent-sessions/${sessionId}/state`, { body: '{"state":"Available"}' });
    await call('POST', `${root}/sim/contacts`, { token: admin, body: '{"script":"agent-day"}', headers: { 'content-type': 'application/json' } });
    clock.increment(0);
    await call('POST', `/agent-sessions/${sessionId}/interactions/contact-1/accept`);
    clock.increment(0);
    await events(sessionId);
    expect((await call('POST', '/agent-sessions/join', { body: '{}' })).status).toBe(202);
    expect((await events(sessionId)).map((e) => `${String(e['Type'])} ${String(e['CurrentState'] ?? e['Status'] ?? '')}`.trim())).toEqual(['AgentSessionStart', 'AgentState InboundContact', 'CallContactEvent Active']);
  });

  it('sets the state: Unavailable with a reason, Available; refuses anything else', async () => {
    const { call, start, events } = setup();
    const sessionId = await start();
    await events(sessionId);
    expect((await call('POST', `/agent-sessions/${sessionId}/state`, { body: '{"state":"Unavailable","reason":"Lunch"}' })).status).toBe(202);
    expect((await call('POST', `/agent-sessions/${sessionId}/state`, { body: '{"state":"available","reason":""}' })).status).toBe(202);
    expect((await events(sessionId)).map((e) => [e['CurrentState'], e['CurrentOutReason']])).toEqual([
      ['Unavailable', 'Lunch'],
      ['Available', ''],
    ]);
    const bad = await call('POST', `/agent-sessions/${sessionId}/state`, { body: '{"state":"Busy"}' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('state must be Available or Unavailable');
    expect((await call('POST', '/agent-sessions/nope/state', { body: '{"state":"Available"}' })).status).toBe(404);
  });

  it('offers a contact as a CallContactEvent the SDK parses, accepts it, and OnAnswer runs', async () => {
    const { call, start, events, server, clock } = setup();
    const sessionId = await start();
    await call('POST', `/agent-sessions/${sessionId}/state`, { body: '{"state":"Available"}' });
    await events(sessionId);
    const contact = await call('POST', `${root}/sim/contacts`, { token: admin, body: '{"script":"agent-day"}', headers: { 'content-type': 'application/json' } });
    const { contactId } = (await contact.json()) as { contactId: string };
    clock.increment(0);
    const offered = await events(sessionId);
    expect(offered.map((e) => e['Type'] ?? e['eventName'])).toEqual(['Caller_Arrived', 'AgentState', 'CallContactEvent']);
    expect(offered[2]).toMatchObject({ ContactID: contactId, MasterID: contactId, Status: 'Incoming', CallType: 'Regular', IsInbound: 'True', Skill: '1', OriginalState: 'True', FinalState: 'False', ScreenPopUrl: '', DisconnectCode: '' });
    expect(Number.isNaN(Date.parse(String(offered[2]?.['LastStateChangeTimeUTC'])))).toBe(false);
    // Not while a contact rings.
    expect((await call('POST', `/agent-sessions/${sessionId}/state`, { body: '{"state":"Unavailable"}' })).status).toBe(409);
    expect((await call('POST', `/agent-sessions/${sessionId}/interactions/contact-99/accept`)).status).toBe(404);
    expect((await call('POST', `/agent-sessions/${sessionId}/interactions/${contactId}/accept`)).status).toBe(202);
    expect((await call('POST', `/agent-sessions/${sessionId}/interactions/${contactId}/accept`)).status).toBe(409);
    clock.increment(0);
    const answered = await events(sessionId);
    expect(answered.map((e) => e['Status'] ?? e['eventName'])).toEqual(['Active', 'Caller_Info']);
    expect(server.world.contacts[0]?.done).toBe(false);
  });

  it('holds, resumes and ends the answered contact: OnHold and OnRelease run, and the last event is final', async () => {
    const { call, start, events, server, clock } = setup();
    const sessionId = await start();
    await call('POST', `/agent-sessions/${sessionId}/state`, { body: '{"state":"Available"}' });
    await call('POST', `${root}/sim/contacts`, { token: admin, body: '{"script":"agent-day"}', headers: { 'content-type': 'application/json' } });
    clock.increment(0);
    const contactId = 'contact-1';
    const control = (action: string, id = contactId) => call('POST', `/agent-sessions/${sessionId}/interactions/${id}/${action}`).then((r) => r.status);
    expect(await control('hold')).toBe(409);
    expect(await control('accept')).toBe(202);
    clock.increment(0);
    await events(sessionId);
    expect(await control('resume')).toBe(409);
    expect(await control('hold')).toBe(202);
    expect(await control('hold')).toBe(409);
    clock.increment(0);
    expect((await events(sessionId)).map((e) => e['Status'] ?? e['eventName'])).toEqual(['Holding', 'Caller_On_Hold']);
    expect(await control('resume')).toBe(202);
    clock.increment(0);
    expect((await events(sessionId)).map((e) => e['Status'] ?? e['eventName'])).toEqual(['Active']);
    expect(await control('end', 'contact-9')).toBe(404);
    expect(await control('end')).toBe(202);
    clock.increment(0);
    const ended = await events(sessionId);
    expect(ended.map((e) => e['Status'] ?? e['CurrentState'] ?? e['eventName'])).toEqual(['Disconnected', 'Available', 'Caller_Released']);
    expect(ended[0]).toMatchObject({ FinalState: 'True', DisconnectCode: 'None' });
    expect(await control('end')).toBe(404);
    expect(server.world.contacts[0]?.done).toBe(true);
  });

  it('AgentSessionEnd reaches the poll after DELETE with the SDK\'s body, then 409', async () => {
    const { call, start, events } = setup();
    const sessionId = await start();
    await events(sessionId);
    expect((await call('DELETE', `/agent-sessions/${sessionId}`, { body: '{"forceLogoff":true,"endContacts":true,"ignorePersonalQueue":false}' })).status).toBe(202);
    expect((await events(sessionId)).map((e) => e['Type'])).toEqual(['AgentSessionEnd']);
    expect((await call('GET', `/agent-sessions/${sessionId}/get-next-event?timeout=0`)).status).toBe(409);
  });
});
