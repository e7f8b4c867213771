// OnSignal: https://help.incontact.com/content/Studio/Actions/ONSIGNAL/ONSIGNAL.htm
// https://help-beta.niceincontact.com/spring19/Content/Studio/Actions/ONSIGNAL/ONSIGNAL.htm (Default always used; source 0 from a URL or web service)
import { describe, expect, it } from 'vitest';
import { loadScriptText } from '../../src/api.ts';
import { path, runYaml } from '../helpers/run.ts';

const run = (actions: string, scenario = '') => runYaml(`name: OnSignalTest\nactions:\n${actions}`, scenario);

const waiting = `
  begin: { type: Begin, next: music }
  music: { type: Music, properties: { MusicFile: Carefree Days.wav, SecondstoPlay: 20 }, next: pause }
  pause: { type: Wait, properties: { Seconds: 20 }, next: music }
  signalled: { type: OnSignal, properties: { SrcContactIDVar: Source, Parameters: "Result\\nName" }, next: say }
  say: { type: Play, properties: { Sequence: '"{SP1}.wav"' }, next: done }
  done: { type: End }
`;

describe('OnSignal', () => {
  it('cuts short the action running (a Wait) at the signal\'s time and runs with SP1, SP2 and the source contact ID 0 for a signal from outside', () => {
    const report = run(waiting, 'signals: [{ at: 30, parameters: [found, Sam] }]');
    expect(path(report)).toEqual(['begin', 'music', 'pause', 'signalled', 'say', 'done']);
    expect(report.steps[2]).toMatchObject({ at: 30000, action: 'pause', interruptedBy: 'OnSignal', branch: null });
    expect(report.steps[3]).toMatchObject({ at: 30000, action: 'signalled', branch: 'Default', notes: ['signalled from outside any script (source contact ID 0): SP1 = "found", SP2 = "Sam"; Source = "0"; whatever ran before was cut short'] });
    expect(report.steps[4]?.notes).toEqual(['plays "found.wav"']);
    expect(report.variables).toMatchObject({ SP1: 'found', SP2: 'Sam', Result: 'found', Name: 'Sam', Source: '0' });
    expect(report.world.filter((w) => w.kind === 'signaled').map((w) => `${w.at} ${w.text}`)).toEqual(['30000 contact contact-1 is signalled by outside (source contact ID 0) with SP1 = "found", SP2 = "Sam"; its OnSignal runs']);
  });

  it('cuts short a Music too', () => {
    const report = run(waiting, 'signals: [{ at: 5 }]');
    expect(report.steps[1]).toMatchObject({ at: 5000, action: 'music', interruptedBy: 'OnSignal' });
    expect(report.steps[2]?.notes?.[0]).toBe('signalled from outside any script (source contact ID 0), with no values; Source = "0"; whatever ran before was cut short');
  });

  it('a second signal cuts short the OnSignal logic of the first and empties the SPs it does not send', () => {
    const report = run(`
  begin: { type: Begin, next: pause }
  pause: { type: Wait, properties: { Seconds: 60 }, next: done }
  signalled: { type: OnSignal, next: think }
  think: { type: Wait, properties: { Seconds: 10 }, next: done }
  done: { type: End }
`, 'signals: [{ at: 5, parameters: [a, b] }, { at: 8, parameters: [c] }]');
    expect(path(report)).toEqual(['begin', 'pause', 'signalled', 'think', 'signalled', 'think', 'done']);
    expect(report.steps[3]).toMatchObject({ at: 8000, interruptedBy: 'OnSignal' });
    expect(report.variables).toMatchObject({ SP1: 'c', SP2: '' });
    expect(report.elapsedMs).toBe(18000);
  });

  it('leaves a queued contact in the queue: the agent still answers it after the OnSignal logic ran', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: hold }
  hold: { type: Music, properties: { MusicFile: Carefree Days.wav, SecondstoPlay: 60 }, next: hold }
  signalled: { type: OnSignal, next: sorry }
  sorry: { type: Play, properties: { Sequence: '"still-looking.wav"' }, next: hold }
  answered: { type: OnAnswer, next: halt }
  halt: { type: Stop }
`, 'signals: [{ at: 10 }]\nagents: { a1: { skills: [Support], loginAfter: 20, answerAfter: 5 } }\n');
    expect(path(report).slice(0, 6)).toEqual(['begin', 'queue', 'hold', 'signalled', 'sorry', 'hold']);
    expect(report.steps[2]).toMatchObject({ at: 10000, interruptedBy: 'OnSignal' });
    // Logged in at 20 s, the agent is offered the contact still queued, and answers 5 s later.
    expect(report.steps.find((step) => step.action === 'answered')).toMatchObject({ at: 25000 });
  });

  it('a script without OnSignal is not changed by a signal: the world log says so', () => {
    const report = run(`
  begin: { type: Begin, next: pause }
  pause: { type: Wait, properties: { Seconds: 20 }, next: done }
  done: { type: End }
`, 'signals: [{ at: 5, parameters: [x] }]');
    expect(path(report)).toEqual(['begin', 'pause', 'done']);
    expect(report.elapsedMs).toBe(20000);
    expect(report.world.find((w) => w.kind === 'signaled')?.text).toBe('contact contact-1 is signalled by outside (source contact ID 0) with SP1 = "x"; its script has no OnSignal, so nothing changes (the Signal page: the script jumps to an OnSignal "if one is present")');
  });

  it('a signal after the contact ended, or to a contact that never ran, changes nothing', () => {
    const report = run(`
  begin: { type: Begin, next: done }
  done: { type: End }
  signalled: { type: OnSignal, next: done }
`, 'signals: [{ at: 5 }, { at: 6, contact: contact-9 }]');
    expect(path(report)).toEqual(['begin', 'done']);
    expect(report.world.filter((w) => w.kind === 'signaled').map((w) => w.text)).toEqual([
      'a signal from outside for contact "contact-1" finds no running contact of that id, so nothing happens',
      'a signal from outside for contact "contact-9" finds no running contact of that id, so nothing happens',
    ]);
  });

  it('runs even in the OnRelease logic ("will interrupt any script that is currently processing")', () => {
    const report = run(`
  begin: { type: Begin, next: pause }
  pause: { type: Wait, properties: { Seconds: 60 }, next: done }
  released: { type: OnRelease, next: wrap_up }
  wrap_up: { type: Wait, properties: { Seconds: 30 }, next: done }
  signalled: { type: OnSignal, next: done }
  done: { type: End }
`, 'caller: { hangupAfter: 5 }\nsignals: [{ at: 10 }]');
    expect(path(report)).toEqual(['begin', 'pause', 'released', 'wrap_up', 'signalled', 'done']);
    expect(report.steps[3]).toMatchObject({ at: 10000, interruptedBy: 'OnSignal' });
    expect(report.reason).toBe('CallerHungUp');
  });

  it('is an error twice in one script, at the second one\'s line and column; alone and never signalled it is fine', () => {
    const twice = loadScriptText('name: T\nactions:\n  begin: { type: Begin, next: done }\n  done: { type: End }\n  s1: { type: OnSignal, next: done }\n  s2: { type: OnSignal, next: done }\n');
    expect(twice.ok).toBe(false);
    expect(twice.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.line, d.column, d.code, d.message])).toEqual([[6, 15, 'duplicate-event-action', 'A script has one OnSignal, but "s2" is another one (the first is "s1")']]);
    const once = loadScriptText('name: T\nactions:\n  begin: { type: Begin, next: done }\n  done: { type: End }\n  s1: { type: OnSignal, next: done }\n');
    expect(once.ok).toBe(true);
    expect(once.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('checks Parameters names: at most 9, each a variable name', () => {
    const loaded = loadScriptText(`name: T\nactions:\n  begin: { type: Begin, next: done }\n  done: { type: End }\n  s1: { type: OnSignal, properties: { Parameters: "${Array.from({ length: 10 }, (_, i) => `v${i}`).join('\\n')}\\n9bad" }, next: done }\n`);
    expect(loaded.ok).toBe(false);
    expect(loaded.diagnostics.map((d) => d.message)).toEqual(expect.arrayContaining(['OnSignal "s1" names 11 parameters; a signal carries at most 9 (SP1 to SP9)', 'OnSignal "s1" Parameters has "9bad", which is not a variable name']));
  });
});

describe('the scenario\'s signals', () => {
  it('are checked with positions: the contact, the time and at most 9 parameters', async () => {
    const { loadScenarioText } = await import('../../src/api.ts');
    const loaded = loadScenarioText(`signals:
  - { at: -1 }
  - { at: 5, contact: bob }
  - { at: 5, parameters: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }
  - { contact: caller }
`);
    expect(loaded.ok).toBe(false);
    expect(loaded.diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([
      [2, 11, expect.stringContaining('signals[0].at')],
      [3, 23, expect.stringContaining('signals[1].contact')],
      [4, 26, expect.stringContaining('signals[2].parameters')],
      [5, 5, expect.stringContaining('at')],
    ]);
  });
});
