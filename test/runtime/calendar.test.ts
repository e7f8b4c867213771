import { describe, expect, it } from 'vitest';
import { describeWall, instantOf, isTimeZone, parseWallTime, wallTime } from '../../src/runtime/calendar.ts';

const wall = (text: string) => parseWallTime(text) as number;

describe('the calendar clock', () => {
  it('reads wall-clock times, and refuses what is no time', () => {
    expect(wall('2026-12-24T17:55:00')).toBe(Date.UTC(2026, 11, 24, 17, 55));
    expect(wall('2026-12-24 17:55')).toBe(Date.UTC(2026, 11, 24, 17, 55));
    expect(wall('2026-12-24')).toBe(Date.UTC(2026, 11, 24));
    for (const bad of ['2026-02-29', '2026-13-01', '2026-12-24T24:00', '2026-12-24T17:60', 'tomorrow', '2026-12-24T17:55Z']) expect(parseWallTime(bad), bad).toBeUndefined();
  });

  it('turns a wall-clock time in a zone into the instant and back', () => {
    expect(instantOf(wall('2026-12-24T17:55:00'), 'America/New_York')).toBe(Date.UTC(2026, 11, 24, 22, 55));
    expect(instantOf(wall('2026-07-01T09:00:00'), 'Europe/Paris')).toBe(Date.UTC(2026, 6, 1, 7, 0));
    expect(wallTime(Date.UTC(2026, 11, 24, 22, 55, 30, 250), 'America/New_York')).toBe(Date.UTC(2026, 11, 24, 17, 55, 30, 250));
    expect(wallTime(Date.UTC(2026, 0, 1), 'UTC')).toBe(Date.UTC(2026, 0, 1));
  });

  it('handles the changes to and from summer time', () => {
    // 2:30 on the spring-forward night does not exist in New York: read with the offset before, it is 3:30 EDT.
    expect(instantOf(wall('2026-03-08T02:30:00'), 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 7, 30));
    // 1:30 on the fall-back night happens twice: the first one (EDT).
    expect(instantOf(wall('2026-11-01T01:30:00'), 'America/New_York')).toBe(Date.UTC(2026, 10, 1, 5, 30));
    expect(wallTime(Date.UTC(2026, 10, 1, 6, 30), 'America/New_York')).toBe(wall('2026-11-01T01:30:00'));
  });

  it('knows the IANA zones the platform knows', () => {
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('describes a wall-clock time for notes', () => {
    expect(describeWall(wall('2026-12-24T17:55:00'))).toBe('Thursday 2026-12-24 17:55:00');
  });
});
