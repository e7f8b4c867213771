// End: https://help.nicecxone.com/Content/studio/actionscx/end/end.htm
// "End should be used to terminate the logic flow of an active script and invoke the OnRelease event action":
// https://help.nicecxone.com/zh-hk/content/studio/actionscx/end/end.htm
import { describe, expect, it } from 'vitest';
import { edges, path, runYaml } from '../helpers/run.ts';

const run = (actions: string, scenario = '') => runYaml(`name: EndTest\nactions:\n${actions}`, scenario);

describe('End', () => {
  it('ends the script at once with reason End when it has no OnRelease', () => {
    const report = run(`
  begin: { type: Begin, next: pause }
  pause: { type: Wait, properties: { Timeout: 2 }, next: done }
  done: { type: End }
`);
    expect(path(report)).toEqual(['begin', 'pause', 'done']);
    expect(edges(report)).toEqual(['begin.Default', 'pause.Default']);
    expect(report.steps[2]).toMatchObject({ at: 2000, action: 'done', type: 'End', branch: null, next: null });
    expect(report.steps[2]?.outcome).toBeUndefined();
    expect(report.outcome).toBe('ended');
    expect(report.reason).toBe('End');
    expect(report.message).toBe('The script reached End "done"');
    expect(report.elapsedMs).toBe(2000);
  });

  it('invokes OnRelease, and a later caller hang-up changes nothing', () => {
    const report = run(`
  begin: { type: Begin, next: done }
  done: { type: End }
  released: { type: OnRelease, next: note }
  note: { type: Assign, properties: { Variable: Released, Value: "yes" }, next: finished }
  finished: { type: End }
`, 'caller: { hangupAfter: 5 }');
    expect(path(report)).toEqual(['begin', 'done', 'released', 'note', 'finished']);
    expect(report.steps[1]).toMatchObject({ branch: null, next: 'released' });
    expect(report.steps[4]).toMatchObject({ branch: null, next: null });
    expect(report.variables['Released']).toBe('yes');
    expect(report.reason).toBe('End');
    expect(report.elapsedMs).toBe(0);
  });

  it('takes a contact still waiting in the queue out of it', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: done }
  answered: { type: OnAnswer, next: done }
  done: { type: End }
`, 'agents: { "2002": { state: LoggedOut, loginAfter: 10, skills: [Support] } }');
    expect(path(report)).toEqual(['begin', 'queue', 'done']);
    expect(report.world.filter((w) => w.kind === 'offered')).toEqual([]);
    expect(report.agents['2002']?.state).toBe('Available');
    expect(report.reason).toBe('End');
  });

  it('after OnAnswer, leaves the caller with the agent', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: hold }
  hold: { type: Wait, properties: { Timeout: 60 }, next: hold_more }
  hold_more: { type: Wait, properties: { Timeout: 60 }, next: done }
  answered: { type: OnAnswer, next: done }
  done: { type: End }
`, 'agents: { "2002": { state: Available, skills: [Support], answerAfter: 4, hangupAfter: 100 } }\nlimits: { maxSeconds: 50 }');
    expect(path(report)).toEqual(['begin', 'queue', 'hold', 'answered', 'done']);
    expect(report.reason).toBe('End');
    expect(report.elapsedMs).toBe(4000);
    expect(report.agents['2002']?.state).toBe('InboundContact');
  });
});
