/**
 * Build step: turns the JSON Schemas into standalone validator modules
 * (ajv's code generation), so a CLI call loads ready code instead of
 * compiling the schema on every start (about 100 ms of each `validate`).
 * Run by `npm run build`; writes dist/validate/generated/*.cjs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { ajvOptions, readSchema, schemaNames } from './schema-file.ts';

const require = createRequire(import.meta.url);
// ajv ships its code generator as CommonJS without ESM types for this entry.
const standaloneCode = (require('ajv/dist/standalone') as { default: (ajv: Ajv, validate: unknown) => string }).default;

export function writeStandaloneValidators(folder: string): string[] {
  mkdirSync(folder, { recursive: true });
  const written: string[] = [];
  for (const name of schemaNames) {
    const ajv = new Ajv({ ...ajvOptions, code: { source: true } });
    const code = standaloneCode(ajv, ajv.compile(readSchema(name)));
    const file = `${folder}/${name.replace(/\.json$/, '.cjs')}`;
    writeFileSync(file, code);
    written.push(file);
  }
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeStandaloneValidators(fileURLToPath(new URL('./generated', import.meta.url)));
}
