/**
 * Baselines for B1: the vendor sample's branch 2 (menu "2", custom events
 * before and during the hold, an agent answering at 48 s, an event to the
 * agent) written by hand, once as an xstate machine and once as a plain
 * JavaScript walker. Both keep a trace as studio-sim does, so the figure
 * compares like with like.
 */
import { assign, createActor, setup, SimulatedClock } from 'xstate';

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

/** One contact through a plain JavaScript graph walker: the fastest this flow can be run. */
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
