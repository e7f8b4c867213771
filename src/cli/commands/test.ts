import { resolve } from 'node:path';
import { CoverageCollector, mergeCoverages, summarize, toLcov, type ScriptCoverage } from '../../testing/coverage.ts';
import { toJunit } from '../../testing/junit.ts';
import { runSuite, type SuiteRun } from '../../testing/runner.ts';
import { loadTestFile } from '../../testing/test-file.ts';
import { integerFlag, parseCommandArgs } from '../args.ts';
import { expandInputs, writeOutputFile } from '../files.ts';
import { formatRunReport, formatTime } from '../format-run.ts';
import { exitCodes, printDiagnostics, styleFor, UsageError, type CliIo } from '../io.ts';
import type { Style } from '../../diagnostics/format.ts';
import { limitOptions, limitsFrom } from './validate.ts';
import { stopSignal, watchFiles } from '../watch.ts';

export const testUsage = `Usage: studio-sim test [file or folder]... [--coverage] [--coverage-threshold <percent>]
                       [--lcov <file>] [--reporter junit --output <file>] [--json] [--watch]

Runs the cases of *.test.yaml files (default: every one under the current folder).

Options:
  --coverage                    show which branches of each script the cases took
  --coverage-threshold <n>      fail when branch coverage is below n percent (implies --coverage)
  --lcov <file>                 write coverage as lcov (default with --coverage: coverage/lcov.info)
  --reporter junit              write JUnit XML to --output (default: junit.xml)
  --output <file>               where --reporter writes
  --json                        print a machine-readable report instead of text
  --watch, -w                   run again when a test file, script or scenario changes

Exit codes: 0 every case passed (and coverage met the threshold), 1 a case
failed, a test file is invalid or coverage is below the threshold, 2 usage error.`;

const isTestFile = (name: string) => /\.test\.ya?ml$/i.test(name);

function indent(text: string, by: string): string {
  return text.replace(/^(?=.)/gm, by);
}

function formatValue(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 400 ? `${text.slice(0, 400)}...` : text;
}

function printFailures(io: CliIo, run: SuiteRun, style: Style): void {
  for (const result of run.results) {
    const mark = result.passed ? style.green('✓') : style.red('✗');
    io.stdout(`  ${mark} ${result.name}${result.passed ? '' : style.dim(`  (${run.suite.file}:${result.line})`)}\n`);
    if (result.passed) continue;
    for (const failure of result.failures) {
      const line = run.suite.lineOf([...result.path, ...failure.path]);
      io.stdout(`      ${style.bold(`${run.suite.file}:${line}`)}: ${style.red(failure.message)}\n`);
      io.stdout(`        expected: ${formatValue(failure.expected)}\n        actual:   ${formatValue(failure.actual)}\n`);
    }
    // Up to the earliest point a failure can be placed at; the whole trace when none can.
    // At least the first step: a failure placed before any step is best read with the step that started it.
    const all = result.report.steps.length;
    const shown = Math.max(Math.min(all, 1), Math.min(all, ...result.failures.map((f) => f.stepsShown ?? all)));
    const report = { ...result.report, steps: result.report.steps.slice(0, shown) };
    io.stdout(`      ${style.dim(`trace${shown < all ? ` up to step ${shown} of ${all}` : ''}:`)}\n${indent(formatRunReport(report, style).replace(/\n\n[\s\S]*$/, ''), '        ')}\n`);
    // A failed reason or outcome expectation has already said how the run ended.
    const outcomeSaid = result.failures.some((f) => f.path[1] === 'reason' || f.path[1] === 'outcome');
    if (!outcomeSaid) io.stdout(`        ${style.dim(`${result.report.outcome === 'ended' ? 'ended' : 'failed'} (${result.report.reason}) after ${formatTime(result.report.elapsedMs)}: ${result.report.message}`)}\n`);
  }
}

function printCoverage(io: CliIo, coverages: readonly ScriptCoverage[], texts: Map<string, string>, style: Style): void {
  io.stdout(`\n${style.bold('Branch coverage')}\n`);
  for (const coverage of coverages) {
    const { covered, total, percent } = summarize([coverage]);
    io.stdout(`\n${coverage.file}  ${coverage.script}: branches ${covered}/${total}, ${percent}%\n`);
    const width = Math.max(6, ...coverage.branches.map((b) => `${b.action}.${b.branch}`.length));
    for (const branch of coverage.branches) {
      const label = `${branch.action}.${branch.branch}`.padEnd(width);
      io.stdout(`  ${branch.taken > 0 ? style.green('✓') : style.red('✗')} ${label}  line ${String(branch.line).padStart(3)}  taken ${branch.taken}\n`);
    }
    const uncovered = coverage.branches.filter((b) => b.taken === 0);
    const text = texts.get(coverage.file);
    if (uncovered.length > 0 && text !== undefined) {
      const lines = text.split(/\r?\n/);
      io.stdout(`  ${style.dim('uncovered, in the script:')}\n`);
      for (const branch of uncovered) io.stdout(`  ${style.red(`${String(branch.line).padStart(4)} ✗`)} ${lines[branch.line - 1] ?? ''}\n`);
    }
  }
}

interface Options {
  wantCoverage: boolean;
  threshold: number | undefined;
  lcov: string | undefined;
  reporter: string | undefined;
  output: string | undefined;
  json: boolean;
  limits: ReturnType<typeof limitsFrom>;
}

/** Runs test files, prints what happened, and says which files each one read (for watch mode). */
function runTestFiles(io: CliIo, files: readonly string[], options: Options): { code: number; dependencies: Map<string, Set<string>> } {
  const style = styleFor(io);
  const runs: SuiteRun[] = [];
  const collectors = new Map<string, CoverageCollector>();
  const texts = new Map<string, string>();
  const dependencies = new Map<string, Set<string>>();
  let invalidFiles = 0;
  const now = () => performance.now();
  for (const file of files) {
    const loaded = loadTestFile(resolve(io.cwd, file), options.limits, file);
    dependencies.set(file, new Set([file, ...loaded.texts.keys()].map((f) => resolve(io.cwd, f))));
    for (const [name, text] of loaded.texts) texts.set(name, text);
    if (!loaded.suite) {
      invalidFiles++;
      printDiagnostics(io, loaded.diagnostics, loaded.texts);
      continue;
    }
    const run = runSuite(loaded.suite, now);
    runs.push(run);
    if (options.wantCoverage) {
      // Cases of several files for one script count together.
      const key = resolve(io.cwd, loaded.suite.scriptFile);
      let collector = collectors.get(key);
      if (!collector) {
        collector = new CoverageCollector(loaded.suite.script);
        collectors.set(key, collector);
      }
      for (const result of run.results) collector.add(result.report);
    }
    if (!options.json) {
      io.stdout(`${style.bold(file)}  ${style.dim(`(${loaded.suite.scriptFile})`)}\n`);
      printFailures(io, run, style);
    }
  }

  const coverages = mergeCoverages([...collectors.values()].flatMap((c) => c.results()));
  const total = summarize(coverages);
  const passed = runs.reduce((n, r) => n + r.results.filter((c) => c.passed).length, 0);
  const failed = runs.reduce((n, r) => n + r.results.filter((c) => !c.passed).length, 0);
  const belowThreshold = options.threshold !== undefined && total.percent < options.threshold;

  if (options.reporter === 'junit') {
    writeOutputFile(io.cwd, options.output ?? 'junit.xml', toJunit(runs));
  }
  if (options.wantCoverage) {
    writeOutputFile(io.cwd, options.lcov ?? 'coverage/lcov.info', toLcov(coverages, (file) => resolve(io.cwd, file)));
  }

  if (options.json) {
    const json = {
      passed,
      failed,
      invalidFiles,
      files: runs.map((run) => ({
        file: run.suite.file,
        script: run.suite.scriptFile,
        cases: run.results.map((r) => ({ name: r.name, line: r.line, passed: r.passed, failures: r.failures.map((f) => ({ ...f, line: run.suite.lineOf([...r.path, ...f.path]) })), reason: r.report.reason, elapsedMs: r.report.elapsedMs })),
      })),
      ...(options.wantCoverage ? { coverage: { ...total, scripts: coverages } } : {}),
    };
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    if (options.wantCoverage) {
      printCoverage(io, coverages, texts, style);
      io.stdout(`\n${style.bold(`branches ${total.covered}/${total.total}, ${total.percent}%`)}${options.threshold !== undefined ? ` (threshold ${options.threshold}%${belowThreshold ? style.red(', not met') : ''})` : ''}\n`);
    }
    io.stdout(`\n${passed} passed, ${failed} failed${invalidFiles ? `, ${invalidFiles} invalid test file${invalidFiles === 1 ? '' : 's'}` : ''}\n`);
  }
  return { code: failed > 0 || invalidFiles > 0 || belowThreshold ? exitCodes.invalid : exitCodes.ok, dependencies };
}

export async function testCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    coverage: { type: 'boolean' },
    'coverage-threshold': { type: 'string' },
    lcov: { type: 'string' },
    reporter: { type: 'string' },
    output: { type: 'string' },
    json: { type: 'boolean' },
    watch: { type: 'boolean', short: 'w' },
    help: { type: 'boolean', short: 'h' },
    ...limitOptions,
  });
  if (values.help) {
    io.stdout(`${testUsage}\n`);
    return exitCodes.ok;
  }
  if (values.reporter !== undefined && values.reporter !== 'junit') throw new UsageError(`--reporter takes junit, not "${values.reporter}"`);
  const threshold = integerFlag(values['coverage-threshold'], '--coverage-threshold', 0);
  if (threshold !== undefined && threshold > 100) throw new UsageError(`--coverage-threshold takes a percentage from 0 to 100, not ${threshold}`);
  const inputs = positionals.length > 0 ? positionals : ['.'];
  const files = expandInputs(inputs, io.cwd, isTestFile);
  if (files.length === 0) throw new UsageError(`No test files (*.test.yaml) found in ${positionals.join(', ') || 'the current folder'}`);
  const options: Options = {
    wantCoverage: Boolean(values.coverage) || threshold !== undefined || values.lcov !== undefined,
    threshold,
    lcov: values.lcov,
    reporter: values.reporter,
    output: values.output,
    json: Boolean(values.json),
    limits: limitsFrom(values),
  };
  const first = runTestFiles(io, files, options);
  if (!values.watch) return first.code;

  // Watch: re-run the test files that read a changed file (and any test file not run before).
  let dependencies = first.dependencies;
  let code = first.code;
  await watchFiles(
    io,
    () => [...new Set([...dependencies.values()].flatMap((set) => [...set]))],
    (changed) => {
      const current = expandInputs(inputs, io.cwd, isTestFile);
      const affected = current.filter((file) => !dependencies.has(file) || [...(dependencies.get(file) ?? [])].some((dep) => changed.has(dep)));
      const result = runTestFiles(io, affected, options);
      dependencies = new Map([...dependencies, ...result.dependencies]);
      code = result.code;
    },
    stopSignal(io),
  );
  return code;
}
