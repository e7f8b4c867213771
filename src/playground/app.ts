/**
 * The playground page: edit a script, see its flowchart and problems, call
 * it as a live caller, play the agents, and watch each agent's event stream.
 * Everything goes through the server's HTTP API; one long poll on
 * GET /sim/feed drives every live update.
 */
import './style.css';
import { Api, ApiError } from './api.ts';
import { createEditor } from './editor.ts';
import { branchKey, Flowchart } from './flowchart.ts';
import type { Agent, AgentEvent, ClockSpeed, ClockState, Diagnostic, FeedEntry, FeedResponse, Reference, Sample, ScriptGraph, Step, ValidateResponse } from './types.ts';

/** The name the editor's script is stored under on the server (PUT /sim/scripts/:name). */
const scriptName = 'playground';
/** The sample a first visit opens: the vendor's CustomEvent sample. */
const defaultSample = 'custom-event-sample';
/** Feed entries kept per agent: enough to read, bounded for long sessions. */
const keptAgentEntries = 400;
/** Feed entries kept per call: a call held for long in a hold loop still shows its whole path. */
const keptCallEntries = 5000;

function element<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`The page has no #${id}`);
  return found as T;
}

function make<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  if (className) created.className = className;
  if (text !== undefined) created.textContent = text;
  return created;
}

/** Virtual time as the CLI prints it: mm:ss.mmm. */
export function formatTime(ms: number): string {
  const minutes = Math.floor(ms / 60000);
  const seconds = Math.floor((ms % 60000) / 1000);
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}.${String(Math.floor(ms % 1000)).padStart(3, '0')}`;
}

// --- errors and the token prompt ---------------------------------------------

function showError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  element('error-text').textContent = message;
  element('error').hidden = false;
}

function clearError(): void {
  element('error').hidden = true;
}

function promptForToken(reason: string): Promise<string> {
  const dialog = element<HTMLDialogElement>('token-dialog');
  const input = element<HTMLInputElement>('token-input');
  element('token-reason').textContent = reason;
  input.value = '';
  dialog.showModal();
  return new Promise((resolve) => {
    const form = element<HTMLFormElement>('token-form');
    const submitted = (event: SubmitEvent) => {
      const token = input.value.trim();
      if (!token) {
        event.preventDefault();
        return;
      }
      form.removeEventListener('submit', submitted);
      resolve(token);
    };
    form.addEventListener('submit', submitted);
  });
}

const api = new Api(promptForToken);

/** Runs an action of the page; a failure is shown with the server's message rather than lost. */
async function attempt<T>(action: () => Promise<T>): Promise<T | undefined> {
  try {
    const result = await action();
    return result;
  } catch (error) {
    showError(error);
    return undefined;
  }
}

// --- state -------------------------------------------------------------------

const state = {
  reference: undefined as Reference | undefined,
  samples: [] as Sample[],
  sample: undefined as Sample | undefined,
  validation: undefined as ValidateResponse | undefined,
  /** The call this page started; the trace, flowchart marks and caller panel follow it. */
  contactId: undefined as string | undefined,
  keysPressed: '',
  /** The number of steps the call had when the caller chose to stay silent (the hint says what happens). */
  silentAt: undefined as number | undefined,
  clock: { now: 0, mode: 'running', speed: 1 } as ClockState,
  agents: [] as Agent[],
  /** Feed entries by contact id, so a call's first steps are kept even if they arrive before its id does. */
  contactEntries: new Map<string, FeedEntry[]>(),
  agentEntries: new Map<string, FeedEntry[]>(),
  /** Agent id -> contact id ringing at it. */
  ringing: new Map<string, string>(),
};

/** What the feed says about the current call. */
interface CallView {
  steps: Step[];
  current: string | null;
  waiting: string | undefined;
  queued: boolean;
  ended: string | undefined;
}

function callView(): CallView {
  const view: CallView = { steps: [], current: null, waiting: undefined, queued: false, ended: undefined };
  if (state.contactId === undefined) return view;
  for (const entry of state.contactEntries.get(state.contactId) ?? []) {
    if (entry.kind === 'step' && entry.step) {
      view.steps.push(entry.step);
      // Where the step leads; a `waiting` entry that follows says so too. (A step that was cut
      // short has no next: the event action that pre-empted it comes with its own entry.)
      if (entry.step.next !== null || !entry.step.interruptedBy) view.current = entry.step.next;
    }
    if (entry.kind === 'waiting' && entry.current !== undefined) view.current = entry.current;
    if (entry.kind === 'waiting') view.waiting = entry.text;
    else if (entry.kind === 'step') view.waiting = undefined;
    if (entry.kind === 'queued') view.queued = true;
    if (entry.kind === 'answered') view.queued = false;
    if (entry.kind === 'contactEnded') {
      // "contact-1 ends: End" -> "End": the call is already named on the page.
      view.ended = entry.text.replace(/^\S+ ends: /, '');
      view.current = null;
    }
  }
  return view;
}

function actionType(actionId: string | null): string | undefined {
  if (actionId === null) return undefined;
  return state.validation?.graph?.nodes.find((n) => n.id === actionId)?.type;
}

// --- the editor, problems and flowchart ---------------------------------------

const flowchart = new Flowchart(element('flowchart'), (actionId) => editor.goToAction(actionId));

const editor = createEditor(element('editor'), {
  reference: () => state.reference,
  validate: (source) =>
    attempt(async () => {
      const result = await api.post<ValidateResponse>('/sim/validate', { source, file: state.sample ? `${state.sample.name}.yaml` : 'playground.yaml' });
      return result;
    }),
  validated: (_source, result) => {
    state.validation = result;
    renderProblems(result.diagnostics);
    flowchart.show(result.graph);
    render();
  },
});

function renderProblems(diagnostics: Diagnostic[]): void {
  const list = element('problems');
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  element('problem-count').textContent = diagnostics.length === 0 ? '' : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  if (diagnostics.length === 0) {
    list.replaceChildren(make('li', 'none', 'No problems: the script is valid.'));
    return;
  }
  list.replaceChildren(
    ...diagnostics.map((d) => {
      const item = make('li', `problem severity-${d.severity}`);
      item.dataset['line'] = String(d.line);
      item.dataset['column'] = String(d.column);
      item.dataset['code'] = d.code;
      item.tabIndex = 0;
      item.title = 'Go to this line';
      item.append(make('span', 'where', `${d.line}:${d.column}`), make('span', 'severity', d.severity), make('span', 'message', d.message));
      if (d.hint) item.append(make('span', 'problem-hint', d.hint));
      const go = () => editor.goTo(d.line, d.column);
      item.addEventListener('click', go);
      item.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') go();
      });
      return item;
    }),
  );
}

// --- rendering -----------------------------------------------------------------

function render(): void {
  const call = callView();
  const live = state.contactId !== undefined && call.ended === undefined;
  renderTrace(call);
  renderCaller(call, live);
  renderClock();
  renderAgents();
  renderHint(call, live);
  const visited = new Set(call.steps.map((s) => s.action));
  const taken = new Set(call.steps.filter((s) => s.branch !== null).map((s) => branchKey(s.action, s.branch as string)));
  flowchart.mark({ current: live ? call.current : null, visited, taken });
  editor.markAction(live ? call.current : null);
  element<HTMLButtonElement>('download-report').disabled = state.contactId === undefined;
  element<HTMLButtonElement>('download-test-case').disabled = state.contactId === undefined;
  element<HTMLButtonElement>('step').disabled = !live;
}

function renderTrace(call: CallView): void {
  const body = element('trace').querySelector('tbody') as HTMLTableSectionElement;
  const rows = call.steps.map((step) => {
    const row = make('tr');
    row.dataset['action'] = step.action;
    if (step.interruptedBy) row.classList.add('interrupted');
    const branch = step.interruptedBy ? `(cut short by ${step.interruptedBy})` : step.branch === null ? (step.next === null ? 'end' : '') : `${step.branch}${step.outcome ? ` (${step.outcome})` : ''} → ${step.next ?? 'end'}`;
    const action = make('td', 'action');
    action.append(make('span', 'action-id', step.action), make('span', 'action-type', step.type));
    const notes = make('td', 'notes');
    const notesText = notes.appendChild(make('div', 'notes-text', (step.notes ?? []).join('; ')));
    notesText.title = notesText.textContent ?? '';
    row.append(make('td', 'time', formatTime(step.at)), action, make('td', 'branch', branch), notes);
    row.addEventListener('click', () => editor.goToAction(step.action));
    return row;
  });
  if (call.current !== null && call.ended === undefined) {
    const row = make('tr', 'current-row');
    row.dataset['action'] = call.current;
    const action = make('td', 'action');
    action.append(make('span', 'action-id', call.current), make('span', 'action-type', actionType(call.current) ?? ''));
    row.append(make('td', 'time', '…'), action, make('td', 'branch', call.waiting ?? 'next'), make('td', 'notes', ''));
    rows.push(row);
  }
  const scroller = body.closest('.trace-scroll');
  const atBottom = scroller ? scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 24 : true;
  body.replaceChildren(...rows);
  if (scroller && atBottom) scroller.scrollTop = scroller.scrollHeight;
  const status = element('contact-status');
  status.dataset['state'] = state.contactId === undefined ? 'none' : call.ended !== undefined ? 'ended' : 'live';
  status.textContent =
    state.contactId === undefined ? 'no call yet' : call.ended !== undefined ? `${state.contactId}: call ended (${call.ended})` : `${state.contactId}: ${call.current === null ? 'starting' : `at ${call.current}`}`;
}

function renderCaller(call: CallView, live: boolean): void {
  for (const key of element('keypad').querySelectorAll<HTMLButtonElement>('button.key')) key.disabled = !live;
  element<HTMLButtonElement>('hang-up').disabled = !live;
  element<HTMLButtonElement>('stay-silent').disabled = !live;
  element('keys-pressed').textContent = state.contactId === undefined ? '' : state.keysPressed ? `Keys pressed: ${state.keysPressed}` : call.ended ? '' : 'No keys pressed yet.';
}

/** When the page last heard the clock's time (performance.now()), to move the shown time on in between. */
let clockHeardAt = performance.now();

function syncClock(clock: ClockState): void {
  state.clock = clock;
  clockHeardAt = performance.now();
}

/** Virtual time now, as far as the page can tell: at 1x or 10x it moves on between the server's answers. */
function clockNow(): number {
  const { now, mode, speed } = state.clock;
  if (mode === 'paused' || speed === 'instant') return now;
  return now + (performance.now() - clockHeardAt) * speed;
}

function renderClock(): void {
  const clock = state.clock;
  const speed = clock.speed === 'instant' ? 'instant' : `${clock.speed}x`;
  element('clock').textContent = `${formatTime(clockNow())} · ${clock.mode === 'paused' ? 'paused' : `running ${speed}`}`;
  element('clock').dataset['mode'] = clock.mode;
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="speed"]')) radio.checked = radio.value === String(clock.speed);
  element('pause').classList.toggle('active', clock.mode === 'paused');
  element('run').classList.toggle('active', clock.mode === 'running');
}

function renderHint(call: CallView, live: boolean): void {
  let hint: string;
  const type = actionType(call.current);
  const ringingAt = [...state.ringing].find(([, contactId]) => contactId === state.contactId)?.[0];
  if (document.body.dataset['ready'] !== 'true') hint = 'Connecting to studio-sim serve and loading the sample…';
  else if (state.validation && !state.validation.ok) hint = 'The script has errors: fix the places marked in red (listed under Problems) before starting a call.';
  else if (state.contactId === undefined)
    hint = state.clock.mode === 'paused' ? 'The clock is paused: press Start call, then Step to run one action at a time.' : 'Press Start call to ring the script as a caller, then press keys on the keypad when the menu asks.';
  else if (call.ended !== undefined) hint = `The call ended (${call.ended}). Start call again to try another branch, or download its report and a test case.`;
  else if (ringingAt !== undefined) hint = `The call rings at agent ${ringingAt}: press Answer in its panel.`;
  else if (state.clock.mode === 'paused') hint = `Paused before ${call.current ?? 'the next action'}${type ? ` (${type})` : ''}: press Step to run it, or Run to let the call go on.`;
  else if ((type === 'Menu' || type === 'Capture') && state.silentAt === call.steps.length)
    hint = `Staying silent: the ${type} hears nothing and takes its timeout branch when its Timeout runs out (speed 10x or instant gets there sooner).`;
  else if (type === 'Menu' || type === 'Capture') hint = 'The script waits for the caller: press a key on the keypad (or stay silent and let it time out).';
  else if (call.queued) hint = 'The caller waits in the queue: log in an agent with the skill it asks for, then press Answer when it rings.';
  else if (live) hint = 'The call is running. Watch the flowchart and the trace; Pause and Step to slow it down.';
  else hint = '';
  element('hint').textContent = hint;
}

function eventName(event: AgentEvent): { custom: boolean; name: string; detail: string } {
  // A CustomEvent as get-next-event returns it has `type`; the feed's record of an emitted one has no type but a name.
  const type = String(event['type'] ?? event['Type'] ?? (event['eventName'] !== undefined ? 'CustomEvent' : 'event'));
  if (type === 'CustomEvent') return { custom: true, name: String(event['eventName'] ?? ''), detail: String(event['data'] ?? '') };
  const detail = event['CurrentState'] ?? event['Status'] ?? event['SessionId'] ?? '';
  return { custom: false, name: type, detail: String(detail) };
}

function renderEvent(event: AgentEvent): HTMLElement {
  const { custom, name, detail } = eventName(event);
  const span = make('span', custom ? 'event custom-event' : 'event');
  if (custom) span.append(make('span', 'badge', 'CustomEvent'));
  span.append(make('b', 'event-name', name));
  if (detail) span.append(make('span', 'event-data', custom ? JSON.stringify(detail) : detail));
  span.title = JSON.stringify(event, null, 2);
  return span;
}

function renderStreamEntry(entry: FeedEntry): HTMLLIElement {
  const item = make('li', `entry kind-${entry.kind}`);
  item.dataset['kind'] = entry.kind;
  item.dataset['seq'] = String(entry.seq);
  item.append(make('time', 'at', formatTime(entry.at)));
  if (entry.kind === 'delivered' && entry.events) {
    item.append(make('span', 'what', `get-next-event returned ${entry.events.length}:`));
    const events = make('span', 'events');
    events.append(...entry.events.map(renderEvent));
    item.append(events);
    if (entry.events.some((e) => eventName(e).custom)) item.classList.add('custom-event');
  } else if (entry.kind === 'emitted' && entry.event) {
    const delivery = entry.event['delivery'];
    item.append(make('span', 'what', 'sent:'), renderEvent(entry.event));
    if (typeof delivery === 'string') item.append(make('span', `delivery delivery-${delivery}`, delivery));
    if (eventName(entry.event).custom) item.classList.add('custom-event');
  } else {
    item.append(make('span', 'what', entry.text));
  }
  return item;
}

function renderAgents(): void {
  const container = element('agents');
  if (state.agents.length === 0) {
    container.replaceChildren(make('p', 'empty', "No agents: the sample's scenario has none. Reset loads them from a scenario."));
    return;
  }
  const existing = new Map([...container.querySelectorAll<HTMLElement>('.agent')].map((card) => [card.dataset['agent'] as string, card]));
  const cards = state.agents.map((agent) => {
    const card = existing.get(agent.id) ?? agentCard(agent.id);
    updateAgentCard(card, agent);
    return card;
  });
  // Reuse cards so a scrolled stream keeps its place while entries arrive.
  if (cards.length !== container.children.length || cards.some((card, i) => container.children[i] !== card)) container.replaceChildren(...cards);
}

function agentCard(agentId: string): HTMLElement {
  const card = make('article', 'agent');
  card.dataset['agent'] = agentId;
  const header = make('header');
  header.append(make('strong', 'agent-id', agentId), make('span', 'agent-name'), make('span', 'agent-state'));
  const facts = make('div', 'agent-facts');
  const buttons = make('div', 'buttons');
  const login = make('button', 'login', 'Log in');
  const logout = make('button', 'logout', 'Log out');
  const answer = make('button', 'answer', 'Answer');
  for (const button of [login, logout, answer]) button.type = 'button';
  login.addEventListener('click', () => agentAction(agentId, 'login'));
  logout.addEventListener('click', () => agentAction(agentId, 'logout'));
  answer.addEventListener('click', () => agentAction(agentId, 'answer'));
  buttons.append(login, logout, answer);
  const stream = make('ol', 'stream');
  stream.setAttribute('aria-label', `Event stream of agent ${agentId}`);
  card.append(header, facts, buttons, stream);
  return card;
}

function updateAgentCard(card: HTMLElement, agent: Agent): void {
  const name = [agent.firstName, agent.lastName].filter(Boolean).join(' ');
  (card.querySelector('.agent-name') as HTMLElement).textContent = name;
  const stateLabel = card.querySelector('.agent-state') as HTMLElement;
  stateLabel.textContent = agent.state;
  stateLabel.dataset['state'] = agent.state;
  const facts = [agent.sessionId ? `session ${agent.sessionId}` : 'no session', `pending ${agent.pending}`, agent.skills?.length ? `skills ${agent.skills.join(', ')}` : ''];
  const factsElement = card.querySelector('.agent-facts') as HTMLElement;
  factsElement.textContent = facts.filter(Boolean).join(' · ');
  factsElement.dataset['pending'] = String(agent.pending);
  const loggedIn = agent.state !== 'LoggedOut';
  (card.querySelector('.login') as HTMLButtonElement).disabled = loggedIn;
  (card.querySelector('.logout') as HTMLButtonElement).disabled = !loggedIn;
  const ringing = state.ringing.has(agent.id);
  const answer = card.querySelector('.answer') as HTMLButtonElement;
  answer.classList.toggle('ringing', ringing);
  answer.textContent = ringing ? 'Answer (ringing)' : 'Answer';
  card.classList.toggle('ringing', ringing);

  const stream = card.querySelector('.stream') as HTMLOListElement;
  const entries = state.agentEntries.get(agent.id) ?? [];
  const shown = stream.lastElementChild instanceof HTMLElement ? Number(stream.lastElementChild.dataset['seq'] ?? -1) : -1;
  const fresh = entries.filter((e) => e.seq > shown);
  if (entries.length === 0) {
    stream.replaceChildren(make('li', 'none', agent.state === 'LoggedOut' ? 'Logged out: events with PersistInMemory wait for the next login.' : 'No events yet.'));
    return;
  }
  if (stream.querySelector('.none')) stream.replaceChildren();
  const atBottom = stream.scrollHeight - stream.scrollTop - stream.clientHeight < 24;
  stream.append(...fresh.map(renderStreamEntry));
  while (stream.children.length > keptAgentEntries) stream.firstElementChild?.remove();
  if (atBottom) stream.scrollTop = stream.scrollHeight;
}

// --- refreshing from the server --------------------------------------------

async function refreshAgents(): Promise<void> {
  const result = await attempt(() => api.get<{ agents: Agent[] }>('/sim/agents'));
  if (result) state.agents = result.agents;
  render();
}

async function refreshClock(): Promise<void> {
  const result = await attempt(() => api.get<ClockState>('/sim/clock'));
  if (result) syncClock(result);
  render();
}

let agentsRefresh: ReturnType<typeof setTimeout> | undefined;
/** Many feed entries can come at once: one agents request for them all. */
function refreshAgentsSoon(): void {
  agentsRefresh ??= setTimeout(() => {
    agentsRefresh = undefined;
    void refreshAgents();
  }, 50);
}

function keep(map: Map<string, FeedEntry[]>, key: string, entry: FeedEntry, limits: { entries: number; keys: number }): void {
  let list = map.get(key);
  if (!list) {
    list = [];
    map.set(key, list);
    // Forget the oldest calls or agents beyond the limit: a long session stays small.
    if (map.size > limits.keys) map.delete(map.keys().next().value as string);
  }
  list.push(entry);
  if (list.length > limits.entries) list.splice(0, list.length - limits.entries);
}

/** Forgets the calls and streams shown: the world was reset. */
function forgetRuns(): void {
  state.contactId = undefined;
  state.keysPressed = '';
  state.silentAt = undefined;
  state.contactEntries.clear();
  state.agentEntries.clear();
  state.ringing.clear();
  element('agents').replaceChildren();
}

function takeEntry(entry: FeedEntry): void {
  if (entry.kind === 'reset') {
    // Whoever reset the world (this page or another client), what came before is gone.
    forgetRuns();
    refreshAgentsSoon();
    return;
  }
  if (entry.at > state.clock.now) syncClock({ ...state.clock, now: entry.at });
  if (entry.contactId !== undefined) keep(state.contactEntries, entry.contactId, entry, { entries: keptCallEntries, keys: 20 });
  if (entry.agentId !== undefined) {
    keep(state.agentEntries, entry.agentId, entry, { entries: keptAgentEntries, keys: 1000 });
    refreshAgentsSoon();
  }
  if (entry.kind === 'offered' && entry.agentId !== undefined && entry.contactId !== undefined) state.ringing.set(entry.agentId, entry.contactId);
  if ((entry.kind === 'answered' || entry.kind === 'logout') && entry.agentId !== undefined) state.ringing.delete(entry.agentId);
  if (entry.kind === 'contactEnded' || entry.kind === 'callerHungUp') {
    for (const [agentId, contactId] of state.ringing) if (contactId === entry.contactId) state.ringing.delete(agentId);
  }
  if (entry.kind === 'clock') void refreshClock();
}

/**
 * The one long poll: GET /sim/feed?after=<seq>&timeout=25, again and again.
 * A failure is shown and retried after a pause; the page never polls in a tight loop.
 */
async function feedLoop(): Promise<void> {
  let after = 0;
  // Start from now: what happened before the page opened belongs to no call of this page.
  const first = await attempt(() => api.get<FeedResponse>('/sim/feed?after=0&timeout=0'));
  if (first) after = first.next;
  for (;;) {
    try {
      const response = await api.get<FeedResponse>(`/sim/feed?after=${after}&timeout=25`);
      if (response.gap || response.entries.some((e) => e.gap)) showError('Some live updates were dropped (the feed keeps the last 10,000); the trace may miss steps. Download the report for the full run.');
      for (const entry of response.entries) takeEntry(entry);
      if (response.clock) syncClock(response.clock);
      // The server's cursor wins, also when it went back (a restarted server).
      after = response.next;
      if (response.entries.length > 0 || response.clock) render();
    } catch (error) {
      showError(error);
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
  }
}

// --- actions -------------------------------------------------------------------

async function agentAction(agentId: string, action: 'login' | 'logout' | 'answer'): Promise<void> {
  const done = await attempt(() => api.post(`/sim/agents/${encodeURIComponent(agentId)}/${action}`));
  if (done !== undefined) {
    clearError();
    if (action === 'answer') state.ringing.delete(agentId);
  }
  await refreshAgents();
}

async function setClock(change: { mode?: ClockState['mode']; speed?: ClockSpeed }): Promise<void> {
  const result = await attempt(() => api.put<ClockState>('/sim/clock', change));
  if (result) {
    syncClock(result);
    clearError();
  }
  render();
}

async function startCall(): Promise<void> {
  const previous = state.contactId;
  if (previous !== undefined && callView().ended === undefined) await attempt(() => api.post(`/sim/contacts/${previous}/hangup`));
  try {
    await api.put(`/sim/scripts/${scriptName}`, { source: editor.text() });
  } catch (error) {
    if (error instanceof ApiError && error.status === 422) {
      showError(`The script cannot run yet: ${error.message.replace(/^PUT \S+: /, '')} Fix the problems listed under the editor.`);
      return;
    }
    showError(error);
    return;
  }
  // The caller's numbers come from the sample's scenario; its keys come from the keypad.
  const caller = state.sample?.scenario?.['caller'] as { ani?: unknown; dnis?: unknown } | undefined;
  const scenario = caller ? { caller: { ...(caller.ani !== undefined ? { ani: caller.ani } : {}), ...(caller.dnis !== undefined ? { dnis: caller.dnis } : {}) } } : undefined;
  const started = await attempt(() => api.post<{ contactId: string }>('/sim/contacts', { script: scriptName, live: true, ...(scenario ? { scenario } : {}) }));
  if (!started) return;
  clearError();
  state.contactId = started.contactId;
  state.keysPressed = '';
  state.silentAt = undefined;
  render();
}

async function pressKey(key: string): Promise<void> {
  const contactId = state.contactId;
  if (contactId === undefined) return;
  const accepted = await attempt(() => api.post(`/sim/contacts/${contactId}/digits`, { digits: key }));
  if (accepted !== undefined) {
    state.keysPressed += key;
    clearError();
    render();
  }
}

async function step(): Promise<void> {
  const contactId = state.contactId;
  if (contactId === undefined) return;
  if (state.clock.mode !== 'paused') await setClock({ mode: 'paused' });
  const stepOnce = () => attempt(() => api.post<{ steps: Step[]; now: number; done: boolean }>(`/sim/contacts/${contactId}/step`));
  let result = await stepOnce();
  // An action that waits (a Menu for keys, a Wait) only starts on the first request; the
  // second lets its timer run out. One press of Step is then one action done, as people expect.
  if (result && result.steps.length === 0 && !result.done) result = await stepOnce();
  if (result) {
    clearError();
    if (result.now > state.clock.now) syncClock({ ...state.clock, now: result.now });
    render();
  }
}

async function stepSilently(): Promise<void> {
  // Silence is doing nothing: running, the menu's timer does it; paused, a step jumps to that timer.
  if (state.clock.mode === 'paused') await step();
  else {
    state.silentAt = callView().steps.length;
    render();
  }
}

async function resetWorld(): Promise<void> {
  const scenario = state.sample?.scenario;
  const done = await attempt(() => api.post('/sim/reset', scenario ? { scenario } : {}));
  if (done === undefined) return;
  clearError();
  forgetRuns();
  await Promise.all([refreshAgents(), refreshClock()]);
}

async function loadSample(name: string): Promise<void> {
  const sample = state.samples.find((s) => s.name === name);
  if (!sample) return;
  state.sample = sample;
  element<HTMLSelectElement>('sample-select').value = name;
  editor.setText(sample.source);
  await resetWorld();
}

async function download(path: string, filename: string, type: string, pretty: boolean): Promise<void> {
  const text = await attempt(() => api.request<string>('GET', path, { as: 'text' }));
  if (text === undefined) return;
  saveFile(pretty ? `${JSON.stringify(JSON.parse(text), null, 2)}\n` : text, filename, type);
}

/** Hands text to the browser as a file download. */
function saveFile(body: string, filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob([body], { type }));
  const link = make('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke later: the download reads the blob after this handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function wireControls(): void {
  element('error-close').addEventListener('click', clearError);
  element('zoom-in').addEventListener('click', () => flowchart.zoom(1.25));
  element('zoom-out').addEventListener('click', () => flowchart.zoom(0.8));
  element('zoom-fit').addEventListener('click', () => flowchart.zoom(0));
  element('start-call').addEventListener('click', () => void startCall());
  element('hang-up').addEventListener('click', () => {
    const contactId = state.contactId;
    if (contactId !== undefined) void attempt(() => api.post(`/sim/contacts/${contactId}/hangup`)).then(render);
  });
  element('stay-silent').addEventListener('click', () => void stepSilently());
  for (const key of element('keypad').querySelectorAll<HTMLButtonElement>('button.key')) key.addEventListener('click', () => void pressKey(key.dataset['key'] as string));
  element('run').addEventListener('click', () => void setClock({ mode: 'running' }));
  element('pause').addEventListener('click', () => void setClock({ mode: 'paused' }));
  element('step').addEventListener('click', () => void step());
  element('run-to-end').addEventListener('click', () => void setClock({ mode: 'running', speed: 'instant' }));
  element('reset').addEventListener('click', () => void resetWorld());
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="speed"]')) {
    radio.addEventListener('change', () => {
      if (radio.checked) void setClock({ speed: radio.value === 'instant' ? 'instant' : (Number(radio.value) as ClockSpeed) });
    });
  }
  element('sample-select').addEventListener('change', (event) => void loadSample((event.target as HTMLSelectElement).value));
  element('download-report').addEventListener('click', () => {
    if (state.contactId !== undefined) void download(`/sim/contacts/${state.contactId}`, `${state.contactId}.report.json`, 'application/json', true);
  });
  element('download-test-case').addEventListener('click', () => {
    // The case names the script as the server stored it (PUT /sim/scripts/playground): the two files go together.
    if (state.contactId !== undefined) void download(`/sim/contacts/${state.contactId}/test-case`, `${scriptName}.test.yaml`, 'text/yaml', false);
  });
  element('download-script').addEventListener('click', () => saveFile(editor.text(), `${scriptName}.yaml`, 'text/yaml'));
  // Keys typed while the editor is not focused go to the keypad: quicker than clicking.
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement | null;
    if (target?.closest('.cm-editor, input, select, textarea, dialog') || event.ctrlKey || event.metaKey || event.altKey) return;
    if (/^[0-9*#]$/.test(event.key) && state.contactId !== undefined && callView().ended === undefined) void pressKey(event.key);
  });
}

async function start(): Promise<void> {
  wireControls();
  // The shown virtual time ticks while the clock runs at 1x or 10x (between feed answers it would stand still).
  setInterval(() => {
    if (state.clock.mode === 'running' && state.clock.speed !== 'instant') renderClock();
  }, 200);
  render();
  const [reference, samples] = await Promise.all([attempt(() => api.get<Reference>('/sim/reference')), attempt(() => api.get<{ samples: Sample[] }>('/sim/samples'))]);
  state.reference = reference;
  state.samples = samples?.samples ?? [];
  const select = element<HTMLSelectElement>('sample-select');
  select.replaceChildren(...state.samples.map((s) => Object.assign(make('option', undefined, s.name), { value: s.name })));
  void feedLoop();
  const first = state.samples.find((s) => s.name === defaultSample) ?? state.samples[0];
  if (first) await loadSample(first.name);
  else await Promise.all([refreshAgents(), refreshClock()]);
  document.body.dataset['ready'] = 'true';
  render();
}

// Exposed for the browser tests and for curious people in the console.
declare global {
  interface Window {
    playground?: { editor: typeof editor; state: typeof state; graph: () => ScriptGraph | null | undefined };
  }
}
window.playground = { editor, state, graph: () => state.validation?.graph };

void start();
