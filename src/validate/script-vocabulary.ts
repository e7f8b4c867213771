import { actionDefinition, type ActionDefinition } from '../actions/index.ts';
import { formatPath, type PathSegment } from '../diagnostics/diagnostic.ts';
import type { PathVocabulary } from './schema-check.ts';

/** Words for places in a script: `Menu "main_menu" property Timeout`, `branch "1" of Menu "main_menu"`. */
export function scriptVocabulary(data: Record<string, unknown>): PathVocabulary {
  const actions = (data['actions'] ?? {}) as Record<string, unknown>;
  const definitionOf = (id: PathSegment): ActionDefinition | undefined => {
    const action = Object.prototype.hasOwnProperty.call(actions, id) ? actions[id as string] : undefined;
    const type = action !== null && typeof action === 'object' ? (action as Record<string, unknown>)['type'] : undefined;
    return typeof type === 'string' ? actionDefinition(type) : undefined;
  };
  const actionName = (id: PathSegment): string => {
    const definition = definitionOf(id);
    return definition ? `${definition.type} "${String(id)}"` : `Action "${String(id)}"`;
  };
  return {
    describe(path) {
      const [first, id, section, name] = path;
      if (path.length === 0) return 'The script';
      if (first !== 'actions') return formatPath(path);
      if (id === undefined) return 'actions';
      if (section === undefined) return actionName(id);
      if (section === 'properties') return name === undefined ? `${actionName(id)} properties` : `${actionName(id)} property ${String(name)}`;
      if (section === 'branches') return name === undefined ? `${actionName(id)} branches` : `Branch "${String(name)}" of ${actionName(id)}`;
      if (section === 'next') return `${actionName(id)} next`;
      return `${actionName(id)} ${String(section)}`;
    },
    keyKind(parent) {
      if (parent.length === 0) return { noun: 'top-level key', unknown: 'unknown-key', missing: 'missing-key' };
      if (parent[0] === 'actions' && parent.length === 2) return { noun: 'key', unknown: 'unknown-key', missing: 'missing-key' };
      if (parent[2] === 'properties') return { noun: 'property', unknown: 'unknown-property', missing: 'missing-property' };
      if (parent[2] === 'branches') return { noun: 'branch', unknown: 'unknown-branch', missing: 'missing-branch' };
      return { noun: 'key', unknown: 'unknown-key', missing: 'missing-key' };
    },
    renamedKey(parent, key) {
      if (parent[0] !== 'actions' || parent.length < 2) return undefined;
      const definition = definitionOf(parent[1] as PathSegment);
      if (!definition) return undefined;
      const owner = actionName(parent[1] as PathSegment);
      if (parent.length === 2 && (key === 'next' || key === 'branches') && definition.branches.length === 0) {
        // An action the vendor gives no branches (Hangup, End, Stop): say why, in its own words when it has them.
        const former = definition.formerBranches?.['Default'];
        return { code: 'unknown-key', message: `${owner} has no branches, so "${key}" goes nowhere`, hint: former?.hint ?? `Remove "${key}".` };
      }
      if (parent.length !== 3) return undefined;
      const match = parent[2] === 'properties' ? renamedProperty(definition, key) : parent[2] === 'branches' ? renamedBranch(definition, key) : undefined;
      if (!match) return undefined;
      const noun = parent[2] === 'properties' ? 'property' : 'branch';
      if (match.kind === 'label') {
        return { code: `unknown-${noun}`, message: `${owner} has no ${noun} "${key}"; did you mean "${match.now}"?`, hint: `"${key}" is how the web Studio labels it; scripts use the Desktop Studio name ${match.now}. \`studio-sim fix\` rewrites it.` };
      }
      return {
        code: 'former-name',
        message: match.now ? `${owner}: ${noun} "${key}" is now "${match.now}", the name CXone uses` : `${owner} has no ${noun} "${key}" on the platform`,
        hint: `${match.hint} \`studio-sim fix\` ${match.now ? 'renames it' : 'removes it'}.`,
      };
    },
    badKeyName(parent) {
      if (parent[0] === 'variables') return { code: 'invalid-variable-name', noun: 'variable name', hint: 'Variable names use ASCII letters (A-Z, a-z), digits, `_` and `$`, and do not start with a digit.' };
      return { code: 'invalid-action-id', noun: 'action id', hint: 'Action ids start with an ASCII letter (A-Z, a-z) or `_`, then ASCII letters, digits, `_` or `-` (no spaces, dots or accented letters); the caption can say anything.' };
    },
  };
}

type KeyMatch = { kind: 'label'; now: string } | { kind: 'former'; now: string | undefined; hint: string };

/** Spaces and case do not matter when a web Studio label is written as a key ("Inter Digit Timeout", "interdigit timeout"). */
const squeeze = (name: string): string => name.replace(/[\s_]+/g, '').toLowerCase();

/** What a property key the action does not have stands for: a former name of studio-sim's, or a web Studio label. */
export function renamedProperty(definition: ActionDefinition, key: string): KeyMatch | undefined {
  const former = definition.formerProperties?.[key];
  if (former && Object.prototype.hasOwnProperty.call(definition.formerProperties, key)) return { kind: 'former', now: former.now, hint: former.hint };
  for (const [name, spec] of Object.entries(definition.properties)) {
    if (spec.label !== undefined && squeeze(spec.label) === squeeze(key)) return { kind: 'label', now: name };
  }
  return undefined;
}

/** What a branch key the action does not have stands for: a former name of studio-sim's. */
export function renamedBranch(definition: ActionDefinition, key: string): KeyMatch | undefined {
  const former = definition.formerBranches?.[key];
  if (former && Object.prototype.hasOwnProperty.call(definition.formerBranches, key)) return { kind: 'former', now: former.now, hint: former.hint };
  return undefined;
}
