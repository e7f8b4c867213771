import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadScript } from '../../api.ts';
import { scriptGraph, toDot, toMermaid } from '../../graph/graph.ts';
import type { RunReport } from '../../runtime/report.ts';
import { CoverageCollector } from '../../testing/coverage.ts';
import { runSuite } from '../../testing/runner.ts';
import { loadTestFile } from '../../testing/test-file.ts';
import { parseCommandArgs } from '../args.ts';
import { writeOutputFile } from '../files.ts';
import { exitCodes, printDiagnostics, UsageError, type CliIo } from '../io.ts';
import { limitOptions, limitsFrom } from './validate.ts';

export const graphUsage = `Usage: studio-sim graph <script> [--format mermaid|dot|svg] [--follow] [--trace <report.json>] [--coverage] [--output <file>]

Draws the script as a flowchart: each action a node (decisions as diamonds,
event actions apart), each branch an edge labelled with its name.

  --format <f>        mermaid (default; renders on GitHub and in many editors),
                      dot (Graphviz), or svg (needs Graphviz's dot program)
  --follow            draw the scripts it calls (Runsub, RunScript) too, each in
                      a box named by its file, with calls and returns in bold
  --trace <file>      a run report (\`run --json > report.json\`): the path taken
                      is drawn green, with step numbers
  --coverage          run the *.test.yaml files beside the script and draw the
                      branches no case took in red
  --output <file>     write there instead of printing

Exit codes: 0 drawn, 1 the script, a test file or the report is invalid, or
Graphviz is missing for svg, 2 usage error.`;

export function graphCommand(argv: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs(argv, {
    format: { type: 'string' },
    trace: { type: 'string' },
    coverage: { type: 'boolean' },
    follow: { type: 'boolean' },
    output: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    ...limitOptions,
  });
  if (values.help) {
    io.stdout(`${graphUsage}\n`);
    return exitCodes.ok;
  }
  const format = values.format ?? 'mermaid';
  if (!['mermaid', 'dot', 'svg'].includes(format)) throw new UsageError(`--format takes mermaid, dot or svg, not "${format}"`);
  if (positionals.length !== 1) throw new UsageError('graph takes one script, e.g. `studio-sim graph scripts/custom-event-sample.yaml`');
  const scriptFile = positionals[0] as string;
  const limits = limitsFrom(values);
  const script = loadScript(resolve(io.cwd, scriptFile), limits, scriptFile);
  if (!script.ok) {
    printDiagnostics(io, script.diagnostics, script.texts ?? script.text);
    return exitCodes.invalid;
  }

  let report: RunReport | undefined;
  if (values.trace !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(resolve(io.cwd, values.trace), 'utf8'));
    } catch (error) {
      io.stderr(`studio-sim: cannot read the run report ${values.trace}: ${(error as Error).message}\nWrite one with \`studio-sim run ${scriptFile} --json > report.json\`.\n`);
      return exitCodes.invalid;
    }
    if (parsed === null || typeof parsed !== 'object' || !Array.isArray((parsed as RunReport).steps)) {
      io.stderr(`studio-sim: ${values.trace} is not a run report (no "steps" list); write one with \`studio-sim run ${scriptFile} --json > report.json\`\n`);
      return exitCodes.invalid;
    }
    report = parsed as RunReport;
    // Steps in called scripts (they name their file) are drawn with --follow.
    const unknown = report.steps.find((s) => typeof s?.action !== 'string' || (s.script === undefined && !script.compiled.script.actions.has(s.action)));
    if (unknown) {
      io.stderr(`studio-sim: ${values.trace} is the report of another script: its step "${String(unknown?.action)}" is not an action of ${scriptFile}\n`);
      return exitCodes.invalid;
    }
  }

  let coverage;
  if (values.coverage) {
    const folder = dirname(resolve(io.cwd, scriptFile));
    const collector = new CoverageCollector(script.compiled.script);
    let suites = 0;
    for (const name of readdirSync(folder).filter((n) => /\.test\.ya?ml$/i.test(n)).sort()) {
      const loaded = loadTestFile(join(folder, name), limits, join(dirname(scriptFile), name));
      if (!loaded.suite || resolve(io.cwd, loaded.suite.scriptFile) !== resolve(io.cwd, scriptFile)) {
        if (!loaded.suite && loaded.diagnostics.some((d) => d.code !== 'invalid-script')) printDiagnostics(io, loaded.diagnostics, loaded.texts);
        continue;
      }
      suites++;
      for (const result of runSuite(loaded.suite, () => 0).results) collector.add(result.report);
    }
    if (suites === 0) io.stderr(`studio-sim: no *.test.yaml beside ${scriptFile} tests it, so every branch is drawn uncovered\n`);
    coverage = values.follow ? collector.results() : collector.result();
  }

  const graph = scriptGraph(script.compiled.script, { ...(report ? { report } : {}), ...(coverage ? { coverage } : {}), follow: Boolean(values.follow) });
  let output = format === 'mermaid' ? toMermaid(graph) : toDot(graph);
  if (format === 'svg') {
    const rendered = spawnSync('dot', ['-Tsvg'], { input: output, encoding: 'utf8' });
    if (rendered.error || rendered.status !== 0) {
      io.stderr(`studio-sim: --format svg needs Graphviz's dot program${rendered.error ? ', which is not installed' : `, which failed: ${rendered.stderr}`}. Install it (Debian and Ubuntu: apt-get install graphviz), or use --format mermaid or dot.\n`);
      return exitCodes.invalid;
    }
    output = rendered.stdout;
  }
  if (values.output !== undefined) {
    writeOutputFile(io.cwd, values.output, output);
    io.stdout(`wrote ${values.output}\n`);
  } else {
    io.stdout(output);
  }
  return exitCodes.ok;
}
