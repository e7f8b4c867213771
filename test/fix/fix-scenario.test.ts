import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/api.ts';
import { fixScenarioText } from '../../src/fix/fix-scenario.ts';
import { runCli } from '../cli/helpers.ts';

const scenario = `# A reminder scenario.
parameters: ["+15551230001"]
outbound:                     # how the numbers answer
  - { number: "+15551230001", answer: machine, after: 5, speaks: 15 }   # a long greeting
  - { number: "1555*", answer: busy }
  - { number: "+1 555 123 0001", answer: person }
agents:
  "1001": { state: Available }
`;

describe('fix: outbound: into numbers:', () => {
  it('moves the list under numbers: in its place, keeping comments and spacing, and the scenario reads the same', () => {
    const result = fixScenarioText(scenario, 'scenario');
    expect(result.text).toBe(`# A reminder scenario.
parameters: ["+15551230001"]
numbers:                      # how the numbers answer
  "+15551230001": { answer: machine, after: 5, speaks: 15 }             # a long greeting
  "1555*": { answer: busy }
agents:
  "1001": { state: Available }
`);
    expect(result.changed.map((n) => `${n.line}:${n.column} ${n.message}`)).toEqual([
      '6:15 outbound: +1 555 123 0001 dropped: an earlier outbound: entry answers it, and won over it (first match)',
      '3:1 outbound: -> numbers: (2 numbers moved)',
    ]);
    const before = loadScenarioText(scenario, 's.yaml');
    const after = loadScenarioText(result.text, 's.yaml');
    if (!before.ok || !after.ok) throw new Error('invalid');
    expect(after.diagnostics).toEqual([]);
    expect(after.scenario.numbers).toEqual(before.scenario.numbers);
    expect(fixScenarioText(result.text, 'scenario').changed).toEqual([]);
  });

  it('merges into an existing numbers:, whose answers win, block style kept', () => {
    const text = 'numbers:\n  "18005550199": { answer: busy }\noutbound:\n  - number: "18005550199"\n    answer: person\n  - number: 5551234567\n    answer: person\n    after: 4\n';
    const result = fixScenarioText(text, 'scenario');
    expect(result.text).toBe('numbers:\n  "18005550199": { answer: busy }\n  "5551234567":\n    answer: person\n    after: 4\n');
    expect(result.changed.map((n) => n.message)).toEqual(['outbound: 18005550199 dropped: numbers: already answers it, and won over it', 'outbound: -> numbers: (1 number moved)']);
  });

  it('rewrites the scenarios of a test file: its own and each case\'s', () => {
    const text = 'script: x.yaml\nscenario:\n  outbound: [{ number: "1", answer: busy }]\ncases:\n  - name: one\n    scenario:\n      outbound: [{ number: "+15551230001", answer: machine, after: 5 }]\n    expect: {}\n';
    const result = fixScenarioText(text, 'test');
    expect(result.text).toBe('script: x.yaml\nscenario:\n  numbers: { "1": { answer: busy } }\ncases:\n  - name: one\n    scenario:\n      numbers: { "+15551230001": { answer: machine, after: 5 } }\n    expect: {}\n');
    expect(result.changed.map((n) => `${n.action} ${n.line}`)).toEqual(['scenario 3', 'cases[0].scenario 7']);
  });

  it('keeps the spacing of lines the move does not touch, also of a line written twice', () => {
    const twice = '    expect:\n      path: [begin, dial, done]\n';
    const text = `script: x.yaml\ncases:\n  - name: one\n    scenario:\n      outbound: [{ number: "1", answer: busy }]\n${twice}  - name: two\n    scenario:\n      outbound: [{ number: "2", answer: busy }]\n${twice}`;
    const result = fixScenarioText(text, 'test');
    expect(result.text.split('\n').filter((line) => line.includes('path:'))).toEqual(['      path: [begin, dial, done]', '      path: [begin, dial, done]']);
  });

  it('leaves what it cannot move whole, saying why', () => {
    const result = fixScenarioText('outbound:\n  - { number: "1", answer: busy }\n  - { answer: person }\n', 'scenario');
    expect(result.changed).toEqual([]);
    expect(result.unresolved.map((n) => `${n.line}:${n.column} ${n.message}`)).toEqual(['3:5 an outbound: entry without a number; rewrite it under numbers: by hand']);
    expect(fixScenarioText('numbers: []\noutbound: []\n', 'scenario').unresolved[0]?.message).toBe('numbers: is not a mapping, so outbound: cannot be moved into it; fix numbers: first');
  });

  it('studio-sim fix takes scenario and test files in a folder, and exits 0', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'studio-sim-fix-scenario-'));
    writeFileSync(join(folder, 'a.scenario.yaml'), scenario);
    writeFileSync(join(folder, 'hours.yaml'), 'Support: { days: { Monday: ["09:00-17:00"] } }\n');
    const run = await runCli(['fix', folder]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('a.scenario.yaml:3:1  outbound: -> numbers: (2 numbers moved)');
    expect(run.stdout).toContain('1 file checked, 1 changed');
    expect(readFileSync(join(folder, 'a.scenario.yaml'), 'utf8')).toContain('"1555*": { answer: busy }');
  });
});
