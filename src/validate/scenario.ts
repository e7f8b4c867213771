import type { CallerInput } from '../actions/types.ts';
import { type JsonSchema, variableNamePattern } from '../actions/index.ts';
import { type Diagnostic, formatPath, hasErrors, type PathSegment, sortDiagnostics } from '../diagnostics/diagnostic.ts';
import type { Value } from '../expression/values.ts';
import { diagnosticAt, loadYamlFile, loadYamlText, type LoadedDocument, type LoadLimits, type LoadResult } from '../load/index.ts';
import type { HttpMock } from '../runtime/http.ts';
import { httpMockProblems, httpMocksSchema, readHttpMocks, type HttpMockData } from './http-mocks.ts';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { HoursProfile } from '../runtime/hours.ts';
import { clockSchema, hoursSchema, readCalendar, readHoursProfiles, type Calendar, type CalendarProblem } from './hours.ts';
import { foldOutbound, numbersSchema, outboundSchema, outboundWarnings, readNumbers, type NumberAnswerData, type NumberEntry, type OutboundAnswerData } from './numbers.ts';
import { callersSchema, readBackgroundCallers, type BackgroundCaller, type BackgroundCallerData } from './callers.ts';
import { checkAgainstSchema, type PathVocabulary } from './schema-check.ts';
import { readSignals, signalsSchema, type ScenarioSignal, type ScenarioSignalData } from './signals.ts';
import { schemaValidator } from './schema-file.ts';

/**
 * The state an agent starts in. Routing moves agents between LoggedOut,
 * Available, Unavailable and InboundContact; the others (AgentState's
 * LoggedIn, OutboundContact, InboundConsult, OutboundConsult and Dialer) are
 * logged-in states a scenario puts an agent in, and it stays in them until it
 * logs out: the simulation has no dialer, outbound calls or consults.
 */
export type InitialAgentState = 'LoggedOut' | 'LoggedIn' | 'Available' | 'Unavailable' | 'OutboundContact' | 'InboundConsult' | 'OutboundConsult' | 'Dialer';

export const initialAgentStates: readonly InitialAgentState[] = ['LoggedOut', 'LoggedIn', 'Available', 'Unavailable', 'OutboundContact', 'InboundConsult', 'OutboundConsult', 'Dialer'];

export interface AgentSpec {
  id: string;
  state: InitialAgentState;
  skills: string[];
  firstName: string;
  lastName: string;
  /** How long the agent takes to answer an offered contact. */
  answerAfterMs: number;
  /** How long after answering the agent ends the call (the contact is released), unless it ended sooner. */
  hangupAfterMs: number;
  /** When, after answering, the agent puts the call on hold, and for how long. */
  holds: Array<{ afterMs: number; forMs: number }>;
  loginAfterMs?: number;
  logoutAfterMs?: number;
  /** Whether the agent's desktop takes its events from the stream as they come. */
  polls: boolean;
  /** The agent's proficiency in each skill (lower-case name), 1 best to 20 worst; a skill not listed is 1. */
  proficiency?: Record<string, number>;
  /** The specific description of its state (AgentState's ReasonVariable) when not on an inbound contact, e.g. an unavailable code. */
  reason?: string;
  /** As a security user, may join another agent's session (JoinAgentSession's ImpersonateNotEnabled when false). */
  impersonate?: boolean;
  /** As a security user, may end agents' sessions (TerminateAgentSession's OnUnauthorized when false). */
  terminateSessions?: boolean;
}

/** A custom event raised from outside any script (as the HTTP API would), at a virtual time. */
export interface ExternalEvent {
  atMs: number;
  agentId: string;
  eventName: string;
  data: string;
  persistInMemory: boolean;
}

export interface Scenario {
  caller: { ani: string; dnis: string; input: CallerInput[]; hangupAfterMs?: number };
  agents: AgentSpec[];
  variables: Record<string, Value>;
  /** The values the script is started with, p1 first, as a calling script or application passes them. */
  parameters: string[];
  limits: { maxSteps: number; maxMs: number; maxPendingEvents: number; maxValueChars: number };
  events: ExternalEvent[];
  /** Mocks that answer the script's REST calls, in the order they are tried. */
  http: HttpMock[];
  /** The calendar virtual time runs on (clock.startAt in clock.timeZone). */
  calendar: Calendar;
  /** Hours-of-operation profiles by lower-case name (the scenario's `hours` over a shared hours.yaml). */
  hours: Record<string, HoursProfile>;
  /** How outside numbers answer the actions that dial them (Transfer, BlindXfer, Placecall), in the order written. */
  numbers: NumberEntry[];
  /** Other callers of the same script in the same world, in order of arrival. */
  callers: BackgroundCaller[];
  /** Signals sent from outside any script (as the vendor's API sends them), at their times. */
  signals: ScenarioSignal[];
}

/** An hours-of-operation profile as written (in the scenario's `hours` or a shared hours.yaml). */
export interface HoursProfileData {
  timeZone?: string;
  days?: Partial<Record<'Sunday' | 'Monday' | 'Tuesday' | 'Wednesday' | 'Thursday' | 'Friday' | 'Saturday', string[]>>;
  holidays?: Array<{ name?: string; date: string; hours?: string[] }>;
  overrides?: Array<{ branch: 'Weather' | 'Meeting' | 'Emergency' | 'Other'; from?: string; expires?: string }>;
}

/** A key the caller presses, as written in a scenario: "1", "1234#", or with its timing. */
export type CallerInputData = string | number | { digits: string | number; after?: number; ahead?: boolean } | { silence: true };

/**
 * A scenario as written in *.scenario.yaml (and as `simulate()` takes it in
 * code): every key optional, times in seconds. It mirrors the scenario JSON
 * Schema (a test keeps the two in step), so a misspelt key fails to compile.
 */
export interface ScenarioData {
  caller?: { ani?: string | number; dnis?: string | number; input?: CallerInputData[]; hangupAfter?: number };
  agents?: Record<
    string,
    {
      state?: InitialAgentState;
      skills?: string[];
      firstName?: string;
      lastName?: string;
      answerAfter?: number;
      hangupAfter?: number;
      holds?: Array<{ after: number; for: number }>;
      loginAfter?: number;
      logoutAfter?: number;
      polls?: boolean;
      reason?: string;
      impersonate?: boolean;
      terminateSessions?: boolean;
      proficiency?: Record<string, number>;
    }
  >;
  variables?: Record<string, string | number | boolean>;
  parameters?: Array<string | number>;
  events?: Array<{ at: number; agent: string | number; eventName: string; data?: string; persistInMemory?: boolean }>;
  limits?: { maxSteps?: number; maxSeconds?: number; maxPendingEvents?: number; maxValueChars?: number };
  http?: HttpMockData[];
  clock?: { startAt?: string; timeZone?: string };
  hours?: Record<string, HoursProfileData>;
  numbers?: Record<string, NumberAnswerData>;
  /** Deprecated: read as `numbers:` entries, with a warning. */
  outbound?: OutboundAnswerData[];
  signals?: ScenarioSignalData[];
  callers?: Record<string, BackgroundCallerData>;
}

export const scenarioDefaults = {
  ani: '5551234567',
  dnis: '8005550100',
  keyDelaySeconds: 1,
  answerAfterSeconds: 5,
  hangupAfterSeconds: 60,
  maxSteps: 10_000,
  maxSeconds: 3_600,
  maxPendingEvents: 100_000,
  maxValueChars: 1_048_576,
} as const;

const seconds = (description: string, examples: number[]): JsonSchema => ({ type: 'number', minimum: 0, maximum: 31_536_000, description, examples });

/** The scenario JSON Schema (written to schemas/scenario.schema.json). */
export function buildScenarioSchema(): JsonSchema {
  const schema: JsonSchema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'studio-sim scenario',
    description: 'The simulated world a script runs in: the caller, the agents, starting variables and limits. Times are seconds of virtual time from the start of the contact.',
    type: 'object',
    additionalProperties: false,
    properties: {
      caller: {
        type: 'object',
        description: 'The simulated caller.',
        additionalProperties: false,
        properties: {
          ani: { type: ['string', 'integer'], description: 'The caller\'s number (ANI).', default: scenarioDefaults.ani, examples: ['5551234567'] },
          dnis: { type: ['string', 'integer'], description: 'The number dialled (DNIS).', default: scenarioDefaults.dnis, examples: ['8005550100'] },
          input: {
            type: 'array',
            description: 'What the caller enters at each Menu or Capture, in order. A string of keys is pressed 1 s after the action starts; `{ digits, after }` presses after `after` seconds; `{ digits, ahead: true }` typed the keys ahead, during an earlier prompt, so they wait in the digit buffer when the action starts (a Menu or Play with ClearDigits empties it); `{ silence: true }` lets the action time out. Keys an action does not take stay in the buffer for the next one. With no entries left the caller is silent.',
            items: {
              type: ['string', 'integer', 'object'],
              pattern: '^[0-9*#]+$',
              description: 'Keys such as "1" or "1234#", `{ silence: true }`, `{ digits: "1", after: 3 }` or `{ digits: "1234", ahead: true }`.',
              properties: {
                digits: { type: ['string', 'integer'], pattern: '^[0-9*#]+$', description: 'The keys pressed.', examples: ['1', '1234#'] },
                after: seconds('Seconds until the first key.', [3]),
                ahead: { type: 'boolean', description: 'The keys were typed ahead, before the action started, and wait in the digit buffer.', examples: [true] },
                silence: { const: true, description: 'Press nothing: the action times out.' },
              },
              additionalProperties: false,
              examples: ['2', { silence: true }, { digits: '1', after: 3 }, { digits: '1234#', ahead: true }],
            },
            examples: [['2', { silence: true }, { digits: '1', after: 3 }]],
          },
          hangupAfter: seconds('The caller hangs up this many seconds into the contact (OnRelease runs).', [600]),
        },
      },
      agents: {
        type: 'object',
        description: 'Agents by id.',
        propertyNames: { pattern: '^[A-Za-z0-9_.-]+$' },
        additionalProperties: {
          type: 'object',
          additionalProperties: false,
          properties: {
            state: {
              enum: [...initialAgentStates],
              default: 'LoggedOut',
              description:
                'The state at the start. LoggedIn (logged in, no state set yet), OutboundContact, InboundConsult, OutboundConsult and Dialer are logged-in states the agent keeps until it logs out; only an Available agent is offered contacts.',
            },
            skills: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Skills the agent takes contacts for.', examples: [['Support']] },
            proficiency: {
              type: 'object',
              description: 'The agent\'s proficiency in its skills, 1 (best) to 20 (worst), for the proficiency range of UpdateContact; a skill not listed is 1.',
              propertyNames: { minLength: 1 },
              additionalProperties: { type: 'integer', minimum: 1, maximum: 20 },
              examples: [{ Support: 3 }],
            },
            firstName: { type: 'string', description: 'First name (FIRST after OnAnswer).', examples: ['Ann'] },
            lastName: { type: 'string', description: 'Last name (LAST after OnAnswer).', examples: ['Lee'] },
            answerAfter: seconds('Seconds from offer to answer.', [8]),
            hangupAfter: seconds('Seconds after answering when the agent ends the call: the contact is released and the script\'s OnRelease runs.', [120]),
            holds: {
              type: 'array',
              description: 'Times the agent puts an answered call on hold (the script\'s OnHold runs) and takes it back.',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['after', 'for'],
                properties: {
                  after: seconds('Seconds after answering when the agent puts the call on hold.', [20]),
                  for: seconds('Seconds the call stays on hold.', [30]),
                },
              },
              examples: [[{ after: 20, for: 30 }]],
            },
            loginAfter: seconds('Logs in (Available) this many seconds in.', [40]),
            logoutAfter: seconds('Logs out this many seconds in.', [300]),
            polls: { type: 'boolean', default: true, description: 'Whether the agent\'s desktop takes events from its stream as they arrive. false leaves them pending (for a script\'s GetNextEvent, or to see them in the report).' },
            reason: { type: 'string', default: '', description: 'What AgentState\'s ReasonVariable receives for this agent when it is not on an inbound contact (then it is the contact\'s skill), e.g. an unavailable code.', examples: ['Lunch'] },
            impersonate: { type: 'boolean', default: true, description: 'As a security user (SetSecurityUser), may join another agent\'s session; false makes JoinAgentSession take ImpersonateNotEnabled.' },
            terminateSessions: { type: 'boolean', default: true, description: 'As a security user, may end agents\' sessions; false makes TerminateAgentSession take OnUnauthorized.' },
          },
        },
        examples: [{ '1001': { state: 'LoggedOut', loginAfter: 40 }, '2002': { state: 'Available', skills: ['Support'], answerAfter: 8 } }],
      },
      variables: {
        type: 'object',
        description: 'Variables set before Begin, overriding the script\'s starting values.',
        propertyNames: { pattern: variableNamePattern },
        additionalProperties: { type: ['string', 'number', 'boolean'] },
        examples: [{ VipCaller: 'yes' }],
      },
      parameters: {
        type: 'array',
        maxItems: 9,
        items: { type: ['string', 'number'] },
        description: 'The values the script is started with, p1 to p9 in order, as a calling script or application passes them; Begin\'s Parameters renames them.',
        examples: [['123456', 'en']],
      },
      events: {
        type: 'array',
        description: 'Custom events raised from outside the script (as with the custom-event HTTP API) at given times.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['at', 'agent', 'eventName'],
          properties: {
            at: seconds('When, in seconds.', [30]),
            agent: { type: ['string', 'integer'], description: 'The target agent.', examples: ['1001'] },
            eventName: { type: 'string', minLength: 1, description: 'The event name.', examples: ['Supervisor_Note'] },
            data: { type: 'string', description: 'The payload.', default: '', examples: ['call back later'] },
            persistInMemory: { type: 'boolean', default: false, description: 'Keep it for a logged-out agent.' },
          },
        },
      },
      http: httpMocksSchema(),
      clock: clockSchema,
      hours: hoursSchema,
      numbers: numbersSchema(),
      outbound: outboundSchema(),
      signals: signalsSchema(),
      limits: {
        type: 'object',
        additionalProperties: false,
        description: 'Budgets that stop runaway scripts.',
        properties: {
          maxSteps: { type: 'integer', minimum: 1, maximum: 10_000_000, default: scenarioDefaults.maxSteps, description: 'Most actions one contact may run.', examples: [10000] },
          maxSeconds: { type: 'number', minimum: 1, maximum: 31_536_000, default: scenarioDefaults.maxSeconds, description: 'Most virtual seconds a run may last.', examples: [3600] },
          maxPendingEvents: { type: 'integer', minimum: 1, maximum: 100_000_000, default: scenarioDefaults.maxPendingEvents, description: 'Most undelivered events one agent may hold; a new custom event beyond it is refused.', examples: [100000] },
          maxValueChars: { type: 'integer', minimum: 1, maximum: 100_000_000, default: scenarioDefaults.maxValueChars, description: 'Longest text a template or expression may build; a longer one fails the contact with ValueLimit.', examples: [1048576] },
        },
      },
    },
  };
  const properties = schema.properties as Record<string, JsonSchema>;
  properties['callers'] = callersSchema(properties['caller'] as JsonSchema, properties['variables'] as JsonSchema, properties['parameters'] as JsonSchema);
  return schema;
}

const scenarioVocabulary: PathVocabulary = {
  describe: (path) => (path.length === 0 ? 'The scenario' : formatPath(path)),
  keyKind: (parent) =>
    parent[0] === 'agents' && parent.length === 2 ? { noun: 'agent setting', unknown: 'unknown-key', missing: 'missing-key' } : { noun: 'key', unknown: 'unknown-key', missing: 'missing-key' },
  badKeyName: (parent) =>
    parent[0] === 'variables'
      ? { code: 'invalid-variable-name', noun: 'variable name', hint: 'Variable names use letters, digits, `_` and `$`, and do not start with a digit.' }
      : parent[0] === 'callers' && parent.length === 1
        ? { code: 'invalid-key', noun: 'caller name', hint: 'Name a caller with letters, digits, `_`, `.` and `-`; `caller` is the scenario\'s own caller (its `caller:` section).' }
        : parent[0] === 'numbers'
        ? { code: 'invalid-key', noun: 'phone number', hint: 'Write the number as dialled: digits, with +, spaces, dots, dashes or parentheses if you like; `*` stands for any run of digits ("1800*").' }
        : parent[0] === 'hours'
          ? { code: 'invalid-key', noun: 'profile name', hint: 'Name the profile as the Hours action\'s Profile does.' }
          : { code: 'invalid-key', noun: 'agent id', hint: 'Agent ids use letters, digits, `_`, `.` and `-`.' },
};

const text = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : fallback);
const ms = (value: unknown): number | undefined => (typeof value === 'number' ? Math.round(value * 1000) : undefined);

/** A caller's keys (the scenario's `caller:`, or one of its `callers:`) as written at `path`. */
function readCaller(caller: Record<string, unknown>, document: LoadedDocument | undefined, diagnostics: Diagnostic[], path: PathSegment[], shown: string): { ani?: string; dnis?: string; input: CallerInput[]; hangupAfterMs?: number } {
  const input: CallerInput[] = [];
  const entries = Array.isArray(caller['input']) ? caller['input'] : [];
  entries.forEach((entry: unknown, index) => {
    if (typeof entry === 'string' || typeof entry === 'number') {
      input.push({ kind: 'digits', digits: String(entry), afterMs: scenarioDefaults.keyDelaySeconds * 1000 });
    } else if (entry && typeof entry === 'object') {
      const record = entry as Record<string, unknown>;
      if (record['silence'] === true && record['digits'] === undefined) input.push({ kind: 'silence' });
      else if (record['digits'] !== undefined && record['silence'] === undefined) {
        input.push({ kind: 'digits', digits: text(record['digits']), afterMs: ms(record['after']) ?? scenarioDefaults.keyDelaySeconds * 1000, ...(record['ahead'] === true ? { ahead: true } : {}) });
      } else if (document) {
        diagnostics.push(diagnosticAt(document, [...path, 'input', index], 'value', {
          code: 'invalid-value',
          severity: 'error',
          message: `${shown}.input[${index}] must have either digits or silence: true`,
          hint: 'Write "1", { digits: "1", after: 3 } or { silence: true }.',
        }));
      }
    }
  });
  const read: { ani?: string; dnis?: string; input: CallerInput[]; hangupAfterMs?: number } = { input };
  if (caller['ani'] !== undefined) read.ani = text(caller['ani']);
  if (caller['dnis'] !== undefined) read.dnis = text(caller['dnis']);
  const hangup = ms(caller['hangupAfter']);
  if (hangup !== undefined) read.hangupAfterMs = hangup;
  return read;
}

/**
 * Reads scenario data (already checked against the schema) into a Scenario
 * with defaults. `at` is where the data sits in its document, for diagnostics
 * about a scenario embedded in a test file.
 */
export function readScenario(data: Record<string, unknown>, document: LoadedDocument | undefined, diagnostics: Diagnostic[], at: PathSegment[] = []): Scenario {
  const caller = (data['caller'] ?? {}) as Record<string, unknown>;
  const { input } = readCaller(caller, document, diagnostics, [...at, 'caller'], 'caller');
  const agents: AgentSpec[] = [];
  for (const [id, raw] of Object.entries((data['agents'] ?? {}) as Record<string, Record<string, unknown>>)) {
    const agent: AgentSpec = {
      id,
      state: (raw['state'] as InitialAgentState | undefined) ?? 'LoggedOut',
      skills: Array.isArray(raw['skills']) ? raw['skills'].map(String) : [],
      firstName: text(raw['firstName']),
      lastName: text(raw['lastName']),
      answerAfterMs: ms(raw['answerAfter']) ?? scenarioDefaults.answerAfterSeconds * 1000,
      hangupAfterMs: ms(raw['hangupAfter']) ?? scenarioDefaults.hangupAfterSeconds * 1000,
      holds: (Array.isArray(raw['holds']) ? (raw['holds'] as Array<Record<string, unknown>>) : []).map((hold) => ({ afterMs: ms(hold['after']) ?? 0, forMs: ms(hold['for']) ?? 0 })),
      polls: raw['polls'] !== false,
      reason: text(raw['reason']),
      impersonate: raw['impersonate'] !== false,
      terminateSessions: raw['terminateSessions'] !== false,
    };
    if (isRecord(raw['proficiency'])) agent.proficiency = Object.fromEntries(Object.entries(raw['proficiency'] as Record<string, number>).map(([skill, level]) => [skill.toLowerCase(), level]));
    const login = ms(raw['loginAfter']);
    const logout = ms(raw['logoutAfter']);
    if (login !== undefined) agent.loginAfterMs = login;
    if (logout !== undefined) agent.logoutAfterMs = logout;
    agents.push(agent);
  }
  const variables: Record<string, Value> = Object.create(null);
  for (const [name, value] of Object.entries((data['variables'] ?? {}) as Record<string, Value>)) variables[name] = value;
  const limits = (data['limits'] ?? {}) as Record<string, unknown>;
  const events = (Array.isArray(data['events']) ? data['events'] : []).map((raw: Record<string, unknown>) => ({
    atMs: ms(raw['at']) ?? 0,
    agentId: text(raw['agent']),
    eventName: text(raw['eventName']),
    data: text(raw['data']),
    persistInMemory: raw['persistInMemory'] === true,
  }));
  const scenario: Scenario = {
    caller: { ani: text(caller['ani'], scenarioDefaults.ani), dnis: text(caller['dnis'], scenarioDefaults.dnis), input },
    agents,
    variables,
    parameters: (Array.isArray(data['parameters']) ? (data['parameters'] as unknown[]) : []).map((value) => text(value)),
    limits: {
      maxSteps: typeof limits['maxSteps'] === 'number' ? limits['maxSteps'] : scenarioDefaults.maxSteps,
      maxMs: ms(limits['maxSeconds']) ?? scenarioDefaults.maxSeconds * 1000,
      maxPendingEvents: typeof limits['maxPendingEvents'] === 'number' ? limits['maxPendingEvents'] : scenarioDefaults.maxPendingEvents,
      maxValueChars: typeof limits['maxValueChars'] === 'number' ? limits['maxValueChars'] : scenarioDefaults.maxValueChars,
    },
    events,
    http: readHttpMocks(data['http']),
    calendar: readCalendar(undefined, []),
    hours: Object.create(null) as Record<string, HoursProfile>,
    numbers: readNumbers(foldOutbound(data)['numbers']),
    callers: [],
    signals: readSignals(data['signals']),
  };
  if (document) {
    for (const problem of httpMockProblems(data['http'])) {
      diagnostics.push(diagnosticAt(document, [...at, ...problem.path], 'key', { code: 'invalid-value', severity: 'error', message: problem.message, hint: problem.hint }));
    }
  }
  const problems: CalendarProblem[] = [];
  scenario.calendar = readCalendar(data['clock'], problems);
  for (const [key, profile] of readHoursProfiles(data['hours'], scenario.calendar.timeZone, problems)) scenario.hours[key] = profile;
  if (document) for (const problem of problems) diagnostics.push(diagnosticAt(document, [...at, ...problem.path], 'value', { code: problem.code, severity: 'error', message: problem.message, hint: problem.hint }));
  const hangup = ms(caller['hangupAfter']);
  if (hangup !== undefined) scenario.caller.hangupAfterMs = hangup;
  scenario.callers = readBackgroundCallers(data['callers'], { ani: scenario.caller.ani, dnis: scenario.caller.dnis, variables, parameters: scenario.parameters }, (raw, path) => readCaller(raw, document, diagnostics, path, formatPath(path.slice(at.length))), at);
  return scenario;
}

type Data = Record<string, unknown>;
const isRecord = (value: unknown): value is Data => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Scenario data with `override` laid over `base`: caller, limits and
 * variables merge key by key, agents merge by id (and each agent key by key),
 * lists (input, skills, events) are replaced whole.
 */
export function mergeScenarioData(base: Data, override: Data): Data {
  // `outbound:` is read as `numbers:` on each side first, so a case's number replaces the scenario's whatever the section.
  const merged: Data = { ...foldOutbound(base) };
  for (const [key, value] of Object.entries(foldOutbound(override))) {
    const existing = merged[key];
    if (key === 'agents' && isRecord(existing) && isRecord(value)) {
      const agents: Data = { ...existing };
      for (const [id, agent] of Object.entries(value)) agents[id] = isRecord(agents[id]) && isRecord(agent) ? { ...(agents[id] as Data), ...agent } : agent;
      merged[key] = agents;
    } else if (isRecord(existing) && isRecord(value)) {
      merged[key] = { ...existing, ...value };
    } else {
      merged[key] = value;
    }
  }
  return merged;
}

/**
 * Warnings about scenario data as written in `document` at `at` (the
 * former `outbound:` list), added to `diagnostics`.
 */
export function reportScenarioWarnings(document: LoadedDocument, data: unknown, at: PathSegment[], diagnostics: Diagnostic[]): void {
  for (const warning of outboundWarnings(data, at)) {
    diagnostics.push(diagnosticAt(document, warning.path, 'key', { code: 'outbound-in-numbers', severity: 'warning', message: warning.message, hint: warning.hint }));
  }
}

/** The scenario used when none is given: a silent caller and no agents. */
export function emptyScenario(): Scenario {
  return readScenario({}, undefined, []);
}

export interface ScenarioResult {
  scenario?: Scenario;
  /** The scenario as written, for laying another over it. */
  data?: Record<string, unknown>;
  diagnostics: Diagnostic[];
  text?: string;
  /** The file `text` is of, when not the scenario's own (a broken hours.yaml beside it). */
  textFile?: string;
}

/** The file of hours-of-operation profiles a folder's scenarios share. */
export const sharedHoursFile = 'hours.yaml';

/** A shared hours.yaml read and checked: its profiles as data, or the diagnostics that say why not. */
export function readSharedHours(path: string, limits: Partial<LoadLimits> = {}, file = path): SharedHours {
  const loaded = loadYamlFile(path, limits, file);
  const text = loaded.text === undefined ? {} : { text: loaded.text };
  if (!loaded.document) return { diagnostics: loaded.diagnostics, ...text };
  const diagnostics = [...loaded.diagnostics, ...checkAgainstSchema(loaded.document, schemaValidator('hours.schema.json'), hoursVocabulary)];
  if (!hasErrors(diagnostics)) {
    const problems: CalendarProblem[] = [];
    readHoursProfiles(loaded.document.data, 'UTC', problems, []);
    for (const problem of problems) diagnostics.push(diagnosticAt(loaded.document, problem.path, 'value', { code: problem.code, severity: 'error', message: problem.message, hint: problem.hint }));
  }
  return hasErrors(diagnostics) ? { diagnostics, ...text } : { data: loaded.document.data, diagnostics };
}

export interface SharedHours {
  data?: Record<string, unknown>;
  diagnostics: Diagnostic[];
  /** The file's text, for code frames of its problems. */
  text?: string;
}

const hoursVocabulary: PathVocabulary = {
  describe: (path) => (path.length === 0 ? 'The hours file' : formatPath(path)),
  keyKind: () => ({ noun: 'key', unknown: 'unknown-key', missing: 'missing-key' }),
  badKeyName: () => ({ code: 'invalid-key', noun: 'profile name', hint: 'Name the profile as the Hours action\'s Profile does.' }),
};

/**
 * Checks a loaded scenario and reads it. `shared` holds the profiles of an
 * hours.yaml beside it: they are laid under the scenario's own `hours`.
 */
export function validateScenarioLoaded(loaded: LoadResult, shared?: SharedHours): ScenarioResult {
  // A broken hours.yaml is reported on its own, with its own text for the code frames.
  if (shared && hasErrors(shared.diagnostics)) {
    const file = shared.diagnostics[0]?.file;
    return { diagnostics: shared.diagnostics, ...(shared.text === undefined ? {} : { text: shared.text }), ...(file === undefined ? {} : { textFile: file }) };
  }
  const withText = (result: ScenarioResult): ScenarioResult => (loaded.text === undefined ? result : { ...result, text: loaded.text });
  if (!loaded.document) return withText({ diagnostics: loaded.diagnostics });
  const diagnostics = [...loaded.diagnostics, ...(shared?.diagnostics ?? []), ...checkAgainstSchema(loaded.document, schemaValidator('scenario.schema.json'), scenarioVocabulary)];
  let data = loaded.document.data;
  if (shared?.data) data = { ...data, hours: { ...shared.data, ...(isRecord(data['hours']) ? data['hours'] : {}) } };
  reportScenarioWarnings(loaded.document, loaded.document.data, [], diagnostics);
  const scenario = hasErrors(diagnostics) ? undefined : readScenario(data, loaded.document, diagnostics);
  const sorted = sortDiagnostics(diagnostics);
  return withText(scenario && !hasErrors(sorted) ? { scenario, data, diagnostics: sorted } : { diagnostics: sorted });
}

/** A scenario file, with the profiles of an hours.yaml in its folder. */
export function validateScenarioFile(path: string, limits: Partial<LoadLimits> = {}, file = path): ScenarioResult {
  const hoursPath = join(dirname(path), sharedHoursFile);
  const shared = existsSync(hoursPath) ? readSharedHours(hoursPath, limits, join(dirname(file), sharedHoursFile)) : undefined;
  return validateScenarioLoaded(loadYamlFile(path, limits, file), shared);
}

/**
 * The scenario of a script that has no scenario file: the defaults, with the
 * profiles of an hours.yaml beside the script; undefined when there is none.
 */
export function validateScriptFolderHours(scriptPath: string, limits: Partial<LoadLimits> = {}, scriptFile = scriptPath): ScenarioResult | undefined {
  const hoursPath = join(dirname(scriptPath), sharedHoursFile);
  if (!existsSync(hoursPath)) return undefined;
  return validateScenarioLoaded(loadYamlText('{}', 'scenario', limits), readSharedHours(hoursPath, limits, join(dirname(scriptFile), sharedHoursFile)));
}

export function validateScenarioText(text: string, file = 'scenario.yaml', limits: Partial<LoadLimits> = {}): ScenarioResult {
  return validateScenarioLoaded(loadYamlText(text, file, limits));
}

/**
 * A scenario given as data in code or JSON (a server request, a test), not a
 * file: checked against the schema, with the problems as `path message`
 * lines when it does not fit (positions mean nothing here).
 */
export function scenarioFromData(data: Record<string, unknown>): { scenario: Scenario } | { problems: string[] } {
  const validate = schemaValidator('scenario.schema.json');
  if (!validate(data)) {
    return {
      problems: (validate.errors ?? [])
        .filter((e) => e.keyword !== 'if')
        .map((e) => `${e.instancePath || '/'} ${e.message ?? 'is not valid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params['additionalProperty'])})` : ''}`),
    };
  }
  const mockProblems = httpMockProblems(data['http']).map((p) => `/${p.path.join('/')} ${p.message}`);
  if (mockProblems.length > 0) return { problems: mockProblems };
  const problems: CalendarProblem[] = [];
  readHoursProfiles(data['hours'], readCalendar(data['clock'], problems).timeZone, problems);
  if (problems.length > 0) return { problems: problems.map((p) => `/${p.path.join('/')} ${p.message}`) };
  return { scenario: readScenario(data, undefined, []) };
}
