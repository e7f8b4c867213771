import { dirname, join, relative, resolve } from 'node:path';
import type { CallerInput } from '../../actions/types.ts';
import { defaultScenarioPath, loadScenario, loadScript, runScript, scriptFolderHours } from '../../api.ts';
import type { Diagnostic } from '../../diagnostics/diagnostic.ts';
import { emptyScenario, scenarioDefaults, type Scenario } from '../../validate/scenario.ts';
import { applyAgentFlag, agentFlagHelp } from '../agent-flag.ts';
import { integerFlag, parseCommandArgs } from '../args.ts';
import { formatRunReport } from '../format-run.ts';
import { exitCodes, printDiagnostics, styleFor, UsageError, type CliIo } from '../io.ts';
import { limitOptions, limitsFrom } from './validate.ts';
import { stopSignal, watchFiles } from '../watch.ts';

export const runUsage = `Usage: studio-sim run <script> [--scenario <file>] [--input <keys>]... [--agent <id>=<state>[,...]]...
                      [--json] [--explain] [--max-steps <n>] [--max-seconds <n>] [--watch]

Runs one contact through the script in virtual time and prints the trace.
Without --scenario, <script>.scenario.yaml beside the script is used if it exists.

Options:
  --scenario <file>     the caller, agents, variables and limits (*.scenario.yaml)
  --input <keys>        what the caller enters at the next Menu or Capture: "1",
                        "1234#", "2@3" (2, pressed after 3 s) or "silence";
                        repeat it for each prompt; replaces the scenario's input
  ${agentFlagHelp}
  --json                print the run report as JSON
  --explain             say why each step went where it went (not with --json:
                        the JSON steps carry their notes, branch and outcome)
  --max-steps <n>       most actions the contact may run (default ${scenarioDefaults.maxSteps})
  --max-seconds <n>     most virtual seconds the run may last (default ${scenarioDefaults.maxSeconds})
  --watch, -w           run again when the script or scenario changes

Exit codes: 0 the contact finished, 1 the script or scenario is invalid,
2 usage error, 3 the run failed (a step or time budget ran out).`;

export function parseInput(value: string): CallerInput {
  if (value.toLowerCase() === 'silence') return { kind: 'silence' };
  const match = /^([0-9*#]+)(?:@(\d+(?:\.\d+)?))?$/.exec(value);
  if (!match) throw new UsageError(`--input takes keys such as 1, 1234# or 2@3 (2 after 3 s), or "silence"; not "${value}"`);
  return { kind: 'digits', digits: match[1] as string, afterMs: Math.round(Number(match[2] ?? scenarioDefaults.keyDelaySeconds) * 1000) };
}

function reportProblems(io: CliIo, diagnostics: readonly Diagnostic[], text: string | undefined | ReadonlyMap<string, string>, json: boolean): void {
  if (json) io.stdout(`${JSON.stringify({ diagnostics }, null, 2)}\n`);
  else printDiagnostics(io, diagnostics, text);
}

export async function runCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    scenario: { type: 'string' },
    input: { type: 'string', multiple: true },
    agent: { type: 'string', multiple: true },
    json: { type: 'boolean' },
    explain: { type: 'boolean' },
    'max-steps': { type: 'string' },
    'max-seconds': { type: 'string' },
    watch: { type: 'boolean', short: 'w' },
    help: { type: 'boolean', short: 'h' },
    ...limitOptions,
  });
  if (values.help) {
    io.stdout(`${runUsage}\n`);
    return exitCodes.ok;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'run needs a script, e.g. `studio-sim run scripts/custom-event-sample.yaml`' : `run takes one script, not ${positionals.length}`);
  if (values.json && values.explain) throw new UsageError('--explain adds reasons to the printed trace; the --json report already has them in each step (notes, branch, outcome), so use one or the other');
  const scriptFile = positionals[0] as string;
  const limits = limitsFrom(values);
  const inputs = (values.input ?? []).map(parseInput);
  const maxSteps = integerFlag(values['max-steps'], '--max-steps', 1);
  const maxSeconds = integerFlag(values['max-seconds'], '--max-seconds', 1);

  const runOnce = (): { code: number; files: string[] } => {
    const script = loadScript(resolve(io.cwd, scriptFile), limits, scriptFile);
    const scenarioPath = values.scenario ?? defaultScenarioPath(resolve(io.cwd, scriptFile));
    const scenarioFile = values.scenario ?? (scenarioPath ? relative(io.cwd, scenarioPath) || join(dirname(scriptFile), scenarioPath) : undefined);
    const scenarioResult = scenarioPath ? loadScenario(resolve(io.cwd, scenarioPath), limits, scenarioFile) : scriptFolderHours(resolve(io.cwd, scriptFile), limits, scriptFile);

    const problems = [...script.diagnostics.filter((d) => d.severity === 'error'), ...(scenarioResult?.diagnostics.filter((d) => d.severity === 'error') ?? [])];
    if (!script.ok || (scenarioResult && !scenarioResult.ok)) {
      if (!script.ok) reportProblems(io, script.diagnostics, script.texts ?? script.text, Boolean(values.json));
      if (scenarioResult && !scenarioResult.ok) reportProblems(io, scenarioResult.diagnostics, scenarioResult.text, Boolean(values.json));
      if (!values.json) io.stderr(`studio-sim: not run: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the script or scenario\n`);
      return { code: exitCodes.invalid, files: [scriptFile, ...(scenarioPath ? [scenarioPath] : [])] };
    }
    const scenario = scenarioResult?.ok ? scenarioResult.scenario : emptyScenario();
    if (inputs.length > 0) scenario.caller.input = inputs;
    for (const agent of values.agent ?? []) applyAgentFlag(scenario, agent);
    if (maxSteps !== undefined) scenario.limits.maxSteps = maxSteps;
    if (maxSeconds !== undefined) scenario.limits.maxMs = maxSeconds * 1000;

    const report = runScript(script.compiled, scenario);
    if (values.json) {
      io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      const style = styleFor(io);
      io.stdout(`${style.bold(report.script)}  ${scriptFile}${scenarioFile ? `  (scenario: ${scenarioFile})` : ''}\n\n`);
      io.stdout(formatRunReport(report, style, { explain: Boolean(values.explain) }));
    }
    return { code: report.outcome === 'ended' ? exitCodes.ok : exitCodes.runtimeFailure, files: [scriptFile, ...(scenarioPath ? [scenarioPath] : [])] };
  };

  let last = runOnce();
  if (!values.watch) return last.code;
  await watchFiles(io, () => last.files, () => {
    last = runOnce();
  }, stopSignal(io));
  return last.code;
}

