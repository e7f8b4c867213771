import { describe, expect, it } from 'vitest';
import { loadScriptText } from '../../src/api.ts';
import { edges, path, runYaml } from '../helpers/run.ts';

// https://help.incontact.com/content/Studio/Actions/BEGIN/BEGIN.htm (Parameters, one variable per line; Application not used)
// https://help.nice-incontact.com/content/studio/actionscx/begin/begin.htm
const run = (actions: string, scenario = '') => runYaml(`name: BeginTest\nactions:\n${actions}`, scenario);

describe('Begin', () => {
  it('starts the contact and follows Default to the first action at time 0', () => {
    const report = runYaml(`name: BeginTest
actions:
  first: { type: Play, properties: { Sequence: '"%hello"' }, next: done }
  done: { type: End }
  begin: { type: Begin, next: first }
`);
    expect(path(report)).toEqual(['begin', 'first', 'done']);
    expect(edges(report)).toEqual(['begin.Default', 'first.Default']);
    expect(report.steps[0]).toMatchObject({ at: 0, action: 'begin', type: 'Begin', branch: 'Default', next: 'first' });
    expect(report.contactId).toBe('contact-1');
  });

  it('sets ANI, DNIS, ContactId and MediaType', () => {
    const report = runYaml(`name: BeginTest
mediaType: SMS
actions:
  begin: { type: Begin, next: done }
  done: { type: End }
`, 'caller: { ani: "5550001111", dnis: 8005559999 }');
    expect(report.variables).toMatchObject({ ANI: '5550001111', DNIS: '8005559999', ContactId: 'contact-1', MediaType: 'SMS' });
  });

  it('uses the default caller numbers and Phone when none are given', () => {
    const report = runYaml(`name: BeginTest
actions:
  begin: { type: Begin, next: done }
  done: { type: End }
`);
    expect(report.variables).toMatchObject({ ANI: '5551234567', DNIS: '8005550100', MediaType: 'Phone' });
  });

  it('sets the script variables, with the scenario\'s overriding them whatever the case of the name', () => {
    const report = runYaml(`name: BeginTest
variables: { SupervisorId: "1001", Language: en, Attempts: 0 }
actions:
  begin: { type: Begin, next: done }
  done: { type: End }
`, 'variables: { language: fr, Vip: "yes" }');
    expect(report.variables).toMatchObject({ SupervisorId: '1001', Language: 'fr', Attempts: 0, Vip: 'yes' });
    expect(report.variables['language']).toBeUndefined();
  });

  it('ends with NoBranch when it has no next', () => {
    const report = runYaml(`name: BeginTest
actions:
  begin: { type: Begin }
`);
    expect(path(report)).toEqual(['begin']);
    expect(edges(report)).toEqual([]);
    expect(report.steps[0]).toMatchObject({ at: 0, branch: null, next: null });
    expect(report.outcome).toBe('ended');
    expect(report.reason).toBe('NoBranch');
    expect(report.elapsedMs).toBe(0);
  });

  it('puts the scenario\'s parameters in p1 to p9 when Parameters is not given', () => {
    const report = run(`
  begin: { type: Begin, next: done }
  done: { type: End }
`, 'parameters: ["12345", en]');
    expect(report.variables).toMatchObject({ p1: '12345', p2: 'en' });
    expect(report.variables['p3']).toBeUndefined();
    expect(report.steps[0]?.notes).toEqual(['started with p1 = "12345", p2 = "en"']);
  });

  it('renames p1, p2, ... to the names Parameters lists, one per line, in order', () => {
    const report = run(`
  begin: { type: Begin, properties: { Parameters: "AccountId\\nLanguage" }, next: done }
  done: { type: End }
`, 'parameters: ["12345", en, extra]');
    expect(report.variables).toMatchObject({ AccountId: '12345', Language: 'en', p3: 'extra' });
    expect(report.variables['p1']).toBeUndefined();
    expect(report.steps[0]?.notes).toEqual(['started with AccountId = "12345", Language = "en", p3 = "extra"']);
  });

  it('leaves a named parameter unset when the scenario does not pass it', () => {
    const report = run(`
  begin: { type: Begin, properties: { Parameters: "AccountId\\nLanguage" }, next: done }
  done: { type: End }
`, 'parameters: ["12345"]');
    expect(report.variables['AccountId']).toBe('12345');
    expect(report.variables['Language']).toBeUndefined();
  });

  it('refuses more than 9 Parameters and a name that is not a variable name', () => {
    const tooMany = loadScriptText(`name: X\nactions:\n  begin: { type: Begin, properties: { Parameters: "a\\nb\\nc\\nd\\ne\\nf\\ng\\nh\\ni\\nj" }, next: done }\n  done: { type: End }\n`, 't.yaml');
    expect(tooMany.ok).toBe(false);
    expect(tooMany.diagnostics.map((d) => d.message)).toContain('Begin "begin" renames 10 parameters; a script has at most 9 (p1 to p9)');
    const badName = loadScriptText(`name: X\nactions:\n  begin: { type: Begin, properties: { Parameters: "1st" }, next: done }\n  done: { type: End }\n`, 't.yaml');
    expect(badName.ok).toBe(false);
    expect(badName.diagnostics.map((d) => d.code)).toContain('invalid-variable-name');
  });
});
