import { describe, expect, it } from 'vitest';
import { edges, path, runYaml } from '../helpers/run.ts';

const run = (actions: string, scenario = '') => runYaml(`name: AgentStateTest\nactions:\n${actions}`, scenario);

/** Begin -> check (AgentState of 1001 into SupState) -> one End per state. */
const check = (branches = 'NotLoggedIn: out, Available: free, Unavailable: away, InboundContact: busy', agentId = '"1001"') => `
  begin: { type: Begin, next: check }
  check: { type: AgentState, properties: { AgentId: ${agentId}, Variable: SupState }, branches: { ${branches} } }
  out: { type: End }
  free: { type: End }
  away: { type: End }
  busy: { type: End }
  other: { type: End }
`;

const agent = (state: string) => `agents: { "1001": { state: ${state} } }`;

describe('AgentState', () => {
  it('follows NotLoggedIn for a logged-out agent and stores LoggedOut', () => {
    const report = run(check(), agent('LoggedOut'));
    expect(edges(report)).toEqual(['begin.Default', 'check.NotLoggedIn']);
    expect(path(report)).toEqual(['begin', 'check', 'out']);
    expect(report.steps[1]).toMatchObject({ at: 0, notes: ['agent 1001 is LoggedOut'] });
    expect(report.variables['SupState']).toBe('LoggedOut');
  });

  it('follows NotLoggedIn for an agent the scenario does not list', () => {
    const report = run(check());
    expect(edges(report)).toEqual(['begin.Default', 'check.NotLoggedIn']);
    expect(report.steps[1]?.notes).toEqual(['agent 1001 is LoggedOut (not in the scenario)']);
    expect(report.variables['SupState']).toBe('LoggedOut');
  });

  it('follows Available for a logged-in, free agent', () => {
    const report = run(check(), agent('Available'));
    expect(edges(report)).toEqual(['begin.Default', 'check.Available']);
    expect(path(report)).toEqual(['begin', 'check', 'free']);
    expect(report.variables['SupState']).toBe('Available');
  });

  it('follows Unavailable for a logged-in agent not taking contacts', () => {
    const report = run(check(), agent('Unavailable'));
    expect(edges(report)).toEqual(['begin.Default', 'check.Unavailable']);
    expect(path(report)).toEqual(['begin', 'check', 'away']);
    expect(report.variables['SupState']).toBe('Unavailable');
  });

  it('follows InboundContact for an agent the contact was routed to', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { TargetAgent: "1001" }, next: check }
  check: { type: AgentState, properties: { AgentId: "1001", Variable: SupState }, branches: { Available: free, InboundContact: busy } }
  free: { type: End }
  busy: { type: End }
`, agent('Available'));
    expect(edges(report)).toEqual(['begin.Default', 'queue.Default', 'check.InboundContact']);
    expect(path(report)).toEqual(['begin', 'queue', 'check', 'busy']);
    expect(report.variables['SupState']).toBe('InboundContact');
  });

  it('looks at {AgentId} into AgentStateName by default, after OnAnswer', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: hold }
  hold: { type: Wait, properties: { Seconds: 60 }, next: done }
  answered: { type: OnAnswer, next: check }
  check: { type: AgentState, branches: { InboundContact: done, Default: other } }
  done: { type: End }
  other: { type: End }
`, 'agents: { "2002": { state: Available, skills: [Support], answerAfter: 2 } }');
    expect(edges(report)).toEqual(['begin.Default', 'queue.Default', 'answered.Default', 'check.InboundContact']);
    expect(report.steps[4]).toMatchObject({ at: 2000, notes: ['agent 2002 is InboundContact'] });
    expect(report.variables['AgentStateName']).toBe('InboundContact');
  });

  it('sees the state at the time it runs', () => {
    const report = run(`
  begin: { type: Begin, next: before }
  before: { type: AgentState, properties: { AgentId: "1001" }, branches: { NotLoggedIn: pause, Available: done } }
  pause: { type: Wait, properties: { Seconds: 40 }, next: after }
  after: { type: AgentState, properties: { AgentId: "1001" }, branches: { NotLoggedIn: done, Available: done } }
  done: { type: End }
`, 'agents: { "1001": { state: LoggedOut, loginAfter: 30 } }');
    expect(edges(report)).toEqual(['begin.Default', 'before.NotLoggedIn', 'pause.Default', 'after.Available']);
    expect(report.steps[3]?.at).toBe(40000);
    expect(report.variables['AgentStateName']).toBe('Available');
  });

  it('falls back to Default for an unwired state, recording the outcome', () => {
    const report = run(check('Available: free, Default: other'), agent('Unavailable'));
    expect(edges(report)).toEqual(['begin.Default', 'check.Default']);
    expect(path(report)).toEqual(['begin', 'check', 'other']);
    expect(report.steps[1]).toMatchObject({ branch: 'Default', outcome: 'Unavailable', next: 'other' });
    expect(report.variables['SupState']).toBe('Unavailable');
  });

  it('ends with NoBranch when the state and Default are both unwired', () => {
    const report = run(check('Available: free'), agent('LoggedOut'));
    expect(edges(report)).toEqual(['begin.Default']);
    expect(report.steps[1]).toMatchObject({ branch: null, outcome: 'NotLoggedIn', next: null });
    expect(report.reason).toBe('NoBranch');
    expect(report.outcome).toBe('ended');
    expect(report.message).toBe('AgentState "check" took NotLoggedIn, which is not wired, and it has no Default branch, so the script stops there');
  });
});
