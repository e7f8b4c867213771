import { describe, expect, it } from 'vitest';
import { edges, path, runYaml } from '../helpers/run.ts';

const run = (actions: string, scenario = '') => runYaml(`name: HangupTest\nactions:\n${actions}`, scenario);

describe('Hangup', () => {
  it('without a next, disconnects the caller and ends the contact with reason Hangup', () => {
    const report = run(`
  begin: { type: Begin, next: pause }
  pause: { type: Wait, properties: { Timeout: 3 }, next: bye }
  bye: { type: Hangup }
`);
    expect(path(report)).toEqual(['begin', 'pause', 'bye']);
    expect(edges(report)).toEqual(['begin.Default', 'pause.Default']);
    expect(report.steps[2]).toMatchObject({ at: 3000, action: 'bye', branch: null, next: null });
    expect(report.steps[2]?.outcome).toBeUndefined();
    expect(report.outcome).toBe('ended');
    expect(report.reason).toBe('Hangup');
    expect(report.message).toBe('The script hung up at "bye"');
    expect(report.elapsedMs).toBe(3000);
  });

  it('with a next, goes on for clean-up without the caller', () => {
    const report = run(`
  begin: { type: Begin, next: bye }
  bye: { type: Hangup, next: cleanup }
  cleanup: { type: Assign, properties: { Variable: CleanedUp, Value: "yes" }, next: pause }
  pause: { type: Wait, properties: { Timeout: 5 }, next: done }
  done: { type: End }
`);
    expect(path(report)).toEqual(['begin', 'bye', 'cleanup', 'pause', 'done']);
    expect(edges(report)).toEqual(['begin.Default', 'bye.Default', 'cleanup.Default', 'pause.Default']);
    expect(report.steps[1]).toMatchObject({ at: 0, branch: 'Default', next: 'cleanup' });
    expect(report.variables['CleanedUp']).toBe('yes');
    expect(report.reason).toBe('End');
    expect(report.elapsedMs).toBe(5000);
  });

  it('leaves a Menu after it with no caller to press keys', () => {
    const report = run(`
  begin: { type: Begin, next: bye }
  bye: { type: Hangup, next: menu }
  menu: { type: Menu, properties: { Timeout: 4 }, branches: { "1": done, OnTimeout: done, OnInvalid: done } }
  done: { type: End }
`, 'caller: { input: ["1"] }');
    expect(edges(report)).toEqual(['begin.Default', 'bye.Default', 'menu.OnTimeout']);
    expect(report.steps[2]?.at).toBe(4000);
    expect(report.variables['DigitsEntered']).toBeUndefined();
  });

  it('takes the contact out of the queue', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: bye }
  bye: { type: Hangup, next: pause }
  pause: { type: Wait, properties: { Timeout: 30 }, next: done }
  answered: { type: OnAnswer, next: done }
  done: { type: End }
`, 'agents: { "2002": { state: LoggedOut, loginAfter: 10, skills: [Support] } }');
    expect(path(report)).toEqual(['begin', 'queue', 'bye', 'pause', 'done']);
    expect(report.world.filter((w) => w.kind === 'offered')).toEqual([]);
    expect(report.variables['AgentId']).toBeUndefined();
    expect(report.elapsedMs).toBe(30000);
  });
});
