import { describe, expect, it } from 'vitest';
import { terminateAgentSession } from '../../src/actions/terminate-agent-session.ts';
import { edges, path, runYaml } from '../helpers/run.ts';

// Vendor pages: https://help.nicecxone.com/content/Studio/actionscx/terminateagent_v12/terminateagent_v12.htm
// (Desktop Studio: https://help.incontact.com/Content/Studio/Actions/TERMINATEAGENT_V12/TERMINATEAGENT_V12.htm)

const run = (actions: string, scenario = '') => runYaml(`name: TerminateTest\nactions:\n${actions}`, scenario);

const allBranches = 'OnSuccess: ended, OnInvalidAgentId: bad_agent, OnUnauthorized: refused, OnInvalidSecurityUser: bad_user, Default: other';

const terminate = (target: string, branches = allBranches, extra = '') => `
  begin: { type: Begin, next: security }
  security: { type: SetSecurityUser, properties: { Agent: "9001" }, next: end_it }
  end_it: { type: TerminateAgentSession, properties: { AgentId: "${target}"${extra} }, branches: { ${branches} } }
  ended: { type: End }
  bad_agent: { type: End }
  refused: { type: End }
  bad_user: { type: End }
  other: { type: End }
`;

const agents = (api = '') => `agents: { "1001": { state: Available }, "9001": { state: LoggedOut${api} } }`;

describe('TerminateAgentSession', () => {
  it('follows OnSuccess and logs the agent out', () => {
    const report = run(terminate('1001'), agents());
    expect(edges(report)).toEqual(['begin.Default', 'security.Default', 'end_it.OnSuccess']);
    expect(path(report)).toEqual(['begin', 'security', 'end_it', 'ended']);
    expect(report.steps[2]?.notes).toEqual(['ended session 1001-session-1 of agent 1001; the agent is logged out']);
    expect(report.agents['1001']?.state).toBe('LoggedOut');
  });

  it('follows OnInvalidAgentId for an agent the scenario does not list, with the explanation in errorArgList', () => {
    const report = run(terminate('7777', allBranches, ', errorArgList: Why'), agents());
    expect(edges(report)).toEqual(['begin.Default', 'security.Default', 'end_it.OnInvalidAgentId']);
    expect(report.variables['Why']).toBe('agent 7777 is not in the scenario');
  });

  it('follows OnUnauthorized when the security user\'s agent has terminateSessions: false', () => {
    const report = run(terminate('1001'), agents(', terminateSessions: false'));
    expect(edges(report)).toEqual(['begin.Default', 'security.Default', 'end_it.OnUnauthorized']);
    expect(report.agents['1001']?.state).toBe('Available');
  });

  it('follows OnInvalidSecurityUser when the SecurityUser variable holds no security user', () => {
    const report = run(`
  begin: { type: Begin, next: end_it }
  end_it: { type: TerminateAgentSession, properties: { AgentId: "1001" }, branches: { OnSuccess: done, OnInvalidSecurityUser: bad_user } }
  done: { type: End }
  bad_user: { type: End }
`, agents());
    expect(edges(report)).toEqual(['begin.Default', 'end_it.OnInvalidSecurityUser']);
  });

  it('follows Default when the agent has no open session to end', () => {
    const report = run(terminate('9001'), agents());
    expect(edges(report)).toEqual(['begin.Default', 'security.Default', 'end_it.Default']);
    expect(report.steps[2]?.notes).toEqual(['agent 9001 has no open session to end']);
  });

  it('falls back to Default for an unwired OnSuccess', () => {
    const report = run(terminate('1001', 'Default: other'), agents());
    expect(report.steps[2]).toMatchObject({ branch: 'Default', outcome: 'OnSuccess', next: 'other' });
  });

  it('reads the security user from SecurityUser by default and names the web Studio labels', () => {
    expect(terminateAgentSession.properties['SecurityUser']?.schema.default).toBe('SecurityUser');
    expect(terminateAgentSession.properties['AgentId']?.label).toBe('Agent Id');
    expect(terminateAgentSession.properties['errorArgList']?.label).toBe('Error Arg List');
    expect(terminateAgentSession.branches.map((b) => b.name)).toEqual(['Default', 'OnSuccess', 'OnInvalidAgentId', 'OnUnauthorized', 'OnInvalidSecurityUser', 'OnTooManyRequests']);
  });
});
