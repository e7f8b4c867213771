import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { actionDefinition, actionTypes } from '../../actions/index.ts';
import { didYouMean } from '../../diagnostics/suggest.ts';
import { refreshGeneratedBlocks, renderAction, renderActionReference, renderReferencePage } from '../../docs/reference.ts';
import { parseCommandArgs } from '../args.ts';
import { writeOutputFile } from '../files.ts';
import { exitCodes, UsageError, type CliIo } from '../io.ts';

export const docsUsage = `Usage: studio-sim docs [ActionType] [--write <file.md>] [--reference <file.md>]

Prints the reference of every action type, or of one (properties, defaults,
branches and an example).
  --write <file.md>      refresh the generated blocks of a Markdown file (the README)
  --reference <file.md>  write the whole action reference as one page (docs/actions.md)`;

export function docsCommand(argv: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs(argv, { write: { type: 'string' }, reference: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    io.stdout(`${docsUsage}\n`);
    return exitCodes.ok;
  }
  if (values.reference !== undefined) {
    writeOutputFile(io.cwd, values.reference, renderReferencePage());
    io.stdout(`wrote ${values.reference}\n`);
    return exitCodes.ok;
  }
  if (values.write !== undefined) {
    const path = resolve(io.cwd, values.write);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw new UsageError(`Cannot read ${values.write}`);
    }
    let refreshed: string;
    try {
      refreshed = refreshGeneratedBlocks(text);
    } catch (error) {
      throw new UsageError(`${values.write}: ${(error as Error).message}`);
    }
    writeOutputFile(io.cwd, values.write, refreshed);
    io.stdout(`refreshed ${values.write}\n`);
    return exitCodes.ok;
  }
  const [type] = positionals;
  if (type === undefined) {
    io.stdout(`${renderActionReference(2)}\n`);
    return exitCodes.ok;
  }
  const definition = actionDefinition(type) ?? actionTypes.map(actionDefinition).find((d) => d?.type.toLowerCase() === type.toLowerCase());
  if (!definition) throw new UsageError(`Unknown action type "${type}".${didYouMean(type, actionTypes)} Types: ${actionTypes.join(', ')}`);
  io.stdout(`${renderAction(definition, 2)}\n`);
  return exitCodes.ok;
}
