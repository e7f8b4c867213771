import type { ErrorObject, ValidateFunction } from 'ajv';
import type { JsonSchema } from '../actions/index.ts';
import { formatPath, type Diagnostic, type PathSegment } from '../diagnostics/diagnostic.ts';
import { closest } from '../diagnostics/suggest.ts';
import { diagnosticAt, type LoadedDocument } from '../load/index.ts';

/**
 * Says in words what a path names ("Menu \"main\" property Timeout"),
 * and which kind of key lives under it, so messages read like the author thinks.
 */
export interface PathVocabulary {
  describe(path: readonly PathSegment[]): string;
  /** What the keys under `parent` are called, and the codes for an unknown or a missing one. */
  keyKind(parent: readonly PathSegment[]): { noun: string; unknown: string; missing: string };
  /** Code, noun and hint for a key under `parent` that does not match the allowed name pattern. */
  badKeyName(parent: readonly PathSegment[]): { code: string; noun: string; hint: string };
  /**
   * A key the format no longer has, or spells otherwise, under `parent`: what
   * to say instead of "unknown" (a former name of studio-sim's, a web Studio label).
   */
  renamedKey?(parent: readonly PathSegment[], key: string): { code: string; message: string; hint: string } | undefined;
}

export const plainVocabulary: PathVocabulary = {
  describe: (path) => (path.length === 0 ? 'The file' : formatPath(path)),
  keyKind: () => ({ noun: 'key', unknown: 'unknown-key', missing: 'missing-key' }),
  badKeyName: () => ({ code: 'invalid-key', noun: 'key', hint: 'Use letters, digits and `_` in key names.' }),
};

/** RFC 6901 pointer to path segments; digit-only segments under sequences become numbers. */
export function pointerToPath(pointer: string, data: unknown): PathSegment[] {
  if (pointer === '') return [];
  const path: PathSegment[] = [];
  let node: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const step: PathSegment = Array.isArray(node) && /^\d+$/.test(segment) ? Number(segment) : segment;
    path.push(step);
    node = node !== null && typeof node === 'object' && Object.prototype.hasOwnProperty.call(node, step) ? (node as Record<string, unknown>)[step] : undefined;
  }
  return path;
}

function describeValue(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}`;
}

function describeTypes(types: string | string[]): string {
  const list = Array.isArray(types) ? types : [types];
  const words = list.map((t) => ({ integer: 'a whole number', number: 'a number', string: 'text', boolean: 'true or false', object: 'a mapping', array: 'a list', null: 'empty' })[t] ?? t);
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}` : (words[0] ?? 'something else');
}

function pluralOf(noun: string): string {
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  return noun.endsWith('ch') ? `${noun}es` : `${noun}s`;
}

/** A schema description as a parenthesis inside a sentence. */
function aside(description: string | undefined): string {
  return description ? ` (${description.replace(/\.$/, '')})` : '';
}

/** Whether `text` matches a schema pattern (false for a pattern that is not a valid RegExp). */
function safePatternTest(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    return false;
  }
}

const templatePattern = '^\\s*\\{[^{}]+\\}\\s*$';

function mapError(error: ErrorObject, document: LoadedDocument, vocabulary: PathVocabulary): Diagnostic | undefined {
  const path = pointerToPath(error.instancePath, document.data);
  const where = vocabulary.describe(path);
  const parentSchema = (error.parentSchema ?? {}) as JsonSchema;
  const params = error.params as Record<string, unknown>;
  const at = (p: readonly PathSegment[], anchor: 'key' | 'value', code: string, message: string, hint?: string) =>
    diagnosticAt(document, p, anchor, { code, severity: 'error', message, hint });

  switch (error.keyword) {
    case 'if':
    case 'const':
      // The if/then dispatch on `type`: the failing `then` reports its own errors.
      return undefined;
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const renamed = vocabulary.renamedKey?.(path, key);
      if (renamed) return at([...path, key], 'key', renamed.code, renamed.message, renamed.hint);
      const allowed = Object.keys(parentSchema.properties ?? {});
      const { unknown: code, noun } = vocabulary.keyKind(path);
      const suggestion = closest(key, allowed);
      const valueSchema = Object.values(parentSchema.patternProperties ?? {})[0];
      const valueHint = valueSchema ? `, or a value branch (${(valueSchema.description ?? 'a value').replace(/\.$/, '')})` : '';
      // "Menu \"m\" has no property X" reads better than "Menu \"m\" properties has no property X".
      const last = path[path.length - 1];
      const owner = path.length > 1 && (last === 'properties' || last === 'branches') ? vocabulary.describe(path.slice(0, -1)) : where;
      const nouns = pluralOf(noun);
      const message = `${owner} has no ${noun} "${key}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`;
      const hint =
        (key === 'next' || key === 'branches') && last === 'properties'
          ? `"${key}" belongs to the action, not to its properties: move it out one level, under the action's \`type:\`.`
          : (key === 'next' || key === 'branches') && !allowed.includes(key)
          ? `${owner} has no branches; remove "${key}".`
          : allowed.length > 0 || valueHint
            ? `Allowed ${nouns}: ${allowed.join(', ')}${valueHint}.`
            : `${owner} takes no ${nouns}; remove "${key}".`;
      return at([...path, key], 'key', code, message, hint);
    }
    case 'required': {
      const missing = String(params['missingProperty']);
      const child = parentSchema.properties?.[missing];
      const example = child?.examples?.[0];
      return at(path, 'key', vocabulary.keyKind(path).missing, `${where} is missing "${missing}"`,
        `Add \`${missing}: ${example === undefined ? '...' : typeof example === 'string' ? example : JSON.stringify(example)}\`${aside(child?.description)}.`);
    }
    case 'propertyNames': {
      const name = String(params['propertyName']);
      const { code, hint, noun } = vocabulary.badKeyName(path);
      // The name patterns are ASCII-only: say which character is the problem when it is a letter from another alphabet.
      const foreign = /[^\x00-\x7f]/u.exec(name)?.[0];
      const why = foreign ? `: "${foreign}" is not an ASCII letter (A-Z, a-z)` : name.length > 60 ? '' : /\s/.test(name) ? ': it has a space' : '';
      return at([...path, name], 'key', code, `"${name.length > 60 ? `${name.slice(0, 60)}...` : name}" is not a valid ${noun}${why}`, hint);
    }
    case 'type': {
      const expected = describeTypes(params['type'] as string | string[]);
      const hint =
        typeof error.data === 'string' && /^(true|false)$/i.test(error.data) && expected.includes('true or false')
          ? `Write ${error.data.toLowerCase()}, in lower case and without quotes.`
          : typeof error.data === 'string' && /^(yes|no|on|off|y|n)$/i.test(error.data) && expected.includes('true or false')
            ? `Write true or false; YAML 1.2 reads ${error.data} as text.`
          : typeof error.data === 'string' && /^-?\d+(\.\d+)?$/.test(error.data) && expected.includes('number')
            ? `Write ${error.data} without quotes.`
            : `Change the value to ${expected}.`;
      return at(path, 'value', 'wrong-type', `${where} must be ${expected}, not ${describeValue(error.data)}`, hint);
    }
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[]).map(String);
      const suggestion = typeof error.data === 'string' ? closest(error.data, allowed) : undefined;
      const didYouMean = suggestion ? `; did you mean "${suggestion}"?` : '';
      if (path[0] === 'actions' && path.length === 3 && path[2] === 'type') {
        return at(path, 'value', 'unknown-action-type', `Action "${String(path[1])}" has an unknown type ${typeof error.data === 'string' ? JSON.stringify(error.data) : describeValue(error.data)}${didYouMean}`, `Action types: ${allowed.join(', ')}.`);
      }
      return at(path, 'value', 'invalid-value', `${where} must be one of the allowed values, not ${describeValue(error.data)}${didYouMean}`, `Allowed: ${allowed.join(', ')}.`);
    }
    case 'pattern': {
      const pattern = String(params['pattern']);
      if (pattern === templatePattern) {
        const numeric = [parentSchema.type ?? 'number'].flat()[0] as string;
        return at(path, 'value', 'wrong-type', `${where} must be ${describeTypes(numeric)} or a {Variable}, not ${describeValue(error.data)}`,
          /^\s*-?\d+(\.\d+)?\s*$/.test(String(error.data)) ? `Write ${String(error.data).trim()} without quotes.` : 'Write a number such as 5, or a substitution such as "{TimeoutSeconds}".');
      }
      // `{Choice}` where a bare variable name is expected: the braces are the whole mistake.
      const braced = typeof error.data === 'string' ? /^\s*\{\s*([^{}]*?)\s*\}\s*$/.exec(error.data)?.[1] : undefined;
      if (braced !== undefined && safePatternTest(pattern, braced)) {
        return at(path, 'value', 'invalid-value', `${where} names a variable, so write the name without braces: ${braced}, not ${String(error.data).trim()}`,
          `Braces substitute a value into text; here Studio wants the variable itself. Write \`${braced}\`.`);
      }
      return at(path, 'value', 'invalid-value', `${where} ${describeValue(error.data)} does not have the expected form`, parentSchema.description ? `Expected: ${parentSchema.description}` : `Expected a value matching ${pattern}.`);
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return at(path, 'value', 'out-of-range', `${where} is ${String(error.data)}, outside the allowed range ${parentSchema.minimum ?? '-∞'} to ${parentSchema.maximum ?? '∞'}`,
        `Use a value from ${parentSchema.minimum ?? '-∞'} to ${parentSchema.maximum ?? '∞'}${aside(parentSchema.description)}.`);
    case 'minLength':
      return at(path, 'value', 'empty-value', `${where} must not be empty`, parentSchema.examples?.length ? `For example: ${String(parentSchema.examples[0])}.` : 'Give it a value.');
    case 'minProperties':
      return at(path, 'key', 'empty-value', `${where} must not be empty`, 'Add at least one entry.');
    default:
      return at(path, 'value', 'schema-violation', `${where} ${error.message ?? 'is not valid'}`, 'See the JSON Schema for what this value accepts.');
  }
}

/** Validates a loaded document against a compiled schema; every error becomes a positioned diagnostic. */
export function checkAgainstSchema(document: LoadedDocument, validate: ValidateFunction, vocabulary: PathVocabulary = plainVocabulary): Diagnostic[] {
  if (validate(document.data)) return [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    // propertyNames repeats its inner error with `propertyName` set; the outer one is enough.
    if (error.propertyName !== undefined) continue;
    const diagnostic = mapError(error, document, vocabulary);
    if (!diagnostic) continue;
    const key = `${diagnostic.code}|${diagnostic.line}|${diagnostic.column}|${diagnostic.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}
