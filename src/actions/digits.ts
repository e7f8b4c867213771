import { seconds, type ActionRuntime, type Outcome } from './types.ts';
import { numberOrTemplate, template } from './schema-parts.ts';

/**
 * How Capture and Menu collect keys: the same properties and the same rules
 * (help pages capture.htm and menu.htm), so one function does it for both.
 */
export const digitProperties = {
  MaxDigits: numberOrTemplate('How many keys to collect at most, the terminator included when it is stored.', { minimum: 1, maximum: 64, default: 1, integer: true }, [1, 5]),
  Terminator: template('The key that ends the entry early, e.g. "#"; empty for none. Written with a trailing minus ("#-") the terminator is not stored in Variable.', ['#', '#-', '*', ''], { pattern: '^(?:[0-9*#]-?)?$', default: '' }),
  Timeout: numberOrTemplate('Seconds to wait for the first key, 0 to 60. 0 takes no key and clears the digit buffer.', { minimum: 0, maximum: 60, default: 5 }, [5, 0]),
  InterDigitTimeout: { ...numberOrTemplate('Seconds to wait for the next key after one was pressed.', { minimum: 0, maximum: 60, default: 3 }, [3]), label: 'Inter Digit Timeout' },
};

/** How an entry ended. */
export type DigitOutcome = 'Terminator' | 'MaxDigits' | 'Timeout' | 'InterDigitTimeout';

/** What an action makes of a finished entry: the branch, and what taking it does (store the entry, note why). */
export type DigitDecision = (outcome: DigitOutcome, entry: string) => { branch: string; onTaken: () => void };

/**
 * Collects keys by the Capture/Menu rules: the keys already in the digit
 * buffer first, then keys as the caller presses them. The terminator ends
 * the entry (stored unless written "#-") and counts toward MaxDigits; the
 * MaxDigits-th key ends it; no first key within Timeout, or no next key
 * within InterDigitTimeout, ends it too. Keys pressed beyond the entry stay
 * in the buffer for the next Menu or Capture.
 */
export function collectDigits(runtime: ActionRuntime, decide: DigitDecision): Outcome {
  const maxDigits = Math.max(1, Math.floor(runtime.number('MaxDigits') ?? 1));
  const written = runtime.text('Terminator').trim();
  const storesTerminator = !written.endsWith('-');
  const terminator = storesTerminator ? written : written.slice(0, -1);
  const timeout = Math.max(0, runtime.number('Timeout') ?? 5);
  const interDigit = Math.max(0, runtime.number('InterDigitTimeout') ?? 3);
  if (timeout === 0) {
    runtime.caller.clearDigits();
    runtime.note('Timeout is 0: no key is taken and the digit buffer is cleared');
    return decide('Timeout', '');
  }
  const timedOut = decide('Timeout', '');
  let entry = '';
  return {
    branch: timedOut.branch,
    afterMs: seconds(timeout),
    onTaken: () => {
      runtime.note(`no key within ${timeout} s`);
      timedOut.onTaken();
    },
    until: (settle, rearm) =>
      runtime.caller.listen((key) => {
        if (terminator !== '' && key === terminator) {
          if (storesTerminator) entry += key;
          const taken = decide('Terminator', entry);
          runtime.note(`entered ${entry || 'nothing'}, ending with the terminator ${terminator}${storesTerminator ? '' : ' (not stored: written with a trailing minus)'}`);
          settle(taken.branch, taken.onTaken);
          return;
        }
        entry += key;
        if (entry.length >= maxDigits) {
          const taken = decide('MaxDigits', entry);
          runtime.note(`entered ${entry}: ${maxDigits} key${maxDigits === 1 ? '' : 's'}, MaxDigits`);
          settle(taken.branch, taken.onTaken);
          return;
        }
        const sofar = entry;
        const taken = decide('InterDigitTimeout', sofar);
        rearm(seconds(interDigit), taken.branch, () => {
          runtime.note(`entered ${sofar}, then no key for ${interDigit} s`);
          taken.onTaken();
        });
      }),
  };
}
