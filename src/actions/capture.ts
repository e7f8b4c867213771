import { seconds, type ActionDefinition } from './types.ts';
import { numberOrTemplate, template, variableName } from './schema-parts.ts';

export const capture: ActionDefinition = {
  type: 'Capture',
  category: 'Prompts and input',
  summary: 'Collects several digits into a variable.',
  description:
    'Plays Sequence (if any) and collects digits into Variable until MaxDigits digits were entered (MaxDigits), the Terminator key was pressed (Terminator, the key itself is not stored), no first digit came within Timeout seconds (Timeout) or the caller paused longer than InterDigitTimeout between digits (InterDigitTimeout). Unwired outcomes fall back to Default.',
  waits: true,
  properties: {
    Sequence: template('An optional prompt played before collecting, as in Menu.', ['"%Enter your account number, then hash"']),
    Variable: variableName('variableWrite', 'The variable that receives the digits.', ['AccountNumber'], 'DigitsEntered'),
    MaxDigits: numberOrTemplate('How many digits to collect at most.', { minimum: 1, maximum: 64, default: 1, integer: true }, [4, 10]),
    Terminator: template('The key that ends input early, or "" for none.', ['#', '*', ''], { pattern: '^[0-9*#]?$', default: '#' }),
    Timeout: numberOrTemplate('Seconds to wait for the first digit.', { minimum: 1, maximum: 300, default: 5 }, [5]),
    InterDigitTimeout: numberOrTemplate('Seconds to wait between digits.', { minimum: 1, maximum: 60, default: 3 }, [3]),
  },
  branches: [
    { name: 'Default', description: 'Taken when the outcome\'s own branch is not wired.' },
    { name: 'Terminator', description: 'The caller pressed the Terminator key.' },
    { name: 'MaxDigits', description: 'MaxDigits digits were entered.' },
    { name: 'Timeout', description: 'No digit came within Timeout seconds.' },
    { name: 'InterDigitTimeout', description: 'The caller stopped between digits for longer than InterDigitTimeout.' },
  ],
  example: [
    'account:',
    '  type: Capture',
    '  properties: { Variable: AccountNumber, MaxDigits: 6, Terminator: "#" }',
    '  branches: { Default: lookup, Timeout: goodbye }',
  ].join('\n'),
  run(runtime) {
    runtime.caller.play(runtime.text('Sequence'));
    const variable = runtime.text('Variable') || 'DigitsEntered';
    const maxDigits = Math.max(1, Math.floor(runtime.number('MaxDigits') ?? 1));
    const terminator = runtime.text('Terminator');
    const timeout = runtime.number('Timeout') ?? 5;
    const interDigit = runtime.number('InterDigitTimeout') ?? 3;
    const input = runtime.caller.nextInput();
    const store = (digits: string) => () => {
      runtime.setVariable(variable, digits);
      if (variable.toLowerCase() !== 'digitsentered') runtime.setVariable('DigitsEntered', digits);
    };
    if (input.kind === 'live') {
      // Keys arrive one at a time: each restarts the inter-digit timeout until the entry is complete.
      let digits = '';
      return {
        branch: 'Timeout',
        afterMs: seconds(timeout),
        onTaken: () => runtime.note(`no digit within ${timeout} s`),
        until: (settle, rearm) =>
          input.onKey((key) => {
            if (terminator && key === terminator) {
              runtime.note(`entered ${digits || 'nothing'} then the terminator ${terminator}`);
              return settle('Terminator', store(digits));
            }
            digits += key;
            if (digits.length >= maxDigits) {
              runtime.note(`entered ${maxDigits} digit${maxDigits === 1 ? '' : 's'}: ${digits}`);
              return settle('MaxDigits', store(digits));
            }
            const entered = digits;
            rearm(seconds(interDigit), 'InterDigitTimeout', () => {
              runtime.note(`entered ${entered}, then nothing for ${interDigit} s`);
              store(entered)();
            });
          }),
      };
    }
    if (input.kind === 'silence' || input.afterMs >= seconds(timeout)) {
      runtime.note(`no digit within ${timeout} s`);
      return { branch: 'Timeout', afterMs: seconds(timeout) };
    }
    // Digits are entered one after another; the first of these that happens decides.
    const at = terminator ? input.digits.indexOf(terminator) : -1;
    if (at >= 0 && at < maxDigits) {
      const digits = input.digits.slice(0, at);
      runtime.note(`entered ${digits || 'nothing'} then the terminator ${terminator}`);
      return { branch: 'Terminator', afterMs: input.afterMs, onTaken: store(digits) };
    }
    if (input.digits.length >= maxDigits) {
      const digits = input.digits.slice(0, maxDigits);
      runtime.note(`entered ${maxDigits} digit${maxDigits === 1 ? '' : 's'}: ${digits}`);
      return { branch: 'MaxDigits', afterMs: input.afterMs, onTaken: store(digits) };
    }
    runtime.note(`entered ${input.digits}, then nothing for ${interDigit} s`);
    return { branch: 'InterDigitTimeout', afterMs: input.afterMs + seconds(interDigit), onTaken: store(input.digits) };
  },
};
