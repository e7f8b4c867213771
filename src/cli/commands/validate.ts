import { resolve } from 'node:path';
import type { Diagnostic } from '../../diagnostics/diagnostic.ts';
import { formatDiagnostic } from '../../diagnostics/format.ts';
import type { LoadLimits } from '../../load/index.ts';
import { validateScriptFile } from '../../validate/index.ts';
import { integerFlag, parseCommandArgs } from '../args.ts';
import { expandInputs, isScriptFile } from '../files.ts';
import { exitCodes, styleFor, UsageError, type CliIo } from '../io.ts';
import { internalErrorMessage } from '../internal-error.ts';

export const validateUsage = `Usage: studio-sim validate <file or folder>... [--json] [--quiet]

Checks scripts against the JSON Schema and studio-sim's semantic rules.
Folders are searched for *.yaml scripts (scenario and test files are skipped).

Options:
  --json                      print the diagnostics as one JSON array
  --quiet                     print only problems, no per-file summary
  --max-file-size <bytes>     largest file read (default 2097152)
  --max-depth <levels>        deepest YAML nesting (default 32)
  --max-aliases <count>       most YAML alias expansions (default 1000)
  --max-actions <count>       most actions in one script (default 10000)
  --max-string-chars <count>  longest string value, e.g. a Data (default 32768)

Exit codes: 0 no errors (warnings allowed), 1 a file has errors, 2 usage error,
70 a file could not be checked because of a bug in studio-sim (the others' results are printed).`;

export const lintUsage = validateUsage
  .replace('studio-sim validate', 'studio-sim lint')
  .replace('Checks scripts against the JSON Schema and studio-sim\'s semantic rules.', 'Like validate, but warnings fail too: for CI that wants clean scripts.\n`studio-sim explain <code>` says what each warning means.')
  .replace('0 no errors (warnings allowed), 1 a file has errors', '0 no errors and no warnings, 1 a file has errors or warnings');

/** Limits flags shared by every command that reads YAML. */
export const limitOptions = {
  'max-file-size': { type: 'string' },
  'max-depth': { type: 'string' },
  'max-aliases': { type: 'string' },
  'max-actions': { type: 'string' },
  'max-string-chars': { type: 'string' },
} as const;

export function limitsFrom(values: { [flag in keyof typeof limitOptions]?: string | undefined }): Partial<LoadLimits> {
  const limits: Partial<LoadLimits> = {};
  const maxFileBytes = integerFlag(values['max-file-size'], '--max-file-size', 1);
  const maxDepth = integerFlag(values['max-depth'], '--max-depth', 1);
  const maxAliasCount = integerFlag(values['max-aliases'], '--max-aliases', 0);
  if (maxFileBytes !== undefined) limits.maxFileBytes = maxFileBytes;
  if (maxDepth !== undefined) limits.maxDepth = maxDepth;
  if (maxAliasCount !== undefined) limits.maxAliasCount = maxAliasCount;
  const maxActions = integerFlag(values['max-actions'], '--max-actions', 1);
  if (maxActions !== undefined) limits.maxActions = maxActions;
  const maxStringChars = integerFlag(values['max-string-chars'], '--max-string-chars', 1);
  if (maxStringChars !== undefined) limits.maxStringChars = maxStringChars;
  return limits;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function validateCommand(argv: string[], io: CliIo, strict = false): number {
  const { values, positionals } = parseCommandArgs(argv, {
    json: { type: 'boolean' },
    quiet: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
    ...limitOptions,
  });
  if (values.help) {
    io.stdout(`${strict ? lintUsage : validateUsage}\n`);
    return exitCodes.ok;
  }
  if (positionals.length === 0) throw new UsageError('validate needs at least one script file or folder, e.g. `studio-sim validate scripts`');
  const limits = limitsFrom(values);
  const files = expandInputs(positionals, io.cwd, isScriptFile);
  if (files.length === 0) throw new UsageError(`No script files (*.yaml) found in ${positionals.join(', ')}`);

  const style = styleFor(io);
  const all: Diagnostic[] = [];
  let failedFiles = 0;
  let brokenFiles = 0;
  const listed = new Set(files);
  for (const file of files) {
    // Each file on its own: a bug that one file triggers must not lose the others' results.
    let result: ReturnType<typeof validateScriptFile>;
    try {
      result = validateScriptFile(resolve(io.cwd, file), limits, file);
    } catch (error) {
      brokenFiles++;
      io.stderr(`${style.red('fail')}  ${file}: ${internalErrorMessage(error, [strict ? 'lint' : 'validate', file], Boolean(io.debug))}`);
      continue;
    }
    // A called script that is checked as one of these files too reports its problems there, once.
    const diagnostics = result.diagnostics.filter((d) => d.file === file || !listed.has(d.file));
    all.push(...diagnostics);
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.length - errors;
    if (errors > 0) failedFiles++;
    if (values.json) continue;
    for (const diagnostic of diagnostics) io.stdout(`${formatDiagnostic(diagnostic, result.texts?.get(diagnostic.file) ?? result.text, style)}\n\n`);
    if (values.quiet) continue;
    if (result.script) {
      const counts = new Map<string, number>();
      for (const action of result.script.actions.values()) counts.set(action.type, (counts.get(action.type) ?? 0) + 1);
      const kinds = [...counts].map(([type, n]) => (n > 1 ? `${type} x${n}` : type)).join(', ');
      io.stdout(`${style.green('ok')}    ${file}  ${style.bold(result.script.name)} (${result.script.mediaType}): ${plural(result.script.actions.size, 'action')}${warnings ? `, ${style.yellow(plural(warnings, 'warning'))}` : ''}\n      ${style.dim(kinds)}\n`);
    } else {
      io.stdout(`${style.red('fail')}  ${file}: ${plural(errors, 'error')}${warnings ? `, ${plural(warnings, 'warning')}` : ''}\n`);
    }
  }
  if (values.json) {
    io.stdout(`${JSON.stringify(all, null, 2)}\n`);
  } else if (!values.quiet || all.length > 0) {
    const errors = all.filter((d) => d.severity === 'error').length;
    io.stdout(`\n${plural(files.length, 'file')} checked: ${plural(errors, 'error')}, ${plural(all.length - errors, 'warning')}${failedFiles ? ` in ${plural(failedFiles, 'failing file')}` : ''}\n`);
  }
  if (brokenFiles > 0) io.stderr(`studio-sim: ${plural(brokenFiles, 'file')} could not be checked because of an internal error (above)\n`);
  const warned = all.some((d) => d.severity === 'warning');
  if (brokenFiles > 0) return exitCodes.internal;
  return failedFiles > 0 || (strict && warned) ? exitCodes.invalid : exitCodes.ok;
}

/** `lint`: the same checks as validate, but a warning fails the run too (for CI that wants clean scripts). */
export function lintCommand(argv: string[], io: CliIo): number {
  return validateCommand(argv, io, true);
}
