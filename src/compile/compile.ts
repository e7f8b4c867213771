import { assign, createActor, setup, type ActorScope, type AnyActor, type ExecutableActionObject } from 'xstate';
import { actionDefinition, type ActionDefinition, type ScriptAction } from '../actions/index.ts';
import { jumpToOnRelease } from '../actions/types.ts';
import { parseExpression, parseSnippet, parseTemplate, type Expression, type Statement, type TemplatePart } from '../expression/index.ts';
import type { Value } from '../expression/values.ts';
import type { Script } from '../validate/index.ts';

/**
 * What the compiled machine asks of the contact it runs: the machine decides
 * *when* (states, transitions, timers, pre-emption), the contact decides
 * *what* (running an action, recording the step).
 */
export interface ContactHooks {
  /** Runs an action; afterwards `ready` says whether its branch is known now. */
  enter(actionId: string): void;
  /** Completes a step that waited (a delay ran out, or a wait was settled). */
  complete(): void;
  /** Leaves a waiting action early: withdraws its poll, if any. */
  leave(): void;
  /** An event pre-empts whatever runs (an event action, or the call coming off hold): records the interrupted step. */
  interrupt(event: ContactInterruption): void;
  /** The contact reached the end (`done`). */
  finish(): void;
  readonly ready: boolean;
  /** The wired branch the current step takes, after falling back to Default; undefined when none is wired. */
  readonly branch: string | undefined;
  /** A budget ran out: leave at once. */
  readonly stopped: boolean;
  /**
   * The step has no wired branch to take and the contact is not released:
   * it is stuck where it is until an event (Menu page: the contact "could
   * get stuck at Menu"), so it parks instead of ending.
   */
  readonly stranded: boolean;
}

/**
 * What pre-empts a running script: an agent answered (OnAnswer), the contact
 * was released (OnRelease), the agent put the call on hold (OnHold) or took it
 * off hold (the OnHold logic is abandoned and the script parks), or another
 * script or the API signalled the contact (OnSignal).
 */
export type ContactInterruption = 'answered' | 'released' | 'held' | 'resumed' | 'signaled';

export type ContactEvent =
  | { type: 'START' }
  | { type: 'ANSWERED' }
  | { type: 'RELEASED' }
  | { type: 'HELD' }
  | { type: 'RESUMED' }
  | { type: 'SIGNALED' }
  | { type: 'SETTLED' }
  | { type: 'RESUME' }
  | { type: 'STOP' };

/** The state a contact waits in, for an event, once the call came off hold or when its step had no branch to take. */
export const parkedState = 'parked';

/** An action with its property values pre-parsed, so running it does no parsing. */
export interface CompiledAction {
  action: ScriptAction;
  /** The file of the script the action is in (the trace names it for steps in subscripts). */
  file: string;
  definition: ActionDefinition;
  templates: Map<string, TemplatePart[]>;
  expressions: Map<string, Expression>;
  /** Snippet code, parsed once for every contact. */
  programs: Map<string, Statement[]>;
}

/** Machine state keys: `@` + action id, so no id can clash with `done` or with Object.prototype's names. */
export const stateKey = (actionId: string): string => `@${actionId}`;

const contactSetup = setup({
  types: {} as { context: { hooks: ContactHooks; steps: number }; input: { hooks: ContactHooks }; events: ContactEvent },
  actions: {
    enter: ({ context }, params: { action: string }) => context.hooks.enter(params.action),
    complete: ({ context }) => context.hooks.complete(),
    leave: ({ context }) => context.hooks.leave(),
    interrupt: ({ context }, params: { event: ContactInterruption }) => context.hooks.interrupt(params.event),
    finish: ({ context }) => context.hooks.finish(),
    // Each step changes the snapshot: xstate stops following eventless transitions
    // when a microstep leaves it unchanged, which a branch back to the same action would.
    count: assign({ steps: ({ context }) => context.steps + 1 }),
  },
  guards: {
    took: ({ context }, params: { branch: string }) => context.hooks.branch === params.branch,
    tookNow: ({ context }, params: { branch: string }) => context.hooks.ready && !context.hooks.stopped && context.hooks.branch === params.branch,
    // No wired branch to take before the release: the contact stays, stuck, until an event.
    strandedNow: ({ context }) => context.hooks.ready && !context.hooks.stopped && context.hooks.stranded,
    stranded: ({ context }) => !context.hooks.stopped && context.hooks.stranded,
    // No wired branch to take, or a budget ran out: the contact ends.
    endsNow: ({ context }) => context.hooks.stopped || (context.hooks.ready && context.hooks.branch === undefined),
  },
});

export type ContactMachine = ReturnType<typeof contactSetup.createMachine>;
type ContactSnapshot = ReturnType<ContactMachine['transition']>;
type ContactScope = ActorScope<ContactSnapshot, ContactEvent>;

/**
 * Runs the compiled machine for one contact with xstate's own transition
 * function (`machine.transition`, the step an actor takes for each event),
 * without an actor: no actor system, mailbox or observers to create per
 * contact. Actions run as xstate resolves them, as in a running actor, so a
 * guard sees what the entry action before it decided.
 */
export class ContactRun {
  readonly #machine: ContactMachine;
  readonly #scope: ContactScope;
  #snapshot: ContactSnapshot;
  /** Events sent while a transition runs wait for it, as in an actor's mailbox. */
  #queue: ContactEvent[] | undefined;
  #busy = false;

  /** Work xstate's built-in actions defer until the transition is over (our machine has none today). */
  readonly #deferred: Array<() => void> = [];

  constructor(machine: ContactMachine, lender: AnyActor, hooks: ContactHooks) {
    this.#machine = machine;
    this.#scope = {
      self: lender,
      id: lender.id,
      sessionId: lender.sessionId,
      logger: () => {},
      defer: (fn) => this.#deferred.push(fn),
      emit: () => {},
      system: lender.system,
      stopChild: () => {},
      actionExecutor: executeAction,
    };
    // The snapshot of the initial state, `ready`, with this contact's context: what
    // getInitialSnapshot gives (`ready` has no actions and no eventless transitions)
    // without its initial microstep.
    this.#snapshot = machine.resolveState({ value: 'ready', context: { hooks, steps: 0 } });
  }

  #runDeferred(): void {
    let fn: (() => void) | undefined;
    while ((fn = this.#deferred.shift()) !== undefined) fn();
  }

  #transition(event: ContactEvent): void {
    // A machine that reached its final state takes no more events, as a stopped actor.
    if (this.#snapshot.status !== 'active') return;
    this.#snapshot = this.#machine.transition(this.#snapshot, event, this.#scope);
    this.#runDeferred();
  }

  /** The machine's current state (a state key, `ready` or `done`). */
  get state(): string {
    return this.#snapshot.value as string;
  }

  send(event: ContactEvent): void {
    if (this.#busy) {
      (this.#queue ??= []).push(event);
      return;
    }
    this.#busy = true;
    try {
      this.#transition(event);
      let next: ContactEvent | undefined;
      while (this.#queue !== undefined && (next = this.#queue.shift()) !== undefined) this.#transition(next);
    } finally {
      this.#busy = false;
      this.#queue = undefined;
    }
  }
}

/** Runs an action as soon as xstate resolves it (an actor that is running does the same). */
function executeAction(action: ExecutableActionObject): void {
  // The params of our actions are plain data; xstate types them loosely.
  action.exec?.(action.info, action.params as never);
}

/**
 * The actor system xstate's transition function expects comes from an actor
 * created once per machine and never started: it only lends its system
 * (which has no inspectors) to the transitions of every contact.
 */
function systemLender(machine: ContactMachine): AnyActor {
  return createActor(machine, { input: { hooks: inertHooks } });
}

/** Hooks for the actor that lends its system: it never leaves `ready`, so they are never called. */
const inertHooks: ContactHooks = {
  enter: () => {},
  complete: () => {},
  leave: () => {},
  interrupt: () => {},
  finish: () => {},
  ready: false,
  branch: undefined,
  stopped: false,
  stranded: false,
};

export interface CompiledScript {
  script: Script;
  actions: Map<string, CompiledAction>;
  machine: ContactMachine;
  /** The script's variables with their starting values, listed once for every contact to copy. */
  initialVariables: ReadonlyArray<readonly [string, Value]>;
  /** Starts the machine for one contact (in `ready`; START runs Begin). */
  start(hooks: ContactHooks): ContactRun;
  /** The scripts its Runsub and RunScript actions call, by the name as written. */
  calls: Map<string, CompiledScript>;
  /** The ids of the event actions, if the script has them. */
  onAnswer?: string;
  onRelease?: string;
  onHold?: string;
  onSignal?: string;
}

function compileAction(action: ScriptAction, file: string): CompiledAction {
  const definition = actionDefinition(action.type) as ActionDefinition;
  const templates = new Map<string, TemplatePart[]>();
  const expressions = new Map<string, Expression>();
  const programs = new Map<string, Statement[]>();
  for (const [name, spec] of Object.entries(definition.properties)) {
    const written = Object.prototype.hasOwnProperty.call(action.properties, name);
    const value = written ? action.properties[name] : spec.schema.default;
    if (typeof value !== 'string') continue;
    // Validation has already parsed these, so they parse here.
    const kind = spec.kindWhen?.(action.properties) ?? spec.kind;
    if (kind === 'template') {
      const parsed = parseTemplate(value);
      if (parsed.ok) templates.set(name, parsed.value);
    } else if (kind === 'expression') {
      const parsed = parseExpression(value);
      if (parsed.ok) expressions.set(name, parsed.value);
    } else if (kind === 'snippet') {
      const parsed = parseSnippet(value);
      if (parsed.ok) programs.set(name, parsed.value);
    }
  }
  return { action, definition, file, templates, expressions, programs };
}

/**
 * A validated script, and every script it calls (resolved by validation), as
 * xstate machines linked by name; each script is compiled once, cycles included.
 */
export function compileScript(script: Script): CompiledScript {
  const compiled = new Map<Script, CompiledScript>();
  const pending: Script[] = [script];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (compiled.has(next)) continue;
    compiled.set(next, compileOne(next));
    for (const called of next.calls?.values() ?? []) if (!compiled.has(called)) pending.push(called);
  }
  for (const [source, target] of compiled) {
    for (const [name, called] of source.calls ?? []) target.calls.set(name, compiled.get(called) as CompiledScript);
  }
  return compiled.get(script) as CompiledScript;
}

/** One script as an xstate machine: one state per action, one transition per wired branch. */
function compileOne(script: Script): CompiledScript {
  const actions = new Map<string, CompiledAction>();
  // A null-prototype object: action ids are data, never prototype names.
  const states: Record<string, object> = Object.create(null);
  let onAnswer: string | undefined;
  let onRelease: string | undefined;
  let onHold: string | undefined;
  let onSignal: string | undefined;
  for (const action of script.actions.values()) {
    if (action.type === 'OnRelease') onRelease ??= action.id;
  }

  for (const action of script.actions.values()) {
    const compiled = compileAction(action, script.source.file);
    actions.set(action.id, compiled);
    if (action.type === 'OnAnswer') onAnswer = action.id;
    if (action.type === 'OnHold') onHold ??= action.id;
    if (action.type === 'OnSignal') onSignal ??= action.id;
    // Default first: it is the branch most steps take, and guards are tried in order.
    const wired = Object.entries(action.branches).sort(([a], [b]) => (a === 'Default' ? -1 : b === 'Default' ? 1 : 0));
    // Hangup and End invoke the script's OnRelease, as its implicit next action.
    const release = onRelease !== undefined && compiled.definition.invokesOnRelease ? [[jumpToOnRelease, onRelease] as const] : [];
    const now = [
      // reenter: a branch back to the same action runs it again (xstate would otherwise stay put).
      ...[...wired, ...release].map(([branch, target]) => ({ guard: { type: 'tookNow', params: { branch } }, target: stateKey(target), reenter: true })),
      { guard: 'strandedNow', target: parkedState },
      { guard: 'endsNow', target: 'done' },
    ];
    const enter = { type: 'enter', params: { action: action.id } };
    // Only a branch straight back to the same action needs the snapshot to change (see `count`).
    const loopsToItself = wired.some(([, target]) => target === action.id);
    const state: Record<string, unknown> = { entry: loopsToItself ? [enter, 'count'] : enter, always: now };
    if (compiled.definition.waits) {
      // A waiting action is settled by the contact (its delay ran out, or a poll was answered).
      state['exit'] = 'leave';
      state['on'] = {
        SETTLED: [
          ...[...wired, ...release].map(([branch, target]) => ({ guard: { type: 'took', params: { branch } }, target: stateKey(target), reenter: true, actions: 'complete' })),
          { guard: 'stranded', target: parkedState, actions: 'complete' },
          { target: 'done', actions: 'complete' },
        ],
      };
    }
    states[stateKey(action.id)] = state;
  }
  states['done'] = { type: 'final', entry: 'finish' };
  // Off hold, the OnHold logic is abandoned, and a step with no branch to take is stuck: the contact waits here for the next event.
  states[parkedState] = {};
  // xstate defers the actions of the initial state until the actor runs, after
  // eventless transitions were checked; a START event makes Begin an ordinary step.
  states['ready'] = { on: { START: stateKey(script.begin) } };

  const config = {
    id: 'contact',
    context: ({ input }: { input: { hooks: ContactHooks } }) => ({ hooks: input.hooks, steps: 0 }),
    initial: 'ready',
    on: {
      // The contact sends each event only when it applies (not after a release, OnHold only when the script has one).
      ANSWERED: { target: onAnswer ? `.${stateKey(onAnswer)}` : '.done', actions: { type: 'interrupt', params: { event: 'answered' } } },
      RELEASED: { target: onRelease ? `.${stateKey(onRelease)}` : '.done', actions: { type: 'interrupt', params: { event: 'released' } } },
      ...(onHold ? { HELD: { target: `.${stateKey(onHold)}`, actions: { type: 'interrupt', params: { event: 'held' } } } } : {}),
      // A signal pre-empts whatever runs, OnRelease logic included ("will interrupt any script that is currently processing").
      ...(onSignal ? { SIGNALED: { target: `.${stateKey(onSignal)}`, actions: { type: 'interrupt', params: { event: 'signaled' } } } } : {}),
      RESUMED: { target: `.${parkedState}`, actions: { type: 'interrupt', params: { event: 'resumed' } } },
      STOP: { target: '.done' },
    },
    states,
  };
  // The config is built from data, so its literal types cannot be checked against the setup's.
  const machine = contactSetup.createMachine(config as unknown as Parameters<typeof contactSetup.createMachine>[0]);
  const lender = systemLender(machine);
  const compiled: CompiledScript = { script, actions, machine, initialVariables: Object.entries(script.variables), calls: new Map(), start: (hooks) => new ContactRun(machine, lender, hooks) };
  if (onAnswer !== undefined) compiled.onAnswer = onAnswer;
  if (onRelease !== undefined) compiled.onRelease = onRelease;
  if (onHold !== undefined) compiled.onHold = onHold;
  if (onSignal !== undefined) compiled.onSignal = onSignal;
  return compiled;
}
