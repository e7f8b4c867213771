/**
 * The playground page: edit a script, see its flowchart and problems, call
 * it as a live caller, play the agents, and watch each agent's event stream.
 * Everything goes through the server's HTTP API; one long poll on
 * GET /sim/feed drives every live update.
 */
import './style.css';
import { Api, ApiError } from './api.ts';
import type { EditorOptions } from './editor.ts';
import { branchKey, Flowchart } from './flowchart.ts';
import { idSeams } from './id-seams.ts';
import { createPlainEditor, type TextEditor } from './plain-editor.ts';
import type { Agent, AgentEvent, BackgroundCaller, ClockSpeed, ClockState, Diagnostic, FeedEntry, FeedResponse, ListedContact, Reference, RequestShown, Sample, ScriptGraph, SpawnShown, Step, TransferShown, ValidateResponse } from './types.ts';

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

/** A failure in words: the server's own sentence, or what to do when the server cannot be reached. */
export function errorSentence(error: unknown): string {
  if (error instanceof ApiError) {
    console.warn(`${error.request}: ${error.status} ${error.error}`);
    return error.message;
  }
  if (error instanceof TypeError && /fetch|network/i.test(error.message)) return 'studio-sim serve does not answer: is it still running? Start it again with npx studio-sim serve, then reload this page.';
  return error instanceof Error ? error.message : String(error);
}

/** The banner says the script has errors: it goes once the script has none. */
let scriptErrorShown = false;

function showError(error: unknown): void {
  element('error-text').textContent = errorSentence(error);
  element('error').hidden = false;
  scriptErrorShown = false;
}

function clearError(): void {
  element('error').hidden = true;
  scriptErrorShown = false;
}

/** Something the person should know that is not a failure (another tab reset the world). */
function showNotice(text: string): void {
  element('notice-text').textContent = text;
  element('notice').hidden = false;
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

/**
 * Asked for before anything else is built: the answers travel while the page
 * is set up. The samples draw the first chart; the reference only serves the
 * editor's completion and hover, so the chart does not wait for it.
 */
const firstSamples = attempt(() => api.get<{ samples: Sample[] }>('/sim/samples'));
const firstReference = attempt(() => api.get<Reference>('/sim/reference'));
/** The chart of the sample a first visit opens, asked for beside the samples rather than after them (a server without that sample says no, quietly). */
const firstValidation = api.post<ValidateResponse>('/sim/validate', { sample: defaultSample }).catch(() => undefined);

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

/** This tab's id: a reset names it, so another tab can tell its call was ended by someone else. */
const tabId = Array.from({ length: 12 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 36)]).join('');

/** The editor's text of each sample, kept in this browser so a reload or a switch of samples loses no edits. */
const storageKey = (sample: string) => `studio-sim-playground:text:${sample}`;

function storedText(sample: string): string | null {
  try {
    return localStorage.getItem(storageKey(sample));
  } catch {
    return null; // storage turned off: the sample's own text
  }
}

function storeText(sample: string, text: string | null): void {
  try {
    if (text === null) localStorage.removeItem(storageKey(sample));
    else localStorage.setItem(storageKey(sample), text);
  } catch {
    // Full or turned off: the edits live as long as the tab.
  }
}

/** End reasons in words (the report and the test case keep the codes). */
const endReasons: Record<string, string> = {
  End: 'the script reached End',
  Hangup: 'the script hung up',
  CallerHungUp: 'the caller hung up',
  AgentHungUp: 'the agent ended the call',
  Transferred: 'the call was handed to an outside number',
  Stopped: 'the script stopped, with nothing left that could wake it',
  NoBranch: 'an action had no branch to follow',
  StepLimit: 'it ran out of steps (a loop that never ends?)',
  TimeLimit: 'it ran out of time, or the simulation was reset',
  ValueLimit: 'a value grew longer than the limit',
  UnmatchedRequest: 'a REST request that no mock in the scenario answers (REST calls shows the mock to add)',
  CallDepth: 'subscripts called each other too deep (a Runsub that never stops calling)',
};

export function endReasonWords(code: string): string {
  return endReasons[code] ?? code;
}

const state = {
  reference: undefined as Reference | undefined,
  samples: [] as Sample[],
  sample: undefined as Sample | undefined,
  validation: undefined as ValidateResponse | undefined,
  /** The variables the script sets, from its last validation without errors (the editor completes them). */
  variables: [] as string[],
  /** The call this page started; the trace, flowchart marks and caller panel follow it. */
  contactId: undefined as string | undefined,
  /** A contact the call spawned whose trace, variables and step detail are shown instead of the call's (chosen under Spawned contacts). */
  viewedContactId: undefined as string | undefined,
  /** The background callers the call came with (the sample scenario's `callers:`): how many, and as the server last listed them. */
  callersExpected: 0,
  callers: [] as BackgroundCaller[],
  /** The call's own place in the queue, as last listed (null: not waiting). */
  callQueuePosition: null as number | null,
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
  /** Agent id -> the answered call it has, and whether it holds it. */
  talking: new Map<string, { contactId: string; onHold: boolean }>(),
  /** The step shown in detail (its seq), or the action clicked in the flowchart; neither: the latest step. */
  selectedSeq: undefined as number | undefined,
  selectedAction: undefined as string | undefined,
  /** Variables whose long value the person chose to see whole. */
  expandedVariables: new Set<string>(),
  /** Keys pressed, by the number of steps the call had then: the keys a Capture has so far. */
  keysAtStep: new Map<number, string>(),
};

/** What the feed says about a contact: the current call, or one it spawned. */
interface CallView {
  /** The contact, when there is one. */
  contactId: string | undefined;
  steps: Step[];
  /** The feed's entries of the steps, in order (they carry properties and changes). */
  stepEntries: FeedEntry[];
  current: string | null;
  waiting: string | undefined;
  queued: boolean;
  /** Why the call ended, in words. */
  ended: string | undefined;
  /** The call's variables now, and those the last step changed. */
  variables: Map<string, unknown>;
  changedNow: Set<string>;
  /** The current action listens for the caller's keys (a Menu or Capture). */
  listening: boolean;
  /** The properties of the action the call waits in. */
  waitingProperties: Record<string, unknown> | undefined;
  /** The REST requests the call made, in order. */
  requests: RequestShown[];
  /** The contacts its Spawns started, in order. */
  spawns: SpawnShown[];
  /** Its Transfer and BlindXfer steps (their entries), and where the call went when one handed it over. */
  transferSteps: FeedEntry[];
  transfer: TransferShown | undefined;
  /** The signals that reached it (or found it gone), from a script or from outside: the feed's entries. */
  signals: FeedEntry[];
}

/** The call this page started. */
function callView(): CallView {
  return contactView(state.contactId);
}

/** The contact whose trace, variables and step detail are shown: the call, or one it spawned that the person chose. */
function shownView(): CallView {
  return state.viewedContactId !== undefined ? contactView(state.viewedContactId) : callView();
}

function contactView(contactId: string | undefined): CallView {
  const view: CallView = { contactId, steps: [], stepEntries: [], current: null, waiting: undefined, queued: false, ended: undefined, variables: new Map(), changedNow: new Set(), listening: false, waitingProperties: undefined, requests: [], spawns: [], transferSteps: [], transfer: undefined, signals: [] };
  if (contactId === undefined) return view;
  for (const entry of state.contactEntries.get(contactId) ?? []) {
    if (entry.requests) view.requests.push(...entry.requests);
    if (entry.kind === 'spawned' && entry.spawn) view.spawns.push(entry.spawn);
    if (entry.kind === 'signaled') view.signals.push(entry);
    if (entry.kind === 'transferred' && entry.transfer) view.transfer = entry.transfer;
    if (entry.kind === 'step' && (entry.step?.type === 'Transfer' || entry.step?.type === 'BlindXfer')) view.transferSteps.push(entry);
    if (entry.kind === 'step' && entry.step) {
      view.steps.push(entry.step);
      view.stepEntries.push(entry);
      if (entry.variables) view.variables = new Map(Object.entries(entry.variables));
      view.changedNow = new Set((entry.changes ?? []).map((c) => c.name));
      for (const change of entry.changes ?? []) {
        if (change.gone) view.variables.delete(change.name);
        else view.variables.set(change.name, change.after);
      }
      view.listening = false;
      view.waitingProperties = undefined;
      // Where the step leads, as the server names it (`<file>:<id>` in a subscript; after a step cut
      // short by an event, the event action: OnAnswer, OnRelease after a hang-up). A `waiting` entry says so too.
      view.current = entry.current !== undefined ? entry.current : entry.step.next;
    }
    if (entry.kind === 'waiting' && entry.current !== undefined) view.current = entry.current;
    if (entry.kind === 'waiting') {
      view.waiting = entry.text;
      view.listening = entry.listening === true;
      view.waitingProperties = entry.properties;
    }
    else if (entry.kind === 'step') view.waiting = undefined;
    if (entry.kind === 'queued') view.queued = true;
    if (entry.kind === 'answered') view.queued = false;
    if (entry.kind === 'contactEnded') {
      // "contact-1 ends: End" -> "the script reached End": the call is already named on the page.
      view.ended = endReasonWords(entry.text.replace(/^\S+ ends: /, ''));
      view.current = null;
      view.listening = false;
    }
  }
  return view;
}

/**
 * How the trace and the flowchart name a step's action: its id in the
 * script, `<file name>:<id>` in a subscript (or a script RunScript handed
 * over to), as the CLI's trace names it.
 */
export function stepPlace(step: Pick<Step, 'action' | 'script'>): string {
  if (step.script === undefined) return step.action;
  return `${step.script.slice(step.script.replace(/\\/g, '/').lastIndexOf('/') + 1)}:${step.action}`;
}

/** The action of a place, when it is in the script in the editor (a subscript's action is not). */
function ownAction(place: string | null): string | null {
  if (place === null) return null;
  return state.validation?.graph?.nodes.find((n) => n.id === place)?.group === undefined ? place : null;
}

function actionType(actionId: string | null): string | undefined {
  if (actionId === null) return undefined;
  return state.validation?.graph?.nodes.find((n) => n.id === actionId)?.type;
}

// --- the editor, problems and flowchart ---------------------------------------

const flowchart = new Flowchart(element('flowchart'), (actionId) => {
  // The chart is the call's script: its steps are the call's, not a spawned contact's.
  state.viewedContactId = undefined;
  const own = ownAction(actionId);
  if (own !== null) editor.goToAction(own);
  // The action's latest step in this call, in detail; or, not run yet, what it is.
  const latest = [...callView().steps].reverse().find((s) => stepPlace(s) === actionId);
  state.selectedSeq = latest?.seq;
  state.selectedAction = latest ? undefined : actionId;
  render();
});

/** The last text sent for validation and its answer: loading a sample validates at once, and the editor's own check of the same text then reuses it. */
let lastValidation: { source: string; file: string; result: Promise<ValidateResponse | undefined> } | undefined;

/**
 * The text as the server takes it: a sample's text (edited or not) names the
 * sample, so it stands for the sample's file and finds the scripts it calls beside it.
 */
function scriptBody(source: string): { source: string; file: string; sample?: string } {
  return state.sample ? { source, file: `${state.sample.name}.yaml`, sample: state.sample.name } : { source, file: 'playground.yaml' };
}

/** Asks the server what it makes of the text: diagnostics and, when valid, the flowchart. */
function validateSource(source: string): Promise<ValidateResponse | undefined> {
  // The empty editor before a sample has loaded: nothing to ask about.
  if (source === '' && state.sample === undefined) return Promise.resolve(undefined);
  const file = state.sample ? `${state.sample.name}.yaml` : 'playground.yaml';
  if (lastValidation?.source === source && lastValidation.file === file) return lastValidation.result;
  const result = attempt(() => api.post<ValidateResponse>('/sim/validate', scriptBody(source)));
  lastValidation = { source, file, result };
  // A failed request is not kept: the next check asks again.
  void result.then((answer) => {
    if (answer === undefined && lastValidation?.result === result) lastValidation = undefined;
  });
  return result;
}

const editorOptions: EditorOptions = {
  reference: () => state.reference,
  variables: () => state.variables,
  validate: validateSource,
  validated: (source, result) => applyValidation(source, result),
};

/** Checks text typed in the plain text area, after the same pause for typing as the full editor's. */
let plainCheck: ReturnType<typeof setTimeout> | undefined;
const plainEditor = createPlainEditor(element('editor'), (text) => {
  clearTimeout(plainCheck);
  plainCheck = setTimeout(() => {
    void validateSource(text).then((result) => {
      if (result && editor.text() === text) applyValidation(text, result);
    });
  }, 300);
});

/**
 * The editor in place: the plain text area until the full editor (its own
 * bundle, most of the page's code) has loaded, then CodeMirror. The page
 * talks to this one object either way.
 */
let textEditor: TextEditor = plainEditor;
const editor: TextEditor = {
  text: () => textEditor.text(),
  setText: (text) => textEditor.setText(text),
  goTo: (line, column) => textEditor.goTo(line, column),
  goToAction: (actionId) => textEditor.goToAction(actionId),
  markAction: (actionId) => textEditor.markAction(actionId),
  languageLoaded: () => textEditor.languageLoaded(),
};

/**
 * The full editor's bundle, built beside app.js from editor.ts. A bundle of
 * its own with a fixed name, rather than a chunk the bundler names: the page
 * names it, and the server revalidates it as it does app.js.
 */
const editorBundle = '/playground/editor.js';

/** Loads the full editor once the chart is drawn, and puts it in the text area's place with what was typed there. */
async function loadFullEditor(): Promise<void> {
  let loaded: typeof import('./editor.ts');
  try {
    // Cast: a module loaded by its URL has no type of its own; it is editor.ts, bundled.
    loaded = (await import(editorBundle)) as typeof import('./editor.ts');
  } catch (error) {
    showError(`The editor with completion and highlighting did not load (${errorSentence(error)}); the plain text box keeps working. Reload the page to try again.`);
    return;
  }
  clearTimeout(plainCheck);
  textEditor = loaded.createEditor(element('editor'), editorOptions, plainEditor.handOver());
  performance.mark('studio-sim:editor-loaded');
  document.body.dataset['editor'] = 'ready';
  render();
}

/** Shows what the server made of the text: problems, the flowchart (or why it is greyed), whether a call can start. */
function applyValidation(source: string, result: ValidateResponse): void {
  // The same answer again (the editor's check of the text a sample loaded with): nothing new to show.
  if (state.validation === result) return;
  state.validation = result;
  if (result.variables) state.variables = result.variables;
  renderProblems(result.diagnostics);
  if (result.ok && scriptErrorShown) clearError();
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  // An error under actions.<id> is in that action: the greyed chart marks it.
  const broken = errors.map((d) => (d.path[0] === 'actions' && typeof d.path[1] === 'string' ? d.path[1] : undefined)).filter((id): id is string => id !== undefined);
  flowchart.show(result.graph, broken);
  // The legend tells of called scripts only for a chart that draws some.
  if (result.graph) for (const item of document.querySelectorAll<HTMLElement>('.legend .for-calls')) item.hidden = !result.graph.nodes.some((n) => n.group !== undefined);
  if (result.graph && performance.getEntriesByName('studio-sim:flowchart-drawn').length === 0) {
    performance.mark('studio-sim:flowchart-drawn');
    // On screen: the frame after the drawing has been painted (a task queued from the frame's callback runs after its paint).
    requestAnimationFrame(() => setTimeout(() => performance.mark('studio-sim:flowchart-painted'), 0));
  }
  const stale = element('flowchart-stale');
  stale.hidden = result.ok;
  stale.textContent = result.ok ? '' : `The chart shows the last version without errors: fix the ${errors.length === 1 ? 'error' : `${errors.length} errors`} under Problems${broken.length ? ` (in ${[...new Set(broken)].join(', ')}, marked red)` : ''} to see your changes.`;
  if (state.sample) {
    storeText(state.sample.name, source === state.sample.source ? null : source);
    element<HTMLButtonElement>('revert-sample').disabled = source === state.sample.source;
  }
  render();
}

function renderProblems(diagnostics: Diagnostic[]): void {
  const list = element('problems');
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  element('problem-count').textContent = diagnostics.length === 0 ? 'none: the script is valid' : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  element('problem-count').dataset['errors'] = String(errors);
  // An empty list takes no room: the heading says there is nothing.
  list.hidden = diagnostics.length === 0;
  if (diagnostics.length === 0) {
    list.replaceChildren();
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
      // A problem in a script this one calls is at that file's line, not the editor's.
      const elsewhere = d.file !== scriptBody('').file;
      if (elsewhere) {
        item.dataset['file'] = d.file;
        item.title = `In ${d.file}, which this script calls: open it from the Samples menu to fix it`;
      }
      item.append(make('span', 'where', `${elsewhere ? `${d.file} ` : ''}${d.line}:${d.column}`), make('span', 'severity', d.severity), make('span', 'message', d.message));
      if (d.hint) item.append(make('span', 'problem-hint', d.hint));
      const go = () => {
        if (!elsewhere) editor.goTo(d.line, d.column);
      };
      item.addEventListener('click', go);
      item.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') go();
      });
      return item;
    }),
  );
}

// --- rendering -----------------------------------------------------------------

/** Why a call cannot start now, or undefined when it can. */
function startBlocker(): string | undefined {
  if (document.body.dataset['ready'] !== 'true') return 'Loading…';
  if (!state.validation) return 'Checking the script…';
  if (!state.validation.ok) {
    const errors = state.validation.diagnostics.filter((d) => d.severity === 'error').length;
    return `The script has ${errors === 1 ? 'an error' : `${errors} errors`}: fix ${errors === 1 ? 'it' : 'them'} (see Problems) to start a call.`;
  }
  return undefined;
}

function render(): void {
  const call = callView();
  // The trace, variables, requests, transfers and step detail follow the contact shown: the call, or one it spawned.
  const shown = state.viewedContactId !== undefined ? contactView(state.viewedContactId) : call;
  const live = state.contactId !== undefined && call.ended === undefined;
  renderTrace(shown);
  renderStatus(call);
  renderViewing(shown);
  renderCaller(call, live);
  renderClock();
  renderAgents();
  renderHint(call, live);
  renderVariables(shown);
  renderRequests(shown);
  renderSpawned(call);
  renderSignal(call, shown);
  renderCallers(call);
  renderTransfers(shown);
  renderStepDetail(shown);
  const visited = new Set(call.steps.map(stepPlace));
  const taken = new Set(call.steps.filter((s) => s.branch !== null).map((s) => branchKey(stepPlace(s), s.branch as string)));
  flowchart.mark({ current: live ? call.current : null, visited, taken });
  // The editor holds the main script: inside a subscript, its line of the Runsub stays marked.
  editor.markAction(live ? (ownAction(call.current) ?? callerOf(call)) : null);
  element<HTMLButtonElement>('download-report').disabled = state.contactId === undefined;
  element<HTMLButtonElement>('download-test-case').disabled = state.contactId === undefined;
  element<HTMLButtonElement>('step').disabled = !live;
  element<HTMLButtonElement>('run-to-end').disabled = !live;
  const blocker = startBlocker();
  const start = element<HTMLButtonElement>('start-call');
  start.disabled = blocker !== undefined;
  start.title = blocker ?? (live ? 'Hang up this call and start another' : 'Ring the script as a caller');
  const reason = element('start-reason');
  reason.hidden = blocker === undefined || blocker === 'Loading…';
  reason.textContent = blocker ?? '';
}

/**
 * The main script's action a call inside a subscript came from: where its
 * last step in the main script led (the Runsub or RunScript, whose own step
 * comes only when the subscript returns).
 */
function callerOf(call: CallView): string | null {
  if (call.current === null || ownAction(call.current) !== null) return null;
  for (let index = call.steps.length - 1; index >= 0; index--) {
    const step = call.steps[index] as Step;
    if (step.script === undefined) return step.next;
  }
  return null;
}

/** A value as the script sees it: text in quotes (so "" shows), the rest as JSON. */
export function valueText(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : value === undefined ? '(not set)' : JSON.stringify(value);
}

function renderVariables(call: CallView): void {
  const body = element('variables').querySelector('tbody') as HTMLTableSectionElement;
  if (call.contactId === undefined || call.variables.size === 0) {
    const row = make('tr', 'none');
    row.append(Object.assign(make('td', undefined, call.contactId === undefined ? 'Start a call to see its variables.' : 'None yet.'), { colSpan: 2 }));
    body.replaceChildren(row);
    return;
  }
  const names = [...call.variables.keys()].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }));
  body.replaceChildren(
    ...names.map((name) => {
      const row = make('tr', call.changedNow.has(name) ? 'changed' : undefined);
      row.dataset['name'] = name;
      const text = valueText(call.variables.get(name));
      const cell = make('td', 'value');
      // A long value (an event batch, a JSON payload) is cut to a few lines so the other variables and the agents stay in view; a click shows it whole.
      if (text.length > longValueChars) {
        const expanded = state.expandedVariables.has(name);
        cell.textContent = expanded ? text : `${text.slice(0, longValueChars)}…`;
        const toggle = make('button', 'value-toggle', expanded ? 'show less' : `show all ${text.length} characters`);
        toggle.type = 'button';
        toggle.addEventListener('click', () => {
          if (state.expandedVariables.has(name)) state.expandedVariables.delete(name);
          else state.expandedVariables.add(name);
          renderVariables(callView());
        });
        cell.append(' ', toggle);
      } else cell.textContent = text;
      row.append(make('th', 'name', name), cell);
      return row;
    }),
  );
}

/** How a request ended, in words: the status and its meaning, or why there was no usable answer. */
export function requestResult(request: RequestShown): string {
  const status = request.status !== undefined ? `${request.status}${httpStatusWords[request.status] ? ` ${httpStatusWords[request.status]}` : ''}` : '';
  const tries = request.attempts > 1 ? `, after ${request.attempts} attempts` : '';
  const took = request.outcome === 'unmatched' ? '' : ` in ${request.elapsedMs} ms`;
  const by = request.answeredBy === 'mock' && request.mock !== undefined ? ` (mock ${request.mock + 1} of the scenario's http)` : request.answeredBy === 'network' ? ' (the real service: serve --allow-http)' : '';
  const outcome: Record<string, string> = {
    ok: `answered ${status}`,
    httpError: `answered ${status}: the Error branch`,
    timeout: 'no answer within its timeout: the Error branch',
    failed: 'the connection failed: the Error branch',
    tooLarge: `answered ${status} with more than 32 KB: the Error branch`,
    notJson: `answered ${status}, but not with JSON: the Error branch`,
    xml: 'an XML answer, which studio-sim does not read: the Error branch',
    unmatched: 'no mock in the scenario answers it, so the call failed here',
  };
  return `${outcome[request.outcome] ?? request.outcome}${tries}${took}${by}`;
}

const httpStatusWords: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 408: 'Request Timeout', 409: 'Conflict', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };

/** One request as a list item: what was asked and what came of it; an unmatched one with the YAML to add, as text to copy. */
function requestItem(request: RequestShown): HTMLLIElement {
  const item = make('li', `request outcome-${request.outcome}`);
  item.dataset['outcome'] = request.outcome;
  item.dataset['action'] = request.action;
  const line = make('div', 'request-line', `${formatTime(request.at)} ${request.method} ${request.url}`);
  const result = make('div', 'request-result', `${request.via === 'RestApi' ? 'RestApi' : 'GetRESTProxy() in a Snippet'} at ${request.action}: ${requestResult(request)}`);
  result.dataset['outcome'] = request.outcome;
  item.append(line, result);
  if (request.message) {
    // "… add one to the scenario:\nhttp: …": the words, then the mock to paste into the scenario file.
    const split = request.message.indexOf('\nhttp:');
    item.append(make('p', 'request-message', split < 0 ? request.message : request.message.slice(0, split)));
    if (split >= 0) item.append(make('pre', 'request-mock', request.message.slice(split + 1)));
  }
  return item;
}

function renderRequests(call: CallView): void {
  const panel = element('requests-panel');
  // Only a call that made requests shows the panel: the other samples keep their room.
  panel.hidden = call.contactId === undefined || call.requests.length === 0;
  const list = element('requests');
  if (list.children.length === call.requests.length && list.dataset['contact'] === call.contactId) return;
  list.dataset['contact'] = call.contactId ?? '';
  list.replaceChildren(...call.requests.map(requestItem));
}

/** Characters of a variable's value shown before "show all". */
const longValueChars = 120;

function renderStepDetail(call: CallView): void {
  const box = element('step-detail');
  const selected = state.selectedSeq !== undefined ? call.stepEntries.find((e) => e.step?.seq === state.selectedSeq) : undefined;
  if (state.selectedAction !== undefined && !selected) {
    const type = actionType(state.selectedAction);
    box.replaceChildren(make('h3', undefined, `${state.selectedAction}${type ? ` (${type})` : ''}`), make('p', 'muted', call.contactId === undefined ? 'No call yet: start one to see what this action does.' : 'This action has not run in this call.'));
    box.dataset['action'] = state.selectedAction;
    return;
  }
  const entry = selected ?? call.stepEntries[call.stepEntries.length - 1];
  if (!entry?.step) {
    box.replaceChildren(make('p', 'muted', 'Click a row of the trace or an action in the flowchart to see what that step did: its properties, its branch and why, and the variables it changed.'));
    delete box.dataset['action'];
    return;
  }
  const step = entry.step;
  box.dataset['action'] = step.action;
  box.dataset['seq'] = String(step.seq);
  const title = make('h3', undefined, `${stepPlace(step)} (${step.type}) at ${formatTime(step.at)}`);
  if (!selected) title.append(make('small', undefined, 'the latest step; click a trace row for another'));
  const branch = make('p', 'detail-branch');
  branch.append(make('b', undefined, 'Branch: '), document.createTextNode(branchText(step)));
  const parts: HTMLElement[] = [title, branch];
  if (step.notes?.length) {
    const why = make('ul', 'detail-notes');
    why.append(...step.notes.map((n) => make('li', undefined, n)));
    parts.push(make('h4', undefined, 'Why'), why);
  }
  const properties = Object.entries(entry.properties ?? {});
  if (properties.length) {
    const table = make('table', 'detail-properties');
    for (const [name, value] of properties) {
      const row = table.insertRow();
      row.append(make('th', undefined, name), make('td', undefined, valueText(value)));
    }
    parts.push(make('h4', undefined, 'Properties, as it ran them'), table);
  }
  if (entry.requests?.length) {
    const list = make('ol', 'requests detail-requests');
    list.append(...entry.requests.map(requestItem));
    parts.push(make('h4', undefined, 'REST requests'), list);
  }
  const changes = entry.changes ?? [];
  parts.push(make('h4', undefined, 'Variables changed'));
  if (changes.length === 0) parts.push(make('p', 'muted', 'none'));
  else {
    const list = make('ul', 'detail-changes');
    list.append(
      ...changes.map((c) => {
        const item = make('li');
        item.dataset['name'] = c.name;
        item.append(make('b', undefined, c.name), document.createTextNode(`: ${c.before === undefined ? '(not set)' : valueText(c.before)} → ${c.gone ? 'gone (a subscript\'s own variable, at its Return)' : valueText(c.after)}`));
        return item;
      }),
    );
    parts.push(list);
  }
  box.replaceChildren(...parts);
}

const eventWords: Record<string, string> = {
  OnAnswer: 'an agent answering (OnAnswer)',
  OnRelease: 'the call being released: a hang-up, or the agent ending it (OnRelease)',
  OnHold: 'the agent putting the call on hold (OnHold)',
  OffHold: 'the agent taking the call back off hold',
  OnSignal: 'a signal from another script or the API (OnSignal)',
};

function branchText(step: Step): string {
  if (step.interruptedBy) return `cut short by ${eventWords[step.interruptedBy] ?? `the event ${step.interruptedBy}`}`;
  if (step.branch === null) return step.next === null ? 'none: the call ends here' : '';
  return `${step.branch}${step.outcome ? ` (the action's outcome was ${step.outcome}, which is not wired)` : ''} → ${step.next ?? 'end'}`;
}

/** An id as text nodes with a <wbr> at each seam, so a narrow column wraps it there. */
function breakableId(id: string): Node[] {
  const nodes: Node[] = [];
  for (const [index, part] of idSeams(id).entries()) {
    if (index > 0) nodes.push(document.createElement('wbr'));
    nodes.push(document.createTextNode(part));
  }
  return nodes;
}

function renderTrace(call: CallView): void {
  const body = element('trace').querySelector('tbody') as HTMLTableSectionElement;
  const rows = call.steps.map((step) => {
    const row = make('tr');
    row.dataset['action'] = step.action;
    if (step.script !== undefined) {
      row.dataset['script'] = step.script;
      row.classList.add('in-subscript');
    }
    row.dataset['seq'] = String(step.seq);
    if (step.interruptedBy) row.classList.add('interrupted');
    if (step.seq === state.selectedSeq) row.classList.add('selected');
    const branch = make('td', 'branch');
    if (step.interruptedBy) branch.textContent = `(cut short by ${step.interruptedBy})`;
    else if (step.branch === null) branch.textContent = step.next === null ? 'end' : '';
    else {
      const target = make('span', 'branch-target');
      target.append(...breakableId(step.next ?? 'end'));
      branch.append(make('span', 'branch-name', `${step.branch}${step.outcome ? ` (${step.outcome})` : ''}`), ' → ', target);
    }
    branch.title = branch.textContent ?? '';
    const action = make('td', 'action');
    const id = make('span', 'action-id');
    id.append(...breakableId(stepPlace(step)));
    action.append(id, make('span', 'action-type', step.type));
    const notes = make('td', 'notes');
    notes.appendChild(make('div', 'notes-text', (step.notes ?? []).join('; ')));
    row.append(make('td', 'time', formatTime(step.at)), action, branch, notes);
    row.addEventListener('click', () => {
      state.selectedSeq = step.seq;
      state.selectedAction = undefined;
      // The editor holds the call's script: a spawned contact's steps are in another.
      if (step.script === undefined && call.contactId === state.contactId) editor.goToAction(step.action);
      render();
    });
    return row;
  });
  // A signal is no step of the script: a row of its own, placed among the steps in the order the feed told them.
  for (const signal of [...call.signals].reverse()) {
    const row = make('tr', 'signal-row');
    row.dataset['source'] = /source contact ID 0/.test(signal.text) ? '0' : 'script';
    const notes = make('td', 'notes');
    notes.appendChild(make('div', 'notes-text', signal.text));
    row.append(make('td', 'time', formatTime(signal.at)), make('td', 'action', 'signal'), make('td', 'branch', ''), notes);
    const before = call.stepEntries.findIndex((entry) => entry.seq > signal.seq);
    rows.splice(before < 0 ? rows.length : before, 0, row);
  }
  if (call.current !== null && call.ended === undefined) {
    const row = make('tr', 'current-row');
    row.dataset['action'] = call.current;
    const action = make('td', 'action');
    const id = make('span', 'action-id');
    id.append(...breakableId(call.current));
    action.append(id, make('span', 'action-type', actionType(call.current) ?? ''));
    row.append(make('td', 'time', '…'), action, make('td', 'branch', call.waiting ?? 'next'), make('td', 'notes', ''));
    rows.push(row);
  }
  const scroller = body.closest('.trace-scroll');
  // No rows before or after (no call yet): nothing to scroll, and no layout to force while the page loads.
  if (rows.length > 0 || body.children.length > 0) {
    const atBottom = scroller ? scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 24 : true;
    body.replaceChildren(...rows);
    if (scroller && atBottom) scroller.scrollTop = scroller.scrollHeight;
  }
}

/** The call's state beside the trace's heading (the call's, also while a spawned contact's trace is shown). */
function renderStatus(call: CallView): void {
  const status = element('contact-status');
  status.dataset['state'] = state.contactId === undefined ? 'none' : call.ended !== undefined ? 'ended' : 'live';
  status.textContent =
    state.contactId === undefined ? 'no call yet' : call.ended !== undefined ? `${state.contactId}: call ended (${call.ended})` : `${state.contactId}: ${call.current === null ? 'starting' : `at ${call.current}`}`;
}

/** Says whose trace is shown when it is not the call's, with the way back. */
function renderViewing(shown: CallView): void {
  const viewing = element('viewing');
  const spawn = state.viewedContactId === undefined ? undefined : spawnsOf(callView()).find((s) => s.spawn.contactId === state.viewedContactId);
  const caller = state.viewedContactId === undefined ? undefined : state.callers.find((c) => c.contactId === state.viewedContactId);
  viewing.hidden = spawn === undefined && caller === undefined;
  if (caller) {
    element('viewing-text').textContent = `The trace, variables and step detail of ${caller.caller} (${caller.contactId}), a background caller of this call's script: ${callerState(caller, shown)}.`;
    viewing.dataset['contact'] = caller.contactId;
    return;
  }
  if (!spawn) return;
  element('viewing-text').textContent = `The trace, variables and step detail of ${spawn.spawn.contactId}, which runs ${spawn.spawn.script} (spawned by ${spawn.parent} at ${spawn.spawn.action}): ${spawnedState(spawn.spawn, shown)}.`;
  viewing.dataset['contact'] = spawn.spawn.contactId;
}

/** The contacts the call spawned, and those they spawned in turn, each with the contact that spawned it. */
function spawnsOf(call: CallView): Array<{ parent: string; spawn: SpawnShown }> {
  const found: Array<{ parent: string; spawn: SpawnShown }> = [];
  if (call.contactId === undefined) return found;
  const seen = new Set<string>([call.contactId]);
  // A walk over the spawn tree with a queue (never recursion): a script may spawn many, which spawn more.
  const pending: Array<{ parent: string; spawns: SpawnShown[] }> = [{ parent: call.contactId, spawns: call.spawns }];
  for (let next = pending.shift(); next !== undefined; next = pending.shift()) {
    for (const spawn of next.spawns) {
      if (seen.has(spawn.contactId)) continue;
      seen.add(spawn.contactId);
      found.push({ parent: next.parent, spawn });
      pending.push({ parent: spawn.contactId, spawns: contactView(spawn.contactId).spawns });
    }
  }
  return found;
}

/** Where a spawned contact stands, in words: waiting for its start, at an action, or how it ended. */
function spawnedState(spawn: SpawnShown, view: CallView): string {
  if (view.ended !== undefined) return `ended: ${view.ended}`;
  if (view.steps.length === 0 && view.current === null) return spawn.startsAt > clockNow() ? `waits for its StartDate: ${startsAt(spawn.startsAt, clockNow())}` : 'starting';
  return `running, at ${view.current ?? 'its next action'}${view.waiting ? ', waiting in it' : ''}`;
}

/** When a spawned contact starts, in words: the clock's time within the hour, else how far ahead (a StartDate days away). */
function startsAt(at: number, now: number): string {
  const hours = (at - now) / 3_600_000;
  if (hours < 1) return `starts at ${formatTime(at)} on the clock`;
  return hours < 48 ? `starts in about ${Math.round(hours)} h` : `starts in about ${Math.round(hours / 24)} days`;
}

/** The Spawned contacts panel: what each spawned contact runs, where it is or how it ended, the path it took, and a way to its trace. */
function renderSpawned(call: CallView): void {
  const panel = element('spawned-panel');
  const spawns = spawnsOf(call);
  panel.hidden = spawns.length === 0;
  const list = element('spawned');
  const views = spawns.map(({ spawn }) => contactView(spawn.contactId));
  // Drawn again only when something in it changed: a button redrawn under the pointer would lose its click.
  const drawn = JSON.stringify([state.viewedContactId ?? null, spawns.map(({ parent, spawn }, index) => [parent, spawn, spawnedState(spawn, views[index] as CallView), (views[index] as CallView).steps.length])]);
  if (list.dataset['drawn'] === drawn) return;
  list.dataset['drawn'] = drawn;
  list.replaceChildren(
    ...spawns.map(({ parent, spawn }, index) => {
      const view = views[index] as CallView;
      const item = make('li', 'spawned');
      item.dataset['contact'] = spawn.contactId;
      item.dataset['state'] = view.ended !== undefined ? 'ended' : view.steps.length === 0 && view.current === null ? 'waiting' : 'running';
      const line = make('div', 'spawned-line');
      line.append(make('b', 'spawned-id', spawn.contactId), ` runs ${spawn.script} `, make('span', 'muted', `(${spawn.file.slice(spawn.file.replace(/\\/g, '/').lastIndexOf('/') + 1)}), spawned by ${parent} at ${spawn.action}`));
      appendContactEntry(item, 'spawned', spawn.contactId, line, spawnedState(spawn, view), view);
      return item;
    }),
  );
}

/**
 * One other contact in a list (a spawned contact, a background caller): its
 * line, where it is, its path, and the button that shows its trace and
 * variables in the call's place (or goes back to the call).
 */
function appendContactEntry(item: HTMLElement, kind: 'spawned' | 'caller', contactId: string, line: HTMLElement, where: string, view: CallView): void {
  const path = make('div', `${kind}-path`);
  path.append(make('span', 'muted', 'path: '), view.steps.length === 0 ? 'none yet' : view.steps.map(stepPlace).join(' → '));
  const viewed = state.viewedContactId === contactId;
  const show = make('button', `view-${kind}`, viewed ? 'Back to the call' : 'Show its trace and variables');
  show.type = 'button';
  show.addEventListener('click', () => viewContact(viewed ? undefined : contactId));
  item.classList.toggle('viewed', viewed);
  item.append(line, make('div', `${kind}-state`, where), path, show);
}

/** An ordinal in words: 1st, 2nd, 3rd, 4th, ... */
function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** Where a background caller stands, in words: in the queue and its place, ringing, with an agent, or how it ended. */
function callerState(caller: BackgroundCaller, view: CallView): string {
  const answered = caller.answeredAt !== null ? `answered by agent ${caller.agentId ?? '?'} at ${formatTime(caller.answeredAt)}` : undefined;
  if (caller.done) return `ended: ${view.ended ?? endReasonWords(caller.reason ?? '')}${answered ? ` (${answered})` : ''}`;
  if (answered) return `with the agent: ${answered}`;
  if (caller.queuePosition !== null) return `in the queue since ${formatTime(caller.queuedAt ?? caller.arrivedAt)}, ${ordinal(caller.queuePosition)} in line`;
  if (caller.ringingAt !== null) return `ringing at agent ${caller.ringingAt}`;
  return `running, at ${view.current ?? 'its next action'}`;
}

/** The Other callers panel: the queue as an agent would take it, and each caller: when it called, where it is, its path, its trace. */
function renderCallers(call: CallView): void {
  const panel = element('callers-panel');
  panel.hidden = state.callersExpected === 0 || state.contactId === undefined;
  if (panel.hidden) return;
  const waiting = state.callers.filter((caller) => caller.queuePosition !== null).map((caller) => ({ place: caller.queuePosition as number, who: `${caller.caller} (${caller.contactId})` }));
  if (state.callQueuePosition !== null && call.ended === undefined) waiting.push({ place: state.callQueuePosition, who: `this call (${state.contactId})` });
  waiting.sort((a, b) => a.place - b.place);
  const notYet = state.callersExpected - state.callers.length;
  element('queue-order').textContent = `${waiting.length === 0 ? 'Nobody waits in the queue.' : `The queue, next first: ${waiting.map((w) => w.who).join(', ')}.`}${notYet > 0 ? ` ${notYet} more ${notYet === 1 ? 'caller has' : 'callers have'} yet to call.` : ''}`;
  const list = element('callers');
  const views = state.callers.map((caller) => contactView(caller.contactId));
  const drawn = JSON.stringify([state.viewedContactId ?? null, state.callers, views.map((view) => [view.steps.length, view.current, view.ended])]);
  if (list.dataset['drawn'] === drawn) return;
  list.dataset['drawn'] = drawn;
  list.replaceChildren(
    ...state.callers.map((caller, index) => {
      const view = views[index] as CallView;
      const item = make('li', 'caller-item');
      item.dataset['contact'] = caller.contactId;
      item.dataset['name'] = caller.caller;
      item.dataset['state'] = caller.done ? 'ended' : caller.answeredAt !== null ? 'answered' : caller.ringingAt !== null ? 'ringing' : caller.queuePosition !== null ? 'queued' : 'running';
      if (caller.queuePosition !== null) item.dataset['place'] = String(caller.queuePosition);
      const line = make('div', 'caller-line');
      line.append(make('b', 'caller-name', caller.caller), ` (${caller.contactId}) called at ${formatTime(caller.arrivedAt)}`);
      appendContactEntry(item, 'caller', caller.contactId, line, callerState(caller, view), view);
      return item;
    }),
  );
}

/**
 * The contact a signal from the Signal panel goes to: the contact shown (the
 * call, or a spawned contact chosen under Spawned contacts) while it runs
 * and its script has an OnSignal; undefined otherwise.
 */
function signalTarget(call: CallView, shown: CallView): string | undefined {
  if (shown.contactId === undefined || shown.ended !== undefined) return undefined;
  if (shown.contactId === state.contactId || state.callers.some((caller) => caller.contactId === shown.contactId)) {
    const hasOnSignal = state.validation?.graph?.nodes.some((node) => node.type === 'OnSignal') === true;
    return hasOnSignal && shown.current !== null ? shown.contactId : undefined;
  }
  const spawn = spawnsOf(call).find((found) => found.spawn.contactId === shown.contactId)?.spawn;
  // A spawned contact that has not started (a StartDate ahead) cannot be signalled yet.
  const started = shown.steps.length > 0 || shown.current !== null;
  return spawn?.onSignal === true && started ? shown.contactId : undefined;
}

/** The Signal panel: shown while the contact on view runs a script with an OnSignal. */
function renderSignal(call: CallView, shown: CallView): void {
  const target = signalTarget(call, shown);
  const panel = element('signal-panel');
  // What came of the last signal stays in view after it ended the contact (OnSignal may well end the call).
  const result = element('signal-result');
  const resultFor = result.hidden ? undefined : result.dataset['contact'];
  panel.hidden = target === undefined && (resultFor === undefined || resultFor !== shown.contactId);
  element('signal-form').hidden = target === undefined;
  if (target === undefined) {
    element('signal-target').textContent = `${resultFor ?? 'The contact'} no longer runs a script with an OnSignal: there is nothing more to signal.`;
    delete panel.dataset['contact'];
    return;
  }
  panel.dataset['contact'] = target;
  const who = target === state.contactId ? 'the call' : state.callers.some((caller) => caller.contactId === target) ? 'a background caller' : 'a spawned contact';
  element('signal-target').textContent = `To ${target} (${who}), at ${shown.current ?? 'its next action'}: its OnSignal cuts short what it is doing.`;
}

/** The values typed in SP1..SP9, up to the last one filled in (a gap is sent as empty). */
function signalValues(): string[] {
  const values = Array.from({ length: 9 }, (_, index) => element<HTMLInputElement>(`signal-p${index + 1}`).value);
  while (values.length > 0 && values[values.length - 1] === '') values.pop();
  return values;
}

/** Sends the signal through the vendor's route, as a web service would, and says what came of it. */
async function sendSignal(): Promise<void> {
  const target = signalTarget(callView(), shownView());
  if (target === undefined) return;
  const values = signalValues();
  const body = Object.fromEntries(values.map((value, index) => [`p${index + 1}`, value]));
  const result = element('signal-result');
  result.dataset['contact'] = target;
  try {
    const answer = await api.post<{ contactId: string; onSignal: boolean; parameters: number }>(`/incontactapi/services/v30.0/interactions/${encodeURIComponent(target)}/signal`, body);
    const sent = values.length === 0 ? 'with no values' : `with ${values.map((value, index) => `SP${index + 1} = ${value === '' ? '(empty)' : value}`).join(', ')}`;
    result.textContent = `Signal sent to ${answer.contactId} ${sent}, source contact ID 0: ${answer.onSignal ? 'its OnSignal runs (see the trace)' : 'its script has no OnSignal where it is now, so nothing changes'}.`;
    result.dataset['outcome'] = 'sent';
  } catch (error) {
    result.textContent = signalErrorSentence(target, error);
    result.dataset['outcome'] = 'refused';
  }
  result.hidden = false;
  render();
}

/** Why a signal was refused, in a sentence: 404 is a contact that has ended (or gone with a reset). */
export function signalErrorSentence(contactId: string, error: unknown): string {
  if (error instanceof ApiError && error.status === 404) return `${contactId} has ended, so it cannot be signalled any more. Start a call to signal again.`;
  if (error instanceof ApiError && error.status === 400) return `The signal was not sent: ${error.message}.`;
  return `The signal was not sent: ${errorSentence(error)}`;
}

/** Shows a spawned contact's trace, variables and step detail (undefined: the call's again). */
function viewContact(contactId: string | undefined): void {
  state.viewedContactId = contactId;
  state.selectedSeq = undefined;
  state.selectedAction = undefined;
  render();
}

/** How the number answered a Transfer, in words, from the branch it took (its outcome, when that branch was not wired). */
const transferAnswers: Record<string, string> = {
  OnBusy: 'the line was busy',
  OnNoAnswer: 'nobody answered within NoAnswerTimeout',
  OnInvalidNumber: 'the number is not valid',
  OnDialingError: 'the call could not be dialled (a network error, or the caller was already gone)',
};

/** The Transfers panel: each Transfer and BlindXfer of the contact shown, where it dialled, how the number answered, where the call went. */
function renderTransfers(view: CallView): void {
  const panel = element('transfers-panel');
  panel.hidden = view.transferSteps.length === 0;
  element('transfers').replaceChildren(
    ...view.transferSteps.map((entry) => {
      const step = entry.step as Step;
      const properties = entry.properties ?? {};
      const destination = String(properties['Destination'] ?? properties['PhoneNumber'] ?? '');
      const went = view.transfer !== undefined && view.transfer.action === stepPlace(step) ? view.transfer : undefined;
      const callerId = went?.callerId ?? String(properties['CallerID'] ?? '');
      const answer = went ? (went.type === 'BlindXfer' ? 'handed over for good' : 'answered') : (transferAnswers[step.outcome ?? step.branch ?? ''] ?? (step.type === 'BlindXfer' ? 'not handed over' : 'not answered'));
      const item = make('li', 'transfer');
      item.dataset['action'] = stepPlace(step);
      item.dataset['answer'] = went ? went.result : (step.outcome ?? step.branch ?? 'none');
      item.append(make('div', 'transfer-line', `${formatTime(step.at)} ${stepPlace(step)} (${step.type}) dials ${destination || '(no number)'}${callerId ? `, showing caller id ${callerId}` : ''}`));
      const result = make('div', 'transfer-result');
      result.append(make('b', undefined, `${answer}: `), went ? `the caller left the script for ${went.destination}` : `the caller stays in the script: ${branchText(step)}`);
      item.append(result);
      if (step.notes?.length) item.append(make('div', 'transfer-why muted', step.notes.join('; ')));
      return item;
    }),
  );
}

/** The keys the action takes as branches (a Menu's "1", "2"…), or undefined when it names none (any key goes: a Capture, or keys typed ahead). */
function acceptedKeys(actionId: string | null): Set<string> | undefined {
  if (actionId === null) return undefined;
  const keys = (state.validation?.graph?.edges ?? []).filter((e) => e.from === actionId && e.kind === 'branch' && /^[0-9*#]$/.test(e.label)).map((e) => e.label);
  return keys.length > 0 ? new Set(keys) : undefined;
}

function renderCaller(call: CallView, live: boolean): void {
  const accepted = live ? acceptedKeys(call.current) : undefined;
  for (const key of element('keypad').querySelectorAll<HTMLButtonElement>('button.key')) {
    key.disabled = !live || (accepted !== undefined && !accepted.has(key.dataset['key'] as string));
    key.title = key.disabled && live ? `${call.current ?? 'This action'} has no branch for ${key.dataset['key']}` : '';
  }
  element<HTMLButtonElement>('hang-up').disabled = !live;
  element<HTMLButtonElement>('stay-silent').disabled = !live;
  element('keys-pressed').textContent = state.contactId === undefined ? '' : state.keysPressed ? `Keys pressed: ${state.keysPressed}` : call.ended ? '' : 'No keys pressed yet.';
  // What the caller hears: the prompt of the action that waits for them.
  const prompt = element('prompt');
  const sequence = live ? call.waitingProperties?.['Sequence'] : undefined;
  prompt.hidden = sequence === undefined || sequence === '';
  prompt.textContent = prompt.hidden ? '' : `The caller hears: ${typeof sequence === 'string' ? sequence : JSON.stringify(sequence)}`;
  const capture = element('capture-info');
  const maxDigits = live && call.listening ? call.waitingProperties?.['MaxDigits'] : undefined;
  capture.hidden = maxDigits === undefined;
  if (maxDigits !== undefined) {
    const terminator = call.waitingProperties?.['Terminator'] ?? '#';
    const sofar = state.keysAtStep.get(call.steps.length) ?? '';
    capture.textContent = `Digits so far: ${sofar || '(none)'} · at most ${String(maxDigits)}${terminator === '' ? ' · no terminator key' : ` · ${String(terminator)} ends early`}`;
  }
}

/** When the page last heard the clock's time (performance.now()), to move the shown time on in between. */
let clockHeardAt = performance.now();

/**
 * Bumped each time the person changes the clock (speed, Run, Pause, Step,
 * Run to end, Reset). A clock state answering a request sent before that
 * change is older than what they chose, so it is not shown: a feed answer or
 * clock refresh already under way can no longer undo a click.
 */
let clockEpoch = 0;

/** Takes the server's clock, unless the person changed it after the request that brought it was sent. */
function acceptClock(clock: ClockState, sentInEpoch: number): void {
  if (sentInEpoch === clockEpoch) syncClock(clock);
}

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
  const talkingWith = [...state.talking].find(([, call]) => call.contactId === state.contactId)?.[0];
  if (document.body.dataset['ready'] !== 'true') hint = 'Connecting to studio-sim serve and loading the sample…';
  else if (state.validation && !state.validation.ok) hint = 'The script has errors: fix the places marked in red (listed under Problems) before starting a call.';
  else if (state.contactId === undefined)
    hint = state.clock.mode === 'paused' ? 'The clock is paused: press Start call, then Step to run one action at a time.' : 'Press Start call to ring the script as a caller, then press keys on the keypad when the menu asks.';
  else if (call.ended !== undefined) hint = `The call ended: ${call.ended}. Start call again to try another branch, or download its report and a test case.`;
  else if (ringingAt !== undefined) hint = `The call rings at agent ${ringingAt}: press Answer in its panel.`;
  else if (talkingWith !== undefined && state.clock.mode !== 'paused')
    hint = state.talking.get(talkingWith)?.onHold
      ? `Agent ${talkingWith} has the caller on hold (the script's OnHold runs): press Resume to take the call back, or End contact.`
      : `The caller talks with agent ${talkingWith}: press End contact in its panel to end the call (OnRelease runs), or Hold.`;
  else if (state.clock.mode === 'paused') hint = `Paused before ${call.current ?? 'the next action'}${type ? ` (${type})` : ''}: press Step to run it, or Run to let the call go on.`;
  else if ((type === 'Menu' || type === 'Capture') && state.silentAt === call.steps.length)
    hint = `Staying silent: the ${type} hears nothing and takes its timeout branch when its Timeout runs out (speed 10x or instant gets there sooner).`;
  else if (call.listening || type === 'Menu' || type === 'Capture') hint = 'The script waits for the caller: press a key on the keypad (or stay silent and let it time out).';
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
  const end = make('button', 'end-contact', 'End contact');
  const hold = make('button', 'hold', 'Hold');
  const resume = make('button', 'resume', 'Resume');
  for (const button of [login, logout, answer, end, hold, resume]) button.type = 'button';
  login.addEventListener('click', () => agentAction(agentId, 'login'));
  logout.addEventListener('click', () => agentAction(agentId, 'logout'));
  answer.addEventListener('click', () => agentAction(agentId, 'answer'));
  end.addEventListener('click', () => agentAction(agentId, 'end-contact'));
  hold.addEventListener('click', () => agentAction(agentId, 'hold'));
  resume.addEventListener('click', () => agentAction(agentId, 'resume'));
  buttons.append(login, logout, answer, end, hold, resume);
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
  // Nothing to answer: disabled, rather than a request the server must refuse.
  answer.disabled = !ringing;
  answer.title = ringing ? `Answer ${state.ringing.get(agent.id)} now` : 'A call rings here once the script queues it (Reqagent) and this agent is Available';
  if (ringing && !card.classList.contains('ringing')) {
    // Bring the ringing agent into view within its column (never the whole page).
    const column = card.closest('.side-pane');
    if (column) {
      const top = card.getBoundingClientRect().top - column.getBoundingClientRect().top + column.scrollTop;
      if (top < column.scrollTop || top + card.offsetHeight > column.scrollTop + column.clientHeight) column.scrollTo({ top: Math.max(0, top - 120) });
    }
  }
  card.classList.toggle('ringing', ringing);
  // The agent's side of an answered call: end it (the platform releases the caller: OnRelease runs), hold it, take it back.
  const talking = state.talking.get(agent.id);
  const end = card.querySelector('.end-contact') as HTMLButtonElement;
  end.disabled = talking === undefined;
  end.title = talking ? `End ${talking.contactId}: the caller is released, the script's OnRelease runs, and the agent is free again` : 'The agent has no answered call';
  (card.querySelector('.hold') as HTMLButtonElement).disabled = talking === undefined || talking.onHold;
  (card.querySelector('.resume') as HTMLButtonElement).disabled = talking === undefined || !talking.onHold;

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
  const sentInEpoch = clockEpoch;
  const result = await attempt(() => api.get<ClockState>('/sim/clock'));
  if (result) acceptClock(result, sentInEpoch);
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
  state.callersExpected = 0;
  state.callers = [];
  state.callQueuePosition = null;
  state.viewedContactId = undefined;
  state.keysPressed = '';
  state.silentAt = undefined;
  state.selectedSeq = undefined;
  state.selectedAction = undefined;
  state.keysAtStep.clear();
  state.contactEntries.clear();
  state.agentEntries.clear();
  state.ringing.clear();
  state.talking.clear();
  element('agents').replaceChildren();
}

function takeEntry(entry: FeedEntry): void {
  if (entry.kind === 'reset') {
    // Whoever reset the world (this page or another client), what came before is gone.
    if (entry.by !== tabId) {
      const call = state.contactId !== undefined && entry.ended?.includes(state.contactId) ? `: your call ${state.contactId} was ended` : '';
      showNotice(`The simulation was reset by ${entry.by ? 'the playground in another tab or window' : 'another client of this server'}${call}. The server runs one world for everyone; Start call to go on here.`);
    }
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
  if (entry.kind === 'answered' && entry.agentId !== undefined && entry.contactId !== undefined) state.talking.set(entry.agentId, { contactId: entry.contactId, onHold: false });
  if ((entry.kind === 'hold' || entry.kind === 'resume') && entry.agentId !== undefined) {
    const call = state.talking.get(entry.agentId);
    if (call) call.onHold = entry.kind === 'hold';
  }
  if ((entry.kind === 'agentHungUp' || entry.kind === 'logout') && entry.agentId !== undefined) state.talking.delete(entry.agentId);
  if (entry.kind === 'callerHungUp' || entry.kind === 'contactEnded') {
    for (const [agentId, call] of state.talking) if (call.contactId === entry.contactId) state.talking.delete(agentId);
  }
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
      const sentInEpoch = clockEpoch;
      const response = await api.get<FeedResponse>(`/sim/feed?after=${after}&timeout=25`);
      if (response.gap || response.entries.some((e) => e.gap)) showError('Some live updates were dropped (the feed keeps the last 10,000); the trace may miss steps. Download the report for the full run.');
      for (const entry of response.entries) takeEntry(entry);
      if (state.callersExpected > 0 && response.entries.some(changesCallers)) void refreshCallers();
      if (response.clock) acceptClock(response.clock, sentInEpoch);
      // The server's cursor wins, also when it went back (a restarted server).
      after = response.next;
      if (response.entries.length > 0 || response.clock) render();
    } catch (error) {
      showError(error);
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
  }
}

/** Entries after which the background callers stand elsewhere: one called, queued, rang, was answered or ended. */
function changesCallers(entry: FeedEntry): boolean {
  if (['queued', 'offered', 'answered', 'updated', 'reskilled', 'contactEnded', 'reset'].includes(entry.kind)) return true;
  // A contact's first step: a caller has just called.
  return entry.kind === 'step' && entry.variables !== undefined;
}

let callersRefresh: Promise<void> | undefined;
let callersStale = false;

/** Asks the server where the call's background callers stand (one request at a time; a change meanwhile asks again after it). */
async function refreshCallers(): Promise<void> {
  if (callersRefresh) {
    callersStale = true;
    return;
  }
  callersRefresh = (async () => {
    do {
      callersStale = false;
      const callId = state.contactId;
      const listed = await api.get<{ contacts: ListedContact[] }>('/sim/contacts').catch(() => undefined);
      if (listed === undefined || callId !== state.contactId || callId === undefined) continue;
      state.callers = listed.contacts.filter((contact): contact is BackgroundCaller & ListedContact => contact.callerOf === callId);
      state.callQueuePosition = listed.contacts.find((contact) => contact.contactId === callId)?.queuePosition ?? null;
      render();
    } while (callersStale);
  })();
  await callersRefresh;
  callersRefresh = undefined;
}

// --- actions -------------------------------------------------------------------

async function agentAction(agentId: string, action: 'login' | 'logout' | 'answer' | 'end-contact' | 'hold' | 'resume'): Promise<void> {
  const done = await attempt(() => api.post(`/sim/agents/${encodeURIComponent(agentId)}/${action}`));
  if (done !== undefined) {
    clearError();
    if (action === 'answer') state.ringing.delete(agentId);
  }
  await refreshAgents();
}

async function setClock(change: { mode?: ClockState['mode']; speed?: ClockSpeed }): Promise<void> {
  // Shown at once as chosen; only this request's answer may change it again.
  const epoch = ++clockEpoch;
  syncClock({ ...state.clock, now: clockNow(), ...change });
  render();
  const result = await attempt(() => api.put<ClockState>('/sim/clock', change));
  if (result) {
    acceptClock(result, epoch);
    clearError();
  } else if (epoch === clockEpoch) {
    // Refused: show the clock as the server has it.
    await refreshClock();
  }
  render();
}

async function startCall(): Promise<void> {
  const blocker = startBlocker();
  if (blocker !== undefined) {
    showError(blocker);
    scriptErrorShown = true;
    return;
  }
  const previous = state.contactId;
  if (previous !== undefined && callView().ended === undefined) await attempt(() => api.post(`/sim/contacts/${previous}/hangup`));
  try {
    await api.put(`/sim/scripts/${scriptName}`, scriptBody(editor.text()));
  } catch (error) {
    if (error instanceof ApiError && error.status === 422) {
      showError(`The script cannot run yet: ${error.message}. Fix the problems listed under the editor.`);
      scriptErrorShown = true;
      return;
    }
    showError(error);
    return;
  }
  const started = await attempt(() => api.post<{ contactId: string; callers?: Array<{ name: string; at: number }> }>('/sim/contacts', { script: scriptName, live: true, scenario: callScenario(state.sample?.scenario ?? null) }));
  if (!started) return;
  clearError();
  state.contactId = started.contactId;
  state.callersExpected = started.callers?.length ?? 0;
  state.callers = [];
  state.callQueuePosition = null;
  state.viewedContactId = undefined;
  element('signal-result').hidden = true;
  state.keysPressed = '';
  state.silentAt = undefined;
  state.selectedSeq = undefined;
  state.selectedAction = undefined;
  state.keysAtStep.clear();
  render();
}

/**
 * What a call takes from the sample's scenario: the caller's numbers and the
 * contact's starting variables and parameters (a sample that reads Begin's
 * parameters or a variable the scenario sets runs as its tests run it), the
 * mocks that answer its REST calls, its signals and its background callers. The
 * caller's keys come from the keypad, the agents from the world (Reset).
 */
function callScenario(sampleScenario: Record<string, unknown> | null): Record<string, unknown> {
  const scenario: Record<string, unknown> = {};
  const caller = sampleScenario?.['caller'] as { ani?: unknown; dnis?: unknown } | undefined;
  if (caller) scenario['caller'] = { ...(caller.ani !== undefined ? { ani: caller.ani } : {}), ...(caller.dnis !== undefined ? { dnis: caller.dnis } : {}) };
  // Its REST mocks and the answers of the numbers it dials too: the script's requests and calls are answered as its tests answer them.
  // Its background callers and its signals too: they call and arrive beside this call as under `run`.
  for (const key of ['variables', 'parameters', 'http', 'numbers', 'outbound', 'callers', 'signals']) if (sampleScenario?.[key] !== undefined) scenario[key] = sampleScenario[key];
  return scenario;
}

/** Runs the call at instant speed until it ends or waits for the caller; the clock then runs as before. */
async function runToEnd(): Promise<void> {
  const contactId = state.contactId;
  if (contactId === undefined) return;
  const epoch = ++clockEpoch;
  const result = await attempt(() => api.post<ClockState>(`/sim/contacts/${contactId}/run-to-end`));
  if (result) {
    acceptClock({ now: result.now, mode: result.mode, speed: result.speed }, epoch);
    clearError();
  }
  render();
}

/** Key presses waiting to be sent: one at a time, so keys typed quickly reach the server (and the page's record) in the order typed. */
let keysSending: Promise<void> = Promise.resolve();

function pressKey(key: string): Promise<void> {
  keysSending = keysSending.then(() => sendKey(key));
  return keysSending;
}

async function sendKey(key: string): Promise<void> {
  const contactId = state.contactId;
  if (contactId === undefined) return;
  const accepted = await attempt(() => api.post(`/sim/contacts/${contactId}/digits`, { digits: key }));
  if (accepted !== undefined) {
    state.keysPressed += key;
    const at = callView().steps.length;
    state.keysAtStep.set(at, (state.keysAtStep.get(at) ?? '') + key);
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
  // The reset puts the clock back to 0 at 1x: what was under way before says nothing of it.
  clockEpoch++;
  const done = await attempt(() => api.post('/sim/reset', scenario ? { scenario, by: tabId } : { by: tabId }));
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
  // The person's own version of this sample, when they edited it (kept in this browser).
  const kept = storedText(name);
  const text = kept ?? sample.source;
  // The chart at once, rather than after the editor's pause for typing: asked for before the
  // editor takes the text, so the server works on it while the page lays the text out.
  const validating = validateSource(text).then((result) => {
    if (result && editor.text() === text) applyValidation(text, result);
  });
  const resetting = resetWorld();
  editor.setText(text);
  element<HTMLButtonElement>('revert-sample').disabled = kept === null;
  await Promise.all([resetting, validating]);
}

/** Puts the sample's own text back, after asking: the edits are gone for good then. */
function revertSample(): void {
  const sample = state.sample;
  if (!sample || editor.text() === sample.source) return;
  if (!window.confirm(`Put back the text of ${sample.name}? Your edits to it will be lost.`)) return;
  storeText(sample.name, null);
  editor.setText(sample.source);
  element<HTMLButtonElement>('revert-sample').disabled = true;
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
  element('run-to-end').addEventListener('click', () => void runToEnd());
  element('revert-sample').addEventListener('click', revertSample);
  element('notice-close').addEventListener('click', () => {
    element('notice').hidden = true;
  });
  element('reset').addEventListener('click', () => void resetWorld());
  element('view-call').addEventListener('click', () => viewContact(undefined));
  element('signal-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void sendSignal();
  });
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

/**
 * The samples menu: each script on its own line, the scripts it calls
 * (subscripts, or one RunScript hands over to) indented under it and
 * marked, so a subscript is not taken for a script to call on its own.
 * Still openable: its text can be read and edited.
 */
export function sampleOptions(samples: readonly Sample[]): HTMLOptionElement[] {
  const option = (sample: Sample, text: string) => {
    const created = Object.assign(make('option', undefined, text), { value: sample.name });
    if (sample.calledBy?.length) created.dataset['calledBy'] = sample.calledBy.join(' ');
    return created;
  };
  const names = new Set(samples.map((s) => s.name));
  // Called by a sample in the menu: listed under that caller; one whose callers are all missing stands alone.
  const isCalled = (sample: Sample) => sample.calledBy?.some((caller) => names.has(caller)) === true;
  const options: HTMLOptionElement[] = [];
  for (const sample of samples.filter((s) => !isCalled(s))) {
    options.push(option(sample, sample.name));
    for (const called of samples.filter((s) => s.calledBy?.includes(sample.name))) options.push(option(called, `\u00a0\u00a0\u21b3 ${called.name} (subscript of ${sample.name})`));
  }
  // A sample only other called samples call (a subscript's subscript) is listed once, under the first of them.
  const listed = new Set(options.map((o) => o.value));
  for (const sample of samples.filter((s) => !listed.has(s.name))) options.push(option(sample, `\u00a0\u00a0\u21b3 ${sample.name} (called by ${(sample.calledBy ?? []).join(', ')})`));
  return options;
}

async function start(): Promise<void> {
  // Marks for the page's load figures (the browser test reads them): script running, server data in, chart drawn.
  performance.mark('studio-sim:script-start');
  wireControls();
  // The shown virtual time ticks while the clock runs at 1x or 10x (between feed answers it would stand still).
  setInterval(() => {
    if (state.clock.mode === 'running' && state.clock.speed !== 'instant') renderClock();
  }, 200);
  render();
  void firstReference.then((reference) => {
    state.reference = reference;
    editor.languageLoaded();
  });
  const samples = await firstSamples;
  performance.mark('studio-sim:data-loaded');
  state.samples = samples?.samples ?? [];
  const select = element<HTMLSelectElement>('sample-select');
  select.replaceChildren(...sampleOptions(state.samples));
  void feedLoop();
  const first = state.samples.find((s) => s.name === defaultSample) ?? state.samples[0];
  // Its own text was validated while the samples came: loading it takes that answer.
  if (first?.name === defaultSample) {
    const own = { source: first.source, file: `${first.name}.yaml`, sample: first.name };
    lastValidation = { source: own.source, file: own.file, result: firstValidation.then((answer) => answer ?? attempt(() => api.post<ValidateResponse>('/sim/validate', own))) };
  }
  if (first) await loadSample(first.name);
  else await Promise.all([refreshAgents(), refreshClock()]);
  document.body.dataset['ready'] = 'true';
  render();
  await loadFullEditor();
}

// Exposed for the browser tests and for curious people in the console.
declare global {
  interface Window {
    playground?: { editor: typeof editor; state: typeof state; graph: () => ScriptGraph | null | undefined };
  }
}
window.playground = { editor, state, graph: () => state.validation?.graph };

void start();
