// https://help.staging.nice-incontact.com/content/studio/actions/music/music.htm (MusicFile, StartOffset, SecondstoPlay, InterruptMessages; OnComplete, Default)
// https://help-beta.niceincontact.com/spring19/Content/Studio/Actions/MUSIC/MUSIC.htm (SecondstoPlay 0 plays the whole file, OnComplete; Default when OnComplete is not connected)
// https://help.nicecxone.com/content/Studio/actionscx/wait/wait.htm (the Music/Wait hold loop)
import { describe, expect, it } from 'vitest';
import { loadScriptText } from '../../src/api.ts';
import { mediaFileSeconds } from '../../src/actions/media.ts';
import { edges, path, runYaml } from '../helpers/run.ts';

const run = (actions: string, scenario = '') => runYaml(`name: MusicTest\nactions:\n${actions}`, scenario);

const playing = (properties: string, branches = '{ Default: stopped, OnComplete: complete }') => `
  begin: { type: Begin, next: music }
  music: { type: Music, properties: { MusicFile: Carefree Days.wav, ${properties} }, branches: ${branches} }
  stopped: { type: End }
  complete: { type: End }
`;

describe('Music', () => {
  it('plays the whole file with SecondstoPlay 0 (the default) and takes OnComplete', () => {
    const report = run(playing('StartOffset: 0'));
    expect(edges(report)).toEqual(['begin.Default', 'music.OnComplete']);
    expect(report.steps[1]).toMatchObject({ at: mediaFileSeconds * 1000 });
    expect(report.steps[1]?.notes).toEqual([`plays music Carefree Days.wav for ${mediaFileSeconds} s, to the end of the file`, 'the file played to its end']);
  });

  it('stops after SecondstoPlay seconds, shorter than the file, and takes Default', () => {
    const report = run(playing('SecondstoPlay: 30'));
    expect(edges(report)).toEqual(['begin.Default', 'music.Default']);
    expect(report.steps[1]).toMatchObject({ at: 30000 });
    expect(report.steps[1]?.notes).toContain('stopped after SecondstoPlay 30 s');
  });

  it('takes OnComplete when SecondstoPlay is longer than what is left of the file', () => {
    const report = run(playing('StartOffset: 40, SecondstoPlay: 30'));
    expect(edges(report)).toEqual(['begin.Default', 'music.OnComplete']);
    expect(report.steps[1]).toMatchObject({ at: (mediaFileSeconds - 40) * 1000 });
    expect(report.steps[1]?.notes?.[0]).toBe('plays music Carefree Days.wav from 40 s for 20 s, to the end of the file');
  });

  it('plays from the beginning when StartOffset is past the end of the file', () => {
    const report = run(playing(`StartOffset: ${mediaFileSeconds + 1}, SecondstoPlay: 10`));
    expect(report.steps[1]?.notes?.[0]).toBe(`plays music Carefree Days.wav from the beginning (StartOffset ${mediaFileSeconds + 1} is past the end of the ${mediaFileSeconds} s file) for 10 s`);
    expect(edges(report)).toEqual(['begin.Default', 'music.Default']);
  });

  it('falls back to Default when OnComplete is not wired', () => {
    const report = run(playing('SecondstoPlay: 0', '{ Default: stopped }'));
    expect(report.steps[1]).toMatchObject({ branch: 'Default', outcome: 'OnComplete', next: 'stopped' });
  });

  it('reads its properties from variables', () => {
    const report = run(playing('MusicFile: "{HoldMusic}", SecondstoPlay: "{HoldSeconds}"').replace('MusicFile: Carefree Days.wav, ', ''), 'variables: { HoldMusic: Jazz.wav, HoldSeconds: "12" }');
    expect(report.steps[1]).toMatchObject({ at: 12000, branch: 'Default' });
    expect(report.steps[1]?.notes?.[0]).toBe('plays music Jazz.wav for 12 s');
  });

  it('plays each InterruptMessages message when the music has played its seconds', () => {
    const report = run(playing('SecondstoPlay: 50, InterruptMessages: "Message1.wav;45 Message2.wav;55"'));
    expect(report.steps[1]?.notes).toEqual(['plays music Carefree Days.wav for 50 s', 'interrupts the music at 45 s with Message1.wav', 'stopped after SecondstoPlay 50 s']);
  });

  it('refuses InterruptMessages that are not file;seconds pairs', () => {
    const loaded = loadScriptText(`name: M\nactions:\n${playing('InterruptMessages: "Message1.wav 45"')}`, 'm.yaml');
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.diagnostics.map((d) => d.code)).toContain('invalid-value');
  });

  it('is the hold loop: it plays until the agent answers, and OnAnswer cuts it short', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: hold_music }
  hold_music: { type: Music, properties: { MusicFile: Carefree Days.wav, SecondstoPlay: 30 }, branches: { Default: hold_music, OnComplete: hold_music } }
  answered: { type: OnAnswer, next: done }
  done: { type: End }
`, 'agents: { "2002": { state: LoggedOut, loginAfter: 40, skills: [Support], answerAfter: 8 } }');
    expect(path(report)).toEqual(['begin', 'queue', 'hold_music', 'hold_music', 'answered', 'done']);
    expect(report.steps[2]).toMatchObject({ at: 30000, branch: 'Default' });
    expect(report.steps[3]).toMatchObject({ at: 48000, interruptedBy: 'OnAnswer', branch: null });
  });

  it('after OnAnswer is not heard unless OnHold has fired, and still takes its time', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: halt }
  halt: { type: Stop }
  answered: { type: OnAnswer, next: music }
  music: { type: Music, properties: { MusicFile: Carefree Days.wav, SecondstoPlay: 5 }, next: done }
  done: { type: End }
`, 'agents: { "2002": { state: Available, skills: [Support], answerAfter: 1 } }');
    const step = report.steps.find((s) => s.action === 'music');
    expect(step?.notes?.[0]).toBe('would play music Carefree Days.wav for 5 s, but the caller does not hear it: after OnAnswer a prompt plays only while OnHold has fired');
    expect(step?.at).toBe(6000);
  });

  it('with DetectDTMF, a key stops the music (Default) and stays in the digit buffer for the next Capture', () => {
    const report = run(`
  begin: { type: Begin, next: music }
  music: { type: Music, properties: { MusicFile: Carefree Days.wav, DetectDTMF: true }, branches: { Default: capture, OnComplete: done } }
  capture: { type: Capture, properties: { Variable: Choice, MaxDigits: 1 }, next: done }
  done: { type: End }
`, 'caller: { input: [{ digits: "7", after: 12 }] }');
    expect(edges(report)).toEqual(['begin.Default', 'music.Default', 'capture.Default']);
    expect(report.steps[1]).toMatchObject({ at: 12000 });
    expect(report.steps[1]?.notes).toContain('a key stopped the music after 12 s (DetectDTMF); it stays in the digit buffer');
    expect(report.steps[2]).toMatchObject({ at: 12000, outcome: 'MaxDigits' });
    expect(report.variables['Choice']).toBe('7');
  });

  it('without DetectDTMF, keys do not stop the music', () => {
    const report = run(playing('SecondstoPlay: 20'), 'caller: { input: [{ digits: "7", after: 2 }] }');
    expect(report.steps[1]).toMatchObject({ at: 20000, branch: 'Default' });
  });

  it('with ClearDigits false and DetectDTMF, a key typed ahead stops it at once', () => {
    const report = run(playing('SecondstoPlay: 20, ClearDigits: false, DetectDTMF: true'), 'caller: { input: [{ digits: "5", ahead: true }] }');
    expect(report.steps[1]).toMatchObject({ at: 0, branch: 'Default' });
  });

  it('with ClearDigits (the default), a key typed ahead is cleared and the music plays on', () => {
    const report = run(playing('SecondstoPlay: 20, DetectDTMF: true'), 'caller: { input: [{ digits: "5", ahead: true }] }');
    expect(report.steps[1]).toMatchObject({ at: 20000, branch: 'Default' });
    expect(report.steps[1]?.notes).toContain('clears the digit buffer (5)');
  });

  it('cannot run after OnRelease', () => {
    const loaded = loadScriptText(`name: M\nactions:
  begin: { type: Begin, next: done }
  done: { type: End }
  released: { type: OnRelease, next: music }
  music: { type: Music, properties: { MusicFile: a.wav } }
`, 'm.yaml');
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.diagnostics.map((d) => d.code)).toContain('media-after-release');
  });
});
