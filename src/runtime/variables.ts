import type { Scope } from '../expression/evaluate.ts';
import type { Value } from '../expression/values.ts';

/** Variables by name, matched without case; the first spelling set is the one reported. */
export class Variables implements Scope {
  readonly #values = new Map<string, { name: string; value: Value }>();

  get(name: string): Value | undefined {
    return this.#values.get(name.toLowerCase())?.value;
  }

  set(name: string, value: Value): void {
    const key = name.toLowerCase();
    const existing = this.#values.get(key);
    if (existing) existing.value = value;
    else this.#values.set(key, { name, value });
  }

  /** A plain record for reports (null prototype, so any name is safe). */
  toRecord(): Record<string, Value> {
    const record: Record<string, Value> = Object.create(null);
    for (const { name, value } of this.#values.values()) record[name] = value;
    return record;
  }
}
