import { describe, expect, it } from 'vitest';
import { edges, path, runYaml } from '../helpers/run.ts';

const run = (actions: string, scenario = '') => runYaml(`name: PlayTest\nactions:\n${actions}`, scenario);

// https://help.incontact.com/Content/Studio/Actions/PLAY/PLAY.htm (ClearDigits default True; Play does not work after OnAnswer unless OnHold has fired)
// https://help-beta.niceincontact.com/spring19/Content/Studio/Actions/PLAY/PLAY.htm (Sequence, Phrase)
// https://help.staging.nice-incontact.com/content/studio/actions/play/play.htm (DetectDTMF)

describe('Play', () => {
  it('plays the prompt with substitutions made and follows Default at once', () => {
    const report = run(`
  begin: { type: Begin, next: hello }
  hello: { type: Play, properties: { Sequence: '"welcome.wav" "%Hello {Name}, you called from {ANI}"' }, next: bye }
  bye: { type: Hangup }
`, 'variables: { Name: Ann }\ncaller: { ani: "5550001111" }');
    expect(edges(report)).toEqual(['begin.Default', 'hello.Default']);
    expect(path(report)).toEqual(['begin', 'hello', 'bye']);
    expect(report.steps[1]).toMatchObject({ at: 0, branch: 'Default', next: 'bye' });
    expect(report.steps[1]?.notes).toEqual(['plays "welcome.wav" "%Hello Ann, you called from 5550001111"']);
    expect(report.elapsedMs).toBe(0);
    expect(report.reason).toBe('Hangup');
  });

  it('takes no virtual time, even in a row', () => {
    const report = run(`
  begin: { type: Begin, next: one }
  one: { type: Play, properties: { Sequence: '"one.wav"' }, next: two }
  two: { type: Play, properties: { Sequence: '"two.wav"' }, next: wait }
  wait: { type: Wait, properties: { Seconds: 2 }, next: three }
  three: { type: Play, properties: { Sequence: '"three.wav"' }, next: done }
  done: { type: End }
`);
    expect(edges(report)).toEqual(['begin.Default', 'one.Default', 'two.Default', 'wait.Default', 'three.Default']);
    expect(report.steps.map((s) => s.at)).toEqual([0, 0, 0, 2000, 2000, 2000]);
  });

  it('ends with NoBranch when it has no next', () => {
    const report = run(`
  begin: { type: Begin, next: hello }
  hello: { type: Play, properties: { Sequence: '"%Hello"' } }
`);
    expect(edges(report)).toEqual(['begin.Default']);
    expect(path(report)).toEqual(['begin', 'hello']);
    expect(report.steps[1]).toMatchObject({ branch: null, next: null });
    expect(report.outcome).toBe('ended');
    expect(report.reason).toBe('NoBranch');
    expect(report.message).toBe('Play "hello" has no Default branch, so the contact is stuck there until an event (the caller hanging up, an agent answering, a hold), and nothing is left in the scenario to raise one');
  });

  it('uses Phrase for documentation only: nothing of it is played', () => {
    const report = run(`
  begin: { type: Begin, next: hello }
  hello: { type: Play, properties: { Sequence: '"welcome.wav"', Phrase: Welcome to the shop }, next: bye }
  bye: { type: End }
`);
    expect(report.steps[1]?.notes).toEqual(['plays "welcome.wav"']);
  });

  it('empties the digit buffer when it starts (ClearDigits true by default)', () => {
    const report = run(`
  begin: { type: Begin, next: hello }
  hello: { type: Play, properties: { Sequence: '"welcome.wav"' }, next: c }
  c: { type: Capture, properties: { Variable: Key, Timeout: 2 }, branches: { Default: bye } }
  bye: { type: End }
`, 'caller: { input: [{ digits: "5", ahead: true }] }');
    expect(report.steps[1]?.notes).toEqual(['clears the digit buffer (5)', 'plays "welcome.wav"']);
    expect(report.steps[2]).toMatchObject({ at: 2000, outcome: 'Timeout' });
    expect(report.variables['Key']).toBe('');
  });

  it('keeps the digit buffer for the next Capture with ClearDigits false', () => {
    const report = run(`
  begin: { type: Begin, next: hello }
  hello: { type: Play, properties: { Sequence: '"welcome.wav"', ClearDigits: false, DetectDTMF: true }, next: c }
  c: { type: Capture, properties: { Variable: Key, Timeout: 2 }, branches: { Default: bye } }
  bye: { type: End }
`, 'caller: { input: [{ digits: "5", ahead: true }] }');
    expect(report.steps[1]?.notes).toEqual(['plays "welcome.wav"']);
    expect(report.steps[2]).toMatchObject({ at: 0, outcome: 'MaxDigits' });
    expect(report.variables['Key']).toBe('5');
  });

  it('is not heard after OnAnswer unless OnHold has fired, and says so in the trace', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: hold }
  hold: { type: Wait, properties: { Seconds: 60 }, next: hold }
  answered: { type: OnAnswer, next: hello }
  hello: { type: Play, properties: { Sequence: '"%Hello"' }, next: bye }
  bye: { type: End }
`, 'agents: { "2002": { state: Available, skills: [Support], answerAfter: 3 } }');
    expect(report.steps.find((s) => s.action === 'hello')?.notes).toEqual(['would play "%Hello", but the caller does not hear it: after OnAnswer a prompt plays only while OnHold has fired']);
    expect(report.reason).toBe('End');
  });
});
