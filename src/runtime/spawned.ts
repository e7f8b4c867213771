import type { CompiledScript } from '../compile/compile.ts';
import type { Value } from '../expression/values.ts';
import type { Step } from './report.ts';

/** A script Spawn found by name, ready to run, or why it cannot be. */
export type SpawnTarget = { ok: true; compiled: CompiledScript } | { ok: false; reason: string };

/** Finds the script a Spawn names, beside the script that spawns it. */
export type SpawnResolver = (name: string) => SpawnTarget;

/**
 * How each loaded script finds the scripts it spawns. Kept beside the
 * compiled script rather than in it: only a script loaded from a file has a
 * folder to look in, and the runtime stays free of file access (the loader
 * injects it, as the clock is injected).
 */
const resolvers = new WeakMap<CompiledScript, SpawnResolver>();

export function setSpawnResolver(compiled: CompiledScript, resolver: SpawnResolver): void {
  resolvers.set(compiled, resolver);
}

export function spawnTarget(compiled: CompiledScript, name: string): SpawnTarget {
  const resolver = resolvers.get(compiled);
  if (resolver === undefined) return { ok: false, reason: `"${compiled.script.name}" was not loaded from a file, so there is no folder to find "${name}" in` };
  return resolver(name);
}

/** A contact a Spawn started, as the run report lists it. */
export interface SpawnedContact {
  contactId: string;
  /** The contact whose Spawn started it, and that action. */
  parent: string;
  action: string;
  script: string;
  file: string;
  /** When it starts (later than the Spawn with a StartDate). */
  startsAt: number;
  /** How it ended, once it has; absent while it runs or waits to start. */
  reason?: string;
  endedAt?: number;
  /** The actions it went through (`<file name>:<id>` in a subscript, as the trace names them). */
  path: string[];
  /** Its steps, as a run report's (present once it has started). */
  steps?: Step[];
  /** Its variables as they stand (at its end, once it has ended). */
  variables?: Record<string, Value>;
}
