import type { ActionRuntime, Outcome } from './types.ts';

/**
 * How long a music file or a recording lasts. The vendor publishes neither
 * the lengths of its built-in music files (music.htm lists only how to pick
 * one) nor a way to read a custom file's length, so studio-sim gives every
 * file the same length (README: "Running a contact", [chosen]).
 */
export const mediaFileSeconds = 60;

/** Where a file starts playing, and how much of it is left from there. */
export interface MediaSpan {
  /** Seconds into the file where play starts. */
  start: number;
  /** Seconds of the file left from `start` to its end. */
  remaining: number;
}

/**
 * Music (music.htm) and Playlog (playlog.htm) both take StartOffset, the
 * seconds into the file to start at (0 by default). They differ past the end:
 * Music then plays "from the beginning", Playlog "takes the OnComplete
 * branch", which `pastEnd` says.
 */
export function mediaSpan(startOffset: number, pastEnd: 'restart' | 'complete'): MediaSpan {
  const offset = Number.isFinite(startOffset) && startOffset > 0 ? startOffset : 0;
  if (offset > mediaFileSeconds) return pastEnd === 'restart' ? { start: 0, remaining: mediaFileSeconds } : { start: mediaFileSeconds, remaining: 0 };
  return { start: offset, remaining: mediaFileSeconds - offset };
}

/**
 * How long the action plays: SecondstoPlay seconds when that is more than 0
 * and less than what is left of the file (the action then stops early),
 * else to the end of the file (SecondstoPlay 0 means the whole file; a
 * SecondstoPlay longer than the file ends with it).
 */
export function playLength(span: MediaSpan, secondsToPlay: number): { seconds: number; toTheEnd: boolean } {
  const wanted = Number.isFinite(secondsToPlay) && secondsToPlay > 0 ? secondsToPlay : 0;
  if (wanted > 0 && wanted < span.remaining) return { seconds: wanted, toTheEnd: false };
  return { seconds: span.remaining, toTheEnd: true };
}

/** One message of Music's InterruptMessages: the file, and the second of the music at which it cuts in. */
export interface InterruptMessage {
  file: string;
  atSeconds: number;
}

/** `file;seconds` pairs separated by spaces (music.htm: "Message1.wav;45 Message2.wav;60"). */
const interruptPair = /^([^;\s]+);(\d+(?:\.\d+)?)$/;

/** The pattern the schema checks InterruptMessages against when it is written without substitutions. */
export const interruptMessagesPattern = '^\\s*(?:[^;\\s{}]+;\\d+(?:\\.\\d+)?(?:\\s+[^;\\s{}]+;\\d+(?:\\.\\d+)?)*)?\\s*$|\\{';

/** Reads InterruptMessages; a pair that is not `file;seconds` is left out and reported through `bad`. */
export function parseInterruptMessages(text: string, bad: (pair: string) => void): InterruptMessage[] {
  const messages: InterruptMessage[] = [];
  for (const pair of text.split(/\s+/)) {
    if (pair === '') continue;
    const match = interruptPair.exec(pair);
    if (!match) {
      bad(pair);
      continue;
    }
    messages.push({ file: match[1] as string, atSeconds: Number(match[2]) });
  }
  return messages;
}

/**
 * Watches for a key while a file plays (Music's DetectDTMF, Playlog's
 * StoponDTMF): the key stops the play and stays in the digit buffer. Returns
 * the `until` of the action's outcome.
 */
export function stopOnKey(runtime: ActionRuntime, branch: string, onKey: () => void): NonNullable<Outcome['until']> {
  return (settle) =>
    runtime.caller.detectKey(() => {
      settle(branch, onKey);
    });
}
