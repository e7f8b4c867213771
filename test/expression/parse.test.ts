import { describe, expect, it } from 'vitest';
import { parseExpression, parseTemplate, variablesRead } from '../../src/expression/index.ts';

function reads(source: string): string[] {
  const parsed = parseExpression(source);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return variablesRead(parsed.value).map((v) => `${v.name}@${v.start}`);
}

describe('parseExpression', () => {
  it('parses comparisons, logic and arithmetic with the usual precedence', () => {
    const parsed = parseExpression('a + 2 * b >= 10 and not c = "x" or d');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value).toMatchObject({
      kind: 'binary',
      operator: 'or',
      left: {
        kind: 'binary',
        operator: 'and',
        left: { kind: 'binary', operator: '>=', left: { operator: '+', right: { operator: '*' } } },
        right: { kind: 'unary', operator: 'not', operand: { operator: '=' } },
      },
      right: { kind: 'variable', name: 'd' },
    });
  });

  it('accepts the spellings Studio authors use', () => {
    for (const source of ['a == 1', 'a = 1', 'a <> 1', 'a != 1', 'a && b', 'a || b', '!a', 'A AND B', 'x Or y']) {
      expect(parseExpression(source).ok, source).toBe(true);
    }
  });

  it('reports variables with their offsets, including member and index roots', () => {
    expect(reads('Total > 0 and Name = "x"')).toEqual(['Total@0', 'Name@14']);
    expect(reads('Events[1].data = Last')).toEqual(['Events@0', 'Last@17']);
  });

  it('strings take doubled quotes and either quote style', () => {
    const parsed = parseExpression(`'it''s' = "say ""hi"""`);
    expect(parsed.ok && parsed.value).toMatchObject({ left: { parts: [{ text: "it's" }] }, right: { parts: [{ text: 'say "hi"' }] } });
  });

  it('a string in a substitution may hold substitutions with strings of their own, at any depth', () => {
    // "{"{"{0}"}"}": found by the print/parse property; the inner string's own "}" once closed the outer substitution.
    const parsed = parseExpression('"{"{"{0}"}"}"');
    expect(parsed.ok && parsed.value).toMatchObject({ kind: 'string', parts: [{ expression: { kind: 'string', parts: [{ expression: { kind: 'string', parts: [{ expression: { kind: 'number', value: 0 } }] } }] } }] });
    expect(parseExpression('"a{"b{"c{x}"}"}"').ok).toBe(true);
  });

  it('strings nested in substitutions past any depth are a problem, not a crash', () => {
    const deep = `${'"{'.repeat(5000)}0${'}"'.repeat(5000)}`;
    const parsed = parseExpression(deep);
    expect(parsed.ok).toBe(false);
  });

  it.each([
    ['', 0, 'empty'],
    ['a >', 3, 'ends too early'],
    ['a > > 3', 4, 'Unexpected ">"'],
    ['(a', 2, 'Expected ")"'],
    ['a b', 2, 'after a complete expression'],
    ['"open', 0, 'never closed'],
    ['a # b', 2, 'Unexpected character "#"'],
    ['1 < a < 3', 6, 'cannot be chained'],
    ['and a', 0, 'needs a value'],
  ])('%j fails at offset %i (%s)', (source, offset, message) => {
    const parsed = parseExpression(source);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem.offset).toBe(offset);
    expect(parsed.problem.message).toContain(message);
    expect(parsed.problem.hint.length).toBeGreaterThan(5);
  });
});

describe('parseTemplate', () => {
  it('splits text and substitutions', () => {
    const parsed = parseTemplate('pressed {DigitsEntered} at {Count + 1}');
    expect(parsed.ok && parsed.value.map((p) => (p.kind === 'text' ? p.text : `<${p.source}@${p.start}>`))).toEqual(['pressed ', '<DigitsEntered@8>', ' at ', '<Count + 1@27>']);
  });

  it('doubled braces are literal braces, so JSON can be written', () => {
    const parsed = parseTemplate('{{"ani": "{ANI}"}}');
    expect(parsed.ok && parsed.value.map((p) => (p.kind === 'text' ? p.text : `<${p.source}>`))).toEqual(['{"ani": "', '<ANI>', '"}']);
  });

  it('offsets of variables inside substitutions are offsets in the whole string', () => {
    const parsed = parseTemplate('ab {x + Yy}');
    expect(parsed.ok && parsed.value.flatMap((p) => (p.kind === 'expression' ? variablesRead(p.expression).map((v) => `${v.name}@${v.start}`) : []))).toEqual(['x@4', 'Yy@8']);
  });

  it.each([
    ['hi {Name', 3, 'never closed'],
    ['hi {}', 3, 'Empty substitution'],
    ['{"a": 1}', 4, 'In {"a": 1}'],
    ['{a {b}}', 0, 'never closed'],
  ])('%j fails at offset %i', (source, offset, message) => {
    const parsed = parseTemplate(source);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem.offset).toBe(offset);
    expect(parsed.problem.message).toContain(message);
  });

  it('text without braces is one text part; a lone } is text', () => {
    expect(parseTemplate('"%Press 1"')).toEqual({ ok: true, value: [{ kind: 'text', text: '"%Press 1"' }] });
    expect(parseTemplate('a } b')).toEqual({ ok: true, value: [{ kind: 'text', text: 'a } b' }] });
    expect(parseTemplate('')).toEqual({ ok: true, value: [] });
  });
});
