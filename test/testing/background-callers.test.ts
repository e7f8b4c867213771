import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioText, loadScriptText, runScript } from '../../src/api.ts';
import { loadTestFile, loadTestText } from '../../src/testing/test-file.ts';
import { runSuite } from '../../src/testing/runner.ts';

const folder = join(import.meta.dirname, '..', 'fixtures', 'callers');

const queueScript = `name: Q
variables: { Vip: "no" }
actions:
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: hold }
  hold: { type: Wait, properties: { Seconds: 30 }, next: hold }
  answered: { type: OnAnswer, next: done }
  done: { type: End }
`;

const run = (scenarioText: string) => {
  const script = loadScriptText(queueScript);
  const scenario = loadScenarioText(scenarioText, 's.yaml');
  if (!script.ok || !scenario.ok) throw new Error(`invalid: ${[...script.diagnostics, ...scenario.diagnostics].map((d) => `${d.line}:${d.column} ${d.message}`).join('; ')}`);
  return runScript(script.compiled, scenario.scenario);
};

describe('background callers (the scenario\'s callers:)', () => {
  it('queue for the same agents on the same clock; the report says who was answered when, by whom', () => {
    const report = run('agents: { "2002": { state: LoggedOut, loginAfter: 60, skills: [Support], answerAfter: 2, hangupAfter: 10 } }\ncallers:\n  Bob: { at: 20, ani: "5550000002" }\n  Ann: { at: 10 }\n');
    expect(report.callers).toEqual([
      { name: 'caller', contactId: 'contact-1', arrivedAt: 0, queuedAt: 0, answeredAt: 62_000, agentId: '2002', reason: 'End', endedAt: 62_000 },
      { name: 'Ann', contactId: 'contact-2', arrivedAt: 10_000, queuedAt: 10_000, answeredAt: 74_000, agentId: '2002', reason: 'End', endedAt: 74_000 },
      { name: 'Bob', contactId: 'contact-3', arrivedAt: 20_000, queuedAt: 20_000, answeredAt: 86_000, agentId: '2002', reason: 'End', endedAt: 86_000 },
    ]);
    // The run's own contact is the scenario's caller: its steps, its world.
    expect(report.contactId).toBe('contact-1');
    expect(report.world.every((w) => w.contactId === undefined || w.contactId === 'contact-1')).toBe(true);
  });

  it('take the scenario caller\'s ani and dnis, the scenario\'s variables under their own, and their own parameters', () => {
    const scenario = loadScenarioText('caller: { ani: "111", dnis: "222" }\nvariables: { A: x, B: y }\nparameters: [p]\ncallers:\n  Ann: { at: 5, variables: { B: z }, input: ["1"], hangupAfter: 40 }\n  Bob: { ani: "333", parameters: [q, r] }\n', 's.yaml');
    if (!scenario.ok) throw new Error('invalid');
    expect(scenario.scenario.callers).toEqual([
      { name: 'Bob', atMs: 0, ani: '333', dnis: '222', input: [], variables: { A: 'x', B: 'y' }, parameters: ['q', 'r'] },
      { name: 'Ann', atMs: 5000, ani: '111', dnis: '222', input: [{ kind: 'digits', digits: '1', afterMs: 1000 }], hangupAfterMs: 40_000, variables: { A: 'x', B: 'z' }, parameters: ['p'] },
    ]);
  });

  it('leave the report as it was when a scenario declares none', () => {
    expect(run('{}').callers).toBeUndefined();
  });

  it('are checked with positions: the reserved name caller, unknown keys, bad input', () => {
    const reserved = loadScenarioText('callers:\n  caller: { at: 3 }\n', 's.yaml');
    expect(reserved.ok).toBe(false);
    expect(reserved.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['invalid-key', 2, 3]]);
    expect(reserved.diagnostics[0]?.hint).toContain('`caller` is the scenario\'s own caller');
    const unknown = loadScenarioText('callers:\n  Ann: { at: 3, skill: Support }\n', 's.yaml');
    expect(unknown.ok).toBe(false);
    expect(unknown.diagnostics.map((d) => [d.code, d.line])).toEqual([['unknown-key', 2]]);
    const input = loadScenarioText('callers:\n  Ann:\n    input: [{ after: 3 }]\n', 's.yaml');
    expect(input.ok).toBe(false);
    expect(input.diagnostics.map((d) => [d.code, d.line, d.column, d.message])).toEqual([['invalid-value', 3, 13, 'callers.Ann.input[0] must have either digits or silence: true']]);
    expect(loadScenarioText('callers:\n  Ann: { at: -1 }\n', 's.yaml').ok).toBe(false);
  });

  it('let a test file expect the answer order and each caller\'s fields: the VIP overtakes callers who waited longer', () => {
    const loaded = loadTestFile(join(folder, 'vip-queue.test.yaml'), {}, 'callers/vip-queue.test.yaml');
    expect(loaded.diagnostics).toEqual([]);
    if (!loaded.suite) throw new Error('no suite');
    const results = runSuite(loaded.suite, () => 0).results;
    expect(results.map((r) => [r.name, r.passed, r.failures.map((f) => f.message)])).toEqual(loaded.suite.cases.map((c) => [c.name, true, []]));
  });

  it('say what went otherwise when the order is not the one expected', () => {
    const text = [
      'script: vip-queue.yaml',
      'scenario:',
      '  agents: { "2002": { state: LoggedOut, loginAfter: 300, skills: [Support], answerAfter: 1, hangupAfter: 30 } }',
      '  callers: { Ann: { at: 30 } }',
      'cases:',
      '  - name: wrong',
      '    expect:',
      '      answerOrder: [Ann, caller]',
      '      callers: { Ann: { agentId: "9" } }',
    ].join('\n');
    const loaded = loadTestText(text, 'x.test.yaml', folder);
    if (!loaded.suite) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
    const [result] = runSuite(loaded.suite, () => 0).results;
    expect(result?.failures.map((f) => f.message)).toEqual(['answerOrder: agents answered caller at 301 s, then Ann at 332 s', 'callers: Ann was agentId 2002, not as expected']);
  });

  it('report a caller name the scenario does not have at its position', () => {
    const text = ['script: vip-queue.yaml', 'scenario: { callers: { Ann: { at: 30 } } }', 'cases:', '  - name: typo', '    expect:', '      answerOrder: [Anne, caller]', '      callers: { Bobby: { agentId: "1" } }'].join('\n');
    const loaded = loadTestText(text, 'x.test.yaml', folder);
    expect(loaded.suite).toBeUndefined();
    expect(loaded.diagnostics.map((d) => [d.code, d.line, d.column, d.message])).toEqual([
      ['unknown-caller', 6, 21, 'The scenario has no caller "Anne"; did you mean "Ann"?'],
      ['unknown-caller', 7, 18, 'The scenario has no caller "Bobby"'],
    ]);
  });
});
