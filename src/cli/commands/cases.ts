import { basename, dirname, relative, resolve } from 'node:path';
import { stringify } from 'yaml';
import { defaultScenarioPath, loadScript } from '../../api.ts';
import { CoverageCollector } from '../../testing/coverage.ts';
import { generateCases, type GeneratedCase } from '../../testing/generate.ts';
import { runSuite } from '../../testing/runner.ts';
import { loadTestFile } from '../../testing/test-file.ts';
import { validateScenarioFile } from '../../validate/scenario.ts';
import { schemaPath } from '../../validate/schema-file.ts';
import { integerFlag, parseCommandArgs } from '../args.ts';
import { writeOutputFile } from '../files.ts';
import { exitCodes, printDiagnostics, UsageError, type CliIo } from '../io.ts';
import { limitOptions, limitsFrom } from './validate.ts';

export const casesUsage = `Usage: studio-sim cases <script> [--uncovered <file.test.yaml>] [--scenario <file>]
                        [--output <file.test.yaml>] [--max-runs <n>]

Finds caller inputs and agent behaviours that drive the script down each
branch, by running it in virtual time, and prints ready-to-edit test cases.

  --uncovered <file>   only branches that file's cases do not cover; prints just
                       the new cases, so \`>> file\` appends them to its cases list
  --scenario <file>    the scenario to start from (default: <script>.scenario.yaml)
  --output <file>      write a whole test file there instead of printing it
  --max-runs <n>       most simulated contacts to try (default 3000)

Branches no run reached are listed on stderr with the reason.
Exit codes: 0 cases found for every branch asked for, 1 some branch was not
reached or an input is invalid, 2 usage error.`;

function caseData(generated: GeneratedCase): Record<string, unknown> {
  const branches: Record<string, string> = {};
  for (const { action, branch } of generated.covers) branches[action] ??= branch;
  const hasScenario = Object.keys(generated.scenario).length > 0;
  return { name: generated.name, ...(hasScenario ? { scenario: generated.scenario } : {}), expect: { reason: generated.reason, branches } };
}

/** YAML for the cases, as items of a `cases:` list. */
function casesYaml(cases: readonly GeneratedCase[]): string {
  return stringify(cases.map(caseData), { flowCollectionPadding: true, lineWidth: 0 })
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => `  ${line}\n`)
    .join('');
}

export function casesCommand(argv: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs(argv, {
    uncovered: { type: 'string' },
    scenario: { type: 'string' },
    output: { type: 'string' },
    'max-runs': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    ...limitOptions,
  });
  if (values.help) {
    io.stdout(`${casesUsage}\n`);
    return exitCodes.ok;
  }
  if (positionals.length !== 1) throw new UsageError('cases takes one script, e.g. `studio-sim cases scripts/custom-event-sample.yaml`');
  if (values.uncovered !== undefined && values.scenario !== undefined) throw new UsageError('--uncovered uses its test file\'s scenario; leave out --scenario');
  const maxRuns = integerFlag(values['max-runs'], '--max-runs', 1) ?? 3000;
  const limits = limitsFrom(values);
  const scriptFile = positionals[0] as string;
  const script = loadScript(resolve(io.cwd, scriptFile), limits, scriptFile);
  if (!script.ok) {
    printDiagnostics(io, script.diagnostics, script.text);
    return exitCodes.invalid;
  }

  let base: Record<string, unknown> = {};
  let scenarioFile: string | undefined;
  const covered = new Set<string>();
  if (values.uncovered !== undefined) {
    const loaded = loadTestFile(resolve(io.cwd, values.uncovered), limits, values.uncovered);
    if (!loaded.suite) {
      printDiagnostics(io, loaded.diagnostics, loaded.texts);
      return exitCodes.invalid;
    }
    if (resolve(io.cwd, loaded.suite.scriptFile) !== resolve(io.cwd, scriptFile)) {
      throw new UsageError(`${values.uncovered} tests ${loaded.suite.scriptFile}, not ${scriptFile}`);
    }
    base = loaded.suite.baseScenario;
    const collector = new CoverageCollector(loaded.suite.script);
    for (const result of runSuite(loaded.suite, () => 0).results) collector.add(result.report);
    for (const branch of collector.result().branches) if (branch.taken > 0) covered.add(`${branch.action}\u0000${branch.branch}`);
  } else {
    const path = values.scenario ?? defaultScenarioPath(resolve(io.cwd, scriptFile));
    if (path !== undefined) {
      const result = validateScenarioFile(resolve(io.cwd, path), limits, path);
      if (!result.data) {
        printDiagnostics(io, result.diagnostics, result.text);
        return exitCodes.invalid;
      }
      base = result.data;
      scenarioFile = resolve(io.cwd, path);
    }
  }

  const generation = generateCases(script.compiled, { base, covered, maxRuns });
  if (values.uncovered !== undefined) {
    if (generation.cases.length > 0) io.stdout(casesYaml(generation.cases));
  } else {
    const output = values.output === undefined ? undefined : resolve(io.cwd, values.output);
    const folder = output ? dirname(output) : dirname(resolve(io.cwd, scriptFile));
    const header = [
      `# yaml-language-server: $schema=${relative(folder, schemaPath('test.schema.json'))}`,
      `# Generated by studio-sim cases from ${basename(scriptFile)}: one case per run that took new branches.`,
      '# Rename the cases and tighten their expectations to what the script must do.',
      `script: ${relative(folder, resolve(io.cwd, scriptFile))}`,
      ...(scenarioFile ? [`scenario: ${relative(folder, scenarioFile)}`] : []),
      'cases:',
    ].join('\n');
    const text = `${header}\n${casesYaml(generation.cases)}`;
    if (output && values.output !== undefined) {
      writeOutputFile(io.cwd, values.output, text);
      io.stdout(`wrote ${values.output}: ${generation.cases.length} cases\n`);
    } else {
      io.stdout(text);
    }
  }
  for (const missed of generation.unreached) io.stderr(`# not reached: ${missed.action}.${missed.branch}: ${missed.why}\n`);
  io.stderr(`# ${generation.cases.length} case${generation.cases.length === 1 ? '' : 's'} from ${generation.runs} runs${generation.unreached.length ? `; ${generation.unreached.length} branch${generation.unreached.length === 1 ? '' : 'es'} not reached` : ''}\n`);
  return generation.unreached.length > 0 ? exitCodes.invalid : exitCodes.ok;
}
