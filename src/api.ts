import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { setSpawnResolver } from './runtime/spawned.ts';
import { compileScript, type CompiledScript } from './compile/compile.ts';
import type { Diagnostic } from './diagnostics/diagnostic.ts';
import { resolveScriptName, type LoadLimits } from './load/index.ts';
import type { RunReport } from './runtime/report.ts';
import { simulate } from './runtime/simulate.ts';
import { validateScriptFile, validateScriptText } from './validate/index.ts';
import { emptyScenario, validateScenarioFile, validateScenarioText, validateScriptFolderHours, type Scenario } from './validate/scenario.ts';

/** A script ready to run, or the diagnostics that say why it is not. */
export type LoadedScript =
  | { ok: true; compiled: CompiledScript; diagnostics: Diagnostic[]; text: string; texts?: Map<string, string> }
  | { ok: false; diagnostics: Diagnostic[]; text?: string; texts?: Map<string, string> };

/** The failed result, with the source text when there was one (for code frames). */
function failed(diagnostics: Diagnostic[], text: string | undefined): { ok: false; diagnostics: Diagnostic[]; text?: string } {
  return text === undefined ? { ok: false, diagnostics } : { ok: false, diagnostics, text };
}

function compiled(result: ReturnType<typeof validateScriptFile>): LoadedScript {
  // The text of each file a diagnostic is in (the script and the scripts it calls), for code frames.
  const texts = result.texts ? { texts: result.texts } : {};
  if (!result.script) return { ...failed(result.diagnostics, result.text), ...texts };
  return { ok: true, compiled: compileScript(result.script), diagnostics: result.diagnostics, text: result.text ?? '', ...texts };
}

/** Loads, validates and compiles a script file. */
export function loadScript(path: string, limits: Partial<LoadLimits> = {}, file = path): LoadedScript {
  const loaded = compiled(validateScriptFile(path, limits, file));
  if (loaded.ok) findSpawnedScripts(loaded.compiled, path, file, limits, new Map());
  return loaded;
}

/**
 * Lets a script loaded from a file spawn the scripts beside it: each is
 * loaded (validated and compiled) the first time a Spawn names it, once per
 * run tree, so a script spawning itself is loaded once.
 */
export function findSpawnedScripts(script: CompiledScript, path: string, file: string, limits: Partial<LoadLimits>, loadedByPath: Map<string, CompiledScript>): void {
  loadedByPath.set(resolve(path), script);
  setSpawnResolver(script, (name) => {
    const found = resolveScriptName(path, file, name);
    if (!found.ok) return { ok: false, reason: found.message };
    const known = loadedByPath.get(resolve(found.path));
    if (known) return { ok: true, compiled: known };
    const childFile = found.shown;
    const child = compiled(validateScriptFile(found.path, limits, childFile));
    if (!child.ok) {
      const first = child.diagnostics.find((d) => d.severity === 'error');
      return { ok: false, reason: `${childFile} does not validate${first ? `: ${first.line}:${first.column} ${first.message}` : ''}` };
    }
    findSpawnedScripts(child.compiled, found.path, childFile, limits, loadedByPath);
    return { ok: true, compiled: child.compiled };
  });
}

/**
 * Loads, validates and compiles script text (for tests and editors). With
 * `path`, the file the text stands for, the scripts it calls (Runsub,
 * RunScript) are found beside that file; without it a script that calls
 * others does not load.
 */
export function loadScriptText(text: string, file = 'script.yaml', limits: Partial<LoadLimits> = {}, path?: string): LoadedScript {
  const loaded = compiled(validateScriptText(text, file, limits, path));
  // Text standing for a file spawns the scripts beside that file, as the file itself would.
  if (loaded.ok && path !== undefined) findSpawnedScripts(loaded.compiled, path, file, limits, new Map());
  return loaded;
}

export type LoadedScenario = { ok: true; scenario: Scenario; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[]; text?: string };

function scenarioLoaded(result: ReturnType<typeof validateScenarioFile>): LoadedScenario {
  return result.scenario ? { ok: true, scenario: result.scenario, diagnostics: result.diagnostics } : failed(result.diagnostics, result.text);
}

export function loadScenario(path: string, limits: Partial<LoadLimits> = {}, file = path): LoadedScenario {
  return scenarioLoaded(validateScenarioFile(path, limits, file));
}

/** For a script without a scenario file: the default scenario with the hours.yaml beside the script, or undefined when there is none. */
export function scriptFolderHours(scriptPath: string, limits: Partial<LoadLimits> = {}, scriptFile = scriptPath): LoadedScenario | undefined {
  const result = validateScriptFolderHours(scriptPath, limits, scriptFile);
  return result && scenarioLoaded(result);
}

export function loadScenarioText(text: string, file = 'scenario.yaml', limits: Partial<LoadLimits> = {}): LoadedScenario {
  return scenarioLoaded(validateScenarioText(text, file, limits));
}

/** `scripts/x.yaml` runs by default with `scripts/x.scenario.yaml` when that file exists. */
export function defaultScenarioPath(scriptPath: string): string | undefined {
  const candidate = scriptPath.replace(/\.ya?ml$/i, '.scenario.yaml');
  return candidate !== scriptPath && existsSync(candidate) ? candidate : undefined;
}

/** Runs one contact of a compiled script; the scenario defaults to a silent caller and no agents. */
export function runScript(script: CompiledScript, scenario: Scenario = emptyScenario()): RunReport {
  return simulate(script, scenario);
}
