import { diagnosticCodes } from '../../diagnostics/codes.ts';
import { explanations } from '../../diagnostics/explanations.ts';
import { didYouMean } from '../../diagnostics/suggest.ts';
import { parseCommandArgs } from '../args.ts';
import { exitCodes, styleFor, UsageError, type CliIo } from '../io.ts';

export const explainUsage = `Usage: studio-sim explain [code]

Explains a diagnostic code (as validate, lint, run and test print them):
what it means and how to fix it. Without a code, lists them all.`;

export function explainCommand(argv: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs(argv, { help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    io.stdout(`${explainUsage}\n`);
    return exitCodes.ok;
  }
  const style = styleFor(io);
  const [code] = positionals;
  if (code === undefined) {
    for (const [name, info] of Object.entries(diagnosticCodes)) io.stdout(`${name.padEnd(26)} ${info.severity.padEnd(8)} ${info.summary}\n`);
    return exitCodes.ok;
  }
  const info = diagnosticCodes[code];
  const text = explanations[code];
  if (!info || !text) throw new UsageError(`Unknown code "${code}".${didYouMean(code, Object.keys(diagnosticCodes))} \`studio-sim explain\` lists them all.`);
  io.stdout(`${style.bold(code)} (${info.severity}, ${info.stage})\n\n${info.summary}\n\n${text.explanation}\n\n${style.cyan('Fix:')} ${text.fix}\n`);
  return exitCodes.ok;
}
