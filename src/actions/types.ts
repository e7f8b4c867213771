import type { Diagnostic, PathSegment } from '../diagnostics/diagnostic.ts';
import type { Value } from '../expression/values.ts';
import type { HttpCall, HttpRequest } from '../runtime/http.ts';
import type { HoursProfile } from '../runtime/hours.ts';
import type { NumberEntry } from '../validate/numbers.ts';
import type { ScriptType } from './script-types.ts';

/** The JSON Schema (draft-07) fragments the action files are written in. */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  $ref?: string;
  $comment?: string;
  title?: string;
  description?: string;
  type?: string | string[];
  enum?: readonly unknown[];
  const?: unknown;
  default?: unknown;
  examples?: readonly unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minProperties?: number;
  maxProperties?: number;
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  allOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  if?: JsonSchema;
  then?: JsonSchema;
  definitions?: Record<string, JsonSchema>;
}

/** How a property's string value is read. */
export type PropertyKind =
  /** Text with `{expression}` substitutions. */
  | 'template'
  /** A whole expression, without braces (If). */
  | 'expression'
  /** The name of a variable the action reads (Case). */
  | 'variableRead'
  /** The name of a variable the action writes (Assign, Capture, ...). */
  | 'variableWrite'
  /** A plain value (numbers, booleans). */
  | 'value'
  /** Snippet code (the Snippet action's Data). */
  | 'snippet';

export interface PropertySpec {
  kind: PropertyKind;
  schema: JsonSchema;
  required?: boolean;
  /** How the property is read when that depends on the action's other properties (Assign's Value with Type Numeric is an expression). */
  kindWhen?(properties: Readonly<Record<string, unknown>>): PropertyKind;
  /** The web Studio's spaced label for the property ("Target Agent"), when it differs from the Desktop name: a script using it gets a did-you-mean and `fix` rewrites it. */
  label?: string;
}

/**
 * A property or branch name an earlier studio-sim used where the vendor has
 * another (or none): validation reports it with the vendor's name and `fix`
 * rewrites it.
 */
export interface FormerName {
  /** The vendor's name that replaces it; absent when the vendor has no such property or branch and `fix` removes it. */
  now?: string;
  /** Why it changed and what to do by hand, in a sentence (the diagnostic's hint). */
  hint: string;
}

export interface BranchSpec {
  name: string;
  description: string;
}

/** One action of a script after the schema check, with `next` folded into `branches.Default`. */
export interface ScriptAction {
  id: string;
  type: string;
  caption?: string;
  /** Property values as written (null prototype: ids and keys are data, never prototypes). */
  properties: Record<string, unknown>;
  /** Branch name to target id (null prototype). */
  branches: Record<string, string>;
}

/** What an action's own semantic check may use. */
export interface CheckContext {
  /** Whether a Begin-rooted path can reach the action before any OnAnswer has run. */
  reachableBeforeAnswer(actionId: string): boolean;
  report(path: readonly PathSegment[], fields: Pick<Diagnostic, 'code' | 'severity' | 'message'> & { hint?: string }, anchor?: 'key' | 'value'): void;
}

export type ActionCategory = 'Flow' | 'Prompts and input' | 'Data' | 'Routing' | 'Agent events' | 'Events' | 'Ending';

export interface ActionDefinition {
  type: string;
  category: ActionCategory;
  /** One line for tables and completion. */
  summary: string;
  /** A paragraph of help text: what the action does and how studio-sim runs it. */
  description: string;
  /** Event actions (OnAnswer, OnRelease) are entered when something happens, never through a branch. */
  event?: boolean;
  /** Actions with no branches at all (End). */
  terminal?: boolean;
  /** Hangup and End: when the script has an OnRelease and the contact is not yet released, the script goes on there (outcome `jumpToOnRelease`). */
  invokesOnRelease?: boolean;
  /** Actions that can take time (a delay, or a wait settled from outside), and so can be pre-empted. */
  waits?: boolean;
  /** For an action that `waits` only when written a certain way (a Snippet making REST calls): whether this one takes time, for the endless-loop check. */
  takesTime?(action: ScriptAction): boolean;
  properties: Record<string, PropertySpec>;
  branches: BranchSpec[];
  /** Menu and Case: branches named after the value that selects them. */
  valueBranches?: { description: string; pattern?: string; examples: string[] };
  /** Variables the action always sets, whatever its properties say (OnAnswer's AgentId ...). */
  outputs?: string[];
  /** Variables the action sets that depend on how it is written (Begin's renamed parameters). */
  definesVariables?(action: ScriptAction): string[];
  /** Property names earlier studio-sim versions used for this action, keyed by the old name. */
  formerProperties?: Record<string, FormerName>;
  /** Branch names earlier studio-sim versions used for this action, keyed by the old name. */
  formerBranches?: Record<string, FormerName>;
  /** Values earlier studio-sim versions assumed when a property was left out (Menu and Capture stored the keys in DigitsEntered): `fix` writes them out. */
  formerDefaults?: Record<string, string>;
  /** A minimal YAML example of the action, keyed by its id. */
  example: string;
  /**
   * The script media types the vendor's page lists under Supported Script
   * Types (as `mediaType` spells them): a script of another type that uses the
   * action is an error, `unsupported-script-type`. Every action sets it, so
   * that a script that passes here is one the platform accepts.
   */
  scriptTypes: readonly ScriptType[];
  /** How to do the action's work in a script type it does not support (End in a Chat script), for the diagnostic's hint. */
  scriptTypesHint?: string;
  /** Checks the schema cannot express. */
  check?(action: ScriptAction, context: CheckContext): void;
  /** What the action does when a contact reaches it. */
  run(runtime: ActionRuntime): Outcome;
}

/**
 * What a scripted caller enters at one Menu or Capture: keys pressed
 * `afterMs` after it starts, or keys typed ahead (during an earlier prompt,
 * so they wait in the digit buffer when it starts), or silence.
 */
export type CallerInput = { kind: 'digits'; digits: string; afterMs: number; ahead?: boolean } | { kind: 'silence' };

/**
 * An agent's state as AgentState reports it (the vendor's ten branches, with
 * LoggedOut for NotLoggedIn). Routing only moves agents between LoggedOut,
 * Available, Unavailable and InboundContact; the others are states a scenario
 * puts an agent in (the simulation has no dialer, outbound calls or consults).
 */
export type AgentStateName = 'LoggedOut' | 'LoggedIn' | 'Available' | 'Unavailable' | 'InboundContact' | 'OutboundContact' | 'InboundConsult' | 'OutboundConsult' | 'Dialer';

/** A request to route the contact to an agent. */
export interface RouteRequest {
  skill: string;
  targetAgent: string;
  initialPriority: number;
  acceleration: number;
  maxPriority: number;
  /** Reqagent's PriorityManagement is Custom: UpdateContact may change the priority and proficiency range. */
  custom?: boolean;
  /** The proficiency range an agent must be in (1 best, 20 worst): from HighProficiency to LowProficiency. */
  highProficiency?: number;
  lowProficiency?: number;
}

/** How an outside number answers a call, from the scenario's `numbers`. */
export interface NumberAnswer {
  answer: 'Answered' | 'Busy' | 'NoAnswer' | 'InvalidNumber' | 'DialingError';
  /** Seconds of ringing before the answer (or the busy tone). */
  afterMs: number;
  /** Why, for the trace: the scenario's entry, or the rule for a number it does not list. */
  why: string;
}

/** Where a call went when it left the contact center. */
export interface TransferRecord {
  at: number;
  action: string;
  type: 'Transfer' | 'BlindXfer';
  destination: string;
  /** The caller id the destination sees (BlindXfer: the caller's ANI). */
  callerId: string;
  /** Transfer's outcome (its branch before falling back to Default), or Released for BlindXfer. */
  result: 'Answered' | 'Released';
}

/** What UpdateContact changes of a queued contact (what is left out stays). */
export interface RouteUpdate {
  priority?: number;
  maxPriority?: number;
  acceleration?: number;
  highProficiency?: number;
  lowProficiency?: number;
}

/** A change to a contact's routing, done, or why not (the action's OnError, with the reason in _ERR). */
export type RouteChange = { ok: true; note: string } | { ok: false; error: string };

/** An agent's events taken by a poll, or why there are none. */
export type PollResult = { kind: 'events'; events: ReadonlyArray<{ readonly [field: string]: Value }> } | { kind: 'ended' };

/** A session id as a script holds it, looked up: its session, and whether a newer poll id has been handed out since. */
export interface SessionLookup {
  /** The session's own id (what it was started or joined with). */
  sessionId: string;
  agentId: string;
  open: boolean;
  /** The id is older than the newest one a poll of this session handed out: events went to that newer poll. */
  stale: boolean;
}

/** What JoinAgentSession gets, by the vendor's branch names. */
export type JoinResult =
  | { branch: 'Success'; sessionId: string; note: string }
  | { branch: 'InvalidAgentSession' | 'InvalidAgentId' | 'ImpersonateNotEnabled'; note: string };

/** What TerminateAgentSession gets, by the vendor's branch names. */
export type TerminateResult = { branch: 'OnSuccess' | 'OnInvalidAgentId' | 'OnUnauthorized' | 'Default'; note: string };

/** A custom event as the trace records it. */
export interface CustomEventRecord {
  action: string;
  agentId: string;
  eventName: string;
  data: string;
  persistInMemory: boolean;
  delivery: 'queued' | 'persisted' | 'dropped' | 'refused' | 'noTarget';
  replaced: boolean;
}

/**
 * What an action may do to the contact and the simulated world. The runtime
 * implements it; actions never see the machine, the clock or the agents
 * directly, which keeps each action file small and testable.
 */
export interface ActionRuntime {
  readonly actionId: string;
  /** A property after substitutions (text), or as written (numbers, booleans); the default when absent. */
  value(property: string): Value | undefined;
  /** A property as text. */
  text(property: string): string;
  /** A property as a number, or undefined when it is not one. */
  number(property: string): number | undefined;
  /** An expression property's value (If's Expression, Assign's Value with Type Numeric); a run-time error gives '' and a note. */
  evaluate(property: string): Value;
  /**
   * Runs a Snippet property's code against the contact's variables. TRACE
   * lines and the variables it changed become notes; a run-time error stops
   * it, and sets `_ERR`.
   */
  runSnippet(property: string): { ok: true; elapsedMs: number } | { ok: false; error: string; elapsedMs: number };
  getVariable(name: string): Value | undefined;
  setVariable(name: string, value: Value): void;
  /**
   * Makes a REST request: a scenario mock answers at once (with the virtual
   * time it took, retries included), or an allowed host is asked over the
   * network (pending). A request nothing answers fails the contact with
   * UnmatchedRequest and never returns.
   */
  http(request: HttpRequest): Exclude<HttpCall, { kind: 'unmatched' }>;
  /** `Global:name`: a variable every script of the contact sees, which outlives a subscript. */
  setGlobalVariable(name: string, value: Value): void;
  /**
   * Spawn: starts the named script (beside this one) as a contact of its own,
   * now or at `startAt` (a wall-clock time in the business unit's zone), with
   * p1, p2, ...; its contact id, or why it cannot start.
   */
  spawn(request: { scriptName: string; parameters: readonly string[]; startAt?: number }): { ok: true; contactId: string; delayMs: number } | { ok: false; reason: string };
  /**
   * Signal: interrupts the running contact `contactId` with SP1, SP2, ...
   * (delivered at this virtual instant, once this contact's step is over);
   * what the trace says of it, or why not (no such contact running).
   */
  signal(contactId: string, parameters: readonly string[]): { ok: true; note: string } | { ok: false; error: string };
  /** The signal OnSignal runs for: who sent it (0 for one from outside a script) and its parameters. */
  readonly signalReceived: { source: string; parameters: readonly string[] } | undefined;
  /** How the scenario says a dialled number answers (its `numbers:` entry), if it says. */
  numberAnswer(number: string): NumberEntry | undefined;
  /** Whether the action has a branch of this name wired (value branches included). */
  hasBranch(name: string): boolean;
  /** Explains the step in the trace, in plain words. */
  note(text: string): void;
  /** When an agent answered this contact (OnAnswer ran), if one has. */
  answeredAt(): number | undefined;
  /** The virtual time now, in milliseconds (how far a file played when a key stopped it). */
  now(): number;
  /** The contact was released (the caller or agent hung up, or Hangup or End ran): the script runs its OnRelease logic. */
  readonly released: boolean;
  /** The agent has the call on hold and the script runs its OnHold logic (media plays again after OnAnswer). */
  readonly onHold: boolean;
  /** The values the script was started with, p1 first (the scenario's `parameters`). */
  readonly parameters: readonly string[];
  /** The calendar the contact runs on. */
  readonly calendar: {
    /** The UTC instant now. */
    instant(): number;
    /** An hours-of-operation profile of the scenario, by name without regard to case. */
    hoursProfile(name: string): HoursProfile | undefined;
    /** The names of the scenario's profiles, for a did-you-mean. */
    profileNames(): string[];
  };
  /** Per-action memory that lasts for the contact (Loop counters). */
  memory(): Record<string, number>;
  readonly caller: {
    play(sequence: string): void;
    /**
     * Hands `onKey` the keys in the digit buffer, then each key the caller
     * presses (a live caller's, or the scenario's next entry); returns the
     * function that stops listening. Keys not taken stay in the buffer.
     */
    listen(onKey: (key: string) => void): () => void;
    /**
     * Calls `onKey` once when a key is in the digit buffer (at once if one
     * already is) or the caller presses one (a live caller's, or the
     * scenario's next entry); the key stays in the buffer for the next Menu
     * or Capture. Returns the function that stops watching.
     */
    detectKey(onKey: () => void): () => void;
    /** Empties the digit buffer. */
    clearDigits(): void;
    disconnect(): void;
    /** How the outside number answers a transfer, by the scenario's `numbers` (digits compared). */
    dial(destination: string): NumberAnswer;
    /** The caller leaves the contact center for an outside number (Transfer answered, BlindXfer): recorded in the report. */
    transferred(transfer: Omit<TransferRecord, 'at' | 'action'>): void;
  };
  readonly agents: {
    state(agentId: string): AgentStateName | undefined;
    /** The agent who answered this contact, with the skill it was routed on. */
    answering(): { id: string; firstName: string; lastName: string; skill: string } | undefined;
    /** Routes the contact: offered to a free agent, or queued; the note says which and why. */
    request(request: RouteRequest): { note: string };
    /** UpdateContact: changes the queued contact's priority settings and proficiency range; routing order follows at once. */
    update(change: RouteUpdate): RouteChange;
    /** Reskill: moves the contact to another skill (queued there now if it was not queued yet). */
    reskill(skill: string): RouteChange;
    /** The specific description of the agent's state (AgentState's ReasonVariable): the skill of its inbound contact, or the scenario's reason. */
    reason(agentId: string): string;
    /** Sends a custom event by the CustomEvent rules and records it. */
    customEvent(agentId: string, eventName: string, data: string, persist: boolean): CustomEventRecord['delivery'];
    /** Records a CustomEvent that had no target. */
    noTarget(eventName: string, data: string, persist: boolean): void;
    /** SetSecurityUser: a security user acting as an agent the scenario lists (the value the script variable holds), or why there is none. */
    securityUser(agentId: string, timeZone: string): { ok: true; user: Value } | { ok: false; reason: string };
    /** The agent a security user acts as, when the value is one SetSecurityUser made in this simulation. */
    securityUserAgent(value: Value | undefined): string | undefined;
    /** JoinAgentSession as the security user's agent: the session `sessionId` names, or with none that agent's own open session. */
    join(asAgentId: string, sessionId: string): JoinResult;
    /** A session id as a script holds it (a session's id, or a poll id a GetNextEvent handed out). */
    session(sessionId: string): SessionLookup | undefined;
    /** Hands out the next poll id of a session: each GetNextEvent answer carries one, for the next poll. */
    nextPollId(sessionId: string): string;
    /** A long poll of a session; returns the function that withdraws it. */
    poll(sessionId: string, answer: (result: PollResult) => void): () => void;
    /** TerminateAgentSession as the security user's agent: ends the open session of `agentId`. */
    terminate(asAgentId: string, agentId: string): TerminateResult;
  };
}

/**
 * What happened: the branch (before falling back to Default), and when.
 * `afterMs` delays the branch; `until` may settle on another branch sooner
 * (a poll answered, a key pressed), or `rearm` the delay: from now, take
 * another branch after `afterMs` unless something settles it first (the
 * inter-digit timeout after a key). `onTaken` runs when the branch is finally taken.
 */
export interface Outcome {
  branch: string;
  afterMs?: number;
  until?: (settle: (branch: string, onTaken?: () => void) => void, rearm: (afterMs: number, branch: string, onTaken?: () => void) => void) => () => void;
  onTaken?: () => void;
  /** Runsub: run this subscript; the action's branch is taken when the subscript returns. */
  call?: { script: string; parameters: readonly string[]; returnVariable: string };
  /** Return: the subscript ends, handing this value back to the Runsub that called it. */
  returns?: { value: Value };
  /** RunScript, and Reskill with ScriptName: the contact goes on in this script for good. */
  handOver?: { script: string };
}

/**
 * The outcome of Hangup and End that leaves the main flow for the script's
 * OnRelease, which they invoke; not a branch an author wires.
 */
export const jumpToOnRelease = '@OnRelease';

/** Seconds as written in a property to milliseconds of virtual time. */
export function seconds(value: number): number {
  return Math.round(value * 1000);
}
