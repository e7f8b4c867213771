import { seconds, type ActionDefinition } from './types.ts';
import { interruptMessagesPattern, mediaFileSeconds, mediaSpan, parseInterruptMessages, playLength, stopOnKey } from './media.ts';
import { boolean, numberOrTemplate, template } from './schema-parts.ts';

// https://help.staging.nice-incontact.com/content/studio/actions/music/music.htm (MusicFile, StartOffset, SecondstoPlay, InterruptMessages; OnComplete, Default; not after OnAnswer unless OnHold fired)
// https://help-beta.niceincontact.com/spring19/Content/Studio/Actions/MUSIC/MUSIC.htm (SecondstoPlay 0 plays the whole file and takes OnComplete, Default when OnComplete is not connected)
// https://help.nicecxone.com/content/Studio/actionscx/wait/wait.htm (the Music/Wait hold loop)
export const music: ActionDefinition = {
  type: 'Music',
  category: 'Prompts and input',
  // Supported Script Types: Phone only (https://help.staging.nice-incontact.com/content/studio/actions/music/music.htm).
  scriptTypes: ['Phone'],
  scriptTypesHint: 'Only a phone caller hears music: leave it out of this script',
  summary: 'Plays one of the platform\'s built-in music files, usually hold music in the queue.',
  description:
    `Plays MusicFile (a built-in music file; custom files need Playlog) from StartOffset seconds (0 by default; past the end of the file it starts from the beginning) for SecondstoPlay seconds (0 by default: the whole file). Playing the file to its end, or a SecondstoPlay longer than what is left of it, takes OnComplete (Default when OnComplete is not wired); stopping after SecondstoPlay seconds, shorter than the file, takes Default. Music takes virtual time, so the usual hold loop (Reqagent, then Music wired back to itself, or Music and Wait) runs until an event cuts it short: OnAnswer, OnHold or OnRelease. Every file lasts ${mediaFileSeconds} s in studio-sim (the vendor publishes no lengths). InterruptMessages ("Message1.wav;45 Message2.wav;60") plays each message when the music has played that many seconds. With DetectDTMF a key stops the music (Default) and stays in the digit buffer for the next Menu or Capture; ClearDigits (true by default) empties the buffer first. After OnAnswer the caller hears it only while OnHold has fired.`,
  waits: true,
  properties: {
    MusicFile: template('The built-in music file to play, e.g. "Carefree Days.wav".', ['Carefree Days.wav', '{HoldMusic}'], {}, true),
    StartOffset: numberOrTemplate('Seconds into the file to start at; 0 (the default) plays from the beginning, a value past the end of the file too. 31 resumes after 30 s of play.', { minimum: 0, maximum: 86400, default: 0 }, [0, 31]),
    SecondstoPlay: numberOrTemplate('Seconds to play; 0 (the default) plays the whole file.', { minimum: 0, maximum: 86400, default: 0 }, [30, 0]),
    InterruptMessages: template('Messages that cut into the music: pairs of file name and the second of music at which it plays, separated by spaces.', ['Message1.wav;45 Message2.wav;60'], { pattern: interruptMessagesPattern }),
    RepeatIndex: template('Saved by the platform with every Music action; no vendor page describes it, and studio-sim gives it no effect.', ['']),
    DetectDTMF: boolean('Stop the music when the caller presses a key (Default); the key stays in the digit buffer.', false),
    ClearDigits: boolean('Empty the digit buffer when the music starts.', true),
  },
  branches: [
    { name: 'Default', description: 'The music stopped after SecondstoPlay seconds, before the end of the file (or a key stopped it, with DetectDTMF); also taken when OnComplete is not wired.' },
    { name: 'OnComplete', description: 'The file played to its end (SecondstoPlay 0, or longer than what was left of the file).' },
  ],
  example: 'hold_music: { type: Music, properties: { MusicFile: Carefree Days.wav, SecondstoPlay: 30 }, branches: { Default: hold_music, OnComplete: hold_music } }',
  run(runtime) {
    if (runtime.value('ClearDigits') !== false) runtime.caller.clearDigits();
    const file = runtime.text('MusicFile');
    const span = mediaSpan(runtime.number('StartOffset') ?? 0, 'restart');
    const offset = runtime.number('StartOffset') ?? 0;
    const length = playLength(span, runtime.number('SecondstoPlay') ?? 0);
    const messages = parseInterruptMessages(runtime.text('InterruptMessages'), (pair) => runtime.note(`InterruptMessages: "${pair}" is not file;seconds, so it is left out`));
    const from = offset > mediaFileSeconds ? ` from the beginning (StartOffset ${offset} is past the end of the ${mediaFileSeconds} s file)` : span.start > 0 ? ` from ${span.start} s` : '';
    runtime.caller.play(`music ${file}${from} for ${length.seconds} s${length.toTheEnd ? ', to the end of the file' : ''}`);
    const branch = length.toTheEnd ? 'OnComplete' : 'Default';
    const startedAt = runtime.now();
    const noteMessages = (playedSeconds: number): void => {
      for (const message of messages) {
        if (message.atSeconds <= playedSeconds) runtime.note(`interrupts the music at ${message.atSeconds} s with ${message.file}`);
      }
    };
    return {
      branch,
      afterMs: seconds(length.seconds),
      onTaken: () => {
        noteMessages(length.seconds);
        runtime.note(length.toTheEnd ? 'the file played to its end' : `stopped after SecondstoPlay ${length.seconds} s`);
      },
      ...(runtime.value('DetectDTMF') === true
        ? {
            until: stopOnKey(runtime, 'Default', () => {
              const played = (runtime.now() - startedAt) / 1000;
              noteMessages(played);
              runtime.note(`a key stopped the music after ${played} s (DetectDTMF); it stays in the digit buffer`);
            }),
          }
        : {}),
    };
  },
};
