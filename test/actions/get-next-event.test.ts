import { describe, expect, it } from 'vitest';
import { getNextEvent } from '../../src/actions/get-next-event.ts';
import { edges, path, runYaml } from '../helpers/run.ts';

// Vendor pages: https://help.nicecxone.com/content/studio/actionscx/getagentevents/getagentevents.htm
// (Desktop Studio: https://help.incontact.com/Content/Studio/Actions/GETAGENTEVENTS/GETAGENTEVENTS.htm;
// branch table: https://help.nicecxone.com/zh-cn/content/studio/actionscx/getagentevents/getagentevents.htm)

const run = (actions: string, scenario = '') => runYaml(`name: GetNextEventTest\nactions:\n${actions}`, scenario);

const allBranches =
  'OnNewEvents: got, OnNoEvents: none, OnEventMissed: missed, OnSessionEnded: ended, OnInvalidAgentSession: bad_session, OnInvalidSecurityUser: bad_user, OnInvalidTimeout: bad_timeout';

/**
 * Begin -> the security user acts as the monitor 1001 -> join its own session
 * into MonitorSession -> drain (take the login events) -> poll (the
 * GetNextEvent under test) -> one action per outcome.
 */
const monitor = (pollProperties: string, branches = allBranches) => `
  begin: { type: Begin, next: security }
  security: { type: SetSecurityUser, properties: { Agent: "1001" }, next: join }
  join: { type: JoinAgentSession, properties: { SessionId: MonitorSession }, branches: { Success: drain } }
  drain: { type: GetNextEvent, properties: { SessionId: MonitorSession, Timeout: 0 }, branches: { OnNewEvents: poll } }
  poll: { type: GetNextEvent, properties: { ${pollProperties} }, branches: { ${branches} } }
  got: { type: Assign, properties: { Variable: FirstEvent, Value: "{MonitorEvents[1].eventName}: {MonitorEvents[1].data}" }, next: done }
  none: { type: End }
  missed: { type: End }
  ended: { type: End }
  bad_session: { type: End }
  bad_user: { type: End }
  bad_timeout: { type: End }
  other: { type: End }
  done: { type: End }
`;

/** The monitor agent, logged in, with no desktop taking its events. */
const monitorAgent = (extra = '') => `agents: { "1001": { state: Available, polls: false${extra} } }`;

const setup = ['begin.Default', 'security.Default', 'join.Success', 'drain.OnNewEvents'];

describe('GetNextEvent', () => {
  it('follows OnNewEvents at once when events are waiting, storing them in EventMessages by default', () => {
    const report = run(`
  begin: { type: Begin, next: security }
  security: { type: SetSecurityUser, properties: { Agent: "1001" }, next: join }
  join: { type: JoinAgentSession, branches: { Success: poll } }
  poll: { type: GetNextEvent, branches: { OnNewEvents: read, OnNoEvents: done } }
  read: { type: Assign, properties: { Variable: FirstType, Value: "{EventMessages[1].Type}" }, next: done }
  done: { type: End }
`, monitorAgent());
    expect(edges(report)).toEqual(['begin.Default', 'security.Default', 'join.Success', 'poll.OnNewEvents', 'read.Default']);
    expect(report.steps[3]).toMatchObject({ at: 0, next: 'read' });
    expect(report.steps[3]?.notes).toEqual([
      'polls session 1001-session-1 of agent 1001 for up to 10 s',
      'got 2 events (AgentSessionStart, AgentState) into EventMessages (chosen rule: every poll of a session takes from one stream, each event to one poll); SessionId = 1001-session-1.1 for the next poll',
    ]);
    const events = report.variables['EventMessages'] as Array<Record<string, unknown>>;
    expect(events.map((e) => e['Type'])).toEqual(['AgentSessionStart', 'AgentState']);
    expect(events[0]).toMatchObject({ AgentId: '1001', SessionId: '1001-session-1' });
    expect(events[1]).toMatchObject({ CurrentState: 'Available' });
    expect(report.variables['FirstType']).toBe('AgentSessionStart');
  });

  // "Each request ... returns two items: a new session ID, which should be used in the subsequent event poll request" (Session Id is in/out).
  it('stores a new session id for the next poll back in the variable SessionId names, on every answer', () => {
    const report = run(monitor('SessionId: MonitorSession, Timeout: 2, EventMessages: MonitorEvents', 'OnNewEvents: got, OnNoEvents: none'), monitorAgent());
    expect(edges(report)).toEqual([...setup, 'poll.OnNoEvents']);
    // The join gave the session's own id; the drain answered with .1, the poll with .2.
    expect(report.steps[2]?.notes).toEqual(['joined session 1001-session-1, the security user\'s own (agent 1001); MonitorSession = 1001-session-1']);
    expect(report.variables['MonitorSession']).toBe('1001-session-1.2');
  });

  it('settles early with OnNewEvents when an event arrives during the poll, into the variable EventMessages names', () => {
    const report = run(monitor('SessionId: MonitorSession, Timeout: 30, EventMessages: MonitorEvents'), `
${monitorAgent()}
events:
  - { at: 12, agent: "1001", eventName: Supervisor_Note, data: call back later }
`);
    expect(edges(report)).toEqual([...setup, 'poll.OnNewEvents', 'got.Default']);
    expect(report.steps[4]).toMatchObject({ at: 12000, action: 'poll', branch: 'OnNewEvents', next: 'got' });
    expect(report.variables['MonitorEvents']).toEqual([{ IISHost: 'studio-sim', VCHost: 'studio-sim', type: 'CustomEvent', eventName: 'Supervisor_Note', data: 'call back later' }]);
    expect(report.variables['FirstEvent']).toBe('Supervisor_Note: call back later');
    expect(report.elapsedMs).toBe(12000);
    expect(report.agents['1001']?.pending).toEqual([]);
  });

  it('gets a custom event the script itself sent', () => {
    const report = run(`
  begin: { type: Begin, next: security }
  security: { type: SetSecurityUser, properties: { Agent: "1001" }, next: join }
  join: { type: JoinAgentSession, branches: { Success: drain } }
  drain: { type: GetNextEvent, properties: { Timeout: 0 }, branches: { OnNewEvents: send } }
  send: { type: CustomEvent, properties: { TargetAgent: "1001", EventName: Menu_Choice, Data: "pressed 2" }, branches: { Default: poll } }
  poll: { type: GetNextEvent, properties: { Timeout: 10 }, branches: { OnNewEvents: done, OnNoEvents: done } }
  done: { type: End }
`, monitorAgent());
    expect(edges(report)).toEqual(['begin.Default', 'security.Default', 'join.Success', 'drain.OnNewEvents', 'send.Default', 'poll.OnNewEvents']);
    expect(report.steps[5]?.at).toBe(0);
    expect(report.variables['EventMessages']).toEqual([{ IISHost: 'studio-sim', VCHost: 'studio-sim', type: 'CustomEvent', eventName: 'Menu_Choice', data: 'pressed 2' }]);
  });

  it('follows OnNoEvents after Timeout seconds without an event, with an empty list', () => {
    const report = run(monitor('SessionId: MonitorSession, Timeout: 10, EventMessages: MonitorEvents'), monitorAgent());
    expect(edges(report)).toEqual([...setup, 'poll.OnNoEvents']);
    expect(path(report)).toEqual(['begin', 'security', 'join', 'drain', 'poll', 'none']);
    expect(report.steps[4]).toMatchObject({ at: 10000, next: 'none' });
    expect(report.steps[4]?.notes).toEqual(['polls session 1001-session-1 of agent 1001 for up to 10 s', 'no event in 10 s; MonitorEvents is empty; MonitorSession = 1001-session-1.2 for the next poll']);
    expect(report.variables['MonitorEvents']).toEqual([]);
    expect(report.elapsedMs).toBe(10000);
  });

  it('waits 10 s when Timeout is not written', () => {
    const report = run(monitor('SessionId: MonitorSession'), monitorAgent());
    expect(edges(report)).toEqual([...setup, 'poll.OnNoEvents']);
    expect(report.steps[4]?.at).toBe(10000);
  });

  it('leaves an event that comes after the timeout for the next poll', () => {
    const report = run(monitor('SessionId: MonitorSession, Timeout: 5, EventMessages: MonitorEvents'), `
${monitorAgent()}
events:
  - { at: 8, agent: "1001", eventName: Late }
`);
    expect(edges(report)).toEqual([...setup, 'poll.OnNoEvents']);
    expect(report.steps[4]?.at).toBe(5000);
    expect(report.agents['1001']?.pending.map((e) => e['eventName'])).toEqual(['Late']);
  });

  it('follows OnNoEvents at once for Timeout 0 with nothing waiting', () => {
    const report = run(monitor('SessionId: MonitorSession, Timeout: 0'), monitorAgent());
    expect(edges(report)).toEqual([...setup, 'poll.OnNoEvents']);
    expect(report.steps[4]?.at).toBe(0);
  });

  // OnEventMissed: "an event occurred and the poll missed it" (zh-cn page). Chosen: polling with an id older than the newest one handed out.
  it('follows OnEventMissed when polled with an id older than the newest one a poll handed out', () => {
    const report = run(`
  begin: { type: Begin, next: security }
  security: { type: SetSecurityUser, properties: { Agent: "1001" }, next: join }
  join: { type: JoinAgentSession, properties: { SessionId: Joined }, branches: { Success: keep } }
  keep: { type: Assign, properties: { Variable: Current, Value: "{Joined}" }, next: first }
  first: { type: GetNextEvent, properties: { SessionId: Current, Timeout: 0 }, branches: { OnNewEvents: stale } }
  stale: { type: GetNextEvent, properties: { SessionId: Joined, Timeout: 30, EventMessages: Missed }, branches: { OnEventMissed: again, OnNewEvents: done, OnNoEvents: done } }
  again: { type: GetNextEvent, properties: { SessionId: Joined, Timeout: 0 }, branches: { OnNoEvents: done, OnEventMissed: done } }
  done: { type: End }
`, monitorAgent());
    expect(edges(report)).toEqual(['begin.Default', 'security.Default', 'join.Success', 'keep.Default', 'first.OnNewEvents', 'stale.OnEventMissed', 'again.OnNoEvents']);
    expect(report.steps[5]).toMatchObject({ at: 0, next: 'again' });
    expect(report.steps[5]?.notes).toEqual([
      '1001-session-1 is older than the newest id a poll of session 1001-session-1 handed out, so that poll took the events since (chosen rule: a poll with an id older than the newest one handed out for the session missed the events that newer poll took)',
      'Missed is empty; Joined = 1001-session-1.2 for the next poll',
    ]);
    expect(report.variables['Missed']).toEqual([]);
    // Resynchronised: the next poll with the id it got is current again.
    expect(report.variables['Joined']).toBe('1001-session-1.3');
  });

  it('follows OnSessionEnded when the agent logs out while it polls', () => {
    const report = run(monitor('SessionId: MonitorSession, Timeout: 30'), monitorAgent(', logoutAfter: 7'));
    expect(edges(report)).toEqual([...setup, 'poll.OnSessionEnded']);
    expect(path(report)).toEqual(['begin', 'security', 'join', 'drain', 'poll', 'ended']);
    expect(report.steps[4]).toMatchObject({ at: 7000, next: 'ended' });
    expect(report.elapsedMs).toBe(7000);
  });

  it('follows OnSessionEnded at once for a session that has already ended', () => {
    const report = run(`
  begin: { type: Begin, next: security }
  security: { type: SetSecurityUser, properties: { Agent: "1001" }, next: join }
  join: { type: JoinAgentSession, branches: { Success: end_it } }
  end_it: { type: TerminateAgentSession, properties: { AgentId: "1001" }, branches: { OnSuccess: poll } }
  poll: { type: GetNextEvent, properties: { Timeout: 30 }, branches: { OnNewEvents: done, OnNoEvents: done, OnSessionEnded: ended } }
  ended: { type: End }
  done: { type: End }
`, monitorAgent());
    expect(edges(report)).toEqual(['begin.Default', 'security.Default', 'join.Success', 'end_it.OnSuccess', 'poll.OnSessionEnded']);
    expect(report.steps[4]).toMatchObject({ at: 0, notes: ['session 1001-session-1 of agent 1001 has ended'] });
  });

  it('is withdrawn when OnAnswer cuts it short, so a later event stays pending', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: security }
  security: { type: SetSecurityUser, properties: { Agent: "1001" }, next: join }
  join: { type: JoinAgentSession, branches: { Success: drain } }
  drain: { type: GetNextEvent, properties: { Timeout: 0 }, branches: { OnNewEvents: poll } }
  poll: { type: GetNextEvent, properties: { Timeout: 60, EventMessages: Late }, branches: { OnNewEvents: done, OnNoEvents: done } }
  answered: { type: OnAnswer, next: done }
  done: { type: End }
`, `
agents:
  "1001": { state: Available, polls: false }
  "2002": { state: Available, skills: [Support], answerAfter: 5 }
events:
  - { at: 10, agent: "1001", eventName: Note }
`);
    expect(path(report)).toEqual(['begin', 'queue', 'security', 'join', 'drain', 'poll', 'answered', 'done']);
    expect(report.steps[5]).toMatchObject({ at: 5000, interruptedBy: 'OnAnswer', branch: null });
    expect(report.variables['Late']).toBeUndefined();
    expect(report.agents['1001']?.pending.map((e) => e['eventName'])).toEqual(['Note']);
  });

  it('follows OnInvalidAgentSession for a session id nobody has', () => {
    const report = run(monitor('SessionId: Nowhere, Timeout: 10'), `${monitorAgent()}\nvariables: { Nowhere: no-such-session }`);
    expect(edges(report)).toEqual([...setup, 'poll.OnInvalidAgentSession']);
    expect(path(report)).toEqual(['begin', 'security', 'join', 'drain', 'poll', 'bad_session']);
    expect(report.steps[4]).toMatchObject({ at: 0, notes: ['no session has the id no-such-session'] });
  });

  it('follows OnInvalidAgentSession for a poll id no poll has handed out yet', () => {
    const report = run(monitor('SessionId: Ahead, Timeout: 10'), `${monitorAgent()}\nvariables: { Ahead: "1001-session-1.9" }`);
    expect(edges(report)).toEqual([...setup, 'poll.OnInvalidAgentSession']);
  });

  it('follows OnInvalidAgentSession when the SessionId variable is unset', () => {
    const report = run(`
  begin: { type: Begin, next: security }
  security: { type: SetSecurityUser, properties: { Agent: "1001" }, next: poll }
  poll: { type: GetNextEvent, branches: { OnNewEvents: done, OnInvalidAgentSession: bad } }
  bad: { type: End }
  done: { type: End }
`, monitorAgent());
    expect(edges(report)).toEqual(['begin.Default', 'security.Default', 'poll.OnInvalidAgentSession']);
    expect(report.steps[2]?.notes).toEqual(['SessionId is empty: JoinAgentSession stores the session id there']);
  });

  it('follows OnInvalidSecurityUser when no SetSecurityUser filled the SecurityUser variable', () => {
    const report = run(`
  begin: { type: Begin, next: poll }
  poll: { type: GetNextEvent, branches: { OnNewEvents: done, OnInvalidSecurityUser: bad } }
  bad: { type: End }
  done: { type: End }
`);
    expect(edges(report)).toEqual(['begin.Default', 'poll.OnInvalidSecurityUser']);
    expect(report.steps[1]?.notes).toEqual(['SecurityUser holds no security user: run SetSecurityUser first (its Script Variable is SecurityUser)']);
  });

  it('reads the security user from the variable the SecurityUser property names', () => {
    const report = run(monitor('SecurityUser: Forged, SessionId: MonitorSession, Timeout: 10'), `${monitorAgent()}\nvariables: { Forged: "1001" }`);
    expect(edges(report)).toEqual([...setup, 'poll.OnInvalidSecurityUser']);
    expect(report.steps[4]?.notes).toEqual(['Forged holds "1001", which is not a security user SetSecurityUser made']);
  });

  it('follows OnInvalidTimeout for a {Variable} timeout of 90, at once', () => {
    const report = run(monitor('SessionId: MonitorSession, Timeout: "{PollSeconds}"'), `${monitorAgent()}\nvariables: { PollSeconds: 90 }`);
    expect(edges(report)).toEqual([...setup, 'poll.OnInvalidTimeout']);
    expect(path(report)).toEqual(['begin', 'security', 'join', 'drain', 'poll', 'bad_timeout']);
    expect(report.steps[4]).toMatchObject({ at: 0, notes: ['Timeout 90 is not a whole number from 0 to 60'] });
    expect(report.elapsedMs).toBe(0);
  });

  it('follows OnInvalidTimeout for a timeout that is not a whole number', () => {
    const half = run(monitor('SessionId: MonitorSession, Timeout: "{PollSeconds}"'), `${monitorAgent()}\nvariables: { PollSeconds: "2.5" }`);
    expect(edges(half)).toContain('poll.OnInvalidTimeout');
    const text = run(monitor('SessionId: MonitorSession, Timeout: "{PollSeconds}"'), `${monitorAgent()}\nvariables: { PollSeconds: soon }`);
    expect(edges(text)).toContain('poll.OnInvalidTimeout');
  });

  it('falls back to Default for an unwired outcome, recording it', () => {
    const report = run(monitor('SessionId: MonitorSession, Timeout: 3', 'OnNewEvents: got, Default: other'), monitorAgent());
    expect(edges(report)).toEqual([...setup, 'poll.Default']);
    expect(report.steps[4]).toMatchObject({ at: 3000, branch: 'Default', outcome: 'OnNoEvents', next: 'other' });
  });

  it('ends with NoBranch when the outcome and Default are both unwired', () => {
    const report = run(monitor('SessionId: MonitorSession, Timeout: 3', 'OnNewEvents: got'), monitorAgent());
    expect(report.steps[4]).toMatchObject({ at: 3000, branch: null, outcome: 'OnNoEvents', next: null });
    expect(report.reason).toBe('NoBranch');
    expect(report.message).toBe('GetNextEvent "poll" took OnNoEvents, which is not wired, and it has no Default branch, so the contact is stuck there until an event (the caller hanging up, an agent answering, a hold), and nothing is left in the scenario to raise one');
  });

  it('polls again when OnNoEvents leads back to the same GetNextEvent, each time with the id the last answer gave', () => {
    const report = run(monitor('SessionId: MonitorSession, Timeout: 10, EventMessages: MonitorEvents', 'OnNewEvents: got, OnNoEvents: poll, OnEventMissed: missed'), `
${monitorAgent()}
events:
  - { at: 25, agent: "1001", eventName: Supervisor_Note, data: hi }
`);
    expect(edges(report)).toEqual([...setup, 'poll.OnNoEvents', 'poll.OnNoEvents', 'poll.OnNewEvents', 'got.Default']);
    const polls = report.steps.filter((s) => s.action === 'poll');
    expect(polls.map((s) => s.at)).toEqual([10000, 20000, 25000]);
    expect(report.variables['FirstEvent']).toBe('Supervisor_Note: hi');
    expect(report.variables['MonitorSession']).toBe('1001-session-1.4');
  });

  it('declares the name earlier versions used, and the web Studio labels', () => {
    expect(getNextEvent.formerProperties?.['EventMessagesVariable']?.now).toBe('EventMessages');
    expect(getNextEvent.properties['EventMessages']?.label).toBe('Event Messages');
    expect(getNextEvent.properties['SessionId']?.label).toBe('Session Id');
    expect(getNextEvent.properties['SecurityUser']?.schema.default).toBe('SecurityUser');
    expect(getNextEvent.properties['Timeout']?.schema).toMatchObject({ minimum: 0, maximum: 60 });
  });
});
