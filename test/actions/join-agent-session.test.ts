import { describe, expect, it } from 'vitest';
import { edges, path, runYaml } from '../helpers/run.ts';

const run = (actions: string, scenario = '') => runYaml(`name: JoinTest\nactions:\n${actions}`, scenario);

/** Begin -> join (JoinAgentSession of 1001) -> ok / failed / other. */
const join = (branches = 'Success: ok, OnError: failed', properties = 'AgentId: "{SupervisorId}", SessionIdVariable: MonitorSession') => `
  begin: { type: Begin, next: join }
  join: { type: JoinAgentSession, properties: { ${properties} }, branches: { ${branches} } }
  ok: { type: End }
  failed: { type: End }
  other: { type: End }
`;

const supervisor = (settings: string) => `variables: { SupervisorId: "1001" }\nagents: { "1001": { ${settings} } }`;

describe('JoinAgentSession', () => {
  it('follows Success for an agent with an open session, storing the session id', () => {
    const report = run(join(), supervisor('state: Available'));
    expect(edges(report)).toEqual(['begin.Default', 'join.Success']);
    expect(path(report)).toEqual(['begin', 'join', 'ok']);
    expect(report.steps[1]).toMatchObject({ at: 0, next: 'ok', notes: ['joined session 1001-session-1 of agent 1001; MonitorSession = 1001-session-1'] });
    expect(report.variables['MonitorSession']).toBe('1001-session-1');
  });

  it('joins an Unavailable agent too: it is logged in', () => {
    const report = run(join(), supervisor('state: Unavailable'));
    expect(edges(report)).toEqual(['begin.Default', 'join.Success']);
  });

  it('stores the session id in SessionId by default', () => {
    const report = run(join('Success: ok, OnError: failed', 'AgentId: "1001"'), supervisor('state: Available'));
    expect(report.variables['SessionId']).toBe('1001-session-1');
  });

  it('follows OnError for a logged-out agent, setting no session id', () => {
    const report = run(join(), supervisor('state: LoggedOut'));
    expect(edges(report)).toEqual(['begin.Default', 'join.OnError']);
    expect(path(report)).toEqual(['begin', 'join', 'failed']);
    expect(report.steps[1]?.notes).toEqual(['agent 1001 has no open session to join']);
    expect(report.variables['MonitorSession']).toBeUndefined();
  });

  it('follows OnError for an agent the scenario does not list', () => {
    const report = run(join(), 'variables: { SupervisorId: "7777" }');
    expect(edges(report)).toEqual(['begin.Default', 'join.OnError']);
    expect(report.steps[1]?.notes).toEqual(['agent 7777 has no open session to join']);
  });

  it('follows OnError once the agent has logged out', () => {
    const report = run(`
  begin: { type: Begin, next: pause }
  pause: { type: Wait, properties: { Seconds: 10 }, next: join }
  join: { type: JoinAgentSession, properties: { AgentId: "1001" }, branches: { Success: ok, OnError: failed } }
  ok: { type: End }
  failed: { type: End }
`, supervisor('state: Available, logoutAfter: 5'));
    expect(edges(report)).toEqual(['begin.Default', 'pause.Default', 'join.OnError']);
  });

  it('joins the session an agent opened by logging in later', () => {
    const report = run(`
  begin: { type: Begin, next: pause }
  pause: { type: Wait, properties: { Seconds: 10 }, next: join }
  join: { type: JoinAgentSession, properties: { AgentId: "1001" }, branches: { Success: ok, OnError: failed } }
  ok: { type: End }
  failed: { type: End }
`, supervisor('state: LoggedOut, loginAfter: 5'));
    expect(edges(report)).toEqual(['begin.Default', 'pause.Default', 'join.Success']);
    expect(report.variables['SessionId']).toBe('1001-session-1');
  });

  it('falls back to Default for an unwired OnError, recording the outcome', () => {
    const report = run(join('Success: ok, Default: other'), supervisor('state: LoggedOut'));
    expect(edges(report)).toEqual(['begin.Default', 'join.Default']);
    expect(report.steps[1]).toMatchObject({ branch: 'Default', outcome: 'OnError', next: 'other' });
  });

  it('falls back to Default for an unwired Success', () => {
    const report = run(join('OnError: failed, Default: other'), supervisor('state: Available'));
    expect(edges(report)).toEqual(['begin.Default', 'join.Default']);
    expect(report.steps[1]).toMatchObject({ branch: 'Default', outcome: 'Success', next: 'other' });
    expect(report.variables['MonitorSession']).toBe('1001-session-1');
  });

  it('ends with NoBranch when OnError and Default are both unwired', () => {
    const report = run(join('Success: ok'), supervisor('state: LoggedOut'));
    expect(edges(report)).toEqual(['begin.Default']);
    expect(report.steps[1]).toMatchObject({ branch: null, outcome: 'OnError', next: null });
    expect(report.reason).toBe('NoBranch');
    expect(report.outcome).toBe('ended');
  });
});
