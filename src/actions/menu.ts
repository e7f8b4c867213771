import { chosenRules } from './rules.ts';
import { seconds, type ActionDefinition } from './types.ts';
import { numberOrTemplate, template } from './schema-parts.ts';

export const menu: ActionDefinition = {
  type: 'Menu',
  category: 'Prompts and input',
  summary: 'Plays a prompt and branches on the key the caller presses.',
  description:
    'Plays Sequence and waits up to Timeout seconds for one key. The key is stored in DigitsEntered and selects the branch named after it ("1", "2", "*", ...). No key in time takes OnTimeout; a key with no branch of its own takes OnInvalid. Either falls back to Default when it is not wired.',
  waits: true,
  properties: {
    Sequence: template('The prompt: "file.wav" to play a recording, "%text" to speak text, {Variable} to say a value.', ['"%Press 1 for sales, 2 for support"', '"welcome.wav" "%Press 1"']),
    Timeout: numberOrTemplate('Seconds to wait for a key before taking OnTimeout.', { minimum: 1, maximum: 300, default: 5 }, [5, 10]),
  },
  branches: [
    { name: 'OnTimeout', description: 'No key was pressed within Timeout seconds.' },
    { name: 'OnInvalid', description: 'A key with no branch of its own was pressed.' },
    { name: 'Default', description: 'Taken when OnTimeout or OnInvalid applies but is not wired.' },
  ],
  valueBranches: { description: 'The key the caller pressed: 0-9, * or #.', pattern: '^[0-9*#]$', examples: ['1', '2', '#'] },
  outputs: ['DigitsEntered'],
  example: [
    'main_menu:',
    '  type: Menu',
    '  properties: { Sequence: \'"%Press 1 for sales, 2 for support"\', Timeout: 5 }',
    '  branches: { "1": sales, "2": support, OnTimeout: main_menu, OnInvalid: main_menu }',
  ].join('\n'),
  check(action, context) {
    const missing = ['OnTimeout', 'OnInvalid'].filter((name) => !action.branches[name]);
    if (missing.length > 0 && !action.branches['Default']) {
      context.report(['actions', action.id, 'branches'], {
        code: 'menu-unhandled-input',
        severity: 'warning',
        message: `Menu "${action.id}" has no ${missing.join(' or ')} branch and no Default, so ${missing.length === 2 ? 'silence or a wrong key ends' : missing[0] === 'OnTimeout' ? 'silence ends' : 'a wrong key ends'} the contact`,
        hint: `Wire ${missing.join(' and ')} (for example back to the menu), or a Default branch.`,
      }, 'key');
    }
  },
  run(runtime) {
    runtime.caller.play(runtime.text('Sequence'));
    const timeout = runtime.number('Timeout') ?? 5;
    const input = runtime.caller.nextInput();
    /** The branch a key takes, with the note that says why. */
    const pressed = (key: string): { branch: string; onTaken: () => void } => {
      const onTaken = () => runtime.setVariable('DigitsEntered', key);
      if (!runtime.hasBranch(key)) {
        runtime.note(`pressed ${key}, which has no branch of its own (${chosenRules.menuNames})`);
        return { branch: 'OnInvalid', onTaken };
      }
      runtime.note(`pressed ${key}`);
      return { branch: key, onTaken };
    };
    if (input.kind === 'live') {
      // The caller is at a keypad: the first key settles the menu, or the timeout does.
      return {
        branch: 'OnTimeout',
        afterMs: seconds(timeout),
        onTaken: () => runtime.note(`no key within ${timeout} s (${chosenRules.menuNames})`),
        until: (settle) =>
          input.onKey((key) => {
            const taken = pressed(key);
            settle(taken.branch, taken.onTaken);
          }),
      };
    }
    if (input.kind === 'silence' || input.afterMs >= seconds(timeout)) {
      runtime.note(`${input.kind === 'silence' ? `no key within ${timeout} s` : `the key comes after ${input.afterMs / 1000} s, later than the ${timeout} s timeout`} (${chosenRules.menuNames})`);
      return { branch: 'OnTimeout', afterMs: seconds(timeout) };
    }
    return { ...pressed(input.digits.charAt(0)), afterMs: input.afterMs };
  },
};
