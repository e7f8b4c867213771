import type { MutableScope } from '../expression/evaluate.ts';
import type { Value } from '../expression/values.ts';

/**
 * Lower-case spellings of the names looked up so far. Scripts use a handful
 * of names over and over, so a lookup here costs less than lower-casing (a new
 * string each time); it is emptied if a run ever makes it large.
 */
const lowerCased = new Map<string, string>();
const maxRemembered = 10_000;

function keyOf(name: string): string {
  let key = lowerCased.get(name);
  if (key === undefined) {
    if (lowerCased.size >= maxRemembered) lowerCased.clear();
    key = name.toLowerCase();
    lowerCased.set(name, key);
  }
  return key;
}

/** Variables by name, matched without case; the first spelling set is the one reported. */
export class Variables implements MutableScope {
  readonly #values = new Map<string, { name: string; value: Value }>();

  get(name: string): Value | undefined {
    return this.#values.get(keyOf(name))?.value;
  }

  set(name: string, value: Value): void {
    const key = keyOf(name);
    const existing = this.#values.get(key);
    if (existing) existing.value = value;
    else this.#values.set(key, { name, value });
  }

  delete(name: string): void {
    this.#values.delete(keyOf(name));
  }

  /** A plain record for reports (null prototype, so any name is safe). */
  toRecord(): Record<string, Value> {
    const record: Record<string, Value> = Object.create(null);
    for (const { name, value } of this.#values.values()) record[name] = value;
    return record;
  }
}
