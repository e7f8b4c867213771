import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.ts';

describe('studio-sim init', () => {
  it('writes a script, scenario and test file that validate cleanly and pass with full coverage', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'studio-sim-init-'));
    const init = await runCli(['init', 'my-ivr'], { cwd: folder });
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('wrote my-ivr.yaml, my-ivr.scenario.yaml, my-ivr.test.yaml');
    expect(readFileSync(join(folder, 'my-ivr.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=.*schemas\/script\.schema\.json\n/);
    const validate = await runCli(['validate', 'my-ivr.yaml'], { cwd: folder });
    expect(validate.stdout).toContain('1 file checked: 0 errors, 0 warnings');
    expect((await runCli(['run', 'my-ivr.yaml'], { cwd: folder })).code).toBe(0);
    const test = await runCli(['test', 'my-ivr.test.yaml', '--coverage-threshold', '100', '--lcov', join(folder, 'lcov.info')], { cwd: folder });
    expect(test.code, test.stdout).toBe(0);
    expect(test.stdout).toContain('4 passed, 0 failed');
  });

  it('never overwrites, and refuses names that are not usable', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'studio-sim-init-'));
    expect((await runCli(['init', 'x', '--folder', 'sub'], { cwd: folder })).code).toBe(0);
    const again = await runCli(['init', 'x', '--folder', 'sub'], { cwd: folder });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exist');
    const bad = await runCli(['init', '../evil'], { cwd: folder });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is not a usable name');
  });
});
