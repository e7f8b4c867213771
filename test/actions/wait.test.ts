import { describe, expect, it } from 'vitest';
import { edges, path, runYaml } from '../helpers/run.ts';

const run = (actions: string, scenario = '') => runYaml(`name: WaitTest\nactions:\n${actions}`, scenario);

const waitFor = (timeout: string) => `
  begin: { type: Begin, next: pause }
  pause: { type: Wait, properties: { Seconds: ${timeout} }, next: done }
  done: { type: End }
`;

describe('Wait', () => {
  it('waits Timeout seconds of virtual time, then follows Default', () => {
    const report = run(waitFor('30'));
    expect(edges(report)).toEqual(['begin.Default', 'pause.Default']);
    expect(path(report)).toEqual(['begin', 'pause', 'done']);
    expect(report.steps.map((s) => s.at)).toEqual([0, 30000, 30000]);
    expect(report.steps[1]?.notes).toEqual(['waits 30 s']);
    expect(report.elapsedMs).toBe(30000);
    expect(report.reason).toBe('End');
  });

  it('adds up waits in a row, fractions of a second included', () => {
    const report = run(`
  begin: { type: Begin, next: first }
  first: { type: Wait, properties: { Seconds: 10 }, next: second }
  second: { type: Wait, properties: { Seconds: 2.5 }, next: done }
  done: { type: End }
`);
    expect(edges(report)).toEqual(['begin.Default', 'first.Default', 'second.Default']);
    expect(report.steps.map((s) => s.at)).toEqual([0, 10000, 12500, 12500]);
    expect(report.elapsedMs).toBe(12500);
  });

  it('goes straight on for Timeout 0', () => {
    const report = run(waitFor('0'));
    expect(edges(report)).toEqual(['begin.Default', 'pause.Default']);
    expect(report.steps.map((s) => s.at)).toEqual([0, 0, 0]);
    expect(report.elapsedMs).toBe(0);
  });

  it('reads Timeout from a variable', () => {
    const report = run(waitFor('"{HoldSeconds}"'), 'variables: { HoldSeconds: "7" }');
    expect(report.steps[1]).toMatchObject({ at: 7000, branch: 'Default', notes: ['waits 7 s'] });
    expect(report.elapsedMs).toBe(7000);
  });

  it('ends with NoBranch after the wait when it has no next', () => {
    const report = run(`
  begin: { type: Begin, next: pause }
  pause: { type: Wait, properties: { Seconds: 4 } }
`);
    expect(edges(report)).toEqual(['begin.Default']);
    expect(report.steps[1]).toMatchObject({ at: 4000, action: 'pause', branch: null, next: null });
    expect(report.reason).toBe('NoBranch');
    expect(report.outcome).toBe('ended');
    expect(report.elapsedMs).toBe(4000);
  });

  it('waits again when its Default leads back to itself', () => {
    const report = run(`
  begin: { type: Begin, next: hold }
  hold: { type: Wait, properties: { Seconds: 10 }, next: hold }
`, 'limits: { maxSeconds: 35 }');
    expect(edges(report)).toEqual(['begin.Default', 'hold.Default', 'hold.Default', 'hold.Default']);
    expect(report.steps.map((s) => s.at)).toEqual([0, 10000, 20000, 30000]);
    expect(report.reason).toBe('TimeLimit');
    expect(report.elapsedMs).toBe(35000);
  });

  it('stops a Wait loop at limits.maxSeconds with TimeLimit', () => {
    const report = run(`
  begin: { type: Begin, next: hold }
  hold: { type: Wait, properties: { Seconds: 25 }, next: music }
  music: { type: Play, properties: { Sequence: '"hold.wav"' }, next: hold }
`, 'limits: { maxSeconds: 60 }');
    expect(report.outcome).toBe('failed');
    expect(report.reason).toBe('TimeLimit');
    expect(report.elapsedMs).toBe(60000);
    expect(edges(report)).toEqual(['begin.Default', 'hold.Default', 'music.Default', 'hold.Default', 'music.Default']);
    expect(report.steps.map((s) => s.at)).toEqual([0, 25000, 25000, 50000, 50000]);
    expect(report.message).toMatch(/^Still running after 60 s of virtual time, last going through (hold -> music|music -> hold);/);
  });
});
