import { describe, expect, it } from 'vitest';
import { evaluate, parseExpression, parseTemplate, renderTemplate, type Value } from '../../src/expression/index.ts';
import { Variables } from '../../src/runtime/variables.ts';

function scope(values: Record<string, Value>): Variables {
  const variables = new Variables();
  for (const [name, value] of Object.entries(values)) variables.set(name, value);
  return variables;
}

function run(source: string, values: Record<string, Value> = {}): Value {
  const parsed = parseExpression(source);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return evaluate(parsed.value, scope(values));
}

function fill(source: string, values: Record<string, Value> = {}): Value {
  const parsed = parseTemplate(source);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return renderTemplate(parsed.value, scope(values));
}

describe('evaluate', () => {
  // https://help.nicecxone.com/zh-cn/content/studio/guide/expressions.htm: text inside numeric arithmetic is ignored.
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 / 4', 2.5],
    ['10 % 4', 2],
    ['7 \\ 2', 3],
    ['2 ^ 3 ^ 2', 512],
    ['-x + 1', -4],
    ['"a" + "b"', 0],
    ['x + "b"', 5],
    ['n + 1', 3],
    ['"abc" * 2', 0],
    ['0.1 + 0.2', 0.30000000000000004],
  ])('%s = %j', (source, expected) => {
    expect(run(source, { x: 5, n: '2' })).toBe(expected);
  });

  it('division by zero is a run-time error, never Infinity', () => {
    expect(() => run('1 / 0')).toThrow('Division by zero');
  });

  it('compares as numbers when both sides read as numbers, else as text; comparisons give 1 or 0', () => {
    expect(run('a > b', { a: '10', b: '9' })).toBe(1);
    expect(run('a > b', { a: '10', b: 'nine' })).toBe(0);
    expect(run('a = 5', { a: '5.0' })).toBe(1);
    expect(run('a = "X"', { a: 'x' })).toBe(0);
    expect(run('a != "x" | b <> 1', { a: 'x', b: 1 })).toBe(0);
  });

  // https://help.staging.nice-incontact.com/content/studio/scripting/reference/variables.htm
  it('a name ending in $ compares as text', () => {
    expect(run('a$ > b', { a$: 20, b: 100 })).toBe(1);
    expect(run('a > b', { a: 20, b: 100 })).toBe(0);
  });

  it('names are case-insensitive; unset variables read as empty text', () => {
    expect(run('AGENTID = "7"', { AgentId: '7' })).toBe(1);
    expect(run('missing = ""')).toBe(1);
    expect(run('missing + 1')).toBe(1);
  });

  it('& | ~ and the words and, or, not follow Studio truth', () => {
    expect(run('a & b', { a: 'yes', b: '0' })).toBe(0);
    expect(run('a and b', { a: 'yes', b: '0' })).toBe(0);
    expect(run('a | b', { a: 'false', b: 1 })).toBe(1);
    expect(run('a ~ b', { a: 1, b: 1 })).toBe(0);
    expect(run('not a', { a: '' })).toBe(1);
    expect(run('!a', { a: 'x' })).toBe(0);
  });

  // https://help.nicecxone.com/zh-cn/content/studio/guide/dynamicdataobjects.htm: members are case-sensitive.
  it('reads members case-sensitively and lists from 1', () => {
    const events: Value = [{ eventName: 'A', data: 'x' }, { eventName: 'B', data: 'y' }];
    expect(run('Events[2].eventName', { Events: events })).toBe('B');
    expect(run('Events[2].EVENTNAME', { Events: events })).toBe('');
    expect(run('Events[1].data = "x"', { Events: events })).toBe(1);
    expect(run('Events[3].data', { Events: events })).toBe('');
    expect(run('Events[0]', { Events: events })).toBe('');
    expect(run('Names[2]', { Names: 'Wes|Nate|Dan' })).toBe('Nate');
    expect(run('Names.size', { Names: 'Wes|Nate|Dan' })).toBe(3);
  });
});

describe('renderTemplate', () => {
  it('substitutes into text', () => {
    expect(fill('pressed {DigitsEntered} ({N + 1} tries)', { DigitsEntered: '2', N: 1 })).toBe('pressed 2 (2 tries)');
  });

  it('a lone substitution keeps the value\'s kind', () => {
    expect(fill('{N + 1}', { N: 1 })).toBe(2);
    expect(fill(' {N + 1}', { N: 1 })).toBe(' 2');
    expect(fill('{Flag}', { Flag: true })).toBe(true);
  });

  it('lists and records read as JSON inside text; literal braces stay', () => {
    expect(fill('got {E}', { E: [{ a: '1' }] })).toBe('got [{"a":"1"}]');
    expect(fill('{{"ani": "{ANI}"}}', { ANI: '555' })).toBe('{"ani": "555"}');
  });
});
