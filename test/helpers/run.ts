import { loadScenarioText, loadScriptText, runScript } from '../../src/api.ts';
import type { RunReport } from '../../src/runtime/report.ts';

/**
 * Runs a script given as YAML text with a scenario given as YAML text, and
 * fails loudly (with the diagnostics) if either is invalid, so a test never
 * passes by accident on a broken fixture.
 */
export function runYaml(script: string, scenario = ''): RunReport {
  const loaded = loadScriptText(script, 'test.yaml');
  if (!loaded.ok) throw new Error(`invalid test script:\n${loaded.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`).join('\n')}`);
  const scenarioResult = loadScenarioText(scenario || '{}', 'test.scenario.yaml');
  if (!scenarioResult.ok) throw new Error(`invalid test scenario:\n${scenarioResult.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`).join('\n')}`);
  return runScript(loaded.compiled, scenarioResult.scenario);
}

/** The ids of the actions the contact went through, in order. */
export function path(report: RunReport): string[] {
  return report.steps.map((s) => s.action);
}

/** `action.branch` for each step that took a branch. */
export function edges(report: RunReport): string[] {
  return report.steps.filter((s) => s.branch !== null).map((s) => `${s.action}.${s.branch}`);
}
