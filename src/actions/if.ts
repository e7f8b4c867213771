import { isTruthy } from '../expression/values.ts';
import type { ActionDefinition } from './types.ts';

export const ifAction: ActionDefinition = {
  type: 'If',
  category: 'Data',
  summary: 'Branches on a condition.',
  description:
    'Evaluates Expression (without braces): comparisons = != < <= > >=, and/or/not, + - * / %, "strings", numbers and variables. Values that both look like numbers compare as numbers, others as text. True or False follows; an unwired one falls back to Default.',
  properties: {
    Expression: { kind: 'expression', required: true, schema: { type: 'string', minLength: 1, description: 'The condition, e.g. `Attempts >= 3 or VipCaller = "yes"`.', examples: ['Attempts >= 3', 'VipCaller = "yes"'] } },
  },
  branches: [
    { name: 'True', description: 'The condition holds.' },
    { name: 'False', description: 'The condition does not hold.' },
    { name: 'Default', description: 'Taken when the outcome\'s branch is not wired.' },
  ],
  example: 'too_many: { type: If, properties: { Expression: "Attempts >= 3" }, branches: { "True": goodbye, "False": main_menu } }',
  run(runtime) {
    const value = runtime.evaluate('Expression');
    const holds = isTruthy(value);
    runtime.note(`${runtime.text('Expression')} is ${holds ? 'true' : 'false'}`);
    return { branch: holds ? 'True' : 'False' };
  },
};
