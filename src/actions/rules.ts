/**
 * The rules studio-sim chose where the vendor's documentation is silent, as
 * `run --explain` names them when they decide a step (see the README's
 * "Semantics we chose").
 */
export const chosenRules = {
  targetFallback: 'chosen rule: an empty TargetAgent means the AgentId variable',
  noTarget: 'chosen rule: with no target at all nothing is sent and OnAgentNotConnected is taken',
  connected: 'chosen rule: connected means the agent has an open session',
  persisted: 'chosen rule: PersistInMemory true keeps the event for the agent\'s next session, delivered right after AgentSessionStart',
  dropped: 'chosen rule: PersistInMemory false drops the event of an agent who is not connected',
  overwrite: 'chosen rule: a newer undelivered event of the same name replaces the older',
  unknownAgent: 'chosen rule: an agent the scenario does not list counts as logged out',
  onePollPerEvent: 'chosen rule: every poll of a session takes from one stream, each event to one poll',
  eventMissed: 'chosen rule: a poll with an id older than the newest one handed out for the session missed the events that newer poll took',
  longestIdle: 'chosen rule: the longest-idle available agent with the skill is offered the contact',
  queued: 'chosen rule: with no agent free the contact queues and the hold pattern runs until OnAnswer',
  defaultFallback: 'rule: an outcome whose branch is not wired falls back to Default',
  loopCount: 'chosen rule: Loop counts per contact and starts again after Finished',
  stuck: 'the Menu page says such a contact "could get stuck"; the caller hanging up still runs OnRelease',
  offHold: 'chosen rule: off hold, the OnHold logic is abandoned and the script waits for the next event, as at Stop',
  signalWithoutOnSignal: 'the Signal page: the script jumps to an OnSignal "if one is present"',
  signalKeepsRouting: 'chosen rule: a signal cuts short the action running, not the routing: a queued contact keeps its place',
} as const;

/** Virtual time as mm:ss.mmm (h:mm:ss.mmm past an hour). */
export function formatTime(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const seconds = Math.floor((total % 60_000) / 1000);
  const millis = total % 1000;
  const mmss = `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}.${String(millis).padStart(3, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

/** Longest value a trace note quotes whole; longer ones are cut, so a growing string does not fill memory with notes. */
const quotedValueChars = 200;

/** A value as a trace note quotes it: JSON, cut after 200 characters with the full length said. */
export function quoteValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  if (text.length <= quotedValueChars) return text;
  return `${text.slice(0, quotedValueChars)}... (${typeof value === 'string' ? value.length : text.length} characters)`;
}
