import { quoteValue } from './rules.ts';
import { toText } from '../expression/values.ts';
import type { ActionDefinition } from './types.ts';
import { variableName } from './schema-parts.ts';
import { anyScriptType } from './script-types.ts';

export const caseAction: ActionDefinition = {
  type: 'Case',
  category: 'Data',
  // Supported Script Types: all eight (https://help.nicecxone.com/zh-hk/content/studio/actionscx/case/case.htm).
  scriptTypes: anyScriptType,
  summary: 'Branches on the value of a variable.',
  description: 'Compares Variable with the name of each value branch (exact text) and follows the one that matches, else Default.',
  properties: {
    Variable: variableName('variableRead', 'The variable whose value picks the branch (a name, without braces).', ['Language', 'DigitsEntered'], undefined, true),
  },
  branches: [{ name: 'Default', description: 'No value branch matches.' }],
  valueBranches: { description: 'A value of Variable.', examples: ['en', 'fr', 'gold'] },
  example: 'by_language: { type: Case, properties: { Variable: Language }, branches: { en: english, fr: french, Default: english } }',
  run(runtime) {
    const name = runtime.text('Variable');
    const value = toText(runtime.getVariable(name));
    const matched = value !== '' && runtime.hasBranch(value);
    runtime.note(`${name} is ${quoteValue(value)}${matched ? '' : ', which has no branch of its own'}`);
    return { branch: matched ? value : 'Default' };
  },
};
