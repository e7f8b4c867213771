import { describe, expect, it } from 'vitest';
import { edges, path, runYaml } from '../helpers/run.ts';

const run = (actions: string, scenario = '') => runYaml(`name: GetNextEventTest\nactions:\n${actions}`, scenario);

const allBranches = 'OnNewEvents: got, OnNoEvents: none, OnSessionEnded: ended, OnInvalidAgentSession: bad_session, OnInvalidTimeout: bad_timeout';

/**
 * Begin -> join the monitor 1001's session -> drain (take the login events)
 * -> poll (the GetNextEvent under test) -> one action per outcome.
 */
const monitor = (pollProperties: string, branches = allBranches) => `
  begin: { type: Begin, next: join }
  join: { type: JoinAgentSession, properties: { AgentId: "1001", SessionIdVariable: MonitorSession }, branches: { Success: drain } }
  drain: { type: GetNextEvent, properties: { SessionId: "{MonitorSession}", Timeout: 0 }, branches: { OnNewEvents: poll } }
  poll: { type: GetNextEvent, properties: { ${pollProperties} }, branches: { ${branches} } }
  got: { type: Assign, properties: { Variable: FirstEvent, Value: "{MonitorEvents[1].eventName}: {MonitorEvents[1].data}" }, next: done }
  none: { type: End }
  ended: { type: End }
  bad_session: { type: End }
  bad_timeout: { type: End }
  other: { type: End }
  done: { type: End }
`;

/** The monitor agent, logged in, with no desktop taking its events. */
const monitorAgent = (extra = '') => `agents: { "1001": { state: Available, polls: false${extra} } }`;

describe('GetNextEvent', () => {
  it('follows OnNewEvents at once when events are waiting, storing them in EventMessages', () => {
    const report = run(`
  begin: { type: Begin, next: join }
  join: { type: JoinAgentSession, properties: { AgentId: "1001" }, branches: { Success: poll } }
  poll: { type: GetNextEvent, branches: { OnNewEvents: read, OnNoEvents: done } }
  read: { type: Assign, properties: { Variable: FirstType, Value: "{EventMessages[1].Type}" }, next: done }
  done: { type: End }
`, monitorAgent());
    expect(edges(report)).toEqual(['begin.Default', 'join.Success', 'poll.OnNewEvents', 'read.Default']);
    expect(report.steps[2]).toMatchObject({ at: 0, next: 'read' });
    expect(report.steps[2]?.notes).toEqual([
      'polls session 1001-session-1 of agent 1001 for up to 10 s',
      'got 2 events (AgentSessionStart, AgentState) into EventMessages (chosen rule: every poll of a session takes from one stream, each event to one poll)',
    ]);
    const events = report.variables['EventMessages'] as Array<Record<string, unknown>>;
    expect(events.map((e) => e['Type'])).toEqual(['AgentSessionStart', 'AgentState']);
    expect(events[0]).toMatchObject({ AgentId: '1001', SessionId: '1001-session-1' });
    expect(events[1]).toMatchObject({ CurrentState: 'Available' });
    expect(report.variables['FirstType']).toBe('AgentSessionStart');
  });

  it('settles early with OnNewEvents when an event arrives during the poll, readable as {MonitorEvents[1].eventName}', () => {
    const report = run(monitor('SessionId: "{MonitorSession}", Timeout: 30, EventMessagesVariable: MonitorEvents'), `
${monitorAgent()}
events:
  - { at: 12, agent: "1001", eventName: Supervisor_Note, data: call back later }
`);
    expect(edges(report)).toEqual(['begin.Default', 'join.Success', 'drain.OnNewEvents', 'poll.OnNewEvents', 'got.Default']);
    expect(report.steps[3]).toMatchObject({ at: 12000, action: 'poll', branch: 'OnNewEvents', next: 'got' });
    expect(report.steps[3]?.notes).toEqual([
      'polls session 1001-session-1 of agent 1001 for up to 30 s',
      'got 1 event (Supervisor_Note) into MonitorEvents (chosen rule: every poll of a session takes from one stream, each event to one poll)',
    ]);
    expect(report.variables['MonitorEvents']).toEqual([{ IISHost: 'studio-sim', VCHost: 'studio-sim', type: 'CustomEvent', eventName: 'Supervisor_Note', data: 'call back later' }]);
    expect(report.variables['FirstEvent']).toBe('Supervisor_Note: call back later');
    expect(report.elapsedMs).toBe(12000);
    expect(report.agents['1001']?.pending).toEqual([]);
  });

  it('gets a custom event the script itself sent', () => {
    const report = run(`
  begin: { type: Begin, next: join }
  join: { type: JoinAgentSession, properties: { AgentId: "1001" }, branches: { Success: drain } }
  drain: { type: GetNextEvent, properties: { Timeout: 0 }, branches: { OnNewEvents: send } }
  send: { type: CustomEvent, properties: { TargetAgent: "1001", EventName: Menu_Choice, Data: "pressed 2" }, branches: { Default: poll } }
  poll: { type: GetNextEvent, properties: { Timeout: 10 }, branches: { OnNewEvents: done, OnNoEvents: done } }
  done: { type: End }
`, monitorAgent());
    expect(edges(report)).toEqual(['begin.Default', 'join.Success', 'drain.OnNewEvents', 'send.Default', 'poll.OnNewEvents']);
    expect(report.steps[4]?.at).toBe(0);
    expect(report.variables['EventMessages']).toEqual([{ IISHost: 'studio-sim', VCHost: 'studio-sim', type: 'CustomEvent', eventName: 'Menu_Choice', data: 'pressed 2' }]);
  });

  it('follows OnNoEvents after Timeout seconds without an event', () => {
    const report = run(monitor('SessionId: "{MonitorSession}", Timeout: 10, EventMessagesVariable: MonitorEvents'), monitorAgent());
    expect(edges(report)).toEqual(['begin.Default', 'join.Success', 'drain.OnNewEvents', 'poll.OnNoEvents']);
    expect(path(report)).toEqual(['begin', 'join', 'drain', 'poll', 'none']);
    expect(report.steps[3]).toMatchObject({ at: 10000, next: 'none', notes: ['polls session 1001-session-1 of agent 1001 for up to 10 s'] });
    expect(report.variables['MonitorEvents']).toBeUndefined();
    expect(report.elapsedMs).toBe(10000);
  });

  it('leaves an event that comes after the timeout for the next poll', () => {
    const report = run(monitor('SessionId: "{MonitorSession}", Timeout: 5, EventMessagesVariable: MonitorEvents'), `
${monitorAgent()}
events:
  - { at: 8, agent: "1001", eventName: Late }
`);
    expect(edges(report)).toEqual(['begin.Default', 'join.Success', 'drain.OnNewEvents', 'poll.OnNoEvents']);
    expect(report.steps[3]?.at).toBe(5000);
    expect(report.agents['1001']?.pending.map((e) => e['eventName'])).toEqual(['Late']);
  });

  it('follows OnNoEvents at once for Timeout 0 with nothing waiting', () => {
    const report = run(monitor('SessionId: "{MonitorSession}", Timeout: 0'), monitorAgent());
    expect(edges(report)).toEqual(['begin.Default', 'join.Success', 'drain.OnNewEvents', 'poll.OnNoEvents']);
    expect(report.steps[3]?.at).toBe(0);
  });

  it('follows OnSessionEnded when the agent logs out while it polls', () => {
    const report = run(monitor('SessionId: "{MonitorSession}", Timeout: 30'), monitorAgent(', logoutAfter: 7'));
    expect(edges(report)).toEqual(['begin.Default', 'join.Success', 'drain.OnNewEvents', 'poll.OnSessionEnded']);
    expect(path(report)).toEqual(['begin', 'join', 'drain', 'poll', 'ended']);
    expect(report.steps[3]).toMatchObject({ at: 7000, next: 'ended' });
    expect(report.elapsedMs).toBe(7000);
  });

  it('follows OnSessionEnded at once for a session that has already ended', () => {
    const report = run(`
  begin: { type: Begin, next: join }
  join: { type: JoinAgentSession, properties: { AgentId: "1001" }, branches: { Success: pause } }
  pause: { type: Wait, properties: { Seconds: 10 }, next: poll }
  poll: { type: GetNextEvent, properties: { Timeout: 30 }, branches: { OnNewEvents: done, OnNoEvents: done, OnSessionEnded: ended } }
  ended: { type: End }
  done: { type: End }
`, monitorAgent(', logoutAfter: 5'));
    expect(edges(report)).toEqual(['begin.Default', 'join.Success', 'pause.Default', 'poll.OnSessionEnded']);
    expect(report.steps[3]).toMatchObject({ at: 10000, notes: ['session 1001-session-1 has ended'] });
  });

  it('is withdrawn when OnAnswer cuts it short, so a later event stays pending', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: join }
  join: { type: JoinAgentSession, properties: { AgentId: "1001" }, branches: { Success: drain } }
  drain: { type: GetNextEvent, properties: { Timeout: 0 }, branches: { OnNewEvents: poll } }
  poll: { type: GetNextEvent, properties: { Timeout: 60, EventMessagesVariable: Late }, branches: { OnNewEvents: done, OnNoEvents: done } }
  answered: { type: OnAnswer, next: talk }
  talk: { type: Wait, properties: { Seconds: 30 }, next: done }
  done: { type: End }
`, `
agents:
  "1001": { state: Available, polls: false }
  "2002": { state: Available, skills: [Support], answerAfter: 5 }
events:
  - { at: 10, agent: "1001", eventName: Note }
`);
    expect(path(report)).toEqual(['begin', 'queue', 'join', 'drain', 'poll', 'answered', 'talk', 'done']);
    expect(report.steps[4]).toMatchObject({ at: 5000, interruptedBy: 'OnAnswer', branch: null });
    expect(report.variables['Late']).toBeUndefined();
    expect(report.agents['1001']?.pending.map((e) => e['eventName'])).toEqual(['Note']);
  });

  it('follows OnInvalidAgentSession for a session id nobody has', () => {
    const report = run(monitor('SessionId: "no-such-session", Timeout: 10'), monitorAgent());
    expect(edges(report)).toEqual(['begin.Default', 'join.Success', 'drain.OnNewEvents', 'poll.OnInvalidAgentSession']);
    expect(path(report)).toEqual(['begin', 'join', 'drain', 'poll', 'bad_session']);
    expect(report.steps[3]).toMatchObject({ at: 0, notes: ['no session has the id "no-such-session"'] });
  });

  it('follows OnInvalidAgentSession when SessionId is unset', () => {
    const report = run(`
  begin: { type: Begin, next: poll }
  poll: { type: GetNextEvent, branches: { OnNewEvents: done, OnInvalidAgentSession: bad } }
  bad: { type: End }
  done: { type: End }
`);
    expect(edges(report)).toEqual(['begin.Default', 'poll.OnInvalidAgentSession']);
  });

  it('follows OnInvalidTimeout for a {Variable} timeout of 90, at once', () => {
    const report = run(monitor('SessionId: "{MonitorSession}", Timeout: "{PollSeconds}"'), `${monitorAgent()}\nvariables: { PollSeconds: 90 }`);
    expect(edges(report)).toEqual(['begin.Default', 'join.Success', 'drain.OnNewEvents', 'poll.OnInvalidTimeout']);
    expect(path(report)).toEqual(['begin', 'join', 'drain', 'poll', 'bad_timeout']);
    expect(report.steps[3]).toMatchObject({ at: 0, notes: ['Timeout 90 is not a whole number from 0 to 60'] });
    expect(report.elapsedMs).toBe(0);
  });

  it('follows OnInvalidTimeout for a timeout that is not a whole number', () => {
    const half = run(monitor('SessionId: "{MonitorSession}", Timeout: "{PollSeconds}"'), `${monitorAgent()}\nvariables: { PollSeconds: "2.5" }`);
    expect(edges(half)).toContain('poll.OnInvalidTimeout');
    const text = run(monitor('SessionId: "{MonitorSession}", Timeout: "{PollSeconds}"'), `${monitorAgent()}\nvariables: { PollSeconds: soon }`);
    expect(edges(text)).toContain('poll.OnInvalidTimeout');
  });

  it('falls back to Default for an unwired outcome, recording it', () => {
    const report = run(monitor('SessionId: "{MonitorSession}", Timeout: 3', 'OnNewEvents: got, Default: other'), monitorAgent());
    expect(edges(report)).toEqual(['begin.Default', 'join.Success', 'drain.OnNewEvents', 'poll.Default']);
    expect(report.steps[3]).toMatchObject({ at: 3000, branch: 'Default', outcome: 'OnNoEvents', next: 'other' });
  });

  it('ends with NoBranch when the outcome and Default are both unwired', () => {
    const report = run(monitor('SessionId: "{MonitorSession}", Timeout: 3', 'OnNewEvents: got'), monitorAgent());
    expect(edges(report)).toEqual(['begin.Default', 'join.Success', 'drain.OnNewEvents']);
    expect(report.steps[3]).toMatchObject({ at: 3000, branch: null, outcome: 'OnNoEvents', next: null });
    expect(report.reason).toBe('NoBranch');
    expect(report.outcome).toBe('ended');
    expect(report.message).toBe('GetNextEvent "poll" took OnNoEvents, which is not wired, and it has no Default branch, so the script stops there');
  });

  // The README's example polls again with `OnNoEvents: next_event`.
  it('polls again when OnNoEvents leads back to the same GetNextEvent', () => {
    const report = run(monitor('SessionId: "{MonitorSession}", Timeout: 10, EventMessagesVariable: MonitorEvents', 'OnNewEvents: got, OnNoEvents: poll'), `
${monitorAgent()}
events:
  - { at: 25, agent: "1001", eventName: Supervisor_Note, data: hi }
`);
    expect(edges(report)).toEqual(['begin.Default', 'join.Success', 'drain.OnNewEvents', 'poll.OnNoEvents', 'poll.OnNoEvents', 'poll.OnNewEvents', 'got.Default']);
    const polls = report.steps.filter((s) => s.action === 'poll');
    expect(polls.map((s) => s.at)).toEqual([10000, 20000, 25000]);
    // Each poll that timed out says so, and nothing else.
    expect(polls[0]?.notes).toEqual(['polls session 1001-session-1 of agent 1001 for up to 10 s']);
    expect(report.variables['FirstEvent']).toBe('Supervisor_Note: hi');
    expect(report.reason).toBe('End');
  });
});
