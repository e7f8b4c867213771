import { readFileSync } from 'node:fs';
import { didYouMean } from '../diagnostics/suggest.ts';
import { casesCommand } from './commands/cases.ts';
import { docsCommand } from './commands/docs.ts';
import { runCommand } from './commands/run.ts';
import { serveCommand } from './commands/serve.ts';
import { testCommand } from './commands/test.ts';
import { schemaCommand } from './commands/schema.ts';
import { validateCommand } from './commands/validate.ts';
import { exitCodes, UsageError, type CliIo } from './io.ts';

type Command = (argv: string[], io: CliIo) => number | Promise<number>;

const commands: Record<string, { run: Command; summary: string }> = {
  run: { run: runCommand, summary: 'run one contact through a script in virtual time and print the trace' },
  cases: { run: casesCommand, summary: 'generate test cases that drive a script down each (uncovered) branch' },
  serve: { run: serveCommand, summary: 'serve the CXone-style agent API (sessions, get-next-event, custom-event) over HTTP' },
  test: { run: testCommand, summary: 'run the cases of *.test.yaml files, with branch coverage' },
  validate: { run: validateCommand, summary: 'check scripts and report problems at file:line:column' },
  docs: { run: docsCommand, summary: 'print the action reference: studio-sim docs CustomEvent' },
  schema: { run: schemaCommand, summary: 'print or regenerate the script JSON Schema' },
};

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export const usage = `studio-sim: run NICE CXone Studio scripts locally

Usage: studio-sim <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, { summary }]) => `  ${name.padEnd(10)} ${summary}`)
  .join('\n')}
  help       show this help, or a command's: studio-sim help validate
  version    print the version

Run \`studio-sim <command> --help\` for a command's options.`;

/** The whole CLI as a function: arguments in, exit code out. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      const topic = rest[0];
      if (name === 'help' && topic !== undefined && commands[topic]) return await (commands[topic] as { run: Command }).run(['--help'], io);
      io.stdout(`${usage}\n`);
      return name === undefined ? exitCodes.usage : exitCodes.ok;
    }
    if (name === 'version' || name === '--version' || name === '-v') {
      io.stdout(`${version()}\n`);
      return exitCodes.ok;
    }
    const command = Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : undefined;
    if (!command) throw new UsageError(`Unknown command "${name}".${didYouMean(name, Object.keys(commands))}`);
    return await command.run([...rest], io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`studio-sim: ${error.message}\nRun \`studio-sim ${name && commands[name] ? `${name} --help` : 'help'}\` for usage.\n`);
      return exitCodes.usage;
    }
    throw error;
  }
}
