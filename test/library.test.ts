import { describe, expect, it } from 'vitest';
import { formatDiagnostic, loadScenarioText, loadScript, loadScriptText, runScript } from '../src/index.ts';

describe('the package entry', () => {
  it('loads, validates, compiles and runs a script in-process, as the README shows', () => {
    const script = loadScript('scripts/custom-event-sample.yaml');
    if (!script.ok) throw new Error(script.diagnostics.map((d) => formatDiagnostic(d, script.text)).join('\n'));
    const scenario = loadScenarioText('caller: { input: ["3"] }\nagents: { "2002": { state: Available, skills: [Support] } }');
    if (!scenario.ok) throw new Error('bad scenario');
    const report = runScript(script.compiled, scenario.scenario);
    expect(report.customEvents[0]).toMatchObject({ agentId: '2002', eventName: 'Caller_Info', delivery: 'queued' });
    // Answered at 6 s; the agent ends the call 60 s later (the scenario's default hangupAfter).
    expect(report.elapsedMs).toBe(66_000);
  });

  it('reports diagnostics instead of throwing for a broken script', () => {
    const script = loadScriptText('name: X\nactions: {}\n');
    expect(script.ok).toBe(false);
    expect(script.diagnostics.map((d) => d.code)).toEqual(['empty-value', 'missing-begin']);
  });
});

describe('package exports', () => {
  it('studio-sim and studio-sim/testing resolve to the built entries', async () => {
    const main = await import('studio-sim');
    const testing = await import('studio-sim/testing');
    expect(typeof main.runScript).toBe('function');
    expect(typeof testing.simulate).toBe('function');
    expect(Object.keys(testing.studioSimMatchers)).toEqual(['toHaveVisited', 'toHaveTakenBranch', 'toHaveSentCustomEvent', 'toHaveDelivered', 'toHaveRequested', 'toHaveSpawned']);
  });
});
