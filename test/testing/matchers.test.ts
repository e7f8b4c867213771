import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../src/actions/types.ts';
import { SimulationSetupError, simulate, type ScenarioData } from '../../src/testing/index.ts';
import { buildScenarioSchema } from '../../src/validate/scenario.ts';

const sample = 'scripts/custom-event-sample.yaml';

describe('studio-sim/testing', () => {
  it('simulate lays scenario data over the script\'s default scenario', () => {
    const report = simulate(sample, { caller: { input: ['2'] } });
    expect(report).toHaveVisited('main_menu', 'queue_with_event', 'answered', 'tell_agent');
    expect(report).toHaveTakenBranch('main_menu', '2');
    expect(report).toHaveTakenBranch('hold_wait', 'Default');
    expect(report).not.toHaveTakenBranch('after_event', 'False');
    expect(report).toHaveSentCustomEvent({ eventName: 'Caller_Info', agentId: '2002', delivery: 'queued' });
    expect(report).not.toHaveSentCustomEvent({ eventName: 'Caller_Gone', delivery: 'dropped' });
    expect(report).toHaveDelivered('2002', { eventName: 'Caller_Info', data: '{"ani":"5551234567","pressed":"2","skill":"Support","agent":{"firstName":"Ann","lastName":"Lee"}}' });
    expect(report).not.toHaveDelivered('1001', { eventName: 'Caller_Waiting' });
  });

  it('matchers explain a miss', () => {
    const report = simulate(sample, { caller: { input: ['1'] } });
    expect(() => expect(report).toHaveVisited('main_menu', 'answered')).toThrow(/"answered" is missing/);
    expect(() => expect(report).toHaveTakenBranch('main_menu', '3')).toThrow(/expected "main_menu" to take 3, but it took/);
    expect(() => expect(report).toHaveTakenBranch('tell_agent', 'Default')).toThrow(/never ran/);
    expect(() => expect(report).toHaveDelivered('9999', { eventName: 'X' })).toThrow(/has no agent 9999/);
    expect(() => expect({ steps: 1 }).toHaveVisited('x')).toThrow(/expected a studio-sim run report/);
  });

  it('takes a scenario file, or a complete Scenario', () => {
    const fromFile = simulate(sample, 'scripts/custom-event-sample.scenario.yaml');
    expect(fromFile).toHaveTakenBranch('main_menu', '2');
    const silent = simulate('scripts/first-custom-event.yaml', { agents: { '1001': { state: 'Available' } } });
    expect(silent).toHaveTakenBranch('tell_supervisor', 'Default');
  });

  it('a broken script or scenario throws a setup error listing the diagnostics', () => {
    expect(() => simulate('test/fixtures/invalid/branch-target-typo.yaml')).toThrow(SimulationSetupError);
    expect(() => simulate('test/fixtures/invalid/branch-target-typo.yaml')).toThrow(/branch-target-typo\.yaml:\d+:\d+: error unknown-branch-target/);
    // A JavaScript caller has no types to stop it, so the values are checked at run time too.
    const untyped = JSON.parse('{ "agents": { "1001": { "state": "Busy" } } }') as ScenarioData;
    expect(() => simulate(sample, untyped)).toThrow(/the scenario is not valid/);
  });

  it('the scenario parameter is typed: a misspelt key fails to compile', () => {
    // @ts-expect-error inptu is not a key of caller (tsc checks this line when npm test type-checks the tests)
    const typo: Parameters<typeof simulate>[1] = { caller: { inptu: ['1'] } };
    expect(typo).toBeDefined();
    // @ts-expect-error a state the scenario does not know
    const state: Parameters<typeof simulate>[1] = { agents: { '1001': { state: 'Busy' } } };
    expect(state).toBeDefined();
  });

  it('ScenarioData has exactly the keys of the scenario schema, at every level', () => {
    const schema = buildScenarioSchema();
    const keysOf = (node: JsonSchema | undefined) => Object.keys(node?.properties ?? {}).sort();
    const written: Record<keyof ScenarioData, true> = { caller: true, agents: true, variables: true, parameters: true, events: true, limits: true, http: true, clock: true, hours: true, numbers: true, outbound: true, signals: true, callers: true };
    expect(Object.keys(written).sort()).toEqual(keysOf(schema));
    const caller: Record<keyof NonNullable<ScenarioData['caller']>, true> = { ani: true, dnis: true, input: true, hangupAfter: true };
    expect(Object.keys(caller).sort()).toEqual(keysOf(schema.properties?.['caller']));
    const agent: Record<keyof NonNullable<ScenarioData['agents']>[string], true> = { state: true, skills: true, firstName: true, lastName: true, answerAfter: true, hangupAfter: true, holds: true, loginAfter: true, logoutAfter: true, polls: true, reason: true, impersonate: true, terminateSessions: true, proficiency: true };
    expect(Object.keys(agent).sort()).toEqual(keysOf(schema.properties?.['agents']?.additionalProperties as JsonSchema));
    const event: Record<keyof NonNullable<ScenarioData['events']>[number], true> = { at: true, agent: true, eventName: true, data: true, persistInMemory: true };
    expect(Object.keys(event).sort()).toEqual(keysOf(schema.properties?.['events']?.items));
    const signal: Record<keyof NonNullable<ScenarioData['signals']>[number], true> = { at: true, contact: true, parameters: true };
    expect(Object.keys(signal).sort()).toEqual(keysOf(schema.properties?.['signals']?.items));
    const limits: Record<keyof NonNullable<ScenarioData['limits']>, true> = { maxSteps: true, maxSeconds: true, maxPendingEvents: true, maxValueChars: true };
    expect(Object.keys(limits).sort()).toEqual(keysOf(schema.properties?.['limits']));
    const mock: Record<keyof NonNullable<ScenarioData['http']>[number], true> = { method: true, url: true, status: true, headers: true, body: true, text: true, delay: true, error: true, responses: true };
    expect(Object.keys(mock).sort()).toEqual(keysOf(schema.properties?.['http']?.items));
    const response: Record<keyof NonNullable<NonNullable<ScenarioData['http']>[number]['responses']>[number], true> = { status: true, headers: true, body: true, text: true, delay: true, error: true, times: true };
    expect(Object.keys(response).sort()).toEqual(keysOf(schema.properties?.['http']?.items?.properties?.['responses']?.items));
    const outbound: Record<keyof NonNullable<ScenarioData['outbound']>[number], true> = { number: true, answer: true, after: true, speaks: true };
    expect(Object.keys(outbound).sort()).toEqual(keysOf(schema.properties?.['outbound']?.items));
    const number: Record<keyof NonNullable<ScenarioData['numbers']>[string], true> = { answer: true, after: true, speaks: true };
    const background: Record<keyof NonNullable<ScenarioData['callers']>[string], true> = { at: true, ani: true, dnis: true, input: true, hangupAfter: true, variables: true, parameters: true };
    expect(Object.keys(background).sort()).toEqual(keysOf(schema.properties?.['callers']?.additionalProperties as JsonSchema));
    expect(Object.keys(number).sort()).toEqual(keysOf(schema.properties?.['numbers']?.additionalProperties as JsonSchema));
  });
});
