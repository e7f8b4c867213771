import { quoteValue } from './rules.ts';
import type { ActionDefinition, CheckContext, ScriptAction } from './types.ts';
import { variableNamePattern } from './schema-parts.ts';
import { anyScriptType } from './script-types.ts';

/** The most parameters a script is started with (p1 to p9). */
export const maxParameters = 9;

/** Begin's Parameters: one name per line (commas are read as line breaks too). */
export function parameterNames(written: unknown): string[] {
  if (typeof written !== 'string') return [];
  return written.split(/[\n,]/).map((name) => name.trim()).filter((name) => name !== '');
}

const parameterName = new RegExp(variableNamePattern);

/**
 * The names a Parameters property gives (Begin's, OnSignal's): at most
 * `max`, each a variable name. `verb` and `limit` word the count problem:
 * `Begin "start" renames 10 parameters; a script has at most 9 (p1 to p9)`.
 */
export function checkParameterNames(type: string, action: ScriptAction, context: CheckContext, max: number, verb: string, limit: string): void {
  const names = parameterNames(action.properties['Parameters']);
  const at = ['actions', action.id, 'properties', 'Parameters'];
  if (names.length > max) {
    context.report(at, { code: 'invalid-value', severity: 'error', message: `${type} "${action.id}" ${verb} ${names.length} parameters; ${limit}`, hint: `Keep the first ${max} names, one per line.` }, 'value');
  }
  for (const name of names) {
    if (!parameterName.test(name)) {
      context.report(at, { code: 'invalid-variable-name', severity: 'error', message: `${type} "${action.id}" Parameters has "${name}", which is not a variable name`, hint: 'Variable names use letters, digits, `_` and `$`, and do not start with a digit; write one per line.' }, 'value');
    }
  }
}

// https://help.nice-incontact.com/content/studio/actionscx/begin/begin.htm
export const begin: ActionDefinition = {
  type: 'Begin',
  category: 'Flow',
  // Supported Script Types: all eight (https://help.nice-incontact.com/content/studio/actionscx/begin/begin.htm).
  scriptTypes: anyScriptType,
  summary: 'Where every contact starts.',
  description:
    'Every script has exactly one Begin, where the contact starts. The values the script is started with (the scenario\'s `parameters`, as a calling script or application would pass them) arrive in p1 to p9; Parameters renames them, one name per line, in order. Without a name a value keeps its pX name; values not passed are not set. The trace lists them at Begin.',
  properties: {
    Parameters: {
      kind: 'value',
      schema: {
        type: 'string',
        description: 'Up to 9 names, one per line, that p1, p2, ... are renamed to.',
        examples: ['AccountId\nLanguage', 'CallbackNumber'],
      },
    },
    Application: { kind: 'value', schema: { type: 'string', description: 'Not used (the vendor keeps it for older scripts).', examples: [''] } },
  },
  branches: [{ name: 'Default', description: 'The first action of the script.' }],
  example: 'begin: { type: Begin, properties: { Parameters: "AccountId\\nLanguage" }, next: welcome }',
  definesVariables(action) {
    const names = parameterNames(action.properties['Parameters']);
    return Array.from({ length: maxParameters }, (_, index) => names[index] ?? `p${index + 1}`);
  },
  run(runtime) {
    const names = parameterNames(runtime.value('Parameters'));
    const passed: string[] = [];
    runtime.parameters.forEach((value, index) => {
      const name = names[index] ?? `p${index + 1}`;
      runtime.setVariable(name, value);
      passed.push(`${name} = ${quoteValue(value)}`);
    });
    if (passed.length > 0) runtime.note(`started with ${passed.join(', ')}`);
    return { branch: 'Default' };
  },
  check(action, context) {
    checkParameterNames('Begin', action, context, maxParameters, 'renames', `a script has at most ${maxParameters} (p1 to p9)`);
  },

};
