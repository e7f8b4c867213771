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

/**
 * A contact's variables with subscript scopes: the global variables
 * (the platform's, the scenario's, and any set as `global:name`) and one
 * local scope per script on the call stack. A script sees its own locals and
 * the globals; a subscript's locals vanish when it returns. Setting a name
 * writes where it is found (the script's own, else a global of that name),
 * else a new local; `global:name` always writes the global, and no script
 * keeps a local of that name any more, so every script then sees it.
 */
export class ContactVariables implements MutableScope {
  readonly global = new Variables();
  readonly #locals: Variables[] = [new Variables()];

  #top(): Variables {
    return this.#locals[this.#locals.length - 1] as Variables;
  }

  get(name: string): Value | undefined {
    return this.#top().get(name) ?? this.global.get(name);
  }

  set(name: string, value: Value): void {
    const top = this.#top();
    if (top.get(name) === undefined && this.global.get(name) !== undefined) this.global.set(name, value);
    else top.set(name, value);
  }

  /** Whether the running script has a local of this name. */
  hasOwn(name: string): boolean {
    return this.#top().get(name) !== undefined;
  }

  setGlobal(name: string, value: Value): void {
    for (const locals of this.#locals) locals.delete(name);
    this.global.set(name, value);
  }

  delete(name: string): void {
    this.#top().delete(name);
  }

  /** A subscript starts: a new, empty local scope. */
  push(): void {
    this.#locals.push(new Variables());
  }

  /** The subscript returned: its locals vanish. */
  pop(): void {
    if (this.#locals.length > 1) this.#locals.pop();
  }

  /** How many scripts are on the call stack. */
  get depth(): number {
    return this.#locals.length;
  }

  /** What the running script sees (its locals over the globals), as a plain record. */
  toRecord(): Record<string, Value> {
    const own = this.#top().toRecord();
    const hidden = new Set(Object.keys(own).map((name) => name.toLowerCase()));
    const record: Record<string, Value> = Object.create(null);
    // A local hides a global of the same name, whatever the spelling.
    for (const [name, value] of Object.entries(this.global.toRecord())) if (!hidden.has(name.toLowerCase())) record[name] = value;
    return Object.assign(record, own);
  }
}
