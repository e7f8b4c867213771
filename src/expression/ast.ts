/**
 * Syntax tree of the Studio language: the expressions of If, Case, Assign and
 * `{...}` substitutions, and the statements of the Snippet action. Every node
 * carries `start`, its offset in the text it was parsed from.
 */
export type Expression =
  | { kind: 'number'; value: number; start: number }
  /** A quoted string: its text and `{expression}` parts (`"{ph}{i}"`). */
  | { kind: 'string'; parts: TemplatePart[]; start: number }
  /** A date/time literal, `#"02/09/2023"`. */
  | { kind: 'date'; parts: TemplatePart[]; start: number }
  | { kind: 'boolean'; value: boolean; start: number }
  | { kind: 'variable'; name: string; start: number }
  /** `object.member`: members of dynamic data objects are case-sensitive. */
  | { kind: 'member'; object: Expression; property: string; start: number }
  | { kind: 'index'; object: Expression; index: Expression; start: number }
  /** `name(args)`: a built-in or a user function. */
  | { kind: 'call'; name: string; args: Expression[]; start: number }
  /** `object.name(args)`: a member function, or the method form of a function (`ph.MyAppend(i)` is `MyAppend(ph, i)`). */
  | { kind: 'method'; object: Expression; name: string; args: Expression[]; start: number }
  | { kind: 'unary'; operator: '-' | 'not'; operand: Expression; start: number }
  | { kind: 'binary'; operator: BinaryOperator; left: Expression; right: Expression; start: number };

export type BinaryOperator = 'or' | 'and' | 'xor' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%' | '\\' | '^';

/** A string property split into literal text and `{expression}` parts. */
export type TemplatePart = { kind: 'text'; text: string } | { kind: 'expression'; source: string; expression: Expression; start: number };

/** Where an assignment writes: a variable, then members and indexes (`Persons[i].Name`). */
export interface Target {
  name: string;
  /** Written with `global:`: the variable outlives a subscript. */
  global: boolean;
  path: Array<{ kind: 'member'; name: string } | { kind: 'index'; index: Expression }>;
  start: number;
}

export type Statement =
  | { kind: 'assign'; target: Target; value: Expression; start: number }
  | { kind: 'dynamic'; name: string; value?: Expression; start: number }
  | { kind: 'if'; condition: Expression; then: Statement[]; else?: Statement[]; start: number }
  | { kind: 'for'; variable: string; from: Expression; to: Expression; body: Statement[]; start: number }
  | { kind: 'foreach'; variable: string; list: Expression; body: Statement[]; start: number }
  | { kind: 'while'; condition: Expression; body: Statement[]; start: number }
  /** SWITCH compares a value with each CASE; SELECT (no subject) runs the first CASE that is true. */
  | { kind: 'switch'; subject?: Expression; cases: Array<{ values: Expression[]; body: Statement[]; start: number }>; otherwise?: Statement[]; start: number }
  | { kind: 'function'; name: string; params: string[]; body: Statement[]; start: number }
  | { kind: 'return'; value?: Expression; start: number }
  | { kind: 'break'; start: number }
  | { kind: 'trace'; value: Expression; start: number }
  /** A function called for its effect: `generateskill(100)`. */
  | { kind: 'call'; call: Expression; start: number };

/** A problem in an expression, template or Snippet; `offset` is relative to the parsed text. */
export interface SyntaxProblem {
  message: string;
  offset: number;
  hint: string;
  /** `expression-too-deep` when the text nests deeper than the language allows. */
  code?: 'expression-too-deep';
}

/** The child expressions of a node, in source order. */
export function children(expression: Expression): Expression[] {
  switch (expression.kind) {
    case 'string':
    case 'date':
      return expression.parts.flatMap((p) => (p.kind === 'expression' ? [p.expression] : []));
    case 'member':
      return [expression.object];
    case 'index':
      return [expression.object, expression.index];
    case 'call':
      return expression.args;
    case 'method':
      return [expression.object, ...expression.args];
    case 'unary':
      return [expression.operand];
    case 'binary':
      return [expression.left, expression.right];
    default:
      return [];
  }
}

/** Names of the variables an expression reads (the root of each member or index chain), in source order. Iterative. */
export function variablesRead(expression: Expression, into: Array<{ name: string; start: number }> = []): Array<{ name: string; start: number }> {
  const stack: Expression[] = [expression];
  let node: Expression | undefined;
  while ((node = stack.pop()) !== undefined) {
    if (node.kind === 'variable') into.push({ name: node.name, start: node.start });
    const inner = children(node);
    for (let i = inner.length - 1; i >= 0; i--) stack.push(inner[i] as Expression);
  }
  return into;
}

/** Every function an expression calls, with its argument count (the method form counts its object). Iterative. */
export function callsIn(expression: Expression, into: Array<{ name: string; args: number; start: number }> = []): Array<{ name: string; args: number; start: number }> {
  const stack: Expression[] = [expression];
  let node: Expression | undefined;
  while ((node = stack.pop()) !== undefined) {
    if (node.kind === 'call') into.push({ name: node.name, args: node.args.length, start: node.start });
    if (node.kind === 'method') into.push({ name: node.name, args: node.args.length + 1, start: node.start });
    const inner = children(node);
    for (let i = inner.length - 1; i >= 0; i--) stack.push(inner[i] as Expression);
  }
  return into;
}
