import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The package as a user gets it: `npm pack`, installed into an empty folder,
 * used from there by its bin, its library entries and TypeScript. Installing
 * takes its dependencies from npm's cache when they are there.
 */
const root = join(import.meta.dirname, '..');
const consumer = mkdtempSync(join(tmpdir(), 'studio-sim-consumer-'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const tsc = join(root, 'node_modules/typescript/bin/tsc');

function sh(command: string, args: string[], cwd = consumer) {
  return spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false' } });
}

beforeAll(() => {
  // The build is fresh: npm test builds before it runs the tests.
  const packs = join(consumer, 'packs');
  mkdirSync(packs);
  execFileSync(npm, ['pack', '--ignore-scripts', '--silent', '--pack-destination', packs], { cwd: root, stdio: 'pipe' });
  const tarball = readdirSync(packs).find((name) => name.endsWith('.tgz')) as string;
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const install = sh(npm, ['install', join(packs, tarball), '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error']);
  if (install.status !== 0) throw new Error(`npm install of the packed tarball failed:\n${install.stderr}`);
}, 300_000);

describe('the packed package, installed in an empty folder', () => {
  it('runs a shipped sample through npx studio-sim', () => {
    const run = sh('npx', ['--no-install', 'studio-sim', 'run', 'node_modules/studio-sim/scripts/first-custom-event.yaml']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('ended (Hangup)');
  });

  it('init writes a script whose printed next steps work', () => {
    const init = sh('npx', ['--no-install', 'studio-sim', 'init', 'my-ivr']);
    expect(init.status, init.stderr).toBe(0);
    const next = /next: (npx studio-sim run \S+)\s+(npx studio-sim test \S+ --coverage)/.exec(init.stdout);
    expect(next, init.stdout).not.toBeNull();
    for (const command of [next?.[1], next?.[2]] as string[]) {
      const [, ...args] = command.split(' ');
      const result = sh('npx', ['--no-install', ...args]);
      expect(result.status, `${command}\n${result.stdout}\n${result.stderr}`).toBe(0);
    }
    // The schema comment points into the installed package, so the editor finds it.
    const validate = sh('npx', ['--no-install', 'studio-sim', 'validate', 'my-ivr.yaml']);
    expect(validate.status).toBe(0);
  });

  it('its library entries work from plain JavaScript, with the samples reached through the package', () => {
    writeFileSync(
      join(consumer, 'use.mjs'),
      `import { createRequire } from 'node:module';
import { loadScript, runScript, emptyScenario } from 'studio-sim';
import { simulate } from 'studio-sim/testing';
const sample = createRequire(import.meta.url).resolve('studio-sim/package.json').replace(/package\\.json$/, 'scripts/custom-event-sample.yaml');
const loaded = loadScript(sample);
if (!loaded.ok) throw new Error('sample invalid');
console.log(runScript(loaded.compiled, emptyScenario()).outcome, simulate(sample, { caller: { input: ['2'] } }).outcome);
`,
    );
    const run = sh('node', ['use.mjs']);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('ended ended');
  });

  it('its types compile for a consumer without @types/node and with skipLibCheck false; a misspelt scenario key does not', () => {
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, skipLibCheck: false, types: [], noEmit: true }, include: ['typed.ts'] }),
    );
    writeFileSync(
      join(consumer, 'typed.ts'),
      `import { loadScriptText, runScript, emptyScenario, formatDiagnostic, type RunReport } from 'studio-sim';
import { simulate, studioSimMatchers, type ScenarioData } from 'studio-sim/testing';
const loaded = loadScriptText('name: X');
const report: RunReport | undefined = loaded.ok ? runScript(loaded.compiled, emptyScenario()) : undefined;
const scenario: ScenarioData = { caller: { input: ['1', { silence: true }] }, agents: { '1001': { state: 'Available' } } };
simulate('x.yaml', scenario);
// @ts-expect-error inptu is not a key of caller
simulate('x.yaml', { caller: { inptu: ['1'] } });
export const used = [report, formatDiagnostic, studioSimMatchers];
`,
    );
    const check = sh('node', [tsc, '-p', '.']);
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
