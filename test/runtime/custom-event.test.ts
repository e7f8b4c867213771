import { describe, expect, it } from 'vitest';
import { edges, runYaml } from '../helpers/run.ts';

/** A script that raises one or more custom events from Begin, then ends. */
function script(events: string[], branches = '{ Default: done, OnAgentNotConnected: not_connected }'): string {
  const actions = events.map((properties, i) => `  e${i}:\n    type: CustomEvent\n    properties: ${properties}\n    branches: ${branches.replace('done', i + 1 < events.length ? `e${i + 1}` : 'done').replace('not_connected', i + 1 < events.length ? `e${i + 1}` : 'not_connected')}`);
  return [
    'name: CE',
    'variables: { Sup: "1001" }',
    'actions:',
    '  begin: { type: Begin, next: e0 }',
    ...actions,
    '  done: { type: End }',
    '  not_connected: { type: End }',
  ].join('\n');
}

const loggedIn = 'agents: { "1001": { state: Available, polls: false } }';
const loggedOut = 'agents: { "1001": { state: LoggedOut } }';

describe('CustomEvent target', () => {
  it('uses TargetAgent after substitution', () => {
    const report = runYaml(script(['{ TargetAgent: "{Sup}", EventName: A, Data: "x" }']), loggedIn);
    expect(report.customEvents).toMatchObject([{ agentId: '1001', eventName: 'A', data: 'x', delivery: 'queued', action: 'e0' }]);
    expect(edges(report)).toEqual(['begin.Default', 'e0.Default']);
  });

  it('falls back to AgentId, which OnAnswer sets', () => {
    const report = runYaml(
      [
        'name: CE',
        'actions:',
        '  begin: { type: Begin, next: queue }',
        '  queue: { type: Reqagent, properties: { Skill: Support }, next: hold }',
        '  hold: { type: Wait, properties: { Seconds: 60 }, next: hold }',
        '  answered: { type: OnAnswer, next: tell }',
        '  tell: { type: CustomEvent, properties: { EventName: Info, Data: "for {FIRST}" }, branches: { Default: done, OnAgentNotConnected: done } }',
        '  done: { type: End }',
      ].join('\n'),
      'agents: { "2002": { state: Available, skills: [Support], answerAfter: 4, firstName: Ann, polls: false } }',
    );
    expect(report.customEvents).toMatchObject([{ at: 4000, agentId: '2002', eventName: 'Info', data: 'for Ann', delivery: 'queued' }]);
    // AgentId and OnAnswer's AGENTID are one variable (names are not case-sensitive), reported under the name first set (AgentId, set when the agent answers).
    expect(report.variables['AgentId']).toBe('2002');
    expect(report.steps.find((s) => s.action === 'tell')?.notes).toContain('TargetAgent is empty, so the target is AgentId = 2002 (set by OnAnswer at 00:04.000) (chosen rule: an empty TargetAgent means the AgentId variable)');
  });

  it('with neither TargetAgent nor AgentId sends nothing and takes OnAgentNotConnected', () => {
    const report = runYaml(script(['{ EventName: A, Data: "x" }']), loggedIn);
    expect(report.customEvents).toMatchObject([{ agentId: '', delivery: 'noTarget' }]);
    expect(edges(report)).toEqual(['begin.Default', 'e0.OnAgentNotConnected']);
    expect(report.agents['1001']?.pending.filter((e) => e['type'] === 'CustomEvent')).toEqual([]);
  });
});

describe('CustomEvent delivery', () => {
  it('connected: queued for the agent, branch Default', () => {
    const report = runYaml(script(['{ TargetAgent: "1001", EventName: A, Data: "x" }']), loggedIn);
    expect(report.customEvents[0]?.delivery).toBe('queued');
    expect(report.agents['1001']?.pending.at(-1)).toEqual({ IISHost: 'studio-sim', VCHost: 'studio-sim', type: 'CustomEvent', eventName: 'A', data: 'x' });
    expect(edges(report).at(-1)).toBe('e0.Default');
  });

  it('a polling desktop receives it at once', () => {
    const report = runYaml(script(['{ TargetAgent: "1001", EventName: A, Data: "x" }']), 'agents: { "1001": { state: Available } }');
    expect(report.agents['1001']?.pending).toEqual([]);
    expect(report.agents['1001']?.received.map((e) => e['Type'] ?? e['eventName'])).toEqual(['AgentSessionStart', 'AgentState', 'A']);
  });

  it('not connected, PersistInMemory true: kept and delivered right after AgentSessionStart at the next login', () => {
    const report = runYaml(script(['{ TargetAgent: "1001", EventName: A, Data: "x", PersistInMemory: true }']), 'agents: { "1001": { state: LoggedOut, loginAfter: 30 } }');
    expect(report.customEvents[0]?.delivery).toBe('persisted');
    expect(edges(report).at(-1)).toBe('e0.OnAgentNotConnected');
    const received = report.agents['1001']?.received ?? [];
    expect(received.map((e) => e['Type'] ?? e['eventName'])).toEqual(['AgentSessionStart', 'A', 'AgentState']);
    expect(report.agents['1001']?.pending).toEqual([]);
  });

  it('not connected and never logging in: the persisted event stays pending', () => {
    const report = runYaml(script(['{ TargetAgent: "1001", EventName: A, Data: "x", PersistInMemory: true }']), loggedOut);
    expect(report.agents['1001']?.pending).toMatchObject([{ eventName: 'A', data: 'x' }]);
  });

  it('not connected, PersistInMemory false: dropped', () => {
    const report = runYaml(script(['{ TargetAgent: "1001", EventName: A, Data: "x", PersistInMemory: false }']), 'agents: { "1001": { state: LoggedOut, loginAfter: 30 } }');
    expect(report.customEvents[0]?.delivery).toBe('dropped');
    expect(edges(report).at(-1)).toBe('e0.OnAgentNotConnected');
    expect(report.agents['1001']?.received.map((e) => e['Type'] ?? e['eventName'])).toEqual(['AgentSessionStart', 'AgentState']);
  });

  it('an agent the scenario does not know counts as logged out', () => {
    const report = runYaml(script(['{ TargetAgent: "9999", EventName: A, PersistInMemory: true }']), loggedIn);
    expect(report.customEvents[0]?.delivery).toBe('persisted');
    expect(report.agents['9999']).toMatchObject({ state: 'LoggedOut', pending: [{ eventName: 'A' }] });
  });
});

describe('CustomEvent overwrite', () => {
  it('a pending event of the same name is replaced, the newest appended at the end', () => {
    const report = runYaml(
      script(['{ TargetAgent: "1001", EventName: A, Data: "1" }', '{ TargetAgent: "1001", EventName: B, Data: "2" }', '{ TargetAgent: "1001", EventName: A, Data: "3" }']),
      loggedIn,
    );
    expect(report.customEvents.map((e) => e.replaced)).toEqual([false, false, true]);
    const pending = (report.agents['1001']?.pending ?? []).filter((e) => e['type'] === 'CustomEvent');
    expect(pending.map((e) => `${e['eventName']}=${e['data']}`)).toEqual(['B=2', 'A=3']);
  });

  it('a persisted event of the same name is replaced too', () => {
    const report = runYaml(
      script(['{ TargetAgent: "1001", EventName: A, Data: "old", PersistInMemory: true }', '{ TargetAgent: "1001", EventName: A, Data: "new", PersistInMemory: true }']),
      'agents: { "1001": { state: LoggedOut, loginAfter: 10 } }',
    );
    expect(report.agents['1001']?.received.filter((e) => e['eventName'] === 'A').map((e) => e['data'])).toEqual(['new']);
  });

  it('delivered events are never changed', () => {
    const report = runYaml(
      [
        'name: CE',
        'actions:',
        '  begin: { type: Begin, next: first }',
        '  first: { type: CustomEvent, properties: { TargetAgent: "1001", EventName: A, Data: "1" }, next: pause }',
        '  pause: { type: Wait, properties: { Seconds: 1 }, next: second }',
        '  second: { type: CustomEvent, properties: { TargetAgent: "1001", EventName: A, Data: "2" }, next: done }',
        '  done: { type: End }',
      ].join('\n'),
      'agents: { "1001": { state: Available } }',
    );
    expect(report.customEvents.map((e) => e.replaced)).toEqual([false, false]);
    expect(report.agents['1001']?.received.filter((e) => e['eventName'] === 'A').map((e) => e['data'])).toEqual(['1', '2']);
  });

  it('names that differ only in case are different events', () => {
    const report = runYaml(script(['{ TargetAgent: "1001", EventName: Choice, Data: "1" }', '{ TargetAgent: "1001", EventName: choice, Data: "2" }']), loggedIn);
    expect(report.customEvents.map((e) => e.replaced)).toEqual([false, false]);
    expect((report.agents['1001']?.pending ?? []).filter((e) => e['type'] === 'CustomEvent').map((e) => e['eventName'])).toEqual(['Choice', 'choice']);
  });
});

describe('CustomEvent branches', () => {
  it('OnAgentNotConnected unwired falls back to Default', () => {
    const report = runYaml(script(['{ TargetAgent: "1001", EventName: A }'], '{ Default: done }'), loggedOut);
    const step = report.steps.find((s) => s.action === 'e0');
    expect(step).toMatchObject({ branch: 'Default', outcome: 'OnAgentNotConnected', next: 'done' });
    expect(report.reason).toBe('End');
  });
});

describe('CustomEvent at the undelivered-events limit', () => {
  it('is refused, takes OnAgentNotConnected, and the trace names the limit', () => {
    const report = runYaml(script(['{ TargetAgent: "1001", EventName: A }', '{ TargetAgent: "1001", EventName: B }']), `${loggedIn}\nlimits: { maxPendingEvents: 3 }`);
    expect(report.customEvents.map((e) => e.delivery)).toEqual(['queued', 'refused']);
    expect(edges(report)).toEqual(['begin.Default', 'e0.Default', 'e1.OnAgentNotConnected']);
    expect(report.steps.find((s) => s.action === 'e1')?.notes?.[0]).toContain('already holds 3 undelivered events, the limit');
  });
});
