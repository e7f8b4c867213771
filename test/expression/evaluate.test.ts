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
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 / 4', 2.5],
    ['10 % 4', 2],
    ['-x + 1', -4],
    ['"a" + "b"', 'ab'],
    ['x + "b"', '5b'],
    ['n + 1', 3],
    ['"abc" * 2', ''],
    ['1 / 0', ''],
  ])('%s = %j', (source, expected) => {
    expect(run(source, { x: 5, n: '2' })).toBe(expected);
  });

  it('compares as numbers when both sides read as numbers, else as text', () => {
    expect(run('a > b', { a: '10', b: '9' })).toBe(true);
    expect(run('a > b', { a: '10', b: 'nine' })).toBe(false);
    expect(run('a = 5', { a: '5.0' })).toBe(true);
    expect(run('a = "X"', { a: 'x' })).toBe(false);
    expect(run('a != "x" or b <> 1', { a: 'x', b: 1 })).toBe(false);
  });

  it('names are case-insensitive; unset variables read as empty text', () => {
    expect(run('AGENTID = "7"', { AgentId: '7' })).toBe(true);
    expect(run('missing = ""')).toBe(true);
    expect(run('missing + 1')).toBe(1);
  });

  it('and, or, not follow Studio truth', () => {
    expect(run('a and b', { a: 'yes', b: '0' })).toBe(false);
    expect(run('a or b', { a: 'false', b: 1 })).toBe(true);
    expect(run('not a', { a: '' })).toBe(true);
  });

  it('reads fields case-insensitively and lists from 1', () => {
    const events: Value = [{ eventName: 'A', data: 'x' }, { eventName: 'B', data: 'y' }];
    expect(run('Events[2].EVENTNAME', { Events: events })).toBe('B');
    expect(run('Events[1].data = "x"', { Events: events })).toBe(true);
    expect(run('Events[3].data', { Events: events })).toBe('');
    expect(run('Events[0]', { Events: events })).toBe('');
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
