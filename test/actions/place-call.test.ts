import { describe, expect, it } from 'vitest';
import { loadScenarioText, loadScriptText } from '../../src/api.ts';
import { edges, runYaml } from '../helpers/run.ts';

const allBranches = '{ Default: picked_up, LivePerson: person, AnswerMachine: machine, MachineTimeout: long_message, NoVoice: silent, NoAnswer: failed, Busy: failed, InvalidNumber: failed, Error: failed }';

const script = (properties: string, branches = allBranches) => `name: Outbound
actions:
  begin: { type: Begin, next: call }
  call:
    type: Placecall
    properties: ${properties}
    branches: ${branches}
  picked_up: { type: End }
  person: { type: End }
  machine: { type: End }
  long_message: { type: End }
  silent: { type: End }
  failed: { type: Hangup }
`;

const dial = (properties: string, numbers: string, branches?: string) => {
  const report = runYaml(script(`{ PhoneNumber: "+1 555 123-0001", ${properties} }`, branches), `numbers: { ${numbers} }`);
  const step = report.steps.find((s) => s.action === 'call');
  return { report, branch: edges(report).find((e) => e.startsWith('call.')), at: report.steps[report.steps.indexOf(step as never) + 1]?.at, notes: step?.notes ?? [] };
};

describe('Placecall', () => {
  it('with DetectionType NONE takes Default as soon as the number picks up, person or machine', () => {
    const person = dial('Timeout: 30', '"+15551230001": { answer: person, after: 4 }');
    expect(person.branch).toBe('call.Default');
    expect(person.at).toBe(4000);
    expect(person.notes).toEqual(['dials +1 555 123-0001', 'Default after 4 s: picked up (DetectionType NONE does not tell a person from a machine)']);
    expect(dial('', '"+15551230001": { answer: machine, after: 2 }').branch).toBe('call.Default');
  });

  it('shows CallerID and LinkContactID in the trace', () => {
    expect(dial('CallerID: "8005550100", LinkContactID: "{ContactId}"', '"15551230001": { answer: person }').notes[0]).toBe('dials +1 555 123-0001 as 8005550100, pre-linked to contact contact-1');
  });

  it('takes LivePerson after the 7 s detection hold (NOTIFYOFMACHINEASAP), or after the voice and LiveSilence when longer (NOTIFYOFMESSAGEEND)', () => {
    const asap = dial('DetectionType: NOTIFYOFMACHINEASAP', '"+15551230001": { answer: person, after: 3, speaks: 1 }');
    expect(asap.branch).toBe('call.LivePerson');
    expect(asap.at).toBe(10_000);
    const end = dial('DetectionType: NOTIFYOFMESSAGEEND, MaxLiveVoice: 10, LiveSilence: 2', '"+15551230001": { answer: person, after: 3, speaks: 6 }');
    expect(end.branch).toBe('call.LivePerson');
    expect(end.at).toBe(3000 + 8000);
  });

  it('takes a voice longer than MaxLiveVoice for a machine', () => {
    const long = dial('DetectionType: NOTIFYOFMACHINEASAP, MaxLiveVoice: 2', '"+15551230001": { answer: person, speaks: 5 }');
    expect(long.branch).toBe('call.AnswerMachine');
    expect(long.notes[1]).toContain('a voice longer than MaxLiveVoice 2 s, so a machine');
  });

  it('takes AnswerMachine as soon as known (ASAP) or after the message and MachineSilence (MESSAGEEND)', () => {
    const asap = dial('DetectionType: NOTIFYOFMACHINEASAP', '"+15551230001": { answer: machine, after: 3, speaks: 20 }');
    expect(asap.branch).toBe('call.AnswerMachine');
    expect(asap.at).toBe(10_000);
    const end = dial('DetectionType: NOTIFYOFMESSAGEEND, MachineSilence: 2', '"+15551230001": { answer: machine, after: 3, speaks: 20 }');
    expect(end.branch).toBe('call.AnswerMachine');
    expect(end.at).toBe(25_000);
  });

  it('takes MachineTimeout when the machine message runs past MaxMachine (NOTIFYOFMESSAGEEND)', () => {
    const result = dial('DetectionType: NOTIFYOFMESSAGEEND, MaxMachine: 15', '"+15551230001": { answer: machine, after: 1, speaks: 40 }');
    expect(result.branch).toBe('call.MachineTimeout');
    expect(result.at).toBe(16_000);
  });

  it('takes NoVoice after NoVoiceTimeout for silence, or for a sound shorter than VoiceMinimum', () => {
    const silence = dial('DetectionType: NOTIFYOFMESSAGEEND, NoVoiceTimeout: 9', '"+15551230001": { answer: silence, after: 2 }');
    expect(silence.branch).toBe('call.NoVoice');
    expect(silence.at).toBe(11_000);
    expect(dial('DetectionType: NOTIFYOFMACHINEASAP, VoiceMinimum: 0.5', '"+15551230001": { answer: person, speaks: 0.2 }').branch).toBe('call.NoVoice');
  });

  it('takes Busy, InvalidNumber and Error from the scenario after `after`, with _ERR on Error', () => {
    const busy = dial('', '"+15551230001": { answer: busy, after: 2 }');
    expect(busy.branch).toBe('call.Busy');
    expect(busy.at).toBe(2000);
    expect(dial('', '"+15551230001": { answer: invalid }').branch).toBe('call.InvalidNumber');
    const error = dial('', '"+15551230001": { answer: error, after: 0 }');
    expect(error.branch).toBe('call.Error');
    expect(error.report.variables['_ERR']).toBe('Placecall could not place the call to +1 555 123-0001');
  });

  it('takes NoAnswer at Timeout: a ringing number, one picked up too late, and one the scenario does not list', () => {
    const rings = dial('Timeout: 20', '"+15551230001": { answer: noAnswer }');
    expect(rings.branch).toBe('call.NoAnswer');
    expect(rings.at).toBe(20_000);
    expect(dial('Timeout: 20', '"+15551230001": { answer: person, after: 25 }').branch).toBe('call.NoAnswer');
    const unlisted = dial('', '"+19995550000": { answer: person }');
    expect(unlisted.branch).toBe('call.NoAnswer');
    expect(unlisted.at).toBe(30_000);
    expect(unlisted.notes[1]).toContain('has no entry for +1 555 123-0001');
  });

  it('matches numbers digit for digit, with * for any digits: an exact number first, then the first pattern written', () => {
    expect(dial('', '"1555*": { answer: busy }, "+15551230001": { answer: person }').branch).toBe('call.Default');
    expect(dial('', '"1555*": { answer: busy }, "+1*": { answer: person }').branch).toBe('call.Busy');
    expect(dial('', '"+1*0001": { answer: invalid }').branch).toBe('call.InvalidNumber');
    expect(dial('', '"+1*0002": { answer: invalid }').branch).toBe('call.NoAnswer');
  });

  it('takes InvalidNumber at once for text that is no phone number, without asking the scenario', () => {
    const report = runYaml(script('{ PhoneNumber: "{Callback}" }'), 'variables: { Callback: "call me" }\nnumbers: {"*": { answer: person } }');
    expect(edges(report)).toContain('call.InvalidNumber');
    expect(report.steps[1]?.notes?.[1]).toBe('InvalidNumber after 0 s: "call me" is not a phone number (an optional + and 3 to 15 digits)');
  });

  it('caps a Timeout from a variable at 55 s; a literal over 55 is a validation error', () => {
    const report = runYaml(script('{ PhoneNumber: "5551230001", Timeout: "{Ring}" }'), 'variables: { Ring: 90 }');
    expect(report.steps[1]?.notes).toContain('Timeout 90 is over the 55 s the platform allows, so 55 is used');
    expect(report.steps[2]?.at).toBe(55_000);
    expect(loadScriptText(script('{ PhoneNumber: "5551230001", Timeout: 60 }'), 'x.yaml').ok).toBe(false);
  });

  it('falls back to Default when the result\'s branch is not connected', () => {
    const report = runYaml(script('{ PhoneNumber: "5551230001" }', '{ Default: picked_up }'), 'numbers: {"5551230001": { answer: busy } }');
    expect(edges(report)).toEqual(['begin.Default', 'call.Default']);
    expect(report.steps[1]?.outcome).toBe('Busy');
  });

  it('warns about detection properties its DetectionType ignores or forbids', () => {
    const loaded = loadScriptText(script('{ PhoneNumber: "5551230001", DetectionType: NOTIFYOFMACHINEASAP, MaxMachine: 20, LiveSilence: 1 }'), 'x.yaml');
    expect(loaded.ok).toBe(true);
    const codes = loaded.diagnostics.filter((d) => d.code === 'placecall-detection-conflict');
    expect(codes.map((d) => d.message)).toEqual([
      'Placecall "call" sets MaxMachine 20 with DetectionType NOTIFYOFMACHINEASAP, which requires MaxMachine 0',
      'Placecall "call" sets LiveSilence, which only applies with DetectionType NOTIFYOFMESSAGEEND',
    ]);
  });

  it('accepts the web Studio labels with a did-you-mean, and rejects an unknown DetectionType', () => {
    const labelled = loadScriptText(script('{ Phone Number: "5551230001" }'), 'x.yaml');
    expect(labelled.ok).toBe(false);
    expect(labelled.diagnostics.map((d) => d.message).join('\n')).toContain('PhoneNumber');
    expect(loadScriptText(script('{ PhoneNumber: "5551230001", DetectionType: AMD }'), 'x.yaml').ok).toBe(false);
  });

  it('works in Phone scripts only: another media type is an error at the action\'s type, with its line and column', () => {
    for (const mediaType of ['Chat', 'Email', 'Generic', 'WorkItem']) {
      const loaded = loadScriptText(`mediaType: ${mediaType}\n${script('{ PhoneNumber: "5551230001" }')}`, 'x.yaml');
      expect(loaded.ok, mediaType).toBe(false);
      const problem = loaded.diagnostics.find((d) => d.code === 'unsupported-script-type');
      expect(problem).toMatchObject({ severity: 'error', file: 'x.yaml', line: 6, column: 11, message: `Placecall "call" is in ${mediaType === 'Email' ? 'an' : 'a'} ${mediaType === 'WorkItem' ? 'Work Item' : mediaType} script, but Placecall works only in Phone scripts: its page does not list ${mediaType === 'WorkItem' ? 'Work Item' : mediaType} under Supported Script Types` });
    }
    expect(loadScriptText(`mediaType: Phone\n${script('{ PhoneNumber: "5551230001" }')}`, 'x.yaml').ok).toBe(true);
    // A script that does not say is a Phone script.
    expect(loadScriptText(script('{ PhoneNumber: "5551230001" }'), 'x.yaml').diagnostics.filter((d) => d.code === 'unsupported-script-type')).toEqual([]);
  });

  it('rejects outbound: entries of the wrong shape with a position', () => {
    const bad = loadScenarioText('outbound:\n  - { number: "1555", answer: maybe }\n', 's.yaml');
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics.find((d) => d.severity === 'error')).toMatchObject({ line: 2 });
    expect(loadScenarioText('outbound:\n  - { answer: person }\n', 's.yaml').ok).toBe(false);
    expect(loadScenarioText('outbound:\n  - { number: "1555", answer: person, after: -1 }\n', 's.yaml').ok).toBe(false);
  });
});
