import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadScenarioText, loadScript, runScript } from '../../src/api.ts';
import type { RunReport } from '../../src/runtime/report.ts';

/** Writes script files (path -> YAML text) into a new temporary folder and returns it. */
export function scriptFolder(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'studio-sim-subs-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return folder;
}

/** Runs `main` of a folder of scripts (it and the scripts it calls must be valid) in a scenario given as YAML. */
export function runFolder(folder: string, main: string, scenario = ''): RunReport {
  const loaded = loadScript(join(folder, main), {}, main);
  if (!loaded.ok) throw new Error(`invalid test script:\n${loaded.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`).join('\n')}`);
  const scenarioResult = loadScenarioText(scenario || '{}', 'test.scenario.yaml');
  if (!scenarioResult.ok) throw new Error(`invalid test scenario:\n${scenarioResult.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`).join('\n')}`);
  return runScript(loaded.compiled, scenarioResult.scenario);
}
