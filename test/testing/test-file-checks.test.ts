import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTestFile } from '../../src/testing/test-file.ts';
import { runCli } from '../cli/helpers.ts';

const folder = mkdtempSync(join(tmpdir(), 'studio-sim-test-file-'));
const samples = join(import.meta.dirname, '../../scripts');
for (const name of ['custom-event-sample.yaml', 'custom-event-sample.scenario.yaml', 'first-custom-event.yaml']) writeFileSync(join(folder, name), readFileSync(join(samples, name), 'utf8'));

function problems(name: string, text: string) {
  const path = join(folder, name);
  writeFileSync(path, text);
  return loadTestFile(path, {}, name).diagnostics.filter((d) => d.severity === 'error');
}

describe('test files are checked before they run', () => {
  it('a Menu value branch the Menu does not wire is refused, with did-you-mean', () => {
    const found = problems('menu.test.yaml', 'script: custom-event-sample.yaml\ncases:\n  - name: x\n    expect: { branches: { main_menu: "7" } }\n');
    expect(found.map((d) => d.code)).toEqual(['unknown-branch']);
    expect(found[0]?.message).toContain('has no branch "7"');
    expect(found[0]?.hint).toContain('never the branch taken');
  });

  it('a wired Menu value branch is accepted', () => {
    expect(problems('menu-ok.test.yaml', 'script: custom-event-sample.yaml\ncases:\n  - name: x\n    expect: { branches: { main_menu: "2" } }\n')).toEqual([]);
  });

  it('customEvents delivery and action values are checked, with did-you-mean', () => {
    const found = problems('events.test.yaml', 'script: custom-event-sample.yaml\ncases:\n  - name: x\n    expect: { customEvents: [{ delivery: queud, action: notfy_monitor }] }\n');
    expect(found.map((d) => d.message)).toEqual([
      'A custom event\'s delivery is never "queud"; did you mean "queued"?',
      'The script has no action "notfy_monitor"; did you mean "notify_monitor"?',
    ]);
  });

  it('without scenario:, the script\'s <script>.scenario.yaml is used, as run and simulate() do', () => {
    writeFileSync(join(folder, 'no-scenario.test.yaml'), 'script: custom-event-sample.yaml\ncases:\n  - name: x\n    expect: {}\n');
    const suite = loadTestFile(join(folder, 'no-scenario.test.yaml')).suite;
    const beside = readFileSync(join(folder, 'custom-event-sample.scenario.yaml'), 'utf8');
    expect(beside).toContain('agents');
    expect(Object.keys(suite?.baseScenario ?? {})).toContain('agents');
    expect(suite?.cases[0]?.scenario.agents.length).toBeGreaterThan(0);
  });

  it('a missing script\'s hint names the folder it is resolved from', () => {
    mkdirSync(join(folder, 'sub'), { recursive: true });
    writeFileSync(join(folder, 'sub', 'missing.test.yaml'), 'script: nowhere.yaml\ncases:\n  - name: x\n    expect: {}\n');
    const found = loadTestFile(join(folder, 'sub', 'missing.test.yaml'), {}, 'tests/sub/missing.test.yaml').diagnostics.find((d) => d.code === 'file-not-found');
    expect(found?.hint).toContain("relative to the test file's folder (tests/sub/)");
  });

  it('a script passed to test says it is a script, not a test file', async () => {
    const run = await runCli(['test', join(folder, 'first-custom-event.yaml')]);
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toContain('is a script, not a test file');
    expect(run.stdout + run.stderr).not.toContain('missing "script"');
  });
});
