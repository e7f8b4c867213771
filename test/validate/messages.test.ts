import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.ts';
import { validateScriptText } from '../../src/validate/index.ts';
import { runCli } from '../cli/helpers.ts';

/** Messages that once misled: each says what is wrong in the user's words, never the parser's or the runtime's. */
const base = 'name: M\nmediaType: Phone\n';

function diagnostics(text: string): Diagnostic[] {
  return validateScriptText(text, 'm.yaml').diagnostics;
}

function one(text: string, code: string): Diagnostic {
  const found = diagnostics(text).filter((d) => d.code === code);
  expect(found, JSON.stringify(diagnostics(text), null, 1)).toHaveLength(1);
  return found[0] as Diagnostic;
}

describe('messages that say what is wrong', () => {
  it('duplicate-key names the key and the line of its first occurrence', () => {
    const d = one(`${base}actions:\n  begin: { type: Begin, next: bye }\n  bye: { type: Hangup }\n  bye: { type: Hangup }\n`, 'duplicate-key');
    expect(d.message).toBe('The key "bye" appears twice in this mapping; the first is on line 5');
    expect([d.line, d.column]).toEqual([6, 3]);
  });

  it('duplicate-key counts 1 and "1" as the same key, as the data does', () => {
    const d = one(`${base}actions:\n  begin: { type: Begin, next: bye }\n  bye: { type: Hangup, branches: { 1: a, "1": b } }\n`, 'duplicate-key');
    expect(d.message).toContain('"1" appears twice');
  });

  it('nesting-too-deep never shows the runtime\'s stack overflow', () => {
    for (const text of [`${base}x: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`, `${base}x: ${'{ a: '.repeat(10_000)}1${' }'.repeat(10_000)}\n`]) {
      const d = one(text, 'nesting-too-deep');
      expect(d.message).not.toMatch(/call stack/i);
      expect(d.message).toMatch(/nest/);
    }
  });

  it('{Var} where a bare name is expected says to write the name without braces', () => {
    const text = `${base}variables: { Choice: "" }\nactions:\n  begin: { type: Begin, next: check }\n  check:\n    type: If\n    properties: { Expression: "{Choice} = 1" }\n    branches: { "True": bye, "False": bye }\n  bye: { type: Hangup }\n`;
    expect(one(text, 'bad-expression').message).toContain('without braces in an expression: Choice = 1');
  });

  it('a variable-name property written in braces says so (Case Variable)', () => {
    const text = `${base}variables: { Choice: "" }\nactions:\n  begin: { type: Begin, next: pick }\n  pick:\n    type: Case\n    properties: { Variable: "{Choice}" }\n    branches: { Default: bye }\n  bye: { type: Hangup }\n`;
    const d = one(text, 'invalid-value');
    expect(d.message).toContain('write the name without braces: Choice, not {Choice}');
  });

  it('a non-ASCII action id says ids take ASCII letters', () => {
    const d = one(`${base}actions:\n  begin: { type: Begin, next: café }\n  café: { type: Hangup }\n`, 'invalid-action-id');
    expect(d.message).toContain('"é" is not an ASCII letter');
    expect(d.hint).toContain('ASCII letters');
  });

  it('a number beyond a double says too large, not Infinity', () => {
    const d = one(`${base}actions:\n  begin: { type: Begin, next: bye }\n  bye: { type: Hangup, caption: x, notes: 1e400 }\n`, 'number-too-large');
    expect(d.message).toBe('The number 1e400 is too large: numbers go up to about 1.8e308');
    expect(diagnostics(`${base}actions:\n  begin: { type: Begin, next: bye }\n  bye: { type: Hangup, notes: 1e400 }\n`).map((x) => x.message).join('\n')).not.toContain('Infinity');
  });

  it('a YAML merge key says merge keys are not supported', () => {
    const d = one(`${base}actions:\n  begin: { type: Begin, next: bye }\n  bye: &end { type: Hangup }\n  end: { <<: *end }\n`, 'merge-key');
    expect(d.message).toContain('merge keys');
    expect(d.message).toContain('not supported');
  });

  it('a 100,000-character key says the key is too long', () => {
    const d = one(`${base}actions:\n  begin: { type: Begin, next: bye }\n  bye: { type: Hangup }\n${'k'.repeat(100_000)}: 1\n`, 'yaml-syntax');
    expect(d.message).toContain('key is too long');
  });

  it.each([
    ['MULTILINE_IMPLICIT_KEY', `${base}actions:\n  begin: { type: Begin, next: bye }\n  bye\n  type: Hangup\n`],
    ['BAD_INDENT', `${base}actions:\n    begin: { type: Begin, next: bye }\n  bye: { type: Hangup }\n`],
    ['MISSING_CHAR', `${base}actions:\n  begin: { type: Begin, next: "bye }\n`],
  ])('the parser\'s %s gets a plain sentence and a hint', (code, text) => {
    const found = diagnostics(text).filter((d) => d.code === 'yaml-syntax');
    expect(found.length).toBeGreaterThan(0);
    for (const d of found) {
      expect(d.message).not.toContain(code);
      expect(d.message).not.toMatch(/implicit|block mapping|flow collection/i);
      expect(d.hint).toBeTruthy();
    }
  });

  it('a typo\'d next or branches key gives its error, without cascades of unreachable and dead-end warnings', () => {
    const text = `${base}actions:\n  begin: { type: Begin, Next: greet }\n  greet:\n    type: Hangup\n    caption: hi\n  other: { type: Begin, branch: { Default: greet } }\n`;
    const codes = diagnostics(text).map((d) => d.code);
    expect(codes).toContain('unknown-key');
    expect(codes).not.toContain('unreachable-action');
    expect(codes).not.toContain('dead-end');
  });
});

describe('CLI messages', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'studio-sim-messages-'));
  const sample = join(import.meta.dirname, '../../scripts/first-custom-event.yaml');

  it.each([['--max-steps', '-1'], ['--max-seconds', '-5'], ['--max-steps', '-0.5']])('%s %s gets our own message, not the parser\'s "ambiguous"', async (flag, value) => {
    const run = await runCli(['run', sample, flag, value]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${flag} takes a whole number of at least 1, not "${value}"`);
    expect(run.stderr).not.toContain('ambiguous');
  });

  it('--json with --explain is refused with the reason', async () => {
    const run = await runCli(['run', sample, '--json', '--explain']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('use one or the other');
  });

  it('an endless run stops printing after a bounded number of lines, and gives its budget message', async () => {
    const run = await runCli(['run', join(import.meta.dirname, '../fixtures/lint/endless-loop.yaml')]);
    expect(run.code).toBe(3);
    expect(run.stdout.split('\n').length).toBeLessThan(450);
    expect(run.stdout).toMatch(/\.\.\. \d+ steps not shown/);
    expect(run.stdout).toContain('failed (StepLimit)');
  });

  it('a failing case never shows "up to step 0" nor says how it ended twice', async () => {
    writeFileSync(join(scratch, 'loop.yaml'), `${base}actions:\n  begin: { type: Begin, next: a }\n  a: { type: Assign, properties: { Variable: X, Value: "1" }, next: b }\n  b: { type: Assign, properties: { Variable: X, Value: "2" }, next: a }\n`);
    writeFileSync(join(scratch, 'loop.test.yaml'), 'script: loop.yaml\ncases:\n  - name: ends\n    expect: { reason: Hangup }\n  - name: never begins\n    expect: { notVisits: [begin] }\n');
    const run = await runCli(['test', join(scratch, 'loop.test.yaml')]);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('up to step 0');
    const ends = run.stdout.slice(run.stdout.indexOf('✗ ends'), run.stdout.indexOf('✗ never begins'));
    expect(ends.match(/Stopped after/g)).toHaveLength(1);
    expect(run.stdout.split('\n').length).toBeLessThan(600);
  });
});
