import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fixScenarioText } from '../../fix/fix-scenario.ts';
import { fixScriptText } from '../../fix/fix-script.ts';
import { parseCommandArgs } from '../args.ts';
import { expandInputs, isScriptFile } from '../files.ts';
import { exitCodes, styleFor, UsageError, type CliIo } from '../io.ts';

export const fixUsage = `Usage: studio-sim fix <file or folder>... [--dry-run]

Rewrites, in place, the property and branch names earlier studio-sim versions
used into the names CXone uses (Wait Timeout -> Seconds, Menu OnTimeout and
OnInvalid -> Default, ...), and web Studio labels ("Inter Digit Timeout") into
Desktop Studio names. In scenarios (*.scenario.yaml, and the scenarios of
*.test.yaml files) it moves the former outbound: list under numbers:.
Comments are kept. Prints each change with its line; running it again
changes nothing. Folders are searched for *.yaml scripts, scenarios and test
files (a shared hours.yaml is skipped).

Options:
  --dry-run   print what would change, write nothing

Exit codes: 0 done (or nothing to do), 1 a name could not be rewritten without
losing something (the message says what to decide), or a file could not be
read, 2 usage error.`;

const isScenarioOrTestFile = (name: string): boolean => /\.(scenario|test)\.ya?ml$/i.test(name);

export function fixCommand(argv: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs(argv, { 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    io.stdout(`${fixUsage}\n`);
    return exitCodes.ok;
  }
  if (positionals.length === 0) throw new UsageError('fix needs at least one script file or folder, e.g. `studio-sim fix scripts`');
  const files = expandInputs(positionals, io.cwd, (name) => isScriptFile(name) || isScenarioOrTestFile(name));
  if (files.length === 0) throw new UsageError(`No script files (*.yaml) found in ${positionals.join(', ')}`);
  const style = styleFor(io);
  let failed = 0;
  let changedFiles = 0;
  for (const file of files) {
    const path = resolve(io.cwd, file);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      failed++;
      io.stderr(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); check the path\n`);
      continue;
    }
    const result = isScenarioOrTestFile(file) ? fixScenarioText(text, /\.test\.ya?ml$/i.test(file) ? 'test' : 'scenario') : fixScriptText(text);
    if (result.unreadable !== undefined) {
      failed++;
      io.stderr(`${file}: left as it is: ${result.unreadable}\n`);
      continue;
    }
    for (const note of result.changed) io.stdout(`${file}:${note.line}:${note.column}  ${note.message}\n`);
    for (const note of result.unresolved) io.stderr(`${file}:${note.line}:${note.column}  ${style.yellow('not fixed')}: ${note.message}\n`);
    if (result.unresolved.length > 0) failed++;
    if (result.changed.length === 0) continue;
    changedFiles++;
    if (!values['dry-run']) {
      try {
        writeFileSync(path, result.text);
      } catch (error) {
        failed++;
        io.stderr(`${file}: cannot be written (${(error as NodeJS.ErrnoException).code ?? 'error'}); the file is unchanged\n`);
      }
    }
  }
  io.stdout(`${files.length} file${files.length === 1 ? '' : 's'} checked, ${changedFiles} ${values['dry-run'] ? 'would change' : 'changed'}${failed ? `, ${failed} with something to do by hand` : ''}\n`);
  return failed > 0 ? exitCodes.invalid : exitCodes.ok;
}
