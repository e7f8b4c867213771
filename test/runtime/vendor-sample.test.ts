import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, loadScript, runScript } from '../../src/api.ts';
import type { RunReport } from '../../src/runtime/report.ts';
import { edges } from '../helpers/run.ts';

const scripts = join(import.meta.dirname, '../../scripts');

function runSample(keys: string): RunReport {
  const script = loadScript(join(scripts, 'custom-event-sample.yaml'));
  const scenario = loadScenario(join(scripts, 'custom-event-sample.scenario.yaml'));
  if (!script.ok || !scenario.ok) throw new Error('the sample or its scenario is invalid');
  scenario.scenario.caller.input = [{ kind: 'digits', digits: keys, afterMs: 1000 }];
  return runScript(script.compiled, scenario.scenario);
}

const customEvents = (report: RunReport) => report.customEvents.map((e) => `${e.agentId}:${e.eventName}:${e.delivery}`);

describe('the vendor CustomEvent sample', () => {
  it('1: an event before any agent, read back by the script\'s get-custom-event loop', () => {
    const report = runSample('1');
    // The script's Hangup invokes OnRelease, which tells the monitor the call ended.
    expect(customEvents(report)).toEqual(['1001:Menu_Choice:queued', '1001:Caller_Gone:queued']);
    expect(report.customEvents[0]?.data).toBe('Menu Press 1');
    expect(edges(report)).toEqual([
      'begin.Default',
      'main_menu.1',
      'notify_monitor.Default',
      'monitor_security.Default',
      'join_monitor_session.Success',
      'get_custom_event.OnNewEvents',
      'event_received.Default',
      'after_event.False',
      'goodbye.Default',
      'released.Default',
      'tell_monitor_gone.Default',
    ]);
    const monitorEvents = report.variables['MonitorEvents'] as Array<Record<string, string>>;
    expect(monitorEvents.map((e) => e['Type'] ?? e['eventName'])).toEqual(['AgentSessionStart', 'AgentState', 'Menu_Choice']);
    expect(report.reason).toBe('Hangup');
    expect(report.agents['1001']?.pending.map((e) => e['eventName'])).toEqual(['Caller_Gone']);
  });

  it('2: the same, then an event during the hold pattern, and one to the agent who answers', () => {
    const report = runSample('2');
    expect(customEvents(report)).toEqual(['1001:Menu_Choice:queued', '1001:Caller_Waiting:queued', '2002:Caller_Info:queued', '1001:Caller_Gone:queued']);
    const [, waiting, info] = report.customEvents;
    expect(waiting?.at).toBe(1000);
    expect(info).toMatchObject({ at: 48_000, data: '{"ani":"5551234567","pressed":"2","skill":"Support","agent":{"firstName":"Ann","lastName":"Lee"}}', action: 'tell_agent' });
    // The monitor's desktop does not poll, so Caller_Waiting is still there for it.
    expect(report.agents['1001']?.pending.map((e) => e['eventName'])).toEqual(['Caller_Waiting', 'Caller_Gone']);
    expect(report.agents['2002']?.received.filter((e) => e['type'] === 'CustomEvent').map((e) => e['eventName'])).toEqual(['Caller_Info']);
    expect(report.steps.find((s) => s.interruptedBy === 'OnAnswer')?.action).toBe('hold_music');
    expect(report).toHaveVisited('queue_with_event', 'tell_monitor_waiting', 'hold_music', 'answered', 'tell_agent');
    expect(report).toHaveDelivered('2002', { type: 'CustomEvent', eventName: 'Caller_Info' });
    // The script waits at Stop while the caller talks to the agent, who ends the call 60 s later: OnRelease runs.
    expect(report).toMatchObject({ outcome: 'ended', reason: 'AgentHungUp', elapsedMs: 108_000 });
  });

  it('3: straight to the queue; after the answer an event goes to AgentId', () => {
    const report = runSample('3');
    expect(customEvents(report)).toEqual(['2002:Caller_Info:queued', '1001:Caller_Gone:queued']);
    expect(edges(report).slice(0, 3)).toEqual(['begin.Default', 'main_menu.3', 'queue_for_agent.Default']);
    // OnAnswer's AGENTID and AgentId are one variable (names ignore case), reported as AgentId, set when the agent answers.
    expect(report.variables).toMatchObject({ AgentId: '2002', FIRST: 'Ann', LAST: 'Lee', SKLNAME: 'Support' });
    expect(report).toHaveTakenBranch('queue_for_agent', 'Default');
    expect(report).toHaveSentCustomEvent({ action: 'tell_agent', agentId: '2002', delivery: 'queued' });
  });

  it('a wrong key retries the menu (Default), and silence twice more says goodbye', () => {
    const report = runSample('7');
    expect(edges(report).filter((e) => e.startsWith('main_menu') || e.startsWith('menu_retry'))).toEqual([
      'main_menu.Default',
      'menu_retry.Repeat',
      'main_menu.Default',
      'menu_retry.Repeat',
      'main_menu.Default',
      'menu_retry.Finished',
    ]);
    expect(report.reason).toBe('Hangup');
  });
});
