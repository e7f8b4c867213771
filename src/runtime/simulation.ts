import type { AgentStateName, CustomEventRecord, JoinResult, RouteChange, RouteRequest, RouteUpdate, TerminateResult } from '../actions/types.ts';
import type { Value } from '../expression/values.ts';
import type { CompiledScript } from '../compile/compile.ts';
import type { AgentSpec, ExternalEvent, InitialAgentState, Scenario } from '../validate/scenario.ts';
import { chosenRules, quoteValue } from '../actions/rules.ts';
import type { ScenarioSignal } from '../validate/signals.ts';
import { agentStateMessage, callContactMessage, noStation, sessionStartMessage, type CallStatus, type Station } from './agent-events.ts';
import type { RuntimeClock } from './clock.ts';
import { Contact } from './contact.ts';
import { AgentEventStream, maxCustomEventDataChars } from './event-stream.ts';
import type { Outgoing } from './http.ts';
import { spawnTarget, type SpawnedContact } from './spawned.ts';
import { failedReasons, stepPlace, type CustomEventTrace, type Step, type WorldEvent } from './report.ts';
import { readCalendar, type Calendar } from '../validate/hours.ts';
import type { HoursProfile } from './hours.ts';

const isoTimes = new Map<number, string>();

/** A contact id as the trace quotes it: cut short when it is long, so hostile input cannot flood the log. */
function describeId(id: string): string {
  return id.length > 64 ? `"${id.slice(0, 61)}..." (${id.length} characters)` : `"${id}"`;
}

/** SP1, SP2, ... as a signal carries them, for the trace. */
function describeSignalValues(parameters: readonly string[]): string {
  return parameters.length === 0 ? '' : ` with ${parameters.map((value, index) => `SP${index + 1} = ${quoteValue(value)}`).join(', ')}`;
}

const round = (priority: number) => Math.round(priority * 100) / 100;

/** Virtual time 0 is this moment, for the StartTimeUTC fields of agent events. */
export const virtualEpochMs = Date.UTC(2026, 0, 1, 9, 0, 0);

/** Most scripts a business unit runs at once (the spawn documentation's 15,000). */
export const maxRunningScripts = 15_000;

interface Agent {
  spec: AgentSpec;
  id: string;
  firstName: string;
  lastName: string;
  state: AgentStateName;
  /** The reason given with Unavailable (an unavailable code), empty otherwise. */
  outReason: string;
  /** The station its session was started with. */
  station: Readonly<Station>;
  /** When the agent last became Available: the longest-idle agent is offered the next contact. */
  availableSince: number;
  contact: Contact | undefined;
  timer: unknown;
  stopPolling: (() => void) | undefined;
}

/** A contact Reqagent has routed: waiting in the queue, ringing at an agent, or answered. */
interface Routing {
  contact: Contact;
  request: RouteRequest;
  candidates: Agent[];
  queuedAt: number;
  skill: string;
  agent: Agent | undefined;
  answerTimer: unknown;
  answered: boolean;
  /** The agent has the call on hold. */
  onHold: boolean;
}

/**
 * Who watches the world as it happens (the playground's live feed). Runs
 * and tests have none, so watching costs them one property check.
 */
export interface WorldObserver {
  /** A contact took (or was cut short in) a step. */
  step(contact: Contact, step: Step): void;
  /** A contact stopped: before an action while the world is paused (`held`), or inside one that waits. */
  waiting(contact: Contact, why: 'held' | 'waits'): void;
  /** A custom event went into an agent's stream (from a script, the HTTP API or the scenario). */
  emitted(event: CustomEventTrace): void;
  /** Something happened in the world (logins, routing, deliveries ...). */
  world(event: WorldEvent): void;
}

/**
 * The simulated world around contacts: agents with their logins, states and
 * desktops, the routing queue behind Reqagent, and the agent event stream.
 * Everything happens on the injected clock.
 */
export class Simulation {
  readonly clock: RuntimeClock;
  readonly stream: AgentEventStream;
  readonly world: WorldEvent[] = [];
  readonly customEvents: CustomEventTrace[] = [];
  readonly contacts: Contact[] = [];
  readonly #agents = new Map<string, Agent>();
  readonly #queue: Routing[] = [];
  readonly #routed = new Map<Contact, Routing>();
  #contactCounter = 0;
  #seq = 0;
  /** Security users SetSecurityUser made, by the token their value carries, to the agent each acts as. */
  readonly #securityUsers = new Map<string, string>();
  /** Skill ids by lower-case skill name, numbered in the order skills are first seen. */
  readonly #skillIds = new Map<string, string>();
  /** While the clock stands still, each contact stops before its next action until it is stepped. */
  get paused(): boolean {
    return this.clock.paused === true;
  }

  observer: WorldObserver | undefined;

  /**
   * Whether to log what happens outside any contact (external custom events,
   * logins, deliveries). A run keeps everything for its report; a long-running
   * server keeps only what belongs to a contact, so memory stays bounded.
   */
  readonly #keepLog: boolean;
  /**
   * Whether to keep each contact and what the log says of it once it has
   * ended. Many-contact runs that only count outcomes do not, so their memory
   * (and the collector's work) stays flat as the count grows.
   */
  readonly #keepContacts: boolean;
  /** Contacts that have started and not ended. */
  readonly running = new Set<Contact>();
  /** How many ended contacts failed (a budget ran out). */
  failedContacts = 0;

  /** Real outgoing REST calls for the hosts a server allows (serve --allow-http); without it every call is answered by the scenario's mocks. */
  readonly outgoing: Outgoing | undefined;
  /** The calendar virtual time runs on, and the business unit's zone. */
  readonly calendar: Calendar;
  /** Hours-of-operation profiles by lower-case name. */
  readonly hours: Readonly<Record<string, HoursProfile>>;
  /** How outside numbers answer the actions that dial them. */
  readonly numbers: Readonly<Scenario['numbers']>;

  constructor(
    clock: RuntimeClock,
    agents: readonly AgentSpec[],
    events: readonly ExternalEvent[] = [],
    options: { keepReceived?: boolean; keepLog?: boolean; keepContacts?: boolean; maxPendingEvents?: number; calendar?: Calendar; hours?: Readonly<Record<string, HoursProfile>>; numbers?: Readonly<Scenario['numbers']>; outgoing?: Outgoing } = {},
  ) {
    this.clock = clock;
    this.outgoing = options.outgoing;
    this.calendar = options.calendar ?? readCalendar(undefined, []);
    this.hours = options.hours ?? {};
    this.numbers = options.numbers ?? [];
    this.#keepLog = options.keepLog ?? true;
    this.#keepContacts = options.keepContacts ?? true;
    this.stream = new AgentEventStream(clock, { keepReceived: options.keepReceived ?? true, ...(options.maxPendingEvents !== undefined ? { maxPending: options.maxPendingEvents } : {}) });
    this.stream.on('delivered', (delivery) => {
      // Batches of platform events alone are routine; the log keeps those that carry custom events.
      if (!delivery.events.some((e) => e['type'] === 'CustomEvent')) return;
      const names = delivery.events.map((e) => String(e['eventName'] ?? e['Type'] ?? e['type'])).join(', ');
      const who = delivery.consumer === 'desktop' ? `the desktop of agent ${delivery.agentId}` : `${delivery.consumer} (session of agent ${delivery.agentId})`;
      this.#log({ kind: 'delivered', agentId: delivery.agentId, text: `${who} receives ${names}` });
    });
    this.stream.on('discarded', (agentId, event) => {
      this.#log({ kind: 'discarded', agentId, text: `${String(event['eventName'] ?? event['Type'])} for agent ${agentId} was dropped: the session ended before it was polled and it was not persisted` });
    });
    for (const spec of agents) this.#addAgent(spec);
    for (const event of events) clock.setTimeout(() => this.#external(event), event.atMs);
  }

  static forScenario(clock: RuntimeClock, scenario: Scenario): Simulation {
    return new Simulation(clock, scenario.agents, scenario.events, { maxPendingEvents: scenario.limits.maxPendingEvents, calendar: scenario.calendar, hours: scenario.hours, numbers: scenario.numbers });
  }

  /** Forgets a finished contact and what the log kept of it (a long-running server keeps memory bounded). */
  forget(contact: Contact): void {
    const index = this.contacts.indexOf(contact);
    if (index >= 0) this.contacts.splice(index, 1);
    const keep = <T extends { contactId?: string }>(list: T[]) => {
      let kept = 0;
      for (const entry of list) if (entry.contactId !== contact.id) list[kept++] = entry;
      list.length = kept;
    };
    keep(this.customEvents);
    keep(this.world);
  }

  /** Starts a contact on a compiled script; a live caller presses keys as it goes instead of the scenario's input. */
  startContact(compiled: CompiledScript, scenario: Scenario, options: { live?: boolean; contactId?: string; masterId?: string } = {}): Contact {
    const contactId = options.contactId ?? `contact-${++this.#contactCounter}`;
    this.#scenarios.set(contactId, scenario);
    const contact = new Contact(this, compiled, {
      contactId,
      live: options.live === true,
      ani: scenario.caller.ani,
      dnis: scenario.caller.dnis,
      input: scenario.caller.input,
      variables: scenario.variables,
      parameters: scenario.parameters,
      maxSteps: scenario.limits.maxSteps,
      maxValueChars: scenario.limits.maxValueChars,
      http: scenario.http,
      numbers: scenario.numbers,
      ...(options.masterId !== undefined ? { masterId: options.masterId } : {}),
      ...(scenario.caller.hangupAfterMs !== undefined ? { hangupAfterMs: scenario.caller.hangupAfterMs } : {}),
    });
    if (this.#keepContacts) this.contacts.push(contact);
    this.running.add(contact);
    this.#runningById.set(contact.id, contact);
    contact.start();
    return contact;
  }

  /**
   * The UTC instant of a virtual time: from the scenario's clock.startAt
   * when it gives one, else from a real clock's start on the server, else
   * from the default calendar.
   */
  instant(ms = this.clock.now()): number {
    return (this.calendar.explicit ? this.calendar.startMs : (this.clock.epochMs ?? this.calendar.startMs)) + ms;
  }

  isoTime(ms = this.clock.now()): string {
    const at = (this.calendar.explicit ? this.calendar.startMs : (this.clock.epochMs ?? virtualEpochMs)) + ms;
    let text = isoTimes.get(at);
    if (text === undefined) {
      // Runs share their virtual times (logins at 0, answers at the same delays): remember the strings.
      if (isoTimes.size > 10_000) isoTimes.clear();
      text = new Date(at).toISOString();
      isoTimes.set(at, text);
    }
    return text;
  }

  // --- agents --------------------------------------------------------------

  /** Adds an agent (logged out unless its spec says otherwise); false when the id is taken. */
  addAgent(spec: AgentSpec): boolean {
    if (this.#agents.has(spec.id)) return false;
    this.#addAgent(spec);
    return true;
  }

  /** Logs an agent in (its session starts); false for an agent the simulation does not know. */
  login(agentId: string, state: 'Available' | 'Unavailable' = 'Available', station: Readonly<Station> = noStation): string | undefined {
    const agent = this.#agents.get(agentId);
    if (!agent) return undefined;
    if (!this.stream.isConnected(agentId)) agent.station = station;
    this.#login(agent, state);
    return this.stream.openSession(agentId);
  }

  /** Logs an agent out (its session ends); false when it was not logged in. */
  logout(agentId: string): boolean {
    const agent = this.#agents.get(agentId);
    if (!agent || !this.stream.isConnected(agentId)) return false;
    this.#logout(agent);
    return true;
  }

  /** The agents as the simulation sees them now. */
  agents(): Array<{ id: string; firstName: string; lastName: string; skills: string[]; state: AgentStateName; sessionId: string | null; pending: number; desktop: boolean }> {
    return this.stream.agentIds().map((id) => {
      const agent = this.#agents.get(id);
      return {
        id,
        firstName: agent?.firstName ?? '',
        lastName: agent?.lastName ?? '',
        skills: agent?.spec.skills ?? [],
        state: agent?.state ?? 'LoggedOut',
        sessionId: this.stream.openSession(id) ?? null,
        pending: this.stream.pending(id).length,
        desktop: agent?.spec.polls ?? false,
      };
    });
  }

  #addAgent(spec: AgentSpec): void {
    const agent: Agent = { spec, id: spec.id, firstName: spec.firstName, lastName: spec.lastName, state: 'LoggedOut', outReason: '', station: noStation, availableSince: 0, contact: undefined, timer: undefined, stopPolling: undefined };
    this.#agents.set(spec.id, agent);
    for (const skill of spec.skills) this.skillId(skill);
    this.stream.addAgent(spec.id);
    if (spec.state !== 'LoggedOut') this.#login(agent, spec.state);
    if (spec.loginAfterMs !== undefined) this.clock.setTimeout(() => this.#login(agent, 'Available'), spec.loginAfterMs);
    if (spec.logoutAfterMs !== undefined) this.clock.setTimeout(() => this.#logout(agent), spec.logoutAfterMs);
  }

  agentState(agentId: string): AgentStateName | undefined {
    return this.#agents.get(agentId)?.state;
  }

  agentIds(): string[] {
    return this.stream.agentIds();
  }

  agentOf(contact: Contact): { id: string; firstName: string; lastName: string } | undefined {
    return this.#routed.get(contact)?.agent;
  }

  skillOf(contact: Contact): string {
    return this.#routed.get(contact)?.skill ?? '';
  }

  #setState(agent: Agent, state: AgentStateName, outReason = ''): void {
    agent.state = state;
    agent.outReason = outReason;
    if (state === 'Available') agent.availableSince = this.clock.now();
    this.stream.push(agent.id, agentStateMessage(state, this.isoTime(), outReason));
  }

  /**
   * The agent sets its own state (its desktop's Available / Unavailable
   * button, with an unavailable reason). Going Available offers it the
   * contact waiting longest for it. Refused while a contact rings or is
   * answered, and for an agent without a session.
   */
  setState(agentId: string, state: 'Available' | 'Unavailable', reason = ''): 'set' | 'unknown' | 'loggedOut' | 'onContact' {
    const agent = this.#agents.get(agentId);
    if (!agent) return 'unknown';
    if (!this.stream.isConnected(agentId)) return 'loggedOut';
    if (agent.contact) return 'onContact';
    this.#setState(agent, state, state === 'Unavailable' ? reason : '');
    this.#log({ kind: 'state', agentId, text: `agent ${agentId} sets its state to ${state}${state === 'Unavailable' && reason ? ` (${reason})` : ''}` });
    if (state === 'Available') this.#dispatch(agent);
    return 'set';
  }

  /**
   * Another client joined the agent's open session: it is told the session's
   * start, the agent's state and the call it has, if any, as the platform
   * describes a joined session. The session id, or undefined when the agent
   * has none open.
   */
  joined(agentId: string): string | undefined {
    const agent = this.#agents.get(agentId);
    const sessionId = this.stream.openSession(agentId);
    if (!agent || sessionId === undefined) return undefined;
    this.stream.push(agentId, sessionStartMessage(agentId, sessionId, agent.station));
    this.stream.push(agentId, agentStateMessage(agent.state, this.isoTime(), agent.outReason));
    const routing = agent.contact ? this.#routed.get(agent.contact) : undefined;
    if (routing && routing.agent === agent) this.#call(routing, !routing.answered ? 'Incoming' : routing.onHold ? 'Holding' : 'Active');
    return sessionId;
  }

  /** The contact ringing at the agent or answered by it, if any. */
  contactAt(agentId: string): { contactId: string; answered: boolean } | undefined {
    const contact = this.#agents.get(agentId)?.contact;
    const routing = contact ? this.#routed.get(contact) : undefined;
    return contact && routing ? { contactId: contact.id, answered: routing.answered } : undefined;
  }

  /**
   * A skill's id, as agent events carry it: a skill named by a number is its
   * own id; others are numbered 1, 2, ... in the order the simulation first
   * sees them (the agents' skills first). No skill has the empty id.
   */
  skillId(skill: string): string {
    if (skill === '' || /^\d+$/.test(skill)) return skill;
    const key = skill.toLowerCase();
    let id = this.#skillIds.get(key);
    if (id === undefined) {
      id = String(this.#skillIds.size + 1);
      this.#skillIds.set(key, id);
    }
    return id;
  }

  #login(agent: Agent, state: Exclude<InitialAgentState, 'LoggedOut'>): void {
    if (this.stream.isConnected(agent.id)) return;
    agent.state = state;
    agent.outReason = '';
    agent.availableSince = this.clock.now();
    const sessionId = this.stream.startSession(agent.id, [agentStateMessage(state, this.isoTime())], agent.station);
    this.#log({ kind: 'login', agentId: agent.id, text: `agent ${agent.id} logs in (${state}), session ${sessionId}` });
    if (agent.spec.polls) this.#desktopPoll(agent, sessionId);
    if (state === 'Available') this.#dispatch(agent);
  }

  #desktopPoll(agent: Agent, sessionId: string): void {
    agent.stopPolling = this.stream.poll(sessionId, 'desktop', (result) => {
      agent.stopPolling = undefined;
      if (result.kind === 'events') this.#desktopPoll(agent, sessionId);
    });
  }

  #logout(agent: Agent): void {
    const sessionId = this.stream.openSession(agent.id);
    if (sessionId === undefined) return;
    agent.stopPolling?.();
    agent.stopPolling = undefined;
    const routing = agent.contact ? this.#routed.get(agent.contact) : undefined;
    if (routing && !routing.answered) {
      // The call was still ringing: it goes back to the queue, keeping its place.
      this.#cancelOffer(routing);
      this.#queue.push(routing);
      this.#log({ kind: 'queued', contactId: routing.contact.id, text: `${routing.contact.id} goes back to the queue: agent ${agent.id} logged out before answering` });
    } else if (agent.contact) {
      this.#release(agent);
    }
    agent.state = 'LoggedOut';
    this.stream.endSession(sessionId);
    this.#log({ kind: 'logout', agentId: agent.id, text: `agent ${agent.id} logs out` });
  }

  // --- security users and the script's agent-session actions --------------

  /** The specific description of an agent's state: the skill of its inbound contact, else the scenario's reason. */
  agentReason(agentId: string): string {
    const agent = this.#agents.get(agentId);
    if (!agent || agent.state === 'LoggedOut') return '';
    if (agent.state === 'InboundContact' && agent.contact) return this.skillOf(agent.contact);
    return agent.spec.reason ?? '';
  }

  /** SetSecurityUser: only an agent the scenario lists is a valid ACD user. */
  securityUser(agentId: string, timeZone: string): { ok: true; user: Value } | { ok: false; reason: string } {
    if (agentId === '') return { ok: false, reason: 'Agent is empty, so there is no ACD user to act as' };
    if (!this.#agents.has(agentId)) return { ok: false, reason: `agent ${agentId} is not in the scenario, so it is not a valid ACD user` };
    const token = `security-user-${this.#securityUsers.size + 1}`;
    this.#securityUsers.set(token, agentId);
    return { ok: true, user: { agentId, timeZone, token } };
  }

  securityUserAgent(value: Value | undefined): string | undefined {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const { token, agentId } = value as { readonly [key: string]: Value };
    if (typeof token !== 'string') return undefined;
    const agent = this.#securityUsers.get(token);
    return agent !== undefined && agent === agentId ? agent : undefined;
  }

  /**
   * JoinAgentSession: with no session id, the security user's agent's own
   * open session; with one, that session, which for another agent's session
   * takes impersonation (the scenario's `impersonate` on the security user's agent).
   */
  joinSession(asAgentId: string, sessionId: string): JoinResult {
    if (sessionId === '') {
      const own = this.stream.openSession(asAgentId);
      if (own === undefined) return { branch: 'InvalidAgentSession', note: `SessionId is empty and agent ${asAgentId}, the security user, has no open session to join` };
      return { branch: 'Success', sessionId: this.stream.currentPollId(own), note: `joined session ${own}, the security user's own (agent ${asAgentId})` };
    }
    const found = this.stream.lookup(sessionId);
    if (!found) {
      const agentPart = /^(.*)-session-\d+(\.\d+)?$/.exec(sessionId)?.[1];
      if (agentPart !== undefined && !this.#agents.has(agentPart)) return { branch: 'InvalidAgentId', note: `session ${sessionId} names agent ${agentPart}, whom the scenario does not list` };
      return { branch: 'InvalidAgentSession', note: `no session has the id ${sessionId}` };
    }
    if (!found.open) return { branch: 'InvalidAgentSession', note: `session ${found.sessionId} of agent ${found.agentId} has ended` };
    if (found.agentId !== asAgentId && this.#agents.get(asAgentId)?.spec.impersonate === false) {
      return { branch: 'ImpersonateNotEnabled', note: `session ${found.sessionId} belongs to agent ${found.agentId}, and agent ${asAgentId}, the security user, may not impersonate (impersonate: false in the scenario)` };
    }
    return { branch: 'Success', sessionId: this.stream.currentPollId(found.sessionId), note: `joined session ${found.sessionId} of agent ${found.agentId}` };
  }

  /** TerminateAgentSession: ends the agent's open session, as its logout. */
  terminateSession(asAgentId: string, agentId: string): TerminateResult {
    const agent = this.#agents.get(agentId);
    if (!agent) return { branch: 'OnInvalidAgentId', note: agentId === '' ? 'Agent Id is empty' : `agent ${agentId} is not in the scenario` };
    if (this.#agents.get(asAgentId)?.spec.terminateSessions === false) {
      return { branch: 'OnUnauthorized', note: `agent ${asAgentId}, the security user, may not end sessions (terminateSessions: false in the scenario)` };
    }
    const sessionId = this.stream.openSession(agentId);
    if (sessionId === undefined) return { branch: 'Default', note: `agent ${agentId} has no open session to end` };
    this.#logout(agent);
    return { branch: 'OnSuccess', note: `ended session ${sessionId} of agent ${agentId}; the agent is logged out` };
  }

  // --- custom events -------------------------------------------------------

  /** The CustomEvent rules, from a script's action or from outside (scenario events, the HTTP API). */
  customEvent(agentId: string, eventName: string, data: string, persist: boolean, source: string, explain?: (text: string) => void, contactId?: string): CustomEventRecord['delivery'] {
    if (!this.stream.hasAgent(agentId)) {
      // An agent the scenario does not list is one who never logs in.
      this.stream.addAgent(agentId);
      explain?.(`agent ${agentId} is not in the scenario, so it counts as logged out (${chosenRules.unknownAgent})`);
    }
    // Data a template built past the cap is refused whole (as the server answers 400), never cut short.
    const tooLong = data.length > maxCustomEventDataChars;
    const result = tooLong ? { delivery: 'refused' as const, replaced: false } : this.stream.customEvent(agentId, eventName, data, persist);
    if (explain) {
      const why =
        result.delivery === 'queued'
          ? `agent ${agentId} has an open session, so the event ${eventName} was queued for it (${chosenRules.connected})`
          : result.delivery === 'persisted'
            ? `agent ${agentId} is not connected and PersistInMemory is true, so ${eventName} is kept for its next login (${chosenRules.persisted})`
            : tooLong
              ? `Data is ${data.length} characters, over the ${maxCustomEventDataChars} a custom event may carry, so ${eventName} was refused and nothing was sent`
              : result.delivery === 'refused'
              ? `agent ${agentId} already holds ${this.stream.maxPending} undelivered events, the limit, so ${eventName} was refused (raise limits.maxPendingEvents)`
              : `agent ${agentId} is not connected and PersistInMemory is false, so ${eventName} was dropped (${chosenRules.dropped})`;
      explain(`${why}${result.replaced ? `; it replaced an undelivered ${eventName} (${chosenRules.overwrite})` : ''}`);
    }
    if (this.#keepLog || contactId || this.observer) {
      const trace: CustomEventTrace = { at: this.clock.now(), action: source, agentId, eventName, data, persistInMemory: persist, delivery: result.delivery, replaced: result.replaced, ...(contactId ? { contactId } : {}) };
      if (this.#keepLog || (contactId && this.#keepContacts)) this.customEvents.push(trace);
      this.observer?.emitted(trace);
    }
    return result.delivery;
  }

  recordNoTarget(source: string, eventName: string, data: string, persist: boolean, contactId?: string): void {
    this.customEvents.push({ at: this.clock.now(), action: source, agentId: '', eventName, data, persistInMemory: persist, delivery: 'noTarget', replaced: false, ...(contactId ? { contactId } : {}) });
  }

  #external(event: ExternalEvent): void {
    const delivery = this.customEvent(event.agentId, event.eventName, event.data, event.persistInMemory, 'scenario');
    this.#log({ kind: 'external', agentId: event.agentId, text: `custom event ${event.eventName} sent to agent ${event.agentId} from outside: ${delivery}` });
  }

  // --- routing -------------------------------------------------------------

  request(contact: Contact, request: RouteRequest): { note: string } {
    let candidates: Agent[];
    let nobody = '';
    if (request.targetAgent) {
      const agent = this.#agents.get(request.targetAgent);
      candidates = agent ? [agent] : [];
      if (!agent) nobody = `agent ${request.targetAgent} is not in the scenario, so nobody will answer`;
    } else {
      const skill = request.skill.toLowerCase();
      candidates = [...this.#agents.values()].filter((a) => a.spec.skills.some((s) => s.toLowerCase() === skill));
      if (candidates.length === 0) nobody = `no agent in the scenario has skill ${request.skill}, so nobody will answer`;
    }
    this.#withdraw(contact);
    const routing: Routing = {
      contact,
      request,
      candidates,
      queuedAt: this.clock.now(),
      skill: request.skill || candidates[0]?.spec.skills[0] || '',
      agent: undefined,
      answerTimer: undefined,
      answered: false,
      onHold: false,
    };
    this.#routed.set(contact, routing);
    const free = this.#longestIdle(routing);
    if (free) {
      this.#offer(routing, free);
      return { note: `agent ${free.id} is available and is offered the contact; it answers after ${free.spec.answerAfterMs / 1000} s (${chosenRules.longestIdle})` };
    }
    this.#queue.push(routing);
    const states = candidates.map((a) => `${a.id} is ${a.state}`).join(', ');
    this.#log({ kind: 'queued', contactId: contact.id, text: `${contact.id} queued for ${request.targetAgent ? `agent ${request.targetAgent}` : `skill ${request.skill}`} (${states})` });
    if (nobody) return { note: `the contact waits in the queue: ${nobody}` };
    return { note: `no agent is free (${states}), so the contact waits in the queue (${chosenRules.queued})` };
  }

  /** Whether the agent may take the contact: the one TargetAgent names, or one with its skill at a proficiency within its range. */
  #eligible(routing: Routing, agent: Agent): boolean {
    const { request } = routing;
    if (request.targetAgent) return agent.id === request.targetAgent;
    const skill = request.skill.toLowerCase();
    if (!agent.spec.skills.some((s) => s.toLowerCase() === skill)) return false;
    const level = agent.spec.proficiency?.[skill] ?? 1;
    return level >= (request.highProficiency ?? 1) && level <= (request.lowProficiency ?? 20);
  }

  /** The available agent idle longest who may take the contact. */
  #longestIdle(routing: Routing): Agent | undefined {
    let best: Agent | undefined;
    for (const agent of routing.candidates) {
      if (agent.state !== 'Available' || agent.contact || !this.#eligible(routing, agent)) continue;
      if (!best || agent.availableSince < best.availableSince) best = agent;
    }
    return best;
  }

  /** The queued routing of a contact, if it waits in the queue. */
  #queued(contact: Contact): Routing | undefined {
    return this.#queue.find((entry) => entry.contact === contact);
  }

  /**
   * UpdateContact: the queued contact's priority settings and proficiency
   * range change; its time in queue keeps counting, so the documented
   * formula (minutes x Acceleration) + Priority applies from now with the new
   * values. An agent the wider range now lets take it is offered it at once.
   */
  updateContact(contact: Contact, change: RouteUpdate): RouteChange {
    const routing = this.#queued(contact);
    if (!routing) return { ok: false, error: this.#notQueued(contact) };
    if (!routing.request.custom) return { ok: false, error: 'the contact was queued by a Reqagent whose PriorityManagement is not Custom, so its priority and proficiency cannot be updated' };
    const before = this.#priority(routing);
    const request = { ...routing.request };
    if (change.priority !== undefined) request.initialPriority = change.priority;
    if (change.maxPriority !== undefined) request.maxPriority = change.maxPriority;
    if (change.acceleration !== undefined) request.acceleration = change.acceleration;
    if (change.highProficiency !== undefined) request.highProficiency = change.highProficiency;
    if (change.lowProficiency !== undefined) request.lowProficiency = change.lowProficiency;
    if ((request.highProficiency ?? 1) > (request.lowProficiency ?? 20)) return { ok: false, error: `HighProficiency ${request.highProficiency ?? 1} is worse than LowProficiency ${request.lowProficiency ?? 20}: no agent can be in that range` };
    routing.request = request;
    const after = this.#priority(routing);
    const waited = (this.clock.now() - routing.queuedAt) / 1000;
    const range = `proficiency ${request.highProficiency ?? 1}-${request.lowProficiency ?? 20}`;
    const text = `${contact.id} updated after ${waited} s in queue: priority ${round(before)} -> ${round(after)} (Priority ${request.initialPriority}, Acceleration ${request.acceleration}/min, MaxPriority ${request.maxPriority}), ${range}`;
    this.#log({ kind: 'updated', contactId: contact.id, text });
    const offered = this.#offerWaiting(routing);
    return { ok: true, note: `priority ${round(before)} -> ${round(after)}, ${range}${offered ? `; agent ${offered} may take it now and is offered it` : ''}` };
  }

  /**
   * Reskill: the contact moves to another skill. Queued, it keeps its place
   * in time (its time in queue and priority settings) in the new skill's
   * queue; not yet queued, it is queued for the skill now with the skill's
   * priority settings.
   */
  reskill(contact: Contact, skill: string): RouteChange {
    if (skill === '') return { ok: false, error: 'TargetSkill is empty' };
    const routing = this.#routed.get(contact);
    if (routing && (routing.answered || routing.agent)) return { ok: false, error: `the contact is already ${routing.answered ? 'answered by' : 'ringing at'} agent ${routing.agent?.id ?? ''}, so it cannot move to another skill` };
    const queued = this.#queued(contact);
    if (!queued) {
      const routed = this.request(contact, { skill, targetAgent: '', initialPriority: 0, acceleration: 1, maxPriority: 1000 });
      return { ok: true, note: `the contact was not queued, so it is queued for skill ${skill}: ${routed.note}` };
    }
    const from = queued.request.targetAgent ? `agent ${queued.request.targetAgent}` : `skill ${queued.request.skill}`;
    queued.request = { ...queued.request, skill, targetAgent: '' };
    queued.skill = skill;
    const key = skill.toLowerCase();
    queued.candidates = [...this.#agents.values()].filter((a) => a.spec.skills.some((s) => s.toLowerCase() === key));
    this.#log({ kind: 'reskilled', contactId: contact.id, text: `${contact.id} moves from ${from} to skill ${skill}, keeping its ${(this.clock.now() - queued.queuedAt) / 1000} s in queue` });
    const offered = this.#offerWaiting(queued);
    const nobody = queued.candidates.length === 0 ? `; no agent in the scenario has skill ${skill}, so nobody will answer` : '';
    return { ok: true, note: `moved from ${from} to skill ${skill}${offered ? `; agent ${offered} is available and is offered it` : nobody}` };
  }

  #notQueued(contact: Contact): string {
    const routing = this.#routed.get(contact);
    if (!routing) return 'the contact is not in a queue: no Reqagent has queued it';
    if (routing.answered) return `the contact is no longer queued: agent ${routing.agent?.id ?? ''} answered it`;
    return `the contact is no longer queued: it is ringing at agent ${routing.agent?.id ?? ''}`;
  }

  /** A waiting contact whose routing changed is offered to an agent who may take it now, if one is free; that agent's id. */
  #offerWaiting(routing: Routing): string | undefined {
    const free = this.#longestIdle(routing);
    if (!free) return undefined;
    const index = this.#queue.indexOf(routing);
    if (index >= 0) this.#queue.splice(index, 1);
    this.#offer(routing, free);
    return free.id;
  }

  #call(routing: Routing, status: CallStatus): void {
    if (!routing.agent) return;
    const { contact } = routing;
    this.stream.push(routing.agent.id, callContactMessage({ contactId: contact.id, masterId: contact.masterId, status, ani: String(contact.variables.get('ANI') ?? ''), dnis: String(contact.variables.get('DNIS') ?? ''), skill: this.skillId(routing.skill), startTimeUtc: this.isoTime(routing.queuedAt), lastStateChangeTimeUtc: this.isoTime() }));
  }

  #offer(routing: Routing, agent: Agent): void {
    const { contact } = routing;
    agent.contact = contact;
    routing.agent = agent;
    this.#setState(agent, 'InboundContact');
    this.#call(routing, 'Incoming');
    this.#log({ kind: 'offered', agentId: agent.id, contactId: contact.id, text: `${contact.id} offered to agent ${agent.id}` });
    routing.answerTimer = this.clock.setTimeout(() => this.#answer(routing, agent), agent.spec.answerAfterMs);
  }

  #answer(routing: Routing, agent: Agent): void {
    const { contact } = routing;
    routing.answerTimer = undefined;
    routing.answered = true;
    this.#call(routing, 'Active');
    this.#log({ kind: 'answered', agentId: agent.id, contactId: contact.id, text: `agent ${agent.id} answers ${contact.id}` });
    agent.timer = this.clock.setTimeout(() => this.endContact(agent.id), agent.spec.hangupAfterMs);
    for (const hold of agent.spec.holds) {
      this.clock.setTimeout(() => routing.agent === agent && this.hold(agent.id), hold.afterMs);
      this.clock.setTimeout(() => routing.agent === agent && this.resume(agent.id), hold.afterMs + hold.forMs);
    }
    contact.answered();
  }

  /** The agent's answered contact, if it has one still on the line. */
  #answeredRouting(agentId: string): { agent: Agent; routing: Routing } | undefined {
    const agent = this.#agents.get(agentId);
    const routing = agent?.contact ? this.#routed.get(agent.contact) : undefined;
    if (!agent || !routing || !routing.answered || routing.agent !== agent) return undefined;
    return { agent, routing };
  }

  /**
   * The agent ends its answered call now: the caller is disconnected, the
   * contact is released (its OnRelease runs, if the script has one) and the
   * agent is free for the next contact. The contact's id, or undefined when
   * the agent has no answered call.
   */
  endContact(agentId: string): string | undefined {
    const found = this.#answeredRouting(agentId);
    if (!found) return undefined;
    const { agent, routing } = found;
    const { contact } = routing;
    routing.onHold = false;
    this.#log({ kind: 'agentHungUp', agentId, contactId: contact.id, text: `agent ${agentId} ends the call with ${contact.id}` });
    this.#call(routing, 'Disconnected');
    this.#release(agent);
    contact.agentHungUp();
    return contact.id;
  }

  /** The agent puts its answered call on hold: the script's OnHold runs, if it has one. The contact's id, or undefined when there is no call to hold. */
  hold(agentId: string): string | undefined {
    const found = this.#answeredRouting(agentId);
    if (!found || found.routing.onHold) return undefined;
    const { routing } = found;
    routing.onHold = true;
    this.#call(routing, 'Holding');
    const runs = routing.contact.hold();
    this.#log({ kind: 'hold', agentId, contactId: routing.contact.id, text: `agent ${agentId} puts ${routing.contact.id} on hold${runs ? '; OnHold runs' : routing.contact.done ? '; the script has ended, so nothing runs' : '; the script has no OnHold, so the caller hears silence'}` });
    return routing.contact.id;
  }

  /** The agent takes its call off hold: OnHold logic still running is abandoned. The contact's id, or undefined when no call is on hold. */
  resume(agentId: string): string | undefined {
    const found = this.#answeredRouting(agentId);
    if (!found || !found.routing.onHold) return undefined;
    const { routing } = found;
    routing.onHold = false;
    this.#call(routing, 'Active');
    const abandoned = routing.contact.resume();
    this.#log({ kind: 'resume', agentId, contactId: routing.contact.id, text: `agent ${agentId} takes ${routing.contact.id} off hold${abandoned ? `; the OnHold logic is abandoned (${chosenRules.offHold})` : ''}` });
    return routing.contact.id;
  }

  /** The agent answers the contact ringing at it now, without waiting for its answer delay; the contact's id, or undefined when none rings. */
  answerNow(agentId: string): string | undefined {
    const agent = this.#agents.get(agentId);
    const routing = agent?.contact ? this.#routed.get(agent.contact) : undefined;
    if (!agent || !routing || routing.answered || routing.answerTimer === undefined) return undefined;
    this.clock.clearTimeout(routing.answerTimer);
    this.#answer(routing, agent);
    return routing.contact.id;
  }

  /** The agent is done with its contact: Available again, and offered the next one waiting. */
  #release(agent: Agent): void {
    if (agent.timer !== undefined) this.clock.clearTimeout(agent.timer);
    agent.timer = undefined;
    if (!this.#keepContacts && agent.contact?.done) this.#routed.delete(agent.contact);
    agent.contact = undefined;
    if (this.stream.isConnected(agent.id)) {
      this.#setState(agent, 'Available');
      this.#dispatch(agent);
    }
  }

  #priority(entry: Routing): number {
    const minutes = (this.clock.now() - entry.queuedAt) / 60_000;
    return Math.min(entry.request.maxPriority, entry.request.initialPriority + entry.request.acceleration * minutes);
  }

  /**
   * The contacts waiting in the queue, in the order an agent free for them
   * would take them: the highest priority first (the documented formula, as
   * of now), among equals the one queued first. Contacts ringing at an agent
   * or answered are not in it.
   */
  queueOrder(): Array<{ contactId: string; priority: number; queuedAt: number; skill: string; targetAgent: string }> {
    return this.#queue
      .map((entry, index) => ({ entry, index, priority: this.#priority(entry) }))
      .sort((a, b) => b.priority - a.priority || a.index - b.index)
      .map(({ entry, priority }) => ({ contactId: entry.contact.id, priority, queuedAt: entry.queuedAt, skill: entry.request.skill, targetAgent: entry.request.targetAgent }));
  }

  /** Offers the agent the waiting contact with the highest priority, the longest waiting first among equals. */
  #dispatch(agent: Agent): void {
    if (agent.state !== 'Available') return;
    let best = -1;
    let bestPriority = -Infinity;
    for (let i = 0; i < this.#queue.length; i++) {
      const entry = this.#queue[i] as Routing;
      if (!this.#eligible(entry, agent)) continue;
      const priority = this.#priority(entry);
      if (priority > bestPriority) {
        best = i;
        bestPriority = priority;
      }
    }
    if (best < 0) return;
    const [entry] = this.#queue.splice(best, 1) as [Routing];
    this.#offer(entry, agent);
  }

  /** An offer that was not answered goes away: the agent hears the call is gone and is free again. */
  #cancelOffer(routing: Routing): void {
    if (routing.answerTimer === undefined) return;
    this.clock.clearTimeout(routing.answerTimer);
    routing.answerTimer = undefined;
    const agent = routing.agent;
    this.#call(routing, 'Disconnected');
    routing.agent = undefined;
    if (agent) this.#release(agent);
  }

  /** Takes a contact out of routing: out of the queue, or its unanswered offer withdrawn. */
  #withdraw(contact: Contact): void {
    const index = this.#queue.findIndex((q) => q.contact === contact);
    if (index >= 0) this.#queue.splice(index, 1);
    const routing = this.#routed.get(contact);
    if (routing && !routing.answered) this.#cancelOffer(routing);
  }

  /** The caller is gone (hung up, or the script hung up): routing stops, an agent on the call is told and freed. */
  callerLeft(contact: Contact, why: 'callerHungUp' | 'scriptHungUp' | 'transferred', text = ''): void {
    if (why === 'callerHungUp') this.#log({ kind: 'callerHungUp', contactId: contact.id, text: `the caller of ${contact.id} hangs up` });
    if (why === 'transferred') this.#log({ kind: 'transferred', contactId: contact.id, text });
    this.#withdraw(contact);
    const routing = this.#routed.get(contact);
    const agent = routing?.agent;
    if (routing?.answered && agent && agent.contact === contact) {
      this.#call(routing, 'Disconnected');
      this.#release(agent);
    }
  }

  /** How many contacts have ended. */
  endedContacts = 0;

  /** The scenario each contact started with (a spawned contact inherits its parent's world: mocks, outbound answers, limits). */
  readonly #scenarios = new Map<string, Scenario>();
  /** Contacts Spawn started, in the order they were spawned. */
  readonly spawned: SpawnedContact[] = [];

  /**
   * Spawn: the named script runs as a new contact on the same clock, now or
   * at `startAt`; it has no caller on the line. At most `maxRunningScripts`
   * run at once, as in a business unit.
   */
  spawn(parent: Contact, actionId: string, request: { scriptName: string; parameters: readonly string[]; startAt?: number }): { ok: true; contactId: string; delayMs: number } | { ok: false; reason: string } {
    const target = spawnTarget(parent.compiled, request.scriptName);
    if (!target.ok) return target;
    if (this.running.size + this.spawned.filter((s) => s.reason === undefined && s.startsAt > this.clock.now()).length >= maxRunningScripts) {
      return { ok: false, reason: `${maxRunningScripts} scripts are running already, the most a business unit runs` };
    }
    const parentScenario = this.#scenarios.get(parent.id);
    if (parentScenario === undefined) return { ok: false, reason: `contact ${parent.id} has no world to spawn into` };
    const contactId = `contact-${++this.#contactCounter}`;
    const variables: Record<string, Value> = Object.create(null);
    // Begin takes p1 to p9; p10 to p20 arrive as plain variables.
    request.parameters.forEach((value, index) => {
      if (index >= 9) variables[`p${index + 1}`] = value;
    });
    const scenario: Scenario = { ...parentScenario, caller: { ani: '', dnis: '', input: [] }, variables, parameters: request.parameters.slice(0, 9) };
    const now = this.clock.now();
    const delayMs = request.startAt === undefined ? 0 : Math.max(0, request.startAt - ((this.clock.epochMs ?? virtualEpochMs) + now));
    const record: SpawnedContact = { contactId, parent: parent.id, action: actionId, script: target.compiled.script.name, file: target.compiled.script.source.file, startsAt: now + delayMs, path: [] };
    this.spawned.push(record);
    this.#spawnedScripts.set(contactId, target.compiled);
    this.clock.setTimeout(() => {
      // The Master ID is the common identifier of a parent script and its child (the spawn pages).
      const child = this.startContact(target.compiled, scenario, { contactId, masterId: parent.masterId });
      this.#spawnedContacts.set(contactId, child);
    }, delayMs);
    return { ok: true, contactId, delayMs };
  }

  readonly #spawnedContacts = new Map<string, Contact>();
  /** The script each spawned contact runs (known before it starts, when it has a StartDate). */
  readonly #spawnedScripts = new Map<string, CompiledScript>();

  /** The script a Spawn started (or will start) as this contact; undefined for any other contact. */
  spawnedScript(contactId: string): CompiledScript | undefined {
    return this.#spawnedScripts.get(contactId);
  }

  // --- signals -------------------------------------------------------------

  /** Contacts that have started and not ended, by id: what a Signal's ContactID finds. */
  readonly #runningById = new Map<string, Contact>();

  /** A running contact by its id (a signal's target). */
  runningContact(contactId: string): Contact | undefined {
    return this.#runningById.get(contactId);
  }

  /**
   * Signal: `sourceId` signals the contact `contactId`. A contact that runs,
   * or that a Spawn just started (it begins at this instant), is signalled;
   * the signal is delivered at this same virtual instant, once the sender's
   * step is over (a timer of 0 ms: timers due together fire in the order they
   * were set, so the run is deterministic). Anything else is the action's
   * OnError, with why.
   */
  signal(sourceId: string, contactId: string, parameters: readonly string[]): { ok: true; note: string } | { ok: false; error: string } {
    const id = contactId.trim();
    if (id === '') return { ok: false, error: 'ContactID is empty: there is no contact to signal' };
    const running = this.#runningById.get(id);
    const starting = running === undefined ? this.spawned.find((record) => record.contactId === id && !this.#spawnedContacts.has(id)) : undefined;
    if (running === undefined && starting === undefined) {
      const ended = this.contacts.some((contact) => contact.id === id) || this.spawned.some((record) => record.contactId === id);
      return { ok: false, error: `contact ${describeId(id)} ${ended ? 'has ended' : 'does not exist'}, so it cannot be signalled` };
    }
    if (starting !== undefined && starting.startsAt > this.clock.now()) {
      return { ok: false, error: `contact ${id} was spawned with a StartDate and has not started yet (it starts at ${starting.startsAt / 1000} s), so it cannot be signalled` };
    }
    this.clock.setTimeout(() => this.#deliverSignal(sourceId, id, parameters), 0);
    const values = describeSignalValues(parameters);
    const what = running === undefined ? 'it starts at this instant, and the signal reaches it then' : running.handlesSignals ? 'its OnSignal runs at this instant, once this step is over' : `its script has no OnSignal, so the signal changes nothing there (${chosenRules.signalWithoutOnSignal})`;
    return { ok: true, note: `signals contact ${id}${sourceId === id ? ' (this contact itself)' : ''}${values}: ${what}` };
  }

  /**
   * A signal from outside any script (the scenario's `signals`, the HTTP
   * API): its source contact ID is 0, as the OnSignal page says of a signal
   * from a URL or a web service. False when no contact of that id runs.
   */
  signalFromOutside(contactId: string, parameters: readonly string[]): boolean {
    if (!this.#runningById.has(contactId)) {
      this.#log({ kind: 'signaled', text: `a signal from outside for contact ${describeId(contactId)} finds no running contact of that id, so nothing happens` });
      return false;
    }
    this.#deliverSignal('0', contactId, parameters);
    return true;
  }

  /** The scenario's `signals`, each at its time from now; `caller` is the contact the run started. */
  scheduleSignals(signals: readonly ScenarioSignal[], callerId: string): void {
    for (const signal of signals) this.clock.setTimeout(() => this.signalFromOutside(signal.contact === 'caller' ? callerId : signal.contact, signal.parameters), signal.atMs);
  }

  #deliverSignal(sourceId: string, contactId: string, parameters: readonly string[]): void {
    const target = this.#runningById.get(contactId);
    const from = sourceId === '0' ? 'outside (source contact ID 0)' : `contact ${sourceId}`;
    if (target === undefined) {
      this.#log({ kind: 'signaled', contactId, text: `the signal from ${from} finds contact ${contactId} gone: it ended before the signal arrived` });
      return;
    }
    const runs = target.handlesSignals;
    this.#log({ kind: 'signaled', contactId, text: `contact ${contactId} is signalled by ${from}${describeSignalValues(parameters)}${runs ? '; its OnSignal runs' : `; its script has no OnSignal, so nothing changes (${chosenRules.signalWithoutOnSignal})`}` });
    if (runs) target.receiveSignal(sourceId, parameters);
  }

  /** The spawned contacts as they stand: how each ended (or that it runs) and its path. */
  spawnedReport(): SpawnedContact[] {
    return this.spawned.map((record) => {
      const contact = this.#spawnedContacts.get(record.contactId);
      if (contact === undefined) return { ...record };
      return { ...record, path: contact.steps.map(stepPlace), steps: contact.steps, variables: contact.variables.toRecord(), ...(contact.reason === undefined ? {} : { reason: contact.reason }), ...(contact.endedAt === undefined ? {} : { endedAt: contact.endedAt }) };
    });
  }

  contactEnded(contact: Contact): void {
    this.endedContacts++;
    if (contact.reason !== undefined && failedReasons.has(contact.reason)) this.failedContacts++;
    this.running.delete(contact);
    this.#runningById.delete(contact.id);
    // An ended contact spawns nothing more; a long-running server forgets the contacts it spawned once they end.
    this.#scenarios.delete(contact.id);
    if (!this.#keepContacts && this.#spawnedContacts.delete(contact.id)) {
      const index = this.spawned.findIndex((record) => record.contactId === contact.id);
      if (index >= 0) this.spawned.splice(index, 1);
    }
    // A contact still waiting in the queue, or ringing at an agent, goes with its script;
    // one an agent answered stays with the agent.
    this.#withdraw(contact);
    this.#log({ kind: 'contactEnded', contactId: contact.id, text: `${contact.id} ends: ${contact.reason ?? ''}` });
    // Nothing asks which agent a finished contact had, once no agent is on the call with it
    // (a caller an agent answered stays with the agent until one of them hangs up).
    const routing = this.#routed.get(contact);
    if (!this.#keepContacts && !(routing?.answered && routing.agent?.contact === contact)) this.#routed.delete(contact);
  }

  /** The next number in the order of happening shared by steps and world events. */
  nextSeq(): number {
    return this.#seq++;
  }

  #log(event: Omit<WorldEvent, 'at' | 'seq'>): void {
    if (!this.#keepLog && !event.contactId && !this.observer) return;
    const logged: WorldEvent = { at: this.clock.now(), seq: this.nextSeq(), ...event };
    if (this.#keepLog || (event.contactId && this.#keepContacts)) this.world.push(logged);
    this.observer?.world(logged);
  }

  /** A contact took a step: the observer, if any, hears of it. */
  stepTaken(contact: Contact, step: Step): void {
    this.observer?.step(contact, step);
  }

  contactHeld(contact: Contact): void {
    this.observer?.waiting(contact, 'held');
  }

  contactWaits(contact: Contact): void {
    this.observer?.waiting(contact, 'waits');
  }
}
