/**
 * The vendor's agent SDK, unmodified, runs an agent's day against the real
 * `studio-sim serve` on loopback, in Node: only browser globals are shimmed
 * (see browser-globals.ts); its poll loop runs its own worker code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installBrowserGlobals, runningWorkers, stopWorkers } from './browser-globals.ts';
import { agentId, agentToken, eventually as waitFor, startSdkServer, type SdkServer } from './harness.ts';
import { sdkBundleFile } from './sdk-bundle.ts';
import type { AgentSdk, AgentStateEvent, CallContactEvent, RawEvent, SessionChange } from './sdk-types.ts';

let server: SdkServer;
let root = '';
let sdk: AgentSdk;

/** What the SDK hands the app, in order of arrival. */
const seen = { events: [] as RawEvent[], states: [] as AgentStateEvent[], calls: [] as CallContactEvent[], sessions: [] as SessionChange[], screenPops: [] as unknown[] };

/** Waits until `found` returns something, failing with the events the SDK saw. */
const eventually = <T>(what: string, found: () => T | undefined): Promise<T> => waitFor(what, found, () => `events ${JSON.stringify(seen.events.map((e) => e['Type'] ?? e['eventName']))}`, 15_000);

beforeAll(async () => {
  server = await startSdkServer();
  root = server.root;
  installBrowserGlobals();
  sdk = (await import(await sdkBundleFile())) as AgentSdk;
  // An agent application first becomes the leader among its tabs: only the leader polls.
  const leader = sdk.CXoneLeaderElector.instance;
  await new Promise<void>((resolve) => {
    leader.onLeaderChanged.subscribe((isLeader) => isLeader && resolve());
    leader.start();
  });
  // The SDK's documented hook for a token and base URL obtained without its sign-in.
  sdk.ACDSessionManager.instance.initialize(agentToken, { acdApiBaseUri: root }, { icAgentId: agentId });
  sdk.AdminService.instance.initialize(agentToken, { acdApiBaseUri: root }, { icAgentId: agentId });
  // The ACD SDK's agent state service reads its base URL and token from the auth SDK's own setters.
  sdk.CXoneAuth.instance.setCXoneConfig({ acdApiBaseUri: root });
  sdk.CXoneAuth.instance.setAuthToken({ accessToken: agentToken });
  const session = sdk.ACDSessionManager.instance;
  session.onGetNextEvent.subscribe((events) => seen.events.push(...events));
  session.agentStateSubject.subscribe((state) => seen.states.push(state));
  session.callContactEventSubject.subscribe((call) => seen.calls.push(call));
  session.onAgentSessionChange.subscribe((change) => seen.sessions.push(change));
  session.screenPopSubject.subscribe((pop) => seen.screenPops.push(pop));
}, 120_000);

afterAll(async () => {
  stopWorkers();
  expect(await server?.stop()).toBe(0);
});

describe("the vendor's agent SDK in Node", () => {
  it('starts a session and polls by itself: AgentSessionStart with its station, then AgentState Unavailable', async () => {
    const started = await sdk.ACDSessionManager.instance.startSession({ stationId: 'station-1060', stationPhoneNumber: '' });
    expect(started.status).toBe(202);
    const sessionId = String(started.data['sessionId']);
    // The SDK retries a failed poll at its URL with the first "60" rewritten: the id must have none.
    expect(sessionId).not.toContain('60');
    const start = await eventually('AgentSessionStart', () => seen.sessions.find((change) => change.status === 'SessionStart'));
    expect(start.data).toMatchObject({ agentId, sessionId, stationId: 'station-1060', iisHost: 'studio-sim' });
    const state = await eventually('an AgentState', () => seen.states[0]);
    expect(state.currentState).toMatchObject({ state: 'Unavailable', reason: '', isACW: false });
    expect(state.nextState).toEqual({ state: 'Available', reason: '', isACW: false });
    expect(runningWorkers()).toBe(1);
  });

  it('receives the documented custom-event PUT', async () => {
    const put = await server.customEvent('From_Postman', 'Sent_from_Postman');
    expect(put.status).toBe(202);
    const event = await eventually('the custom event', () => seen.events.find((e) => e['eventName'] === 'From_Postman'));
    expect(event).toEqual({ IISHost: 'studio-sim', VCHost: 'studio-sim', type: 'CustomEvent', eventName: 'From_Postman', data: 'Sent_from_Postman' });
  });

  it('goes Unavailable with a reason, then Available', async () => {
    const states = sdk.AgentStateService.instance;
    expect((await states.setAgentState({ state: 'Unavailable', reason: 'Lunch' })).status).toBe(202);
    const lunch = await eventually('Unavailable (Lunch)', () => seen.states.find((s) => s.currentState.reason === 'Lunch'));
    expect(lunch.currentState.state.toLowerCase()).toBe('unavailable');
    expect((await states.setAgentState({ state: 'Available', reason: '' })).status).toBe(202);
    await eventually('Available', () => seen.states.find((s) => s.currentState.state.toLowerCase() === 'available'));
  });

  it('gets a ringing contact raised by a running script, answers it, and OnAnswer\'s event arrives', async () => {
    const { status, contactId } = await server.startContact('agent-day');
    expect(status).toBe(201);
    const arrived = await eventually("the script's CustomEvent", () => seen.events.find((e) => e['eventName'] === 'Caller_Arrived'));
    expect(arrived['data']).toMatch(/^Caller \S* arrived$/);
    const ringing = await eventually('the contact ringing', () => seen.calls.find((c) => c.status === 'Incoming'));
    expect(ringing).toMatchObject({ contactId, masterId: contactId, callType: 'Regular', isInbound: true, skill: '1', originalState: true, finalState: false, screenPopUrl: '' });
    expect(ringing.startTimeUtc).toBeInstanceOf(Date);
    expect(Number.isNaN(ringing.lastStateChangeTimeUtc.getTime())).toBe(false);
    expect(seen.screenPops).toEqual([]);
    const inContact = await eventually('InboundContact', () => seen.states.find((s) => s.currentState.state === 'Working' || s.currentState.state === 'InboundContact'));
    expect(inContact).toBeDefined();

    expect((await new sdk.ContactService().acceptContact(contactId)).status).toBe(202);
    await eventually('the contact Active', () => seen.calls.find((c) => c.contactId === contactId && c.status === 'Active'));
    const info = await eventually("OnAnswer's CustomEvent", () => seen.events.find((e) => e['eventName'] === 'Caller_Info'));
    expect(info).toMatchObject({ type: 'CustomEvent', data: expect.stringMatching(/^ANI /) });
  });

  it("holds the call (the script's OnHold runs), resumes it, and ends it (OnRelease runs, the contact is final)", async () => {
    const ringing = seen.calls.find((c) => c.status === 'Incoming');
    const contactId = ringing?.contactId ?? '';
    const voice = new sdk.VoiceControlService();
    expect((await voice.holdContact(contactId)).status).toBe(202);
    await eventually('the contact Holding', () => seen.calls.find((c) => c.contactId === contactId && c.status === 'Holding'));
    await eventually("OnHold's CustomEvent", () => seen.events.find((e) => e['eventName'] === 'Caller_On_Hold'));
    expect((await voice.resumeContact(contactId)).status).toBe(202);
    await eventually('the contact Active again', () => seen.calls.filter((c) => c.contactId === contactId && c.status === 'Active').length === 2);
    expect((await voice.endContact(contactId)).status).toBe(202);
    const gone = await eventually('the contact Disconnected', () => seen.calls.find((c) => c.contactId === contactId && c.status === 'Disconnected'));
    expect(gone).toMatchObject({ finalState: true, disconnectCode: 'None' });
    await eventually("OnRelease's CustomEvent", () => seen.events.find((e) => e['eventName'] === 'Caller_Released'));
    await eventually('Available after the call', () => seen.states.at(-1)?.currentState.state.toLowerCase() === 'available');
  });

  it('ends the session: AgentSessionEnd reaches the app and the poll loop stops', async () => {
    const ended = await sdk.ACDSessionManager.instance.endSession({ forceLogoff: true, endContacts: true, ignorePersonalQueue: false });
    expect(ended.status).toBe(202);
    await eventually('SessionEnd', () => seen.sessions.find((change) => change.status === 'SessionEnd'));
    await eventually('the poll worker stopped', () => runningWorkers() === 0);
    expect((await server.agents()).find((a) => a.id === agentId)).toMatchObject({ state: 'LoggedOut', sessionId: null });
  });
});
