import { isTruthy } from '../expression/values.ts';
import type { ActionDefinition } from './types.ts';
import { anyScriptType } from './script-types.ts';

export const ifAction: ActionDefinition = {
  type: 'If',
  category: 'Data',
  // Supported Script Types: the seven ACD types on the Studio page, Digital added on the Desktop page (https://help.nicecxone.com/Content/studio/actionscx/if/if.htm); either page listing a type is enough (README [chosen]).
  scriptTypes: anyScriptType,
  summary: 'Branches on a condition.',
  description:
    'Evaluates Expression (without braces) in the Studio language, as a Snippet IF does: comparisons = != < <= > >= (and => as in the vendor\'s `TOTAL=>0`), & (and), | (or), + - * / % \\ ^, "strings", numbers and variables. Values that both read as numbers compare as numbers, others as text; a variable whose name ends in $ always compares as text. True or False follows.',
  properties: {
    Expression: { kind: 'expression', required: true, schema: { type: 'string', minLength: 1, description: 'The condition, e.g. `Attempts >= 3 | VipCaller = "yes"`.', examples: ['TOTAL > 0', 'Attempts >= 3', 'VipCaller = "yes"'] } },
  },
  branches: [
    { name: 'True', description: 'The condition holds.' },
    { name: 'False', description: 'The condition does not hold.' },
  ],
  formerBranches: {
    Default: { hint: 'The vendor\'s If has only True and False (https://help.nicecxone.com/Content/studio/actionscx/if/if.htm): wire the outcome you meant to True or False.' },
  },
  example: 'too_many: { type: If, properties: { Expression: "Attempts >= 3" }, branches: { "True": goodbye, "False": main_menu } }',
  run(runtime) {
    const value = runtime.evaluate('Expression');
    const holds = isTruthy(value);
    runtime.note(`${runtime.text('Expression')} is ${holds ? 'true' : 'false'}`);
    return { branch: holds ? 'True' : 'False' };
  },
};
