import type { BinaryOperator, Expression, TemplatePart } from './ast.ts';

const spelling: Record<BinaryOperator, string> = { or: '|', and: '&', xor: '~', '=': '=', '!=': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=', '+': '+', '-': '-', '*': '*', '/': '/', '%': '%', '\\': '\\', '^': '^' };

/** Escapes text for a double-quoted string: the parser reads it back to the same text. */
function quoted(parts: readonly TemplatePart[]): string {
  let out = '"';
  for (const part of parts) {
    if (part.kind === 'text') out += part.text.replace(/[\\"{}]/g, (ch) => `\\${ch}`).replace(/\t/g, '\\t').replace(/\r/g, '\\r').replace(/\n/g, '\\n');
    else out += `{${print(part.expression)}}`;
  }
  return `${out}"`;
}

/**
 * An expression as source text, fully parenthesised, so that parsing the
 * text gives the same tree (the property tests check that). Recursive, but
 * only over trees the parser built, which are at most `maxDepth` deep.
 */
export function print(expression: Expression): string {
  switch (expression.kind) {
    case 'number':
      return String(expression.value);
    case 'boolean':
      return expression.value ? 'true' : 'false';
    case 'string':
      return quoted(expression.parts);
    case 'date':
      return `#${quoted(expression.parts)}`;
    case 'variable':
      return expression.name;
    case 'member':
      return `${print(expression.object)}.${expression.property}`;
    case 'index':
      return `${print(expression.object)}[${print(expression.index)}]`;
    case 'call':
      return `${expression.name}(${expression.args.map(print).join(', ')})`;
    case 'method':
      return `${print(expression.object)}.${expression.name}(${expression.args.map(print).join(', ')})`;
    case 'unary':
      return expression.operator === '-' ? `(-${print(expression.operand)})` : `(not ${print(expression.operand)})`;
    case 'binary':
      return `(${print(expression.left)} ${spelling[expression.operator]} ${print(expression.right)})`;
  }
}
