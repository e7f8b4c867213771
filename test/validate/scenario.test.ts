import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemaPath } from '../../src/validate/index.ts';
import { buildScenarioSchema, validateScenarioText } from '../../src/validate/scenario.ts';

const problems = (text: string) => validateScenarioText(text, 's.scenario.yaml').diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`);

describe('scenario files', () => {
  it('schemas/scenario.schema.json is up to date (regenerate with `npm run generate`)', () => {
    expect(JSON.parse(readFileSync(schemaPath('scenario.schema.json'), 'utf8'))).toEqual(buildScenarioSchema());
  });

  it('read with defaults', () => {
    const result = validateScenarioText('caller: { input: ["1", 2, { silence: true }, { digits: "34#", after: 2.5 }], hangupAfter: 60 }\nagents: { "2002": { state: Available, skills: [Support] } }\n');
    expect(result.diagnostics).toEqual([]);
    expect(result.scenario?.caller).toEqual({
      ani: '5551234567',
      dnis: '8005550100',
      hangupAfterMs: 60_000,
      input: [
        { kind: 'digits', digits: '1', afterMs: 1000 },
        { kind: 'digits', digits: '2', afterMs: 1000 },
        { kind: 'silence' },
        { kind: 'digits', digits: '34#', afterMs: 2500 },
      ],
    });
    expect(result.scenario?.agents[0]).toEqual({ id: '2002', state: 'Available', skills: ['Support'], firstName: '', lastName: '', answerAfterMs: 5000, hangupAfterMs: 60_000, holds: [], polls: true });
    expect(result.scenario?.limits).toEqual({ maxSteps: 10_000, maxMs: 3_600_000, maxPendingEvents: 100_000, maxValueChars: 1_048_576 });
  });

  it('an empty file is a diagnostic, an empty mapping the default scenario', () => {
    expect(problems('')).toEqual(['empty-file 1:1']);
    expect(validateScenarioText('{}').scenario?.agents).toEqual([]);
  });

  it.each([
    ['callr: {}\n', ['unknown-key 1:1']],
    ['caller: { input: ["1x"] }\n', ['invalid-value 1:19']],
    ['caller: { input: [{ digits: "1", silence: true }] }\n', ['invalid-value 1:19']],
    ['caller: { input: [{ after: 3 }] }\n', ['invalid-value 1:19']],
    ['caller: { hangupAfter: -1 }\n', ['out-of-range 1:24']],
    ['agents: { "1001": { state: Busy } }\n', ['invalid-value 1:28']],
    ['agents: { "1001": { skill: [A] } }\n', ['unknown-key 1:21']],
    ['agents: { "a b": {} }\n', ['invalid-key 1:11']],
    ['limits: { maxSteps: 0 }\n', ['out-of-range 1:21']],
    ['events: [{ at: 5, agent: "1001" }]\n', ['missing-key 1:10']],
    ['variables: { "1x": 1 }\n', ['invalid-variable-name 1:14']],
  ])('%j gives %j', (text, expected) => {
    expect(problems(text)).toEqual(expected);
  });
});
