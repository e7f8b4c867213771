import { quoteValue } from './rules.ts';
import { seconds, type ActionDefinition } from './types.ts';
import { mediaFileSeconds, mediaSpan, playLength, stopOnKey } from './media.ts';
import { boolean, numberOrTemplate, template, variableName } from './schema-parts.ts';

// https://help-beta.niceincontact.com/spring19/Content/Studio/Actions/PLAYLOG/PLAYLOG.htm (ContactIDorFile, StartOffset, SecondstoPlay, StoponDTMF, CurrentPosition; Default, OnComplete, OnPaused, OnDigitPressed)
// https://help.staging.nice-incontact.com/content/studio/actions/playlog/playlog.htm (ClearDigits, default True: otherwise an earlier key is detected at once)
// https://help.nice-incontact.com/content/studio/actions/playlog/playlog.htm (StartOffset past the end takes OnComplete; not after OnAnswer unless OnHold fired)
export const playlog: ActionDefinition = {
  type: 'Playlog',
  category: 'Prompts and input',
  // Supported Script Types: Phone only (https://help.nice-incontact.com/content/studio/actionscx/playlog/playlog.htm).
  scriptTypes: ['Phone'],
  scriptTypesHint: 'Only a phone caller hears a recording: leave it out of this script',
  summary: 'Plays a custom WAV file or a call recording to the caller, from a start point for a set time.',
  description:
    `Plays ContactIDorFile (a custom WAV file, or a contact id such as {CONTACTID} for that call's recording; no text-to-speech and no built-in music) from StartOffset seconds (0 by default) for SecondstoPlay seconds (0 by default: to the end). Played to the end takes OnComplete, as does a StartOffset past the end of the file; stopping after SecondstoPlay seconds takes OnPaused; with StoponDTMF a key stops it and takes OnDigitPressed, the key staying in the digit buffer. When it pauses (OnPaused, OnDigitPressed) the position reached, in seconds, goes into the variable CurrentPosition names, to resume from there with StartOffset. ClearDigits (true by default) empties the digit buffer first; without it a key pressed earlier stops the file at once. Every file lasts ${mediaFileSeconds} s in studio-sim. Playlog takes virtual time, and an event (OnAnswer, OnHold, OnRelease) cuts it short; after OnAnswer the caller hears it only while OnHold has fired.`,
  waits: true,
  properties: {
    ContactIDorFile: template('The WAV file to play, or the contact id of a recorded call ({CONTACTID} for this one).', ['message.wav', '{CONTACTID}'], {}, true),
    StartOffset: numberOrTemplate('Seconds into the file to start at; 0 (the default) plays from the beginning; past the end takes OnComplete.', { minimum: 0, maximum: 86400, default: 0 }, [0, 31, '{Position}']),
    SecondstoPlay: numberOrTemplate('Seconds to play before pausing (OnPaused); 0 (the default) plays to the end.', { minimum: 0, maximum: 86400, default: 0 }, [30, 0]),
    StoponDTMF: boolean('Pause when the caller presses a key (OnDigitPressed); the key stays in the digit buffer.', false),
    CurrentPosition: variableName('variableWrite', 'The variable that receives the position, in seconds, where the file paused.', ['Position']),
    ClearDigits: boolean('Empty the digit buffer when the action starts; otherwise a key pressed earlier stops the file at once (with StoponDTMF).', true),
  },
  branches: [
    { name: 'Default', description: 'Taken when the outcome\'s own branch is not wired.' },
    { name: 'OnComplete', description: 'The file played to its end (or StartOffset is past its end).' },
    { name: 'OnPaused', description: 'SecondstoPlay seconds played, before the end of the file.' },
    { name: 'OnDigitPressed', description: 'StoponDTMF is true and the caller pressed a key.' },
  ],
  example: 'message: { type: Playlog, properties: { ContactIDorFile: message.wav, SecondstoPlay: 30, StoponDTMF: true, CurrentPosition: Position }, branches: { OnComplete: goodbye, OnPaused: resume, OnDigitPressed: menu } }',
  run(runtime) {
    if (runtime.value('ClearDigits') !== false) runtime.caller.clearDigits();
    const file = runtime.text('ContactIDorFile');
    const offset = runtime.number('StartOffset') ?? 0;
    const span = mediaSpan(offset, 'complete');
    const positionVariable = runtime.text('CurrentPosition');
    const savePosition = (position: number): void => {
      if (!positionVariable) return;
      runtime.setVariable(positionVariable, position);
      runtime.note(`${positionVariable} = ${quoteValue(position)}`);
    };
    if (span.remaining === 0) {
      runtime.note(`StartOffset ${offset} is at or past the end of the ${mediaFileSeconds} s file: nothing plays`);
      return { branch: 'OnComplete' };
    }
    const length = playLength(span, runtime.number('SecondstoPlay') ?? 0);
    runtime.caller.play(`${file}${span.start > 0 ? ` from ${span.start} s` : ''} for ${length.seconds} s`);
    const startedAt = runtime.now();
    return {
      branch: length.toTheEnd ? 'OnComplete' : 'OnPaused',
      afterMs: seconds(length.seconds),
      onTaken: () => {
        if (length.toTheEnd) {
          runtime.note('the file played to its end');
          return;
        }
        runtime.note(`paused after SecondstoPlay ${length.seconds} s`);
        savePosition(span.start + length.seconds);
      },
      ...(runtime.value('StoponDTMF') === true
        ? {
            until: stopOnKey(runtime, 'OnDigitPressed', () => {
              const played = (runtime.now() - startedAt) / 1000;
              runtime.note(`a key paused the file after ${played} s (StoponDTMF); it stays in the digit buffer`);
              savePosition(span.start + played);
            }),
          }
        : {}),
    };
  },
};
