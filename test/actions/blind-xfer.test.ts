import { describe, expect, it } from 'vitest';
import { checkExpectations } from '../../src/testing/expectations.ts';
import { edges, path, runYaml } from '../helpers/run.ts';

// https://help.nice-incontact.com/pt-br/content/studio/actions/blindxfer/blindxfer.htm (the receiver sees the caller's ANI; Blindxfer triggers OnRelease)

describe('BlindXfer', () => {
  it('hands the call to the number keeping the ANI, and the script goes on at OnRelease', () => {
    const report = runYaml(`name: B
actions:
  begin: { type: Begin, next: away }
  away: { type: BlindXfer, properties: { PhoneNumber: "{AfterHours}" } }
  released: { type: OnRelease, next: log }
  log: { type: Assign, properties: { Variable: Logged, Value: "yes" }, next: done }
  done: { type: Stop }
`, 'caller: { ani: "5550002222" }\nvariables: { AfterHours: "18005550123" }');
    expect(path(report)).toEqual(['begin', 'away', 'released', 'log', 'done']);
    expect(report.steps[1]).toMatchObject({ action: 'away', branch: null, next: 'released', notes: ["hands the call to 18005550123 showing the caller's ANI 5550002222, and releases it"] });
    expect(report.transfer).toEqual({ at: 0, action: 'away', type: 'BlindXfer', destination: '18005550123', callerId: '5550002222', result: 'Released' });
    expect(report.world.filter((w) => w.kind === 'transferred').map((w) => w.text)).toEqual(["the caller of contact-1 is blind-transferred to 18005550123, showing the caller's ANI 5550002222"]);
    expect(report.reason).toBe('Transferred');
    expect(report.message).toBe('The call left for 18005550123 at BlindXfer "away", and the script goes on at OnRelease "released"');
    expect(report.variables['Logged']).toBe('yes');
    // A test file's `transfer` expectation matches the fields it gives.
    expect(checkExpectations(report, { transfer: { type: 'BlindXfer', destination: '18005550123', callerId: '5550002222' } })).toEqual([]);
    expect(checkExpectations(report, { transfer: { destination: '18005550199' } }).map((f) => f.message)).toEqual(['transfer: the call went to 18005550123 by BlindXfer, not as expected']);
  });

  it('ends the script without an OnRelease', () => {
    const report = runYaml(`name: B
actions:
  begin: { type: Begin, next: away }
  away: { type: BlindXfer, properties: { PhoneNumber: "18005550123" } }
`);
    expect(edges(report)).toEqual(['begin.Default']);
    expect(report.reason).toBe('Transferred');
    expect(report.message).toBe('The call left for 18005550123 at BlindXfer "away"');
  });

  it('cannot recover a transfer to a busy or invalid number: the call is gone anyway', () => {
    const report = runYaml(`name: B
actions:
  begin: { type: Begin, next: away }
  away: { type: BlindXfer, properties: { PhoneNumber: "18005550123" } }
`, 'numbers: { "18005550123": { answer: Busy } }');
    expect(report.steps[1]?.notes).toEqual(["hands the call to 18005550123 showing the caller's ANI 5551234567, and releases it; the scenario says 18005550123 is busy after 2 s, and the call cannot be recovered"]);
    expect(report.reason).toBe('Transferred');
  });

  it('inside the OnRelease logic there is no call left to transfer', () => {
    const report = runYaml(`name: B
actions:
  begin: { type: Begin, next: bye }
  bye: { type: Hangup }
  released: { type: OnRelease, next: away }
  away: { type: BlindXfer, properties: { PhoneNumber: "18005550123" } }
`);
    expect(report.steps.find((s) => s.action === 'away')?.notes).toEqual(['the caller is already gone, so there is no call to transfer; the script ends here']);
    expect(report.transfer).toBeUndefined();
    expect(report.reason).toBe('Hangup');
    expect(checkExpectations(report, { transfer: {} }).map((f) => f.message)).toEqual(['transfer: the call never left for an outside number']);
  });
});
