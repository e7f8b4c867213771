import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.ts';
import { runCli } from './helpers.ts';

const root = join(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'studio-sim-cli-'));
const typo = join(scratch, 'typo.yaml');
writeFileSync(typo, 'name: T\nactions:\n  begin: { type: Begin, next: byee }\n  bye: { type: Hangup }\n');
const warnOnly = join(scratch, 'warn.yaml');
writeFileSync(warnOnly, 'name: W\nactions:\n  begin: { type: Begin, next: bye }\n  bye: { type: Hangup }\n  lost: { type: Hangup }\n');

describe('studio-sim validate', () => {
  it('exits 0 for the samples and summarises each', async () => {
    const run = await runCli(['validate', 'scripts'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/ok {4}scripts\/custom-event-sample\.yaml {2}CustomEventSample \(Phone\): \d+ actions/);
    expect(run.stdout).toMatch(/\d+ files checked: 0 errors, 0 warnings/);
    expect(run.stderr).toBe('');
  });

  it('prints file:line:column, a code frame with a caret, and the hint; exits 1', async () => {
    const run = await runCli(['validate', typo]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${typo}:3:31: error unknown-branch-target Branch Default of Begin "begin" goes to "byee", which is not an action of this script; did you mean "bye"?`);
    expect(run.stdout).toContain('  3 |   begin: { type: Begin, next: byee }\n    |                               ^');
    expect(run.stdout).toContain('hint: Change the target to "bye"');
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('exits 0 when there are only warnings', async () => {
    const run = await runCli(['validate', warnOnly]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('warning unreachable-action');
  });

  it('exits 1 when any one of several files has an error', async () => {
    const run = await runCli(['validate', warnOnly, typo, join(root, 'scripts/first-custom-event.yaml')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('3 files checked: 1 error, 1 warning in 1 failing file');
  });

  it('--json prints the diagnostics array', async () => {
    const run = await runCli(['validate', '--json', typo, warnOnly]);
    expect(run.code).toBe(1);
    const diagnostics = JSON.parse(run.stdout) as Diagnostic[];
    expect(diagnostics.map((d) => [d.code, d.severity, d.line, d.column])).toEqual([
      ['unknown-branch-target', 'error', 3, 31],
      ['unreachable-action', 'warning', 5, 3],
    ]);
    expect(diagnostics[0]).toMatchObject({ file: typo, path: ['actions', 'begin', 'next'] });
  });

  it('colours only when asked to (a TTY)', async () => {
    const run = await runCli(['validate', typo], { color: true });
    expect(run.stdout).toContain('\u001b[31merror\u001b[39m');
  });

  it('reports a missing file as a diagnostic, exit 1', async () => {
    const run = await runCli(['validate', 'nope.yaml'], { cwd: scratch });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('nope.yaml:1:1: error file-not-found File not found: nope.yaml');
  });

  it.each([
    [['validate'], 'needs at least one script'],
    [['validate', '--jsn', 'x.yaml'], "Unknown option '--jsn'. Did you mean --json?"],
    [['validate', '--max-depth', 'lots', 'x.yaml'], '--max-depth takes a whole number'],
    [['valdate', 'x.yaml'], 'Unknown command "valdate". Did you mean "validate"?'],
    [[], ''],
  ])('usage errors exit 2: %j', async (argv, message) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr + run.stdout).toContain(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('an empty folder is a usage error', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'studio-sim-empty-'));
    const run = await runCli(['validate', empty]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('No script files');
  });

  it('help and version', async () => {
    expect((await runCli(['help'])).stdout).toContain('validate');
    expect((await runCli(['help', 'validate'])).stdout).toContain('Exit codes: 0 no errors');
    expect((await runCli(['validate', '--help'])).code).toBe(0);
    expect((await runCli(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('the bin runs from dist/ with the documented exit codes', () => {
    const bin = join(root, 'dist/cli/bin.js');
    expect(existsSync(bin), 'run `npm run build` first (npm test does)').toBe(true);
    expect(execFileSync(process.execPath, [bin, 'validate', 'scripts'], { cwd: root, encoding: 'utf8' })).toContain('0 errors');
    const failed = spawnSync(process.execPath, [bin, 'validate', typo], { encoding: 'utf8' });
    expect(failed.status).toBe(1);
    const usage = spawnSync(process.execPath, [bin, 'validate', '--bogus'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).not.toContain('    at ');
  });

  it('schema --check agrees with the committed schema', async () => {
    const run = await runCli(['schema', '--check']);
    expect(run.code).toBe(0);
  });
});
