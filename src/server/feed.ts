import type { AgentEvent } from '../runtime/agent-events.ts';
import type { RuntimeClock } from '../runtime/clock.ts';
import type { Contact } from '../runtime/contact.ts';
import type { CustomEventTrace, Step, WorldEvent } from '../runtime/report.ts';
import type { Simulation, WorldObserver } from '../runtime/simulation.ts';

export type FeedKind = 'step' | 'waiting' | 'emitted' | 'clock' | 'reset' | WorldEvent['kind'];

/** One thing that happened, as the playground's live feed tells it. */
export interface FeedEntry {
  seq: number;
  /** Virtual time, in ms. */
  at: number;
  kind: FeedKind;
  text: string;
  contactId?: string;
  agentId?: string;
  /** `step`: the step taken. */
  step?: Step;
  /** `step` and `waiting`: the action the contact is at now (null once it has ended). */
  current?: string | null;
  /** `waiting`: held before the action (the world is paused) or waiting inside it. */
  held?: boolean;
  /** `emitted`: the custom event put into the agent's stream, and what became of it. */
  event?: CustomEventTrace;
  /** `delivered`: the batch a get-next-event returned. */
  events?: AgentEvent[];
}

type Waiter = { after: number; answer: (entries: FeedEntry[]) => void };

/**
 * The last `capacity` things that happened in the world, for clients that
 * long-poll with the sequence number they have seen. Memory stays bounded: a
 * client that falls further behind is told it missed some (`gap`).
 */
export class Feed {
  readonly #capacity: number;
  readonly #entries: FeedEntry[] = [];
  #next = 1;
  readonly #waiters = new Set<Waiter>();

  constructor(capacity = 10_000) {
    this.#capacity = capacity;
  }

  add(entry: Omit<FeedEntry, 'seq'>): void {
    const full: FeedEntry = { seq: this.#next++, ...entry };
    this.#entries.push(full);
    // Forget in batches: a splice for every entry moved the whole buffer each
    // time, the largest cost of a custom-event PUT; `since` reads only the newest `capacity`.
    if (this.#entries.length >= 2 * this.#capacity) this.#entries.splice(0, this.#entries.length - this.#capacity);
    if (this.#waiters.size === 0) return;
    for (const waiter of [...this.#waiters]) {
      this.#waiters.delete(waiter);
      waiter.answer(this.since(waiter.after).entries);
    }
  }

  /** Entries after `after`; `gap` when some of those were already forgotten. */
  since(after: number): { entries: FeedEntry[]; gap: boolean } {
    const kept = Math.max(0, this.#entries.length - this.#capacity);
    const first = this.#entries[kept];
    const gap = first !== undefined && first.seq > after + 1;
    const start = first === undefined ? kept : kept + Math.max(0, after + 1 - first.seq);
    return { entries: this.#entries.slice(start), gap };
  }

  /**
   * Entries after `after`, at once when there are some, else when the next
   * one comes or after `timeoutMs` (none). Returns the function that gives up.
   */
  wait(after: number, timeoutMs: number, clock: RuntimeClock, answer: (result: { entries: FeedEntry[]; gap: boolean }) => void): () => void {
    const now = this.since(after);
    if (now.entries.length > 0 || timeoutMs <= 0) {
      answer(now);
      return () => {};
    }
    const waiter: Waiter = {
      after,
      answer: (entries) => {
        clock.clearTimeout(timer);
        answer({ entries, gap: false });
      },
    };
    const timer = clock.setTimeout(() => {
      this.#waiters.delete(waiter);
      answer({ entries: [], gap: false });
    }, timeoutMs);
    this.#waiters.add(waiter);
    return () => {
      clock.clearTimeout(timer);
      this.#waiters.delete(waiter);
    };
  }

  /** Answers every waiting client at once (shutdown). */
  release(): void {
    for (const waiter of [...this.#waiters]) {
      this.#waiters.delete(waiter);
      waiter.answer([]);
    }
  }

  /** Watches a world: its steps, events and deliveries become entries. */
  observe(world: Simulation): void {
    const observer: WorldObserver = {
      step: (contact: Contact, step: Step) => {
        const where = step.interruptedBy ? `cut short by ${step.interruptedBy}` : step.branch === null ? 'no branch: the contact ends' : `${step.branch} -> ${step.next}`;
        // Where the contact goes: the branch's target, or the event action that cut the step short.
        const current = step.interruptedBy === undefined ? step.next : ((step.interruptedBy === 'OnAnswer' ? contact.compiled.onAnswer : contact.compiled.onRelease) ?? null);
        this.add({ at: step.at, kind: 'step', contactId: contact.id, step, current, text: `${contact.id}: ${step.action} (${step.type}) ${where}` });
      },
      waiting: (contact: Contact, why: 'held' | 'waits') => {
        const action = contact.currentAction;
        this.add({ at: world.clock.now(), kind: 'waiting', contactId: contact.id, current: action, held: why === 'held', text: why === 'held' ? `${contact.id} is paused before ${action}` : `${contact.id} waits in ${action}` });
      },
      emitted: (event: CustomEventTrace) => {
        this.add({ at: event.at, kind: 'emitted', agentId: event.agentId, ...(event.contactId ? { contactId: event.contactId } : {}), event, text: `${event.eventName} for agent ${event.agentId}: ${event.delivery}${event.replaced ? ' (replaced an undelivered one)' : ''}` });
      },
      world: (event: WorldEvent) => {
        if (event.kind === 'delivered') return; // told with its batch below
        this.add({ at: event.at, kind: event.kind, text: event.text, ...(event.agentId ? { agentId: event.agentId } : {}), ...(event.contactId ? { contactId: event.contactId } : {}) });
      },
    };
    world.observer = observer;
    world.stream.on('delivered', (delivery) => {
      const who = delivery.consumer === 'desktop' ? 'its desktop' : delivery.consumer === 'http' ? 'get-next-event (HTTP)' : `the script's ${delivery.consumer}`;
      this.add({ at: delivery.at, kind: 'delivered', agentId: delivery.agentId, events: delivery.events as AgentEvent[], text: `agent ${delivery.agentId}: ${who} receives ${delivery.events.length} event${delivery.events.length === 1 ? '' : 's'}` });
    });
  }
}
