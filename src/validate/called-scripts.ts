import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { diagnosticAt } from '../load/index.ts';
import type { Script } from './script-model.ts';

/**
 * A called script's name as written: `Name`, or `folder/Name` for one in a
 * subfolder. Each part is letters, digits, `_`, `-`, `.` and spaces, and
 * starts with a letter, digit or `_`: no `..`, no absolute path, no `\`.
 */
export const calledScriptNamePattern = /^[A-Za-z0-9_][A-Za-z0-9_ .-]*(\/[A-Za-z0-9_][A-Za-z0-9_ .-]*)*$/;

/** The property holding the called script's name, by action type. */
const scriptNameProperty: Readonly<Record<string, string>> = { Spawn: 'ScriptName' };

export type CalledScript = { ok: true; path: string } | { ok: false; message: string; hint: string };

/** The file a script name means, beside the calling script (a `.yaml` file; `.yml` too). */
export function resolveCalledScript(callerPath: string, name: string): CalledScript {
  const trimmed = name.trim();
  if (!calledScriptNamePattern.test(trimmed) || trimmed.split('/').some((part) => part.trim() === '' || /^\.+$/.test(part.trim()))) {
    return { ok: false, message: `"${name}" is not a script name`, hint: 'Write the script\'s name (its file name without .yaml), or folder/Name for one in a subfolder beside this script; paths that leave the folder are not allowed.' };
  }
  const folder = resolve(dirname(callerPath));
  for (const extension of ['.yaml', '.yml']) {
    const candidate = resolve(join(folder, `${trimmed}${extension}`));
    // The pattern already keeps the name inside the folder; this says so again for the file system's sake.
    if (!candidate.startsWith(folder + sep)) break;
    if (existsSync(candidate) && statSync(candidate).isFile()) return { ok: true, path: candidate };
  }
  return { ok: false, message: `there is no script "${trimmed}" (${trimmed}.yaml) beside this one`, hint: `Create ${trimmed}.yaml in the same folder as this script (or a subfolder), or correct the name.` };
}

/** The names of the scripts a script calls with a written (not `{Variable}`) name, with the action each comes from. */
export function calledScripts(script: Script): Array<{ actionId: string; type: string; property: string; name: string }> {
  const called: Array<{ actionId: string; type: string; property: string; name: string }> = [];
  for (const action of script.actions.values()) {
    const property = scriptNameProperty[action.type];
    if (property === undefined) continue;
    const name = action.properties[property];
    if (typeof name !== 'string' || name.includes('{')) continue;
    called.push({ actionId: action.id, type: action.type, property, name });
  }
  return called;
}

/** Errors, at the name in the calling script, for each called script that cannot be found. */
export function checkCalledScripts(script: Script, callerPath: string): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const call of calledScripts(script)) {
    const found = resolveCalledScript(callerPath, call.name);
    if (found.ok) continue;
    problems.push(diagnosticAt(script.source, ['actions', call.actionId, 'properties', call.property], 'value', {
      code: 'called-script-not-found',
      severity: 'error',
      message: `${call.type} "${call.actionId}" calls ${found.message}`,
      hint: found.hint,
    }));
  }
  return problems;
}
