/**
 * studio-sim/testing: run scripts from your own vitest suites and assert on
 * the run with matchers.
 *
 *   import { expect } from 'vitest';
 *   import { simulate, studioSimMatchers } from 'studio-sim/testing';
 *   expect.extend(studioSimMatchers);
 *   const report = simulate('scripts/custom-event-sample.yaml', { caller: { input: ['2'] } });
 *   expect(report).toHaveTakenBranch('main_menu', '2');
 */
import { isAbsolute, resolve } from 'node:path';
import { defaultScenarioPath, loadScenario, loadScript } from '../api.ts';
import type { CompiledScript } from '../compile/compile.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { RunReport } from '../runtime/report.ts';
import { simulate as simulateCompiled } from '../runtime/simulate.ts';
import { emptyScenario, mergeScenarioData, readScenario, scenarioFromData, validateScenarioFile, type Scenario, type ScenarioData } from '../validate/scenario.ts';

export { studioSimMatchers, type StudioSimMatchers } from './matchers.ts';
export { checkExpectations, type Failure } from './expectations.ts';
export type { RequestExpectation, SpawnedExpectation } from './test-file.ts';
export type { HttpRecord } from '../runtime/http.ts';
export type { RunReport } from '../runtime/report.ts';
export type { Scenario, ScenarioData, CallerInputData } from '../validate/scenario.ts';

/** A script or scenario a test set up wrongly: the message lists the diagnostics. */
export class SimulationSetupError extends Error {
  override name = 'SimulationSetupError';
  readonly diagnostics: Diagnostic[];
  constructor(what: string, diagnostics: Diagnostic[]) {
    super(`${what}:\n${diagnostics.map((d) => `  ${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code} ${d.message}`).join('\n')}`);
    this.diagnostics = diagnostics;
  }
}

const compiledByPath = new Map<string, CompiledScript>();

function compiledFor(path: string): CompiledScript {
  const absolute = isAbsolute(path) ? path : resolve(path);
  let compiled = compiledByPath.get(absolute);
  if (!compiled) {
    const loaded = loadScript(absolute, {}, path);
    if (!loaded.ok) throw new SimulationSetupError(`${path} is not a valid script`, loaded.diagnostics);
    compiled = loaded.compiled;
    compiledByPath.set(absolute, compiled);
  }
  return compiled;
}

function isScenario(value: object): value is Scenario {
  return 'caller' in value && 'limits' in value && Array.isArray((value as Scenario).agents);
}

/**
 * Runs one contact. `script` is a path or a compiled script. `scenario` is a
 * *.scenario.yaml path, a Scenario, or scenario data as written in YAML (laid
 * over the script's default scenario, `<script>.scenario.yaml`, if any).
 */
export function simulate(script: string | CompiledScript, scenario?: string | Scenario | ScenarioData): RunReport {
  const compiled = typeof script === 'string' ? compiledFor(script) : script;
  if (typeof scenario === 'string') {
    const loaded = loadScenario(scenario);
    if (!loaded.ok) throw new SimulationSetupError(`${scenario} is not a valid scenario`, loaded.diagnostics);
    return simulateCompiled(compiled, loaded.scenario);
  }
  if (scenario && isScenario(scenario)) return simulateCompiled(compiled, scenario);
  let base: Record<string, unknown> = {};
  const defaultPath = typeof script === 'string' ? defaultScenarioPath(resolve(script)) : undefined;
  if (defaultPath) {
    const result = validateScenarioFile(defaultPath);
    if (!result.data) throw new SimulationSetupError(`${defaultPath} is not a valid scenario`, result.diagnostics);
    base = result.data;
  }
  if (!scenario) return simulateCompiled(compiled, defaultPath ? readScenario(base, undefined, []) : emptyScenario());
  const result = scenarioFromData(mergeScenarioData(base, scenario as Record<string, unknown>));
  if ('problems' in result) {
    // Positions mean nothing for an object built in code; the paths say where.
    throw new SimulationSetupError('the scenario is not valid', [{ code: 'invalid-value', severity: 'error', message: result.problems.join('; '), file: 'scenario', line: 1, column: 1, path: [] }]);
  }
  return simulateCompiled(compiled, result.scenario);
}
