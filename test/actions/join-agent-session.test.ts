import { describe, expect, it } from 'vitest';
import { joinAgentSession } from '../../src/actions/join-agent-session.ts';
import { loadScriptText } from '../../src/api.ts';
import { edges, path, runYaml } from '../helpers/run.ts';

// Vendor pages: https://help.nicecxone.com/content/Studio/actionscx/sessionjoin/sessionjoin.htm
// (Desktop Studio: https://help.nicecxone.com/content/studio/actions/sessionjoin/sessionjoin.htm)

const run = (actions: string, scenario = '') => runYaml(`name: JoinTest\nactions:\n${actions}`, scenario);

const allBranches = 'Success: ok, InvalidSecurityUser: bad_user, InvalidAgentSession: bad_session, InvalidAgentId: bad_agent, ImpersonateNotEnabled: no_impersonate';

/** Begin -> SetSecurityUser (agent `as`) -> join (the JoinAgentSession under test) -> one End per outcome. */
const join = (as: string, properties = 'SessionId: MonitorSession', branches = allBranches) => `
  begin: { type: Begin, next: security }
  security: { type: SetSecurityUser, properties: { Agent: "${as}" }, next: join }
  join: { type: JoinAgentSession, properties: { ${properties} }, branches: { ${branches} } }
  ok: { type: End }
  bad_user: { type: End }
  bad_session: { type: End }
  bad_agent: { type: End }
  no_impersonate: { type: End }
  other: { type: End }
`;

const agents = (monitor: string, api = 'state: LoggedOut') => `agents: { "1001": { ${monitor} }, "9001": { ${api} } }`;

describe('JoinAgentSession', () => {
  it('follows Success and joins the security user\'s own open session when the SessionId variable is empty', () => {
    const report = run(join('1001'), agents('state: Available'));
    expect(edges(report)).toEqual(['begin.Default', 'security.Default', 'join.Success']);
    expect(path(report)).toEqual(['begin', 'security', 'join', 'ok']);
    expect(report.steps[2]?.notes).toEqual(['joined session 1001-session-1, the security user\'s own (agent 1001); MonitorSession = 1001-session-1']);
    expect(report.variables['MonitorSession']).toBe('1001-session-1');
  });

  it('joins an Unavailable agent too: it is logged in', () => {
    const report = run(join('1001'), agents('state: Unavailable'));
    expect(edges(report)).toEqual(['begin.Default', 'security.Default', 'join.Success']);
  });

  it('uses the variable SessionId by default', () => {
    const report = run(join('1001', ''), agents('state: Available'));
    expect(report.variables['SessionId']).toBe('1001-session-1');
  });

  it('joins the session whose id the SessionId variable holds, as a security user who may impersonate', () => {
    const report = run(join('9001'), `${agents('state: Available')}\nvariables: { MonitorSession: 1001-session-1 }`);
    expect(edges(report)).toEqual(['begin.Default', 'security.Default', 'join.Success']);
    expect(report.steps[2]?.notes).toEqual(['joined session 1001-session-1 of agent 1001; MonitorSession = 1001-session-1']);
  });

  it('reads the security user from the variable the SecurityUser property names', () => {
    const report = run(`
  begin: { type: Begin, next: security }
  security: { type: SetSecurityUser, properties: { Agent: "1001", ScriptVar: ApiUser }, next: join }
  join: { type: JoinAgentSession, properties: { SecurityUser: ApiUser }, branches: { Success: ok } }
  ok: { type: End }
`, agents('state: Available'));
    expect(edges(report)).toEqual(['begin.Default', 'security.Default', 'join.Success']);
  });

  it('follows InvalidSecurityUser when the SecurityUser variable holds no security user', () => {
    const report = run(`
  begin: { type: Begin, next: join }
  join: { type: JoinAgentSession, branches: { Success: ok, InvalidSecurityUser: bad_user } }
  ok: { type: End }
  bad_user: { type: End }
`, `${agents('state: Available')}\nvariables: { SecurityUser: "1001" }`);
    expect(edges(report)).toEqual(['begin.Default', 'join.InvalidSecurityUser']);
    expect(report.steps[1]?.notes).toEqual(['SecurityUser holds "1001", which is not a security user SetSecurityUser made']);
    expect(report.variables['SessionId']).toBeUndefined();
  });

  it('follows InvalidAgentSession when the security user\'s agent is logged out and no session id is given', () => {
    const report = run(join('1001'), agents('state: LoggedOut'));
    expect(edges(report)).toEqual(['begin.Default', 'security.Default', 'join.InvalidAgentSession']);
    expect(report.steps[2]?.notes).toEqual(['SessionId is empty and agent 1001, the security user, has no open session to join']);
    expect(report.variables['MonitorSession']).toBeUndefined();
  });

  it('follows InvalidAgentSession for a session id no session has', () => {
    const report = run(join('9001'), `${agents('state: Available')}\nvariables: { MonitorSession: nothing-here }`);
    expect(edges(report)).toEqual(['begin.Default', 'security.Default', 'join.InvalidAgentSession']);
    expect(report.steps[2]?.notes).toEqual(['no session has the id nothing-here']);
  });

  it('follows InvalidAgentSession for a session that has ended', () => {
    const report = run(`
  begin: { type: Begin, next: security }
  security: { type: SetSecurityUser, properties: { Agent: "9001" }, next: end_it }
  end_it: { type: TerminateAgentSession, properties: { AgentId: "1001" }, branches: { OnSuccess: join } }
  join: { type: JoinAgentSession, properties: { SessionId: MonitorSession }, branches: { Success: ok, InvalidAgentSession: bad_session } }
  ok: { type: End }
  bad_session: { type: End }
`, `${agents('state: Available')}\nvariables: { MonitorSession: 1001-session-1 }`);
    expect(edges(report)).toEqual(['begin.Default', 'security.Default', 'end_it.OnSuccess', 'join.InvalidAgentSession']);
    expect(report.steps[3]?.notes).toEqual(['session 1001-session-1 of agent 1001 has ended']);
  });

  it('follows InvalidAgentId for a session id naming an agent the scenario does not list', () => {
    const report = run(join('9001'), `${agents('state: Available')}\nvariables: { MonitorSession: 7777-session-1 }`);
    expect(edges(report)).toEqual(['begin.Default', 'security.Default', 'join.InvalidAgentId']);
    expect(report.steps[2]?.notes).toEqual(['session 7777-session-1 names agent 7777, whom the scenario does not list']);
  });

  it('follows ImpersonateNotEnabled for another agent\'s session when the security user\'s agent has impersonate: false', () => {
    const report = run(join('9001'), `${agents('state: Available', 'state: LoggedOut, impersonate: false')}\nvariables: { MonitorSession: 1001-session-1 }`);
    expect(edges(report)).toEqual(['begin.Default', 'security.Default', 'join.ImpersonateNotEnabled']);
    expect(report.steps[2]?.notes).toEqual([
      'session 1001-session-1 belongs to agent 1001, and agent 9001, the security user, may not impersonate (impersonate: false in the scenario)',
    ]);
  });

  it('needs no impersonation for the security user\'s own session', () => {
    const report = run(join('1001'), `agents: { "1001": { state: Available, impersonate: false } }`);
    expect(edges(report)).toEqual(['begin.Default', 'security.Default', 'join.Success']);
  });

  it('joins the newest poll id, so the joiner polls in step with the session', () => {
    const report = run(`
  begin: { type: Begin, next: security }
  security: { type: SetSecurityUser, properties: { Agent: "1001" }, next: first_join }
  first_join: { type: JoinAgentSession, properties: { SessionId: A }, branches: { Success: poll } }
  poll: { type: GetNextEvent, properties: { SessionId: A, Timeout: 0 }, branches: { OnNewEvents: copy } }
  copy: { type: Assign, properties: { Variable: B, Value: "{A}" }, next: second_join }
  second_join: { type: JoinAgentSession, properties: { SessionId: B }, branches: { Success: ok } }
  ok: { type: End }
`, agents('state: Available, polls: false'));
    expect(edges(report)).toContain('second_join.Success');
    expect(report.variables['B']).toBe('1001-session-1.1');
  });

  it('falls back to Default for an unwired outcome, recording it', () => {
    const report = run(join('1001', 'SessionId: MonitorSession', 'Success: ok, Default: other'), agents('state: LoggedOut'));
    expect(edges(report)).toEqual(['begin.Default', 'security.Default', 'join.Default']);
    expect(report.steps[2]).toMatchObject({ branch: 'Default', outcome: 'InvalidAgentSession', next: 'other' });
  });

  it('falls back to Default for an unwired Success', () => {
    const report = run(join('1001', 'SessionId: MonitorSession', 'InvalidAgentSession: bad_session, Default: other'), agents('state: Available'));
    expect(report.steps[2]).toMatchObject({ branch: 'Default', outcome: 'Success', next: 'other' });
    expect(report.variables['MonitorSession']).toBe('1001-session-1');
  });

  it('ends with NoBranch when the outcome and Default are both unwired', () => {
    const report = run(join('1001', 'SessionId: MonitorSession', 'Success: ok'), agents('state: LoggedOut'));
    expect(report.steps[2]).toMatchObject({ branch: null, outcome: 'InvalidAgentSession', next: null });
    expect(report.reason).toBe('NoBranch');
  });

  it('rejects a braced variable in SessionId: the property names the variable', () => {
    const loaded = loadScriptText(`name: JoinTest\nactions:\n${join('1001', 'SessionId: "{MonitorSession}"')}`, 'test.yaml');
    expect(loaded.ok).toBe(false);
  });

  it('declares the names earlier versions used, and the web Studio labels', () => {
    expect(joinAgentSession.formerProperties?.['SessionIdVariable']?.now).toBe('SessionId');
    expect(joinAgentSession.formerProperties?.['AgentId']?.now).toBeUndefined();
    expect(joinAgentSession.formerBranches?.['OnError']?.now).toBe('InvalidAgentSession');
    expect(joinAgentSession.properties['SecurityUser']?.label).toBe('Security User');
    expect(joinAgentSession.properties['SecurityUser']?.schema.default).toBe('SecurityUser');
    expect(joinAgentSession.properties['SessionId']?.label).toBe('Session Id');
  });
});
