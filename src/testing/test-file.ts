import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { stepPlace, type RunReport } from '../runtime/report.ts';
import { actionDefinition, type JsonSchema, type ScriptAction } from '../actions/index.ts';
import { type Diagnostic, hasErrors, type PathSegment, sortDiagnostics } from '../diagnostics/diagnostic.ts';
import { closest } from '../diagnostics/suggest.ts';
import { diagnosticAt, linePosition, loadYamlFile, loadYamlText, offsetOf, type LoadedDocument, type LoadLimits, type LoadResult } from '../load/index.ts';
import { checkAgainstSchema, plainVocabulary } from '../validate/schema-check.ts';
import { schemaValidator } from '../validate/schema-file.ts';
import { buildScenarioSchema, mergeScenarioData, readScenario, reportScenarioWarnings, validateScenarioFile, validateScriptFolderHours, type Scenario } from '../validate/scenario.ts';
import type { Script } from '../validate/index.ts';
import { validateScriptFile } from '../validate/index.ts';
import { runReasons } from '../runtime/report.ts';
import { httpMethods } from '../runtime/http.ts';
import { parseVariablePath } from './variable-path.ts';
import { resolveScriptName } from '../load/script-names.ts';
import { mainCallerName } from '../validate/callers.ts';

/** What a case expects of its run; every key is optional. */
export interface Expectations {
  outcome?: 'ended' | 'failed';
  reason?: string;
  path?: string[];
  visits?: string[];
  notVisits?: string[];
  branches?: Record<string, string>;
  customEvents?: Array<Record<string, unknown>>;
  requests?: RequestExpectation[];
  agents?: Record<string, { state?: string; received?: Array<Record<string, unknown>>; pending?: Array<Record<string, unknown>> }>;
  /** Values at the end, keyed by variable or path (`names[2]`, `caller.address.city`); a mapping checks members, a list every element. */
  variables?: Record<string, unknown>;
  transfer?: { type?: 'Transfer' | 'BlindXfer'; destination?: string; callerId?: string; action?: string };
  elapsedMs?: number | { min?: number; max?: number };
  /** Contacts Spawn started, in the order they were spawned (others may come between), each with what its own run must show. */
  spawned?: SpawnedExpectation[];
  /** The callers agents answered, by name (`caller` for the scenario's own), in the order they were answered. */
  answerOrder?: string[];
  /** Fields of callers in the report's `callers`, by name: each given field must match. */
  callers?: Record<string, { contactId?: string; arrivedAt?: number; queuedAt?: number; answeredAt?: number; agentId?: string; reason?: string; endedAt?: number }>;
}

/** What a spawned contact's own run must show; `script` (and `action`) pick the contact, the rest is checked against it. */
export interface SpawnedExpectation {
  /** The spawned script: its file name without .yaml as Spawn's ScriptName gives it (`Helper`, `sub/Helper`), or its `name:`. */
  script?: string;
  /** The Spawn action that started it. */
  action?: string;
  reason?: string;
  path?: string[];
  visits?: string[];
  notVisits?: string[];
  branches?: Record<string, string>;
  variables?: Record<string, unknown>;
}

/** A REST call a case expects: fields the request must have, and optionally how many such requests there were. */
export interface RequestExpectation {
  method?: string;
  /** A URL pattern, as a mock's: `*` is any run of characters; without `?` the query string is not compared. */
  url?: string;
  /** The body as text, or as JSON (compared with the body parsed). */
  body?: unknown;
  action?: string;
  via?: 'RestApi' | 'MakeRestRequest';
  status?: number;
  attempts?: number;
  outcome?: string;
  /** Exactly this many requests match the other fields (then the entry is not part of the in-order check). */
  count?: number;
}

export interface TestCase {
  name: string;
  /** 1-based line of the case in its file. */
  line: number;
  /** Where the case sits in the file, for positions of its expectations. */
  path: PathSegment[];
  scenario: Scenario;
  expect: Expectations;
}

export interface TestSuite {
  file: string;
  scriptFile: string;
  /** Where the script is on disk (the scripts it spawns are looked for beside it). */
  scriptPath?: string;
  /** The scenario data every case starts from (the file's `scenario`, read if it is a path). */
  baseScenario: Record<string, unknown>;
  script: Script;
  cases: TestCase[];
  document: LoadedDocument;
  /** 1-based line of a node in the test file (for failures). */
  lineOf(path: readonly PathSegment[]): number;
}

export interface SuiteResult {
  suite?: TestSuite;
  diagnostics: Diagnostic[];
  /** Texts of the files the diagnostics are in, for code frames. */
  texts: Map<string, string>;
}

const partialEvent: JsonSchema = {
  type: 'object',
  description: 'Fields the event must have (others are ignored).',
  additionalProperties: { type: ['string', 'number', 'boolean'] },
  examples: [{ eventName: 'CallerChoice', data: 'pressed 1' }],
};
const actionList = (description: string): JsonSchema => ({ type: 'array', items: { type: 'string', minLength: 1 }, description, examples: [['main_menu', 'notify']] });

/** The test file JSON Schema (written to schemas/test.schema.json). */
export function buildTestSchema(): JsonSchema {
  const { $schema: _schema, title: _title, ...scenario } = buildScenarioSchema();
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'studio-sim test file',
    description: 'Test cases for one script: a scenario and what the run must show.',
    type: 'object',
    additionalProperties: false,
    required: ['script', 'cases'],
    properties: {
      script: { type: 'string', minLength: 1, description: 'The script under test, relative to this file.', examples: ['custom-event-sample.yaml'] },
      scenario: {
        description: 'The scenario every case starts from: a *.scenario.yaml path relative to this file, or the scenario itself. Each case\'s own scenario is laid over it.',
        type: ['string', 'object'],
        minLength: 1,
        properties: scenario.properties ?? {},
        additionalProperties: false,
      },
      cases: {
        type: 'array',
        minItems: 1,
        description: 'The cases, each run as one contact.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'expect'],
          properties: {
            name: { type: 'string', minLength: 1, description: 'What the case shows.', examples: ['caller presses 1 while the supervisor is logged out'] },
            scenario: { ...scenario, description: 'This case\'s scenario, laid over the file\'s: caller, limits and variables merge key by key, agents by id; lists are replaced.' },
            expect: {
              type: 'object',
              additionalProperties: false,
              description: 'What the run must show. Lists of events match in order, with other events allowed between.',
              properties: {
                outcome: { enum: ['ended', 'failed'], description: 'ended, or failed when a budget ran out.' },
                reason: { enum: [...runReasons], description: 'Why the contact ended.' },
                path: actionList('Exactly the actions run, in order.'),
                visits: actionList('Actions run in this order; others may come between.'),
                notVisits: actionList('Actions that must not run.'),
                branches: {
                  type: 'object',
                  description: 'Action id to a branch it took at least once (the wired branch, or the outcome that fell back to Default).',
                  additionalProperties: { type: 'string', minLength: 1 },
                  examples: [{ notify_supervisor: 'OnAgentNotConnected' }],
                },
                requests: {
                  type: 'array',
                  description: 'REST calls the contact made (RestApi and GetRESTProxy), in order, others allowed between; an entry with count is instead the exact number of requests matching it.',
                  items: {
                    type: 'object',
                    additionalProperties: false,
                    properties: {
                      method: { enum: [...httpMethods], description: 'The HTTP method.' },
                      url: { type: 'string', minLength: 1, description: 'The URL, as a pattern: `*` is any run of characters; without `?` the query string is not compared.', examples: ['https://api.example.com/customers/*'] },
                      body: { description: 'The request body: text compared exactly, or a JSON value compared with the body parsed.', examples: [{ accountId: '9123' }] },
                      action: { type: 'string', minLength: 1, description: 'The id of the action that made it.' },
                      via: { enum: ['RestApi', 'MakeRestRequest'], description: 'The RestApi action, or GetRESTProxy().MakeRestRequest in a Snippet.' },
                      status: { type: 'integer', description: 'The final HTTP status.' },
                      attempts: { type: 'integer', minimum: 1, description: 'Tries made (the RestApi action retries a failure twice).' },
                      outcome: { enum: ['ok', 'httpError', 'timeout', 'failed', 'tooLarge', 'notJson', 'xml', 'unmatched'], description: 'How it ended.' },
                      count: { type: 'integer', minimum: 0, description: 'Exactly this many requests match the other fields (0: none did).' },
                    },
                  },
                  examples: [[{ method: 'GET', url: 'https://api.example.com/customers/*', status: 200 }, { method: 'POST', count: 0 }]],
                },
                customEvents: { type: 'array', items: partialEvent, description: 'Custom events sent, in order (fields: action, agentId, eventName, data, persistInMemory, delivery, replaced, at).', examples: [[{ eventName: 'CallerChoice', delivery: 'persisted' }]] },
                agents: {
                  type: 'object',
                  description: 'Per agent: its state at the end, events it received and events still pending.',
                  additionalProperties: {
                    type: 'object',
                    additionalProperties: false,
                    properties: {
                      state: { enum: ['LoggedOut', 'LoggedIn', 'Available', 'Unavailable', 'InboundContact', 'OutboundContact', 'InboundConsult', 'OutboundConsult', 'Dialer'], description: 'The state at the end.' },
                      received: { type: 'array', items: partialEvent, description: 'Events its polls got, in order.' },
                      pending: { type: 'array', items: partialEvent, description: 'Undelivered events, in order.' },
                    },
                  },
                },
                variables: {
                  type: 'object',
                  description: 'Variable values at the end, compared as text; variable names without case. A key may go into a value: `names[2]` (arrays count from 1), `caller.address.city` (member names are case-sensitive). A mapping as the value checks those members of a dynamic object (others may exist); a list checks the array\'s count and every element.',
                  additionalProperties: { type: ['string', 'number', 'boolean', 'object', 'array'] },
                  examples: [{ DigitsEntered: '1' }, { 'names[2]': 'Bob', 'caller.address.city': 'Paris' }, { caller: { address: { city: 'Paris' } }, names: ['Ann', 'Bob'] }],
                },
                transfer: {
                  type: 'object',
                  description: 'Where the call went (a Transfer answered, a BlindXfer): the fields given must match.',
                  additionalProperties: false,
                  properties: {
                    type: { enum: ['Transfer', 'BlindXfer'] },
                    destination: { type: 'string', description: 'The number as the script dialled it.' },
                    callerId: { type: 'string', description: 'What the destination sees: Transfer\'s CallerID, or the caller\'s ANI for BlindXfer.' },
                    action: { type: 'string', description: 'The action that transferred the call.' },
                  },
                  examples: [{ type: 'BlindXfer', destination: '18005550123' }],
                },
                spawned: {
                  type: 'array',
                  description:
                    'Contacts a Spawn started, in the order they were spawned, others allowed between. `script` (and `action`, the Spawn that started it) pick the contact; `reason`, `path`, `visits`, `notVisits`, `branches` and `variables` are checked against its own run, as for the contact itself (action ids are the spawned script\'s).',
                  items: {
                    type: 'object',
                    additionalProperties: false,
                    properties: {
                      script: { type: 'string', minLength: 1, description: 'The spawned script as Spawn names it (Helper, sub/Helper), or its name:.', examples: ['CallTechnician'] },
                      action: { type: 'string', minLength: 1, description: 'The id of the Spawn action that started it.', examples: ['call_first'] },
                      reason: { enum: [...runReasons], description: 'Why the spawned contact ended.' },
                      path: actionList('Exactly the actions the spawned contact ran, in order.'),
                      visits: actionList('Actions it ran in this order; others may come between.'),
                      notVisits: actionList('Actions it must not run.'),
                      branches: { type: 'object', description: 'Action id (of the spawned script) to a branch it took at least once.', additionalProperties: { type: 'string', minLength: 1 }, examples: [{ dial: 'LivePerson' }] },
                      variables: { type: 'object', description: 'Its variable values at its end, as `variables` for the contact itself.', additionalProperties: { type: ['string', 'number', 'boolean', 'object', 'array'] }, examples: [{ Result: 'TechFound' }] },
                    },
                  },
                  examples: [[{ script: 'CallTechnician', path: ['begin', 'dial', 'tell_caller', 'done'], variables: { Told: 'yes' } }]],
                },
                answerOrder: {
                  type: 'array',
                  items: { type: 'string', minLength: 1 },
                  description: 'The callers agents answered, in the order they were answered: `caller` for the scenario\'s own, else a name under the scenario\'s `callers:`. Every answered caller is listed; one never answered is not.',
                  examples: [['Vic', 'caller', 'Ann']],
                },
                callers: {
                  type: 'object',
                  description: 'What the run report\'s `callers` says of each caller named (`caller` for the scenario\'s own): the fields given must match.',
                  additionalProperties: {
                    type: 'object',
                    additionalProperties: false,
                    properties: {
                      contactId: { type: 'string' },
                      arrivedAt: { type: 'number', minimum: 0, description: 'Virtual milliseconds when it called.' },
                      queuedAt: { type: 'number', minimum: 0, description: 'When a Reqagent first queued it.' },
                      answeredAt: { type: 'number', minimum: 0, description: 'When an agent answered it.' },
                      agentId: { type: 'string', description: 'The agent who answered it.' },
                      reason: { enum: [...runReasons], description: 'How its contact ended.' },
                      endedAt: { type: 'number', minimum: 0 },
                    },
                  },
                  examples: [{ Vic: { agentId: '2002', answeredAt: 301000 } }],
                },
                elapsedMs: {
                  type: ['number', 'object'],
                  minimum: 0,
                  description: 'Virtual milliseconds the contact lasted: a number, or { min, max }.',
                  properties: { min: { type: 'number', minimum: 0 }, max: { type: 'number', minimum: 0 } },
                  additionalProperties: false,
                  examples: [48000, { max: 60000 }],
                },
              },
            },
          },
        },
      },
    },
  };
}

type Data = Record<string, unknown>;

/**
 * The actions a test file may name: the script's by id, and those of each
 * script it calls (Runsub, RunScript) as `<file name>:<id>`, as the trace names them.
 */
function namedActions(script: Script): Map<string, ScriptAction> {
  const named = new Map<string, ScriptAction>(script.actions);
  const seen = new Set<Script>([script]);
  const pending = [...(script.calls?.values() ?? [])];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (seen.has(next)) continue;
    seen.add(next);
    for (const [id, action] of next.actions) named.set(stepPlace({ action: id, script: next.source.file }), action);
    pending.push(...(next.calls?.values() ?? []));
  }
  return named;
}

/** Checks expectations name actions and branches the script has. */
function checkNames(document: LoadedDocument, script: Script, cases: Data[], diagnostics: Diagnostic[], location: { path: string; file: string; limits: Partial<LoadLimits> }): void {
  const actions = namedActions(script);
  const ids = [...actions.keys()];
  // A subscript's action named by its bare id is the likeliest slip: suggest its `<file name>:<id>`.
  const suggestion = (id: string) => ids.find((named) => named.endsWith(`:${id}`)) ?? closest(id, ids);
  const unknownAction = (path: PathSegment[], id: string) =>
    diagnostics.push(
      diagnosticAt(document, path, 'value', {
        code: 'unknown-action',
        severity: 'error',
        message: `The script has no action "${id}"${suggestion(id) ? `; did you mean "${suggestion(id)}"?` : ''}`,
        hint: `Use an action id of ${script.source.file}.`,
      }),
    );
  cases.forEach((testCase, index) => {
    const expect = (testCase['expect'] ?? {}) as Data;
    for (const key of ['path', 'visits', 'notVisits']) {
      const list = expect[key];
      if (!Array.isArray(list)) continue;
      list.forEach((id, i) => {
        if (typeof id === 'string' && !actions.has(id)) unknownAction(['cases', index, 'expect', key, i], id);
      });
    }
    for (const [id, branch] of Object.entries((expect['branches'] ?? {}) as Data)) {
      const action = actions.get(id);
      if (!action) {
        diagnostics.push(diagnosticAt(document, ['cases', index, 'expect', 'branches', id], 'key', { code: 'unknown-action', severity: 'error', message: `The script has no action "${id}"${suggestion(id) ? `; did you mean "${suggestion(id)}"?` : ''}`, hint: `Use an action id of ${script.source.file}.` }));
        continue;
      }
      const definition = actionDefinition(action.type);
      // A value branch (Menu "1", a Case value) is taken only when it is wired: an unwired key falls to OnInvalid or Default.
      const names = [...(definition?.branches.map((b) => b.name) ?? []), ...Object.keys(action.branches)];
      if (typeof branch === 'string' && !names.includes(branch)) {
        diagnostics.push(
          diagnosticAt(document, ['cases', index, 'expect', 'branches', id], 'value', {
            code: 'unknown-branch',
            severity: 'error',
            message: `${action.type} "${id}" has no branch "${branch}"${closest(branch, names) ? `; did you mean "${closest(branch, names)}"?` : ''}`,
            hint: `${action.type} branches: ${[...new Set(names)].join(', ')}${definition?.valueBranches ? ' (a value not wired here is never the branch taken)' : ''}.`,
          }),
        );
      }
    }
    const requests = expect['requests'];
    if (Array.isArray(requests)) {
      requests.forEach((request: unknown, i) => {
        const action = request !== null && typeof request === 'object' ? (request as Data)['action'] : undefined;
        if (typeof action === 'string' && !actions.has(action)) unknownAction(['cases', index, 'expect', 'requests', i, 'action'], action);
      });
    }
    const spawned = expect['spawned'];
    if (Array.isArray(spawned)) {
      spawned.forEach((entry: unknown, i) => {
        if (entry === null || typeof entry !== 'object') return;
        const fields = entry as Data;
        const at: PathSegment[] = ['cases', index, 'expect', 'spawned', i];
        const action = fields['action'];
        if (typeof action === 'string') {
          const spawn = actions.get(action);
          if (!spawn) unknownAction([...at, 'action'], action);
          else if (spawn.type !== 'Spawn') diagnostics.push(diagnosticAt(document, [...at, 'action'], 'value', { code: 'invalid-value', severity: 'error', message: `"${action}" is a ${spawn.type}, not a Spawn: no contact is spawned there`, hint: `Name one of the script's Spawn actions: ${[...actions.values()].filter((a) => a.type === 'Spawn').map((a) => a.id).join(', ') || 'it has none'}.` }));
        }
        const name = fields['script'];
        if (typeof name === 'string') checkSpawnedNames(document, at, name, fields, location, diagnostics);
        checkVariablePaths(document, [...at, 'variables'], fields['variables'], diagnostics);
      });
    }
    checkVariablePaths(document, ['cases', index, 'expect', 'variables'], expect['variables'], diagnostics);
    const events = expect['customEvents'];
    if (Array.isArray(events)) {
      events.forEach((event: unknown, i) => {
        if (event === null || typeof event !== 'object') return;
        const fields = event as Data;
        const delivery = fields['delivery'];
        if (typeof delivery === 'string' && !Object.prototype.hasOwnProperty.call(deliveries, delivery)) {
          const suggestion = closest(delivery, Object.keys(deliveries));
          diagnostics.push(
            diagnosticAt(document, ['cases', index, 'expect', 'customEvents', i, 'delivery'], 'value', {
              code: 'invalid-value',
              severity: 'error',
              message: `A custom event's delivery is never "${delivery}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
              hint: `Deliveries: ${Object.keys(deliveries).join(', ')}.`,
            }),
          );
        }
        const action = fields['action'];
        if (typeof action === 'string' && !actions.has(action)) unknownAction(['cases', index, 'expect', 'customEvents', i, 'action'], action);
      });
    }
  });
}

/** Expected variable keys (`names[2]`, `caller.city`) that cannot be read, at the key. */
function checkVariablePaths(document: LoadedDocument, at: PathSegment[], variables: unknown, diagnostics: Diagnostic[]): void {
  if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) return;
  for (const key of Object.keys(variables as Data)) {
    const parsed = parseVariablePath(key);
    if (parsed.ok) continue;
    diagnostics.push(
      diagnosticAt(document, [...at, key], 'key', {
        code: 'invalid-key',
        severity: 'error',
        message: `variables: ${parsed.message}`,
        hint: 'Write a variable name, then .member for a dynamic object\'s member or [n] for an array element (1 is the first): names[2], caller.address.city, orders[1].id.',
      }),
    );
  }
}

/**
 * A spawned-contact expectation names a script beside the script under test
 * (as its Spawn would find it), and actions and branches that script has.
 */
function checkSpawnedNames(document: LoadedDocument, at: PathSegment[], name: string, fields: Data, location: { path: string; file: string; limits: Partial<LoadLimits> }, diagnostics: Diagnostic[]): void {
  const found = resolveScriptName(location.path, location.file, name);
  if (!found.ok) {
    diagnostics.push(diagnosticAt(document, [...at, 'script'], 'value', { code: found.code, severity: 'error', message: `spawned: ${found.message}`, hint: `Name the script as the Spawn's ScriptName does, relative to ${location.file}.` }));
    return;
  }
  const loaded = validateScriptFile(found.path, location.limits, found.shown);
  if (!loaded.script) {
    diagnostics.push(diagnosticAt(document, [...at, 'script'], 'value', { code: 'invalid-script', severity: 'error', message: `spawned: ${found.shown} has errors, so what it does cannot be checked`, hint: `Run \`studio-sim validate ${found.shown}\` and fix what it reports.` }));
    return;
  }
  const spawnedActions = namedActions(loaded.script);
  const ids = [...spawnedActions.keys()];
  const unknown = (path: PathSegment[], id: string, anchor: 'key' | 'value') => {
    const suggestion = closest(id, ids);
    diagnostics.push(diagnosticAt(document, path, anchor, { code: 'unknown-action', severity: 'error', message: `${found.shown} has no action "${id}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`, hint: `Use an action id of ${found.shown}, the spawned script.` }));
  };
  for (const key of ['path', 'visits', 'notVisits']) {
    const list = fields[key];
    if (!Array.isArray(list)) continue;
    list.forEach((id, i) => {
      if (typeof id === 'string' && !spawnedActions.has(id)) unknown([...at, key, i], id, 'value');
    });
  }
  for (const [id, branch] of Object.entries((fields['branches'] ?? {}) as Data)) {
    const action = spawnedActions.get(id);
    if (!action) {
      unknown([...at, 'branches', id], id, 'key');
      continue;
    }
    const names = [...(actionDefinition(action.type)?.branches.map((b) => b.name) ?? []), ...Object.keys(action.branches)];
    if (typeof branch === 'string' && !names.includes(branch)) {
      const suggestion = closest(branch, names);
      diagnostics.push(diagnosticAt(document, [...at, 'branches', id], 'value', { code: 'unknown-branch', severity: 'error', message: `${action.type} "${id}" has no branch "${branch}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`, hint: `${action.type} branches: ${[...new Set(names)].join(', ')}.` }));
    }
  }
}

/** The callers a case's `answerOrder` and `callers` name must be the scenario's: `caller`, or a name under `callers:`. */
function checkCallerNames(document: LoadedDocument, scenario: Scenario, expect: Expectations, path: PathSegment[], diagnostics: Diagnostic[]): void {
  const names = [mainCallerName, ...scenario.callers.map((c) => c.name)];
  const unknown = (at: PathSegment[], name: string, anchor: 'key' | 'value') => {
    const suggestion = closest(name, names);
    diagnostics.push(diagnosticAt(document, at, anchor, {
      code: 'unknown-caller',
      severity: 'error',
      message: `The scenario has no caller "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
      hint: scenario.callers.length === 0 ? 'Declare other callers under the scenario\'s callers: (`callers: { Ann: { at: 30 } }`); the scenario\'s own caller is `caller`.' : `Callers: ${names.join(', ')}.`,
    }));
  };
  if (Array.isArray(expect.answerOrder)) expect.answerOrder.forEach((name, i) => { if (typeof name === 'string' && !names.includes(name)) unknown([...path, 'expect', 'answerOrder', i], name, 'value'); });
  if (expect.callers && typeof expect.callers === 'object') for (const name of Object.keys(expect.callers)) if (!names.includes(name)) unknown([...path, 'expect', 'callers', name], name, 'key');
}

/** What can happen to a custom event, as run reports say it (a Record, so a new kind must be added here). */
const deliveries: Record<RunReport['customEvents'][number]['delivery'], true> = { queued: true, persisted: true, dropped: true, noTarget: true, refused: true };

/** `folder` is where the file really is (relative paths resolve there); `shownFolder` how the user named it. */
function fromLoad(loaded: LoadResult, limits: Partial<LoadLimits>, folder: string, shownFolder: string): SuiteResult {
  const texts = new Map<string, string>();
  const file = loaded.document?.file ?? loaded.diagnostics[0]?.file ?? '';
  if (loaded.text !== undefined) texts.set(file, loaded.text);
  const document = loaded.document;
  if (!document) return { diagnostics: loaded.diagnostics, texts };
  // A script given where a test file belongs (`studio-sim test my-ivr.yaml`): say so, not "missing script".
  if (!('script' in document.data) && !('cases' in document.data) && 'actions' in document.data) {
    return {
      diagnostics: [
        diagnosticAt(document, [], 'key', {
          code: 'not-a-test-file',
          severity: 'error',
          message: `${file} is a script, not a test file`,
          hint: `Run it with \`studio-sim run ${file}\`, or test it from a *.test.yaml that names it under script: (\`studio-sim init\` writes one, \`studio-sim cases ${file}\` generates cases).`,
        }),
      ],
      texts,
    };
  }
  const diagnostics = [...loaded.diagnostics, ...checkAgainstSchema(document, schemaValidator('test.schema.json'), plainVocabulary)];
  if (hasErrors(diagnostics)) return { diagnostics: sortDiagnostics(diagnostics), texts };

  const data = document.data;
  const scriptPath = resolve(folder, data['script'] as string);
  const scriptFile = joinShown(shownFolder, data['script'] as string);
  const scriptResult = validateScriptFile(scriptPath, limits, scriptFile);
  if (scriptResult.text !== undefined) texts.set(scriptFile, scriptResult.text);
  // The scripts it calls: their problems show with their own lines.
  for (const [name, text] of scriptResult.texts ?? []) texts.set(name, text);
  // Paths in a test file are relative to the test file, not to where the command ran.
  for (const diagnostic of scriptResult.diagnostics) {
    if (diagnostic.code === 'file-not-found') diagnostic.hint = `The script: path is relative to the test file's folder (${shownFolder === '' ? '.' : shownFolder}/); check it from there.`;
  }
  if (!scriptResult.script) {
    const pointer = diagnosticAt(document, ['script'], 'value', {
      code: 'invalid-script',
      severity: 'error',
      message: `The script ${data['script'] as string} has errors, so its tests cannot run`,
      hint: `Run \`studio-sim validate ${scriptFile}\` and fix what it reports.`,
    });
    return { diagnostics: sortDiagnostics([...diagnostics, pointer, ...scriptResult.diagnostics.filter((d) => d.severity === 'error')]), texts };
  }

  let base: Data = {};
  const baseScenario = data['scenario'];
  if (typeof baseScenario === 'string') {
    const scenarioFile = joinShown(shownFolder, baseScenario);
    const scenarioResult = validateScenarioFile(resolve(folder, baseScenario), limits, scenarioFile);
    if (scenarioResult.text !== undefined) texts.set(scenarioResult.textFile ?? scenarioFile, scenarioResult.text);
    diagnostics.push(...scenarioResult.diagnostics);
    if (!scenarioResult.data) return { diagnostics: sortDiagnostics(diagnostics), texts };
    base = scenarioResult.data;
  } else if (baseScenario && typeof baseScenario === 'object') {
    reportScenarioWarnings(document, baseScenario, ['scenario'], diagnostics);
    base = baseScenario as Data;
  } else if (baseScenario === undefined) {
    // As run and simulate() do: without scenario:, <script>.scenario.yaml beside the script, if there is one.
    const besideScript = scriptPath.replace(/\.ya?ml$/i, '.scenario.yaml');
    if (besideScript !== scriptPath && existsSync(besideScript)) {
      const scenarioFile = scriptFile.replace(/\.ya?ml$/i, '.scenario.yaml');
      const scenarioResult = validateScenarioFile(besideScript, limits, scenarioFile);
      if (scenarioResult.text !== undefined) texts.set(scenarioResult.textFile ?? scenarioFile, scenarioResult.text);
      diagnostics.push(...scenarioResult.diagnostics);
      if (!scenarioResult.data) return { diagnostics: sortDiagnostics(diagnostics), texts };
      base = scenarioResult.data;
    } else {
      // No scenario file: an hours.yaml beside the script still gives the Hours action its profiles.
      const hoursResult = validateScriptFolderHours(scriptPath, limits, scriptFile);
      if (hoursResult) {
        if (hoursResult.text !== undefined) texts.set(hoursResult.textFile ?? scriptFile, hoursResult.text);
        diagnostics.push(...hoursResult.diagnostics);
        if (!hoursResult.data) return { diagnostics: sortDiagnostics(diagnostics), texts };
        base = hoursResult.data;
      }
    }
  }

  const rawCases = data['cases'] as Data[];
  checkNames(document, scriptResult.script, rawCases, diagnostics, { path: scriptPath, file: scriptFile, limits });
  const cases: TestCase[] = rawCases.map((raw, index) => {
    const path: PathSegment[] = ['cases', index];
    reportScenarioWarnings(document, raw['scenario'], [...path, 'scenario'], diagnostics);
    const merged = mergeScenarioData(base, (raw['scenario'] ?? {}) as Data);
    const scenario = readScenario(merged, document, diagnostics, [...path, 'scenario']);
    const expect = (raw['expect'] ?? {}) as Expectations;
    checkCallerNames(document, scenario, expect, path, diagnostics);
    return {
      name: raw['name'] as string,
      line: linePosition(document.lineCounter, offsetOf(document.doc.contents, path, 'value')).line,
      path,
      scenario,
      expect,
    };
  });
  const sorted = sortDiagnostics(diagnostics);
  if (hasErrors(sorted)) return { diagnostics: sorted, texts };
  const suite: TestSuite = {
    file,
    scriptFile,
    scriptPath,
    baseScenario: base,
    script: scriptResult.script,
    cases,
    document,
    lineOf: (path) => linePosition(document.lineCounter, offsetOf(document.doc.contents, path, 'key')).line,
  };
  return { suite, diagnostics: sorted, texts };
}

/** A path as the user would write it: relative paths stay relative to where they were given. */
function joinShown(folder: string, relative: string): string {
  if (isAbsolute(relative) || folder === '.' || folder === '') return relative;
  return `${folder}/${relative}`.replace(/\/\.\//g, '/');
}

/** Loads a *.test.yaml file and the script (and scenario) it names. `file` is the name diagnostics show. */
export function loadTestFile(path: string, limits: Partial<LoadLimits> = {}, file = path): SuiteResult {
  return fromLoad(loadYamlFile(path, limits, file), limits, dirname(path), dirname(file));
}

/** Test text; relative paths in it resolve against `folder`. */
export function loadTestText(text: string, file: string, folder: string, limits: Partial<LoadLimits> = {}): SuiteResult {
  return fromLoad(loadYamlText(text, file, limits), limits, folder, dirname(file));
}
