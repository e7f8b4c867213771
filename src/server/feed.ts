import { renderTemplate } from '../expression/evaluate.ts';
import type { Value } from '../expression/values.ts';
import type { AgentEvent } from '../runtime/agent-events.ts';
import type { RuntimeClock } from '../runtime/clock.ts';
import type { Contact } from '../runtime/contact.ts';
import type { CompiledScript } from '../compile/compile.ts';
import { stepPlace, type CustomEventTrace, type Step, type WorldEvent } from '../runtime/report.ts';
import type { Simulation, WorldObserver } from '../runtime/simulation.ts';
import type { HttpRecord } from '../runtime/http.ts';
import type { SpawnedContact } from '../runtime/spawned.ts';
import type { TransferRecord } from '../actions/types.ts';

export type FeedKind = 'step' | 'waiting' | 'emitted' | 'clock' | 'reset' | 'spawned' | WorldEvent['kind'];

/** A contact a Spawn started, as the feed tells it (under the contact that spawned it). */
export interface SpawnShown {
  contactId: string;
  /** The Spawn action, named as the trace names it. */
  action: string;
  script: string;
  file: string;
  /** Virtual ms it starts at (later than the Spawn with a StartDate). */
  startsAt: number;
  /** Its script has an OnSignal (a signal from outside runs it). */
  onSignal: boolean;
}

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
  /** `step` and `waiting`: the action the contact is at now (null once it has ended), named as the trace names it: `<file name>:<id>` in a subscript. */
  current?: string | null;
  /** `waiting`: held before the action (the world is paused) or waiting inside it. */
  held?: boolean;
  /** `waiting` inside an action that listens for the caller's keys (a Menu or Capture). */
  listening?: boolean;
  /** `emitted`: the custom event put into the agent's stream, and what became of it. */
  event?: CustomEventTrace;
  /** `delivered`: the batch a get-next-event returned. */
  events?: AgentEvent[];
  /** `step`: the variables the step changed, before and after. */
  changes?: VariableChange[];
  /** `step`: the action's properties as it ran them, templates filled in from the variables it started with. */
  properties?: Record<string, Value>;
  /** `step`: the REST requests the step made (a RestApi action, or GetRESTProxy() in a Snippet), as they ended; `contactEnded`: one that ended the contact (no mock answered it). */
  requests?: RequestShown[];
  /** `step`, the first of a contact: its variables as it began (later steps send only their changes). */
  variables?: Record<string, Value>;
  /** `reset`: who reset the world, as the client said (a playground tab's id), and the contacts it ended. */
  by?: string;
  ended?: string[];
  /** `spawned`: the contact a Spawn of `contactId` started (its own entries carry its id). */
  spawn?: SpawnShown;
  /** `transferred`: where the call went (as the run report's `transfer` says). */
  transfer?: TransferRecord;
}

/** A REST request as the playground shows it: what was asked, what answered, how it ended. */
export interface RequestShown {
  at: number;
  action: string;
  via: HttpRecord['via'];
  method: string;
  url: string;
  /** A scenario mock (its position in `http:`), the network (serve --allow-http), or nothing. */
  answeredBy: HttpRecord['answeredBy'];
  mock?: number;
  status?: number;
  attempts: number;
  outcome: HttpRecord['outcome'];
  elapsedMs: number;
  /** A request no mock answered: what went wrong and the mock to add to the scenario (YAML). */
  message?: string;
}

export interface VariableChange {
  name: string;
  /** Absent when the variable did not exist before the step. */
  before?: Value;
  /** Absent when the variable is gone after it (a subscript's own variables at Return). */
  after?: Value;
  /** The step ended the variable: a subscript's variables vanish at its Return (global: ones stay). */
  gone?: true;
}

/** Longest text of a property or variable value the feed carries; the report has them whole. */
const maxShownChars = 2_000;

function shown(value: Value): Value {
  if (typeof value === 'string') return value.length > maxShownChars ? `${value.slice(0, maxShownChars)}… (${value.length} characters)` : value;
  if (typeof value !== 'object') return value;
  const text = JSON.stringify(value);
  return text.length > maxShownChars ? `${text.slice(0, maxShownChars)}… (${text.length} characters)` : value;
}

/** Same value? Values are JSON data: compared by their JSON text. */
function same(a: Value | undefined, b: Value): boolean {
  if (a === b) return true;
  if (a === undefined || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A lookup over a snapshot, matched without case as the script's variables are. */
function scopeOf(record: Readonly<Record<string, Value>>): { get(name: string): Value | undefined } {
  const byKey = new Map<string, Value>();
  for (const [name, value] of Object.entries(record)) byKey.set(name.toLowerCase(), value);
  return { get: (name) => byKey.get(name.toLowerCase()) };
}

/**
 * What an action ran with: each property as written, its templates filled in
 * from the variables the action started with. A template that cannot be
 * filled in shows as written (the step's notes say what went wrong).
 */
function propertiesOf(script: CompiledScript, actionId: string, before: Readonly<Record<string, Value>>): Record<string, Value> | undefined {
  const compiled = script.actions.get(actionId);
  if (!compiled) return undefined;
  const scope = scopeOf(before);
  const out: Record<string, Value> = Object.create(null);
  for (const [name, written] of Object.entries(compiled.action.properties)) {
    const parts = compiled.templates.get(name);
    let value: Value = written as Value;
    if (parts) {
      try {
        value = renderTemplate(parts, scope);
      } catch {
        // shown as written
      }
    }
    out[name] = shown(value);
  }
  return out;
}

/**
 * The script of a step: the contact's own for a step in the main script,
 * else the script of that file among those it calls (a subscript, or the
 * script RunScript handed over to), found by walking its calls.
 */
export function scriptOfStep(contact: Contact, file: string | undefined): CompiledScript | undefined {
  if (file === undefined) return contact.compiled;
  if (contact.running.script.source.file === file) return contact.running;
  const seen = new Set<CompiledScript>();
  const pending = [contact.compiled];
  for (let script = pending.pop(); script !== undefined; script = pending.pop()) {
    if (seen.has(script)) continue;
    seen.add(script);
    if (script.script.source.file === file) return script;
    pending.push(...script.calls.values());
  }
  return undefined;
}

/** How the trace and the flowchart name an action of `script` for this contact: its id in the main script, `<file name>:<id>` elsewhere. */
function placeIn(contact: Contact, script: CompiledScript, actionId: string): string {
  return script === contact.compiled ? actionId : stepPlace({ action: actionId, script: script.script.source.file });
}

type Waiter = { after: number; answer: (entries: FeedEntry[]) => void };
export type FeedListener = (entry: FeedEntry) => void;

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
  readonly #listeners = new Set<FeedListener>();

  constructor(capacity = 10_000) {
    this.#capacity = capacity;
  }

  add(entry: Omit<FeedEntry, 'seq'>): void {
    const full: FeedEntry = { seq: this.#next++, ...entry };
    this.#entries.push(full);
    // Forget in batches: a splice for every entry moved the whole buffer each
    // time, the largest cost of a custom-event PUT; `since` reads only the newest `capacity`.
    if (this.#entries.length >= 2 * this.#capacity) this.#entries.splice(0, this.#entries.length - this.#capacity);
    for (const listener of [...this.#listeners]) listener(full);
    if (this.#waiters.size === 0) return;
    for (const waiter of [...this.#waiters]) {
      this.#waiters.delete(waiter);
      waiter.answer(this.since(waiter.after).entries);
    }
  }

  /** Calls `listener` with each new entry as it is added (in the server: Run to end watches its call). Returns the function that stops it. */
  listen(listener: FeedListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
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
    /** Each contact's variables after its last step, to tell what the next one changed. */
    const lastVariables = new WeakMap<Contact, Record<string, Value>>();
    /** The contacts that took a step and have not ended: their last requests are told when they end. */
    const running = new Map<string, Contact>();
    /** How many of each contact's REST requests earlier steps reported. */
    const requestsShown = new WeakMap<Contact, number>();
    /** The requests made since the contact's last step: a request's record is final once the step that made it is taken. */
    const newRequests = (contact: Contact): RequestShown[] => {
      const records = contact.restCalls.records;
      const from = requestsShown.get(contact) ?? 0;
      requestsShown.set(contact, records.length);
      return records.slice(from).map((record) => ({
        at: record.at,
        action: record.action,
        via: record.via,
        method: record.method,
        url: shown(record.url) as string,
        answeredBy: record.answeredBy,
        ...(record.mock !== undefined ? { mock: record.mock } : {}),
        ...(record.status !== undefined ? { status: record.status } : {}),
        attempts: record.attempts,
        outcome: record.outcome,
        elapsedMs: record.elapsedMs,
        ...(record.outcome === 'unmatched' && contact.message !== '' ? { message: contact.message } : {}),
      }));
    };
    /** The spawns told already; the world lists them in the order they were made. */
    const spawnsTold = new WeakSet<SpawnedContact>();
    /** The spawns made since the last step (a Spawn records its contact before its step is taken), oldest first. */
    const newSpawns = (): SpawnedContact[] => {
      const fresh: SpawnedContact[] = [];
      for (let index = world.spawned.length - 1; index >= 0; index--) {
        const record = world.spawned[index] as SpawnedContact;
        if (spawnsTold.has(record)) break;
        spawnsTold.add(record);
        fresh.unshift(record);
      }
      return fresh;
    };
    const observer: WorldObserver = {
      step: (contact: Contact, step: Step) => {
        const where = step.interruptedBy ? `cut short by ${step.interruptedBy}` : step.branch === null ? 'no branch: the contact ends' : `${step.branch} -> ${step.next}`;
        // Where the contact goes: the branch's target in the step's own script, or the event action that
        // cut the step short, in the script that handles the event (the one running once the call stack unwound).
        const stepScript = scriptOfStep(contact, step.script);
        const handling = contact.running;
        const eventAction = { OnAnswer: handling.onAnswer, OnRelease: handling.onRelease, OnHold: handling.onHold, OnSignal: handling.onSignal, OffHold: undefined };
        const target = step.interruptedBy === undefined ? step.next : (eventAction[step.interruptedBy] ?? null);
        const current = target === null ? null : placeIn(contact, step.interruptedBy === undefined ? (stepScript ?? contact.compiled) : handling, target);
        const first = !lastVariables.has(contact);
        const before = lastVariables.get(contact) ?? contact.startVariables;
        const after = contact.variables.toRecord();
        lastVariables.set(contact, after);
        const changes: VariableChange[] = [];
        for (const [name, value] of Object.entries(after)) {
          if (!same(before[name], value)) changes.push({ name, ...(before[name] !== undefined ? { before: shown(before[name]) } : {}), after: shown(value) });
        }
        for (const [name, value] of Object.entries(before)) if (!(name in after)) changes.push({ name, before: shown(value), gone: true });
        // A step in a subscript names its file: its properties are those of the action in that script.
        const properties = stepScript ? propertiesOf(stepScript, step.action, before) : undefined;
        const requests = newRequests(contact);
        if (!contact.done) running.set(contact.id, contact);
        this.add({
          at: step.at,
          kind: 'step',
          contactId: contact.id,
          step,
          current,
          changes,
          ...(properties ? { properties } : {}),
          ...(requests.length > 0 ? { requests } : {}),
          ...(first ? { variables: Object.fromEntries(Object.entries(contact.startVariables).map(([name, value]) => [name, shown(value)])) } : {}),
          text: `${contact.id}: ${step.action} (${step.type}) ${where}`,
        });
        for (const spawned of newSpawns()) {
          const parent = spawned.parent === contact.id ? contact : undefined;
          const spawn: SpawnShown = { contactId: spawned.contactId, action: parent ? placeIn(parent, scriptOfStep(parent, step.script) ?? parent.compiled, spawned.action) : spawned.action, script: spawned.script, file: spawned.file, startsAt: spawned.startsAt, onSignal: world.spawnedScript(spawned.contactId)?.onSignal !== undefined };
          const when = spawned.startsAt > step.at ? `, to start at ${(spawned.startsAt / 1000).toFixed(3)} s` : '';
          this.add({ at: step.at, kind: 'spawned', contactId: spawned.parent, spawn, text: `${spawned.parent} spawned ${spawned.contactId} running ${spawned.script}${when}` });
        }
      },
      waiting: (contact: Contact, why: 'held' | 'waits') => {
        const action = contact.currentAction;
        const now = world.clock.now();
        // A live caller's entry begins when an action asks for keys: one that began now is this action's.
        const entry = contact.liveEntries[contact.liveEntries.length - 1];
        const listening = why === 'waits' && entry !== undefined && entry.startedAt === now && entry.digits === '';
        // The action waiting is in the script on top of the call stack (a subscript's Capture, say).
        const running = contact.running;
        const properties = why === 'waits' && action !== null ? propertiesOf(running, action, contact.variables.toRecord()) : undefined;
        this.add({
          at: now,
          kind: 'waiting',
          contactId: contact.id,
          current: action === null ? null : placeIn(contact, running, action),
          held: why === 'held',
          ...(listening ? { listening } : {}),
          ...(properties ? { properties } : {}),
          text: why === 'held' ? `${contact.id} is paused before ${action}` : `${contact.id} waits in ${action}`,
        });
      },
      emitted: (event: CustomEventTrace) => {
        this.add({ at: event.at, kind: 'emitted', agentId: event.agentId, ...(event.contactId ? { contactId: event.contactId } : {}), event, text: `${event.eventName} for agent ${event.agentId}: ${event.delivery}${event.replaced ? ' (replaced an undelivered one)' : ''}` });
      },
      world: (event: WorldEvent) => {
        if (event.kind === 'delivered') return; // told with its batch below
        // A request no mock answers ends the contact inside its action, with no step after it.
        const ended = event.kind === 'contactEnded' && event.contactId !== undefined ? running.get(event.contactId) : undefined;
        if (ended) running.delete(ended.id);
        const requests = ended ? newRequests(ended) : [];
        // A transfer tells where the call went: the contact has just recorded it.
        const transfer = event.kind === 'transferred' && event.contactId !== undefined ? running.get(event.contactId)?.transfer : undefined;
        this.add({ at: event.at, kind: event.kind, text: event.text, ...(event.agentId ? { agentId: event.agentId } : {}), ...(event.contactId ? { contactId: event.contactId } : {}), ...(requests.length > 0 ? { requests } : {}), ...(transfer ? { transfer } : {}) });
      },
    };
    world.observer = observer;
    world.stream.on('delivered', (delivery) => {
      const who = delivery.consumer === 'desktop' ? 'its desktop' : delivery.consumer === 'http' ? 'get-next-event (HTTP)' : `the script's ${delivery.consumer}`;
      this.add({ at: delivery.at, kind: 'delivered', agentId: delivery.agentId, events: delivery.events as AgentEvent[], text: `agent ${delivery.agentId}: ${who} receives ${delivery.events.length} event${delivery.events.length === 1 ? '' : 's'}` });
    });
  }
}
