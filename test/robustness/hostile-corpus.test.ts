import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/helpers.ts';
import { hostileCorpus } from './hostile-corpus.ts';

/**
 * Every hostile shape through every command that reads a script: each ends
 * with a documented exit code (0 ok, 1 invalid, 2 usage, 3 run failed) and
 * a message, never an internal error (70) or a stack trace.
 */
const folder = mkdtempSync(join(tmpdir(), 'studio-sim-hostile-'));
const stackLine = /^\s+at .+:\d+:\d+\)?$/m;

const inputs = hostileCorpus().map((input, index) => {
  const script = join(folder, `hostile-${index}.yaml`);
  writeFileSync(script, input.script);
  if (input.scenario !== undefined) writeFileSync(join(folder, `hostile-${index}.scenario.yaml`), input.scenario);
  const testFile = join(folder, `hostile-${index}.test.yaml`);
  writeFileSync(testFile, `script: hostile-${index}.yaml\ncases:\n  - name: runs\n    expect: {}\n`);
  return { name: input.name, script, testFile };
});

const commands: Array<[string, (input: (typeof inputs)[number]) => string[]]> = [
  ['validate', (input) => ['validate', input.script]],
  ['lint', (input) => ['lint', input.script]],
  ['run', (input) => ['run', input.script]],
  ['graph', (input) => ['graph', input.script]],
  ['test', (input) => ['test', input.testFile]],
];

describe('the hostile corpus', () => {
  it('covers the shapes that once crashed', () => {
    const names = inputs.map((input) => input.name).join('\n');
    for (const shape of ['chain of 4,300', 'at the action limit', 'nested 10,000 deep', 'billion laughs', 'merge key', 'duplicate', 'too large']) expect(names).toContain(shape);
  });

  for (const input of inputs) {
    describe(input.name, () => {
      it.each(commands)('%s ends with a documented exit code and no stack trace', async (_command, argv) => {
        const run = await runCli(argv(input));
        const output = `${run.stdout}\n${run.stderr}`;
        expect([0, 1, 2, 3], output.slice(0, 2000)).toContain(run.code);
        expect(output).not.toMatch(stackLine);
        expect(output).not.toContain('internal error');
        expect(output).not.toMatch(/Maximum call stack|RangeError|TypeError/);
        // Something is said either way: a result or a reason.
        expect(output.trim().length).toBeGreaterThan(0);
      }, 180_000);
    });
  }

  it('walks long chains to the end rather than refusing them', async () => {
    const atLimit = inputs.find((input) => input.name.startsWith('chain at the action limit')) as (typeof inputs)[number];
    const validate = await runCli(['validate', atLimit.script]);
    expect(validate.code, validate.stdout).toBe(0);
    const over = inputs.find((input) => input.name.startsWith('chain over the action limit')) as (typeof inputs)[number];
    const refused = await runCli(['validate', over.script]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('too-many-actions');
  }, 180_000);
});
