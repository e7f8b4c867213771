import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/api.ts';
import { edges, runYaml } from '../helpers/run.ts';

// https://help.nicecxone.com/content/studio/actionscx/transfer/transfer.htm (Destination, Caller ID)
// https://help-beta.niceincontact.com/spring19/Content/Studio/Actions/TRANSFER/TRANSFER.htm (NoAnswerTimeout; Default, OnDialingError, OnBusy, OnNoAnswer, OnInvalidNumber)

const script = (properties: string, branches = 'Default: connected, OnBusy: busy, OnNoAnswer: no_answer, OnInvalidNumber: invalid, OnDialingError: failed') => `name: TransferTest
variables: { Number: "" }
actions:
  begin: { type: Begin, next: transfer }
  transfer: { type: Transfer, properties: { ${properties} }, branches: { ${branches} } }
  connected: { type: End }
  busy: { type: Play, properties: { Sequence: '"%The line is busy"' }, next: bye }
  no_answer: { type: Play, properties: { Sequence: '"%Nobody answers"' }, next: bye }
  invalid: { type: Play, properties: { Sequence: '"%That number is not valid"' }, next: bye }
  failed: { type: Play, properties: { Sequence: '"%The call could not be placed"' }, next: bye }
  bye: { type: Hangup }
`;
const step = (report: ReturnType<typeof runYaml>) => report.steps.find((s) => s.action === 'transfer');

describe('Transfer', () => {
  it('connects the caller when the destination answers within NoAnswerTimeout: Default, and the report says where the call went', () => {
    const report = runYaml(script('Destination: "+1 (800) 555-0199", CallerID: "8005550100", NoAnswerTimeout: 20'), 'numbers: { "18005550199": { answer: Answered, after: 12 } }');
    expect(step(report)).toMatchObject({
      at: 12_000,
      branch: 'Default',
      next: 'connected',
      notes: ['dials +1 (800) 555-0199 showing caller id 8005550100: the scenario says +1 (800) 555-0199 answers after 12 s', '+1 (800) 555-0199 answers: the caller is connected to it and leaves the script'],
    });
    expect(report.transfer).toEqual({ at: 12_000, action: 'transfer', type: 'Transfer', destination: '+1 (800) 555-0199', callerId: '8005550100', result: 'Answered' });
    expect(report.world.filter((w) => w.kind === 'transferred').map((w) => w.text)).toEqual(['the caller of contact-1 is transferred to +1 (800) 555-0199, which answered (caller id 8005550100)']);
    expect(report.reason).toBe('End');
  });

  it('takes OnBusy after the busy tone', () => {
    const report = runYaml(script('Destination: "18005550199"'), 'numbers: { "18005550199": { answer: Busy } }');
    expect(step(report)).toMatchObject({ at: 2000, branch: 'OnBusy', next: 'busy' });
    expect(report.transfer).toBeUndefined();
    expect(edges(report)).toEqual(['begin.Default', 'transfer.OnBusy', 'busy.Default']);
  });

  it('takes OnNoAnswer after NoAnswerTimeout, also when the party would answer later than that', () => {
    const never = runYaml(script('Destination: "18005550199", NoAnswerTimeout: 25'), 'numbers: { "18005550199": { answer: NoAnswer } }');
    expect(step(never)).toMatchObject({ at: 25_000, branch: 'OnNoAnswer' });
    expect(step(never)?.notes?.[1]).toBe('no answer within NoAnswerTimeout (25 s): the call counts as abandoned');
    const late = runYaml(script('Destination: "{Number}", NoAnswerTimeout: "{Timeout}"'), 'variables: { Number: "18005550199", Timeout: 10 }\nnumbers: { "18005550199": { answer: Answered, after: 15 } }');
    expect(step(late)).toMatchObject({ at: 10_000, branch: 'OnNoAnswer' });
    // The default NoAnswerTimeout is 30 s.
    expect(step(runYaml(script('Destination: "18005550199"'), 'numbers: { "18005550199": { answer: NoAnswer } }'))?.at).toBe(30_000);
  });

  it('takes OnInvalidNumber for a number the scenario calls invalid, text that is no phone number, and an empty Destination', () => {
    expect(step(runYaml(script('Destination: "18005550199"'), 'numbers: { "18005550199": { answer: InvalidNumber } }'))).toMatchObject({ at: 0, branch: 'OnInvalidNumber' });
    const text = runYaml(script('Destination: "the bank"'));
    expect(step(text)).toMatchObject({ branch: 'OnInvalidNumber', notes: ['dials the bank: "the bank" is not a phone number (3 to 15 digits)'] });
    const empty = runYaml(script('Destination: "{Number}"'));
    expect(step(empty)).toMatchObject({ branch: 'OnInvalidNumber', notes: ['Destination is empty'] });
  });

  it('takes OnDialingError when the network cannot place the call', () => {
    const report = runYaml(script('Destination: "18005550199"'), 'numbers: { "18005550199": { answer: DialingError } }');
    expect(step(report)).toMatchObject({ branch: 'OnDialingError', next: 'failed' });
  });

  it('answers after 5 s for a number the scenario does not list', () => {
    const report = runYaml(script('Destination: "18005550111"'));
    expect(step(report)).toMatchObject({ at: 5000, branch: 'Default', notes: ["dials 18005550111: 18005550111 is not in the scenario's numbers, so it answers after 5 s", '18005550111 answers: the caller is connected to it and leaves the script'] });
  });

  it('follows Default when the matching branch is not connected', () => {
    const report = runYaml(script('Destination: "18005550199"', 'Default: connected'), 'numbers: { "18005550199": { answer: Busy } }');
    expect(step(report)).toMatchObject({ branch: 'Default', outcome: 'OnBusy', next: 'connected' });
    expect(report.transfer).toBeUndefined();
  });

  it('is cut short when the caller hangs up while it rings: OnRelease runs', () => {
    const report = runYaml(`name: T
actions:
  begin: { type: Begin, next: transfer }
  transfer: { type: Transfer, properties: { Destination: "18005550199" }, next: done }
  done: { type: End }
  released: { type: OnRelease, next: bye }
  bye: { type: Hangup }
`, 'caller: { hangupAfter: 3 }\nnumbers: { "18005550199": { answer: Answered, after: 10 } }');
    expect(step(report)).toMatchObject({ at: 3000, interruptedBy: 'OnRelease' });
    expect(report.transfer).toBeUndefined();
    expect(report.reason).toBe('CallerHungUp');
  });

  it('checks the scenario\'s numbers', () => {
    const bad = loadScenarioText('numbers: { "1800": { answer: Ringing }, "call me": { answer: Busy } }');
    expect(bad.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([
      '1:30 invalid-value numbers["1800"].answer must be one of the allowed values, not the text "Ringing"',
      '1:41 invalid-key "call me" is not a valid phone number: it has a space',
    ]);
  });
});
