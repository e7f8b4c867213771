import { describe, expect, it } from 'vitest';
import { agentState } from '../../src/actions/agent-state.ts';
import { edges, path, runYaml } from '../helpers/run.ts';

// Vendor pages: https://help.nicecxone.com/content/studio/actionscx/agentstate/agentstate.htm
// (Desktop Studio: https://help.incontact.com/Content/Studio/Actions/AGENTSTATE/AGENTSTATE.htm;
// the reason is the skill in an ACD state: https://help-beta.niceincontact.com/spring19/Content/Studio/Actions/AGENTSTATE/AGENTSTATE.htm)

const run = (actions: string, scenario = '') => runYaml(`name: AgentStateTest\nactions:\n${actions}`, scenario);

const everyBranch =
  'NotLoggedIn: out, Available: free, Unavailable: away, InboundContact: busy, OutboundContact: calling, InboundConsult: in_consult, OutboundConsult: out_consult, Dialer: dialing, LoggedIn: logged_in';

/** Begin -> check (AgentState of 1001 into SupState) -> one End per branch. */
const check = (branches = everyBranch, properties = 'AgentID: "1001", StateVariable: SupState') => `
  begin: { type: Begin, next: check }
  check: { type: AgentState, properties: { ${properties} }, branches: { ${branches} } }
  out: { type: End }
  free: { type: End }
  away: { type: End }
  busy: { type: End }
  calling: { type: End }
  in_consult: { type: End }
  out_consult: { type: End }
  dialing: { type: End }
  logged_in: { type: End }
  other: { type: End }
`;

const agent = (settings: string) => `agents: { "1001": { ${settings} } }`;

/** A timer made of the script's own actions: a GetNextEvent of agent 9001's quiet session, `seconds` long, then `next`. */
const pause = (seconds: number, next: string) => `
  pause_user: { type: SetSecurityUser, properties: { Agent: "9001", ScriptVar: PauseUser }, next: pause_join }
  pause_join: { type: JoinAgentSession, properties: { SecurityUser: PauseUser, SessionId: PauseSession }, branches: { Success: pause_drain } }
  pause_drain: { type: GetNextEvent, properties: { SecurityUser: PauseUser, SessionId: PauseSession, Timeout: 0 }, branches: { OnNewEvents: pause } }
  pause: { type: GetNextEvent, properties: { SecurityUser: PauseUser, SessionId: PauseSession, Timeout: ${seconds} }, branches: { OnNoEvents: ${next} } }
`;
const pauseAgent = '"9001": { state: Available, polls: false }';

describe('AgentState', () => {
  it('follows NotLoggedIn for a logged-out agent and stores LoggedOut', () => {
    const report = run(check(), agent('state: LoggedOut'));
    expect(edges(report)).toEqual(['begin.Default', 'check.NotLoggedIn']);
    expect(path(report)).toEqual(['begin', 'check', 'out']);
    expect(report.steps[1]).toMatchObject({ at: 0, notes: ['agent 1001 LoggedOut; SupState = LoggedOut'] });
    expect(report.variables['SupState']).toBe('LoggedOut');
  });

  it('follows NotLoggedIn for an agent the scenario does not list', () => {
    const report = run(check());
    expect(edges(report)).toEqual(['begin.Default', 'check.NotLoggedIn']);
    expect(report.steps[1]?.notes).toEqual(['agent 1001 LoggedOut (not in the scenario: chosen rule: an agent the scenario does not list counts as logged out); SupState = LoggedOut']);
  });

  it('follows NotLoggedIn for an empty AgentID', () => {
    const report = run(check(everyBranch, 'AgentID: "{Nobody}"'), 'variables: { Nobody: "" }');
    expect(edges(report)).toEqual(['begin.Default', 'check.NotLoggedIn']);
    expect(report.steps[1]?.notes).toEqual(['AgentID is empty, so no agent: LoggedOut; STATE = LoggedOut']);
  });

  it('follows Available for a logged-in, free agent', () => {
    const report = run(check(), agent('state: Available'));
    expect(edges(report)).toEqual(['begin.Default', 'check.Available']);
    expect(report.variables['SupState']).toBe('Available');
  });

  it('follows Unavailable for a logged-in agent not taking contacts, with the scenario\'s reason in ReasonVariable', () => {
    const report = run(check(everyBranch, 'AgentID: "1001", ReasonVariable: WhyAway'), agent('state: Unavailable, reason: Lunch'));
    expect(edges(report)).toEqual(['begin.Default', 'check.Unavailable']);
    expect(path(report)).toEqual(['begin', 'check', 'away']);
    expect(report.variables['STATE']).toBe('Unavailable');
    expect(report.variables['WhyAway']).toBe('Lunch');
  });

  it('follows InboundContact for an agent the contact was routed to, with the skill as the reason', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: check }
  check: { type: AgentState, properties: { AgentID: "1001", ReasonVariable: REASON }, branches: { Available: free, InboundContact: busy } }
  free: { type: End }
  busy: { type: End }
`, agent('state: Available, skills: [Support]'));
    expect(edges(report)).toEqual(['begin.Default', 'queue.Default', 'check.InboundContact']);
    expect(report.variables['STATE']).toBe('InboundContact');
    expect(report.variables['REASON']).toBe('Support');
  });

  // The states below are ones the simulation never moves an agent into: the scenario puts the agent there.
  for (const [state, end] of [
    ['OutboundContact', 'calling'],
    ['InboundConsult', 'in_consult'],
    ['OutboundConsult', 'out_consult'],
    ['Dialer', 'dialing'],
    ['LoggedIn', 'logged_in'],
  ] as const) {
    it(`follows ${state} for an agent the scenario puts in that state`, () => {
      const report = run(check(), agent(`state: ${state}`));
      expect(edges(report)).toEqual(['begin.Default', `check.${state}`]);
      expect(path(report)).toEqual(['begin', 'check', end]);
      expect(report.variables['SupState']).toBe(state);
    });
  }

  it('does not offer contacts to an agent in a state the scenario gave it', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: check }
  check: { type: AgentState, properties: { AgentID: "1001" }, branches: { Dialer: dialing, InboundContact: busy } }
  dialing: { type: End }
  busy: { type: End }
`, agent('state: Dialer, skills: [Support]'));
    expect(edges(report)).toEqual(['begin.Default', 'queue.Default', 'check.Dialer']);
  });

  it('stores the state in STATE by default and looks at {AgentId} after OnAnswer', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: pause_user }
${pause(60, 'done')}
  answered: { type: OnAnswer, next: check }
  check: { type: AgentState, properties: { AgentID: "{AgentId}" }, branches: { InboundContact: done, Default: other } }
  done: { type: End }
  other: { type: End }
`, `agents: { "2002": { state: Available, skills: [Support], answerAfter: 2 }, ${pauseAgent} }`);
    expect(edges(report)).toContain('check.InboundContact');
    expect(report.steps.find((s) => s.action === 'check')).toMatchObject({ at: 2000, notes: ['agent 2002 InboundContact; STATE = InboundContact'] });
    expect(report.variables['STATE']).toBe('InboundContact');
  });

  it('stores no reason when ReasonVariable is empty', () => {
    const report = run(check(), agent('state: Unavailable, reason: Lunch'));
    expect(Object.values(report.variables)).not.toContain('Lunch');
  });

  it('sees the state at the time it runs', () => {
    const report = run(`
  begin: { type: Begin, next: before }
  before: { type: AgentState, properties: { AgentID: "1001" }, branches: { NotLoggedIn: pause_user, Available: done } }
${pause(40, 'after')}
  after: { type: AgentState, properties: { AgentID: "1001" }, branches: { NotLoggedIn: done, Available: done } }
  done: { type: End }
`, `agents: { "1001": { state: LoggedOut, loginAfter: 30 }, ${pauseAgent} }`);
    expect(edges(report)).toEqual(['begin.Default', 'before.NotLoggedIn', 'pause_user.Default', 'pause_join.Success', 'pause_drain.OnNewEvents', 'pause.OnNoEvents', 'after.Available']);
    expect(report.steps[6]?.at).toBe(40000);
    expect(report.variables['STATE']).toBe('Available');
  });

  it('falls back to Default for an unwired state, recording the outcome', () => {
    const report = run(check('Available: free, Default: other'), agent('state: Unavailable'));
    expect(edges(report)).toEqual(['begin.Default', 'check.Default']);
    expect(report.steps[1]).toMatchObject({ branch: 'Default', outcome: 'Unavailable', next: 'other' });
  });

  it('ends with NoBranch when the state and Default are both unwired', () => {
    const report = run(check('Available: free'), agent('state: LoggedOut'));
    expect(report.steps[1]).toMatchObject({ branch: null, outcome: 'NotLoggedIn', next: null });
    expect(report.reason).toBe('NoBranch');
  });

  it('declares the names earlier versions and older help pages used', () => {
    expect(agentState.formerProperties?.['AgentId']?.now).toBe('AgentID');
    expect(agentState.formerProperties?.['Variable']?.now).toBe('StateVariable');
    expect(agentState.formerBranches?.['OnAvailable']?.now).toBe('Available');
    expect(agentState.properties['StateVariable']?.label).toBe('State Variable');
  });
});
