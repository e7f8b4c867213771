import type { ScriptAction } from '../actions/index.ts';
import type { PathSegment } from '../diagnostics/diagnostic.ts';
import type { LoadedDocument } from '../load/index.ts';

/** A script that passed validation: what the compiler and the runtime work from. */
export interface Script {
  name: string;
  mediaType: string;
  description?: string;
  /** Starting values of the script variables, as written. */
  variables: Record<string, string | number | boolean>;
  /** Every action by id, in file order. */
  actions: Map<string, ScriptAction>;
  /** The id of the one Begin action. */
  begin: string;
  /** The YAML the script came from, for positions in traces and coverage. */
  source: LoadedDocument;
  /** The scripts its Runsub and RunScript actions call, by the name as written (resolved and validated with it). */
  calls?: Map<string, Script>;
}

/** A branch as written, with the place in the file that names its target. */
export interface BranchRef {
  from: string;
  name: string;
  target: string;
  path: PathSegment[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Own entries only: `__proto__` and `constructor` are plain keys here. */
function ownEntries(value: unknown): Array<[string, unknown]> {
  return isRecord(value) ? Object.entries(value) : [];
}

/**
 * Reads the actions of a document as well as they can be read, even when the
 * schema found problems, so the semantic checks can still report theirs.
 * An action of unknown type keeps `type` as written (or ""); checks that
 * depend on the type skip it.
 */
export function readActions(data: Record<string, unknown>): { actions: Map<string, ScriptAction>; branches: BranchRef[] } {
  const actions = new Map<string, ScriptAction>();
  const branches: BranchRef[] = [];
  for (const [id, raw] of ownEntries(data['actions'])) {
    // An action whose type is wrong still exists: branches into it are not broken.
    if (!isRecord(raw)) continue;
    const properties: Record<string, unknown> = Object.create(null);
    for (const [name, value] of ownEntries(raw['properties'])) properties[name] = value;
    const wired: Record<string, string> = Object.create(null);
    for (const [name, target] of ownEntries(raw['branches'])) {
      if (typeof target !== 'string') continue;
      wired[name] = target;
      branches.push({ from: id, name, target, path: ['actions', id, 'branches', name] });
    }
    if (typeof raw['next'] === 'string' && wired['Default'] === undefined) {
      wired['Default'] = raw['next'];
      branches.push({ from: id, name: 'Default', target: raw['next'], path: ['actions', id, 'next'] });
    }
    const action: ScriptAction = { id, type: typeof raw['type'] === 'string' ? raw['type'] : '', properties, branches: wired };
    if (typeof raw['caption'] === 'string') action.caption = raw['caption'];
    actions.set(id, action);
  }
  return { actions, branches };
}

export function readVariables(data: Record<string, unknown>): Record<string, string | number | boolean> {
  const variables: Record<string, string | number | boolean> = Object.create(null);
  for (const [name, value] of ownEntries(data['variables'])) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') variables[name] = value;
  }
  return variables;
}
