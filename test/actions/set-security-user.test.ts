import { describe, expect, it } from 'vitest';
import { setSecurityUser } from '../../src/actions/set-security-user.ts';
import { edges, path, runYaml } from '../helpers/run.ts';

// Vendor pages: https://help.nicecxone.com/content/Studio/actionscx/setsecurityuser/setsecurityuser.htm
// (Desktop Studio: https://help.nicecxone.com/content/Studio/actions/setsecurityuser/setsecurityuser.htm;
// Error and _ERR: https://help.nicecxone.com/zh-cn/content/studio/actionscx/setsecurityuser/setsecurityuser.htm;
// ScriptVar and OnError on the older Desktop page: https://help.staging.nice-incontact.com/content/studio/actions/setsecurityuser/setsecurityuser.htm)

const run = (actions: string, scenario = '') => runYaml(`name: SecurityTest\nactions:\n${actions}`, scenario);

const security = (properties: string, branches = 'Default: ok, Error: failed') => `
  begin: { type: Begin, next: security }
  security: { type: SetSecurityUser, properties: { ${properties} }, branches: { ${branches} } }
  ok: { type: End }
  failed: { type: End }
  other: { type: End }
`;

const apiUser = 'agents: { "9001": { state: LoggedOut } }';

describe('SetSecurityUser', () => {
  it('follows Default for an agent the scenario lists, logged in or not, storing the security user in SecurityUser by default', () => {
    const report = run(security('Agent: "9001"'), apiUser);
    expect(edges(report)).toEqual(['begin.Default', 'security.Default']);
    expect(path(report)).toEqual(['begin', 'security', 'ok']);
    expect(report.steps[1]?.notes).toEqual(['SecurityUser is now a security user acting as agent 9001 (time zone Default)']);
    expect(report.variables['SecurityUser']).toMatchObject({ agentId: '9001', timeZone: 'Default' });
  });

  it('stores the security user in the variable ScriptVar names', () => {
    const report = run(security('Agent: "9001", ScriptVar: ApiUser'), apiUser);
    expect(report.variables['ApiUser']).toMatchObject({ agentId: '9001' });
    expect(report.variables['SecurityUser']).toBeUndefined();
  });

  it('accepts a {variable} in Agent', () => {
    const report = run(security('Agent: "{ApiUserId}"'), `${apiUser}\nvariables: { ApiUserId: "9001" }`);
    expect(edges(report)).toEqual(['begin.Default', 'security.Default']);
  });

  it('keeps TimeZone with the security user, Default when not written', () => {
    const report = run(security('Agent: "9001", TimeZone: "Mountain Standard Time"'), apiUser);
    expect(report.variables['SecurityUser']).toMatchObject({ timeZone: 'Mountain Standard Time' });
  });

  it('follows Error with _ERR set for an agent the scenario does not list', () => {
    const report = run(security('Agent: "4242"'), apiUser);
    expect(edges(report)).toEqual(['begin.Default', 'security.Error']);
    expect(path(report)).toEqual(['begin', 'security', 'failed']);
    expect(report.variables['_ERR']).toBe('agent 4242 is not in the scenario, so it is not a valid ACD user');
    expect(report.variables['SecurityUser']).toBeUndefined();
  });

  it('follows Error with _ERR set for an empty Agent', () => {
    const report = run(security('Agent: "{Nobody}"'), `${apiUser}\nvariables: { Nobody: "" }`);
    expect(edges(report)).toEqual(['begin.Default', 'security.Error']);
    expect(report.variables['_ERR']).toBe('Agent is empty, so there is no ACD user to act as');
  });

  it('falls back to Default for an unwired Error', () => {
    const report = run(security('Agent: "4242"', 'Default: other'), apiUser);
    expect(report.steps[1]).toMatchObject({ branch: 'Default', outcome: 'Error', next: 'other' });
  });

  it('makes a value that stays a security user when Assign copies it whole', () => {
    const report = run(`
  begin: { type: Begin, next: security }
  security: { type: SetSecurityUser, properties: { Agent: "9001" }, next: copy }
  copy: { type: Assign, properties: { Variable: Copy, Value: "{SecurityUser}" }, next: join }
  join: { type: JoinAgentSession, properties: { SecurityUser: Copy }, branches: { InvalidSecurityUser: done, Default: done } }
  done: { type: End }
`, apiUser);
    // The copy passes the security-user check: the join fails only because agent 9001 has no session.
    expect(report.steps[3]).toMatchObject({ action: 'join', outcome: 'InvalidAgentSession' });
  });

  it('is not made by writing the agent id as text', () => {
    const report = run(`
  begin: { type: Begin, next: join }
  join: { type: JoinAgentSession, properties: { SecurityUser: Typed }, branches: { InvalidSecurityUser: done, Default: done } }
  done: { type: End }
`, `${apiUser}
variables: { Typed: '{"agentId":"9001","timeZone":"Default","token":"security-user-1"}' }`);
    expect(edges(report)).toContain('join.InvalidSecurityUser');
  });

  it('names the web Studio label and the older branch name', () => {
    expect(setSecurityUser.properties['ScriptVar']?.label).toBe('Script Variable');
    expect(setSecurityUser.properties['ScriptVar']?.schema.default).toBe('SecurityUser');
    expect(setSecurityUser.formerBranches?.['OnError']?.now).toBe('Error');
  });
});
