// https://help-beta.niceincontact.com/spring19/Content/Studio/Actions/PLAYLOG/PLAYLOG.htm (ContactIDorFile, StartOffset, SecondstoPlay, StoponDTMF, CurrentPosition; Default, OnComplete, OnPaused, OnDigitPressed)
// https://help.staging.nice-incontact.com/content/studio/actions/playlog/playlog.htm (ClearDigits, default True)
// https://help.nice-incontact.com/content/studio/actions/playlog/playlog.htm (StartOffset past the end takes OnComplete)
import { describe, expect, it } from 'vitest';
import { mediaFileSeconds } from '../../src/actions/media.ts';
import { edges, runYaml } from '../helpers/run.ts';

const run = (actions: string, scenario = '') => runYaml(`name: PlaylogTest\nactions:\n${actions}`, scenario);

const playing = (properties: string, branches = '{ OnComplete: complete, OnPaused: paused, OnDigitPressed: digit, Default: other }') => `
  begin: { type: Begin, next: message }
  message: { type: Playlog, properties: { ContactIDorFile: message.wav, CurrentPosition: Position, ${properties} }, branches: ${branches} }
  complete: { type: End }
  paused: { type: End }
  digit: { type: Capture, properties: { Variable: Key }, next: complete }
  other: { type: End }
`;

describe('Playlog', () => {
  it('plays to the end with SecondstoPlay 0 (the default) and takes OnComplete; the position is kept only on a pause', () => {
    const report = run(playing('StartOffset: 0'));
    expect(edges(report)).toEqual(['begin.Default', 'message.OnComplete']);
    expect(report.steps[1]).toMatchObject({ at: mediaFileSeconds * 1000 });
    expect(report.variables['Position']).toBeUndefined();
  });

  it('pauses after SecondstoPlay seconds (OnPaused) and stores the position reached in CurrentPosition', () => {
    const report = run(playing('StartOffset: 10, SecondstoPlay: 30'));
    expect(edges(report)).toEqual(['begin.Default', 'message.OnPaused']);
    expect(report.steps[1]).toMatchObject({ at: 30000 });
    expect(report.steps[1]?.notes).toEqual(['plays message.wav from 10 s for 30 s', 'paused after SecondstoPlay 30 s', 'Position = 40']);
    expect(report.variables['Position']).toBe(40);
  });

  it('resumes from CurrentPosition through StartOffset', () => {
    const report = run(`
  begin: { type: Begin, next: first }
  first: { type: Playlog, properties: { ContactIDorFile: message.wav, SecondstoPlay: 25, CurrentPosition: Position }, branches: { OnPaused: rest } }
  rest: { type: Playlog, properties: { ContactIDorFile: message.wav, StartOffset: "{Position}" }, branches: { OnComplete: done } }
  done: { type: End }
`);
    expect(edges(report)).toEqual(['begin.Default', 'first.OnPaused', 'rest.OnComplete']);
    expect(report.steps[2]).toMatchObject({ at: mediaFileSeconds * 1000 });
  });

  it('takes OnComplete at once when StartOffset is past the end of the file', () => {
    const report = run(playing(`StartOffset: ${mediaFileSeconds + 5}`));
    expect(edges(report)).toEqual(['begin.Default', 'message.OnComplete']);
    expect(report.steps[1]).toMatchObject({ at: 0 });
  });

  it('with StoponDTMF, a key pauses it (OnDigitPressed), the position is stored and the key stays for the next Capture', () => {
    const report = run(playing('StoponDTMF: true'), 'caller: { input: [{ digits: "3", after: 7 }] }');
    expect(edges(report)).toEqual(['begin.Default', 'message.OnDigitPressed', 'digit.Default']);
    expect(report.steps[1]).toMatchObject({ at: 7000 });
    expect(report.variables['Position']).toBe(7);
    expect(report.variables['Key']).toBe('3');
  });

  it('falls back to Default when the outcome\'s branch is not wired', () => {
    const report = run(playing('SecondstoPlay: 5', '{ Default: other }'));
    expect(report.steps[1]).toMatchObject({ branch: 'Default', outcome: 'OnPaused', next: 'other' });
  });

  it('with ClearDigits false, a key pressed earlier is detected at once', () => {
    const report = run(playing('StoponDTMF: true, ClearDigits: false'), 'caller: { input: [{ digits: "9", ahead: true }] }');
    expect(edges(report)).toEqual(['begin.Default', 'message.OnDigitPressed', 'digit.Default']);
    expect(report.steps[1]).toMatchObject({ at: 0 });
  });

  it('is cut short by the caller hanging up', () => {
    const report = run(playing('SecondstoPlay: 30'), 'caller: { hangupAfter: 10 }');
    expect(report.steps[1]).toMatchObject({ at: 10000, interruptedBy: 'OnRelease' });
    expect(report.reason).toBe('CallerHungUp');
  });
});
