import { findSpawnedScripts } from '../api.ts';
import { compileScript, type CompiledScript } from '../compile/compile.ts';
import type { RunReport } from '../runtime/report.ts';
import { simulate } from '../runtime/simulate.ts';
import type { Script } from '../validate/index.ts';
import { checkExpectations, type Failure } from './expectations.ts';
import type { TestCase, TestSuite } from './test-file.ts';

export interface CaseResult {
  name: string;
  line: number;
  /** Where the case is in its file. */
  path: TestCase['path'];
  passed: boolean;
  failures: Failure[];
  report: RunReport;
  /** Wall-clock time of the run, for reporters (never asserted on). */
  durationMs: number;
}

export interface SuiteRun {
  suite: TestSuite;
  results: CaseResult[];
}

const compiledScripts = new WeakMap<Script, CompiledScript>();

function compiledFor(suite: TestSuite): CompiledScript {
  const { script } = suite;
  let compiled = compiledScripts.get(script);
  if (!compiled) {
    compiled = compileScript(script);
    compiledScripts.set(script, compiled);
    if (suite.scriptPath !== undefined) findSpawnedScripts(compiled, suite.scriptPath, suite.scriptFile, {}, new Map());
  }
  return compiled;
}

export function runCase(suite: TestSuite, testCase: TestCase, now: () => number): CaseResult {
  const started = now();
  const report = simulate(compiledFor(suite), testCase.scenario);
  const failures = checkExpectations(report, testCase.expect);
  return { name: testCase.name, line: testCase.line, path: testCase.path, passed: failures.length === 0, failures, report, durationMs: now() - started };
}

/** Runs every case of a suite. `now` measures durations for reporters; the simulation itself runs on virtual time. */
export function runSuite(suite: TestSuite, now: () => number): SuiteRun {
  return { suite, results: suite.cases.map((testCase) => runCase(suite, testCase, now)) };
}
