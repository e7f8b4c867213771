import { readFileSync, writeFileSync } from 'node:fs';
import type { JsonSchema } from '../../actions/index.ts';
import { buildScriptSchema, schemaPath } from '../../validate/index.ts';
import { buildScenarioSchema } from '../../validate/scenario.ts';
import { buildHoursSchema } from '../../validate/hours.ts';
import { buildTestSchema } from '../../testing/test-file.ts';
import { parseCommandArgs } from '../args.ts';
import { exitCodes, UsageError, type CliIo } from '../io.ts';

/** The JSON Schemas under schemas/, each built from the code that defines the format. */
export const generatedSchemas: Record<string, () => JsonSchema> = {
  'script.schema.json': buildScriptSchema,
  'scenario.schema.json': buildScenarioSchema,
  'test.schema.json': buildTestSchema,
  'hours.schema.json': buildHoursSchema,
};

export const schemaUsage = `Usage: studio-sim schema [script|scenario|test|hours] [--write | --check]

Prints a JSON Schema (default: the script schema), built from the code.
  --write   write every schema to schemas/
  --check   exit 1 if a file in schemas/ is out of date`;

export function schemaText(name: string): string {
  return `${JSON.stringify((generatedSchemas[name] as () => JsonSchema)(), null, 2)}\n`;
}

function current(name: string): string {
  try {
    return readFileSync(schemaPath(name), 'utf8');
  } catch {
    return '';
  }
}

export function schemaCommand(argv: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs(argv, { write: { type: 'boolean' }, check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    io.stdout(`${schemaUsage}\n`);
    return exitCodes.ok;
  }
  if (values.write) {
    for (const name of Object.keys(generatedSchemas)) {
      writeFileSync(schemaPath(name), schemaText(name));
      io.stdout(`wrote schemas/${name}\n`);
    }
    return exitCodes.ok;
  }
  if (values.check) {
    const stale = Object.keys(generatedSchemas).filter((name) => current(name) !== schemaText(name));
    for (const name of stale) io.stderr(`schemas/${name} is out of date; run \`npm run generate\`\n`);
    if (stale.length === 0) io.stdout('schemas/ is up to date\n');
    return stale.length > 0 ? exitCodes.invalid : exitCodes.ok;
  }
  const which = positionals[0] ?? 'script';
  const name = `${which}.schema.json`;
  if (!generatedSchemas[name]) throw new UsageError(`Unknown schema "${which}"; choose script, scenario, test or hours`);
  io.stdout(schemaText(name));
  return exitCodes.ok;
}
