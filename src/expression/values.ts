/**
 * What a variable can hold: text and numbers, booleans, lists (dynamic arrays,
 * event messages) and records (dynamic data objects). A Studio string array
 * is text with `|` between its elements; a date/time is text in the default
 * format (see dates.ts).
 */
export type Value = string | number | boolean | readonly Value[] | { readonly [key: string]: Value };

/** A dynamic data object as the interpreter builds it: members are case-sensitive keys. */
export type DynamicObject = { [key: string]: Value };

const numeric = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

/** A number if the value is one or is text that reads as one. */
export function asNumber(value: Value | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.length < 400 && numeric.test(value)) {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** A number as Studio prints it: at most 15 significant digits, so 0.1 + 0.2 prints 0.3. */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return '';
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  return String(Number(n.toPrecision(15)));
}

/** How a value reads inside text: numbers without trailing zeros, records and lists as JSON. */
export function toText(value: Value | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(value);
}

/** Studio's truth: true, a non-zero number, or text other than "", "0" and "false". */
export function isTruthy(value: Value | undefined): boolean {
  if (value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    return text !== '' && text !== 'false' && text !== '0';
  }
  return true;
}

export function isRecord(value: Value | undefined): value is { readonly [key: string]: Value } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The elements of an array: a list's items, or the `|`-separated parts of text (empty text has none). */
export function elements(value: Value | undefined): readonly Value[] {
  if (Array.isArray(value)) return value;
  if (value === undefined || isRecord(value)) return [];
  const text = toText(value);
  if (text === '') return [];
  // A loop reads the same array element by element: split it once.
  if (text !== lastSplit.text) lastSplit = { text, parts: Object.freeze(text.split('|')) };
  return lastSplit.parts;
}

let lastSplit: { text: string; parts: readonly string[] } = { text: '', parts: [] };

/** The largest array index the vendor allows. */
export const maxArrayIndex = 63_000_000;
