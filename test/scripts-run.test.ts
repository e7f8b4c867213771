import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, loadScript, runScript } from '../src/api.ts';

/** Every scenario under scripts/ runs its script to a finished contact. */
const folder = join(import.meta.dirname, '../scripts');
const scenarios = readdirSync(folder).filter((name) => name.endsWith('.scenario.yaml')).sort();

describe('sample scenarios', () => {
  it('every sample script has a scenario', () => {
    const scripts = readdirSync(folder).filter((name) => name.endsWith('.yaml') && !name.includes('.scenario.') && !name.includes('.test.') && name !== 'hours.yaml');
    expect(scenarios.map((s) => s.replace('.scenario.yaml', '.yaml')).sort()).toEqual(scripts.sort());
  });

  it.each(scenarios)('%s runs to a finished contact', (name) => {
    const scenario = loadScenario(join(folder, name));
    const script = loadScript(join(folder, name.replace('.scenario.yaml', '.yaml')));
    expect(scenario.diagnostics).toEqual([]);
    if (!scenario.ok || !script.ok) throw new Error('invalid sample');
    const report = runScript(script.compiled, scenario.scenario);
    expect(report.outcome, report.message).toBe('ended');
    expect(report.steps.length).toBeGreaterThan(2);
    expect(report.customEvents.length).toBeGreaterThan(0);
  });
});
