import { describe, expect, it } from 'vitest';
import { loadScriptText } from '../../src/api.ts';
import { edges, path, runYaml } from '../helpers/run.ts';

// https://help.nicecxone.com/Content/studio/actionscx/capture/capture.htm
// https://help.nicecxone.com/zh-cn/content/Studio/actionscx/capture/capture.htm (branches; the terminator stored unless "#-"; the digit buffer)
// https://help.nice-incontact.com/content/studio/actions/capture/capture.htm (Desktop names; MaxDigits default 1; Timeout 0 to 60)

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

/** The diagnostics of a script with Begin -> c, where c is the given action. */
const diagnosticsOf = (action: string) => {
  const loaded = loadScriptText(`name: X\nactions:\n  begin: { type: Begin, next: c }\n  ${action}\n  done: { type: End }\n`, 't.yaml');
  return { ok: loaded.ok, diagnostics: loaded.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message })) };
};

describe('Capture', () => {
  it('takes Terminator when the terminator key ends the input, storing the terminator with the keys', () => {
    const report = run(capture('Variable: Account, MaxDigits: 6, Terminator: "#"'), input('"1234#"'));
    expect(edges(report)).toEqual(['begin.Default', 'c.Terminator']);
    expect(path(report)).toEqual(['begin', 'c', 'term']);
    expect(report.steps[1]?.at).toBe(1000);
    expect(report.steps[1]?.notes).toEqual(['entered 1234#, ending with the terminator #', 'Account = "1234#"']);
    expect(report.variables['Account']).toBe('1234#');
    expect(report.variables['DigitsEntered']).toBeUndefined();
  });

  it('does not store a Terminator written with a trailing minus ("#-")', () => {
    const report = run(capture('Variable: Account, MaxDigits: 6, Terminator: "#-"'), input('"1234#"'));
    expect(edges(report)).toEqual(['begin.Default', 'c.Terminator']);
    expect(report.steps[1]?.notes).toEqual(['entered 1234, ending with the terminator # (not stored: written with a trailing minus)', 'Account = "1234"']);
    expect(report.variables['Account']).toBe('1234');
  });

  it('stores only the terminator when it is the first key, and nothing with "#-"', () => {
    expect(run(capture('Variable: Account, MaxDigits: 6, Terminator: "#"'), input('"#"')).variables['Account']).toBe('#');
    const minus = run(capture('Variable: Account, MaxDigits: 6, Terminator: "#-"'), input('"#"'));
    expect(edges(minus)).toEqual(['begin.Default', 'c.Terminator']);
    expect(minus.variables['Account']).toBe('');
  });

  it('uses another Terminator key when told to, leaving later keys in the digit buffer', () => {
    const report = run(capture('Variable: Pin, MaxDigits: 6, Terminator: "*-"'), input('"55*1#"'));
    expect(edges(report)).toEqual(['begin.Default', 'c.Terminator']);
    expect(report.variables['Pin']).toBe('55');
  });

  it('counts a stored terminator toward MaxDigits: with MaxDigits 4, "123#" ends on the terminator', () => {
    const report = run(capture('Variable: Account, MaxDigits: 4, Terminator: "#"'), input('"123#"'));
    expect(edges(report)).toEqual(['begin.Default', 'c.Terminator']);
    expect(report.variables['Account']).toBe('123#');
  });

  it('takes MaxDigits once MaxDigits keys are entered, keeping only those', () => {
    const report = run(capture('Variable: Account, MaxDigits: 4'), input('{ digits: "123456", after: 2 }'));
    expect(edges(report)).toEqual(['begin.Default', 'c.MaxDigits']);
    expect(path(report)).toEqual(['begin', 'c', 'max']);
    expect(report.steps[1]?.at).toBe(2000);
    expect(report.steps[1]?.notes).toEqual(['entered 1234: 4 keys, MaxDigits', 'Account = "1234"']);
    expect(report.variables['Account']).toBe('1234');
  });

  it('takes MaxDigits when the limit is reached before the terminator', () => {
    const report = run(capture('Variable: Account, MaxDigits: 4, Terminator: "#"'), input('"1234#"'));
    expect(edges(report)).toEqual(['begin.Default', 'c.MaxDigits']);
    expect(report.variables['Account']).toBe('1234');
  });

  it('treats # as an ordinary key when Terminator is empty', () => {
    const report = run(capture('Variable: Code, MaxDigits: 3, Terminator: ""'), input('"1#2"'));
    expect(edges(report)).toEqual(['begin.Default', 'c.MaxDigits']);
    expect(report.variables['Code']).toBe('1#2');
  });

  it('collects one key by default (MaxDigits 1)', () => {
    const report = run(capture('Variable: Key'), input('"7"'));
    expect(edges(report)).toEqual(['begin.Default', 'c.MaxDigits']);
    expect(report.variables['Key']).toBe('7');
  });

  it('stores nothing without Variable: there is no implicit DigitsEntered', () => {
    const report = run(capture(''), input('"7"'));
    expect(edges(report)).toEqual(['begin.Default', 'c.MaxDigits']);
    expect(report.variables['DigitsEntered']).toBeUndefined();
  });

  it('reads MaxDigits from a variable', () => {
    const report = run(capture('Variable: Account, MaxDigits: "{Len}"'), `${input('"98765"')}\nvariables: { Len: "3" }`);
    expect(edges(report)).toEqual(['begin.Default', 'c.MaxDigits']);
    expect(report.variables['Account']).toBe('987');
  });

  it('takes Timeout when no key comes within Timeout seconds, with Variable empty', () => {
    const report = run(capture('Variable: Account, MaxDigits: 4, Timeout: 7'), input('{ silence: true }'));
    expect(edges(report)).toEqual(['begin.Default', 'c.Timeout']);
    expect(path(report)).toEqual(['begin', 'c', 'slow']);
    expect(report.steps[1]?.at).toBe(7000);
    expect(report.steps[1]?.notes).toEqual(['no key within 7 s', 'Account = ""']);
    expect(report.variables['Account']).toBe('');
    expect(report.elapsedMs).toBe(7000);
  });

  it('waits the default Timeout of 5 s', () => {
    const report = run(capture('Variable: Account'), input('{ silence: true }'));
    expect(edges(report)).toEqual(['begin.Default', 'c.Timeout']);
    expect(report.steps[1]?.at).toBe(5000);
  });

  it('takes Timeout when the first key comes too late', () => {
    const report = run(capture('Variable: Account, MaxDigits: 4, Timeout: 7'), input('{ digits: "12#", after: 9 }'));
    expect(edges(report)).toEqual(['begin.Default', 'c.Timeout']);
    expect(report.steps[1]?.at).toBe(7000);
    expect(report.variables['Account']).toBe('');
  });

  it('treats a key exactly at the timeout as too late', () => {
    const report = run(capture('Variable: Account, MaxDigits: 4, Timeout: 3'), input('{ digits: "1", after: 3 }'));
    expect(edges(report)).toEqual(['begin.Default', 'c.Timeout']);
    expect(report.steps[1]?.at).toBe(3000);
    expect(report.variables['Account']).toBe('');
  });

  it('takes InterDigitTimeout when the caller stops before MaxDigits, InterDigitTimeout after the last key', () => {
    const report = run(capture('Variable: Account, MaxDigits: 4, InterDigitTimeout: 3'), input('{ digits: "12", after: 2 }'));
    expect(edges(report)).toEqual(['begin.Default', 'c.InterDigitTimeout']);
    expect(path(report)).toEqual(['begin', 'c', 'pause']);
    expect(report.steps[1]?.at).toBe(5000);
    expect(report.steps[1]?.notes).toEqual(['entered 12, then no key for 3 s', 'Account = "12"']);
    expect(report.variables['Account']).toBe('12');
  });

  it('waits the default InterDigitTimeout of 3 s', () => {
    const report = run(capture('Variable: Account, MaxDigits: 4'), input('"12"'));
    expect(edges(report)).toEqual(['begin.Default', 'c.InterDigitTimeout']);
    expect(report.steps[1]?.at).toBe(4000);
  });

  it('with Timeout 0 takes no key and clears the digit buffer', () => {
    const report = run(`
  begin: { type: Begin, next: flush }
  flush: { type: Capture, properties: { Variable: Flushed, Timeout: 0 }, branches: { Default: c } }
  c: { type: Capture, properties: { Variable: Account, MaxDigits: 4 }, branches: { Default: done } }
  done: { type: End }
`, input('{ digits: "99", ahead: true }', '"1234"'));
    expect(edges(report)).toEqual(['begin.Default', 'flush.Default', 'c.Default']);
    expect(report.steps[1]).toMatchObject({ at: 0, outcome: 'Timeout' });
    expect(report.steps[1]?.notes).toEqual(['clears the digit buffer (99)', 'Timeout is 0: no key is taken and the digit buffer is cleared', 'Flushed = ""']);
    expect(report.variables['Flushed']).toBe('');
    expect(report.variables['Account']).toBe('1234');
  });

  it('takes keys left in the digit buffer by an earlier Capture first', () => {
    const report = run(`
  begin: { type: Begin, next: first }
  first: { type: Capture, properties: { Variable: Pin, MaxDigits: 2 }, branches: { Default: second } }
  second: { type: Capture, properties: { Variable: Rest, MaxDigits: 3 }, branches: { Default: done } }
  done: { type: End }
`, input('"12345"'));
    expect(edges(report)).toEqual(['begin.Default', 'first.Default', 'second.Default']);
    expect(report.variables['Pin']).toBe('12');
    expect(report.variables['Rest']).toBe('345');
    // The leftover keys are in the buffer: the second Capture ends at once.
    expect(report.steps.map((s) => s.at)).toEqual([0, 1000, 1000, 1000]);
  });

  it('takes keys typed ahead (in the buffer when it starts) at once', () => {
    const report = run(capture('Variable: Account, MaxDigits: 4'), input('{ digits: "4321", ahead: true }'));
    expect(edges(report)).toEqual(['begin.Default', 'c.MaxDigits']);
    expect(report.steps[1]?.at).toBe(0);
    expect(report.variables['Account']).toBe('4321');
  });

  it('keeps typed-ahead keys through a Play with ClearDigits false, and loses them to one with ClearDigits true', () => {
    const script = (clear: boolean) => `
  begin: { type: Begin, next: prompt }
  prompt: { type: Play, properties: { Sequence: '"%Enter your account"', ClearDigits: ${clear} }, next: c }
  c: { type: Capture, properties: { Variable: Account, MaxDigits: 4 }, branches: { Default: done } }
  done: { type: End }
`;
    const kept = run(script(false), input('{ digits: "4321", ahead: true }'));
    expect(kept.variables['Account']).toBe('4321');
    expect(kept.elapsedMs).toBe(0);
    const cleared = run(script(true), input('{ digits: "4321", ahead: true }', '"5678"'));
    expect(cleared.variables['Account']).toBe('5678');
    expect(cleared.steps[1]?.notes).toContain('clears the digit buffer (4321)');
  });

  it('falls back to Default for an unwired outcome, still storing the keys', () => {
    const report = run(capture('Variable: Account, MaxDigits: 4, Terminator: "#-"', 'Timeout: slow, Default: fallback'), input('"12#"'));
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
    expect(report.message).toBe('Capture "c" took Timeout, which is not wired, and it has no Default branch, so the contact is stuck there until an event (the caller hanging up, an agent answering, a hold), and nothing is left in the scenario to raise one');
  });

  it('has no Sequence property: a script that still uses one is refused with a hint to use Play', () => {
    const result = diagnosticsOf('c: { type: Capture, properties: { Sequence: \'"x.wav"\', Variable: A }, branches: { Default: done } }');
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([{ code: 'former-name', severity: 'error', message: 'Capture "c" has no property "Sequence" on the platform' }]);
  });

  it('accepts the older branch name OnTimeout only with a rename to Timeout', () => {
    const result = diagnosticsOf('c: { type: Capture, properties: { Variable: A }, branches: { OnTimeout: done } }');
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toContain('former-name');
  });
});
