import type { JsonSchema, PropertySpec } from './types.ts';

/** Letters, digits, `_` and `$`, not starting with a digit. */
export const variableNamePattern = '^[A-Za-z_$][A-Za-z0-9_$]*$';

/** Text with `{Variable}` substitutions. */
export function template(description: string, examples: string[], extra: Partial<JsonSchema> = {}, required = false): PropertySpec {
  return { kind: 'template', required, schema: { type: 'string', description, examples, ...extra } };
}

/** A number, or a `{Variable}` substitution that yields one at run time. */
export function numberOrTemplate(description: string, range: { minimum: number; maximum: number; default?: number; integer?: boolean }, examples: Array<number | string>): PropertySpec {
  const { minimum, maximum, integer } = range;
  const schema: JsonSchema = {
    type: [integer ? 'integer' : 'number', 'string'],
    description,
    minimum,
    maximum,
    pattern: '^\\s*\\{[^{}]+\\}\\s*$',
    examples,
  };
  if (range.default !== undefined) schema.default = range.default;
  return { kind: 'template', schema };
}

export function variableName(kind: 'variableRead' | 'variableWrite', description: string, examples: string[], defaultName?: string, required = false): PropertySpec {
  const schema: JsonSchema = { type: 'string', description, pattern: variableNamePattern, examples };
  if (defaultName !== undefined) schema.default = defaultName;
  return { kind, required, schema };
}

export function boolean(description: string, defaultValue: boolean): PropertySpec {
  return { kind: 'value', schema: { type: 'boolean', description, default: defaultValue, examples: [true, false] } };
}

/**
 * The SecurityUser property of the agent API actions: the name (without
 * braces) of the variable SetSecurityUser filled, SecurityUser by default.
 */
export function securityUserProperty(): PropertySpec {
  return {
    ...variableName('variableRead', 'The variable SetSecurityUser filled (its Script Variable), a name without braces.', ['SecurityUser', 'MonitorUser'], 'SecurityUser'),
    label: 'Security User',
  };
}
