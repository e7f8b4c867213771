import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.ts';

const root = join(import.meta.dirname, '../..');
const scripts = join(root, 'scripts');

function scratchFile(name: string, text: string): { folder: string; file: string } {
  const folder = mkdtempSync(join(tmpdir(), 'studio-sim-test-'));
  const file = join(folder, name);
  writeFileSync(file, text);
  return { folder, file };
}

describe('studio-sim test', () => {
  it('runs the sample tests with 100% branch coverage', async () => {
    const run = await runCli(['test', 'scripts', '--coverage-threshold', '100', '--lcov', join(mkdtempSync(join(tmpdir(), 'lcov-')), 'lcov.info')], { cwd: root });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/branches (\d+)\/\1, 100% \(threshold 100%\)/);
    expect(run.stdout).toMatch(/\n\d+ passed, 0 failed\n$/);
  });

  it('a missing case shows the uncovered branch and its YAML line, and fails the threshold', async () => {
    const { file } = scratchFile(
      'one.test.yaml',
      `script: ${join(scripts, 'first-custom-event.yaml')}\nscenario: ${join(scripts, 'first-custom-event.scenario.yaml')}\ncases:\n  - name: logged out\n    expect: { reason: Hangup }\n`,
    );
    const run = await runCli(['test', file, '--coverage-threshold', '100', '--lcov', join(mkdtempSync(join(tmpdir(), 'lcov-')), 'lcov.info')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ tell_supervisor\.Default +line {2}24 {2}taken 0/);
    expect(run.stdout).toMatch(/✗ say_sent\.Default +line {2}30/);
    expect(run.stdout).toContain('  24 ✗       Default: say_sent');
    expect(run.stdout).toContain('branches 3/5, 60% (threshold 100%, not met)');
    expect(run.stdout).toContain('1 passed, 0 failed');
  });

  it('a failing expectation shows file:line, expected and actual, and the trace up to it', async () => {
    const { file } = scratchFile(
      'fail.test.yaml',
      [
        `script: ${join(scripts, 'first-custom-event.yaml')}`,
        'cases:',
        '  - name: wrong expectations',
        '    scenario: { agents: { "1001": { state: Available } } }',
        '    expect:',
        '      path: [begin, tell_supervisor, say_kept]',
        '      customEvents: [{ eventName: Call_Arrived, delivery: persisted }]',
        '      variables: { ANI: "123" }',
      ].join('\n'),
    );
    const run = await runCli(['test', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`✗ wrong expectations  (${file}:3)`);
    expect(run.stdout).toContain(`${file}:6: path: step 3 is "say_sent", not "say_kept"`);
    expect(run.stdout).toContain(`${file}:7: customEvents: no event matches {"eventName":"Call_Arrived","delivery":"persisted"}`);
    // Without scenario:, the script's own first-custom-event.scenario.yaml sets the caller.
    expect(run.stdout).toContain(`${file}:8: variables: ANI is "5550001111", not "123"`);
    expect(run.stdout).toContain('trace up to step 3 of ');
    expect(run.stdout).toContain('0 passed, 1 failed');
  });

  it('--reporter junit writes JUnit XML and --json prints a report', async () => {
    const { folder, file } = scratchFile(
      'j.test.yaml',
      `script: ${join(scripts, 'first-custom-event.yaml')}\ncases:\n  - name: "passes <ok>"\n    expect: { reason: Hangup }\n  - name: fails & says why\n    expect: { reason: End }\n`,
    );
    const output = join(folder, 'out/junit.xml');
    const run = await runCli(['test', file, '--reporter', 'junit', '--output', output]);
    expect(run.code).toBe(1);
    const xml = readFileSync(output, 'utf8');
    expect(xml).toContain('<testsuites name="studio-sim" tests="2" failures="1"');
    expect(xml).toContain('<testcase name="passes &lt;ok&gt;"');
    expect(xml).toContain('<failure message="the contact ended with Hangup, not End');
    const json = JSON.parse((await runCli(['test', file, '--json', '--coverage', '--lcov', join(folder, 'lcov.info')])).stdout) as { passed: number; failed: number; files: Array<{ cases: Array<{ failures: Array<{ line: number }> }> }>; coverage: { covered: number; total: number } };
    expect([json.passed, json.failed]).toEqual([1, 1]);
    expect(json.files[0]?.cases[1]?.failures[0]?.line).toBe(6);
    expect(json.coverage).toMatchObject({ covered: 3, total: 5 });
    const lcov = readFileSync(join(folder, 'lcov.info'), 'utf8');
    expect(lcov).toContain(`SF:${join(scripts, 'first-custom-event.yaml')}`);
    expect(lcov).toMatch(/BRDA:24,1,0,-\n/);
    expect(lcov).toContain('BRF:5\nBRH:3');
  });

  it('an invalid test file gives diagnostics at line and column', async () => {
    const { file } = scratchFile(
      'bad.test.yaml',
      `script: ${join(scripts, 'first-custom-event.yaml')}\ncases:\n  - name: typo\n    expect:\n      visits: [tell_supervisr]\n      branches: { tell_supervisor: OnNotConnected }\n      reasn: End\n`,
    );
    const run = await runCli(['test', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file}:7:7: error unknown-key`);
    const fixed = scratchFile('bad2.test.yaml', readFileSync(file, 'utf8').replace('      reasn: End\n', ''));
    const second = await runCli(['test', fixed.file]);
    expect(second.stderr).toContain(`${fixed.file}:5:16: error unknown-action The script has no action "tell_supervisr"; did you mean "tell_supervisor"?`);
    expect(second.stderr).toContain(`${fixed.file}:6:36: error unknown-branch CustomEvent "tell_supervisor" has no branch "OnNotConnected"`);
    expect(second.stdout).toContain('0 passed, 0 failed, 1 invalid test file');
  });

  it.each([
    [['test', 'scripts', '--reporter', 'tap'], '--reporter takes junit'],
    [['test', 'scripts', '--coverage-threshold', '101'], 'percentage from 0 to 100'],
    [['test', 'src'], 'No test files'],
  ])('usage errors exit 2: %j', async (argv, message) => {
    const run = await runCli(argv, { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
