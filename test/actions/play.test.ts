import { describe, expect, it } from 'vitest';
import { edges, path, runYaml } from '../helpers/run.ts';

const run = (actions: string, scenario = '') => runYaml(`name: PlayTest\nactions:\n${actions}`, scenario);

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
    expect(report.message).toBe('Play "hello" has no Default branch, so the script stops there');
  });
});
