import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/api.ts';
import { foldOutbound, numberEntryFor, readNumbers } from '../../src/validate/numbers.ts';
import { mergeScenarioData } from '../../src/validate/scenario.ts';
import { runYaml } from '../helpers/run.ts';

const transferScript = `name: Out
actions:
  begin: { type: Begin, next: out }
  out:
    type: Transfer
    properties: { Destination: "18005550199" }
    branches: { Default: done, OnBusy: done, OnNoAnswer: done, OnInvalidNumber: done, OnDialingError: done }
  done: { type: End }
`;

const placeCallScript = `name: Dial
actions:
  begin: { type: Begin, next: call }
  call:
    type: Placecall
    properties: { PhoneNumber: "18005550199", DetectionType: NOTIFYOFMESSAGEEND }
    branches: { Default: done, LivePerson: done, AnswerMachine: done, NoVoice: done, NoAnswer: done, Busy: done, InvalidNumber: done, Error: done }
  done: { type: End }
`;

const branchOf = (report: ReturnType<typeof runYaml>, action: string) => report.steps.find((s) => s.action === action)?.outcome ?? report.steps.find((s) => s.action === action)?.branch;

describe('the scenario\'s numbers: one section for every action that dials', () => {
  it('one entry answers a Transfer and a Placecall, each in its own terms', () => {
    const cases: Array<[string, string, string]> = [
      ['person', 'Default', 'LivePerson'],
      ['machine', 'Default', 'AnswerMachine'],
      ['silence', 'Default', 'NoVoice'],
      ['busy', 'OnBusy', 'Busy'],
      ['noAnswer', 'OnNoAnswer', 'NoAnswer'],
      ['invalid', 'OnInvalidNumber', 'InvalidNumber'],
      ['error', 'OnDialingError', 'Error'],
    ];
    for (const [answer, transferBranch, placeCallBranch] of cases) {
      const scenario = `numbers: { "+1 (800) 555-0199": { answer: ${answer}, after: 2 } }`;
      expect(branchOf(runYaml(transferScript, scenario), 'out'), answer).toBe(transferBranch);
      expect(branchOf(runYaml(placeCallScript, scenario), 'call'), answer).toBe(placeCallBranch);
    }
  });

  it('says in the trace when a transfer is connected to a machine', () => {
    const report = runYaml(transferScript, 'numbers: { "18005550199": { answer: machine, after: 4 } }');
    expect(report.steps[1]?.notes?.[0]).toBe('dials 18005550199: the scenario says 18005550199 answers (an answering machine) after 4 s');
    expect(report.transfer?.destination).toBe('18005550199');
  });

  it('reads Transfer\'s former answer names as the answers beside them', () => {
    expect(readNumbers({ '1': { answer: 'Answered' }, '2': { answer: 'Busy' }, '3': { answer: 'NoAnswer' }, '4': { answer: 'InvalidNumber' }, '5': { answer: 'DialingError' } }).map((e) => e.answer)).toEqual(['person', 'busy', 'noAnswer', 'invalid', 'error']);
    expect(branchOf(runYaml(placeCallScript, 'numbers: { "18005550199": { answer: Answered } }'), 'call')).toBe('LivePerson');
  });

  it('finds an exact number before a pattern, and the first pattern written among patterns', () => {
    const entries = readNumbers({ '1800*': { answer: 'busy' }, '1*': { answer: 'error' }, '+1 800 555 0199': { answer: 'person' } });
    expect(numberEntryFor(entries, '18005550199')?.answer).toBe('person');
    expect(numberEntryFor(entries, '18005550100')?.answer).toBe('busy');
    expect(numberEntryFor(entries, '17005550100')?.answer).toBe('error');
    expect(numberEntryFor(entries, '27005550100')).toBeUndefined();
  });

  it('a Transfer dials a pattern too', () => {
    expect(branchOf(runYaml(transferScript, 'numbers: { "1800*": { answer: busy } }'), 'out')).toBe('OnBusy');
  });

  it('rejects a bad number or answer with its position', () => {
    const badKey = loadScenarioText('numbers:\n  "call me": { answer: person }\n', 's.yaml');
    expect(badKey.ok).toBe(false);
    expect(badKey.diagnostics[0]).toMatchObject({ line: 2, column: 3 });
    const badAnswer = loadScenarioText('numbers:\n  "1555": { answer: maybe }\n', 's.yaml');
    expect(badAnswer.ok).toBe(false);
    expect(badAnswer.diagnostics[0]).toMatchObject({ line: 2 });
    expect(loadScenarioText('numbers:\n  "1555": { answer: person, speaks: -1 }\n', 's.yaml').ok).toBe(false);
  });
});

describe('the former outbound: list', () => {
  const text = 'parameters: []\noutbound:\n  - { number: "18005550199", answer: machine, after: 5, speaks: 20 }\n  - { number: "1555*", answer: busy }\n';

  it('still works: its entries are read as numbers: entries, with a warning at outbound: saying what to write', () => {
    const loaded = loadScenarioText(text, 's.yaml');
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const warning = loaded.diagnostics.find((d) => d.code === 'outbound-in-numbers');
    expect(warning).toMatchObject({ severity: 'warning', line: 2, column: 1 });
    expect(warning?.hint).toBe('Replace outbound: with\nnumbers:\n  "18005550199": { answer: machine, after: 5, speaks: 20 }\n  "1555*": { answer: busy }');
    expect(loaded.scenario.numbers).toEqual([
      { number: '18005550199', answer: 'machine', afterMs: 5000, speaksMs: 20_000 },
      { number: '1555*', answer: 'busy' },
    ]);
    const report = runYaml(placeCallScript, text);
    expect(branchOf(report, 'call')).toBe('AnswerMachine');
  });

  it('the hint\'s lines read back as the same scenario', () => {
    const loaded = loadScenarioText(text, 's.yaml');
    if (!loaded.ok) throw new Error('invalid');
    const hint = loaded.diagnostics.find((d) => d.code === 'outbound-in-numbers')?.hint ?? '';
    const rewritten = loadScenarioText(`parameters: []\n${hint.replace('Replace outbound: with\n', '')}\n`, 's.yaml');
    expect(rewritten.ok && rewritten.diagnostics).toEqual([]);
    expect(rewritten.ok && rewritten.scenario.numbers).toEqual(loaded.scenario.numbers);
  });

  it('a number under both takes the numbers: answer, and the outbound entry is flagged', () => {
    const both = loadScenarioText('numbers:\n  "+1 800 555 0199": { answer: person }\noutbound:\n  - { number: "18005550199", answer: busy }\n', 's.yaml');
    expect(both.ok).toBe(true);
    if (!both.ok) return;
    expect(both.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['outbound-in-numbers', 3, 1], ['outbound-in-numbers', 4, 7]]);
    expect(both.diagnostics[1]?.message).toBe('18005550199 is also under numbers: (as "+1 800 555 0199"), whose answer wins; this entry is ignored');
    expect(numberEntryFor(both.scenario.numbers, '18005550199')?.answer).toBe('person');
  });

  it('the first entry of a number wins, as the list\'s first match did, however the number is written', () => {
    expect(foldOutbound({ outbound: [{ number: '1', answer: 'busy' }, { number: '1', answer: 'person' }] })).toEqual({ numbers: { '1': { answer: 'busy' } } });
    const loaded = loadScenarioText('outbound:\n  - { number: "+15551230001", answer: busy }\n  - { number: "1 555 123 0001", answer: person }\n', 's.yaml');
    expect(loaded.ok && numberEntryFor(loaded.scenario.numbers, '15551230001')?.answer).toBe('busy');
  });

  it('a test case\'s outbound: replaces the scenario\'s entry for that number, as a numbers: entry would', () => {
    const merged = mergeScenarioData({ numbers: { '1555': { answer: 'person' }, '1666': { answer: 'busy' } } }, { outbound: [{ number: '1555', answer: 'machine' }] });
    expect(merged).toEqual({ numbers: { '1555': { answer: 'machine' }, '1666': { answer: 'busy' } } });
  });
});

describe('outbound: in a test file', () => {
  it('warns at a case\'s outbound: and runs the case with it', async () => {
    const { loadTestText } = await import('../../src/testing/test-file.ts');
    const { runSuite } = await import('../../src/testing/runner.ts');
    const text = [
      'script: appointment-reminder.yaml',
      'cases:',
      '  - name: a machine',
      '    scenario:',
      '      outbound: [{ number: "+15551230001", answer: machine, after: 5, speaks: 20 }]',
      '    expect: { branches: { call_customer: AnswerMachine } }',
    ].join('\n');
    const result = loadTestText(text, 'x.test.yaml', 'scripts');
    expect(result.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['outbound-in-numbers', 5, 7]]);
    expect(result.suite).toBeDefined();
    if (!result.suite) return;
    const run = runSuite(result.suite, () => 0);
    expect(run.results.map((c) => c.passed)).toEqual([true]);
  });
});
