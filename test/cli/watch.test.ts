import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.ts';

const scripts = join(import.meta.dirname, '../../scripts');

/** Resolves once `predicate` holds for the output so far. */
function whenOutput(predicate: (stdout: string) => boolean) {
  let resolveWait: () => void = () => {};
  const reached = new Promise<void>((resolve) => {
    resolveWait = resolve;
  });
  return { reached, onOutput: (stdout: string) => predicate(stdout) && resolveWait() };
}

describe('watch mode', () => {
  it('test --watch re-runs the tests that read a changed script, and stops on abort', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'studio-sim-watch-'));
    for (const name of ['first-custom-event.yaml', 'first-custom-event.scenario.yaml', 'first-custom-event.test.yaml']) copyFileSync(join(scripts, name), join(folder, name));
    const controller = new AbortController();
    const watching = whenOutput((out) => out.includes('watching 3 files'));
    let rerun = whenOutput(() => false);
    const run = runCli(['test', 'first-custom-event.test.yaml', '--watch'], {
      cwd: folder,
      signal: controller.signal,
      onOutput: (out) => {
        watching.onOutput(out);
        rerun.onOutput(out);
      },
    });
    await watching.reached;
    rerun = whenOutput((out) => /first-custom-event\.yaml changed[\s\S]*1 passed, 1 failed/.test(out));
    // Change the script: say_kept becomes an End, so the logged-out case no longer ends with Hangup.
    const script = join(folder, 'first-custom-event.yaml');
    writeFileSync(script, readFileSync(script, 'utf8').replace('say_kept:\n    type: Play', 'say_kept:\n    type: End').replace(/(say_kept:\n    type: End\n)[\s\S]*?\n\n/, '$1\n'));
    await rerun.reached;
    controller.abort();
    const result = await run;
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('2 passed, 0 failed');
  }, 20_000);
});
