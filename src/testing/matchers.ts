import type { RunReport } from '../runtime/report.ts';
import { checkSpawned, firstMissingInOrder, matchesPartially, requestMatches } from './expectations.ts';
import type { RequestExpectation, SpawnedExpectation } from './test-file.ts';

/** What vitest passes matchers as `this` (only the parts used here). */
interface MatcherContext {
  isNot: boolean;
  utils: { printReceived(value: unknown): string; printExpected(value: unknown): string };
}

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

function isReport(value: unknown): value is RunReport {
  return value !== null && typeof value === 'object' && Array.isArray((value as RunReport).steps) && Array.isArray((value as RunReport).customEvents);
}

function notAReport(context: MatcherContext, received: unknown): MatcherResult {
  return { pass: false, message: () => `expected a studio-sim run report (from simulate or runScript), got ${context.utils.printReceived(received)}` };
}

/** Matchers for run reports; register them with `expect.extend(studioSimMatchers)`. */
export const studioSimMatchers = {
  /** The run went through these actions in this order (others may come between). */
  toHaveVisited(this: MatcherContext, received: unknown, ...actions: string[]): MatcherResult {
    if (!isReport(received)) return notAReport(this, received);
    const path = received.steps.map((s) => s.action);
    const { missing } = firstMissingInOrder(actions, path, (e, a) => e === a);
    return {
      pass: missing < 0,
      message: () =>
        this.isNot
          ? `expected the run not to visit ${this.utils.printExpected(actions)} in order, but it did: ${this.utils.printReceived(path)}`
          : `expected the run to visit ${this.utils.printExpected(actions)} in order; "${actions[missing]}" is missing. Path: ${this.utils.printReceived(path)}`,
    };
  },

  /** The action took this branch at least once (the wired branch, or the outcome that fell back to Default). */
  toHaveTakenBranch(this: MatcherContext, received: unknown, action: string, branch: string): MatcherResult {
    if (!isReport(received)) return notAReport(this, received);
    const steps = received.steps.filter((s) => s.action === action);
    const took = steps.map((s) => s.branch ?? s.interruptedBy ?? 'nothing');
    return {
      pass: steps.some((s) => s.branch === branch || s.outcome === branch),
      message: () =>
        steps.length === 0
          ? `expected "${action}" to take ${branch}, but it never ran`
          : this.isNot
            ? `expected "${action}" not to take ${branch}, but it did`
            : `expected "${action}" to take ${branch}, but it took ${this.utils.printReceived(took)}`,
    };
  },

  /** A custom event with these fields was sent (eventName, data, agentId, delivery, persistInMemory, action, replaced, at). */
  toHaveSentCustomEvent(this: MatcherContext, received: unknown, expected: Record<string, unknown>): MatcherResult {
    if (!isReport(received)) return notAReport(this, received);
    const events = received.customEvents as unknown as Array<Record<string, unknown>>;
    return {
      pass: events.some((e) => matchesPartially(expected, e)),
      message: () =>
        `expected the run ${this.isNot ? 'not ' : ''}to send a custom event matching ${this.utils.printExpected(expected)}; sent: ${this.utils.printReceived(events.map((e) => ({ agentId: e['agentId'], eventName: e['eventName'], data: e['data'], delivery: e['delivery'] })))}`,
    };
  },

  /** The agent's session handed it an event with these fields (e.g. { eventName, data } or { Type: 'AgentSessionStart' }). */
  toHaveDelivered(this: MatcherContext, received: unknown, agentId: string, expected: Record<string, unknown>): MatcherResult {
    if (!isReport(received)) return notAReport(this, received);
    const agent = received.agents[agentId];
    const events = (agent?.received ?? []) as unknown as Array<Record<string, unknown>>;
    return {
      pass: events.some((e) => matchesPartially(expected, e)),
      message: () =>
        agent === undefined
          ? `expected agent ${agentId} to receive ${this.utils.printExpected(expected)}, but the run has no agent ${agentId}`
          : `expected agent ${agentId} ${this.isNot ? 'not ' : ''}to receive an event matching ${this.utils.printExpected(expected)}; it received ${this.utils.printReceived(events.map((e) => e['eventName'] ?? e['Type']))}${agent.pending.length ? ` and has pending ${this.utils.printReceived(agent.pending.map((e) => e['eventName'] ?? e['Type']))}` : ''}`,
    };
  },

  /** The contact made a REST call with these fields (method, url as a pattern, body as text or JSON, status, attempts, outcome, action, via). */
  toHaveRequested(this: MatcherContext, received: unknown, expected: Omit<RequestExpectation, 'count'>): MatcherResult {
    if (!isReport(received)) return notAReport(this, received);
    const requests = received.requests ?? [];
    return {
      pass: requests.some((r) => requestMatches(expected, r)),
      message: () => `expected the contact ${this.isNot ? 'not ' : ''}to make a request matching ${this.utils.printExpected(expected)}; it made ${this.utils.printReceived(requests.map((r) => `${r.method} ${r.url} -> ${r.status ?? r.outcome}`))}`,
    };
  },

  /**
   * A Spawn started a contact that meets the expectation, as a test file's
   * `spawned:` entry: `script` (and `action`) pick it; `reason`, `path`,
   * `visits`, `notVisits`, `branches` and `variables` are checked against its run.
   */
  toHaveSpawned(this: MatcherContext, received: unknown, expected: SpawnedExpectation): MatcherResult {
    if (!isReport(received)) return notAReport(this, received);
    const failures = checkSpawned(received.spawned ?? [], [expected]);
    return {
      pass: failures.length === 0,
      message: () => (this.isNot ? `expected no spawned contact to match ${this.utils.printExpected(expected)}, but one did` : failures.map((failure) => failure.message).join('\n')),
    };
  },
};

export interface StudioSimMatchers<R = unknown> {
  toHaveVisited(...actions: string[]): R;
  toHaveTakenBranch(action: string, branch: string): R;
  toHaveSentCustomEvent(expected: Record<string, unknown>): R;
  toHaveDelivered(agentId: string, expected: Record<string, unknown>): R;
  toHaveRequested(expected: Omit<RequestExpectation, 'count'>): R;
  toHaveSpawned(expected: SpawnedExpectation): R;
}
