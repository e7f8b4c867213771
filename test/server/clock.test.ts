import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/runtime/clock.ts';
import { ControlledClock } from '../../src/server/clock.ts';
import { Feed } from '../../src/server/feed.ts';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('ControlledClock', () => {
  it('stands still while paused, except for what is due at that moment; advanceToNext moves to the next timer', async () => {
    const clock = new ControlledClock({ mode: 'paused' });
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`later at ${clock.now()}`), 30_000);
    clock.setTimeout(() => fired.push(`now at ${clock.now()}`), 0);
    await nextTurn();
    await nextTurn();
    expect(fired).toEqual(['now at 0']);
    expect(clock.now()).toBe(0);
    expect(clock.advanceToNext()).toBe(true);
    expect(fired).toEqual(['now at 0', 'later at 30000']);
    expect(clock.advanceToNext()).toBe(false);
  });

  it('runs from timer to timer at instant speed, in order, without waiting', async () => {
    const clock = new ControlledClock({ mode: 'paused' });
    const fired: number[] = [];
    // A five-minute hold of 30-second waits.
    const hold = () => {
      fired.push(clock.now());
      if (clock.now() < 300_000) clock.setTimeout(hold, 30_000);
    };
    clock.setTimeout(hold, 30_000);
    clock.set({ mode: 'running', speed: 'instant' });
    while (fired.length < 10) await nextTurn();
    expect(fired).toEqual([30_000, 60_000, 90_000, 120_000, 150_000, 180_000, 210_000, 240_000, 270_000, 300_000]);
  });

  it('keeps virtual time when the mode changes, and starts again at 0 when cleared', () => {
    const clock = new ControlledClock({ mode: 'paused' });
    clock.setTimeout(() => {}, 5_000);
    clock.advanceToNext();
    clock.set({ speed: 10 });
    clock.set({ mode: 'paused' });
    expect(clock.now()).toBeGreaterThanOrEqual(5_000);
    clock.clearAll();
    expect(clock.now()).toBe(0);
    expect(clock.advanceToNext()).toBe(false);
  });

  it('returns to the mode and speed it was made with when cleared (a reset)', () => {
    const clock = new ControlledClock();
    clock.set({ mode: 'paused', speed: 'instant' });
    clock.clearAll();
    expect({ mode: clock.mode, speed: clock.speed, now: clock.now() }).toEqual({ mode: 'running', speed: 1, now: 0 });
    clock.clearAll();
  });
});

describe('Feed', () => {
  it('keeps the newest entries and says when a client missed some', () => {
    const feed = new Feed(3);
    for (let i = 0; i < 5; i++) feed.add({ at: i, kind: 'login', text: `entry ${i}` });
    const all = feed.since(0);
    expect(all.gap).toBe(true);
    expect(all.entries.map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(feed.since(3)).toEqual({ entries: [expect.objectContaining({ seq: 4 }), expect.objectContaining({ seq: 5 })], gap: false });
    expect(feed.since(5).entries).toEqual([]);
  });

  it('wakes a waiting client with the next entry, or answers empty at the timeout or at shutdown', () => {
    const feed = new Feed();
    const clock = new VirtualClock();
    const answers: number[][] = [];
    feed.wait(0, 10_000, clock, ({ entries }) => answers.push(entries.map((e) => e.seq)));
    feed.add({ at: 0, kind: 'login', text: 'a' });
    feed.wait(1, 10_000, clock, ({ entries }) => answers.push(entries.map((e) => e.seq)));
    clock.increment(10_000);
    feed.wait(1, 10_000, clock, ({ entries }) => answers.push(entries.map((e) => e.seq)));
    feed.release();
    expect(answers).toEqual([[1], [], []]);
  });
});
