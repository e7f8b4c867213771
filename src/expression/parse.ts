import type { BinaryOperator, Expression, SyntaxProblem, TemplatePart } from './ast.ts';

type Token =
  | { type: 'number'; value: number; start: number }
  | { type: 'string'; value: string; start: number }
  | { type: 'name'; value: string; start: number }
  | { type: 'op'; value: string; start: number }
  | { type: 'end'; start: number };

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problem: SyntaxProblem };

class ExpressionSyntaxError extends Error {
  readonly offset: number;
  readonly hint: string;
  constructor(message: string, offset: number, hint: string) {
    super(message);
    this.offset = offset;
    this.hint = hint;
  }
}

const operators = ['<=', '>=', '<>', '!=', '==', '&&', '||', '=', '<', '>', '+', '-', '*', '/', '%', '(', ')', '[', ']', '.', '!'];
const nameStart = /[A-Za-z_$]/;
const namePart = /[A-Za-z0-9_$]/;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++;
    } else if (/[0-9]/.test(ch)) {
      const match = /^[0-9]+(\.[0-9]+)?/.exec(source.slice(i)) as RegExpExecArray;
      tokens.push({ type: 'number', value: Number(match[0]), start: i });
      i += match[0].length;
    } else if (ch === '"' || ch === "'") {
      const start = i;
      let value = '';
      i++;
      while (i < source.length && source[i] !== ch) {
        // A doubled quote stands for one quote inside the string.
        value += source[i];
        i++;
        if (source[i] === ch && source[i + 1] === ch) {
          value += ch;
          i += 2;
        }
      }
      if (i >= source.length) throw new ExpressionSyntaxError(`Unclosed string starting here`, start, `Close the string with ${ch}.`);
      i++;
      tokens.push({ type: 'string', value, start });
    } else if (nameStart.test(ch)) {
      const start = i;
      while (i < source.length && namePart.test(source[i] as string)) i++;
      tokens.push({ type: 'name', value: source.slice(start, i), start });
    } else {
      const op = operators.find((o) => source.startsWith(o, i));
      if (!op) throw new ExpressionSyntaxError(`Unexpected character "${ch}"`, i, 'Expressions use variables, numbers, "strings", ( ), comparisons (= != < <= > >=), and/or/not, and + - * / %.');
      tokens.push({ type: 'op', value: op, start: i });
      i += op.length;
    }
  }
  tokens.push({ type: 'end', start: source.length });
  return tokens;
}

const comparison: Record<string, BinaryOperator> = { '=': '=', '==': '=', '!=': '!=', '<>': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

/** Recursive descent over the token list; precedence: or < and < not < comparison < + - < * / % < unary < postfix. */
class Parser {
  private position = 0;
  private readonly tokens: Token[];
  constructor(tokens: Token[]) {
    this.tokens = tokens;
  }

  parse(): Expression {
    const expression = this.or();
    const next = this.peek();
    if (next.type !== 'end') {
      throw new ExpressionSyntaxError(`Unexpected ${describe(next)} after a complete expression`, next.start, 'Join conditions with and/or, and values with an operator such as + or =.');
    }
    return expression;
  }

  private peek(): Token {
    return this.tokens[this.position] as Token;
  }
  private take(): Token {
    return this.tokens[this.position++] as Token;
  }
  private isKeyword(token: Token, ...words: string[]): boolean {
    return token.type === 'name' && words.includes(token.value.toLowerCase());
  }
  private isOp(token: Token, ...ops: string[]): boolean {
    return token.type === 'op' && ops.includes(token.value);
  }

  private or(): Expression {
    let left = this.and();
    while (this.isKeyword(this.peek(), 'or') || this.isOp(this.peek(), '||')) {
      this.take();
      left = { kind: 'binary', operator: 'or', left, right: this.and(), start: left.start };
    }
    return left;
  }
  private and(): Expression {
    let left = this.not();
    while (this.isKeyword(this.peek(), 'and') || this.isOp(this.peek(), '&&')) {
      this.take();
      left = { kind: 'binary', operator: 'and', left, right: this.not(), start: left.start };
    }
    return left;
  }
  private not(): Expression {
    const token = this.peek();
    if (this.isKeyword(token, 'not') || this.isOp(token, '!')) {
      this.take();
      return { kind: 'unary', operator: 'not', operand: this.not(), start: token.start };
    }
    return this.comparison();
  }
  private comparison(): Expression {
    const left = this.additive();
    const token = this.peek();
    const operator = token.type === 'op' ? comparison[token.value] : undefined;
    if (!operator) return left;
    this.take();
    const right = this.additive();
    const after = this.peek();
    if (after.type === 'op' && comparison[after.value]) {
      throw new ExpressionSyntaxError('Comparisons cannot be chained', after.start, 'Write `a < b and b < c` instead of `a < b < c`.');
    }
    return { kind: 'binary', operator, left, right, start: left.start };
  }
  private additive(): Expression {
    let left = this.multiplicative();
    while (this.isOp(this.peek(), '+', '-')) {
      const operator = (this.take() as { value: string }).value as '+' | '-';
      left = { kind: 'binary', operator, left, right: this.multiplicative(), start: left.start };
    }
    return left;
  }
  private multiplicative(): Expression {
    let left = this.unary();
    while (this.isOp(this.peek(), '*', '/', '%')) {
      const operator = (this.take() as { value: string }).value as '*' | '/' | '%';
      left = { kind: 'binary', operator, left, right: this.unary(), start: left.start };
    }
    return left;
  }
  private unary(): Expression {
    const token = this.peek();
    if (this.isOp(token, '-')) {
      this.take();
      return { kind: 'unary', operator: '-', operand: this.unary(), start: token.start };
    }
    return this.postfix();
  }
  private postfix(): Expression {
    let expression = this.primary();
    for (;;) {
      const token = this.peek();
      if (this.isOp(token, '.')) {
        this.take();
        const name = this.take();
        if (name.type !== 'name') throw new ExpressionSyntaxError('Expected a field name after "."', name.start, 'Write `Variable.field`.');
        expression = { kind: 'member', object: expression, property: name.value, start: expression.start };
      } else if (this.isOp(token, '[')) {
        this.take();
        const index = this.or();
        const close = this.take();
        if (!this.isOp(close, ']')) throw new ExpressionSyntaxError(`Expected "]" but found ${describe(close)}`, close.start, 'Close the index with ].');
        expression = { kind: 'index', object: expression, index, start: expression.start };
      } else {
        return expression;
      }
    }
  }
  private primary(): Expression {
    const token = this.take();
    switch (token.type) {
      case 'number':
        return { kind: 'number', value: token.value, start: token.start };
      case 'string':
        return { kind: 'string', value: token.value, start: token.start };
      case 'name': {
        const lower = token.value.toLowerCase();
        if (lower === 'true' || lower === 'false') return { kind: 'boolean', value: lower === 'true', start: token.start };
        if (lower === 'and' || lower === 'or' || lower === 'not') {
          throw new ExpressionSyntaxError(`"${token.value}" needs a value before it`, token.start, 'Put a value or variable where the operator stands.');
        }
        return { kind: 'variable', name: token.value, start: token.start };
      }
      case 'op':
        if (token.value === '(') {
          const inner = this.or();
          const close = this.take();
          if (!this.isOp(close, ')')) throw new ExpressionSyntaxError(`Expected ")" but found ${describe(close)}`, close.start, 'Close the parenthesis opened earlier.');
          return inner;
        }
        throw new ExpressionSyntaxError(`Unexpected ${describe(token)}`, token.start, 'Put a value, a variable or "(" here.');
      case 'end':
        throw new ExpressionSyntaxError('The expression ends too early', token.start, 'Complete the expression, e.g. `Total > 0`.');
    }
  }
}

function describe(token: Token): string {
  switch (token.type) {
    case 'end':
      return 'end of expression';
    case 'string':
      return 'string';
    case 'number':
      return `number ${token.value}`;
    default:
      return `"${token.value}"`;
  }
}

function attempt<T>(run: () => T): ParseResult<T> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return { ok: false, problem: { message: error.message, offset: error.offset, hint: error.hint } };
    throw error;
  }
}

/** Parses an expression such as `Total > 0 and Name = "x"`. */
export function parseExpression(source: string): ParseResult<Expression> {
  if (source.trim() === '') return { ok: false, problem: { message: 'The expression is empty', offset: 0, hint: 'Write an expression, e.g. `Total > 0`.' } };
  return attempt(() => new Parser(tokenize(source)).parse());
}

/**
 * Splits a property value into text and `{expression}` parts. `{{` and `}}`
 * stand for literal braces, so JSON can be written as `{{"a": {Value}}}`.
 */
export function parseTemplate(source: string): ParseResult<TemplatePart[]> {
  return attempt(() => {
    const parts: TemplatePart[] = [];
    let text = '';
    let i = 0;
    while (i < source.length) {
      const ch = source[i];
      if (ch === '{' && source[i + 1] === '{') {
        text += '{';
        i += 2;
      } else if (ch === '}' && source[i + 1] === '}') {
        text += '}';
        i += 2;
      } else if (ch === '{') {
        const close = findClosingBrace(source, i + 1);
        if (close < 0) throw new ExpressionSyntaxError('"{" is never closed', i, 'Close the substitution with "}", or write "{{" for a literal brace.');
        const inner = source.slice(i + 1, close);
        if (inner.trim() === '') throw new ExpressionSyntaxError('Empty substitution "{}"', i, 'Put a variable name between the braces, e.g. {AgentId}, or write "{{}}" for literal braces.');
        const parsed = parseExpression(inner);
        if (!parsed.ok) throw new ExpressionSyntaxError(`In {${inner}}: ${parsed.problem.message}`, i + 1 + parsed.problem.offset, `${parsed.problem.hint} Write "{{" for a literal brace.`);
        if (text) parts.push({ kind: 'text', text });
        text = '';
        parts.push({ kind: 'expression', source: inner, expression: shift(parsed.value, i + 1), start: i });
        i = close + 1;
      } else {
        text += ch;
        i++;
      }
    }
    if (text) parts.push({ kind: 'text', text });
    return parts;
  });
}

/** The `}` that closes a substitution, skipping braces inside quoted strings. */
function findClosingBrace(source: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < source.length; i++) {
    const ch = source[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '}') {
      return i;
    } else if (ch === '{') {
      return -1;
    }
  }
  return -1;
}

/** Moves every start offset of an expression parsed from a slice back into the whole string. */
function shift(expression: Expression, by: number): Expression {
  switch (expression.kind) {
    case 'member':
      return { ...expression, object: shift(expression.object, by), start: expression.start + by };
    case 'index':
      return { ...expression, object: shift(expression.object, by), index: shift(expression.index, by), start: expression.start + by };
    case 'unary':
      return { ...expression, operand: shift(expression.operand, by), start: expression.start + by };
    case 'binary':
      return { ...expression, left: shift(expression.left, by), right: shift(expression.right, by), start: expression.start + by };
    default:
      return { ...expression, start: expression.start + by };
  }
}
