import { actionDefinition } from '../actions/index.ts';
import { formatPath, type PathSegment } from '../diagnostics/diagnostic.ts';
import type { PathVocabulary } from './schema-check.ts';

/** Words for places in a script: `Menu "main_menu" property Timeout`, `branch "1" of Menu "main_menu"`. */
export function scriptVocabulary(data: Record<string, unknown>): PathVocabulary {
  const actions = (data['actions'] ?? {}) as Record<string, unknown>;
  const actionName = (id: PathSegment): string => {
    const action = Object.prototype.hasOwnProperty.call(actions, id) ? actions[id as string] : undefined;
    const type = action !== null && typeof action === 'object' ? (action as Record<string, unknown>)['type'] : undefined;
    return typeof type === 'string' && actionDefinition(type) ? `${type} "${String(id)}"` : `Action "${String(id)}"`;
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
    badKeyName(parent) {
      if (parent[0] === 'variables') return { code: 'invalid-variable-name', noun: 'variable name', hint: 'Variable names use ASCII letters (A-Z, a-z), digits, `_` and `$`, and do not start with a digit.' };
      return { code: 'invalid-action-id', noun: 'action id', hint: 'Action ids start with an ASCII letter (A-Z, a-z) or `_`, then ASCII letters, digits, `_` or `-` (no spaces, dots or accented letters); the caption can say anything.' };
    },
  };
}
