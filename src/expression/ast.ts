/** Syntax tree of the small expression language used by If, Case, Assign and `{...}` substitutions. */
export type Expression =
  | { kind: 'number'; value: number; start: number }
  | { kind: 'string'; value: string; start: number }
  | { kind: 'boolean'; value: boolean; start: number }
  | { kind: 'variable'; name: string; start: number }
  | { kind: 'member'; object: Expression; property: string; start: number }
  | { kind: 'index'; object: Expression; index: Expression; start: number }
  | { kind: 'unary'; operator: '-' | 'not'; operand: Expression; start: number }
  | { kind: 'binary'; operator: BinaryOperator; left: Expression; right: Expression; start: number };

export type BinaryOperator = 'or' | 'and' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%';

/** A string property split into literal text and `{expression}` parts. */
export type TemplatePart = { kind: 'text'; text: string } | { kind: 'expression'; source: string; expression: Expression; start: number };

/** A problem in an expression or template; `offset` is relative to the parsed text. */
export interface SyntaxProblem {
  message: string;
  offset: number;
  hint: string;
}

/** Names of the variables an expression reads (the root of each member or index chain). */
export function variablesRead(expression: Expression, into: Array<{ name: string; start: number }> = []): Array<{ name: string; start: number }> {
  switch (expression.kind) {
    case 'variable':
      into.push({ name: expression.name, start: expression.start });
      break;
    case 'member':
      variablesRead(expression.object, into);
      break;
    case 'index':
      variablesRead(expression.object, into);
      variablesRead(expression.index, into);
      break;
    case 'unary':
      variablesRead(expression.operand, into);
      break;
    case 'binary':
      variablesRead(expression.left, into);
      variablesRead(expression.right, into);
      break;
    default:
      break;
  }
  return into;
}
