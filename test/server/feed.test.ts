import { describe, expect, it } from 'vitest';
import { Feed } from '../../src/server/feed.ts';

describe('Feed, long past its capacity', () => {
  it('keeps exactly the newest entries however many came before, and says what a client missed', () => {
    const feed = new Feed(4);
    // Past several batch trims (the buffer is cut back every `capacity` entries).
    for (let i = 0; i < 23; i++) {
      feed.add({ at: i, kind: 'login', text: `entry ${i}` });
      const newest = feed.since(0).entries.map((e) => e.seq);
      expect(newest).toEqual(Array.from({ length: Math.min(4, i + 1) }, (_, k) => i + 2 - Math.min(4, i + 1) + k));
    }
    expect(feed.since(0).gap).toBe(true);
    expect(feed.since(19)).toEqual({ entries: [expect.objectContaining({ seq: 20 }), expect.objectContaining({ seq: 21 }), expect.objectContaining({ seq: 22 }), expect.objectContaining({ seq: 23 })], gap: false });
    expect(feed.since(21).entries.map((e) => e.seq)).toEqual([22, 23]);
    expect(feed.since(23)).toEqual({ entries: [], gap: false });
  });
});
