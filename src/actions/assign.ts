import { quoteValue } from './rules.ts';
import type { ActionDefinition } from './types.ts';
import { template, variableName } from './schema-parts.ts';

export const assign: ActionDefinition = {
  type: 'Assign',
  category: 'Data',
  summary: 'Sets a variable.',
  description:
    'Sets Variable to Value. Value is text in which each {...} is an expression: `{Count + 1}`, `{FIRST} {LAST}`. A Value that is a single {...} keeps the expression\'s result as it is (a number stays a number).',
  properties: {
    Variable: variableName('variableWrite', 'The variable to set.', ['Attempts', 'Greeting'], undefined, true),
    Value: template('The new value: text with {expression} substitutions.', ['{Attempts + 1}', 'Hello {FIRST}', 'yes'], {}, true),
  },
  branches: [{ name: 'Default', description: 'The next action.' }],
  example: 'count: { type: Assign, properties: { Variable: Attempts, Value: "{Attempts + 1}" }, next: check }',
  run(runtime) {
    const name = runtime.text('Variable');
    const value = runtime.value('Value') ?? '';
    runtime.setVariable(name, value);
    runtime.note(`${name} = ${quoteValue(value)}`);
    return { branch: 'Default' };
  },
};
