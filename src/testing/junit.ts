import type { SuiteRun } from './runner.ts';

const escape = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string)
    // Characters XML 1.0 cannot carry at all.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** JUnit XML, the format CI systems read test results from. */
export function toJunit(runs: readonly SuiteRun[]): string {
  const total = runs.reduce((n, r) => n + r.results.length, 0);
  const failed = runs.reduce((n, r) => n + r.results.filter((c) => !c.passed).length, 0);
  const time = runs.reduce((n, r) => n + r.results.reduce((m, c) => m + c.durationMs, 0), 0);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="studio-sim" tests="${total}" failures="${failed}" errors="0" time="${seconds(time)}">`];
  for (const run of runs) {
    const suiteFailed = run.results.filter((c) => !c.passed).length;
    const suiteTime = run.results.reduce((m, c) => m + c.durationMs, 0);
    lines.push(`  <testsuite name="${escape(run.suite.file)}" tests="${run.results.length}" failures="${suiteFailed}" errors="0" time="${seconds(suiteTime)}">`);
    for (const result of run.results) {
      const open = `    <testcase name="${escape(result.name)}" classname="${escape(run.suite.scriptFile)}" file="${escape(run.suite.file)}" line="${result.line}" time="${seconds(result.durationMs)}"`;
      if (result.passed) {
        lines.push(`${open}/>`);
        continue;
      }
      const details = result.failures.map((f) => `${run.suite.file}:${run.suite.lineOf([...result.path, ...f.path])}: ${f.message}\nexpected: ${JSON.stringify(f.expected)}\nactual: ${JSON.stringify(f.actual)}`).join('\n\n');
      lines.push(`${open}>`, `      <failure message="${escape(result.failures[0]?.message ?? 'failed')}">${escape(details)}</failure>`, '    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
