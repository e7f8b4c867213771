import { stringify } from 'yaml';
import type { Contact } from '../runtime/contact.ts';
import { failedReasons, type CustomEventTrace } from '../runtime/report.ts';

type Data = Record<string, unknown>;

/** Seconds as a scenario writes them (whole milliseconds, no float noise). */
const seconds = (ms: number): number => Math.round(ms) / 1000;

/** Something a person did to an agent in the playground (or through /sim/), at a virtual time. */
export interface HandAction {
  kind: 'login' | 'logout' | 'answer' | 'end' | 'hold' | 'resume';
  agentId: string;
  /** Virtual time, ms since the world's reset. */
  at: number;
  /** `login`: the state it logged in to. */
  state?: 'Available' | 'Unavailable';
  /** `answer`: the contact answered and when it was offered to the agent. */
  contactId?: string;
  offeredAt?: number;
  /** How many contacts had started when it was done: a login at the same virtual time as a call's start came before or after it. */
  contactsStarted: number;
  /** Done while the clock was paused: after everything that happened at that virtual time (see handTime). */
  paused: boolean;
}

/**
 * When the replay does a hand action. Done while the clock was paused, it
 * came after everything that happened at that virtual time (the step just
 * taken, its timers); a scenario's timers at the same time would fire in
 * the order they were set, so the replay does it 1 ms later, after them.
 */
export const handTime = (action: HandAction): number => (action.paused ? action.at + 1 : action.at);

/** The number in a contact id (`contact-7` -> 7): contacts are numbered in the order they start. */
export const contactNumber = (contactId: string): number => Number(/(\d+)$/.exec(contactId)?.[1] ?? 0);

type AgentChange = { at: number; kind: 'login' | 'logout'; state: 'Available' | 'Unavailable'; byHand: boolean; beforeStart: boolean };

/**
 * The scenario's agents as seen from the contact's start, so a case whose
 * contact starts at time 0 meets the same agents at the same moments: each
 * agent's state when the contact began (its scenario state, then the
 * scenario's and the person's logins and logouts until then), its next login
 * and logout from there (loginAfter, logoutAfter, counted from the contact's
 * start), and the answer delay the person used when they answered by hand.
 * What a scenario cannot say (two logins after the start) comes back as notes.
 */
function agentsFromContactStart(rawAgents: Data, hand: readonly HandAction[], contact: Contact): { agents: Data; notes: string[] } {
  const start = contact.startedAt;
  const number = contactNumber(contact.id);
  const notes: string[] = [];
  const agents: Data = {};
  const ids = new Set([...Object.keys(rawAgents), ...hand.map((h) => h.agentId)]);
  for (const id of ids) {
    const raw = rawAgents[id] as Data | undefined;
    if (raw === undefined) {
      notes.push(`Agent ${id} was not in the scenario (added by hand): add it under agents for the case to meet it.`);
      continue;
    }
    const agent: Data = { ...raw };
    delete agent['loginAfter'];
    delete agent['logoutAfter'];
    const changes: AgentChange[] = [];
    if (typeof raw['loginAfter'] === 'number') changes.push({ at: raw['loginAfter'] * 1000, kind: 'login', state: 'Available', byHand: false, beforeStart: raw['loginAfter'] * 1000 < start });
    if (typeof raw['logoutAfter'] === 'number') changes.push({ at: raw['logoutAfter'] * 1000, kind: 'logout', state: 'Available', byHand: false, beforeStart: raw['logoutAfter'] * 1000 < start });
    for (const action of hand) {
      if (action.agentId !== id) continue;
      if (action.kind === 'answer') {
        if (action.contactId === contact.id && action.offeredAt !== undefined) agent['answerAfter'] = seconds(Math.max(0, action.at - action.offeredAt));
        continue;
      }
      if (action.kind === 'end' || action.kind === 'hold' || action.kind === 'resume') continue; // below, from the answer
      const beforeStart = action.at < start || (action.at === start && action.contactsStarted < number);
      changes.push({ at: handTime(action), kind: action.kind, state: action.state ?? 'Available', byHand: true, beforeStart });
    }
    // In time order; at one moment the scenario's own timers come first, as they were set first.
    changes.sort((a, b) => a.at - b.at || Number(a.byHand) - Number(b.byHand));
    let state = typeof raw['state'] === 'string' ? raw['state'] : 'LoggedOut';
    const later: AgentChange[] = [];
    for (const change of changes) {
      if (change.beforeStart) state = change.kind === 'login' ? change.state : 'LoggedOut';
      else later.push(change);
    }
    agent['state'] = state;
    const firstLogin = later.find((c) => c.kind === 'login');
    const firstLogout = later.find((c) => c.kind === 'logout');
    if (firstLogin) agent['loginAfter'] = seconds(firstLogin.at - start);
    if (firstLogout) agent['logoutAfter'] = seconds(firstLogout.at - start);
    if (later.filter((c) => c.kind === 'login').length > 1 || later.filter((c) => c.kind === 'logout').length > 1) {
      notes.push(`Agent ${id} logged in or out more than once during the call; a scenario holds one loginAfter and one logoutAfter, so the case keeps the first of each.`);
    }
    if (firstLogin?.state === 'Unavailable') notes.push(`Agent ${id} logged in as Unavailable during the call; loginAfter logs in as Available.`);
    Object.assign(agent, callHandling(id, hand, contact, notes));
    agents[id] = agent;
  }
  return { agents, notes };
}

/**
 * The agent's hang-up and holds of this contact done by hand, as a scenario
 * says them: seconds after the answer (`hangupAfter`, `holds`).
 */
function callHandling(agentId: string, hand: readonly HandAction[], contact: Contact, notes: string[]): Data {
  const answeredAt = contact.answeredAt();
  const mine = hand.filter((h) => h.agentId === agentId && h.contactId === contact.id);
  if (answeredAt === undefined || mine.length === 0) return {};
  const out: Data = {};
  const end = mine.find((h) => h.kind === 'end');
  if (end) out['hangupAfter'] = seconds(handTime(end) - answeredAt);
  const holds: Data[] = [];
  let heldAt: number | undefined;
  for (const action of mine) {
    if (action.kind === 'hold') heldAt = handTime(action);
    if (action.kind === 'resume' && heldAt !== undefined) {
      holds.push({ after: seconds(heldAt - answeredAt), for: seconds(handTime(action) - heldAt) });
      heldAt = undefined;
    }
  }
  if (heldAt !== undefined) {
    // Still on hold when the case was made (or when the call ended): held until then.
    const until = contact.endedAt ?? (end ? handTime(end) : heldAt);
    holds.push({ after: seconds(heldAt - answeredAt), for: seconds(Math.max(0, until - heldAt)) });
    if (contact.endedAt === undefined && !end) notes.push(`Agent ${agentId} still had the call on hold when this case was made.`);
  }
  if (holds.length > 0) out['holds'] = holds;
  return out;
}

/**
 * A `*.test.yaml` with one case that replays a live run: the keys the caller
 * pressed at each Menu or Capture, when, and the hang-up, laid over the
 * scenario the world started from, with the agents' logins, logouts and
 * answers (the scenario's and those done by hand) moved to times counted from
 * the contact's start; it expects the run's path, custom events and outcome.
 */
export function testCaseFromRun(options: { scriptName: string; contact: Contact; customEvents: readonly CustomEventTrace[]; scenario: Data; handActions: readonly HandAction[] }): string {
  const { contact, scenario } = options;
  const input = contact.liveEntries.map((entry) => (entry.digits === '' ? { silence: true } : { digits: entry.digits, after: seconds(entry.lastAt - entry.startedAt) }));
  const baseCaller = (scenario['caller'] as Data | undefined) ?? {};
  const caller: Data = { ...baseCaller, input };
  delete caller['hangupAfter'];
  if (contact.hungUpAt !== undefined) caller['hangupAfter'] = seconds(contact.hungUpAt - contact.startedAt);
  const replayed: Data = { ...scenario, caller };
  const { agents, notes } = agentsFromContactStart((scenario['agents'] as Data | undefined) ?? {}, options.handActions, contact);
  if (Object.keys(agents).length > 0) replayed['agents'] = agents;
  if (Array.isArray(scenario['events'])) {
    // Events raised before the contact began are raised at its start (they wait in the agents' streams either way).
    replayed['events'] = (scenario['events'] as Data[]).map((event) => ({ ...event, at: Math.max(0, seconds(Number(event['at'] ?? 0) * 1000 - contact.startedAt)) }));
  }
  const expect: Data = {
    path: contact.steps.map((step) => step.action),
    customEvents: options.customEvents.map((event) => ({ agentId: event.agentId, eventName: event.eventName, data: event.data, delivery: event.delivery })),
  };
  if (contact.done) {
    expect['outcome'] = contact.reason !== undefined && failedReasons.has(contact.reason) ? 'failed' : 'ended';
    expect['reason'] = contact.reason;
  }
  const file = {
    script: `${options.scriptName}.yaml`,
    cases: [{ name: `replays ${contact.id} from the playground`, scenario: replayed, expect }],
  };
  const header = [
    `# Made by the studio-sim playground from ${contact.id}${contact.done ? '' : ' (still running when this was made: the case expects what had happened so far)'}.`,
    `# Save the script beside it as ${options.scriptName}.yaml, then: npx studio-sim test ${options.scriptName}.test.yaml`,
    ...(options.handActions.length > 0 ? ['# Logins, logouts, answers, holds and hang-ups done by hand are in the scenario, timed as it times them.'] : []),
    ...notes.map((note) => `# ${note}`),
  ];
  return `${header.join('\n')}\n${stringify(file, { lineWidth: 0, flowCollectionPadding: true })}`;
}
