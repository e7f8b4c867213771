import { describe, expect, it } from 'vitest';
import { edges, path, runYaml } from '../helpers/run.ts';

const run = (actions: string, scenario = '') => runYaml(`name: AssignTest\nactions:\n${actions}`, scenario);

/** Begin -> set (Assign Variable = Value) -> End. */
const assign = (variable: string, value: string) => `
  begin: { type: Begin, next: set }
  set: { type: Assign, properties: { Variable: ${variable}, Value: ${value} }, next: done }
  done: { type: End }
`;

describe('Assign', () => {
  it('sets the variable and follows Default at once', () => {
    const report = run(assign('Greeting', 'yes'));
    expect(edges(report)).toEqual(['begin.Default', 'set.Default']);
    expect(path(report)).toEqual(['begin', 'set', 'done']);
    expect(report.steps[1]).toMatchObject({ at: 0, next: 'done', notes: ['Greeting = "yes"'] });
    expect(report.variables['Greeting']).toBe('yes');
  });

  it('quotes a long value in its note only in part, with its length', () => {
    const report = run(assign('Long', `"${'a'.repeat(500)}"`));
    expect(report.variables['Long']).toBe('a'.repeat(500));
    expect(report.steps[1]?.notes?.[0]).toBe(`Long = "${'a'.repeat(199)}... (500 characters)`);
  });

  it('keeps a number as a number for a Value that is a single {expression}', () => {
    const report = run(assign('Count', '"{Count + 1}"'), 'variables: { Count: 0 }');
    expect(report.variables['Count']).toBe(1);
    expect(report.steps[1]?.notes).toEqual(['Count = 1']);
  });

  it('counts up with {Count + 1} round a loop', () => {
    const report = run(`
  begin: { type: Begin, next: count }
  count: { type: Assign, properties: { Variable: Count, Value: "{Count + 1}" }, next: check }
  check: { type: If, properties: { Expression: "Count < 3" }, branches: { True: count, False: done } }
  done: { type: End }
`, 'variables: { Count: 0 }');
    expect(edges(report)).toEqual(['begin.Default', 'count.Default', 'check.True', 'count.Default', 'check.True', 'count.Default', 'check.False']);
    expect(report.steps.filter((s) => s.action === 'count').map((s) => s.notes)).toEqual([['Count = 1'], ['Count = 2'], ['Count = 3']]);
    expect(report.variables['Count']).toBe(3);
  });

  it('does arithmetic on text that reads as a number', () => {
    const report = run(assign('Count', '"{Count * 2 + 1}"'), 'variables: { Count: "4" }');
    expect(report.variables['Count']).toBe(9);
  });

  // `{Count - 1}` reads an unset Count as 0 and gives the number -1; `+` should agree,
  // so the README's counting idiom `{Attempts + 1}` starts at the number 1.
  it('reads an unset variable as 0 in {Count + 1}, as {Count - 1} does', () => {
    const up = run(assign('Count', '"{Count + 1}"'));
    const down = run(assign('Count', '"{Count - 1}"'));
    expect(down.variables['Count']).toBe(-1);
    expect(up.variables['Count']).toBe(1);
  });

  it('makes text of a Value with text around the substitutions', () => {
    const report = run(assign('Label', '"Caller {FIRST} {LAST}, try {Try + 1}"'), 'variables: { FIRST: Ann, LAST: Lee, Try: 1 }');
    expect(report.variables['Label']).toBe('Caller Ann Lee, try 2');
  });

  it('writes {{ and }} as literal braces', () => {
    const report = run(assign('Json', `'{{"ani": "{ANI}"}}'`), 'caller: { ani: "5550001111" }');
    expect(report.variables['Json']).toBe('{"ani": "5550001111"}');
  });

  it('sets a variable whatever the case of its name, reporting the first spelling', () => {
    const report = run(assign('COUNT', '"{count + 5}"'), 'variables: { Count: 1 }');
    expect(report.variables['Count']).toBe(6);
    expect(report.variables['COUNT']).toBeUndefined();
  });

  it('ends with NoBranch when it has no next', () => {
    const report = run(`
  begin: { type: Begin, next: set }
  set: { type: Assign, properties: { Variable: X, Value: "1" } }
`);
    expect(edges(report)).toEqual(['begin.Default']);
    expect(path(report)).toEqual(['begin', 'set']);
    expect(report.variables['X']).toBe('1');
    expect(report.reason).toBe('NoBranch');
    expect(report.outcome).toBe('ended');
  });
});
