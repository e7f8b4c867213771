/**
 * The shapes of the HTTP API the page talks to (the /sim/ routes of
 * `studio-sim serve`). Written out here rather than imported from the server's
 * modules: the page only knows the JSON on the wire, and this keeps Node-only
 * code out of the browser bundle and its type check.
 */

export interface Diagnostic {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  path: Array<string | number>;
  hint?: string;
}

export type NodeRole = 'start' | 'decision' | 'event' | 'end' | 'step';

export interface GraphNode {
  id: string;
  label: string;
  type: string;
  role: NodeRole;
  visits: number[];
  /** The file of a called script the node belongs to (graphs drawn with --follow, as the playground's are); its id is then `<file name>:<action id>`. */
  group?: string;
}

export interface GraphEdge {
  from: string;
  to: string;
  label: string;
  kind: 'branch' | 'preempts' | 'calls';
  taken: number[];
}

export interface ScriptGraph {
  title: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface ValidateResponse {
  ok: boolean;
  diagnostics: Diagnostic[];
  graph: ScriptGraph | null;
  /** The variables the script sets anywhere (null while it has errors). */
  variables?: string[] | null;
}

export interface Sample {
  name: string;
  file: string;
  source: string;
  /** The sample's scenario file as data, or null when it has none. */
  scenario: Record<string, unknown> | null;
  /** The samples that call this one (it is their subscript, or RunScript hands over to it). */
  calledBy?: string[];
}

export interface PropertyReference {
  name: string;
  /** How its value is read: Snippet code, an expression, text with {...}, a variable's name, a plain value. */
  kind: 'template' | 'expression' | 'variableRead' | 'variableWrite' | 'value' | 'snippet';
  description: string;
  required: boolean;
  default?: unknown;
  examples?: unknown[];
}

export interface BranchReference {
  name: string;
  description: string;
}

export interface ActionReference {
  type: string;
  category: string;
  summary: string;
  description: string;
  /** The script types it works in, by the vendor's names ("Phone only"). */
  scriptTypes?: string;
  properties: PropertyReference[];
  branches: BranchReference[];
  valueBranches?: { description: string; pattern: string };
}

export interface FunctionReference {
  /** Lower-case; calls match it without case. */
  name: string;
  signature: string;
  summary: string;
  /** Fewest and most arguments, the object of the method form (`x.f()`) counted. */
  arity: [number, number];
  /** A call and its result. */
  example: [string, string];
}

/** The Studio language, as its own module describes it. */
export interface LanguageReference {
  keywords: string[];
  functions: FunctionReference[];
  systemVariables: Array<{ name: string; description: string }>;
}

export interface Reference {
  actions: ActionReference[];
  language: LanguageReference;
}

export interface Agent {
  id: string;
  state: string;
  sessionId: string | null;
  pending: number;
  firstName?: string;
  lastName?: string;
  skills?: string[];
}

export type ClockSpeed = 1 | 10 | 'instant';

export interface ClockState {
  now: number;
  mode: 'running' | 'paused';
  speed: ClockSpeed;
}

export interface Step {
  at: number;
  seq: number;
  action: string;
  type: string;
  /** The file of a subscript (or a script RunScript handed over to) the step ran in. */
  script?: string;
  branch: string | null;
  outcome?: string;
  next: string | null;
  /** Kept open: an event action the page does not know yet (a newer server's) is still shown. */
  interruptedBy?: 'OnAnswer' | 'OnRelease' | 'OnHold' | 'OffHold' | 'OnSignal' | (string & {});
  notes?: string[];
}

/** Events as get-next-event returns them: CustomEvents carry `type`, platform events `Type`. */
export type AgentEvent = Readonly<Record<string, unknown>>;

export type FeedKind =
  | 'step'
  | 'waiting'
  | 'emitted'
  | 'delivered'
  | 'discarded'
  | 'login'
  | 'logout'
  | 'state'
  | 'queued'
  | 'updated'
  | 'reskilled'
  | 'transferred'
  | 'offered'
  | 'answered'
  | 'callerHungUp'
  | 'agentHungUp'
  | 'hold'
  | 'resume'
  | 'external'
  | 'signaled'
  | 'contactEnded'
  | 'clock'
  | 'reset'
  | 'spawned';

export interface FeedEntry {
  seq: number;
  /** Virtual ms. */
  at: number;
  /** One of FeedKind; kept open so a newer server's kinds are shown, not dropped. */
  kind: FeedKind | (string & {});
  contactId?: string;
  agentId?: string;
  text: string;
  step?: Step;
  current?: string | null;
  /** `waiting`: held before the action (paused) rather than waiting inside it. */
  held?: boolean;
  /** `delivered`: the batch a get-next-event returned. */
  events?: AgentEvent[];
  /** `emitted`: the custom event put into the stream (its name, data and what became of it: queued, persisted, dropped, refused). */
  event?: AgentEvent;
  gap?: boolean;
  /** `waiting` in an action that listens for the caller's keys. */
  listening?: boolean;
  /** `step`: the variables the step changed. */
  changes?: VariableChange[];
  /** `step`: the properties the action ran with (templates filled in); `waiting`: those of the action waiting. */
  properties?: Record<string, unknown>;
  /** `step`: the REST requests it made; `contactEnded`: the one no mock answered, which ended the call. */
  requests?: RequestShown[];
  /** `step`, a contact's first: its variables as it began. */
  variables?: Record<string, unknown>;
  /** `reset`: who reset (a playground tab's id), and the contacts still running that it ended. */
  by?: string;
  ended?: string[];
  /** `spawned`: the contact a Spawn of `contactId` started; its own entries carry its id. */
  spawn?: SpawnShown;
  /** `transferred`: where the call went. */
  transfer?: TransferShown;
}

/** A contact a Spawn started, as the feed tells it. */
export interface SpawnShown {
  contactId: string;
  /** The Spawn action, as the trace names it. */
  action: string;
  script: string;
  file: string;
  /** Virtual ms it starts at (later than the Spawn with a StartDate). */
  startsAt: number;
  /** Its script has an OnSignal (a signal from outside runs it). */
  onSignal: boolean;
}

/** Where a Transfer or BlindXfer sent the call (the run report's `transfer`). */
export interface TransferShown {
  at: number;
  action: string;
  type: 'Transfer' | 'BlindXfer';
  destination: string;
  /** The caller id the destination sees (BlindXfer: the caller's ANI). */
  callerId: string;
  result: 'Answered' | 'Released';
}

/** A REST request a step made, as the feed tells it. */
export interface RequestShown {
  at: number;
  /** The action that made it. */
  action: string;
  /** The RestApi action, or GetRESTProxy()'s MakeRestRequest in a Snippet. */
  via: 'RestApi' | 'MakeRestRequest';
  method: string;
  url: string;
  answeredBy: 'mock' | 'network' | 'unmatched';
  /** The scenario mock that answered (its position in `http:`, from 0). */
  mock?: number;
  status?: number;
  attempts: number;
  /** ok, httpError, timeout, failed, tooLarge, notJson, xml or unmatched. */
  outcome: string;
  elapsedMs: number;
  /** An unmatched request: what went wrong, then the mock to add (YAML). */
  message?: string;
}

export interface VariableChange {
  name: string;
  before?: unknown;
  /** Absent when the step ended the variable (`gone`). */
  after?: unknown;
  /** A subscript's own variables vanish at its Return. */
  gone?: true;
}

export interface FeedResponse {
  entries: FeedEntry[];
  next: number;
  gap?: boolean;
  /** The clock as the answer left the server (a newer server sends it; the page asks otherwise). */
  clock?: ClockState;
}

export interface ContactReport {
  done: boolean;
  contactId: string;
  outcome: string;
  reason: string;
  message: string;
  steps: Step[];
  transfer?: TransferShown;
  spawned?: Array<{ contactId: string; parent: string; action: string; script: string; file: string; startsAt: number; reason?: string; endedAt?: number; path: string[] }>;
}

/** A background caller (the scenario's `callers:`) as GET /sim/contacts lists it. */
export interface BackgroundCaller {
  contactId: string;
  script: string;
  done: boolean;
  reason: string | null;
  /** Its name under `callers:`. */
  caller: string;
  /** The call it came with. */
  callerOf: string;
  arrivedAt: number;
  queuedAt: number | null;
  /** The agent it rings at (offered, not answered yet). */
  ringingAt: string | null;
  answeredAt: number | null;
  agentId: string | null;
  /** 1 = the next an agent free for it takes; null when not waiting. */
  queuePosition: number | null;
}

/** One contact of GET /sim/contacts: the fields the page reads (a background caller has more). */
export interface ListedContact {
  contactId: string;
  caller?: string;
  callerOf?: string;
  queuePosition?: number | null;
}
