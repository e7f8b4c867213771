// Hangup: https://help.nicecxone.com/Content/Studio/actionscx/hangup/hangup.htm
// No properties, no branches: https://help.nicecxone.com/zh-cn/content/Studio/actionscx/hangup/hangup.htm
import { describe, expect, it } from 'vitest';
import { loadScriptText } from '../../src/api.ts';
import { edges, path, runYaml } from '../helpers/run.ts';

const run = (actions: string, scenario = '') => runYaml(`name: HangupTest\nactions:\n${actions}`, scenario);

describe('Hangup', () => {
  it('without an OnRelease, disconnects the caller and ends the script with reason Hangup', () => {
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

  it('with an OnRelease, hangs up the caller and jumps to OnRelease', () => {
    const report = run(`
  begin: { type: Begin, next: bye }
  bye: { type: Hangup }
  released: { type: OnRelease, next: cleanup }
  cleanup: { type: Assign, properties: { Variable: CleanedUp, Value: "yes" }, next: pause }
  pause: { type: Wait, properties: { Timeout: 5 }, next: done }
  done: { type: End }
`);
    expect(path(report)).toEqual(['begin', 'bye', 'released', 'cleanup', 'pause', 'done']);
    expect(report.steps[1]).toMatchObject({ at: 0, action: 'bye', branch: null, next: 'released' });
    expect(report.variables['CleanedUp']).toBe('yes');
    expect(report.reason).toBe('Hangup');
    expect(report.message).toBe('The script hung up at "bye", and the script goes on at OnRelease "released"');
    expect(report.elapsedMs).toBe(5000);
  });

  it('inside the OnRelease logic, ends the script', () => {
    const report = run(`
  begin: { type: Begin, next: hold }
  hold: { type: Wait, properties: { Timeout: 30 }, next: hold }
  released: { type: OnRelease, next: last }
  last: { type: Hangup }
`, 'caller: { hangupAfter: 4 }');
    expect(path(report)).toEqual(['begin', 'hold', 'released', 'last']);
    expect(report.steps[3]).toMatchObject({ at: 4000, branch: null, next: null });
    expect(report.reason).toBe('CallerHungUp');
  });

  it('after OnRelease a Menu has no caller to press keys', () => {
    const report = run(`
  begin: { type: Begin, next: bye }
  bye: { type: Hangup }
  released: { type: OnRelease, next: pause }
  pause: { type: Wait, properties: { Timeout: 4 }, next: done }
  done: { type: End }
`, 'caller: { input: ["1"] }');
    expect(edges(report)).toEqual(['begin.Default', 'released.Default', 'pause.Default']);
    expect(report.steps[3]?.at).toBe(4000);
  });

  it('takes the contact out of the queue', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: bye }
  bye: { type: Hangup }
  answered: { type: OnAnswer, next: done }
  released: { type: OnRelease, next: pause }
  pause: { type: Wait, properties: { Timeout: 30 }, next: done }
  done: { type: End }
`, 'agents: { "2002": { state: LoggedOut, loginAfter: 10, skills: [Support] } }');
    expect(path(report)).toEqual(['begin', 'queue', 'bye', 'released', 'pause', 'done']);
    expect(report.world.filter((w) => w.kind === 'offered')).toEqual([]);
    expect(report.variables['AgentId']).toBeUndefined();
    expect(report.elapsedMs).toBe(30000);
  });

  it('hangs up on a caller who is with an agent', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: hold }
  hold: { type: Wait, properties: { Timeout: 60 }, next: hold }
  answered: { type: OnAnswer, next: talk }
  talk: { type: Wait, properties: { Timeout: 10 }, next: bye }
  bye: { type: Hangup }
`, 'agents: { "2002": { state: Available, skills: [Support], answerAfter: 5 } }');
    expect(path(report)).toEqual(['begin', 'queue', 'hold', 'answered', 'talk', 'bye']);
    expect(report.reason).toBe('Hangup');
    expect(report.agents['2002']?.state).toBe('Available');
    const seen = report.agents['2002']?.received.map((e) => `${String(e['Type'])} ${String(e['Status'] ?? e['CurrentState'] ?? '')}`.trim());
    expect(seen?.slice(-2)).toEqual(['CallContactEvent Disconnected', 'AgentState Available']);
  });

  it('has no branches: a next is refused', () => {
    const loaded = loadScriptText('name: T\nactions:\n  begin: { type: Begin, next: bye }\n  bye: { type: Hangup, next: done }\n  done: { type: End }\n', 'hangup.yaml');
    expect(loaded.ok).toBe(false);
  });
});
