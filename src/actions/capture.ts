import { quoteValue } from './rules.ts';
import type { ActionDefinition } from './types.ts';
import { collectDigits, digitProperties } from './digits.ts';
import { variableName } from './schema-parts.ts';

// https://help.nicecxone.com/Content/studio/actionscx/capture/capture.htm
// https://help.nicecxone.com/zh-cn/content/Studio/actionscx/capture/capture.htm (branches; the digit buffer)
// https://help.nice-incontact.com/content/studio/actions/capture/capture.htm (Desktop names; Timeout 0 to 60)
export const capture: ActionDefinition = {
  type: 'Capture',
  category: 'Prompts and input',
  // Supported Script Types: Phone (https://help.nice-incontact.com/content/studio/actionscx/capture/capture.htm and the Desktop page).
  scriptTypes: ['Phone'],
  scriptTypesHint: 'Only a phone caller presses keys: read what the contact sent from a variable instead',
  summary: 'Collects DTMF keys into a variable.',
  description:
    'Collects keys into Variable. Keys pressed before Capture runs (during a prompt) wait in the digit buffer and count first. The entry ends with the Terminator key (stored in Variable unless written with a trailing minus, "#-", and counted toward MaxDigits), with the MaxDigits-th key, when no key comes within Timeout seconds, or when the caller pauses longer than InterDigitTimeout. Each ending has its branch; an unwired one falls back to Default. Timeout 0 takes no key and clears the digit buffer. Capture plays no prompt: put a Play before it.',
  waits: true,
  properties: {
    Variable: variableName('variableWrite', 'The variable that receives the keys entered.', ['AccountNumber', 'DigitsEntered']),
    ...digitProperties,
  },
  branches: [
    { name: 'Default', description: 'Taken when the ending\'s own branch is not wired.' },
    { name: 'Terminator', description: 'The caller pressed the Terminator key.' },
    { name: 'MaxDigits', description: 'MaxDigits keys were entered.' },
    { name: 'Timeout', description: 'No key came within Timeout seconds.' },
    { name: 'InterDigitTimeout', description: 'The caller paused between keys for longer than InterDigitTimeout.' },
  ],
  formerProperties: {
    Sequence: { hint: 'Capture plays no prompt on the platform: move the prompt into a Play action before the Capture.' },
  },
  formerBranches: {
    OnTerminator: { now: 'Terminator', hint: 'Older Studio pages named the branch OnTerminator; the current name is Terminator.' },
    OnMaxDigits: { now: 'MaxDigits', hint: 'Older Studio pages named the branch OnMaxDigits; the current name is MaxDigits.' },
    OnTimeout: { now: 'Timeout', hint: 'Older Studio pages named the branch OnTimeout; the current name is Timeout.' },
    OnInterDigitTimeout: { now: 'InterDigitTimeout', hint: 'Older Studio pages named the branch OnInterDigitTimeout; the current name is InterDigitTimeout.' },
  },
  formerDefaults: { Variable: 'DigitsEntered' },
  example: [
    'account:',
    '  type: Capture',
    '  properties: { Variable: AccountNumber, MaxDigits: 7, Terminator: "#-" }',
    '  branches: { Default: lookup, Timeout: goodbye }',
  ].join('\n'),
  run(runtime) {
    const variable = runtime.text('Variable');
    return collectDigits(runtime, (outcome, entry) => ({
      branch: outcome,
      onTaken: () => {
        if (!variable) return;
        runtime.setVariable(variable, entry);
        runtime.note(`${variable} = ${quoteValue(entry)}`);
      },
    }));
  },
};
