import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Options, ValidateFunction } from 'ajv';
import type { JsonSchema } from '../actions/index.ts';

/** The schemas under schemas/, each with a validator. */
export const schemaNames = ['script.schema.json', 'scenario.schema.json', 'test.schema.json', 'hours.schema.json'] as const;

export const ajvOptions: Options = { allErrors: true, verbose: true, strict: true, allowUnionTypes: true };

/** schemas/ sits two folders above this module both in src/ and in dist/. */
export function schemaPath(name: string): string {
  return fileURLToPath(new URL(`../../schemas/${name}`, import.meta.url));
}

export function readSchema(name: string): JsonSchema {
  return JSON.parse(readFileSync(schemaPath(name), 'utf8')) as JsonSchema;
}

const compiled = new Map<string, ValidateFunction>();
const require = createRequire(import.meta.url);

/**
 * The validator of a schema file under schemas/: the standalone code the
 * build generated when there is some (dist/), else compiled now (src/ in tests).
 */
export function schemaValidator(name: string): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    const generated = fileURLToPath(new URL(`./generated/${name.replace(/\.json$/, '.cjs')}`, import.meta.url));
    if (existsSync(generated)) {
      validate = require(generated) as ValidateFunction;
    } else {
      // Loaded only when needed: ajv itself is a good part of a CLI call's start-up.
      const { Ajv } = require('ajv') as typeof import('ajv');
      validate = new Ajv(ajvOptions).compile(readSchema(name));
    }
    compiled.set(name, validate);
  }
  return validate;
}
