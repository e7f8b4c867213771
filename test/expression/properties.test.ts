import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Expression, TemplatePart } from '../../src/expression/ast.ts';
import { parseExpression, parseSnippet, runSnippet } from '../../src/expression/index.ts';
import { print } from '../../src/expression/print.ts';
import { Variables } from '../../src/runtime/variables.ts';

/** A tree without positions, to compare the shape only. */
const shape = (expression: Expression): unknown => JSON.parse(JSON.stringify(expression, (key, value: unknown) => (key === 'start' || key === 'source' ? undefined : value)));

const names = fc.constantFrom('a', 'Total', 'x1', 'name$', '_ERR', 'Items');
const text = fc.string({ minLength: 1, maxLength: 8 });

const expression: fc.Arbitrary<Expression> = fc.letrec<{ e: Expression }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.nat(10_000).map((value): Expression => ({ kind: 'number', value, start: 0 })),
    fc.constantFrom(0.5, 2.25).map((value): Expression => ({ kind: 'number', value, start: 0 })),
    fc.boolean().map((value): Expression => ({ kind: 'boolean', value, start: 0 })),
    names.map((name): Expression => ({ kind: 'variable', name, start: 0 })),
    fc.oneof(fc.constant<TemplatePart[]>([]), text.map((t) => [{ kind: 'text' as const, text: t }]), tie('e').map((e) => [{ kind: 'expression' as const, source: '', expression: e, start: 0 }])).map((parts): Expression => ({ kind: 'string', parts, start: 0 })),
    fc.tuple(names, fc.constantFrom('b', 'Name', 'size')).map(([name, property]): Expression => ({ kind: 'member', object: { kind: 'variable', name, start: 0 }, property, start: 0 })),
    fc.tuple(names, tie('e')).map(([name, index]): Expression => ({ kind: 'index', object: { kind: 'variable', name, start: 0 }, index, start: 0 })),
    fc.tuple(fc.constantFrom('abs', 'left', 'f'), fc.array(tie('e'), { maxLength: 3 })).map(([name, args]): Expression => ({ kind: 'call', name, args, start: 0 })),
    fc.tuple(names, fc.constantFrom('asJSON', 'left'), fc.array(tie('e'), { maxLength: 2 })).map(([name, method, args]): Expression => ({ kind: 'method', object: { kind: 'variable', name, start: 0 }, name: method, args, start: 0 })),
    fc.tuple(fc.constantFrom('-' as const, 'not' as const), tie('e')).map(([operator, operand]): Expression => ({ kind: 'unary', operator, operand, start: 0 })),
    fc
      .tuple(fc.constantFrom('or', 'and', 'xor', '=', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '\\', '^') as fc.Arbitrary<Extract<Expression, { kind: 'binary' }>['operator']>, tie('e'), tie('e'))
      .map(([operator, left, right]): Expression => ({ kind: 'binary', operator, left, right, start: 0 })),
  ),
})).e;

describe('property: printing an expression and parsing it back gives the same tree', () => {
  it('for random expressions', () => {
    fc.assert(
      fc.property(expression, (tree) => {
        const source = print(tree);
        const parsed = parseExpression(source);
        if (!parsed.ok) throw new Error(`${source}: ${parsed.problem.message}`);
        expect(shape(parsed.value)).toEqual(shape(tree));
      }),
      { numRuns: 400 },
    );
  });
});

const fragments = [
  'x = 1', 'ASSIGN y = x + 2', 'IF x > 1 {', 'ELSE {', '}', '{', 'FOR i = 1 TO 3 {', 'FOREACH e IN "a|b|c" {', 'WHILE x < 5 { x = x + 1 }',
  'BREAK', 'RETURN x', 'FUNCTION f(a) {', 'z = f(1)', 'TRACE "{x}"', 'DYNAMIC o', 'o.a[2].b = "{y}"', 'j = o.asJSON()', 'SWITCH x {', 'CASE 1 {', 'DEFAULT {',
  's = "{s}{s}x"', 'n = 1 / 0', 'q = "unclosed', '// comment', 'x = ((((1', 'a[3] = 4', 'v = a[2] & b | c ~ d', 'd = #"2/9/2023"', 'k = datefmt(d, "yyyy")', 'x = -!not 3',
];

describe('property: random Snippets never crash the interpreter', () => {
  it('parse gives a tree or a positioned problem; running gives Default or an error for _ERR', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 25 }), fc.constantFrom('\n', ' '), (lines, joiner) => {
        const code = lines.join(joiner);
        const parsed = parseSnippet(code);
        if (!parsed.ok) {
          expect(parsed.problem.offset).toBeGreaterThanOrEqual(0);
          expect(parsed.problem.offset).toBeLessThanOrEqual(code.length);
          return;
        }
        const result = runSnippet(parsed.value, new Variables(), { maxChars: 5000 });
        if (!result.ok) expect(result.error.length).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
  });
});
