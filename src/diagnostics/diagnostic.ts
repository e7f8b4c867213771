/**
 * The one problem report every stage produces: YAML syntax, schema and
 * semantic problems all become a Diagnostic, collected rather than thrown.
 */
export type Severity = 'error' | 'warning';

/** A step into a YAML document: a mapping key or a sequence index. */
export type PathSegment = string | number;

export interface Diagnostic {
  /** Stable, documented identifier (see `diagnosticCodes`), e.g. `unknown-branch-target`. */
  code: string;
  severity: Severity;
  message: string;
  file: string;
  /** 1-based line of the node the problem is about. */
  line: number;
  /** 1-based column of the node the problem is about. */
  column: number;
  /** Where in the document, e.g. `['actions', 'menu', 'branches', '1']`. */
  path: PathSegment[];
  /** How to fix it. */
  hint?: string;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** File order, then position, then errors before warnings: the order people read a file in. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1),
  );
}

/** Renders a path the way people write it in YAML: `actions.menu.branches["1"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
