// Signal: https://help.staging.nice-incontact.com/content/studio/actions/signal/signal.htm (ContactID, Parameters; Default, OnError "if the contact ID does not exist")
// https://help.nicecxone.com/content/Studio/actionscx/signal/signal.htm (up to nine parameters; the script jumps to Onsignal "if one is present")
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScript, loadScriptText, runScript } from '../../src/api.ts';
import { emptyScenario } from '../../src/validate/scenario.ts';
import { path, runYaml } from '../helpers/run.ts';

const folder = join(import.meta.dirname, '..', 'fixtures', 'signal');
const caller = () => {
  const loaded = loadScript(join(folder, 'caller.yaml'), {}, 'signal/caller.yaml');
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n'));
  return loaded.compiled;
};
const withDelay = (delay: number) => ({ ...emptyScenario(), variables: { Delay: delay } });

const run = (actions: string, scenario = '') => runYaml(`name: SignalTest\nactions:\n${actions}`, scenario);

describe('Signal', () => {
  it('interrupts the spawned helper\'s caller in its Wait at the same virtual instant, once the Signal step is over, with SP1, SP2 and the sender\'s contact id', () => {
    const report = runScript(caller(), withDelay(40));
    expect(path(report)).toEqual(['begin', 'start_helper', 'pause', 'pause_again', 'signalled', 'done']);
    expect(report.steps[3]).toMatchObject({ at: 40000, action: 'pause_again', interruptedBy: 'OnSignal' });
    expect(report.variables).toMatchObject({ SP1: 'found', SP2: 'contact-2', HelperId: 'contact-2' });
    const helper = report.spawned?.[0];
    expect(helper).toMatchObject({ contactId: 'contact-2', path: ['begin', 'think', 'tell', 'after', 'done'], reason: 'End' });
    expect(helper?.variables).toMatchObject({ Told: 'yes' });
    // Delivered at the same instant, once the sender had gone as far as it could then: its Signal step, and its steps after it that take no time, come first.
    const sent = helper?.steps?.find((step) => step.action === 'tell');
    const helperEnd = helper?.steps?.at(-1);
    const received = report.steps[4];
    expect([sent?.at, helperEnd?.at, received?.at]).toEqual([40000, 40000, 40000]);
    expect((sent?.seq ?? Infinity) < (helperEnd?.seq ?? Infinity) && (helperEnd?.seq ?? Infinity) < (report.steps[3]?.seq ?? -1)).toBe(true);
    expect(report.world.filter((w) => w.kind === 'signaled').map((w) => `${w.at} ${w.text}`)).toEqual(['40000 contact contact-1 is signalled by contact contact-2 with SP1 = "found", SP2 = "contact-2"; its OnSignal runs']);
  });

  it('notes the delivery in the sender\'s step', () => {
    const report = runScript(caller(), withDelay(5));
    expect(report.spawned?.[0]?.steps?.find((step) => step.action === 'tell')?.notes).toEqual(['signals contact contact-1 with SP1 = "found", SP2 = "contact-2": its OnSignal runs at this instant, once this step is over']);
  });

  it('takes OnError with _ERR when the contact has ended', () => {
    // The caller gives up at 60 s; the helper signals at 90 s.
    const report = runScript(caller(), withDelay(90));
    expect(path(report)).toEqual(['begin', 'start_helper', 'pause', 'pause_again', 'timed_out']);
    expect(report.spawned?.[0]?.variables).toMatchObject({ Told: 'no: contact "contact-1" has ended, so it cannot be signalled' });
    expect(report.spawned?.[0]?.path).toEqual(['begin', 'think', 'tell', 'failed', 'done']);
  });

  const single = (contactId: string, parameters = 'a', more = '') => `
  begin: { type: Begin, next: tell }
  tell: { type: Signal, properties: { ContactID: ${JSON.stringify(contactId)}, Parameters: ${JSON.stringify(parameters)} }, branches: { Default: sent, OnError: failed } }
  sent: { type: End }
  failed: { type: End }
${more}`;

  it('takes OnError for an empty, unknown, garbage or huge ContactID, saying why in _ERR', () => {
    const cases: Array<[string, string]> = [
      ['', 'ContactID is empty: there is no contact to signal'],
      ['{Nothing}', 'ContactID is empty: there is no contact to signal'],
      ['contact-77', 'contact "contact-77" does not exist, so it cannot be signalled'],
      ['\'; DROP TABLE contacts; --', 'contact "\'; DROP TABLE contacts; --" does not exist, so it cannot be signalled'],
      ['9'.repeat(5000), `contact "${'9'.repeat(61)}..." (5000 characters) does not exist, so it cannot be signalled`],
    ];
    for (const [contactId, error] of cases) {
      const report = contactId === '' ? run(single('{Nothing}')) : run(single(contactId));
      expect(path(report), contactId.slice(0, 20)).toEqual(['begin', 'tell', 'failed']);
      expect(report.steps[1]).toMatchObject({ branch: 'OnError' });
      expect(report.variables['_ERR']).toBe(error);
    }
  });

  it('takes OnError when substitutions make more than 9 parameters, or one over 32 KB', () => {
    const ten = run(single('{ContactId}', '{Many}'), `variables: { Many: "${Array.from({ length: 10 }, (_, i) => i).join('\\n')}" }`);
    expect(ten.variables['_ERR']).toBe('Parameters has 10 values; a signal carries at most 9 (SP1 to SP9)');
    const huge = run(single('{ContactId}', 'ok\n{Big}{Big}'), `variables: { Big: "${'x'.repeat(20_000)}" }`);
    expect(huge.variables['_ERR']).toBe('SP2 is 40000 characters, over the 32 KB a signal parameter may hold');
    expect(path(huge)).toEqual(['begin', 'tell', 'failed']);
  });

  it('refuses 10 parameter lines when the script is checked, at the property\'s line and column', () => {
    const loaded = loadScriptText(`name: T\nactions:\n  begin: { type: Begin, next: tell }\n  tell:\n    type: Signal\n    properties:\n      ContactID: "{SPAWNID}"\n      Parameters: "${Array.from({ length: 10 }, (_, i) => `v${i}`).join('\\n')}"\n    next: done\n  done: { type: End }\n`);
    expect(loaded.ok).toBe(false);
    expect(loaded.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.line, d.column, d.message])).toEqual([[8, 19, 'Signal "tell" sends 10 parameters; a signal carries at most 9 (SP1 to SP9)']]);
  });

  it('a script may signal itself: Default, then its own OnSignal cuts short the next action at the same instant', () => {
    const report = run(single('{ContactId}', 'me', `  signalled: { type: OnSignal, properties: { SrcContactIDVar: From }, next: heard }\n  heard: { type: End }\n`).replace('Default: sent', 'Default: pause').concat('  pause: { type: Wait, properties: { Seconds: 10 }, next: sent }\n'));
    expect(path(report)).toEqual(['begin', 'tell', 'pause', 'signalled', 'heard']);
    expect(report.steps[1]?.notes).toEqual(['signals contact contact-1 (this contact itself) with SP1 = "me": its OnSignal runs at this instant, once this step is over']);
    expect(report.steps[2]).toMatchObject({ at: 0, interruptedBy: 'OnSignal' });
    expect(report.variables).toMatchObject({ SP1: 'me', From: 'contact-1' });
  });

  it('takes Default when the signalled script has no OnSignal, and says the signal changes nothing there', () => {
    const report = run(single('{ContactId}'));
    expect(path(report)).toEqual(['begin', 'tell', 'sent']);
    expect(report.steps[1]?.notes).toEqual(['signals contact contact-1 (this contact itself) with SP1 = "a": its script has no OnSignal, so the signal changes nothing there (the Signal page: the script jumps to an OnSignal "if one is present")']);
  });

  it('suggests OnError for the CXone Studio spelling Error', () => {
    const loaded = loadScriptText('name: T\nactions:\n  begin: { type: Begin, next: tell }\n  tell: { type: Signal, properties: { ContactID: "1" }, branches: { Default: done, Error: done } }\n  done: { type: End }\n');
    expect(loaded.diagnostics.map((d) => d.message).join('\n')).toMatch(/OnError/);
  });
});
