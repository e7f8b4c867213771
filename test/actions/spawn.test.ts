import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScript, loadScriptText, runScript } from '../../src/api.ts';
import { emptyScenario } from '../../src/validate/scenario.ts';
import { resolveScriptName } from '../../src/load/index.ts';

const folder = join(import.meta.dirname, '..', 'fixtures', 'spawn');

const load = (name: string) => {
  const loaded = loadScript(join(folder, name), {}, `spawn/${name}`);
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n'));
  return loaded.compiled;
};

describe('Spawn', () => {
  it('starts the script beside the caller as its own contact, in parallel, with SPAWNID and the parameters in its Begin', () => {
    const report = runScript(load('caller.yaml'), emptyScenario());
    expect(report.reason).toBe('End');
    expect(report.elapsedMs).toBe(2000);
    expect(report.variables['SPAWNID']).toBe('contact-2');
    expect(report.variables['FollowupId']).toBe('contact-3');
    expect(report.steps[1]?.notes).toEqual(['spawns Reminder as contact contact-2 with p1="5551234567", p2="first"']);
    expect(report.spawned?.map(({ steps: _steps, variables: _variables, ...record }) => record)).toEqual([
      { contactId: 'contact-2', parent: 'contact-1', action: 'start_reminder', script: 'Reminder', file: 'spawn/Reminder.yaml', startsAt: 0, path: ['begin', 'pause', 'check', 'done'], reason: 'End', endedAt: 5000 },
      // StartDate 9:10 on the virtual clock's first day (it starts at 9:00): 600 s later.
      { contactId: 'contact-3', parent: 'contact-1', action: 'start_later', script: 'Followup', file: 'spawn/sub/Followup.yaml', startsAt: 600_000, path: ['begin', 'done'], reason: 'End', endedAt: 600_000 },
    ]);
  });

  it('finds a script named in a variable at run time; an unknown one leaves SPAWNID empty with _ERR, and Default is taken', () => {
    const found = runScript(load('by-variable.yaml'), emptyScenario());
    expect(found.variables['SPAWNID']).toBe('contact-2');
    expect(found.spawned?.[0]).toMatchObject({ script: 'Reminder', reason: 'End', path: ['begin', 'pause', 'check', 'wrong'] });
    const missing = load('by-variable.yaml');
    const report = runScript(missing, { ...emptyScenario(), variables: { Target: 'Nobody' } });
    expect(report.reason).toBe('End');
    expect(report.variables['SPAWNID']).toBe('');
    expect(report.variables['_ERR']).toBe('No script "Nobody": there is no spawn/Nobody.yaml');
    expect(report.spawned).toBeUndefined();
  });

  it('reports a missing script and a path leaving the folder at the name in the caller', () => {
    const loaded = loadScript(join(folder, 'missing.yaml'), {}, 'spawn/missing.yaml');
    expect(loaded.ok).toBe(false);
    const problems = loaded.diagnostics.filter((d) => d.code.startsWith('subscript-') || d.code === 'invalid-script-name');
    expect(problems.map((d) => [d.line, d.column, d.message])).toEqual([
      [7, 31, 'Spawn "start": No script "NoSuchScript": there is no spawn/NoSuchScript.yaml'],
      [11, 31, 'Spawn "escape": The script name "../caller" leaves this script\'s folder; a called script must be in the same folder or a subfolder of it'],
    ]);
  });

  it('cannot spawn from a script given as text: there is no folder to look in', () => {
    const loaded = loadScriptText('name: T\nactions:\n  begin: { type: Begin, next: s }\n  s: { type: Spawn, properties: { ScriptName: Reminder }, next: e }\n  e: { type: End }\n');
    if (!loaded.ok) throw new Error('invalid');
    const report = runScript(loaded.compiled, emptyScenario());
    expect(report.variables['_ERR']).toBe('"T" was not loaded from a file, so there is no folder to find "Reminder" in');
  });

  it('takes Default with _ERR for a StartDate that is not a date, and for more than 20 parameters', () => {
    const script = (properties: string) => `name: T\nactions:\n  begin: { type: Begin, next: s }\n  s: { type: Spawn, properties: ${properties}, next: e }\n  e: { type: End }\n`;
    const badDate = loadScriptText(script('{ ScriptName: X, StartDate: tomorrow }'));
    if (!badDate.ok) throw new Error('invalid');
    expect(runScript(badDate.compiled, emptyScenario()).variables['_ERR']).toBe('StartDate "tomorrow" is not a date/time (write e.g. 12/24/2026 9:00:00 AM)');
    const many = loadScriptText(script(`{ ScriptName: X, Parameters: "${Array.from({ length: 21 }, (_, i) => i).join('\\n')}" }`));
    if (!many.ok) throw new Error('invalid');
    expect(runScript(many.compiled, emptyScenario()).variables['_ERR']).toBe('Parameters has 21 values; Spawn passes at most 20 (p1 to p20)');
  });

  it('resolves names beside the caller only', () => {
    const resolveFrom = (name: string) => resolveScriptName(join(folder, 'caller.yaml'), 'caller.yaml', name);
    expect(resolveFrom('Reminder')).toMatchObject({ ok: true });
    expect(resolveFrom('sub/Followup')).toMatchObject({ ok: true });
    for (const name of ['../spawn/Reminder', '/etc/passwd', 'sub/../Reminder', '', ' ', '{Target}']) expect(resolveFrom(name).ok).toBe(false);
  });
});
