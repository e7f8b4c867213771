import { jumpToOnRelease, type ActionRuntime, type CallerInput, type Outcome } from '../actions/types.ts';
import { parkedState, type CompiledAction, type CompiledScript, type ContactHooks, type ContactInterruption, type ContactRun } from '../compile/compile.ts';
import { evaluate, LanguageError, renderTemplate, runSnippet, TextTooLong, type Environment, type RestProxyAnswer, type RestProxyRequest, type UserFunction } from '../expression/evaluate.ts';
import { describeResult, HttpWorld, type HttpCall, type HttpMock, type HttpRequest } from './http.ts';
import { asNumber, toText, type Value } from '../expression/values.ts';
import { describeChanges, lineOf, snapshot } from './snippet-notes.ts';
import type { RunReason, Step } from './report.ts';
import { Variables } from './variables.ts';
import { outboundAnswerFor, type OutboundAnswer } from '../validate/outbound.ts';
import type { Simulation } from './simulation.ts';

export interface ContactOptions {
  contactId: string;
  ani: string;
  dnis: string;
  input: CallerInput[];
  /** The caller is live (the playground's keypad): keys come from `press`, scripted input is ignored. */
  live?: boolean;
  hangupAfterMs?: number;
  variables: Record<string, Value>;
  /** The values the script is started with (p1 to p9), for Begin. */
  parameters: readonly string[];
  maxSteps: number;
  /** Longest text value a template or expression may build. */
  maxValueChars: number;
  /** The scenario's mocks for the contact's REST calls. */
  http?: readonly HttpMock[];
  /** The scenario's answers for the numbers PlaceCall dials. */
  outbound?: readonly OutboundAnswer[];
}

/** How the trace names each kind of interruption. */
const interruptions = { answered: 'OnAnswer', released: 'OnRelease', held: 'OnHold', resumed: 'OffHold' } as const;

/** The notes of a step that has none (never written to: #addNote replaces it first). */
const noNotes: string[] = [];

/** Thrown when the contact fails inside an action (a value over its budget, a REST call no mock answers), caught where the action runs: never leaves the contact. */
const valueLimitReached = Symbol('contact failed in an action');

/** How many recent steps to search for the loop a step budget ran out in. */
const loopWindow = 200;

/**
 * One contact running through a compiled script: it owns the variables and
 * the trace, runs each action's behaviour when the machine enters it, and
 * talks to the simulated world for routing, agents and events. It is also
 * the runtime its current action runs against (one object, so a step
 * allocates no runtime of its own).
 */
export class Contact implements ContactHooks, ActionRuntime {
  readonly id: string;
  readonly compiled: CompiledScript;
  readonly variables = new Variables();
  readonly steps: Step[] = [];
  readonly startedAt: number;
  endedAt: number | undefined;
  reason: RunReason | undefined;
  message = '';
  /** The caller is on the line. */
  connected = true;
  /** What a live caller entered at each Menu or Capture (when it began, the keys, the last key's time), to replay the run. */
  readonly liveEntries: Array<{ startedAt: number; digits: string; lastAt: number }> = [];
  /** When a live caller hung up. */
  hungUpAt: number | undefined;
  /** The variables as the contact began (the playground shows each step's changes from here). */
  readonly startVariables: Readonly<Record<string, Value>>;
  /** The contact was released (caller or agent hung up, Hangup or End ran): the script runs its OnRelease logic, and no event pre-empts it any more. */
  released = false;
  /** The agent has the call on hold and the script runs its OnHold logic. */
  onHold = false;

  ready = false;
  branch: string | undefined;
  stopped = false;

  readonly #world: Simulation;
  /** The compiled machine, running for this contact. */
  readonly #machine: ContactRun;
  readonly #input: CallerInput[];
  readonly #memory = new Map<string, Record<string, number>>();
  readonly #maxSteps: number;
  readonly #maxValueChars: number;
  readonly parameters: readonly string[];
  readonly #outbound: readonly OutboundAnswer[];
  #hangupTimer: unknown;
  #current: CompiledAction | undefined;
  #outcome: string | undefined;
  #onTaken: (() => void) | undefined;
  #withdraw: (() => void) | undefined;
  /** The timer that settles a waiting action when its delay runs out. */
  #timer: unknown;
  /** Notes of the current step; a fresh array only once a step has something to say. */
  #notes: string[] = noNotes;
  #entering = false;
  #stepCount = 0;
  #answeredAt: number | undefined;
  /** Keys a live caller pressed that no action has taken yet, and the action listening for them. */
  readonly #live: boolean;
  #keys: string[] = [];
  /** How many keys at the front of the buffer an earlier entry left or the scenario typed ahead (what ClearDigits empties). */
  #keysBefore = 0;
  #keyListener: ((key: string) => void) | undefined;
  /** The action the contact stopped before because the world is paused; it runs on `step`. */
  #held: string | undefined;
  /** What the language needs of this contact: its functions, its clock, its random numbers, its REST calls. */
  readonly #language: Environment;
  /** The contact's REST calls: answered by its scenario's mocks (or an allowed host), and recorded. */
  readonly restCalls: HttpWorld;
  /** Virtual time the REST calls of the Snippet running now took. */
  #snippetHttpMs = 0;

  constructor(world: Simulation, compiled: CompiledScript, options: ContactOptions) {
    this.#world = world;
    this.compiled = compiled;
    this.id = options.contactId;
    this.#input = [...options.input];
    this.#live = options.live === true;
    this.#maxSteps = options.maxSteps;
    this.#maxValueChars = options.maxValueChars;
    this.parameters = options.parameters;
    this.#outbound = options.outbound ?? [];
    this.startedAt = world.clock.now();
    for (const [name, value] of compiled.initialVariables) this.variables.set(name, value);
    for (const [name, value] of Object.entries(options.variables)) this.variables.set(name, value);
    this.variables.set('ANI', options.ani);
    this.variables.set('DNIS', options.dnis);
    this.variables.set('ContactId', options.contactId);
    this.variables.set('MediaType', compiled.script.mediaType);
    this.startVariables = this.variables.toRecord();
    if (options.hangupAfterMs !== undefined) {
      this.#hangupTimer = world.clock.setTimeout(() => this.#callerHangsUp(), options.hangupAfterMs);
    }
    this.restCalls = new HttpWorld(options.http ?? [], world.outgoing);
    this.#machine = compiled.start(this);
    this.#language = {
      ...languageEnvironment(this.id, () => world.clock.now(), options.maxValueChars, (text) => this.#addNote(`TRACE ${text}`)),
      restRequest: (request) => this.#proxyRequest(request),
    };
  }

  get done(): boolean {
    return this.endedAt !== undefined;
  }

  start(): void {
    this.#machine.send({ type: 'START' });
  }

  /** Ends the contact from outside (a time budget ran out, or it waits for an event that nothing is left to raise). */
  stop(reason: 'TimeLimit' | 'StepLimit' | 'Stopped', message: string): void {
    if (this.done) return;
    this.reason = reason;
    this.message = message;
    const current = this.#current;
    if (reason === 'Stopped' && current && !this.ready) {
      // The Stop the script waits at is its last step: it took no branch.
      const step: Step = { at: this.#world.clock.now(), seq: this.#world.nextSeq(), action: current.action.id, type: current.action.type, branch: null, next: null, ...(this.#notes.length > 0 ? { notes: this.#notes } : {}) };
      this.steps.push(step);
      this.#world.stepTaken(this, step);
    }
    this.#machine.send({ type: 'STOP' });
  }

  /** The agent routed by Reqagent answered: OnAnswer pre-empts the script. */
  answered(): void {
    if (!this.done && !this.released) this.#machine.send({ type: 'ANSWERED' });
  }

  /** The agent ended the call: the contact is released, as when the caller hangs up. */
  agentHungUp(): void {
    if (this.done || !this.connected) return;
    this.connected = false;
    if (this.#hangupTimer !== undefined) this.#world.clock.clearTimeout(this.#hangupTimer);
    this.#hangupTimer = undefined;
    this.#release('AgentHungUp', 'The agent ended the call');
  }

  /** The agent put the call on hold: the script's OnHold pre-empts it; false when the script has none (the caller hears silence) or no longer runs. */
  hold(): boolean {
    if (this.done || this.released || this.compiled.onHold === undefined) return false;
    this.#machine.send({ type: 'HELD' });
    return true;
  }

  /** The agent took the call off hold: the OnHold logic, if running, is abandoned and the script waits for the next event; false when none ran. */
  resume(): boolean {
    if (this.done || !this.onHold) return false;
    this.#machine.send({ type: 'RESUMED' });
    return true;
  }

  /**
   * Whether the script waits for an event only (at Stop, or parked off hold):
   * an action that waits with no timer of its own has nothing in the script to move it on.
   */
  get waitsForEvent(): boolean {
    if (this.done) return false;
    return this.#machine.state === parkedState || (this.#current !== undefined && !this.ready && this.#held === undefined && this.#timer === undefined);
  }

  /** A live caller presses keys: the action waiting for them takes them, or they wait for the next one. */
  press(keys: string): void {
    if (this.done || !this.connected) return;
    this.#keys.push(...keys);
    this.#deliverKeys();
  }

  /** The caller hangs up now. */
  hangUp(): void {
    if (this.done || !this.connected) return;
    this.hungUpAt = this.#world.clock.now();
    if (this.#hangupTimer !== undefined) this.#world.clock.clearTimeout(this.#hangupTimer);
    this.#callerHangsUp();
  }

  /** The action the contact is at: held before it runs, waiting in it, or null once done or parked. */
  get currentAction(): string | null {
    if (this.done) return null;
    return this.#held ?? this.#current?.action.id ?? null;
  }

  /** Whether the contact stands before an action it has not run yet (the world is paused). */
  get held(): boolean {
    return this.#held !== undefined;
  }

  /** Runs the action the contact is held before; false when it is not held. */
  runHeld(): boolean {
    const actionId = this.#held;
    if (actionId === undefined || this.done) return false;
    this.#held = undefined;
    this.#run(actionId);
    // Eventless transitions are looked at again after any event: this one takes the branch chosen now.
    if (this.ready || this.stopped) this.#machine.send({ type: 'RESUME' });
    return true;
  }

  // --- ContactHooks: called by the machine --------------------------------

  enter(actionId: string): void {
    if (this.#world.paused) {
      // Stepping: stand before the action until `runHeld`; the machine waits, as for a timer.
      this.#held = actionId;
      this.ready = false;
      this.#world.contactHeld(this);
      return;
    }
    this.#run(actionId);
  }

  #run(actionId: string): void {
    const compiled = this.compiled.actions.get(actionId) as CompiledAction;
    this.#current = compiled;
    this.#notes = noNotes;
    this.#withdraw = undefined;
    if (++this.#stepCount > this.#maxSteps) {
      this.stopped = true;
      this.reason = 'StepLimit';
      this.message = `Stopped after ${this.#maxSteps} steps, in a loop through ${this.loopDescription()}; raise limits.maxSteps in the scenario or --max-steps if the script really needs more`;
      return;
    }
    this.#entering = true;
    let outcome: Outcome;
    try {
      outcome = compiled.definition.run(this);
    } catch (error) {
      // A value over its budget stops the action before it does anything with it.
      if (error !== valueLimitReached) throw error;
      this.#entering = false;
      return;
    }
    this.#choose(outcome.branch, outcome.onTaken);
    let settledAtOnce = outcome.afterMs === undefined && outcome.until === undefined;
    // The delay starts first: a key due at the very moment it runs out comes too late.
    if (!settledAtOnce && outcome.afterMs !== undefined && outcome.afterMs > 0) this.#startTimer(outcome.afterMs);
    if (!settledAtOnce && outcome.until) {
      this.#withdraw = outcome.until(
        (branch, onTaken) => {
          // Settled: the action takes no more keys (the next one is for the next action).
          this.#keyListener = undefined;
          this.#choose(branch, onTaken);
          // Settled while the action was still starting (a poll answered at once): no waiting at all.
          if (this.#entering) {
            settledAtOnce = true;
          } else {
            this.#cancelTimer();
            this.#machine.send({ type: 'SETTLED' });
          }
        },
        (afterMs, branch, onTaken) => {
          this.#choose(branch, onTaken);
          this.#cancelTimer();
          this.#startTimer(afterMs);
        },
      );
    }
    this.#entering = false;
    if (settledAtOnce || outcome.afterMs === 0) {
      this.#cancelTimer();
      this.#withdraw?.();
      this.#withdraw = undefined;
      this.#take();
      return;
    }
    this.ready = false;
    this.#world.contactWaits(this);
  }

  #startTimer(afterMs: number): void {
    this.#timer = this.#world.clock.setTimeout(() => {
      this.#timer = undefined;
      this.#machine.send({ type: 'SETTLED' });
    }, afterMs);
  }

  #cancelTimer(): void {
    if (this.#timer !== undefined) this.#world.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  complete(): void {
    this.#take();
  }

  leave(): void {
    this.#cancelTimer();
    this.#withdraw?.();
    this.#withdraw = undefined;
  }

  interrupt(event: ContactInterruption): void {
    const current = this.#current;
    const wasHeld = this.#held !== undefined;
    this.#held = undefined;
    this.#keyListener = undefined;
    // A held action never ran, so there is no step of it to cut short.
    if (current && !this.ready && !wasHeld) {
      const step: Step = {
        at: this.#world.clock.now(),
        seq: this.#world.nextSeq(),
        action: current.action.id,
        type: current.action.type,
        branch: null,
        next: null,
        interruptedBy: interruptions[event],
        ...(this.#notes.length > 0 ? { notes: this.#notes } : {}),
      };
      this.steps.push(step);
      this.#world.stepTaken(this, step);
    }
    // Whatever ran is over: the event's action (or the parked state) is next.
    this.#current = undefined;
    this.ready = false;
    this.onHold = event === 'held';
    if (event === 'answered') {
      this.#answeredAt = this.#world.clock.now();
      // The system fills AgentId once the agent answers (CustomEvent help page); OnAnswer fills its own outputs.
      const agent = this.#world.agentOf(this);
      if (agent) this.variables.set('AgentId', agent.id);
      if (this.compiled.onAnswer === undefined) {
        this.reason ??= 'End';
        this.message ||= 'An agent answered and the script has no OnAnswer, so the script ends and the caller stays with the agent';
      }
    }
  }

  finish(): void {
    this.endedAt = this.#world.clock.now();
    if (this.#hangupTimer !== undefined) this.#world.clock.clearTimeout(this.#hangupTimer);
    this.reason ??= 'NoBranch';
    this.#world.contactEnded(this);
  }

  // --- internals -----------------------------------------------------------

  #choose(outcome: string, onTaken: (() => void) | undefined): void {
    const branches = (this.#current as CompiledAction).action.branches;
    this.#outcome = outcome;
    this.#onTaken = onTaken;
    if (outcome === jumpToOnRelease) {
      // Only a script with an OnRelease, not yet released, has somewhere to jump; otherwise the script ends.
      this.branch = this.compiled.onRelease !== undefined && !this.released ? jumpToOnRelease : undefined;
      return;
    }
    this.branch = branches[outcome] !== undefined ? outcome : branches['Default'] !== undefined ? 'Default' : undefined;
  }

  /** Takes the chosen branch now: applies its effect and records the step. */
  #take(): void {
    const current = this.#current as CompiledAction;
    this.#onTaken?.();
    this.#onTaken = undefined;
    this.ready = true;
    const outcome = this.#outcome as string;
    const jumps = this.branch === jumpToOnRelease;
    const next = jumps ? (this.compiled.onRelease as string) : this.branch === undefined ? null : (current.action.branches[this.branch] ?? null);
    const step: Step = { at: this.#world.clock.now(), seq: this.#world.nextSeq(), action: current.action.id, type: current.action.type, branch: jumps ? null : (this.branch ?? null), next };
    // Falling back from Default to nothing says nothing new; other outcomes are worth showing.
    if (outcome !== this.branch && outcome !== 'Default' && outcome !== jumpToOnRelease) step.outcome = outcome;
    if (this.#notes.length > 0) step.notes = this.#notes;
    this.steps.push(step);
    this.#world.stepTaken(this, step);
    if (jumps) {
      // Hangup and End release the contact and invoke OnRelease.
      this.released = true;
      this.onHold = false;
      this.#cancelHangupTimer();
    }
    if ((this.branch === undefined || jumps) && this.reason === undefined) {
      const type = current.action.type;
      const then = jumps ? `, and the script goes on at OnRelease "${next}"` : '';
      if (type === 'End') {
        this.reason = 'End';
        this.message = `The script reached End "${current.action.id}"${then}`;
      } else if (type === 'Hangup') {
        this.reason = 'Hangup';
        this.message = `The script hung up at "${current.action.id}"${then}`;
      } else if (type === 'Stop') {
        this.reason = 'Stopped';
        this.message = `The script ended at Stop "${current.action.id}" in its OnRelease logic`;
      } else {
        this.reason = 'NoBranch';
        this.message =
          outcome === 'Default'
            ? `${type} "${current.action.id}" has no Default branch, so the script stops there`
            : `${type} "${current.action.id}" took ${outcome}, which is not wired, and it has no Default branch, so the script stops there`;
      }
    }
  }

  #callerHangsUp(): void {
    this.#hangupTimer = undefined;
    if (!this.connected || this.done) return;
    this.connected = false;
    this.#world.callerLeft(this, 'callerHungUp');
    this.#release('CallerHungUp', 'The caller hung up');
  }

  #cancelHangupTimer(): void {
    if (this.#hangupTimer !== undefined) this.#world.clock.clearTimeout(this.#hangupTimer);
    this.#hangupTimer = undefined;
  }

  /** The contact is released from outside: OnRelease pre-empts the script, or without one the script ends. Once only. */
  #release(reason: 'CallerHungUp' | 'AgentHungUp', message: string): void {
    if (this.released || this.done) return;
    this.released = true;
    this.reason ??= reason;
    this.message ||= message;
    this.#machine.send({ type: 'RELEASED' });
  }

  /** The actions of the cycle the contact has been going round most recently. */
  loopDescription(): string {
    const recent = this.steps.slice(-loopWindow).map((s) => s.action);
    const last = recent[recent.length - 1];
    if (last === undefined) return 'the first action';
    // The shortest repeating cycle ending at the last step.
    const previous = recent.lastIndexOf(last, recent.length - 2);
    const cycle = previous >= 0 ? recent.slice(previous + 1) : [last];
    return cycle.join(' -> ');
  }

  // --- ActionRuntime: what the current action may do -----------------------

  get actionId(): string {
    return (this.#current as CompiledAction).action.id;
  }

  value(name: string): Value | undefined {
    const { action, definition, templates } = this.#current as CompiledAction;
    const parts = templates.get(name);
    if (parts) return this.#bounded(name, this.#language_(name, () => renderTemplate(parts, this.variables, this.#language)));
    const written = Object.prototype.hasOwnProperty.call(action.properties, name) ? action.properties[name] : definition.properties[name]?.schema.default;
    return typeof written === 'string' || typeof written === 'number' || typeof written === 'boolean' ? written : undefined;
  }

  text(name: string): string {
    return toText(this.value(name));
  }

  number(name: string): number | undefined {
    return asNumber(this.value(name));
  }

  evaluate(name: string): Value {
    const expression = (this.#current as CompiledAction).expressions.get(name);
    return expression ? this.#bounded(name, this.#language_(name, () => evaluate(expression, this.variables, this.#language))) : '';
  }

  /** Runs language code for a property: a run-time error (division by zero, an unknown function) gives '' and a note, never a crash. */
  #language_(property: string, run: () => Value): Value {
    try {
      return run();
    } catch (error) {
      if (error instanceof TextTooLong) return this.#bounded(property, '', error.length);
      if (!(error instanceof LanguageError)) throw error;
      this.#addNote(`${property}: ${error.message}; it reads as empty`);
      return '';
    }
  }

  runSnippet(name: string): { ok: true; elapsedMs: number } | { ok: false; error: string; elapsedMs: number } {
    const current = this.#current as CompiledAction;
    const program = current.programs.get(name);
    if (!program) return { ok: true, elapsedMs: 0 };
    this.#snippetHttpMs = 0;
    const before = snapshot(this.variables);
    const result = runSnippet(program, this.variables, this.#language);
    if (!result.ok) {
      const source = current.action.properties[name];
      const line = typeof source === 'string' ? lineOf(source, result.offset) : 1;
      this.variables.set('_ERR', result.error);
      this.#addNote(`Error at line ${line}: ${result.error}`);
    }
    for (const change of describeChanges(before, this.variables)) this.#addNote(change);
    const elapsedMs = this.#snippetHttpMs;
    return result.ok ? { ok: true, elapsedMs } : { ok: false, error: result.error, elapsedMs };
  }

  http(request: HttpRequest): Exclude<HttpCall, { kind: 'unmatched' }> {
    const call = this.restCalls.request(request, this.#world.clock.now() + this.#snippetHttpMs, this.id);
    if (call.kind === 'unmatched') this.#unmatched(call.message);
    return call as Exclude<HttpCall, { kind: 'unmatched' }>;
  }

  /** A REST call nothing answers: the contact fails at this action, saying what to mock. */
  #unmatched(message: string): never {
    const { action } = this.#current as CompiledAction;
    this.stopped = true;
    this.reason = 'UnmatchedRequest';
    this.message = `${action.type} "${action.id}" made a request: ${message}`;
    this.#addNote(this.message);
    throw valueLimitReached;
  }

  /** MakeRestRequest in a Snippet: answered from the mocks only (the code cannot wait for the network), in one attempt. */
  #proxyRequest(request: RestProxyRequest): RestProxyAnswer {
    const { action } = this.#current as CompiledAction;
    const call = this.restCalls.request({ ...request, retries: 0, action: action.id, via: 'MakeRestRequest' }, this.#world.clock.now() + this.#snippetHttpMs, this.id, false);
    if (call.kind === 'unmatched') return this.#unmatched(call.message);
    if (call.kind === 'pending') return { ok: false, error: 'The request went to the network, which a Snippet cannot wait for' };
    const { result } = call;
    this.#snippetHttpMs += result.elapsedMs;
    this.#addNote(`MakeRestRequest ${request.method} ${request.url}: ${describeResult(result)}`);
    const status = result.status === undefined ? {} : { status: result.status, statusText: result.statusText ?? '' };
    if (result.outcome === 'ok' || result.outcome === 'httpError') return { ok: true, status: result.status ?? 0, statusText: result.statusText ?? '', json: result.json };
    return { ok: false, error: result.error, ...status };
  }

  /**
   * A value a template or expression built, within its budget: a string
   * doubling round a loop would otherwise eat memory and then crash the
   * engine. Over it, the contact fails with ValueLimit at this action.
   */
  #bounded(property: string, value: Value, length = typeof value === 'string' ? value.length : 0): Value {
    if (length <= this.#maxValueChars) return value;
    const { action } = this.#current as CompiledAction;
    this.stopped = true;
    this.reason = 'ValueLimit';
    this.message = `${action.type} "${action.id}" built a ${property} of ${length} characters, over the limit of ${this.#maxValueChars}; raise limits.maxValueChars in the scenario if the script really needs more`;
    throw valueLimitReached;
  }

  getVariable(name: string): Value | undefined {
    return this.variables.get(name);
  }

  setVariable(name: string, newValue: Value): void {
    this.variables.set(name, newValue);
  }

  spawn(request: { scriptName: string; parameters: readonly string[]; startAt?: number }): { ok: true; contactId: string; delayMs: number } | { ok: false; reason: string } {
    return this.#world.spawn(this, (this.#current as CompiledAction).action.id, request);
  }

  outboundAnswer(number: string): OutboundAnswer | undefined {
    return outboundAnswerFor(this.#outbound, number);
  }

  hasBranch(name: string): boolean {
    return (this.#current as CompiledAction).action.branches[name] !== undefined;
  }

  note(text: string): void {
    this.#addNote(text);
  }

  #addNote(text: string): void {
    if (this.#notes === noNotes) this.#notes = [];
    this.#notes.push(text);
  }

  answeredAt(): number | undefined {
    return this.#answeredAt;
  }

  memory(): Record<string, number> {
    const id = this.actionId;
    let memory = this.#memory.get(id);
    if (!memory) {
      memory = {};
      this.#memory.set(id, memory);
    }
    return memory;
  }

  readonly caller: ActionRuntime['caller'] = {
    play: (sequence) => {
      if (!sequence) return;
      if (!this.connected) this.#addNote(`would play ${sequence}, but the caller is gone`);
      else if (this.#answeredAt !== undefined && !this.onHold) this.#addNote(`would play ${sequence}, but the caller does not hear it: after OnAnswer a prompt plays only while OnHold has fired`);
      else this.#addNote(`plays ${sequence}`);
    },
    listen: (listener) => {
      if (!this.connected) return () => {};
      this.#takeTypedAhead();
      const now = this.#world.clock.now();
      if (this.#live) this.liveEntries.push({ startedAt: now, digits: '', lastAt: now });
      this.#keyListener = listener;
      this.#deliverKeys();
      let pending: unknown;
      if (!this.#live && this.#keyListener === listener) {
        // A scripted caller presses the keys of its next entry (silence presses none).
        const entry = this.#input.shift();
        if (entry?.kind === 'digits') {
          pending = this.#world.clock.setTimeout(() => {
            pending = undefined;
            this.#keys.push(...entry.digits);
            this.#deliverKeys();
          }, entry.afterMs);
        }
      }
      return () => {
        // Keys of an entry not yet pressed when the action ends are never pressed.
        if (pending !== undefined) this.#world.clock.clearTimeout(pending);
        if (this.#keyListener === listener) this.#keyListener = undefined;
        // What this entry left in the buffer was pressed before the next Menu or Capture (ClearDigits empties it).
        this.#keysBefore = this.#keys.length;
      };
    },
    clearDigits: () => {
      this.#takeTypedAhead();
      // Keys an earlier entry left and keys typed ahead; a live caller's keys pressed since go to the next entry.
      const cleared = this.#keys.splice(0, this.#keysBefore);
      this.#keysBefore = 0;
      if (cleared.length > 0) this.#addNote(`clears the digit buffer (${cleared.join('')})`);
    },
    disconnect: () => {
      if (!this.connected) return;
      this.connected = false;
      this.#cancelHangupTimer();
      this.#world.callerLeft(this, 'scriptHungUp');
    },
  };

  readonly #explain = (text: string): void => this.#addNote(text);

  /** Keys the scenario typed ahead for this Menu or Capture are in the digit buffer when it starts. */
  #takeTypedAhead(): void {
    const next = this.#input[0];
    if (next?.kind !== 'digits' || next.ahead !== true) return;
    this.#input.shift();
    // Typed before the action started: ahead of any key pressed at it.
    this.#keys.splice(this.#keysBefore, 0, ...next.digits);
    this.#keysBefore += next.digits.length;
  }

  #deliverKeys(): void {
    while (this.#keyListener !== undefined && this.#keys.length > 0) {
      const key = this.#keys.shift() as string;
      if (this.#keysBefore > 0) this.#keysBefore--;
      const entry = this.#live ? this.liveEntries[this.liveEntries.length - 1] : undefined;
      if (entry) {
        entry.digits += key;
        entry.lastAt = this.#world.clock.now();
      }
      this.#keyListener(key);
    }
  }

  readonly agents: ActionRuntime['agents'] = {
    state: (agentId) => this.#world.agentState(agentId),
    answering: () => {
      const agent = this.#world.agentOf(this);
      return agent && { id: agent.id, firstName: agent.firstName, lastName: agent.lastName, skill: this.#world.skillOf(this) };
    },
    request: (request) => this.#world.request(this, request),
    customEvent: (agentId, eventName, data, persist) => this.#world.customEvent(agentId, eventName, data, persist, this.actionId, this.#explain, this.id),
    noTarget: (eventName, data, persist) => this.#world.recordNoTarget(this.actionId, eventName, data, persist, this.id),
    reason: (agentId) => this.#world.agentReason(agentId),
    securityUser: (agentId, timeZone) => this.#world.securityUser(agentId, timeZone),
    securityUserAgent: (value) => this.#world.securityUserAgent(value),
    join: (asAgentId, sessionId) => this.#world.joinSession(asAgentId, sessionId),
    session: (sessionId) => this.#world.stream.lookup(sessionId),
    nextPollId: (sessionId) => this.#world.stream.nextPollId(sessionId),
    terminate: (asAgentId, agentId) => this.#world.terminateSession(asAgentId, agentId),
    // GetNextEvent checks the session first; one that vanished since counts as ended.
    poll: (sessionId, answer) => this.#world.stream.poll(sessionId, this.actionId, (result) => answer(result.kind === 'unknown' ? { kind: 'ended' } : result)),
  };
}

/** Virtual time 0 is this wall-clock time for the language's date functions (now()). */
export const languageEpochMs = Date.UTC(2026, 0, 1);

function languageEnvironment(contactId: string, now: () => number, maxChars: number, trace: (text: string) => void): Environment {
  // A seeded generator per contact, so random() repeats from run to run.
  let state = 2166136261;
  for (const ch of contactId) state = Math.imul(state ^ ch.charCodeAt(0), 16777619) >>> 0;
  if (state === 0) state = 1;
  const functions = new Map<string, UserFunction>();
  return {
    functions,
    trace,
    maxChars,
    now: () => languageEpochMs + now(),
    random: () => {
      state ^= state << 13;
      state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      return state / 0x1_0000_0000;
    },
  };
}
