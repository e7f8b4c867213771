// Stop: https://help.nicecxone.com/content/studio/actionscx/stop/stop.htm
// "The only way to release a Stop action is for an event, such as ONSIGNAL, ONANSWER, ONHOLD, ONDATA, ONRELEASE":
// https://help.staging.nice-incontact.com/content/studio/actions/stop/stop.htm
// No properties, no branches: https://help.nicecxone.com/ja/content/studio/actionscx/stop/stop.htm
import { describe, expect, it } from 'vitest';
import { loadScriptText } from '../../src/api.ts';
import { path, runYaml } from '../helpers/run.ts';

const run = (actions: string, scenario = '') => runYaml(`name: StopTest\nactions:\n${actions}`, scenario);

describe('Stop', () => {
  it('does not end the contact: the script waits until an event releases it (the caller hangs up)', () => {
    const report = run(`
  begin: { type: Begin, next: halt }
  halt: { type: Stop }
  released: { type: OnRelease, next: note }
  note: { type: Assign, properties: { Variable: Released, Value: "yes" } }
`, 'caller: { hangupAfter: 90 }');
    expect(path(report)).toEqual(['begin', 'halt', 'released', 'note']);
    expect(report.steps[1]).toMatchObject({ at: 90000, interruptedBy: 'OnRelease' });
    expect(report.reason).toBe('CallerHungUp');
    expect(report.elapsedMs).toBe(90000);
  });

  it('is released by OnAnswer', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: halt }
  halt: { type: Stop }
  answered: { type: OnAnswer, next: done }
  done: { type: End }
`, 'agents: { "2002": { state: Available, skills: [Support], answerAfter: 7 } }');
    expect(path(report)).toEqual(['begin', 'queue', 'halt', 'answered', 'done']);
    expect(report.steps[2]).toMatchObject({ at: 7000, interruptedBy: 'OnAnswer' });
  });

  it('ends the run with reason Stopped, not as a failure, when nothing in the scenario is left to raise an event', () => {
    const report = run(`
  begin: { type: Begin, next: halt }
  halt: { type: Stop }
`);
    expect(path(report)).toEqual(['begin', 'halt']);
    expect(report.outcome).toBe('ended');
    expect(report.reason).toBe('Stopped');
    expect(report.message).toBe('The script waits for an event at Stop "halt" and nothing is left in the scenario to raise one');
  });

  it('inside the OnRelease logic, ends the script', () => {
    const report = run(`
  begin: { type: Begin, next: bye }
  bye: { type: Hangup }
  released: { type: OnRelease, next: halt }
  halt: { type: Stop }
`);
    expect(path(report)).toEqual(['begin', 'bye', 'released', 'halt']);
    expect(report.steps[3]).toMatchObject({ at: 0, branch: null, next: null });
    expect(report.reason).toBe('Hangup');
  });

  it('has no branches: a next is refused', () => {
    const loaded = loadScriptText('name: T\nactions:\n  begin: { type: Begin, next: halt }\n  halt: { type: Stop, next: done }\n  done: { type: End }\n', 'stop.yaml');
    expect(loaded.ok).toBe(false);
  });
});
