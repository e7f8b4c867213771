import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadScript, runScript } from '../src/api.ts';
import { stepPlace } from '../src/runtime/report.ts';
import { scenarioFromData } from '../src/validate/scenario.ts';

/**
 * Scripts written only from the vendor's help pages (each names its pages),
 * each beside `<name>.expect.yaml`: the scenario to run it in and the path
 * (action ids, in order; `<file name>:<id>` in a script it calls, which
 * sits in subs/) the docs say it takes, and optionally the branch each
 * action took (`branches: { id: Branch }`, the last time it ran) and the
 * run's `reason`. A script must validate without errors and take exactly
 * that path.
 */
const folder = join(import.meta.dirname, 'fixtures', 'vendor');
const scripts = readdirSync(folder)
  .filter((name) => name.endsWith('.yaml') && !name.endsWith('.expect.yaml'))
  .sort();

describe('scripts written from the vendor\'s pages', () => {
  it('has fixtures, each with its expected path', () => {
    expect(scripts.length).toBeGreaterThan(0);
    for (const name of scripts) expect(readdirSync(folder)).toContain(name.replace(/\.yaml$/, '.expect.yaml'));
  });

  for (const name of scripts) {
    it(`${name} validates and takes the documented path`, () => {
      const expected = parse(readFileSync(join(folder, name.replace(/\.yaml$/, '.expect.yaml')), 'utf8')) as { scenario?: Record<string, unknown>; path: string[]; branches?: Record<string, string | null>; reason?: string };
      // From its file, so the scripts it calls are found beside it.
      const loaded = loadScript(join(folder, name), {}, name);
      if (!loaded.ok) throw new Error(`${name} does not validate:\n${loaded.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`).join('\n')}`);
      const scenario = scenarioFromData(expected.scenario ?? {});
      if ('problems' in scenario) throw new Error(`${name}: the scenario in its .expect.yaml is invalid:\n${scenario.problems.join('\n')}`);
      const report = runScript(loaded.compiled, scenario.scenario);
      expect(report.steps.map(stepPlace)).toEqual(expected.path);
      for (const [action, branch] of Object.entries(expected.branches ?? {})) {
        const taken = report.steps.filter((step) => step.action === action).at(-1);
        expect(taken, `${name}: ${action} never ran`).toBeDefined();
        expect(taken?.branch, `${name}: the branch ${action} took`).toBe(branch);
      }
      if (expected.reason !== undefined) expect(report.reason).toBe(expected.reason);
    });
  }
});
