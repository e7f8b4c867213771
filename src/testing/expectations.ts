import type { PathSegment } from '../diagnostics/diagnostic.ts';
import { elements, isRecord, toText, type Value } from '../expression/values.ts';
import { stepPlace, type RunReport } from '../runtime/report.ts';
import { isDeepStrictEqual } from 'node:util';
import { urlMatches, type HttpRecord } from '../runtime/http.ts';
import type { Expectations, RequestExpectation, SpawnedExpectation } from './test-file.ts';
import type { SpawnedContact } from '../runtime/spawned.ts';
import { flattenExpectedVariables, parseVariablePath, resolveVariablePath } from './variable-path.ts';

/** One expectation a run did not meet. */
export interface Failure {
  /** Where the expectation is, under the case (e.g. ['expect', 'visits', 2]). */
  path: PathSegment[];
  message: string;
  expected: unknown;
  actual: unknown;
  /** How many steps of the trace lead up to the failure, when that can be told. */
  stepsShown?: number;
}

const same = (expected: unknown, actual: unknown): boolean => toText(expected as Value) === toText(actual as Value);

/** Whether `actual` has every field of `expected` (compared as text). */
export function matchesPartially(expected: Record<string, unknown>, actual: Record<string, unknown>): boolean {
  return Object.entries(expected).every(([key, value]) => Object.prototype.hasOwnProperty.call(actual, key) && same(value, actual[key]));
}

/**
 * Finds `expected` in `actual` in order, other entries allowed between; returns
 * the index of the first expected entry that could not be found, or -1.
 */
export function firstMissingInOrder<E, A>(expected: readonly E[], actual: readonly A[], match: (e: E, a: A) => boolean): { missing: number; after: number } {
  let from = 0;
  for (let i = 0; i < expected.length; i++) {
    let found = -1;
    for (let j = from; j < actual.length; j++) {
      if (match(expected[i] as E, actual[j] as A)) {
        found = j;
        break;
      }
    }
    if (found < 0) return { missing: i, after: from };
    from = found + 1;
  }
  return { missing: -1, after: from };
}

/** Whether a request has every field the expectation gives (the URL as a pattern, the body as text or JSON). */
export function requestMatches(expected: RequestExpectation, actual: HttpRecord): boolean {
  if (expected.method !== undefined && expected.method.toUpperCase() !== actual.method) return false;
  if (expected.url !== undefined && !urlMatches(expected.url, actual.url)) return false;
  if (expected.action !== undefined && expected.action !== actual.action) return false;
  if (expected.via !== undefined && expected.via !== actual.via) return false;
  if (expected.status !== undefined && expected.status !== actual.status) return false;
  if (expected.attempts !== undefined && expected.attempts !== actual.attempts) return false;
  if (expected.outcome !== undefined && expected.outcome !== actual.outcome) return false;
  if (expected.body !== undefined) {
    if (typeof expected.body === 'string') return expected.body === actual.body;
    try {
      return isDeepStrictEqual(JSON.parse(actual.body), expected.body);
    } catch {
      return false;
    }
  }
  return true;
}

const requestLabel = (r: HttpRecord) => `${r.method} ${r.url}${r.body ? ` ${r.body.length > 80 ? `${r.body.slice(0, 77)}...` : r.body}` : ''} -> ${r.status ?? r.outcome}`;
const describeExpected = (e: RequestExpectation) => JSON.stringify(Object.fromEntries(Object.entries(e).filter(([key]) => key !== 'count')));

const eventLabel = (event: Record<string, unknown>) => String(event['eventName'] ?? event['Type'] ?? event['type'] ?? '?');

/** Checks a run against a case's expectations; an empty list means the case passed. */
export function checkExpectations(report: RunReport, expect: Expectations): Failure[] {
  const failures: Failure[] = [];
  // A step in a subscript is named `<file name>:<id>`, as the trace names it.
  const actions = report.steps.map(stepPlace);
  const fail = (path: PathSegment[], message: string, expected: unknown, actual: unknown, stepsShown?: number) =>
    failures.push(stepsShown === undefined ? { path: ['expect', ...path], message, expected, actual } : { path: ['expect', ...path], message, expected, actual, stepsShown });

  if (expect.outcome !== undefined && expect.outcome !== report.outcome) fail(['outcome'], `outcome is ${report.outcome}, not ${expect.outcome} (${report.message})`, expect.outcome, report.outcome);
  if (expect.reason !== undefined && expect.reason !== report.reason) fail(['reason'], `the contact ended with ${report.reason}, not ${expect.reason} (${report.message})`, expect.reason, report.reason);

  if (expect.path) {
    const differs = expect.path.findIndex((id, i) => actions[i] !== id);
    const at = differs >= 0 ? differs : expect.path.length !== actions.length ? Math.min(expect.path.length, actions.length) : -1;
    if (at >= 0) {
      const message = at >= actions.length ? `the run stopped after ${actions.length} steps, before "${expect.path[at]}"` : at >= expect.path.length ? `the run went on to "${actions[at]}" after the expected path ended` : `step ${at + 1} is "${actions[at]}", not "${expect.path[at]}"`;
      fail(['path', Math.min(at, expect.path.length - 1)], `path: ${message}`, expect.path, actions, at + 1);
    }
  }
  if (expect.visits) {
    const { missing, after } = firstMissingInOrder(expect.visits, actions, (e, a) => e === a);
    if (missing >= 0) {
      const id = expect.visits[missing] as string;
      const ever = actions.includes(id);
      fail(['visits', missing], ever ? `visits: "${id}" ran, but not after "${expect.visits[missing - 1]}"` : `visits: "${id}" never ran`, expect.visits, actions, after);
    }
  }
  expect.notVisits?.forEach((id, index) => {
    const at = actions.indexOf(id);
    if (at >= 0) fail(['notVisits', index], `notVisits: "${id}" ran (step ${at + 1})`, `not ${id}`, actions, at + 1);
  });
  for (const [id, branch] of Object.entries(expect.branches ?? {})) {
    const steps = report.steps.filter((s) => stepPlace(s) === id);
    const took = steps.map((s) => (s.interruptedBy ? `(cut short by ${s.interruptedBy})` : s.outcome && s.branch !== s.outcome ? `${s.outcome} -> ${s.branch ?? 'nothing'}` : (s.branch ?? 'nothing')));
    if (!steps.some((s) => s.branch === branch || s.outcome === branch)) {
      const lastIndex = steps.length > 0 ? report.steps.indexOf(steps[steps.length - 1] as (typeof steps)[number]) + 1 : undefined;
      fail(['branches', id], steps.length === 0 ? `branches: "${id}" never ran` : `branches: "${id}" took ${took.join(', ')}, never ${branch}`, branch, steps.length === 0 ? 'not run' : took, lastIndex);
    }
  }
  if (expect.customEvents) {
    const actual = report.customEvents as unknown as Array<Record<string, unknown>>;
    const { missing } = firstMissingInOrder(expect.customEvents, actual, matchesPartially);
    if (missing >= 0) {
      fail(['customEvents', missing], `customEvents: no event matches ${JSON.stringify(expect.customEvents[missing])}${missing > 0 ? ' after the ones before it' : ''}`, expect.customEvents, actual.map((e) => ({ at: e['at'], action: e['action'], agentId: e['agentId'], eventName: e['eventName'], data: e['data'], delivery: e['delivery'] })));
    }
  }
  if (expect.requests) {
    const actual = report.requests ?? [];
    const ordered = expect.requests.map((entry, index) => ({ entry, index })).filter(({ entry }) => entry.count === undefined);
    const { missing } = firstMissingInOrder(ordered, actual, ({ entry }, record) => requestMatches(entry, record));
    const first = ordered[missing];
    if (missing >= 0 && first) {
      fail(['requests', first.index], `requests: no request matches ${describeExpected(first.entry)}${missing > 0 ? ' after the ones before it' : ''}`, expect.requests, actual.map(requestLabel));
    }
    expect.requests.forEach((entry, index) => {
      if (entry.count === undefined) return;
      const count = actual.filter((record) => requestMatches(entry, record)).length;
      if (count !== entry.count) fail(['requests', index, 'count'], `requests: ${count} request${count === 1 ? '' : 's'} match ${describeExpected(entry)}, not ${entry.count}`, entry.count, actual.map(requestLabel));
    });
  }
  for (const [agentId, expected] of Object.entries(expect.agents ?? {})) {
    const agent = report.agents[agentId];
    if (!agent) {
      fail(['agents', agentId], `agents: the run has no agent "${agentId}" (it has ${Object.keys(report.agents).join(', ') || 'none'})`, agentId, Object.keys(report.agents));
      continue;
    }
    if (expected.state !== undefined && expected.state !== agent.state) fail(['agents', agentId, 'state'], `agents.${agentId}: state is ${agent.state}, not ${expected.state}`, expected.state, agent.state);
    for (const list of ['received', 'pending'] as const) {
      const wanted = expected[list];
      if (!wanted) continue;
      const actual = agent[list] as unknown as Array<Record<string, unknown>>;
      const { missing } = firstMissingInOrder(wanted, actual, matchesPartially);
      if (missing >= 0) fail(['agents', agentId, list, missing], `agents.${agentId}.${list}: no event matches ${JSON.stringify(wanted[missing])}`, wanted, actual.map(eventLabel));
    }
  }
  for (const expected of flattenExpectedVariables(expect.variables ?? {})) {
    const parsed = parseVariablePath(expected.path);
    // The test file's check reports a bad path before any run; here it only fails the case.
    if (!parsed.ok) {
      fail(['variables', ...expected.yamlPath], `variables: ${parsed.message}`, expected.value, null);
      continue;
    }
    const found = resolveVariablePath(report.variables, parsed.path);
    if (!found.ok) {
      fail(['variables', ...expected.yamlPath], `variables: ${found.why}, so it is not ${expected.count === undefined ? JSON.stringify(expected.value) : `an array of ${expected.count}`}`, expected.value ?? `${expected.count} elements`, null);
      continue;
    }
    if (expected.count !== undefined) {
      const count = isRecord(found.value) ? undefined : elements(found.value).length;
      if (count !== expected.count) fail(['variables', ...expected.yamlPath], `variables: ${expected.path} has ${count === undefined ? 'members, not elements' : `${count} element${count === 1 ? '' : 's'}`}, not ${expected.count}`, expected.count, count ?? found.value);
    } else if (!same(expected.value, found.value)) {
      fail(['variables', ...expected.yamlPath], `variables: ${expected.path} is ${JSON.stringify(found.value)}, not ${JSON.stringify(expected.value)}`, expected.value, found.value);
    }
  }
  if (expect.transfer) {
    const actual = report.transfer as unknown as Record<string, unknown> | undefined;
    if (!actual) fail(['transfer'], 'transfer: the call never left for an outside number', expect.transfer, null);
    else if (!matchesPartially(expect.transfer, actual)) fail(['transfer'], `transfer: the call went to ${String(actual['destination'])} by ${String(actual['type'])}, not as expected`, expect.transfer, actual);
  }
  if (expect.spawned) failures.push(...checkSpawned(report.spawned ?? [], expect.spawned));
  if (expect.answerOrder !== undefined) {
    const byContact = new Map((report.callers ?? []).map((c) => [c.contactId, c]));
    const answered = (report.callers ?? []).filter((c) => c.answeredAt !== undefined).sort((a, b) => (a.answeredAt as number) - (b.answeredAt as number)).map((c) => c.name);
    if (!isDeepStrictEqual(answered, expect.answerOrder)) {
      const when = answered.map((name) => {
        const caller = [...byContact.values()].find((c) => c.name === name);
        return `${name} at ${(caller?.answeredAt ?? 0) / 1000} s`;
      });
      fail(['answerOrder'], `answerOrder: agents answered ${answered.length === 0 ? 'no caller' : when.join(', then ')}`, expect.answerOrder, answered);
    }
  }
  if (expect.callers !== undefined) {
    for (const [name, fields] of Object.entries(expect.callers)) {
      const actual = (report.callers ?? []).find((c) => c.name === name) as unknown as Record<string, unknown> | undefined;
      if (!actual) fail(['callers', name], `callers: ${name} never called`, fields, null);
      else if (!matchesPartially(fields, actual)) fail(['callers', name], `callers: ${name} was ${Object.keys(fields).map((key) => `${key} ${actual[key] === undefined ? '(none)' : String(actual[key])}`).join(', ')}, not as expected`, fields, actual);
    }
  }
  if (expect.elapsedMs !== undefined) {
    const { min, max } = typeof expect.elapsedMs === 'number' ? { min: expect.elapsedMs, max: expect.elapsedMs } : expect.elapsedMs;
    if ((min !== undefined && report.elapsedMs < min) || (max !== undefined && report.elapsedMs > max)) {
      fail(['elapsedMs'], `elapsedMs is ${report.elapsedMs}, outside ${min ?? 0} to ${max ?? '∞'}`, expect.elapsedMs, report.elapsedMs);
    }
  }
  return failures;
}

/** Whether a spawned contact is of the script an expectation names: as Spawn's ScriptName gives it (`Helper`, `sub/Helper`), or its `name:`. */
export function spawnedScriptIs(record: SpawnedContact, script: string): boolean {
  const file = record.file.replace(/\\/g, '/').replace(/\.ya?ml$/i, '');
  const wanted = script.replace(/\\/g, '/');
  return record.script === script || file === wanted || file.endsWith(`/${wanted}`);
}

const describeSpawned = (record: SpawnedContact) => `${record.contactId} (${record.script}, by ${record.action}${record.reason === undefined ? ', still running' : `, ${record.reason}`})`;

/**
 * Checks the contacts Spawn started: each expectation picks, in order, the
 * next spawned contact of its script (and Spawn action), then checks that
 * contact's own run as a case checks the contact itself.
 */
export function checkSpawned(spawned: readonly SpawnedContact[], expected: readonly SpawnedExpectation[]): Failure[] {
  const failures: Failure[] = [];
  let from = 0;
  expected.forEach((entry, index) => {
    const fits = (record: SpawnedContact) => (entry.script === undefined || spawnedScriptIs(record, entry.script)) && (entry.action === undefined || record.action === entry.action);
    const found = spawned.findIndex((record, at) => at >= from && fits(record));
    if (found < 0) {
      const wanted = [entry.script === undefined ? 'a contact' : `a contact of ${entry.script}`, entry.action === undefined ? '' : ` spawned by ${entry.action}`].join('');
      const earlier = spawned.slice(0, from).some(fits);
      failures.push({ path: ['expect', 'spawned', index], message: `spawned: no ${wanted.replace(/^a /, '')} was spawned${earlier ? ' after the ones matched before it' : ''} (spawned: ${spawned.map(describeSpawned).join(', ') || 'none'})`, expected: entry, actual: spawned.map(describeSpawned) });
      return;
    }
    from = found + 1;
    const record = spawned[found] as SpawnedContact;
    const own: Expectations = {};
    if (entry.reason !== undefined) own.reason = entry.reason;
    if (entry.path !== undefined) own.path = entry.path;
    if (entry.visits !== undefined) own.visits = entry.visits;
    if (entry.notVisits !== undefined) own.notVisits = entry.notVisits;
    if (entry.branches !== undefined) own.branches = entry.branches;
    if (entry.variables !== undefined) own.variables = entry.variables;
    if (record.reason === undefined && entry.reason !== undefined) {
      failures.push({ path: ['expect', 'spawned', index, 'reason'], message: `spawned: ${record.contactId} (${record.script}) ${record.steps === undefined ? 'never started' : 'had not ended'} when the run ended, so it has no reason yet`, expected: entry.reason, actual: null });
      delete own.reason;
    }
    const report = spawnedReport(record);
    for (const failure of checkExpectations(report, own)) {
      failures.push({ ...failure, path: ['expect', 'spawned', index, ...failure.path.slice(1)], message: `spawned ${record.contactId} (${record.script}): ${failure.message}` });
    }
  });
  return failures;
}

/** A spawned contact's run as a run report, so its expectations are checked as the contact's own are. */
function spawnedReport(record: SpawnedContact): RunReport {
  const reason = (record.reason ?? 'NoBranch') as RunReport['reason'];
  return {
    script: record.script,
    file: record.file,
    contactId: record.contactId,
    outcome: 'ended',
    reason,
    message: record.reason === undefined ? 'it had not ended when the run ended' : `it ended with ${record.reason}`,
    elapsedMs: (record.endedAt ?? record.startsAt) - record.startsAt,
    steps: record.steps ?? [],
    customEvents: [],
    agents: {},
    variables: record.variables ?? {},
    world: [],
    requests: [],
  };
}
