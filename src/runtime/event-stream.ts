import { EventEmitter } from 'eventemitter3';
import { customEventMessage, noStation, sessionStartMessage, type AgentEvent, type Station } from './agent-events.ts';
import type { RuntimeClock } from './clock.ts';

export type CustomEventDelivery = 'queued' | 'persisted' | 'dropped' | 'refused';

/** Default cap on one agent's undelivered events (queued and persisted together). */
export const defaultMaxPendingEvents = 100_000;

/**
 * Longest custom event data, in characters: the server answers 400 beyond it,
 * a script's CustomEvent is refused (a template can build any length at run
 * time), and a file's strings are held to it by default (--max-string-chars).
 */
export const maxCustomEventDataChars = 32 * 1024;

// Results are shared constants: sending an event allocates only the event.
const queued: CustomEventResult = Object.freeze({ delivery: 'queued', replaced: false });
const queuedReplaced: CustomEventResult = Object.freeze({ delivery: 'queued', replaced: true });

export interface CustomEventResult {
  delivery: CustomEventDelivery;
  /** An undelivered event of the same name was removed in favour of this one. */
  replaced: boolean;
}

/**
 * A session id never contains "60": the vendor's agent SDK retries a failed
 * poll at its URL with the first "60" replaced (meaning the `timeout=60`), so
 * a "60" in the id would send its retries to a session that does not exist.
 * Each "60" of the readable id gets a dash inside it instead.
 */
export function sessionIdText(readable: string): string {
  return readable.includes('60') ? readable.split('60').join('6-0') : readable;
}

/** A batch handed to one poll: what get-next-event answers with. */
export interface Delivery {
  at: number;
  agentId: string;
  sessionId: string;
  /** Who polled: "desktop", an action id, "http", ... */
  consumer: string;
  events: AgentEvent[];
}

/** A session, and how many poll ids GetNextEvent has handed out for it. */
interface SessionRecord {
  agentId: string;
  open: boolean;
  /** Index of the newest poll id handed out: 0 is the session's own id, n is `<sessionId>.<n>`. */
  latestPoll: number;
}

/** A poll id: a session id, a dot and the poll's number. */
const pollIdPattern = /^(.*)\.(\d{1,15})$/;

export type PollAnswer = { kind: 'events'; events: AgentEvent[] } | { kind: 'ended' } | { kind: 'unknown' };

interface Waiter {
  sessionId: string;
  consumer: string;
  answer(result: PollAnswer): void;
}

interface Stream {
  agentId: string;
  /** The open session, if the agent is logged in. */
  sessionId: string | undefined;
  /**
   * Undelivered events in emission order. Custom events are keyed by their
   * name (a newer one of the same name is deleted and re-added, which moves it
   * to the end), other events by a sequence number, so overwrite, append and
   * drain are all O(1).
   */
  undelivered: Map<string | number, AgentEvent>;
  /** Names of undelivered custom events sent with PersistInMemory true (kept if the session ends). */
  persistNames: Set<string>;
  /** Custom events kept for a logged-out agent, delivered after the next AgentSessionStart. */
  persisted: Map<string, AgentEvent>;
  waiters: Waiter[];
  wakeScheduled: boolean;
  received: AgentEvent[];
}

export interface StreamEvents {
  /** A poll got events. */
  delivered: (delivery: Delivery) => void;
  sessionStarted: (agentId: string, sessionId: string) => void;
  sessionEnded: (agentId: string, sessionId: string) => void;
  /** A non-persisted event was lost because the session ended before it was polled. */
  discarded: (agentId: string, event: AgentEvent) => void;
}

/**
 * Every agent's event stream: its session, its undelivered events and the
 * polls waiting on it. One module behind a small interface, shared by the
 * script runtime (CustomEvent, JoinAgentSession, GetNextEvent) and the HTTP
 * API, so both follow the same rules.
 *
 * An agent has at most one open session; joining it returns the same session
 * id, and every poll of that session takes from the same stream, so each
 * event goes to exactly one poll.
 */
export class AgentEventStream extends EventEmitter<StreamEvents> {
  readonly #clock: RuntimeClock;
  readonly #streams = new Map<string, Stream>();
  readonly #sessions = new Map<string, SessionRecord>();
  #sequence = 0;
  #sessionCounter = 0;

  /** Whether to keep every delivered event (for run reports); a long-running server does not. */
  readonly #keepReceived: boolean;
  /** Most undelivered events one agent may hold; a new one beyond it is refused. */
  readonly maxPending: number;

  constructor(clock: RuntimeClock, options: { keepReceived?: boolean; maxPending?: number } = {}) {
    super();
    this.#clock = clock;
    this.#keepReceived = options.keepReceived ?? true;
    this.maxPending = options.maxPending ?? defaultMaxPendingEvents;
  }

  /** Makes an agent known (logged out); known agents can be targeted and can log in. */
  addAgent(agentId: string): void {
    if (this.#streams.has(agentId)) return;
    this.#streams.set(agentId, {
      agentId,
      sessionId: undefined,
      undelivered: new Map(),
      persistNames: new Set(),
      persisted: new Map(),
      waiters: [],
      wakeScheduled: false,
      received: [],
    });
  }

  hasAgent(agentId: string): boolean {
    return this.#streams.has(agentId);
  }

  agentIds(): string[] {
    return [...this.#streams.keys()];
  }

  #stream(agentId: string): Stream {
    const stream = this.#streams.get(agentId);
    if (!stream) throw new RangeError(`Unknown agent ${agentId}`);
    return stream;
  }

  isConnected(agentId: string): boolean {
    return this.#streams.get(agentId)?.sessionId !== undefined;
  }

  openSession(agentId: string): string | undefined {
    return this.#streams.get(agentId)?.sessionId;
  }

  /**
   * Starts the agent's session (its login): AgentSessionStart first, then the
   * events persisted while it was logged out, then `after` (its AgentState).
   * With a session already open, returns that one.
   */
  startSession(agentId: string, after: readonly AgentEvent[] = [], station: Readonly<Station> = noStation): string {
    const stream = this.#stream(agentId);
    if (stream.sessionId !== undefined) return stream.sessionId;
    let sessionId: string;
    do sessionId = sessionIdText(`${agentId}-session-${++this.#sessionCounter}`);
    while (this.#sessions.has(sessionId));
    stream.sessionId = sessionId;
    this.#sessions.set(sessionId, { agentId, open: true, latestPoll: 0 });
    this.#append(stream, sessionStartMessage(agentId, sessionId, station));
    for (const [name, event] of stream.persisted) {
      stream.undelivered.set(name, event);
      stream.persistNames.add(name);
    }
    stream.persisted.clear();
    for (const event of after) this.#append(stream, event);
    this.emit('sessionStarted', agentId, sessionId);
    this.#scheduleWake(stream);
    return sessionId;
  }

  /**
   * Ends the session (the agent logs out). Waiting polls are told the session
   * ended; undelivered events marked PersistInMemory are kept for the next
   * session, the others are discarded.
   */
  endSession(sessionId: string): boolean {
    const session = this.#sessions.get(sessionId);
    if (!session?.open) return false;
    session.open = false;
    const stream = this.#stream(session.agentId);
    stream.sessionId = undefined;
    for (const [key, event] of stream.undelivered) {
      if (typeof key === 'string' && stream.persistNames.has(key)) stream.persisted.set(key, event);
      else this.emit('discarded', stream.agentId, event);
    }
    stream.undelivered.clear();
    stream.persistNames.clear();
    const waiters = stream.waiters.splice(0);
    for (const waiter of waiters) waiter.answer({ kind: 'ended' });
    this.emit('sessionEnded', session.agentId, sessionId);
    return true;
  }

  /** The agent a session belongs to, and whether it is still open. */
  session(sessionId: string): { agentId: string; open: boolean } | undefined {
    return this.#sessions.get(sessionId);
  }

  /**
   * A session id as a script holds it: the session's own id, or a poll id
   * (`<sessionId>.<n>`) a GetNextEvent answer handed out. `stale` when a
   * newer poll id of the session exists: a poll made with the newer id has
   * taken the events since, so this holder missed them. An id no poll has
   * handed out yet is no session at all.
   */
  lookup(id: string): { sessionId: string; agentId: string; open: boolean; stale: boolean } | undefined {
    let sessionId = id;
    let index = 0;
    let session = this.#sessions.get(id);
    if (!session) {
      const match = pollIdPattern.exec(id);
      if (!match) return undefined;
      sessionId = match[1] as string;
      index = Number(match[2]);
      session = this.#sessions.get(sessionId);
      if (!session || index === 0 || index > session.latestPoll) return undefined;
    }
    return { sessionId, agentId: session.agentId, open: session.open, stale: index < session.latestPoll };
  }

  /** The newest poll id of a session (its own id until a poll hands out another): what a joiner polls with. */
  currentPollId(sessionId: string): string {
    const session = this.#sessions.get(sessionId);
    return session && session.latestPoll > 0 ? `${sessionId}.${session.latestPoll}` : sessionId;
  }

  /** Hands out the next poll id of a session; every older one is stale from now on. */
  nextPollId(sessionId: string): string {
    const session = this.#sessions.get(sessionId);
    if (!session) return sessionId;
    session.latestPoll++;
    return `${sessionId}.${session.latestPoll}`;
  }

  /** Appends a platform event (AgentState, CallContactEvent) for a connected agent; dropped otherwise. */
  push(agentId: string, event: AgentEvent): boolean {
    const stream = this.#stream(agentId);
    if (stream.sessionId === undefined) return false;
    this.#append(stream, event);
    this.#scheduleWake(stream);
    return true;
  }

  /**
   * The CustomEvent rules: a connected agent gets the event queued; a
   * logged-out one keeps it when `persist` is true and loses it otherwise.
   * An undelivered event of the same (case-sensitive) name is replaced.
   */
  customEvent(agentId: string, eventName: string, data: string, persist: boolean): CustomEventResult {
    const stream = this.#stream(agentId);
    // At the cap only a replacement (which does not grow the backlog) gets in: nothing queued is ever dropped for it.
    if (stream.undelivered.size + stream.persisted.size >= this.maxPending && !stream.undelivered.has(eventName) && !stream.persisted.has(eventName)) {
      return { delivery: 'refused', replaced: false };
    }
    const event = customEventMessage(eventName, data);
    const replaced = stream.undelivered.delete(eventName) || (stream.persisted.size > 0 && stream.persisted.delete(eventName));
    if (stream.sessionId !== undefined) {
      stream.undelivered.set(eventName, event);
      if (persist) stream.persistNames.add(eventName);
      else if (replaced) stream.persistNames.delete(eventName);
      this.#scheduleWake(stream);
      return replaced ? queuedReplaced : queued;
    }
    if (persist) {
      stream.persisted.set(eventName, event);
      return { delivery: 'persisted', replaced };
    }
    return { delivery: 'dropped', replaced };
  }

  /** Answers a poll at once: the undelivered events (possibly none), or why it cannot. */
  take(sessionId: string, consumer: string): PollAnswer {
    const session = this.#sessions.get(sessionId);
    if (!session) return { kind: 'unknown' };
    if (!session.open) return { kind: 'ended' };
    const stream = this.#stream(session.agentId);
    return { kind: 'events', events: this.#drain(stream, sessionId, consumer) };
  }

  /**
   * A long poll: answers now if events are waiting, else when the next ones
   * arrive or the session ends. Returns a function that withdraws the poll
   * (its timeout, or a client gone); a withdrawn poll never takes events.
   */
  poll(sessionId: string, consumer: string, answer: (result: PollAnswer) => void): () => void {
    const session = this.#sessions.get(sessionId);
    if (!session) {
      answer({ kind: 'unknown' });
      return () => {};
    }
    if (!session.open) {
      answer({ kind: 'ended' });
      return () => {};
    }
    const stream = this.#stream(session.agentId);
    if (stream.undelivered.size > 0 && stream.waiters.length === 0) {
      answer({ kind: 'events', events: this.#drain(stream, sessionId, consumer) });
      return () => {};
    }
    const waiter: Waiter = { sessionId, consumer, answer };
    stream.waiters.push(waiter);
    this.#scheduleWake(stream);
    return () => {
      const index = stream.waiters.indexOf(waiter);
      if (index >= 0) stream.waiters.splice(index, 1);
    };
  }

  /**
   * Puts events a poll took back at the front of the stream, for a poll whose
   * client went away before the answer could be sent: nothing is lost. A
   * custom event replaced meanwhile by a newer one of its name stays replaced.
   */
  restore(sessionId: string, events: readonly AgentEvent[]): void {
    const session = this.#sessions.get(sessionId);
    if (!session || events.length === 0) return;
    const stream = this.#stream(session.agentId);
    const restored = new Map<string | number, AgentEvent>();
    for (const event of events) {
      const name = event['type'] === 'CustomEvent' ? event['eventName'] : undefined;
      if (typeof name === 'string') {
        if (!stream.undelivered.has(name) && !stream.persisted.has(name)) restored.set(name, event);
      } else {
        restored.set(this.#sequence++, event);
      }
    }
    for (const [key, entry] of stream.undelivered) restored.set(key, entry);
    stream.undelivered = restored;
    if (this.#keepReceived) stream.received.splice(stream.received.length - events.length, events.length);
    if (!session.open) {
      // The session ended in between: keep what can be kept, as at any logout.
      for (const [key, event] of stream.undelivered) if (typeof key === 'string') stream.persisted.set(key, event);
      stream.undelivered.clear();
    }
    this.#scheduleWake(stream);
  }

  /** Undelivered events of an agent, in delivery order (what the next poll would get). */
  pending(agentId: string): AgentEvent[] {
    const stream = this.#streams.get(agentId);
    if (!stream) return [];
    return [...stream.undelivered.values(), ...stream.persisted.values()];
  }

  /** Every event an agent's polls have taken, in order. */
  received(agentId: string): AgentEvent[] {
    return [...(this.#streams.get(agentId)?.received ?? [])];
  }

  #append(stream: Stream, event: AgentEvent): void {
    stream.undelivered.set(this.#sequence++, event);
  }

  #drain(stream: Stream, sessionId: string, consumer: string): AgentEvent[] {
    const events = [...stream.undelivered.values()];
    stream.undelivered.clear();
    stream.persistNames.clear();
    if (events.length > 0) {
      if (this.#keepReceived) for (const event of events) stream.received.push(event);
      this.emit('delivered', { at: this.#clock.now(), agentId: stream.agentId, sessionId, consumer, events });
    }
    return events;
  }

  /**
   * Waiting polls are answered from a zero-delay timer rather than inside
   * the call that queued the event, so a script's CustomEvent never runs
   * another consumer's code in the middle of its own step.
   */
  #scheduleWake(stream: Stream): void {
    if (stream.wakeScheduled || stream.waiters.length === 0 || stream.undelivered.size === 0) return;
    stream.wakeScheduled = true;
    this.#clock.setTimeout(() => {
      stream.wakeScheduled = false;
      const waiter = stream.waiters.shift();
      if (!waiter || stream.undelivered.size === 0) {
        if (waiter) stream.waiters.unshift(waiter);
        return;
      }
      waiter.answer({ kind: 'events', events: this.#drain(stream, waiter.sessionId, waiter.consumer) });
      this.#scheduleWake(stream);
    }, 0);
  }
}
