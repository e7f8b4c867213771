import { describe, expect, it } from 'vitest';
import { edges, path, runYaml } from '../helpers/run.ts';

const run = (actions: string, scenario = '') => runYaml(`name: CaptureTest\nactions:\n${actions}`, scenario);

/** Begin -> c (a Capture with the given properties) -> one End per outcome. */
const capture = (properties: string, branches = 'Terminator: term, MaxDigits: max, Timeout: slow, InterDigitTimeout: pause') => `
  begin: { type: Begin, next: c }
  c: { type: Capture, properties: { ${properties} }, branches: { ${branches} } }
  term: { type: End }
  max: { type: End }
  slow: { type: End }
  pause: { type: End }
  fallback: { type: End }
`;

const input = (...entries: string[]) => `caller: { input: [${entries.join(', ')}] }`;

describe('Capture', () => {
  it('takes Terminator when the terminator key ends the input, storing the digits before it', () => {
    const report = run(capture('Variable: Account, MaxDigits: 6'), input('"1234#"'));
    expect(edges(report)).toEqual(['begin.Default', 'c.Terminator']);
    expect(path(report)).toEqual(['begin', 'c', 'term']);
    expect(report.steps[1]?.at).toBe(1000);
    expect(report.steps[1]?.notes).toEqual(['entered 1234 then the terminator #']);
    expect(report.variables['Account']).toBe('1234');
    expect(report.variables['DigitsEntered']).toBe('1234');
  });

  it('stores nothing when the terminator is the first key', () => {
    const report = run(capture('Variable: Account, MaxDigits: 6'), input('"#"'));
    expect(edges(report)).toEqual(['begin.Default', 'c.Terminator']);
    expect(report.variables['Account']).toBe('');
  });

  it('uses another Terminator key when told to', () => {
    const report = run(capture('Variable: Pin, MaxDigits: 6, Terminator: "*"'), input('"55*1#"'));
    expect(edges(report)).toEqual(['begin.Default', 'c.Terminator']);
    expect(report.variables['Pin']).toBe('55');
  });

  it('takes MaxDigits once MaxDigits digits are entered, keeping only those', () => {
    const report = run(capture('Variable: Account, MaxDigits: 4'), input('{ digits: "123456", after: 2 }'));
    expect(edges(report)).toEqual(['begin.Default', 'c.MaxDigits']);
    expect(path(report)).toEqual(['begin', 'c', 'max']);
    expect(report.steps[1]?.at).toBe(2000);
    expect(report.steps[1]?.notes).toEqual(['entered 4 digits: 1234']);
    expect(report.variables['Account']).toBe('1234');
  });

  it('takes MaxDigits when the limit is reached before the terminator', () => {
    const report = run(capture('Variable: Account, MaxDigits: 4'), input('"1234#"'));
    expect(edges(report)).toEqual(['begin.Default', 'c.MaxDigits']);
    expect(report.variables['Account']).toBe('1234');
  });

  it('treats # as an ordinary digit when Terminator is empty', () => {
    const report = run(capture('Variable: Code, MaxDigits: 3, Terminator: ""'), input('"1#2"'));
    expect(edges(report)).toEqual(['begin.Default', 'c.MaxDigits']);
    expect(report.variables['Code']).toBe('1#2');
  });

  it('collects one digit into DigitsEntered by default', () => {
    const report = run(capture(''), input('"7"'));
    expect(edges(report)).toEqual(['begin.Default', 'c.MaxDigits']);
    expect(report.variables['DigitsEntered']).toBe('7');
  });

  it('reads MaxDigits from a variable', () => {
    const report = run(capture('Variable: Account, MaxDigits: "{Len}"'), `${input('"98765"')}\nvariables: { Len: "3" }`);
    expect(edges(report)).toEqual(['begin.Default', 'c.MaxDigits']);
    expect(report.variables['Account']).toBe('987');
  });

  it('takes Timeout when no digit comes within Timeout seconds, storing nothing', () => {
    const report = run(capture('Variable: Account, MaxDigits: 4, Timeout: 7'), input('{ silence: true }'));
    expect(edges(report)).toEqual(['begin.Default', 'c.Timeout']);
    expect(path(report)).toEqual(['begin', 'c', 'slow']);
    expect(report.steps[1]?.at).toBe(7000);
    expect(report.steps[1]?.notes).toEqual(['no digit within 7 s']);
    expect(report.variables['Account']).toBeUndefined();
    expect(report.variables['DigitsEntered']).toBeUndefined();
    expect(report.elapsedMs).toBe(7000);
  });

  it('takes Timeout when the first digit comes too late', () => {
    const report = run(capture('Variable: Account, MaxDigits: 4, Timeout: 7'), input('{ digits: "12#", after: 9 }'));
    expect(edges(report)).toEqual(['begin.Default', 'c.Timeout']);
    expect(report.steps[1]?.at).toBe(7000);
    expect(report.variables['Account']).toBeUndefined();
  });

  it('takes InterDigitTimeout when the caller stops before MaxDigits, InterDigitTimeout after the digits', () => {
    const report = run(capture('Variable: Account, MaxDigits: 4, InterDigitTimeout: 3'), input('{ digits: "12", after: 2 }'));
    expect(edges(report)).toEqual(['begin.Default', 'c.InterDigitTimeout']);
    expect(path(report)).toEqual(['begin', 'c', 'pause']);
    expect(report.steps[1]?.at).toBe(5000);
    expect(report.steps[1]?.notes).toEqual(['entered 12, then nothing for 3 s']);
    expect(report.variables['Account']).toBe('12');
    expect(report.variables['DigitsEntered']).toBe('12');
  });

  it('falls back to Default for an unwired outcome, still storing the digits', () => {
    const report = run(capture('Variable: Account, MaxDigits: 4', 'Timeout: slow, Default: fallback'), input('"12#"'));
    expect(edges(report)).toEqual(['begin.Default', 'c.Default']);
    expect(path(report)).toEqual(['begin', 'c', 'fallback']);
    expect(report.steps[1]).toMatchObject({ branch: 'Default', outcome: 'Terminator', next: 'fallback' });
    expect(report.variables['Account']).toBe('12');
  });

  it('ends with NoBranch when the outcome and Default are both unwired', () => {
    const report = run(capture('Variable: Account, MaxDigits: 4', 'Terminator: term'), input('{ silence: true }'));
    expect(edges(report)).toEqual(['begin.Default']);
    expect(report.steps[1]).toMatchObject({ at: 5000, branch: null, outcome: 'Timeout', next: null });
    expect(report.outcome).toBe('ended');
    expect(report.reason).toBe('NoBranch');
    expect(report.message).toBe('Capture "c" took Timeout, which is not wired, and it has no Default branch, so the script stops there');
  });
});
