/** Limits that keep hostile or accidental input from exhausting memory or time. */
export interface LoadLimits {
  /** Largest file read, in bytes. */
  maxFileBytes: number;
  /** Most alias expansions while turning YAML into data (stops "billion laughs"). */
  maxAliasCount: number;
  /** Deepest nesting of mappings and sequences. */
  maxDepth: number;
  /** Most actions in one script. */
  maxActions: number;
}

export const defaultLoadLimits: Readonly<LoadLimits> = Object.freeze({
  maxFileBytes: 2 * 1024 * 1024,
  maxAliasCount: 1000,
  maxDepth: 32,
  maxActions: 10_000,
});
