import { readFileSync } from 'node:fs';
import { didYouMean } from '../diagnostics/suggest.ts';
import { internalErrorMessage } from './internal-error.ts';
import { CliFailure, exitCodes, UsageError, type CliIo } from './io.ts';

type Command = (argv: string[], io: CliIo) => number | Promise<number>;

// Each command is imported when it runs, so `validate` does not pay for loading
// xstate, hono and the rest: start-up time is felt on every call.
const commands: Record<string, { load: () => Promise<Command>; summary: string }> = {
  run: { load: async () => (await import('./commands/run.ts')).runCommand, summary: 'run one contact through a script in virtual time and print the trace' },
  test: { load: async () => (await import('./commands/test.ts')).testCommand, summary: 'run the cases of *.test.yaml files, with branch coverage' },
  cases: { load: async () => (await import('./commands/cases.ts')).casesCommand, summary: 'generate test cases that drive a script down each (uncovered) branch' },
  validate: { load: async () => (await import('./commands/validate.ts')).validateCommand, summary: 'check scripts and report problems at file:line:column' },
  serve: { load: async () => (await import('./commands/serve.ts')).serveCommand, summary: 'serve the playground and the CXone-style agent API (sessions, get-next-event, custom-event) over HTTP' },
  graph: { load: async () => (await import('./commands/graph.ts')).graphCommand, summary: 'draw the script as a flowchart (Mermaid, DOT or SVG), with a run or coverage' },
  init: { load: async () => (await import('./commands/init.ts')).initCommand, summary: 'write a new commented script, its scenario and a passing test file' },
  explain: { load: async () => (await import('./commands/explain.ts')).explainCommand, summary: 'explain a diagnostic code and how to fix it: studio-sim explain endless-loop' },
  fix: { load: async () => (await import('./commands/fix.ts')).fixCommand, summary: 'rewrite the names earlier studio-sim versions used into CXone\'s, in place' },
  lint: { load: async () => (await import('./commands/validate.ts')).lintCommand, summary: 'like validate, but warnings fail too (exit 1)' },
  docs: { load: async () => (await import('./commands/docs.ts')).docsCommand, summary: 'print the action reference: studio-sim docs CustomEvent' },
  schema: { load: async () => (await import('./commands/schema.ts')).schemaCommand, summary: 'print or regenerate the JSON Schemas' },
};

function version(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

export const usage = `studio-sim: run NICE CXone Studio scripts locally

Usage: studio-sim <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, { summary }]) => `  ${name.padEnd(10)} ${summary}`)
  .join('\n')}
  help       show this help, or a command's: studio-sim help validate
  version    print the version

Any command takes --debug: an internal error then shows its stack.

Run \`studio-sim <command> --help\` for a command's options.`;

/** The whole CLI as a function: arguments in, exit code out. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  // --debug is global: it shows the stack of an internal error, and is taken
  // out before the command parses its own flags.
  const end = argv.indexOf('--');
  const debug = argv.some((arg, i) => arg === '--debug' && (end === -1 || i < end));
  const args = debug ? argv.filter((arg, i) => arg !== '--debug' || (end !== -1 && i > end)) : argv;
  const [name, ...rest] = args;
  try {
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      const topic = rest[0];
      const help = topic !== undefined && Object.prototype.hasOwnProperty.call(commands, topic) ? commands[topic] : undefined;
      if (name === 'help' && help) return await (await help.load())(['--help'], io);
      io.stdout(`${usage}\n`);
      return name === undefined ? exitCodes.usage : exitCodes.ok;
    }
    if (name === 'version' || name === '--version' || name === '-v') {
      io.stdout(`${version()}\n`);
      return exitCodes.ok;
    }
    const command = Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : undefined;
    if (!command) throw new UsageError(`Unknown command "${name}".${didYouMean(name, Object.keys(commands))}`);
    return await (await command.load())([...rest], debug ? { ...io, debug } : io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`studio-sim: ${error.message}\nRun \`studio-sim ${name && commands[name] ? `${name} --help` : 'help'}\` for usage.\n`);
      return exitCodes.usage;
    }
    if (error instanceof CliFailure) {
      io.stderr(`studio-sim: ${error.message}\n`);
      return exitCodes.invalid;
    }
    io.stderr(internalErrorMessage(error, args, debug));
    return exitCodes.internal;
  }
}
