import { describe, expect, it } from 'vitest';
import { formatRunReport } from '../../src/cli/format-run.ts';
import { plainStyle } from '../../src/diagnostics/format.ts';
import { defaultLoadLimits } from '../../src/load/index.ts';
import { maxCustomEventDataChars } from '../../src/runtime/event-stream.ts';
import type { RunReport } from '../../src/runtime/report.ts';
import { defaultServerLimits } from '../../src/server/app.ts';
import { edges, runYaml } from '../helpers/run.ts';

/**
 * A script whose loop doubles Blob `rounds` times (from "x", so it ends at
 * 2^rounds characters) and then sends it as a custom event's Data: the file
 * is short, the Data only grows at run time.
 */
function doubling(rounds: number): string {
  return [
    'name: Grow',
    'variables: { Blob: "x", Rounds: 0 }',
    'actions:',
    '  begin: { type: Begin, next: grow }',
    // A Snippet: an Assign stops at its Max String Size (32K at most) with Overflow.
    '  grow: { type: Snippet, properties: { Data: \'Blob = "{Blob}{Blob}"\' }, branches: { Default: count, Error: failed } }',
    '  count: { type: Assign, properties: { Variable: Rounds, Value: "{Rounds + 1}" }, next: check }',
    `  check: { type: If, properties: { Expression: "Rounds < ${rounds}" }, branches: { True: grow, False: send } }`,
    '  send: { type: CustomEvent, properties: { TargetAgent: "1001", EventName: Big, Data: "{Blob}" }, branches: { Default: sent, OnAgentNotConnected: not_sent } }',
    '  sent: { type: End }',
    '  not_sent: { type: End }',
    '  failed: { type: End }',
  ].join('\n');
}

/** Names of the custom events agent 1001 has not taken yet (its login events are there too). */
function customEventsPending(report: RunReport): unknown[] {
  return (report.agents['1001']?.pending ?? []).filter((e) => e['type'] === 'CustomEvent').map((e) => e['eventName']);
}

const connected = 'agents: { "1001": { state: Available, polls: false } }';

describe('a custom event whose Data a template built past the limit', () => {
  it('the limit is the same number everywhere: the server, the run time and the files', () => {
    expect(maxCustomEventDataChars).toBe(32 * 1024);
    expect(defaultServerLimits.maxDataChars).toBe(maxCustomEventDataChars);
    expect(defaultLoadLimits.maxStringChars).toBe(maxCustomEventDataChars);
  });

  it('at the limit the event is queued as usual', () => {
    const report = runYaml(doubling(15), connected);
    expect(report.customEvents.map((e) => [e.data.length, e.delivery])).toEqual([[32_768, 'queued']]);
    expect(edges(report).at(-1)).toBe('send.Default');
    expect(customEventsPending(report)).toEqual(['Big']);
  });

  it('one doubling more is refused whole: OnAgentNotConnected, nothing reaches the agent, the run goes on to its end', () => {
    const report = runYaml(doubling(16), connected);
    expect(report.customEvents.map((e) => [e.data.length, e.delivery, e.replaced])).toEqual([[65_536, 'refused', false]]);
    expect(edges(report).at(-1)).toBe('send.OnAgentNotConnected');
    expect(customEventsPending(report)).toEqual([]);
    expect(report.outcome).toBe('ended');
    expect(report.reason).toBe('End');
    expect(report.steps.find((s) => s.action === 'send')?.notes).toEqual(['Data is 65536 characters, over the 32768 a custom event may carry, so Big was refused and nothing was sent']);
  });

  it('run prints the reason and only the start of the data', () => {
    const text = formatRunReport(runYaml(doubling(16), connected), plainStyle);
    expect(text).toContain(`CustomEvent Big "${'x'.repeat(40)}"... to agent 1001: refused: Data is 65536 characters, over the 32768 a custom event may carry`);
    expect(text).not.toContain('x'.repeat(41));
  });

  it('the limit on undelivered events still gives its own reason', () => {
    const text = formatRunReport(runYaml(doubling(3), `${connected}\nlimits: { maxPendingEvents: 1 }`), plainStyle);
    expect(text).toContain('refused: the agent already holds as many undelivered events as limits.maxPendingEvents allows');
  });
});

describe('a value that keeps growing round a loop', () => {
  it('stops the Snippet that built it with Error and _ERR, instead of eating memory and crashing', () => {
    // 40 doublings would be 2^40 characters: far past what the engine can hold.
    const report = runYaml(doubling(40), connected);
    expect(edges(report).at(-1)).toBe('grow.Error');
    expect(report.variables['_ERR']).toBe('A text value grew to 2097152 characters, over the limit of 1048576');
    // The failing statement did not store its value, and nothing was sent.
    expect(String(report.variables['Blob']).length).toBe(1_048_576);
    expect(report.customEvents).toEqual([]);
  });

  it('takes its limit from the scenario', () => {
    const report = runYaml(doubling(40), `${connected}\nlimits: { maxValueChars: 1000 }`);
    expect(report.variables['_ERR']).toContain('grew to 1024 characters, over the limit of 1000');
    expect(runYaml(doubling(9), `${connected}\nlimits: { maxValueChars: 1000 }`).reason).toBe('End');
  });

  it('a property template that builds past the limit fails the contact with ValueLimit at that action', () => {
    const script = [
      'name: Wide',
      `variables: { Blob: "${'x'.repeat(600)}" }`,
      'actions:',
      '  begin: { type: Begin, next: send }',
      '  send: { type: CustomEvent, properties: { TargetAgent: "1001", EventName: Big, Data: "{Blob}{Blob}" }, next: sent }',
      '  sent: { type: End }',
    ].join('\n');
    const report = runYaml(script, `${connected}\nlimits: { maxValueChars: 1000 }`);
    expect(report.outcome).toBe('failed');
    expect(report.reason).toBe('ValueLimit');
    expect(report.message).toBe('CustomEvent "send" built a Data of 1200 characters, over the limit of 1000; raise limits.maxValueChars in the scenario if the script really needs more');
    expect(report.customEvents).toEqual([]);
  });
});
