import { maxSubscriptDepth, parameterNames } from '../actions/runsub.ts';
import { chosenRules, quoteValue } from '../actions/rules.ts';
import { jumpToOnRelease, type ActionRuntime, type CallerInput, type NumberAnswer, type Outcome, type TransferRecord } from '../actions/types.ts';
import { parkedState, type CompiledAction, type CompiledScript, type ContactEvent, type ContactHooks, type ContactInterruption, type ContactRun } from '../compile/compile.ts';
import { evaluate, LanguageError, renderTemplate, runSnippet, TextTooLong, type Environment, type RestProxyAnswer, type RestProxyRequest, type UserFunction } from '../expression/evaluate.ts';
import { describeResult, HttpWorld, type HttpCall, type HttpMock, type HttpRequest } from './http.ts';
import { asNumber, toText, type Value } from '../expression/values.ts';
import { describeChanges, lineOf, snapshot } from './snippet-notes.ts';
import { stepPlace, type RunReason, type Step } from './report.ts';
import { ContactVariables } from './variables.ts';
import { numberEntryFor, type NumberEntry } from '../validate/numbers.ts';
import type { Simulation } from './simulation.ts';
import { wallTime } from './calendar.ts';

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
  /** The master contact ID shared by a parent and the scripts it spawns; a first contact's own ContactId when not given. */
  masterId?: string;
  /** The contact's own scenario's numbers (a call started with a scenario of its own); the world's answer the rest. */
  numbers?: readonly NumberEntry[];
}

/** How the trace names each kind of interruption. */
const interruptions = { answered: 'OnAnswer', released: 'OnRelease', held: 'OnHold', resumed: 'OffHold', signaled: 'OnSignal' } as const;

/** The notes of a step that has none (never written to: #addNote replaces it first). */
const noNotes: string[] = [];

/** Thrown when the contact fails inside an action (a value over its budget, a REST call no mock answers), caught where the action runs: never leaves the contact. */
const valueLimitReached = Symbol('contact failed in an action');

/** How many recent steps to search for the loop a step budget ran out in. */
const loopWindow = 200;

/**
 * One script on the contact's call stack: the main script at the bottom,
 * then each subscript a Runsub called, each with its own machine. Only the
 * top one runs; the ones below wait in their Runsub.
 */
interface Frame {
  /** Changes when RunScript hands over. */
  compiled: CompiledScript;
  machine: ContactRun;
  /** The values its Begin receives (p1 first). */
  parameters: readonly string[];
  /** The Runsub that called it (absent for the main script): where Return goes back to. */
  call?: { action: CompiledAction; returnVariable: string; notes: string[] };
}

/** What Runsub notes when it calls: the file, and each value under the name the subscript's Begin gives it. */
function describeCallNote(file: string, parameters: readonly string[], names: readonly string[]): string {
  const passed = parameters.map((value, index) => `${names[index] ?? `p${index + 1}`} = ${quoteValue(value)}`);
  return `calls ${file}${passed.length > 0 ? ` with ${passed.join(', ')}` : ''}`;
}

/** The event action of a script that handles an interruption. */
function handlerOf(compiled: CompiledScript, event: RaisedEvent): string | undefined {
  return event === 'ANSWERED' ? compiled.onAnswer : event === 'RELEASED' ? compiled.onRelease : event === 'HELD' ? compiled.onHold : compiled.onSignal;
}

/** The events that pre-empt a script, with the interruption each records. */
type RaisedEvent = 'ANSWERED' | 'RELEASED' | 'HELD' | 'SIGNALED';
const raisedAs: Record<RaisedEvent, ContactInterruption> = { ANSWERED: 'answered', RELEASED: 'released', HELD: 'held', SIGNALED: 'signaled' };

/**
 * One contact running through a compiled script: it owns the variables and
 * the trace, runs each action's behaviour when the machine enters it, and
 * talks to the simulated world for routing, agents and events. It is also
 * the runtime its current action runs against (one object, so a step
 * allocates no runtime of its own).
 */
export class Contact implements ContactHooks, ActionRuntime {
  readonly id: string;
  /** The script the contact started in (RunScript hands over to another: see `running`). */
  readonly compiled: CompiledScript;
  readonly variables = new ContactVariables();
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
  /** Where the call went, once a Transfer was answered or a BlindXfer ran. */
  transfer: TransferRecord | undefined;

  ready = false;
  branch: string | undefined;
  stopped = false;
  /** Why the contact is stuck, when its last step had no branch to take before the release. */
  stuckMessage: string | undefined;

  readonly #world: Simulation;
  /** The call stack: the main script, then each subscript running (the top one runs). */
  readonly #frames: Frame[];
  /** Work waiting for the machine transition in progress to finish (a subscript's start, a Return): keeps calls off the JS stack. */
  readonly #work: Array<() => void> = [];
  #working = false;
  /** Hangup or End in a subscript without OnRelease: the index of the frame whose OnRelease runs once the subscript's machine is done. */
  #releaseTo: number | undefined;
  /** The frame whose OnHold runs (off hold, the frames above it are abandoned too). */
  #holdFrame = 0;
  readonly #input: CallerInput[];
  readonly #memory = new Map<string, Record<string, number>>();
  readonly #maxSteps: number;
  readonly #maxValueChars: number;
  /** The master contact ID (MasterID): its own ContactId, or the one of the contact that spawned it. */
  readonly masterId: string;
  readonly #numbers: readonly NumberEntry[];
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
  /** A playing file that stops at the next key, leaving it in the buffer (Music's DetectDTMF, Playlog's StoponDTMF). */
  #keyWatcher: (() => void) | undefined;
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
    this.#numbers = options.numbers ?? [];
    this.startedAt = world.clock.now();
    for (const [name, value] of compiled.initialVariables) this.variables.set(name, value);
    // The scenario's variables come from outside the script, as the platform's do: global, unless the script declares them.
    for (const [name, value] of Object.entries(options.variables)) {
      if (this.variables.hasOwn(name)) this.variables.set(name, value);
      else this.variables.global.set(name, value);
    }
    this.variables.global.set('ANI', options.ani);
    this.variables.global.set('DNIS', options.dnis);
    this.variables.global.set('ContactId', options.contactId);
    this.masterId = options.masterId ?? options.contactId;
    this.variables.global.set('MasterID', this.masterId);
    this.variables.global.set('MediaType', compiled.script.mediaType);
    this.startVariables = this.variables.toRecord();
    if (options.hangupAfterMs !== undefined) {
      this.#hangupTimer = world.clock.setTimeout(() => this.#callerHangsUp(), options.hangupAfterMs);
    }
    this.restCalls = new HttpWorld(options.http ?? [], world.outgoing);
    this.#frames = [{ compiled, machine: compiled.start(this), parameters: options.parameters }];
    this.#language = {
      // now() reads the wall-clock time of the business unit's zone.
      ...languageEnvironment(this.id, () => wallTime(world.instant(), world.calendar.timeZone), options.maxValueChars, (text) => this.#addNote(`TRACE ${text}`)),
      restRequest: (request) => this.#proxyRequest(request),
    };
  }

  get done(): boolean {
    return this.endedAt !== undefined;
  }

  /** The script on top of the call stack: the one running now. */
  get running(): CompiledScript {
    return this.#top.compiled;
  }

  /** How many scripts are on the call stack (1 outside any subscript). */
  get depth(): number {
    return this.#frames.length;
  }

  get #top(): Frame {
    return this.#frames[this.#frames.length - 1] as Frame;
  }

  /** The values the running script's Begin receives, p1 first (the scenario's `parameters`, or a Runsub's). */
  get parameters(): readonly string[] {
    return this.#top.parameters;
  }

  /**
   * Runs `task` once the machine transition in progress is over (at once when
   * none is): a subscript starts, returns or takes over only between
   * transitions, so call depth never deepens the JS stack.
   */
  #do(task: () => void): void {
    if (this.#working) {
      this.#work.push(task);
      return;
    }
    this.#working = true;
    try {
      task();
      for (let next = this.#work.shift(); next !== undefined; next = this.#work.shift()) next();
    } finally {
      this.#working = false;
      this.#work.length = 0;
    }
  }

  /** Sends an event to the running script's machine (no closure when nothing else is in progress: the common case). */
  #send(event: ContactEvent): void {
    const frame = this.#top;
    if (this.#working) {
      this.#work.push(() => frame.machine.send(event));
      return;
    }
    this.#do(() => frame.machine.send(event));
  }

  start(): void {
    this.#send({ type: 'START' });
  }

  /** Ends the contact from outside (a time budget ran out, or it waits for an event that nothing is left to raise). */
  stop(reason: 'TimeLimit' | 'StepLimit' | 'Stopped' | 'NoBranch', message: string): void {
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
    this.#send({ type: 'STOP' });
  }

  /** The agent routed by Reqagent answered: OnAnswer pre-empts the script. */
  answered(): void {
    if (!this.done && !this.released) this.#raise('ANSWERED');
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
    if (this.done || this.released || !this.#frames.some((frame) => frame.compiled.onHold !== undefined)) return false;
    this.#raise('HELD');
    return true;
  }

  /**
   * A Signal (from another script, the scenario or the HTTP API) arrives: the
   * script's OnSignal pre-empts whatever runs, with the signal's values for
   * SP1, SP2, ...; false when no script on the call stack has an OnSignal (the
   * signal changes nothing: "if one is present") or the contact has ended.
   */
  receiveSignal(source: string, parameters: readonly string[]): boolean {
    if (!this.handlesSignals) return false;
    this.signalReceived = { source, parameters };
    this.#raise('SIGNALED');
    return true;
  }

  /** Whether a signal runs an OnSignal: a script on the call stack has one. */
  get handlesSignals(): boolean {
    return !this.done && this.#frames.some((frame) => frame.compiled.onSignal !== undefined);
  }

  /** The signal the running OnSignal logic was started by (the last one, when several came). */
  signalReceived: { source: string; parameters: readonly string[] } | undefined;

  /** The agent took the call off hold: the OnHold logic, if running, is abandoned and the script waits for the next event; false when none ran. */
  resume(): boolean {
    if (this.done || !this.onHold) return false;
    this.#unwindTo(this.#holdFrame, 'resumed');
    this.#send({ type: 'RESUMED' });
    return true;
  }

  /**
   * An event pre-empts the script: the innermost script on the call stack
   * that has the event's action runs it, and the subscripts above it are
   * abandoned (their steps cut short); with none, the main script takes the
   * event as a script without the action does.
   */
  #raise(event: RaisedEvent): void {
    let handler = 0;
    for (let index = this.#frames.length - 1; index >= 0; index--) {
      if (handlerOf((this.#frames[index] as Frame).compiled, event) !== undefined) {
        handler = index;
        break;
      }
    }
    if (event === 'HELD') this.#holdFrame = handler;
    this.#unwindTo(handler, raisedAs[event]);
    this.#send({ type: event });
  }

  /** Abandons the subscripts above frame `index`: each step in progress is cut short by `event`, down to that frame's Runsub, which the event's own transition cuts short. */
  #unwindTo(index: number, event: ContactInterruption): void {
    while (this.#frames.length - 1 > index) {
      const frame = this.#frames.pop() as Frame;
      this.variables.pop();
      this.#cutShort(event);
      this.#cancelTimer();
      this.#withdraw?.();
      this.#withdraw = undefined;
      this.#keyListener = undefined;
      this.#keyWatcher = undefined;
      this.#held = undefined;
      const call = frame.call as NonNullable<Frame['call']>;
      this.#current = call.action;
      this.#notes = call.notes;
      this.ready = false;
    }
  }

  /** Records the step in progress as cut short by an event (a held action never ran: nothing to record). */
  #cutShort(event: ContactInterruption): void {
    const current = this.#current;
    if (!current || this.ready || this.#held !== undefined) return;
    const step: Step = {
      at: this.#world.clock.now(),
      seq: this.#world.nextSeq(),
      action: current.action.id,
      type: current.action.type,
      branch: null,
      next: null,
      interruptedBy: interruptions[event],
      ...this.#scriptOf(current),
      ...(this.#notes.length > 0 ? { notes: this.#notes } : {}),
    };
    this.steps.push(step);
    this.#world.stepTaken(this, step);
  }

  /** The current action as traces and test files name it: `<file name>:<id>` in a subscript, so a request record says which script made it. */
  #place(): string {
    const current = this.#current as CompiledAction;
    return stepPlace({ action: current.action.id, ...this.#scriptOf(current) });
  }

  /** A step's `script` field: the file of the action's script, when it is not the main script. */
  #scriptOf(action: CompiledAction): { script?: string } {
    return action.file === this.compiled.script.source.file ? {} : { script: action.file };
  }

  /**
   * Whether the script waits for an event only (at Stop, or parked off hold):
   * an action that waits with no timer of its own has nothing in the script to move it on.
   */
  get waitsForEvent(): boolean {
    if (this.done) return false;
    return this.#top.machine.state === parkedState || (this.#current !== undefined && !this.ready && this.#held === undefined && this.#timer === undefined);
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
    if (this.ready || this.stopped) this.#send({ type: 'RESUME' });
    return true;
  }

  // --- ContactHooks: called by the machine --------------------------------

  get stranded(): boolean {
    const current = this.#current;
    if (current === undefined || this.branch !== undefined || this.released || this.done) return false;
    // End, Hangup and Stop have no branches by design; an outcome jumping to OnRelease is not a missing branch.
    return !current.definition.terminal && this.#outcome !== jumpToOnRelease;
  }

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
    const compiled = this.#top.compiled.actions.get(actionId) as CompiledAction;
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
    if (outcome.call || outcome.returns || outcome.handOver) {
      this.#entering = false;
      this.#changeScript(compiled, outcome);
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
            this.#send({ type: 'SETTLED' });
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

  /**
   * Runsub, Return and RunScript change the call stack. The action stays
   * where it is (its machine waits in it) and the change happens once the
   * machine transition in progress is over.
   */
  #changeScript(action: CompiledAction, outcome: Outcome): void {
    const frame = this.#top;
    this.ready = false;
    this.branch = undefined;
    if (outcome.returns) {
      this.#return(action, frame, outcome.returns.value);
      return;
    }
    const name = outcome.call?.script ?? outcome.handOver?.script ?? '';
    const callee = frame.compiled.calls.get(name);
    if (!callee) {
      // Validation resolves every name; a script compiled without it (from text) can get here.
      this.#stopHere('NoBranch', `${action.action.type} "${action.action.id}" calls "${name}", which was not found when the script was loaded; load the script from its file so the scripts it calls are found beside it`);
      return;
    }
    const file = callee.script.source.file;
    if (outcome.call) {
      if (this.#frames.length >= maxSubscriptDepth) {
        this.#stopHere('CallDepth', `Runsub "${action.action.id}" would run ${file} ${maxSubscriptDepth + 1} subscripts deep, over the limit of ${maxSubscriptDepth}: the subscripts call each other without end (the trace shows the calls)`);
        return;
      }
      const { parameters, returnVariable } = outcome.call;
      const begin = callee.script.actions.get(callee.script.begin);
      this.#addNote(describeCallNote(file, parameters, parameterNames(typeof begin?.properties['Parameters'] === 'string' ? begin.properties['Parameters'] : '')));
      const notes = this.#notes;
      this.#world.contactWaits(this);
      this.#do(() => {
        const machine = callee.start(this);
        this.#frames.push({ compiled: callee, machine, parameters, call: { action, returnVariable, notes } });
        this.variables.push();
        for (const [variable, value] of callee.initialVariables) this.variables.set(variable, value);
        machine.send({ type: 'START' });
      });
      return;
    }
    // RunScript (and Reskill with ScriptName): the other script takes this one's place for good, with every variable as it is.
    this.#addNote(
      action.action.type === 'Reskill'
        ? `ScriptName ${file} handles the queuing in the new skill: the contact goes on there for good, from its Begin with the variables as they are`
        : `hands over to ${file} for good: it starts at its Begin with the variables as they are`,
    );
    this.#record(action, { branch: null, next: null });
    this.#do(() => {
      frame.compiled = callee;
      frame.machine = callee.start(this);
      for (const [variable, value] of callee.initialVariables) if (this.variables.get(variable) === undefined) this.variables.set(variable, value);
      frame.machine.send({ type: 'START' });
    });
  }

  /** Return: back to the Runsub that called this script, with the value; in the main script, the script ends. */
  #return(action: CompiledAction, frame: Frame, value: Value): void {
    const call = frame.call;
    if (call === undefined) {
      this.#addNote('no Runsub called this script, so there is nothing to return to: the script ends here');
      this.#outcome = 'Default';
      this.#onTaken = undefined;
      this.reason ??= 'End';
      this.message ||= `The script reached Return "${action.action.id}", and no Runsub called it`;
      this.#take();
      return;
    }
    this.#addNote(`returns ${quoteValue(value)} to Runsub "${call.action.action.id}"`);
    this.#record(action, { branch: null, next: null });
    this.#do(() => {
      this.#frames.pop();
      this.variables.pop();
      this.#current = call.action;
      this.#notes = call.notes;
      if (call.returnVariable !== '') {
        this.variables.set(call.returnVariable, value);
        this.#addNote(`the subscript ${frame.compiled.script.source.file} returned ${quoteValue(value)} into ${call.returnVariable}`);
      } else {
        this.#addNote(`the subscript ${frame.compiled.script.source.file} returned`);
      }
      this.#choose('Default', undefined);
      this.#top.machine.send({ type: 'SETTLED' });
    });
  }

  /** The contact stops at the current action (its machine ends): a budget or a rule ran out. */
  #stopHere(reason: RunReason, message: string): void {
    this.stopped = true;
    this.reason = reason;
    this.message = message;
  }

  /** Records a step of `action` taken now. */
  #record(action: CompiledAction, fields: Pick<Step, 'branch' | 'next'>): void {
    const step: Step = { at: this.#world.clock.now(), seq: this.#world.nextSeq(), action: action.action.id, type: action.action.type, ...fields, ...this.#scriptOf(action) };
    if (this.#notes.length > 0) step.notes = this.#notes;
    this.steps.push(step);
    this.#world.stepTaken(this, step);
  }

  /**
   * A scripted caller takes its next input entry: the keys of a digits entry
   * are pressed after its delay (silence presses none). Returns what cancels
   * the keys not yet pressed.
   */
  #pressNextEntry(): () => void {
    const entry = this.#input.shift();
    if (entry?.kind !== 'digits') return () => {};
    let pending: unknown = this.#world.clock.setTimeout(() => {
      pending = undefined;
      this.#keys.push(...entry.digits);
      this.#deliverKeys();
    }, entry.afterMs);
    return () => {
      if (pending !== undefined) this.#world.clock.clearTimeout(pending);
      pending = undefined;
    };
  }

  #startTimer(afterMs: number): void {
    this.#timer = this.#world.clock.setTimeout(() => {
      this.#timer = undefined;
      this.#send({ type: 'SETTLED' });
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
    // A held action never ran, so there is no step of it to cut short.
    this.#cutShort(event);
    this.#held = undefined;
    this.#keyListener = undefined;
    this.#keyWatcher = undefined;
    // Whatever ran is over: the event's action (or the parked state) is next.
    this.#current = undefined;
    this.stuckMessage = undefined;
    this.ready = false;
    // A signal leaves a held call on hold (the agent still holds it); the other events settle it.
    if (event !== 'signaled') this.onHold = event === 'held';
    if (event === 'answered') {
      this.#answeredAt = this.#world.clock.now();
      // The system fills AgentId once the agent answers (CustomEvent help page); OnAnswer fills its own outputs.
      const agent = this.#world.agentOf(this);
      if (agent) this.variables.set('AgentId', agent.id);
      if (this.#top.compiled.onAnswer === undefined) {
        this.reason ??= 'End';
        this.message ||= 'An agent answered and the script has no OnAnswer, so the script ends and the caller stays with the agent';
      }
    }
  }

  finish(): void {
    const releaseTo = this.#releaseTo;
    if (releaseTo !== undefined) {
      // Hangup or End in a subscript without OnRelease: the OnRelease of a script below runs.
      this.#releaseTo = undefined;
      this.#do(() => {
        this.#unwindTo(releaseTo, 'released');
        this.#send({ type: 'RELEASED' });
      });
      return;
    }
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
    this.#releaseTo = undefined;
    if (outcome === jumpToOnRelease) {
      // Only a script with an OnRelease, not yet released, has somewhere to jump; otherwise the script ends.
      // In a subscript without one, the innermost script below with one runs its OnRelease.
      this.branch = this.#top.compiled.onRelease !== undefined && !this.released ? jumpToOnRelease : undefined;
      if (this.branch === undefined && !this.released) {
        for (let index = this.#frames.length - 2; index >= 0; index--) {
          if ((this.#frames[index] as Frame).compiled.onRelease !== undefined) {
            this.#releaseTo = index;
            break;
          }
        }
      }
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
    const releaseFrame = this.branch === jumpToOnRelease ? this.#top : this.#releaseTo !== undefined ? this.#frames[this.#releaseTo] : undefined;
    const jumps = releaseFrame !== undefined;
    const next = releaseFrame ? (releaseFrame.compiled.onRelease as string) : this.branch === undefined ? null : (current.action.branches[this.branch] ?? null);
    if (!jumps && this.stranded) this.#addNote(`no branch to take: the contact is stuck here until an event (${chosenRules.stuck})`);
    const step: Step = { at: this.#world.clock.now(), seq: this.#world.nextSeq(), action: current.action.id, type: current.action.type, branch: jumps ? null : (this.branch ?? null), next };
    if (current.file !== this.compiled.script.source.file) step.script = current.file;
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
      } else if (type === 'BlindXfer' && this.transfer) {
        this.reason = 'Transferred';
        this.message = `The call left for ${this.transfer.destination} at BlindXfer "${current.action.id}"${then}`;
      } else if (type === 'Stop') {
        this.reason = 'Stopped';
        this.message = `The script ended at Stop "${current.action.id}" in its OnRelease logic`;
      } else {
        const why =
          outcome === 'Default'
            ? `${type} "${current.action.id}" has no Default branch`
            : `${type} "${current.action.id}" took ${outcome}, which is not wired, and it has no Default branch`;
        if (this.released) {
          // OnRelease logic runs "until there are no more actions that follow" (OnRelease page).
          this.reason = 'NoBranch';
          this.message = `${why}, so the OnRelease logic ends there`;
        } else {
          // Not released: the contact stays where it is (Menu page: it "could get stuck"); only an event moves it.
          this.stuckMessage = `${why}, so the contact is stuck there until an event (the caller hanging up, an agent answering, a hold)`;
        }
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
    this.#raise('RELEASED');
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
    const call = this.restCalls.request({ ...request, action: this.#place() }, this.#world.clock.now() + this.#snippetHttpMs, this.id);
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
    const call = this.restCalls.request({ ...request, retries: 0, action: this.#place(), via: 'MakeRestRequest' }, this.#world.clock.now() + this.#snippetHttpMs, this.id, false);
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

  setGlobalVariable(name: string, newValue: Value): void {
    this.variables.setGlobal(name, newValue);
  }

  spawn(request: { scriptName: string; parameters: readonly string[]; startAt?: number }): { ok: true; contactId: string; delayMs: number } | { ok: false; reason: string } {
    return this.#world.spawn(this, (this.#current as CompiledAction).action.id, request);
  }

  signal(contactId: string, parameters: readonly string[]): { ok: true; note: string } | { ok: false; error: string } {
    return this.#world.signal(this.id, contactId, parameters);
  }

  numberAnswer(number: string): NumberEntry | undefined {
    return numberEntryFor(this.#numbers, number) ?? numberEntryFor(this.#world.numbers, number);
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

  now(): number {
    return this.#world.clock.now();
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

  readonly calendar: ActionRuntime['calendar'] = {
    instant: () => this.#world.instant(),
    hoursProfile: (name) => this.#world.hours[name.trim().toLowerCase()],
    profileNames: () => Object.values(this.#world.hours).map((profile) => profile.name),
  };

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
      const cancelEntry = !this.#live && this.#keyListener === listener ? this.#pressNextEntry() : undefined;
      return () => {
        // Keys of an entry not yet pressed when the action ends are never pressed.
        cancelEntry?.();
        if (this.#keyListener === listener) this.#keyListener = undefined;
        // What this entry left in the buffer was pressed before the next Menu or Capture (ClearDigits empties it).
        this.#keysBefore = this.#keys.length;
      };
    },
    detectKey: (onKey) => {
      if (!this.connected) return () => {};
      this.#takeTypedAhead();
      if (this.#keys.length > 0) {
        onKey();
        return () => {};
      }
      this.#keyWatcher = onKey;
      // A scripted caller presses the keys of its next entry while the file plays.
      const cancelEntry = this.#live ? undefined : this.#pressNextEntry();
      return () => {
        cancelEntry?.();
        if (this.#keyWatcher === onKey) this.#keyWatcher = undefined;
        // The keys stay for the next Menu or Capture, as keys pressed before it.
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
    dial: (destination) => dialAnswer(destination, (number) => this.numberAnswer(number)),
    transferred: (transfer) => {
      if (!this.connected) return;
      this.connected = false;
      this.#cancelHangupTimer();
      this.transfer = { at: this.#world.clock.now(), action: this.#place(), ...transfer };
      const how = transfer.type === 'BlindXfer' ? `blind-transferred to ${transfer.destination}, showing the caller's ANI ${transfer.callerId}` : `transferred to ${transfer.destination}, which answered${transfer.callerId ? ` (caller id ${transfer.callerId})` : ''}`;
      this.#world.callerLeft(this, 'transferred', `the caller of ${this.id} is ${how}`);
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
    const watcher = this.#keyWatcher;
    if (watcher !== undefined && this.#keys.length > 0) {
      // The key stops the file and stays in the buffer.
      this.#keyWatcher = undefined;
      watcher();
      return;
    }
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
    update: (change) => this.#world.updateContact(this, change),
    reskill: (skill) => this.#world.reskill(this, skill),
    customEvent: (agentId, eventName, data, persist) => this.#world.customEvent(agentId, eventName, data, persist, this.#place(), this.#explain, this.id),
    noTarget: (eventName, data, persist) => this.#world.recordNoTarget(this.#place(), eventName, data, persist, this.id),
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

/** Outside numbers are valid with 3 to 15 digits (E.164 allows 15). */
const validNumber = /^\+?[0-9][0-9\s().-]{1,30}$/;

/** What a transfer makes of each answer: a person, a machine or silence picks up, and the caller is connected. */
const transferResults: Readonly<Record<NumberEntry['answer'], NumberAnswer['answer']>> = {
  person: 'Answered',
  machine: 'Answered',
  silence: 'Answered',
  busy: 'Busy',
  noAnswer: 'NoAnswer',
  invalid: 'InvalidNumber',
  error: 'DialingError',
};

/**
 * How a dialled number answers a transfer: the scenario's `numbers` entry
 * (digits compared, or a pattern), else InvalidNumber for something that is
 * no phone number, else an answer after 5 s of ringing.
 */
function dialAnswer(destination: string, lookUp: (number: string) => NumberEntry | undefined): NumberAnswer {
  const digits = destination.replace(/\D/g, '');
  const listed = digits === '' ? undefined : lookUp(destination);
  if (listed) {
    const answer = transferResults[listed.answer];
    const afterMs = listed.afterMs ?? (answer === 'Answered' ? 5000 : answer === 'Busy' ? 2000 : 0);
    const who = listed.answer === 'machine' ? ' (an answering machine)' : listed.answer === 'silence' ? ' (a line that says nothing)' : '';
    return { answer, afterMs, why: `the scenario says ${destination} ${describeAnswer(answer)}${who}${answer === 'InvalidNumber' || answer === 'DialingError' ? '' : ` after ${afterMs / 1000} s`}` };
  }
  if (!validNumber.test(destination.trim()) || digits.length < 3 || digits.length > 15) {
    return { answer: 'InvalidNumber', afterMs: 0, why: `"${destination}" is not a phone number (3 to 15 digits)` };
  }
  return { answer: 'Answered', afterMs: 5000, why: `${destination} is not in the scenario's numbers, so it answers after 5 s` };
}

function describeAnswer(answer: NumberAnswer['answer']): string {
  return { Answered: 'answers', Busy: 'is busy', NoAnswer: 'does not answer', InvalidNumber: 'is an invalid number', DialingError: 'cannot be dialled (a network error)' }[answer];
}

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
    now,
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
