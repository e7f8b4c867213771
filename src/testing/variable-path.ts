import { elements, isRecord, toText, type Value } from '../expression/values.ts';

/** One step into a variable's value: a dynamic object's member, or an array's element (1 is the first). */
export type PathStep = { kind: 'member'; name: string } | { kind: 'index'; index: number };

/** A variable named in a test file's `variables`, with the steps into its value (`names[2]`, `caller.address.city`). */
export interface VariablePath {
  variable: string;
  steps: PathStep[];
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*/;

/**
 * Reads `name`, `name[2]`, `name.member`, `name.member[1].other` ... as the
 * Studio language writes them: arrays count from 1, member names are
 * case-sensitive (the variable's name is not).
 */
export function parseVariablePath(text: string): { ok: true; path: VariablePath } | { ok: false; message: string } {
  const head = identifier.exec(text);
  if (!head) return { ok: false, message: `"${text}" does not start with a variable name (letters, digits, _ and $, not starting with a digit)` };
  const steps: PathStep[] = [];
  let rest = text.slice(head[0].length);
  while (rest !== '') {
    if (rest.startsWith('.')) {
      const member = identifier.exec(rest.slice(1));
      if (!member) return { ok: false, message: `"${text}": a "." must be followed by a member name, as in caller.address.city` };
      steps.push({ kind: 'member', name: member[0] });
      rest = rest.slice(1 + member[0].length);
      continue;
    }
    const index = /^\[\s*(\d+)\s*\]/.exec(rest);
    if (index) {
      const n = Number(index[1]);
      if (n < 1) return { ok: false, message: `"${text}": arrays count from 1, so [${index[1]}] never names an element` };
      steps.push({ kind: 'index', index: n });
      rest = rest.slice(index[0].length);
      continue;
    }
    return { ok: false, message: `"${text}": "${rest}" is neither .member nor [index]` };
  }
  return { ok: true, path: { variable: head[0], steps } };
}

/** A path as a test file writes it. */
export function formatVariablePath(path: VariablePath): string {
  return path.variable + path.steps.map((s) => (s.kind === 'member' ? `.${s.name}` : `[${s.index}]`)).join('');
}

/** Follows a path into a run's variables: the value there, or why there is none. */
export function resolveVariablePath(variables: Readonly<Record<string, Value>>, path: VariablePath): { ok: true; value: Value } | { ok: false; why: string } {
  const wanted = path.variable.toLowerCase();
  const name = Object.keys(variables).find((n) => n.toLowerCase() === wanted);
  if (name === undefined) return { ok: false, why: `${path.variable} is not set` };
  let value = variables[name] as Value;
  let at = path.variable;
  for (const step of path.steps) {
    if (step.kind === 'member') {
      if (!isRecord(value)) return { ok: false, why: `${at} is ${describe(value)}, which has no members` };
      if (!Object.prototype.hasOwnProperty.call(value, step.name)) {
        const other = Object.keys(value).find((k) => k.toLowerCase() === step.name.toLowerCase());
        return { ok: false, why: `${at} has no member ${step.name}${other ? ` (it has ${other}: member names are case-sensitive)` : ` (its members: ${Object.keys(value).join(', ') || 'none'})`}` };
      }
      value = value[step.name] as Value;
      at += `.${step.name}`;
    } else {
      if (isRecord(value)) return { ok: false, why: `${at} is a dynamic object, not an array: name a member with .member` };
      const items = elements(value);
      if (step.index > items.length) return { ok: false, why: `${at} has ${items.length} element${items.length === 1 ? '' : 's'}, so [${step.index}] is not set` };
      value = items[step.index - 1] as Value;
      at += `[${step.index}]`;
    }
  }
  return { ok: true, value };
}

function describe(value: Value): string {
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return JSON.stringify(toText(value));
}

/**
 * A test file's `variables` as paths and the value each must have: a key is
 * a path (`names[2]`, `caller.address.city`); a mapping as the value checks
 * those members (others may exist), a list checks every element and the count.
 */
export function flattenExpectedVariables(expected: Readonly<Record<string, unknown>>): Array<{ key: string; yamlPath: Array<string | number>; path: string; value: unknown; count?: number }> {
  const out: Array<{ key: string; yamlPath: Array<string | number>; path: string; value: unknown; count?: number }> = [];
  // Iterative: a deep mapping in a test file must not overflow the stack.
  const stack: Array<{ key: string; yamlPath: Array<string | number>; path: string; value: unknown }> = Object.entries(expected)
    .map(([key, value]) => ({ key, yamlPath: [key], path: key, value }))
    .reverse();
  while (stack.length > 0) {
    const item = stack.pop() as (typeof stack)[number];
    if (Array.isArray(item.value)) {
      out.push({ ...item, value: undefined, count: item.value.length });
      const children = item.value.map((value, i) => ({ key: item.key, yamlPath: [...item.yamlPath, i], path: `${item.path}[${i + 1}]`, value: value as unknown }));
      stack.push(...children.reverse());
    } else if (item.value !== null && typeof item.value === 'object') {
      const children = Object.entries(item.value as Record<string, unknown>).map(([member, value]) => ({ key: item.key, yamlPath: [...item.yamlPath, member], path: `${item.path}.${member}`, value }));
      stack.push(...children.reverse());
    } else {
      out.push(item);
    }
  }
  return out;
}
