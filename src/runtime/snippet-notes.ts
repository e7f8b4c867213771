import { quoteValue } from '../actions/rules.ts';
import type { Value } from '../expression/values.ts';

/** Any variables that can be listed. */
type Variables = { toRecord(): Record<string, Value> };

/** The variables as text before a Snippet runs, to say afterwards what it changed. */
export function snapshot(variables: Variables): Map<string, string> {
  const before = new Map<string, string>();
  for (const [name, value] of Object.entries(variables.toRecord())) before.set(name.toLowerCase(), JSON.stringify(value));
  return before;
}

/** One note per variable a Snippet set to a new value: `set x: "" -> 5`. */
export function describeChanges(before: ReadonlyMap<string, string>, variables: Variables): string[] {
  const notes: string[] = [];
  for (const [name, value] of Object.entries(variables.toRecord())) {
    const old = before.get(name.toLowerCase());
    if (old === JSON.stringify(value)) continue;
    notes.push(`set ${name}: ${old === undefined ? '(unset)' : quoteValue(JSON.parse(old) as Value)} -> ${quoteValue(value)}`);
  }
  return notes;
}

/** The line (from 1) of an offset in a text. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
