import { readFileSync, writeFileSync } from 'node:fs';
import { buildScriptSchema, schemaPath } from '../../validate/index.ts';
import { parseCommandArgs } from '../args.ts';
import { exitCodes, type CliIo } from '../io.ts';

export const schemaUsage = `Usage: studio-sim schema [--write | --check]

Prints the script JSON Schema built from the action definitions.
  --write   write it to schemas/script.schema.json
  --check   exit 1 if schemas/script.schema.json is out of date`;

export function scriptSchemaText(): string {
  return `${JSON.stringify(buildScriptSchema(), null, 2)}\n`;
}

export function schemaCommand(argv: string[], io: CliIo): number {
  const { values } = parseCommandArgs(argv, { write: { type: 'boolean' }, check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    io.stdout(`${schemaUsage}\n`);
    return exitCodes.ok;
  }
  const text = scriptSchemaText();
  const path = schemaPath('script.schema.json');
  if (values.write) {
    writeFileSync(path, text);
    io.stdout(`wrote ${path}\n`);
  } else if (values.check) {
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      current = '';
    }
    if (current !== text) {
      io.stderr(`schemas/script.schema.json is out of date with src/actions; run \`npm run schema\`\n`);
      return exitCodes.invalid;
    }
    io.stdout('schemas/script.schema.json is up to date\n');
  } else {
    io.stdout(text);
  }
  return exitCodes.ok;
}
