import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioText, loadScript, loadScriptText, runScript } from '../../src/api.ts';
import { emptyScenario } from '../../src/validate/scenario.ts';

const folder = join(import.meta.dirname, '..', 'fixtures', 'master-id');

describe('MasterID', () => {
  it('is a first contact\'s own ContactId, the parent\'s for every contact spawned from it (children\'s children too), and stays across RunScript', () => {
    const loaded = loadScript(join(folder, 'parent.yaml'), {}, 'master-id/parent.yaml');
    if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`).join('\n'));
    expect(loaded.diagnostics.filter((d) => d.code === 'undefined-variable')).toEqual([]);
    const scenario = loadScenarioText('agents: { "1001": { state: Available } }', 's.yaml');
    if (!scenario.ok) throw new Error('invalid scenario');
    const report = runScript(loaded.compiled, scenario.scenario);
    expect(report.reason).toBe('End');
    expect(report.variables['MasterID']).toBe('contact-1');
    // The agent's desktop gets every contact's events: ContactId, then MasterID.
    expect(report.agents['1001']?.received.filter((event) => event['type'] === 'CustomEvent').map((event) => event['data'])).toEqual([
      'parent contact-1 contact-1',
      'child contact-2 contact-1',
      'grandchild contact-3 contact-1',
      'next contact-1 contact-1',
    ]);
  });

  it('is the MasterID of the agent\'s CallContactEvent: a spawned contact\'s is its parent\'s', () => {
    const loaded = loadScript(join(folder, 'spawn-queued.yaml'), {}, 'master-id/spawn-queued.yaml');
    if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`).join('\n'));
    const scenario = loadScenarioText('agents: { "1001": { state: Available, skills: [Support], answerAfter: 2 } }', 's.yaml');
    if (!scenario.ok) throw new Error('invalid scenario');
    const report = runScript(loaded.compiled, scenario.scenario);
    const calls = report.agents['1001']?.received.filter((event) => event['Type'] === 'CallContactEvent') ?? [];
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect([call['ContactID'], call['MasterID']]).toEqual(['contact-2', 'contact-1']);
  });

  it('is known to validation as a system variable: reading it is no undefined variable', () => {
    const loaded = loadScriptText('name: T\nactions:\n  begin: { type: Begin, next: a }\n  a: { type: Assign, properties: { Variable: Seen, Value: "{MasterID}" }, next: e }\n  e: { type: End }\n');
    if (!loaded.ok) throw new Error('invalid');
    expect(loaded.diagnostics.filter((d) => d.message.includes('MasterID'))).toEqual([]);
    expect(runScript(loaded.compiled, emptyScenario()).variables['Seen']).toBe('contact-1');
  });
});
