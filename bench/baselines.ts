/**
 * Baselines for B1: the vendor sample's branch 2 (menu "2", custom events
 * before and during the hold, an agent answering at 48 s, an event to the
 * agent), run without studio-sim:
 *
 * - `runHandWrittenXstate`: the flow written by hand as an xstate machine (B1a).
 * - `runGraphWalker`: a generic plain-JS walker over the same parsed script
 *   and scenario data (B1b): it reads each action's type, properties and
 *   branches, decides branches in plain JS and keeps a trace.
 * - `runPlainWalker`: the flow hard-coded as plain JS, for information: the
 *   fastest this flow can be run, with nothing read from the script.
 * - `runBareXstate`: an xstate machine that only takes the sample's 16 steps
 *   (one state per action, an entry action and an eventless transition per
 *   step, as studio-sim's machines), for information: the floor of running
 *   each action as an xstate microstep.
 *
 * Each keeps a trace as studio-sim does, so the figures compare like with like.
 */
import { assign, createActor, setup, SimulatedClock, type ActorScope, type ExecutableActionObject } from 'xstate';
import type { Scenario, Script, ScriptAction } from 'studio-sim';

/** A variable's value, as a scenario gives it. */
type Value = Scenario['variables'][string];

interface Trace {
  steps: Array<{ at: number; action: string; branch: string }>;
  events: Array<{ at: number; agentId: string; eventName: string; data: string }>;
}

const handWritten = setup({
  types: {} as { context: { vars: Record<string, string>; trace: Trace; now: () => number }; input: { now: () => number } },
  actions: {
    step: ({ context }, params: { action: string; branch: string }) => {
      context.trace.steps.push({ at: context.now(), action: params.action, branch: params.branch });
    },
    send: ({ context }, params: { eventName: string; agent: 'monitor' | 'answering' }) => {
      const agentId = params.agent === 'monitor' ? (context.vars['MonitorAgentId'] as string) : (context.vars['AgentId'] as string);
      context.trace.events.push({ at: context.now(), agentId, eventName: params.eventName, data: `Menu Press ${context.vars['DigitsEntered']}` });
    },
    digits: assign({ vars: ({ context }) => ({ ...context.vars, DigitsEntered: '2' }) }),
    answered: assign({ vars: ({ context }) => ({ ...context.vars, AgentId: '2002', FIRST: 'Ann' }) }),
  },
}).createMachine({
  context: ({ input }) => ({ vars: { MonitorAgentId: '1001', SkillName: 'Support' }, trace: { steps: [], events: [] }, now: input.now }),
  initial: 'begin',
  on: { ANSWER: { target: '.answered', actions: 'answered' } },
  states: {
    begin: { entry: { type: 'step', params: { action: 'begin', branch: 'Default' } }, always: 'menu' },
    menu: { after: { 1000: { target: 'notify', actions: ['digits', { type: 'step', params: { action: 'main_menu', branch: '2' } }] } } },
    notify: { entry: [{ type: 'send', params: { eventName: 'Menu_Choice', agent: 'monitor' } }, { type: 'step', params: { action: 'notify_monitor', branch: 'Default' } }], always: 'join' },
    join: { entry: { type: 'step', params: { action: 'join_monitor_session', branch: 'Success' } }, always: 'next_event' },
    next_event: { entry: { type: 'step', params: { action: 'get_custom_event', branch: 'OnNewEvents' } }, always: 'received' },
    received: { entry: { type: 'step', params: { action: 'event_received', branch: 'Default' } }, always: 'check' },
    check: { entry: { type: 'step', params: { action: 'after_event', branch: 'True' } }, always: 'queue' },
    queue: { entry: { type: 'step', params: { action: 'queue_with_event', branch: 'Default' } }, always: 'waiting' },
    waiting: { entry: [{ type: 'send', params: { eventName: 'Caller_Waiting', agent: 'monitor' } }, { type: 'step', params: { action: 'tell_monitor_waiting', branch: 'Default' } }], always: 'music' },
    music: { entry: { type: 'step', params: { action: 'hold_music', branch: 'Default' } }, always: 'hold' },
    hold: { after: { 30000: { target: 'music', reenter: true, actions: { type: 'step', params: { action: 'hold_wait', branch: 'Default' } } } } },
    answered: { entry: { type: 'step', params: { action: 'answered', branch: 'Default' } }, always: 'tell' },
    tell: { entry: [{ type: 'send', params: { eventName: 'Caller_Info', agent: 'answering' } }, { type: 'step', params: { action: 'tell_agent', branch: 'Default' } }], always: 'done' },
    done: { type: 'final' },
  },
});

/** One contact through the hand-written xstate machine, on a simulated clock. */
export function runHandWrittenXstate(): Trace {
  const clock = new SimulatedClock();
  const actor = createActor(handWritten, { clock, input: { now: () => clock.now() } });
  actor.start();
  clock.setTimeout(() => actor.send({ type: 'ANSWER' }), 48_000);
  for (let t = 1000; actor.getSnapshot().status === 'active' && t <= 60_000; t += 1000) clock.set(t);
  return actor.getSnapshot().context.trace;
}

type Step = (vars: Record<string, string>, trace: Trace, now: number) => { branch: string; next: string | null; afterMs?: number };

const walkerActions: Record<string, Step> = {
  begin: () => ({ branch: 'Default', next: 'main_menu' }),
  main_menu: (vars) => {
    vars['DigitsEntered'] = '2';
    return { branch: '2', next: 'notify_monitor', afterMs: 1000 };
  },
  notify_monitor: (vars, trace, now) => {
    trace.events.push({ at: now, agentId: vars['MonitorAgentId'] as string, eventName: 'Menu_Choice', data: `Menu Press ${vars['DigitsEntered']}` });
    return { branch: 'Default', next: 'join_monitor_session' };
  },
  join_monitor_session: () => ({ branch: 'Success', next: 'get_custom_event' }),
  get_custom_event: () => ({ branch: 'OnNewEvents', next: 'event_received' }),
  event_received: () => ({ branch: 'Default', next: 'after_event' }),
  after_event: (vars) => ({ branch: vars['DigitsEntered'] === '2' ? 'True' : 'False', next: 'queue_with_event' }),
  queue_with_event: () => ({ branch: 'Default', next: 'tell_monitor_waiting' }),
  tell_monitor_waiting: (vars, trace, now) => {
    trace.events.push({ at: now, agentId: vars['MonitorAgentId'] as string, eventName: 'Caller_Waiting', data: 'waiting' });
    return { branch: 'Default', next: 'hold_music' };
  },
  hold_music: () => ({ branch: 'Default', next: 'hold_wait' }),
  hold_wait: () => ({ branch: 'Default', next: 'hold_music', afterMs: 30_000 }),
  answered: (vars) => {
    vars['AgentId'] = '2002';
    return { branch: 'Default', next: 'tell_agent' };
  },
  tell_agent: (vars, trace, now) => {
    trace.events.push({ at: now, agentId: vars['AgentId'] as string, eventName: 'Caller_Info', data: 'info' });
    return { branch: 'Default', next: null };
  },
};

/** One contact through the flow hard-coded in plain JavaScript: the fastest this flow can be run. */
export function runPlainWalker(): Trace {
  const vars: Record<string, string> = { MonitorAgentId: '1001', SkillName: 'Support' };
  const trace: Trace = { steps: [], events: [] };
  const answerAt = 48_000;
  let now = 0;
  let current: string | null = 'begin';
  while (current !== null) {
    const outcome = (walkerActions[current] as Step)(vars, trace, now);
    const finishes = now + (outcome.afterMs ?? 0);
    if (finishes > answerAt) {
      now = answerAt;
      current = 'answered';
      continue;
    }
    now = finishes;
    trace.steps.push({ at: now, action: current, branch: outcome.branch });
    current = outcome.next;
  }
  return trace;
}

// --- a generic plain-JS graph walker (B1b) ------------------------------------

interface WalkStep {
  at: number;
  seq: number;
  action: string;
  type: string;
  branch: string | null;
  next: string | null;
  interruptedBy?: 'OnAnswer';
}

interface WalkTrace {
  steps: WalkStep[];
  events: Array<{ at: number; action: string; agentId: string; eventName: string; data: string; delivery: 'queued' | 'persisted' | 'dropped' }>;
  variables: Map<string, Value>;
  reason: string;
}

/** What an action decided: its outcome, and how long it takes (waiting actions). */
interface Decision {
  outcome: string;
  afterMs?: number;
}

/** `{Name}` substitutions, the only template form the sample uses. */
const placeholder = /\{(\w+)\}/g;
/** `Name = "value"` or `Name = value`, the only expression form the sample uses. */
const equality = /^\s*(\w+)\s*=\s*"?([^"]*)"?\s*$/;

/**
 * One contact through a generic graph walker: it starts at the script's
 * Begin and follows branches by name through `script.actions`, deciding each
 * action's outcome from its type and properties in plain JS, with caller
 * input, agents and answer times read from the scenario. It keeps a trace of
 * steps (time, order, action, type, branch, next, pre-emption by OnAnswer),
 * the custom events sent and the variables. It knows only the action types
 * and template and expression forms the sample uses, and none of the rules
 * studio-sim explains (no notes, no agent event stream, no world log).
 */
export function runGraphWalker(script: Script, scenario: Scenario): WalkTrace {
  const variables = new Map<string, Value>(Object.entries(script.variables));
  for (const [name, value] of Object.entries(scenario.variables)) variables.set(name, value);
  variables.set('ANI', scenario.caller.ani);
  variables.set('DNIS', scenario.caller.dnis);
  const trace: WalkTrace = { steps: [], events: [], variables, reason: '' };
  const render = (text: unknown) => String(text ?? '').replace(placeholder, (_, name: string) => String(variables.get(name) ?? ''));
  const input = [...scenario.caller.input];
  const loggedInAt = new Map<string, number>();
  for (const agent of scenario.agents) loggedInAt.set(agent.id, agent.state !== 'LoggedOut' ? 0 : (agent.loginAfterMs ?? Infinity));
  const queued = new Map<string, string[]>();
  const loops = new Map<string, number>();
  let answerAt = Infinity;
  let answeredBy: string | undefined;
  let now = 0;
  let seq = 0;

  const decide = (action: ScriptAction): Decision => {
    const p = action.properties;
    switch (action.type) {
      case 'Menu': {
        const key = input.shift();
        const timeoutMs = Number(p['Timeout'] ?? 5) * 1000;
        if (!key || key.kind !== 'digits' || key.afterMs >= timeoutMs) return { outcome: 'OnTimeout', afterMs: timeoutMs };
        const digit = key.digits.charAt(0);
        variables.set('DigitsEntered', digit);
        return { outcome: action.branches[digit] !== undefined ? digit : 'OnInvalid', afterMs: key.afterMs };
      }
      case 'CustomEvent': {
        const agentId = render(p['TargetAgent']) || String(variables.get('AgentId') ?? '');
        const connected = (loggedInAt.get(agentId) ?? Infinity) <= now;
        const delivery = connected ? 'queued' : p['PersistInMemory'] === true ? 'persisted' : 'dropped';
        const eventName = String(p['EventName']);
        trace.events.push({ at: now, action: action.id, agentId, eventName, data: render(p['Data']), delivery });
        if (connected) queued.get(agentId)?.push(eventName) ?? queued.set(agentId, [eventName]);
        return { outcome: connected ? 'Default' : 'OnAgentNotConnected' };
      }
      case 'JoinAgentSession': {
        const agentId = render(p['AgentId']);
        if ((loggedInAt.get(agentId) ?? Infinity) > now) return { outcome: 'OnError' };
        variables.set(String(p['SessionIdVariable']), agentId);
        return { outcome: 'Success' };
      }
      case 'GetNextEvent': {
        const events = queued.get(render(p['SessionId']));
        if (events === undefined || events.length === 0) return { outcome: 'OnNoEvents', afterMs: Number(render(p['Timeout'])) * 1000 };
        variables.set(String(p['EventMessagesVariable']), events.join(','));
        events.length = 0;
        return { outcome: 'OnNewEvents' };
      }
      case 'If': {
        const match = equality.exec(String(p['Expression']));
        return { outcome: match && String(variables.get(match[1] as string) ?? '') === match[2] ? 'True' : 'False' };
      }
      case 'Loop': {
        const count = (loops.get(action.id) ?? 0) + 1;
        loops.set(action.id, count);
        return { outcome: count <= Number(p['Repeat']) ? 'Repeat' : 'Finished' };
      }
      case 'Reqagent': {
        const skill = render(p['Skill']).toLowerCase();
        const agent = scenario.agents.find((a) => a.skills.some((s) => s.toLowerCase() === skill));
        if (!agent) return { outcome: 'OnError' };
        answerAt = Math.max(now, loggedInAt.get(agent.id) ?? Infinity) + agent.answerAfterMs;
        answeredBy = agent.id;
        return { outcome: 'Default' };
      }
      case 'OnAnswer':
        variables.set('AgentId', answeredBy ?? '');
        return { outcome: 'Default' };
      case 'Wait':
        return { outcome: 'Default', afterMs: Number(p['Timeout']) * 1000 };
      case 'Begin':
      case 'Play':
      case 'OnRelease':
        return { outcome: 'Default' };
      case 'End':
      case 'Hangup':
        return { outcome: 'Default' };
      default:
        throw new Error(`the walker does not know ${action.type}`);
    }
  };

  const onAnswer = [...script.actions.values()].find((a) => a.type === 'OnAnswer')?.id;
  let current: string | undefined = script.begin;
  while (current !== undefined) {
    const action = script.actions.get(current) as ScriptAction;
    const decision = decide(action);
    const finishes = now + (decision.afterMs ?? 0);
    if (finishes > answerAt && onAnswer !== undefined) {
      // The agent answers first: OnAnswer pre-empts the waiting action.
      now = answerAt;
      answerAt = Infinity;
      trace.steps.push({ at: now, seq: seq++, action: action.id, type: action.type, branch: null, next: null, interruptedBy: 'OnAnswer' });
      current = onAnswer;
      continue;
    }
    now = finishes;
    const branch = action.branches[decision.outcome] !== undefined ? decision.outcome : action.branches['Default'] !== undefined ? 'Default' : null;
    const next = branch === null ? null : (action.branches[branch] as string);
    trace.steps.push({ at: now, seq: seq++, action: action.id, type: action.type, branch, next });
    if (next === null) trace.reason = action.type === 'End' || action.type === 'Hangup' ? action.type : 'NoBranch';
    current = next ?? undefined;
  }
  return trace;
}

// --- the floor of xstate as the engine (for information) -----------------------

/** The sample's 16 steps as a chain: state i runs its action on entry, then takes its branch. */
const sampleStepCount = 16;

interface BareContext {
  trace: Array<{ action: number; branch: string }>;
  branch: string;
}

const bareStates: Record<string, object> = { ready: { on: { START: 's0' } }, done: { type: 'final' } };
for (let i = 0; i < sampleStepCount; i++) {
  bareStates[`s${i}`] = {
    entry: { type: 'run', params: { action: i } },
    always: [{ guard: { type: 'took', params: { branch: 'Default' } }, target: i + 1 < sampleStepCount ? `s${i + 1}` : 'done' }, { target: 'done' }],
  };
}

const bareSetup = setup({
  types: {} as { context: BareContext; input: { trace: BareContext['trace'] }; events: { type: 'START' } },
  actions: {
    run: ({ context }, params: { action: number }) => {
      context.branch = 'Default';
      context.trace.push({ action: params.action, branch: context.branch });
    },
  },
  guards: { took: ({ context }, params: { branch: string }) => context.branch === params.branch },
});
// Built from data, as studio-sim builds its machines.
const bareMachine = bareSetup.createMachine({ context: ({ input }: { input: { trace: BareContext['trace'] } }) => ({ trace: input.trace, branch: '' }), initial: 'ready', states: bareStates } as unknown as Parameters<typeof bareSetup.createMachine>[0]);
type BareSnapshot = ReturnType<typeof bareMachine.transition>;
const bareLender = createActor(bareMachine, { input: { trace: [] } });
const bareScope: ActorScope<BareSnapshot, { type: 'START' }> = {
  self: bareLender,
  id: bareLender.id,
  sessionId: bareLender.sessionId,
  logger: () => {},
  defer: () => {},
  emit: () => {},
  system: bareLender.system,
  stopChild: () => {},
  actionExecutor: (action: ExecutableActionObject) => action.exec?.(action.info, action.params as never),
};

/** One run of the bare 16-step machine, driven as studio-sim drives its machines (xstate's transition function, no actor). */
export function runBareXstate(): BareContext['trace'] {
  const trace: BareContext['trace'] = [];
  const snapshot = bareMachine.transition(bareMachine.getInitialSnapshot(bareScope, { trace }), { type: 'START' }, bareScope);
  if (snapshot.status !== 'done' || trace.length !== sampleStepCount) throw new Error('the bare machine did not take every step');
  return trace;
}
