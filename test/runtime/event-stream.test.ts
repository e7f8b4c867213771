import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/runtime/clock.ts';
import { AgentEventStream, type PollAnswer } from '../../src/runtime/event-stream.ts';

function setup() {
  const clock = new VirtualClock();
  const stream = new AgentEventStream(clock);
  stream.addAgent('1001');
  return { clock, stream };
}

const names = (answer: PollAnswer | undefined) => (answer?.kind === 'events' ? answer.events.map((e) => e['eventName'] ?? e['Type']) : answer?.kind);

describe('AgentEventStream', () => {
  it('a session starts with AgentSessionStart, then persisted events, then the given state events', () => {
    const { stream } = setup();
    stream.customEvent('1001', 'Kept', 'x', true);
    stream.customEvent('1001', 'Lost', 'y', false);
    const session = stream.startSession('1001', [{ Type: 'AgentState', CurrentState: 'Available' }]);
    expect(names(stream.take(session, 'test'))).toEqual(['AgentSessionStart', 'Kept', 'AgentState']);
    expect(names(stream.take(session, 'test'))).toEqual([]);
  });

  it('joining returns the open session; a second start does too', () => {
    const { stream } = setup();
    const session = stream.startSession('1001');
    expect(stream.openSession('1001')).toBe(session);
    expect(stream.startSession('1001')).toBe(session);
  });

  it('each event goes to exactly one poll, in arrival order of the polls', () => {
    const { clock, stream } = setup();
    const session = stream.startSession('1001');
    stream.take(session, 'drain');
    const answers: Array<[string, PollAnswer]> = [];
    stream.poll(session, 'first', (a) => answers.push(['first', a]));
    stream.poll(session, 'second', (a) => answers.push(['second', a]));
    stream.customEvent('1001', 'A', '', false);
    clock.runNext();
    stream.customEvent('1001', 'B', '', false);
    clock.runNext();
    expect(answers.map(([who, a]) => `${who}:${names(a)}`)).toEqual(['first:A', 'second:B']);
  });

  it('a withdrawn poll takes nothing; the event waits for the next poll', () => {
    const { clock, stream } = setup();
    const session = stream.startSession('1001');
    stream.take(session, 'drain');
    let answered = false;
    const withdraw = stream.poll(session, 'gone', () => {
      answered = true;
    });
    withdraw();
    stream.customEvent('1001', 'A', '', false);
    clock.runNext();
    expect(answered).toBe(false);
    expect(names(stream.take(session, 'next'))).toEqual(['A']);
  });

  it('ending the session answers waiting polls with "ended", keeps persisted events and drops the rest', () => {
    const { stream } = setup();
    const session = stream.startSession('1001');
    stream.take(session, 'drain');
    const answers: PollAnswer[] = [];
    stream.customEvent('1001', 'Keep', '', true);
    stream.customEvent('1001', 'Drop', '', false);
    // Events are waiting, so this poll is answered at once; the next one waits.
    stream.poll(session, 'a', (a) => answers.push(a));
    stream.poll(session, 'b', (a) => answers.push(a));
    expect(stream.endSession(session)).toBe(true);
    expect(answers.map((a) => names(a))).toEqual([['Keep', 'Drop'], 'ended']);
    expect(stream.take(session, 'late')).toEqual({ kind: 'ended' });
    expect(stream.take('nope', 'x')).toEqual({ kind: 'unknown' });
  });

  it('pending undelivered events at logout: persisted ones survive to the next session', () => {
    const { stream } = setup();
    const first = stream.startSession('1001');
    stream.take(first, 'drain');
    stream.customEvent('1001', 'Keep', '1', true);
    stream.customEvent('1001', 'Drop', '2', false);
    stream.endSession(first);
    expect(stream.pending('1001').map((e) => e['eventName'])).toEqual(['Keep']);
    const second = stream.startSession('1001');
    expect(second).not.toBe(first);
    expect(names(stream.take(second, 'x'))).toEqual(['AgentSessionStart', 'Keep']);
  });

  it('two hundred thousand pending events overwrite and drain in one pass', () => {
    const stream = new AgentEventStream(new VirtualClock(), { maxPending: 1_000_000 });
    stream.addAgent('1001');
    const session = stream.startSession('1001');
    for (let i = 0; i < 200_000; i++) stream.customEvent('1001', `E${i % 100_000}`, String(i), false);
    const answer = stream.take(session, 'x');
    expect(answer.kind === 'events' && answer.events.length).toBe(100_001);
    expect(answer.kind === 'events' && answer.events.at(-1)?.['data']).toBe('199999');
  });
});

describe('VirtualClock', () => {
  it('fires timers in due order, equal due times in the order they were set, each at its own time', () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 20);
    clock.setTimeout(() => fired.push(`a@${clock.now()}`), 10);
    clock.setTimeout(() => fired.push(`c@${clock.now()}`), 20);
    const cancelled = clock.setTimeout(() => fired.push('never'), 15);
    clock.clearTimeout(cancelled);
    clock.set(100);
    expect(fired).toEqual(['a@10', 'b@20', 'c@20']);
    expect(clock.now()).toBe(100);
  });

  it('timers set while firing run in the same advance when due', () => {
    const clock = new VirtualClock();
    const fired: number[] = [];
    clock.setTimeout(() => clock.setTimeout(() => fired.push(clock.now()), 5), 5);
    clock.increment(10);
    expect(fired).toEqual([10]);
    expect(clock.nextDue()).toBeUndefined();
    expect(() => clock.set(5)).toThrow(RangeError);
  });
});

describe('the undelivered-events cap', () => {
  it('refuses a new event at the cap, still takes a replacement, and takes new ones again once polled', () => {
    const clock = new VirtualClock();
    const stream = new AgentEventStream(clock, { maxPending: 3 });
    stream.addAgent('1001');
    const session = stream.startSession('1001');
    expect(stream.customEvent('1001', 'A', '1', false).delivery).toBe('queued');
    expect(stream.customEvent('1001', 'B', '2', false).delivery).toBe('queued');
    // AgentSessionStart is the third undelivered event.
    expect(stream.customEvent('1001', 'C', '3', false)).toEqual({ delivery: 'refused', replaced: false });
    expect(stream.customEvent('1001', 'A', '4', false)).toEqual({ delivery: 'queued', replaced: true });
    expect(stream.take(session, 'x')).toMatchObject({ kind: 'events' });
    expect(stream.customEvent('1001', 'C', '5', false).delivery).toBe('queued');
  });

  // Poll ids: https://help.nicecxone.com/content/studio/actionscx/getagentevents/getagentevents.htm ("a new session ID, which should be used in the subsequent event poll request").
  describe('poll ids', () => {
    it('hands out a new id per poll; the session\'s own id and older ones become stale', () => {
      const { stream } = setup();
      const session = stream.startSession('1001');
      expect(stream.lookup(session)).toEqual({ sessionId: session, agentId: '1001', open: true, stale: false });
      expect(stream.currentPollId(session)).toBe(session);
      const first = stream.nextPollId(session);
      expect(first).toBe(`${session}.1`);
      expect(stream.currentPollId(session)).toBe(first);
      expect(stream.lookup(first)).toMatchObject({ sessionId: session, stale: false });
      expect(stream.lookup(session)).toMatchObject({ stale: true });
      const second = stream.nextPollId(session);
      expect(stream.lookup(first)).toMatchObject({ stale: true });
      expect(stream.lookup(second)).toMatchObject({ stale: false });
    });

    it('knows no id that no poll has handed out, nor text that only looks like one', () => {
      const { stream } = setup();
      const session = stream.startSession('1001');
      expect(stream.lookup(`${session}.1`)).toBeUndefined();
      expect(stream.lookup(`${session}.0`)).toBeUndefined();
      expect(stream.lookup('nothing.1')).toBeUndefined();
      expect(stream.lookup('')).toBeUndefined();
    });

    it('reads agent ids with dots and digits correctly', () => {
      const clock = new VirtualClock();
      const stream = new AgentEventStream(clock);
      stream.addAgent('a.1');
      const session = stream.startSession('a.1');
      const next = stream.nextPollId(session);
      expect(stream.lookup(next)).toMatchObject({ sessionId: session, agentId: 'a.1', stale: false });
    });

    it('reports an ended session\'s poll ids as closed', () => {
      const { stream } = setup();
      const session = stream.startSession('1001');
      const next = stream.nextPollId(session);
      stream.endSession(session);
      expect(stream.lookup(next)).toMatchObject({ open: false });
    });
  });
});
