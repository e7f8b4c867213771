import { maxSubscriptDepth } from '../actions/runsub.ts';
import { type Diagnostic, hasErrors, sortDiagnostics } from '../diagnostics/diagnostic.ts';
import { diagnosticAt, resolveScriptName, type LoadLimits } from '../load/index.ts';
import type { Script } from './script-model.ts';

/** Actions that name another script beside this one (Reskill's ScriptName handles the queuing); a Spawn's child runs as a contact of its own. */
const callingTypes = new Set(['Runsub', 'RunScript', 'Spawn', 'Reskill']);

/** Most scripts one set may hold (a script, its subscripts, theirs ...). */
export const maxScriptsInSet = 500;

/** What validating one file gives: its script when it has no errors, and what was found. */
export interface FileResult {
  script?: Script;
  diagnostics: Diagnostic[];
  text?: string;
}

/** A script with the scripts it calls, all checked: the entry's result with every file's problems. */
export interface SetResult extends FileResult {
  /** The text of every file a diagnostic is in, by the name diagnostics show, for code frames. */
  texts: Map<string, string>;
}

interface Pending {
  script: Script;
  path: string;
  shown: string;
}

/**
 * The cross-file checks of a script and of the scripts it calls, walked
 * without recursion: every name a Runsub, RunScript, Spawn or Reskill writes must lead to a
 * script file in the caller's folder or a subfolder (no `..`, no link out),
 * which is itself valid, has the caller's media type and, for Runsub, a
 * Return. A call cycle is a warning (the run stops at the depth limit).
 * Problems in the caller are reported at its ScriptName; problems inside a
 * called script at that script's own lines. `validateFile` checks one file
 * (the per-file pipeline); it is called once per file.
 */
export function resolveScriptSet(entry: FileResult, entryPath: string, entryShown: string, limits: Partial<LoadLimits>, validateFile: (path: string, limits: Partial<LoadLimits>, shown: string) => FileResult): SetResult {
  const texts = new Map<string, string>();
  if (entry.text !== undefined) texts.set(entryShown, entry.text);
  if (!entry.script) return { ...entry, texts };
  const diagnostics = [...entry.diagnostics];
  const byPath = new Map<string, FileResult>([[entryPath, entry]]);
  const pending: Pending[] = [{ script: entry.script, path: entryPath, shown: entryShown }];
  const checked = new Set<Script>([entry.script]);
  /** Runsub edges, for the cycle check: caller -> [callee, the action that calls]. */
  const edges = new Map<Script, Array<{ callee: Script; action: string }>>();

  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { script, path, shown } = next;
    script.calls = new Map();
    for (const action of script.actions.values()) {
      if (!callingTypes.has(action.type)) continue;
      const name = action.properties['ScriptName'];
      if (typeof name !== 'string') continue;
      // Reskill's ScriptName is optional.
      if (action.type === 'Reskill' && name.trim() === '') continue;
      // A Spawn may name its script with a {Variable}: that name is looked up when it runs.
      if (action.type === 'Spawn' && name.includes('{')) continue;
      const at = ['actions', action.id, 'properties', 'ScriptName'];
      const report = (code: string, message: string, hint: string, severity: 'error' | 'warning' = 'error') => diagnostics.push(diagnosticAt(script.source, at, 'value', { code, severity, message, hint }));
      const resolved = resolveScriptName(path, shown, name);
      if (!resolved.ok) {
        report(resolved.code, `${action.type} "${action.id}": ${resolved.message}`, resolved.hint);
        continue;
      }
      let callee = byPath.get(resolved.path);
      if (!callee) {
        if (byPath.size >= maxScriptsInSet) {
          report('too-many-scripts', `${action.type} "${action.id}" calls ${resolved.shown}, one script too many: the script and the scripts it calls number over ${maxScriptsInSet}`, 'Call fewer scripts, or merge small ones.');
          continue;
        }
        callee = validateFile(resolved.path, limits, resolved.shown);
        byPath.set(resolved.path, callee);
        if (callee.text !== undefined) texts.set(resolved.shown, callee.text);
        // Its own problems, at its own lines (warnings too: they are news to whoever runs the caller).
        diagnostics.push(...callee.diagnostics);
      }
      const called = callee.script;
      if (!called) {
        report('invalid-subscript', `${action.type} "${action.id}" calls ${resolved.shown}, which has errors`, `Fix the errors reported in ${resolved.shown}; \`studio-sim validate ${resolved.shown}\` lists them.`);
        continue;
      }
      if (action.type !== 'Spawn' && called.mediaType !== script.mediaType) {
        report('subscript-media-type', `${action.type} "${action.id}" calls ${resolved.shown}, a ${called.mediaType} script, from a ${script.mediaType} script; both must have the same media type`, `Set mediaType: ${script.mediaType} in ${resolved.shown}, or call a ${script.mediaType} script.`);
        continue;
      }
      if (action.type === 'Runsub' && ![...called.actions.values()].some((a) => a.type === 'Return')) {
        report('subscript-without-return', `Runsub "${action.id}" calls ${resolved.shown}, which has no Return, so it can never come back`, `Add a Return to ${resolved.shown} where it is done (\`done: { type: Return, properties: { ReturnValue: Result } }\`), or use RunScript to hand over for good.`);
        continue;
      }
      // A spawned script is checked with its caller but runs on its own (it is loaded when the Spawn runs).
      if (action.type !== 'Spawn') script.calls.set(name, called);
      if (action.type === 'Runsub') {
        const list = edges.get(script) ?? [];
        list.push({ callee: called, action: action.id });
        edges.set(script, list);
      }
      if (!checked.has(called)) {
        checked.add(called);
        pending.push({ script: called, path: resolved.path, shown: resolved.shown });
      }
    }
  }
  diagnostics.push(...cycleWarnings(entry.script, edges));
  const globals = globalNames([...checked]);
  // A variable a called script sets as `global:name` is set for the caller too.
  const kept = diagnostics.filter((d) => d.code !== 'undefined-variable' || !globals.has((/^Variable "([^"]+)"/.exec(d.message)?.[1] ?? '').toLowerCase()));
  const sorted = sortDiagnostics(dedupe(kept));
  const result: SetResult = { diagnostics: sorted, texts };
  if (entry.text !== undefined) result.text = entry.text;
  if (!hasErrors(sorted)) result.script = entry.script;
  return result;
}

/** Lower-case names the scripts set as global variables (Assign `Global:name`, Snippet `global:name = ...`). */
function globalNames(scripts: readonly Script[]): Set<string> {
  const names = new Set<string>();
  for (const script of scripts) {
    for (const action of script.actions.values()) {
      const variable = action.properties['Variable'];
      if (action.type === 'Assign' && typeof variable === 'string' && /^global:/i.test(variable)) names.add(variable.slice('global:'.length).toLowerCase());
      const code = action.properties['Data'];
      if (action.type === 'Snippet' && typeof code === 'string') for (const match of code.matchAll(/global:\s*([A-Za-z_$][\w$]*)/gi)) names.add((match[1] as string).toLowerCase());
    }
  }
  return names;
}

/** The same diagnostic once (a script called from two places reports its problems once). */
function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}\u0000${d.line}\u0000${d.column}\u0000${d.code}\u0000${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A Runsub that leads back to a script already on the way (a script calling
 * itself, or A -> B -> A): iterative depth-first search with an explicit
 * stack. A warning, since a counter may bound it; at run time the contact
 * stops at the depth limit.
 */
function cycleWarnings(root: Script, edges: ReadonlyMap<Script, Array<{ callee: Script; action: string }>>): Diagnostic[] {
  const warnings: Diagnostic[] = [];
  const onPath = new Set<Script>();
  const done = new Set<Script>();
  const stack: Array<{ script: Script; next: number }> = [{ script: root, next: 0 }];
  onPath.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { script: Script; next: number };
    const out = edges.get(top.script) ?? [];
    const edge = out[top.next++];
    if (edge === undefined) {
      stack.pop();
      onPath.delete(top.script);
      done.add(top.script);
      continue;
    }
    if (onPath.has(edge.callee)) {
      const loop = [...stack.slice(stack.findIndex((s) => s.script === edge.callee)).map((s) => s.script.source.file), edge.callee.source.file].join(' -> ');
      warnings.push(diagnosticAt(top.script.source, ['actions', edge.action, 'properties', 'ScriptName'], 'value', {
        code: 'subscript-recursion',
        severity: 'warning',
        message: `Runsub "${edge.action}" calls a script that is already running below it (${loop}); each round goes one subscript deeper`,
        hint: `Make sure a branch before it stops the calls; a contact more than ${maxSubscriptDepth} subscripts deep stops with CallDepth.`,
      }));
    } else if (!done.has(edge.callee)) {
      onPath.add(edge.callee);
      stack.push({ script: edge.callee, next: 0 });
    }
  }
  return warnings;
}
