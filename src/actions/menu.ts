import { quoteValue } from './rules.ts';
import type { ActionDefinition } from './types.ts';
import { collectDigits, digitProperties } from './digits.ts';
import { boolean, template, variableName } from './schema-parts.ts';

// https://help.incontact.com/content/Studio/Actions/MENU/MENU.htm (Variable; a key without a linked branch takes Default)
// https://help.staging.nice-incontact.com/content/studio/actions/menu/menu.htm (Sequence, Phrase)
export const menu: ActionDefinition = {
  type: 'Menu',
  category: 'Prompts and input',
  // Supported Script Types: Phone, on the current copy (https://help.incontact.com/content/Studio/Actions/MENU/MENU.htm); an older copy listing all eight predates it (README [chosen]).
  scriptTypes: ['Phone'],
  scriptTypesHint: 'Only a phone caller presses keys: branch on a value the contact sent with Case instead',
  summary: 'Plays a prompt and branches on the keys the caller enters.',
  description:
    'Plays Sequence, then collects the caller\'s entry as Capture does (MaxDigits, Terminator, Timeout, InterDigitTimeout) and stores it in Variable. The branch named after the entry ("1", "2", "12#", ...) follows; an entry without a linked branch, and no entry within Timeout (Variable is then empty), take Default. ClearDigits (true by default) empties the digit buffer first, so keys pressed before the Menu do not count. If Default is not connected the contact is stuck at the Menu, as the vendor warns.',
  waits: true,
  properties: {
    Sequence: template('The prompt: "file.wav" to play a recording, "%text" to speak text, {Variable} to say a value.', ['"%Press 1 for sales, 2 for support"', '"welcome.wav" "%Press 1"']),
    Phrase: template('What the prompt says, for documentation only; the script does not use it.', ['Press 1 for sales, 2 for support']),
    Variable: variableName('variableWrite', 'The variable that receives the entry.', ['MenuChoice', 'DigitsEntered']),
    ...digitProperties,
    ClearDigits: boolean('Empty the digit buffer when the Menu starts, so keys pressed earlier do not count.', true),
  },
  branches: [{ name: 'Default', description: 'The entry has no branch of its own, or no key came within Timeout.' }],
  valueBranches: { description: 'The entry that selects it: a key 0-9, * or #, or several.', pattern: '^[0-9*#]+$', examples: ['1', '2', '#'] },
  formerBranches: {
    OnTimeout: { now: 'Default', hint: 'Menu has no OnTimeout branch on the platform: no key within Timeout takes Default.' },
    OnInvalid: { now: 'Default', hint: 'Menu has no OnInvalid branch on the platform: a key without a linked branch takes Default.' },
  },
  formerDefaults: { Variable: 'DigitsEntered' },
  example: [
    'main_menu:',
    '  type: Menu',
    '  properties: { Sequence: \'"%Press 1 for sales, 2 for support"\', Variable: MenuChoice, Timeout: 5 }',
    '  branches: { "1": sales, "2": support, Default: main_menu }',
  ].join('\n'),
  check(action, context) {
    if (!action.branches['Default']) {
      context.report(['actions', action.id, 'branches'], {
        code: 'menu-unhandled-input',
        severity: 'warning',
        message: `Menu "${action.id}" has no Default branch, so silence or a key without a branch leaves the contact stuck at the Menu`,
        hint: 'Wire Default, for example back to the menu through a Loop.',
      }, 'key');
    }
  },
  run(runtime) {
    runtime.caller.play(runtime.text('Sequence'));
    if (runtime.value('ClearDigits') !== false) runtime.caller.clearDigits();
    const variable = runtime.text('Variable');
    return collectDigits(runtime, (outcome, entry) => {
      const linked = outcome !== 'Timeout' && runtime.hasBranch(entry);
      return {
        branch: linked ? entry : 'Default',
        onTaken: () => {
          if (outcome !== 'Timeout' && !linked) runtime.note(`${entry === '' ? 'an empty entry' : `the entry ${entry}`} has no linked branch`);
          if (variable) {
            runtime.setVariable(variable, entry);
            runtime.note(`${variable} = ${quoteValue(entry)}`);
          }
        },
      };
    });
  },
};
