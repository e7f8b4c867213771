import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import type { JsonSchema } from '../actions/index.ts';

/** schemas/ sits two folders above this module both in src/ and in dist/. */
export function schemaPath(name: string): string {
  return fileURLToPath(new URL(`../../schemas/${name}`, import.meta.url));
}

export function readSchema(name: string): JsonSchema {
  return JSON.parse(readFileSync(schemaPath(name), 'utf8')) as JsonSchema;
}

const compiled = new Map<string, ValidateFunction>();

/** The ajv validator of a schema file under schemas/, compiled once per process. */
export function schemaValidator(name: string): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
    validate = ajv.compile(readSchema(name));
    compiled.set(name, validate);
  }
  return validate;
}
