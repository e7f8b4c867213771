import type { BinaryOperator, Expression, Statement, SyntaxProblem, Target, TemplatePart } from './ast.ts';

/**
 * One parser for the whole Studio language: the expressions of action
 * properties (If's Expression, Assign's Numeric Value), `{...}` substitutions
 * in property text and in quoted strings, and Snippet code. Parsing is done
 * once, when a script is compiled; nesting is bounded (`maxDepth`) so no
 * input can exhaust the stack: too deep gives `expression-too-deep`.
 */

/** How deep expressions and blocks may nest (parentheses, operators, substitutions in strings, IF inside FOR ...). */
export const maxDepth = 200;

type Token =
  | { type: 'number'; value: number; start: number; end: number }
  /** A quoted string; `body` is its text between the quotes, still with escapes and `{...}`. */
  | { type: 'string'; quote: string; body: string; bodyStart: number; start: number; end: number; date: boolean }
  | { type: 'name'; value: string; start: number; end: number }
  | { type: 'op'; value: string; start: number; end: number }
  | { type: 'newline'; start: number; end: number }
  | { type: 'end'; start: number; end: number };

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problem: SyntaxProblem };

class LanguageSyntaxError extends Error {
  readonly offset: number;
  readonly hint: string;
  readonly code: SyntaxProblem['code'];
  constructor(message: string, offset: number, hint: string, code?: SyntaxProblem['code']) {
    super(message);
    this.offset = offset;
    this.hint = hint;
    this.code = code;
  }
}

const tooDeep = (offset: number) =>
  new LanguageSyntaxError(
    `This nests deeper than ${maxDepth} levels (parentheses, operators, substitutions or blocks)`,
    offset,
    `Split it: compute parts into variables first (one Assign, or one Snippet line, each), then combine them; the limit is ${maxDepth} levels.`,
    'expression-too-deep',
  );

// Longest first, so `<=` wins over `<`.
const operators = ['<=', '>=', '=>', '=<', '<>', '!=', '==', '&&', '||', '=', '<', '>', '+', '-', '*', '/', '%', '\\', '^', '~', '&', '|', '(', ')', '[', ']', '.', ',', '!', ':', '{', '}'];
const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';
export const isNameStart = (ch: string | undefined) => ch !== undefined && /[A-Za-z_]/.test(ch);
export const isNamePart = (ch: string | undefined) => ch !== undefined && /[A-Za-z0-9_$]/.test(ch);

/** Turns text into tokens; `base` is the offset of `source` in the text the positions refer to. */
function tokenize(source: string, base: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
    } else if (ch === '\n') {
      tokens.push({ type: 'newline', start: base + i, end: base + i + 1 });
      i++;
    } else if (ch === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (isDigit(ch) || (ch === '.' && isDigit(source[i + 1]))) {
      const match = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(source.slice(i, i + 400)) as RegExpExecArray;
      tokens.push({ type: 'number', value: Number(match[0]), start: base + i, end: base + i + match[0].length });
      i += match[0].length;
    } else if (ch === '"' || ch === "'" || ((ch === '#' || ch === '$') && (source[i + 1] === '"' || source[i + 1] === "'"))) {
      const start = i;
      const prefixed = ch === '#' || ch === '$';
      const quote = source[prefixed ? i + 1 : i] as string;
      i += prefixed ? 2 : 1;
      const bodyStart = i;
      const close = closingQuote(source, i, quote);
      if (close < 0) throw new LanguageSyntaxError('This string is never closed', base + start, `Close the string with ${quote}; write \\${quote} for a quote inside it.`);
      tokens.push({ type: 'string', quote, body: source.slice(bodyStart, close), bodyStart: base + bodyStart, start: base + start, end: base + close + 1, date: ch === '#' });
      i = close + 1;
    } else if (isNameStart(ch)) {
      const start = i;
      while (i < source.length && isNamePart(source[i])) i++;
      tokens.push({ type: 'name', value: source.slice(start, i), start: base + start, end: base + i });
    } else {
      const op = operators.find((o) => source.startsWith(o, i));
      if (!op) {
        throw new LanguageSyntaxError(`Unexpected character "${ch}"`, base + i, 'Expressions use variables, numbers, "strings", ( ), comparisons (= != < <= > >=), & (and), | (or), and + - * / % \\ ^.');
      }
      tokens.push({ type: 'op', value: op, start: base + i, end: base + i + op.length });
      i += op.length;
    }
  }
  tokens.push({ type: 'end', start: base + source.length, end: base + source.length });
  return tokens;
}

/** The index of the quote that closes a string opened before `from`: `\x` skips a character, a doubled quote is one quote. */
export function closingQuote(source: string, from: number, quote: string, nesting = 0): number {
  for (let i = from; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') i++;
    else if (ch === quote) {
      if (source[i + 1] === quote) i++;
      else return i;
    } else if (ch === '{') {
      // A substitution may hold strings of its own: `"{x.replace('"','\"')}"`.
      const close = closingBrace(source, i + 1, nesting + 1);
      if (close >= 0) i = close;
    }
  }
  return -1;
}

/** The `}` that closes a substitution opened before `from`, skipping quoted strings inside it; -1 when there is none or another `{` comes first. */
export function closingBrace(source: string, from: number, nesting = 0): number {
  // Strings in substitutions in strings, deeper than any expression may nest: never closed.
  if (nesting > maxDepth) return -1;
  for (let i = from; i < source.length; i++) {
    const ch = source[i];
    if (ch === '"' || ch === "'") {
      // Strings inside a substitution: skip them whole (escapes, doubled quotes and their own substitutions included).
      const close = closingQuote(source, i + 1, ch, nesting);
      if (close < 0) return -1;
      i = close;
    } else if (ch === '}') {
      return i;
    } else if (ch === '{' || ch === '\n') {
      return -1;
    }
  }
  return -1;
}

const escapes: Record<string, string> = { '"': '"', "'": "'", '{': '{', '}': '}', '\\': '\\', t: '\t', r: '\r', n: '\n', b: '\b', '0': '\0' };

const comparisonOperators: Record<string, BinaryOperator> = { '=': '=', '==': '=', '!=': '!=', '<>': '!=', '<': '<', '<=': '<=', '=<': '<=', '>': '>', '>=': '>=', '=>': '>=' };

/** Binding power of each binary operator: higher binds tighter. */
function binaryOperator(token: Token): { operator: BinaryOperator; power: number } | undefined {
  if (token.type === 'op') {
    const comparison = comparisonOperators[token.value];
    if (comparison) return { operator: comparison, power: 4 };
    switch (token.value) {
      case '|':
      case '||':
        return { operator: 'or', power: 1 };
      case '~':
        return { operator: 'xor', power: 1 };
      case '&':
      case '&&':
        return { operator: 'and', power: 2 };
      case '+':
      case '-':
        return { operator: token.value, power: 5 };
      case '*':
      case '/':
      case '%':
      case '\\':
        return { operator: token.value, power: 6 };
      case '^':
        return { operator: '^', power: 8 };
      default:
        return undefined;
    }
  }
  if (token.type === 'name') {
    const word = token.value.toLowerCase();
    if (word === 'or') return { operator: 'or', power: 1 };
    if (word === 'and') return { operator: 'and', power: 2 };
  }
  return undefined;
}

/** Words that start a Snippet statement (keywords are not case-sensitive). */
const statementKeywords = new Set(['assign', 'dynamic', 'if', 'else', 'elseif', 'for', 'foreach', 'while', 'repeat', 'switch', 'select', 'case', 'default', 'function', 'return', 'break', 'trace', 'uses']);

/** Reserved words that can never name a variable. */
export const keywords: readonly string[] = [...statementKeywords, 'to', 'in', 'and', 'or', 'not', 'true', 'false'];

class Parser {
  #tokens: Token[];
  #position = 0;
  #depth = 0;
  /** Inside ( ) or [ ], where a line break does not end the statement. */
  #bracketDepth = 0;
  /** Newlines end statements in Snippet code; in a property's expression they are spaces. */
  readonly #newlinesMatter: boolean;

  constructor(tokens: Token[], newlinesMatter: boolean, depth: number) {
    this.#tokens = tokens;
    this.#newlinesMatter = newlinesMatter;
    this.#depth = depth;
  }

  // --- tokens ---------------------------------------------------------------

  peek(): Token {
    let token = this.#tokens[this.#position] as Token;
    while (token.type === 'newline' && (!this.#newlinesMatter || this.#bracketDepth > 0)) token = this.#tokens[++this.#position] as Token;
    return token;
  }
  take(): Token {
    const token = this.peek();
    if (token.type !== 'end') this.#position++;
    return token;
  }
  skipNewlines(): void {
    while ((this.#tokens[this.#position] as Token).type === 'newline') this.#position++;
  }
  isOp(token: Token, value: string): boolean {
    return token.type === 'op' && token.value === value;
  }
  isWord(token: Token, word: string): boolean {
    return token.type === 'name' && token.value.toLowerCase() === word;
  }
  expectOp(value: string, hint: string): Token {
    const token = this.take();
    if (!this.isOp(token, value)) throw new LanguageSyntaxError(`Expected "${value}" but found ${describe(token)}`, token.start, hint);
    return token;
  }
  expectName(what: string, hint: string): Extract<Token, { type: 'name' }> {
    const token = this.take();
    if (token.type !== 'name') throw new LanguageSyntaxError(`Expected ${what} but found ${describe(token)}`, token.start, hint);
    return token;
  }
  enter(offset: number): void {
    if (++this.#depth > maxDepth) throw tooDeep(offset);
  }
  leave(): void {
    this.#depth--;
  }

  // --- expressions ------------------------------------------------------------

  /** Precedence climbing: | ~ or < & and < not < comparisons < + - < * / % \ < unary - < ^ < postfix. */
  expression(minPower = 0): Expression {
    const first = this.peek();
    this.enter(first.start);
    let levels = 1;
    let left = this.prefix();
    for (;;) {
      const token = this.peek();
      const binary = binaryOperator(token);
      if (!binary || binary.power < minPower) break;
      this.take();
      // Each operator adds a level: a long chain is as deep, when evaluated, as it is long.
      this.enter(token.start);
      levels++;
      // ^ is right-associative; comparisons do not chain.
      const right = this.expression(binary.operator === '^' ? binary.power : binary.power + 1);
      left = { kind: 'binary', operator: binary.operator, left, right, start: left.start };
      if (binary.power === 4) {
        const after = this.peek();
        if (binaryOperator(after)?.power === 4) throw new LanguageSyntaxError('Comparisons cannot be chained', after.start, 'Write `a < b & b < c` instead of `a < b < c`.');
      }
    }
    for (; levels > 0; levels--) this.leave();
    return left;
  }

  prefix(): Expression {
    const token = this.peek();
    if (this.isOp(token, '-')) {
      this.take();
      return { kind: 'unary', operator: '-', operand: this.expression(7), start: token.start };
    }
    if (this.isOp(token, '+')) {
      this.take();
      return this.expression(7);
    }
    if (this.isOp(token, '!') || this.isWord(token, 'not')) {
      this.take();
      return { kind: 'unary', operator: 'not', operand: this.expression(3), start: token.start };
    }
    return this.postfix(this.primary());
  }

  postfix(start: Expression): Expression {
    let expression = start;
    let levels = 0;
    for (;;) {
      const token = this.peek();
      if (this.isOp(token, '.')) {
        this.take();
        const name = this.take();
        if (name.type !== 'name') throw new LanguageSyntaxError('Expected a member name after "."', name.start, 'Write `object.member` or `object.function()`.');
        if (this.isOp(this.peek(), '(')) {
          expression = { kind: 'method', object: expression, name: name.value, args: this.arguments(), start: expression.start };
        } else {
          expression = { kind: 'member', object: expression, property: name.value, start: expression.start };
        }
      } else if (this.isOp(token, '[')) {
        this.take();
        this.#bracketDepth++;
        const index = this.expression();
        this.#bracketDepth--;
        const close = this.take();
        if (!this.isOp(close, ']')) throw new LanguageSyntaxError(`Expected "]" but found ${describe(close)}`, close.start, 'Close the index with ].');
        expression = { kind: 'index', object: expression, index, start: expression.start };
      } else {
        for (; levels > 0; levels--) this.leave();
        return expression;
      }
      // A member chain is as deep as it is long.
      this.enter(token.start);
      levels++;
    }
  }

  arguments(): Expression[] {
    const open = this.expectOp('(', 'Arguments go in parentheses.');
    this.#bracketDepth++;
    const args: Expression[] = [];
    if (!this.isOp(this.peek(), ')')) {
      for (;;) {
        args.push(this.expression());
        const next = this.take();
        if (this.isOp(next, ')')) break;
        if (!this.isOp(next, ',')) throw new LanguageSyntaxError(`Expected "," or ")" but found ${describe(next)}`, next.start, `Separate arguments with commas and close the call opened at offset ${open.start} with ")".`);
      }
    } else {
      this.take();
    }
    this.#bracketDepth--;
    return args;
  }

  primary(): Expression {
    const token = this.take();
    switch (token.type) {
      case 'number':
        return { kind: 'number', value: token.value, start: token.start };
      case 'string': {
        const parts = stringParts(token, this.#depth);
        return token.date ? { kind: 'date', parts, start: token.start } : { kind: 'string', parts, start: token.start };
      }
      case 'name': {
        const lower = token.value.toLowerCase();
        if (lower === 'true' || lower === 'false') return { kind: 'boolean', value: lower === 'true', start: token.start };
        if (lower === 'and' || lower === 'or') throw new LanguageSyntaxError(`"${token.value}" needs a value before it`, token.start, 'Put a value or variable where the operator stands.');
        if (lower === 'new') throw new LanguageSyntaxError('"new" objects (SOAP and REST proxies) need the network, which studio-sim does not reach', token.start, 'Keep proxy calls out of the Snippets you run here, or put them behind an IF on a test variable.');
        if (this.isOp(this.peek(), '(')) return { kind: 'call', name: token.value, args: this.arguments(), start: token.start };
        return { kind: 'variable', name: token.value, start: token.start };
      }
      case 'op':
        if (token.value === '(') {
          this.#bracketDepth++;
          const inner = this.expression();
          this.#bracketDepth--;
          const close = this.take();
          if (!this.isOp(close, ')')) throw new LanguageSyntaxError(`Expected ")" but found ${describe(close)}`, close.start, 'Close the parenthesis opened earlier.');
          return inner;
        }
        if (token.value === '{') {
          // The vendor: variables in a numeric expression are not wrapped in "{...}"; doing so is an error.
          const inner = this.peek();
          const name = inner.type === 'name' ? inner.value : 'the variable';
          throw new LanguageSyntaxError(`An expression reads variables by name, without braces`, token.start, `Write ${name} without braces; {...} belongs in text, such as "{${name}}" inside quotes.`);
        }
        throw new LanguageSyntaxError(`Unexpected ${describe(token)}`, token.start, 'Put a value, a variable or "(" here.');
      case 'newline':
      case 'end':
        throw new LanguageSyntaxError('The expression ends too early', token.start, 'Complete the expression, e.g. `Total > 0`.');
    }
  }

  // --- statements -------------------------------------------------------------

  /** Statements up to the end of the text (top level) or the `}` that closes a block. */
  statements(inBlock: boolean): Statement[] {
    const list: Statement[] = [];
    for (;;) {
      this.skipNewlines();
      const token = this.peek();
      if (token.type === 'end') {
        if (inBlock) throw new LanguageSyntaxError('A block is never closed', token.start, 'Close each "{" with "}".');
        return list;
      }
      if (this.isOp(token, '}')) {
        if (!inBlock) throw new LanguageSyntaxError('"}" closes no block', token.start, 'Remove it, or open the block with "{" after IF, FOR, FOREACH, WHILE, SWITCH or FUNCTION.');
        return list;
      }
      list.push(this.statement());
      // A statement ends at a line break, a "}" or the start of the next statement.
      const after = this.#tokens[this.#position] as Token;
      if (after.type !== 'newline' && after.type !== 'end' && !this.isOp(after, '}') && after.type !== 'name') {
        throw new LanguageSyntaxError(`Unexpected ${describe(after)} after the statement`, after.start, 'Put one statement per line; join values with an operator such as + or &.');
      }
    }
  }

  block(keyword: string): Statement[] {
    this.skipNewlines();
    const open = this.take();
    if (!this.isOp(open, '{')) throw new LanguageSyntaxError(`${keyword} needs its statements in braces, found ${describe(open)}`, open.start, `Write ${keyword} ... { statements }: the braces are required even for one line.`);
    this.enter(open.start);
    const body = this.statements(true);
    this.take();
    this.leave();
    return body;
  }

  statement(): Statement {
    const token = this.peek();
    if (token.type === 'name') {
      const keyword = token.value.toLowerCase();
      if (statementKeywords.has(keyword)) {
        this.take();
        return this.keywordStatement(keyword, token);
      }
    }
    // An assignment without ASSIGN, or a call made for its effect.
    const target = this.postfix(this.primary());
    if (this.isOp(this.peek(), '=') || this.isOp(this.peek(), ':')) return this.assignment(target, token.start);
    if (target.kind === 'call' || target.kind === 'method') return { kind: 'call', call: target, start: token.start };
    throw new LanguageSyntaxError(`A statement cannot start with ${describe(token)}`, token.start, 'Start a line with a keyword (ASSIGN, IF, FOR, ...), `name = value`, or a function call.');
  }

  assignment(written: Expression, start: number): Statement {
    let global = false;
    let left = written;
    if (this.isOp(this.peek(), ':')) {
      // `global:name = value`
      if (!(left.kind === 'variable' && left.name.toLowerCase() === 'global')) throw new LanguageSyntaxError('Only "global:" may prefix a variable name', this.peek().start, 'Write `ASSIGN global:name = value`.');
      this.take();
      global = true;
      left = this.postfix(this.primary());
    }
    const target = toTarget(left, global);
    const equals = this.take();
    if (!this.isOp(equals, '=')) throw new LanguageSyntaxError(`Expected "=" but found ${describe(equals)}`, equals.start, 'Write `ASSIGN name = value`.');
    return { kind: 'assign', target, value: this.expression(), start };
  }

  keywordStatement(keyword: string, token: Token): Statement {
    const start = token.start;
    switch (keyword) {
      case 'assign':
        return this.assignment(this.postfix(this.primary()), start);
      case 'dynamic': {
        const name = this.expectName('a name', 'Write `DYNAMIC name`.');
        checkName(name.value, name.start);
        if (this.isOp(this.peek(), '=')) {
          this.take();
          return { kind: 'dynamic', name: name.value, value: this.expression(), start };
        }
        return { kind: 'dynamic', name: name.value, start };
      }
      case 'if': {
        const condition = this.expression();
        const then = this.block('IF');
        const mark = this.#position;
        this.skipNewlines();
        const next = this.peek();
        if (this.isWord(next, 'else')) {
          this.take();
          const after = this.peek();
          if (this.isWord(after, 'if')) throw new LanguageSyntaxError('ELSE IF is not part of the language', after.start, 'Nest instead: ELSE { IF ... { } }.');
          return { kind: 'if', condition, then, else: this.block('ELSE'), start };
        }
        if (this.isWord(next, 'elseif')) throw new LanguageSyntaxError('ELSEIF is not part of the language', next.start, 'Nest instead: ELSE { IF ... { } }.');
        this.#position = mark;
        return { kind: 'if', condition, then, start };
      }
      case 'for': {
        const variable = this.expectName('the loop variable', 'Write `FOR i = 1 TO 10 { ... }`.');
        checkName(variable.value, variable.start);
        this.expectOp('=', 'Write `FOR i = 1 TO 10 { ... }`.');
        const from = this.expression();
        const to = this.take();
        if (!this.isWord(to, 'to')) throw new LanguageSyntaxError(`Expected TO but found ${describe(to)}`, to.start, 'Write `FOR i = 1 TO 10 { ... }`.');
        const end = this.expression();
        return { kind: 'for', variable: variable.value, from, to: end, body: this.block('FOR'), start };
      }
      case 'foreach': {
        const variable = this.expectName('the element variable', 'Write `FOREACH item IN items { ... }`.');
        checkName(variable.value, variable.start);
        const word = this.take();
        if (!this.isWord(word, 'in')) throw new LanguageSyntaxError(`Expected IN but found ${describe(word)}`, word.start, 'Write `FOREACH item IN items { ... }`.');
        const list = this.expression();
        return { kind: 'foreach', variable: variable.value, list, body: this.block('FOREACH'), start };
      }
      case 'while': {
        const condition = this.expression();
        return { kind: 'while', condition, body: this.block('WHILE'), start };
      }
      case 'repeat': {
        // REPEAT <count> { ... } runs the block count times.
        const count = this.expression();
        return { kind: 'for', variable: '', from: { kind: 'number', value: 1, start }, to: count, body: this.block('REPEAT'), start };
      }
      case 'switch':
        return this.switchStatement(this.expression(), start);
      case 'select':
        return this.switchStatement(undefined, start);
      case 'function': {
        const name = this.expectName('the function name', 'Write `FUNCTION name(a, b) { ... }`.');
        checkName(name.value, name.start);
        this.expectOp('(', 'Write `FUNCTION name(a, b) { ... }`.');
        const params: string[] = [];
        if (!this.isOp(this.peek(), ')')) {
          for (;;) {
            const param = this.expectName('a parameter name', 'Parameters are names separated by commas.');
            checkName(param.value, param.start);
            params.push(param.value);
            const next = this.take();
            if (this.isOp(next, ')')) break;
            if (!this.isOp(next, ',')) throw new LanguageSyntaxError(`Expected "," or ")" but found ${describe(next)}`, next.start, 'Parameters are names separated by commas.');
          }
        } else {
          this.take();
        }
        return { kind: 'function', name: name.value, params, body: this.block('FUNCTION'), start };
      }
      case 'return': {
        const next = this.#tokens[this.#position] as Token;
        if (next.type === 'newline' || next.type === 'end' || this.isOp(next, '}')) return { kind: 'return', start };
        return { kind: 'return', value: this.expression(), start };
      }
      case 'break':
        return { kind: 'break', start };
      case 'trace':
        return { kind: 'trace', value: this.expression(), start };
      case 'uses':
        throw new LanguageSyntaxError('USES loads a SOAP proxy, which needs the network: studio-sim cannot run it', start, 'Remove USES from the Snippets you run here.');
      case 'else':
        throw new LanguageSyntaxError('ELSE without an IF before it', start, 'ELSE follows the closing "}" of an IF block.');
      default:
        throw new LanguageSyntaxError(`${keyword.toUpperCase()} is only used inside SWITCH or SELECT`, start, 'Write SWITCH value { CASE 1 { ... } DEFAULT { ... } }.');
    }
  }

  switchStatement(subject: Expression | undefined, start: number): Statement {
    const keyword = subject ? 'SWITCH' : 'SELECT';
    this.skipNewlines();
    const open = this.take();
    if (!this.isOp(open, '{')) throw new LanguageSyntaxError(`${keyword} needs its CASEs in braces, found ${describe(open)}`, open.start, `Write ${keyword} ${subject ? 'value ' : ''}{ CASE ... { } DEFAULT { } }.`);
    this.enter(open.start);
    const cases: Array<{ values: Expression[]; body: Statement[]; start: number }> = [];
    let otherwise: Statement[] | undefined;
    // Consecutive CASE lines share the body that follows them.
    let pending: Expression[] = [];
    let pendingStart = start;
    for (;;) {
      this.skipNewlines();
      const token = this.take();
      if (this.isOp(token, '}')) break;
      if (this.isWord(token, 'case')) {
        if (pending.length === 0) pendingStart = token.start;
        pending.push(this.expression());
        while (this.isOp(this.peek(), ',')) {
          this.take();
          pending.push(this.expression());
        }
        this.skipNewlines();
        if (this.isOp(this.peek(), '{')) {
          cases.push({ values: pending, body: this.block('CASE'), start: pendingStart });
          pending = [];
        }
      } else if (this.isWord(token, 'default')) {
        if (otherwise) throw new LanguageSyntaxError(`${keyword} has two DEFAULTs`, token.start, 'Keep one DEFAULT, at the end.');
        otherwise = this.block('DEFAULT');
      } else {
        throw new LanguageSyntaxError(`Expected CASE, DEFAULT or "}" in ${keyword} but found ${describe(token)}`, token.start, `Inside ${keyword} { } write CASE ... { } and DEFAULT { }.`);
      }
    }
    if (pending.length > 0) throw new LanguageSyntaxError('This CASE has no block', pendingStart, 'Follow the CASE with { statements }.');
    this.leave();
    const statement: Statement = { kind: 'switch', cases, start };
    if (subject) statement.subject = subject;
    if (otherwise) statement.otherwise = otherwise;
    return statement;
  }
}

function checkName(name: string, offset: number): void {
  if (keywords.includes(name.toLowerCase())) throw new LanguageSyntaxError(`"${name}" is a keyword and cannot name a variable or function`, offset, 'Choose another name.');
}

function toTarget(expression: Expression, global: boolean): Target {
  const path: Target['path'] = [];
  let node = expression;
  while (node.kind === 'member' || node.kind === 'index') {
    path.unshift(node.kind === 'member' ? { kind: 'member', name: node.property } : { kind: 'index', index: node.index });
    node = node.object;
  }
  if (node.kind !== 'variable') throw new LanguageSyntaxError('Only a variable, a member or an array element can be assigned', expression.start, 'Write `name = value`, `name.member = value` or `name[1] = value`.');
  checkName(node.name, node.start);
  return { name: node.name, global, path, start: expression.start };
}

/** The text and `{expression}` parts of a quoted string token. */
function stringParts(token: Extract<Token, { type: 'string' }>, depth: number): TemplatePart[] {
  return templateParts(token.body, token.bodyStart, depth, true, token.quote);
}

/**
 * Splits text into literal parts and `{expression}` parts. `{{`, `}}` and
 * `\{` are literal braces; in quoted strings the backslash escapes of the
 * README apply, and a doubled quote is one quote.
 */
function templateParts(source: string, base: number, depth: number, quoted: boolean, quote = ''): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    const next = source[i + 1];
    if (ch === '\\' && next !== undefined && (quoted ? escapes[next] !== undefined : next === '{' || next === '}')) {
      text += escapes[next];
      i += 2;
    } else if (quoted && ch === quote && next === quote) {
      text += quote;
      i += 2;
    } else if (ch === '{' && next === '{') {
      text += '{';
      i += 2;
    } else if (ch === '}' && next === '}') {
      text += '}';
      i += 2;
    } else if (ch === '{') {
      const close = closingBrace(source, i + 1);
      if (close < 0) throw new LanguageSyntaxError('"{" is never closed', base + i, 'Close the substitution with "}" on the same line, or write "{{" for a literal brace.');
      const inner = source.slice(i + 1, close);
      if (inner.trim() === '') throw new LanguageSyntaxError('Empty substitution "{}"', base + i, 'Put a variable name between the braces, e.g. {AgentId}, or write "{{}}" for literal braces.');
      if (depth + 1 > maxDepth) throw tooDeep(base + i);
      const parser = new Parser(tokenize(inner, base + i + 1), false, depth + 1);
      let expression: Expression;
      try {
        expression = parser.expression();
        const rest = parser.peek();
        if (rest.type !== 'end') throw new LanguageSyntaxError(`Unexpected ${describe(rest)} after a complete expression`, rest.start, 'A substitution holds one expression, such as {Name} or {Count + 1}.');
      } catch (error) {
        if (error instanceof LanguageSyntaxError && error.code === undefined) {
          throw new LanguageSyntaxError(`In {${inner.length > 60 ? `${inner.slice(0, 57)}...` : inner}}: ${error.message}`, error.offset, `${error.hint} Write "{{" for a literal brace.`);
        }
        throw error;
      }
      if (text) parts.push({ kind: 'text', text });
      text = '';
      parts.push({ kind: 'expression', source: inner, expression, start: base + i });
      i = close + 1;
    } else {
      text += ch;
      i++;
    }
  }
  if (text) parts.push({ kind: 'text', text });
  return parts;
}

function describe(token: Token): string {
  switch (token.type) {
    case 'end':
      return 'the end';
    case 'newline':
      return 'the end of the line';
    case 'string':
      return 'a string';
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
    if (error instanceof LanguageSyntaxError) {
      const problem: SyntaxProblem = { message: error.message, offset: error.offset, hint: error.hint };
      if (error.code) problem.code = error.code;
      return { ok: false, problem };
    }
    // A stack overflow anywhere in here is a bug of ours; say so in the language's terms rather than crash.
    if (error instanceof RangeError) return { ok: false, problem: { message: 'This nests too deeply to read', offset: 0, hint: tooDeep(0).hint, code: 'expression-too-deep' } };
    throw error;
  }
}

/** Parses an expression such as `Total > 0 & Name = "x"` (If's Expression, Assign's Numeric Value). */
export function parseExpression(source: string): ParseResult<Expression> {
  if (source.trim() === '') return { ok: false, problem: { message: 'The expression is empty', offset: 0, hint: 'Write an expression, e.g. `Total > 0`.' } };
  return attempt(() => {
    const parser = new Parser(tokenize(source, 0), false, 0);
    const expression = parser.expression();
    const next = parser.peek();
    if (next.type !== 'end') throw new LanguageSyntaxError(`Unexpected ${describe(next)} after a complete expression`, next.start, 'Join conditions with & or |, and values with an operator such as + or =.');
    return expression;
  });
}

/**
 * Splits a property value into text and `{expression}` parts. `{{` and `}}`
 * stand for literal braces, so JSON can be written as `{{"a": {Value}}}`.
 */
export function parseTemplate(source: string): ParseResult<TemplatePart[]> {
  return attempt(() => templateParts(source, 0, 0, false));
}

/** Parses a Snippet action's code into statements. */
export function parseSnippet(source: string): ParseResult<Statement[]> {
  return attempt(() => new Parser(tokenize(source, 0), true, 0).statements(false));
}
