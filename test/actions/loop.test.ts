import { describe, expect, it } from 'vitest';
import { loadScriptText } from '../../src/api.ts';
import { edges, path, runYaml } from '../helpers/run.ts';

const run = (actions: string, scenario = '') => runYaml(`name: LoopTest\nactions:\n${actions}`, scenario);

/** The prompts the Play steps played, in order. */
const played = (report: ReturnType<typeof run>) => report.steps.filter((s) => s.type === 'Play').flatMap((s) => s.notes ?? []);

// https://help.nicecxone.com/Content/studio/actionscx/loop/loop.htm (Repeat; with Repeat 3 the Repeat branch runs three times, then Finish)
// https://help.nicecxone.com/content/studio/actionscx/for/for.htm (branches Finished / Repeat)

describe('Loop', () => {
  it('follows Repeat Repeat times, then Finished, with CounterName holding the count', () => {
    const report = run(`
  begin: { type: Begin, next: again }
  again: { type: Loop, properties: { Repeat: 2, CounterName: Round }, branches: { Repeat: say, Finished: done } }
  say: { type: Play, properties: { Sequence: '"%round {Round}"' }, next: again }
  done: { type: End }
`);
    expect(edges(report)).toEqual(['begin.Default', 'again.Repeat', 'say.Default', 'again.Repeat', 'say.Default', 'again.Finished']);
    expect(path(report)).toEqual(['begin', 'again', 'say', 'again', 'say', 'again', 'done']);
    expect(played(report)).toEqual(['plays "%round 1"', 'plays "%round 2"']);
    expect(report.steps.filter((s) => s.action === 'again').map((s) => s.notes)).toEqual([
      ['pass 1 of 2'],
      ['pass 2 of 2'],
      ['2 passes done (chosen rule: Loop counts per contact and starts again after Finished)'],
    ]);
    expect(report.variables['Round']).toBe(2);
    expect(report.reason).toBe('End');
  });

  it('starts counting again after Finished', () => {
    const report = run(`
  begin: { type: Begin, next: outer }
  outer: { type: Loop, properties: { Repeat: 2, CounterName: O }, branches: { Repeat: inner, Finished: done } }
  inner: { type: Loop, properties: { Repeat: 2, CounterName: I }, branches: { Repeat: say, Finished: outer } }
  say: { type: Play, properties: { Sequence: '"%{O}.{I}"' }, next: inner }
  done: { type: End }
`);
    expect(played(report)).toEqual(['plays "%1.1"', 'plays "%1.2"', 'plays "%2.1"', 'plays "%2.2"']);
    expect(edges(report).filter((e) => e.startsWith('inner.'))).toEqual([
      'inner.Repeat', 'inner.Repeat', 'inner.Finished',
      'inner.Repeat', 'inner.Repeat', 'inner.Finished',
    ]);
    expect(edges(report).filter((e) => e.startsWith('outer.'))).toEqual(['outer.Repeat', 'outer.Repeat', 'outer.Finished']);
    expect(report.variables['O']).toBe(2);
    expect(report.variables['I']).toBe(2);
  });

  it('repeats 3 times by default', () => {
    const report = run(`
  begin: { type: Begin, next: again }
  again: { type: Loop, branches: { Repeat: say, Finished: done } }
  say: { type: Play, properties: { Sequence: '"x.wav"' }, next: again }
  done: { type: End }
`);
    expect(edges(report).filter((e) => e.startsWith('again.'))).toEqual(['again.Repeat', 'again.Repeat', 'again.Repeat', 'again.Finished']);
  });

  it('reads Repeat from a variable', () => {
    const report = run(`
  begin: { type: Begin, next: again }
  again: { type: Loop, properties: { Repeat: "{Tries}" }, branches: { Repeat: say, Finished: done } }
  say: { type: Play, properties: { Sequence: '"x.wav"' }, next: again }
  done: { type: End }
`, 'variables: { Tries: "1" }');
    expect(edges(report)).toEqual(['begin.Default', 'again.Repeat', 'say.Default', 'again.Finished']);
  });

  it('follows Finished at once for Repeat 0, leaving CounterName unset', () => {
    const report = run(`
  begin: { type: Begin, next: again }
  again: { type: Loop, properties: { Repeat: 0, CounterName: Round }, branches: { Repeat: say, Finished: done } }
  say: { type: Play, properties: { Sequence: '"x.wav"' }, next: again }
  done: { type: End }
`);
    expect(edges(report)).toEqual(['begin.Default', 'again.Finished']);
    expect(report.variables['Round']).toBeUndefined();
  });

  it('falls back to Default for an unwired Finished', () => {
    const report = run(`
  begin: { type: Begin, next: again }
  again: { type: Loop, properties: { Repeat: 1 }, branches: { Repeat: say, Default: done } }
  say: { type: Play, properties: { Sequence: '"x.wav"' }, next: again }
  done: { type: End }
`);
    expect(edges(report)).toEqual(['begin.Default', 'again.Repeat', 'say.Default', 'again.Default']);
    expect(report.steps[3]).toMatchObject({ branch: 'Default', outcome: 'Finished', next: 'done' });
  });

  it('ends with NoBranch when Finished and Default are both unwired', () => {
    const report = run(`
  begin: { type: Begin, next: again }
  again: { type: Loop, properties: { Repeat: 1 }, branches: { Repeat: say } }
  say: { type: Play, properties: { Sequence: '"x.wav"' }, next: again }
`);
    expect(edges(report)).toEqual(['begin.Default', 'again.Repeat', 'say.Default']);
    expect(report.steps[3]).toMatchObject({ action: 'again', branch: null, outcome: 'Finished', next: null });
    expect(report.outcome).toBe('ended');
    expect(report.reason).toBe('NoBranch');
    expect(report.message).toBe('Loop "again" took Finished, which is not wired, and it has no Default branch, so the contact is stuck there until an event (the caller hanging up, an agent answering, a hold), and nothing is left in the scenario to raise one');
  });

  it('runs again when Repeat leads straight back to the same Loop', () => {
    const report = run(`
  begin: { type: Begin, next: spin }
  spin: { type: Loop, properties: { Repeat: 2, CounterName: N }, branches: { Repeat: spin, Finished: done } }
  done: { type: End }
`);
    expect(edges(report)).toEqual(['begin.Default', 'spin.Repeat', 'spin.Repeat', 'spin.Finished']);
    expect(report.reason).toBe('End');
    expect(report.outcome).toBe('ended');
    expect(report.variables['N']).toBe(2);
  });

  it('stops a loop without a Wait at limits.maxSteps, naming the looping actions', () => {
    const report = run(`
  begin: { type: Begin, next: spin }
  spin: { type: Loop, properties: { Repeat: 100000 }, branches: { Repeat: say, Finished: done } }
  say: { type: Play, properties: { Sequence: '"x.wav"' }, next: spin }
  done: { type: End }
`, 'limits: { maxSteps: 50 }');
    expect(report.outcome).toBe('failed');
    expect(report.reason).toBe('StepLimit');
    expect(report.steps).toHaveLength(50);
    expect(report.elapsedMs).toBe(0);
    expect(report.message).toMatch(/^Stopped after 50 steps, in a loop through (spin -> say|say -> spin);/);
    expect(report.message).toContain('limits.maxSteps');
  });

  // The loop page says Finish in its text and OnFinished in its table; the FOR page's branch is Finished.
  it('refuses the spellings Finish and OnFinished with a rename to Finished', () => {
    for (const spelling of ['Finish', 'OnFinished']) {
      const loaded = loadScriptText(`name: X\nactions:\n  begin: { type: Begin, next: again }\n  again: { type: Loop, properties: { Repeat: 2 }, branches: { Repeat: again, ${spelling}: done } }\n  done: { type: End }\n`, 't.yaml');
      expect(loaded.ok).toBe(false);
      expect(loaded.diagnostics.map((d) => d.code)).toContain('former-name');
      expect(loaded.diagnostics.find((d) => d.code === 'former-name')?.message).toContain('Finished');
    }
  });
});
