export type { Expression, TemplatePart, SyntaxProblem, BinaryOperator } from './ast.ts';
export { variablesRead } from './ast.ts';
export { parseExpression, parseTemplate, type ParseResult } from './parse.ts';
