export type { Expression, TemplatePart, SyntaxProblem, BinaryOperator } from './ast.ts';
export { variablesRead } from './ast.ts';
export { parseExpression, parseTemplate, type ParseResult } from './parse.ts';
export { evaluate, renderTemplate, type Scope } from './evaluate.ts';
export { asNumber, isTruthy, toText, type Value } from './values.ts';
