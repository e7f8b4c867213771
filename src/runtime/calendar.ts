/**
 * Calendar time for the simulation: an instant (UTC milliseconds) seen as a
 * wall-clock time in a time zone, and back. Time-zone rules come from the
 * platform's Intl (IANA names such as America/New_York), so no table of
 * zones ships with studio-sim.
 */

/** A wall-clock time written as UTC milliseconds (the fields of the local time, no zone). */
export type WallMs = number;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Whether the platform knows the IANA time zone (`UTC`, `Europe/Paris`, ...). */
export function isTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time in `timeZone` at an instant. */
export function wallTime(instant: number, timeZone: string): WallMs {
  if (timeZone === 'UTC') return instant;
  const fields: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const seconds = Math.floor(instant / 1000) * 1000;
  return Date.UTC(fields['year'] ?? 1970, (fields['month'] ?? 1) - 1, fields['day'] ?? 1, fields['hour'] ?? 0, fields['minute'] ?? 0, fields['second'] ?? 0) + (instant - seconds);
}

/**
 * The instant a wall-clock time in `timeZone` names. A time skipped by a
 * change to summer time is read with the offset before the change (2:30 on
 * that night is 3:30); a repeated time is its first occurrence.
 */
export function instantOf(wall: WallMs, timeZone: string): number {
  const offsetAt = (instant: number) => wallTime(instant, timeZone) - instant;
  // The offset a day before and after covers any change near the time.
  const candidates = [wall - offsetAt(wall - 86_400_000), wall - offsetAt(wall + 86_400_000)].sort((a, b) => a - b);
  for (const instant of candidates) if (wallTime(instant, timeZone) === wall) return instant;
  return candidates[candidates.length - 1] as number;
}

/** Reads `2026-12-24T17:55` or `2026-12-24T17:55:00` (or a date alone) as a wall-clock time; undefined when it is no such time. */
export function parseWallTime(text: string): WallMs | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part))) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(wall).getUTCDate() !== day) return undefined;
  return wall;
}

export const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** `Thursday 2026-12-24 17:55:00`, for notes. */
export function describeWall(wall: WallMs): string {
  const date = new Date(wall);
  return `${dayNames[date.getUTCDay()]} ${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 19)}`;
}
