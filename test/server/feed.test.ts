import { describe, expect, it } from 'vitest';
import { loadScenarioText, loadScript } from '../../src/api.ts';
import { VirtualClock } from '../../src/runtime/clock.ts';
import { Simulation } from '../../src/runtime/simulation.ts';
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

describe('the feed of spawned contacts', () => {
  it('says whether a spawned contact\'s script has an OnSignal (the playground offers its Signal panel then)', () => {
    const loaded = loadScript('test/fixtures/signal/spawns-caller.yaml');
    const scenario = loadScenarioText('caller: { ani: "5550001111" }');
    if (!loaded.ok || !scenario.ok) throw new Error('bad fixture');
    const clock = new VirtualClock();
    const world = Simulation.forScenario(clock, scenario.scenario);
    const feed = new Feed();
    feed.observe(world);
    world.startContact(loaded.compiled, scenario.scenario);
    clock.set(1_000);
    const spawns = feed.since(0).entries.filter((entry) => entry.kind === 'spawned').map((entry) => [entry.spawn?.script, entry.spawn?.onSignal]);
    expect(spawns).toEqual([
      ['SignalCaller', true],
      ['Helper', false],
    ]);
  });
});
