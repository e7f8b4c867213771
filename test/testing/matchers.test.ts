import { describe, expect, it } from 'vitest';
import { SimulationSetupError, simulate } from '../../src/testing/index.ts';

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
    expect(report).toHaveDelivered('2002', { eventName: 'Caller_Info', data: 'ANI 5551234567, pressed 2' });
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
    expect(() => simulate(sample, { agents: { '1001': { state: 'Busy' } } })).toThrow(/the scenario is not valid/);
  });
});
