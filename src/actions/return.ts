import type { ActionDefinition } from './types.ts';
import { anyScriptType } from './script-types.ts';

// https://help.nicecxone.com/Content/studio/actionscx/return/return.htm
// https://help.nicecxone.com/zh-cn/content/studio/actions/return/return.htm (no branches; ReturnValue may be an array or a dynamic object)
export const returnAction: ActionDefinition = {
  type: 'Return',
  category: 'Flow',
  // Supported Script Types: all eight (https://help.nicecxone.com/Content/studio/actionscx/return/return.htm).
  scriptTypes: anyScriptType,
  summary: 'Ends a subscript and passes one value back to Runsub.',
  description:
    'Ends the subscript a Runsub called: the value of the variable ReturnValue names goes into that Runsub\'s Return Variable, the subscript\'s own variables vanish (those set as `global:name` stay) and the calling script goes on after its Runsub. The value may be text, an array (several values) or a dynamic data object (kept whole; `asJSON()` turns one into text). A Return in a script no Runsub called ends the script. Return has no branches.',
  terminal: true,
  properties: {
    ReturnValue: { kind: 'variableRead', schema: { type: 'string', pattern: '^[A-Za-z_$][A-Za-z0-9_$]*$', description: 'The variable whose value goes back to the calling script (a name, without braces).', examples: ['AuthResult', 'Customer'] } },
  },
  branches: [],
  example: 'done: { type: Return, properties: { ReturnValue: AuthResult } }',
  run(runtime) {
    const name = runtime.text('ReturnValue').trim();
    const value = name === '' ? '' : (runtime.getVariable(name) ?? '');
    return { branch: 'Default', returns: { value } };
  },
};
