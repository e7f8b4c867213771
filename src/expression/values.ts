/** What a variable can hold: text and numbers from the script, lists and records from event messages. */
export type Value = string | number | boolean | readonly Value[] | { readonly [key: string]: Value };

const numeric = /^\s*-?(\d+(\.\d*)?|\.\d+)\s*$/;

/** A number if the value is one or is text that reads as one. */
export function asNumber(value: Value | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && numeric.test(value)) return Number(value);
  return undefined;
}

/** How a value reads inside text: numbers without trailing zeros, records and lists as JSON. */
export function toText(value: Value | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
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
