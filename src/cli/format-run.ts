import { chosenRules, formatTime } from '../actions/rules.ts';
import type { Style } from '../diagnostics/format.ts';
import { maxCustomEventDataChars } from '../runtime/event-stream.ts';
import { stepPlace, type RunReport, type Step, type WorldEvent } from '../runtime/report.ts';

export { formatTime };

const shownWorldEvents = new Set<WorldEvent['kind']>(['login', 'logout', 'answered', 'callerHungUp', 'external', 'signaled', 'delivered', 'discarded']);

/** What a step that takes no branch did, for the actions that say more than "end". */
const endings: Record<string, string> = { Hangup: 'caller disconnected', Return: 'returns', RunScript: 'hands over', Reskill: 'hands over' };


function branchText(step: Step): string {
  if (step.interruptedBy) return `(cut short by ${step.interruptedBy})`;
  const name = step.branch === null ? (step.outcome ?? endings[step.type] ?? 'end') : /^[A-Z]/.test(step.branch) ? step.branch : JSON.stringify(step.branch);
  const fallback = step.outcome && step.branch !== null ? ` (${step.outcome} not wired)` : step.branch === null && step.outcome ? ' (not wired, no Default)' : '';
  return step.next === null ? `${name}${fallback}` : `${name}${fallback} -> ${step.next}`;
}

/** A step in plain words: what happened, why, and where the contact went. */
export function explainStep(step: Step): string {
  const said = (step.notes ?? []).map((note) => note.charAt(0).toUpperCase() + note.slice(1)).join('. ');
  const went = step.interruptedBy
    ? `${step.interruptedBy} pre-empted it.`
    : step.branch === null && (step.type === 'Return' || step.type === 'RunScript' || (step.type === 'Reskill' && !step.outcome))
      ? ''
      : step.branch === null
      ? step.outcome
        ? `${step.outcome} is not wired and there is no Default, so the contact ends here.`
        : 'The contact ends here.'
      : step.outcome
        ? `${step.outcome} is not wired, so Default -> ${step.next ?? 'end'} (${chosenRules.defaultFallback}).`
        : `Branch ${step.branch} -> ${step.next ?? 'end'}.`;
  return `${step.type} ${stepPlace(step)}: ${said ? `${said}.${went ? ' ' : ''}` : ''}${went}`;
}

/** The human trace: one line per step, custom events and world events in time order, then a summary. */
/**
 * Most steps the text trace prints: a run that loops until its step budget
 * would otherwise print ten thousand lines. The first and the last steps are
 * shown (the last ones are where it went wrong); --json has every step.
 */
export const maxTraceSteps = 400;
const tailSteps = 50;

export function formatRunReport(report: RunReport, style: Style, options: { explain?: boolean; maxSteps?: number } = {}): string {
  const lines: string[] = [];
  const limit = options.maxSteps ?? maxTraceSteps;
  // Steps left out in the middle: [from, to) by index.
  const elided = report.steps.length > limit ? { from: Math.max(1, limit - tailSteps), to: report.steps.length - tailSteps } : undefined;
  const idWidth = Math.min(28, Math.max(6, ...report.steps.map((s) => stepPlace(s).length)));
  const typeWidth = Math.max(4, ...report.steps.map((s) => s.type.length));
  const world = report.world.filter((w) => shownWorldEvents.has(w.kind));
  const events = [...report.customEvents];
  let w = 0;
  const flushWorld = (until: number) => {
    while (w < world.length && (world[w] as WorldEvent).seq < until) {
      const event = world[w++] as WorldEvent;
      lines.push(`${style.dim(formatTime(event.at))}  ${style.cyan(`* ${event.text}`)}`);
    }
  };
  for (const [index, step] of report.steps.entries()) {
    if (elided && index >= elided.from && index < elided.to) {
      if (index === elided.from) lines.push(style.dim(`   ... ${elided.to - elided.from} steps not shown (steps ${elided.from + 1} to ${elided.to}); \`run --json\` has every step ...`));
      // What happened during the hidden steps stays hidden with them, but stays in order.
      while (w < world.length && (world[w] as WorldEvent).seq < step.seq) w++;
      while (events.length > 0 && events[0]?.action === step.action && (events[0]?.at ?? 0) <= step.at) events.shift();
      continue;
    }
    flushWorld(step.seq);
    const text = `${style.dim(formatTime(step.at))}  ${stepPlace(step).padEnd(idWidth)}  ${step.type.padEnd(typeWidth)}  ${branchText(step)}`;
    lines.push(step.interruptedBy ? style.dim(text) : text);
    if (options.explain) lines.push(`${' '.repeat(11)}${style.dim(explainStep(step))}`);
    while (events.length > 0 && events[0]?.action === step.action && (events[0]?.at ?? 0) <= step.at) {
      const event = events.shift() as RunReport['customEvents'][number];
      const target = event.delivery === 'noTarget' ? 'no target' : `agent ${event.agentId}`;
      const why = {
        queued: 'queued: the agent is connected',
        persisted: 'persisted: the agent is not connected, kept for its next login',
        dropped: 'dropped: the agent is not connected and PersistInMemory is false',
        noTarget: 'not sent: TargetAgent is empty and AgentId is not set',
        refused:
          event.data.length > maxCustomEventDataChars
            ? `refused: Data is ${event.data.length} characters, over the ${maxCustomEventDataChars} a custom event may carry`
            : 'refused: the agent already holds as many undelivered events as limits.maxPendingEvents allows',
      }[event.delivery];
      lines.push(`${' '.repeat(11)}${style.bold('CustomEvent')} ${event.eventName} ${event.data.length > maxCustomEventDataChars ? `${JSON.stringify(event.data.slice(0, 40))}...` : JSON.stringify(event.data)} to ${target}: ${why}${event.replaced ? ' (replaced an undelivered one of the same name)' : ''}`);
    }
  }
  const during = world.findIndex((event, i) => i >= w && event.at > report.elapsedMs);
  flushWorld(during < 0 ? Infinity : (world[during] as WorldEvent).seq);
  if (w < world.length) {
    lines.push(style.dim('           after the contact, the scenario plays out:'));
    flushWorld(Infinity);
  }

  const verdict = report.outcome === 'ended' ? style.green('ended') : style.red('failed');
  lines.push('', `${verdict} (${report.reason}) after ${formatTime(report.elapsedMs)}: ${report.message}`);
  const agents = Object.entries(report.agents);
  if (agents.length > 0) {
    lines.push('agents:');
    for (const [id, agent] of agents) {
      const pending = agent.pending.map((e) => String(e['eventName'] ?? e['Type'] ?? e['type'])).join(', ');
      lines.push(`  ${id.padEnd(8)} ${agent.state.padEnd(14)} received ${String(agent.received.length).padStart(3)}   pending ${agent.pending.length}${pending ? ` (${pending})` : ''}`);
    }
  }
  if (report.callers) {
    lines.push('callers:');
    const width = Math.max(6, ...report.callers.map((c) => c.name.length));
    for (const caller of report.callers) {
      const answered = caller.answeredAt === undefined ? 'never answered' : `answered at ${formatTime(caller.answeredAt)} by agent ${caller.agentId ?? '?'}`;
      const ended = caller.reason === undefined ? 'still running' : `${caller.reason} at ${formatTime(caller.endedAt ?? 0)}`;
      lines.push(`  ${caller.name.padEnd(width)} ${caller.contactId.padEnd(10)} calls at ${formatTime(caller.arrivedAt)}, ${answered}; ${ended}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
