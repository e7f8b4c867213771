import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from './helpers.ts';

// validateScriptFile throws for any file named *boom*.yaml: a stand-in for a
// bug that one input triggers, whatever the bug is.
vi.mock('../../src/validate/index.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/validate/index.ts')>();
  return {
    ...original,
    validateScriptFile: (path: string, ...rest: unknown[]) => {
      if (/boom[^/\\]*\.yaml$/.test(path)) throw new RangeError('Maximum call stack size exceeded');
      return (original.validateScriptFile as (...args: unknown[]) => unknown)(path, ...rest);
    },
  };
});

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'dist/cli/bin.js');
const sample = join(root, 'scripts/first-custom-event.yaml');
const scratch = mkdtempSync(join(tmpdir(), 'studio-sim-failures-'));
const stackLine = /^\s+at .+\(?.+:\d+:\d+\)?$/m;

describe('an internal error in one file of validate', () => {
  const folder = join(scratch, 'mixed');
  mkdirSync(folder);
  writeFileSync(join(folder, 'a-fine.yaml'), readFileSync(sample, 'utf8'));
  writeFileSync(join(folder, 'b-boom.yaml'), readFileSync(sample, 'utf8'));
  writeFileSync(join(folder, 'c-typo.yaml'), 'name: T\nactions:\n  begin: { type: Begin, next: byee }\n  bye: { type: Hangup }\n');

  it('keeps every other file\'s result and exits 70 at the end', async () => {
    const run = await runCli(['validate', folder]);
    expect(run.code).toBe(70);
    expect(run.stdout).toContain('a-fine.yaml  FirstCustomEvent');
    expect(run.stdout).toContain('unknown-branch-target');
    expect(run.stderr).toContain('b-boom.yaml: studio-sim: internal error (a bug in studio-sim, not in your files): RangeError: Maximum call stack size exceeded.');
    expect(run.stderr).toContain('1 file could not be checked');
    expect(run.stderr).not.toMatch(stackLine);
  });

  it('shows the stack with --debug, wherever the flag is', async () => {
    const run = await runCli(['validate', '--debug', folder]);
    expect(run.code).toBe(70);
    expect(run.stderr).toMatch(stackLine);
  });

  it('lint reports it the same way', async () => {
    const run = await runCli(['lint', join(folder, 'b-boom.yaml')]);
    expect(run.code).toBe(70);
    expect(run.stderr).toContain('running `studio-sim lint');
  });
});

describe('commands that write files', () => {
  const cases: Array<[string, (output: string) => string[]]> = [
    ['graph --output', (output) => ['graph', sample, '--output', output]],
    ['cases --output', (output) => ['cases', sample, '--output', output, '--max-runs', '20']],
    ['docs --reference', (output) => ['docs', '--reference', output]],
    ['test --lcov', (output) => ['test', join(root, 'scripts/first-custom-event.test.yaml'), '--coverage', '--lcov', output]],
    ['test --reporter junit', (output) => ['test', join(root, 'scripts/first-custom-event.test.yaml'), '--reporter', 'junit', '--output', output]],
  ];

  it.each(cases)('%s creates missing parent folders', async (name, argv) => {
    const output = join(scratch, name.replace(/\W+/g, '-'), 'deeper', 'out.txt');
    const run = await runCli(argv(output));
    expect(run.stderr).not.toContain('internal error');
    expect([0, 1]).toContain(run.code);
    expect(existsSync(output)).toBe(true);
  });

  it.each(cases)('%s onto a folder says so, exit 1', async (_name, argv) => {
    const run = await runCli(argv(scratch));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`cannot write ${scratch}: it is a folder; name a file inside it`);
    expect(run.stderr).not.toContain('internal error');
  });

  it.each(cases)('%s under a file says a part of the path is a file', async (_name, argv) => {
    const file = join(scratch, 'plain-file');
    writeFileSync(file, '');
    const run = await runCli(argv(join(file, 'out.txt')));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('a part of its path is a file, not a folder');
  });

  it('init into a folder path that is a file says so', async () => {
    const file = join(scratch, 'init-file');
    writeFileSync(file, '');
    const run = await runCli(['init', 'demo', '--folder', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('a part of its path is a file, not a folder');
  });
});

describe('a closed stdout', () => {
  // The real binary through a shell pipe: only a real pipe gets EPIPE.
  it.each([
    ['run', `${JSON.stringify(bin)} run ${JSON.stringify(join(root, 'scripts/account-callback.yaml'))} --explain`],
    ['explain', `${JSON.stringify(bin)} explain`],
    ['docs', `${JSON.stringify(bin)} docs`],
  ])('%s | head -1 ends quietly', (_name, command) => {
    const result = spawnSync('sh', ['-c', `node ${command} | head -c 1 >/dev/null; node ${command} | true`], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
  });
});
