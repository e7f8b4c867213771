import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnosticCodes } from '../src/diagnostics/codes.ts';
import { refreshGeneratedBlocks } from '../src/docs/reference.ts';
import { runCli } from './cli/helpers.ts';

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('README', () => {
  it('has its generated blocks up to date (refresh with `npm run generate`)', () => {
    expect(readme).toBe(refreshGeneratedBlocks(readme));
  });

  it('lists every diagnostic code', () => {
    for (const code of Object.keys(diagnosticCodes)) expect(readme, code).toContain(`\`${code}\``);
  });

  it('shows the two commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm test');
  });
});

describe('diagnostic catalogue', () => {
  it('has every code the source can report, and no code it cannot', () => {
    const folders = ['load', 'validate', 'actions', 'testing'];
    const source = folders.flatMap((folder) => readdirSync(join(root, 'src', folder)).map((f) => readFileSync(join(root, 'src', folder, f), 'utf8'))).join('\n');
    // Every quoted kebab-case string in these stages is a diagnostic code, except the encoding name.
    const used = new Set([...source.matchAll(/'([a-z0-9]+(?:-[a-z0-9]+)+)'/g)].map((m) => m[1] as string).filter((s) => s !== 'utf-8'));
    expect([...used].filter((code) => diagnosticCodes[code] === undefined)).toEqual([]);
    expect(Object.keys(diagnosticCodes).filter((code) => !used.has(code))).toEqual([]);
  });
});

describe('studio-sim docs', () => {
  it('prints one action, case-insensitively, and refuses an unknown one', async () => {
    const run = await runCli(['docs', 'customevent']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('## CustomEvent');
    expect(run.stdout).toContain('| PersistInMemory | boolean | `false` |');
    const bad = await runCli(['docs', 'CustomEvnt']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Did you mean "CustomEvent"?');
  });
});

describe('docs/actions.md', () => {
  it('is up to date with the action definitions (refresh with `npm run generate`)', async () => {
    const { renderReferencePage } = await import('../src/docs/reference.ts');
    expect(readFileSync(join(root, 'docs/actions.md'), 'utf8')).toBe(renderReferencePage());
  });
});

describe('studio-sim explain and lint', () => {
  it('every diagnostic code has an explanation and a fix', async () => {
    const { explanations } = await import('../src/diagnostics/explanations.ts');
    expect(Object.keys(explanations).sort()).toEqual(Object.keys(diagnosticCodes).sort());
    for (const text of Object.values(explanations)) {
      expect(text.explanation.length).toBeGreaterThan(40);
      expect(text.fix.length).toBeGreaterThan(10);
    }
  });

  it('explains a code, lists them all, and suggests the closest for a typo', async () => {
    const one = await runCli(['explain', 'custom-event-no-target']);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('custom-event-no-target (warning, semantic)');
    expect(one.stdout).toContain('Fix: Set TargetAgent');
    const all = await runCli(['explain']);
    expect(all.stdout.split('\n').filter(Boolean)).toHaveLength(Object.keys(diagnosticCodes).length);
    const typo = await runCli(['explain', 'endless-loops']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Did you mean "endless-loop"?');
  });

  it('lint fails on warnings where validate passes', async () => {
    const file = join(root, 'test/fixtures/lint/endless-loop.yaml');
    expect((await runCli(['validate', file])).code).toBe(0);
    expect((await runCli(['lint', file])).code).toBe(1);
    expect((await runCli(['lint', join(root, 'scripts')])).code).toBe(0);
    expect((await runCli(['lint', '--help'])).stdout).toContain('Usage: studio-sim lint');
  });
});
