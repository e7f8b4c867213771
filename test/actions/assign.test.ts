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

// https://help.nicecxone.com/Content/studio/actionscx/assign/assign.htm
describe('Assign Type, Max String Size and Overflow', () => {
  const typed = (value: string, type: string, extra = '') => `
  begin: { type: Begin, next: set }
  set: { type: Assign, properties: { Variable: Result, Value: ${value}, Type: ${type}${extra} }, branches: { Default: done, Overflow: over } }
  done: { type: End }
  over: { type: End }
`;

  it('with Type String, 1+1 stays the text "1+1"', () => {
    expect(run(typed('"1+1"', 'String')).variables['Result']).toBe('1+1');
  });

  it('with Type Numeric, 1+1 gives 2, variables by name, text ignored', () => {
    expect(run(typed('"1+1"', 'Numeric')).variables['Result']).toBe(2);
    expect(run(typed('"Count * 2 + Label"', 'Numeric'), 'variables: { Count: 4, Label: abc }').variables['Result']).toBe(8);
  });

  it('String is the default Type', () => {
    expect(run(assign('Result', '"1+1"')).variables['Result']).toBe('1+1');
  });

  it('with Type Datetime, the value is read as a date/time and stored in the default format', () => {
    expect(run(typed('"{Day} 8:00 AM"', 'Datetime'), 'variables: { Day: "2/9/2023" }').variables['Result']).toBe('2/9/2023 8:00:00 AM');
    const bad = run(typed('"someday"', 'Datetime'));
    expect(bad.variables['Result']).toBe('');
    expect(bad.steps[1]?.notes?.[0]).toContain('not a date/time');
  });

  it('a value over Max String Size (2K by default) takes Overflow and leaves the variable as it was', () => {
    const long = `"${'x'.repeat(2049)}"`;
    const report = run(typed(long, 'String'), 'variables: { Result: before }');
    expect(edges(report)).toEqual(['begin.Default', 'set.Overflow']);
    expect(report.variables['Result']).toBe('before');
    const roomy = run(typed(long, 'String', ', Max String Size: 4K'));
    expect(edges(roomy)).toEqual(['begin.Default', 'set.Default']);
  });

  it('Global:name sets name', () => {
    expect(run(assign('"Global:Where"', 'here')).variables['Where']).toBe('here');
  });

  it('a run-time error in the value reads as empty, with a note', () => {
    const report = run(typed('"1 / 0"', 'Numeric'));
    expect(report.variables['Result']).toBe('');
    expect(report.steps[1]?.notes?.[0]).toContain('Division by zero');
  });
});
