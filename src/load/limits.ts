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
  /**
   * Longest string value (a property, a key, scenario event data), in
   * characters. The default matches the server's cap on custom event data, so
   * a Data written out in a file can always be sent.
   */
  maxStringChars: number;
}

export const defaultLoadLimits: Readonly<LoadLimits> = Object.freeze({
  maxFileBytes: 2 * 1024 * 1024,
  maxAliasCount: 1000,
  maxDepth: 32,
  maxActions: 10_000,
  maxStringChars: 32 * 1024,
});
