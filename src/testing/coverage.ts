import type { PathSegment } from '../diagnostics/diagnostic.ts';
import { linePosition, offsetOf } from '../load/index.ts';
import type { RunReport } from '../runtime/report.ts';
import type { Script } from '../validate/index.ts';

/** One wired branch of a script: an edge `action.branch -> target`, and how often runs took it. */
export interface BranchCoverage {
  action: string;
  branch: string;
  target: string;
  /** Where the branch is written (its key, or `next:`). */
  line: number;
  column: number;
  taken: number;
}

export interface ActionCoverage {
  action: string;
  type: string;
  line: number;
  runs: number;
}

export interface ScriptCoverage {
  file: string;
  script: string;
  branches: BranchCoverage[];
  actions: ActionCoverage[];
}

/**
 * Collects which branches of a script the runs took, and of each script it
 * calls (Runsub, RunScript), each counted in its own file: a step names the
 * file of a subscript it ran in.
 */
export class CoverageCollector {
  readonly #main: FileCollector;
  readonly #byFile = new Map<string, FileCollector>();

  constructor(script: Script) {
    this.#main = new FileCollector(script);
    this.#byFile.set(script.source.file, this.#main);
    const pending = [...(script.calls?.values() ?? [])];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      if (this.#byFile.has(next.source.file)) continue;
      this.#byFile.set(next.source.file, new FileCollector(next));
      pending.push(...(next.calls?.values() ?? []));
    }
  }

  add(report: RunReport): void {
    for (const step of report.steps) this.#byFile.get(step.script ?? this.#main.file)?.addStep(step);
  }

  /** The main script's coverage. */
  result(): ScriptCoverage {
    return this.#main.result();
  }

  /** The main script's coverage, then each script it calls. */
  results(): ScriptCoverage[] {
    return [...this.#byFile.values()].map((c) => c.result());
  }
}

/** Coverage of the same file from several collectors (a subscript tested through two callers) as one. */
export function mergeCoverages(coverages: readonly ScriptCoverage[]): ScriptCoverage[] {
  const byFile = new Map<string, ScriptCoverage>();
  for (const coverage of coverages) {
    const seen = byFile.get(coverage.file);
    if (!seen) {
      byFile.set(coverage.file, { ...coverage, branches: coverage.branches.map((b) => ({ ...b })), actions: coverage.actions.map((a) => ({ ...a })) });
      continue;
    }
    coverage.branches.forEach((b, i) => {
      const into = seen.branches[i];
      if (into) into.taken += b.taken;
    });
    coverage.actions.forEach((a, i) => {
      const into = seen.actions[i];
      if (into) into.runs += a.runs;
    });
  }
  return [...byFile.values()];
}

/** Which branches of one file the runs took. */
class FileCollector {
  readonly #script: Script;
  readonly #branches = new Map<string, BranchCoverage>();
  readonly #actions = new Map<string, ActionCoverage>();

  get file(): string {
    return this.#script.source.file;
  }

  constructor(script: Script) {
    this.#script = script;
    const { doc, lineCounter, data } = script.source;
    const position = (path: PathSegment[]) => linePosition(lineCounter, offsetOf(doc.contents, path, 'key'));
    const raw = data['actions'] as Record<string, Record<string, unknown>>;
    for (const action of script.actions.values()) {
      this.#actions.set(action.id, { action: action.id, type: action.type, line: position(['actions', action.id]).line, runs: 0 });
      const written = raw[action.id]?.['branches'];
      for (const [branch, target] of Object.entries(action.branches)) {
        const fromBranches = written !== null && typeof written === 'object' && Object.prototype.hasOwnProperty.call(written, branch);
        const { line, column } = position(fromBranches ? ['actions', action.id, 'branches', branch] : ['actions', action.id, 'next']);
        this.#branches.set(`${action.id}\u0000${branch}`, { action: action.id, branch, target, line, column, taken: 0 });
      }
    }
  }

  addStep(step: RunReport['steps'][number]): void {
    const action = this.#actions.get(step.action);
    if (action) action.runs++;
    if (step.branch === null) return;
    const edge = this.#branches.get(`${step.action}\u0000${step.branch}`);
    if (edge) edge.taken++;
  }

  result(): ScriptCoverage {
    return {
      file: this.#script.source.file,
      script: this.#script.name,
      branches: [...this.#branches.values()].sort((a, b) => a.line - b.line || a.column - b.column),
      actions: [...this.#actions.values()],
    };
  }
}

export function summarize(coverages: readonly ScriptCoverage[]): { covered: number; total: number; percent: number } {
  const total = coverages.reduce((n, c) => n + c.branches.length, 0);
  const covered = coverages.reduce((n, c) => n + c.branches.filter((b) => b.taken > 0).length, 0);
  return { covered, total, percent: total === 0 ? 100 : Math.floor((covered / total) * 1000) / 10 };
}

/** lcov: each action a function and a line, each wired branch a BRDA record on its YAML line. */
export function toLcov(coverages: readonly ScriptCoverage[], resolvePath: (file: string) => string): string {
  const out: string[] = [];
  for (const coverage of coverages) {
    out.push('TN:', `SF:${resolvePath(coverage.file)}`);
    for (const action of coverage.actions) out.push(`FN:${action.line},${action.action}`);
    for (const action of coverage.actions) out.push(`FNDA:${action.runs},${action.action}`);
    out.push(`FNF:${coverage.actions.length}`, `FNH:${coverage.actions.filter((a) => a.runs > 0).length}`);
    const blocks = new Map(coverage.actions.map((a, i) => [a.action, i]));
    const counters = new Map<string, number>();
    for (const branch of coverage.branches) {
      const index = counters.get(branch.action) ?? 0;
      counters.set(branch.action, index + 1);
      out.push(`BRDA:${branch.line},${blocks.get(branch.action) ?? 0},${index},${branch.taken > 0 ? branch.taken : '-'}`);
    }
    out.push(`BRF:${coverage.branches.length}`, `BRH:${coverage.branches.filter((b) => b.taken > 0).length}`);
    const lines = new Map<number, number>();
    for (const action of coverage.actions) lines.set(action.line, (lines.get(action.line) ?? 0) + action.runs);
    for (const branch of coverage.branches) lines.set(branch.line, Math.max(lines.get(branch.line) ?? 0, branch.taken));
    const sorted = [...lines].sort((a, b) => a[0] - b[0]);
    for (const [line, hits] of sorted) out.push(`DA:${line},${hits}`);
    out.push(`LF:${sorted.length}`, `LH:${sorted.filter(([, hits]) => hits > 0).length}`, 'end_of_record');
  }
  return `${out.join('\n')}\n`;
}
