export type { Expression, TemplatePart, SyntaxProblem, BinaryOperator, Statement, Target } from './ast.ts';
export { variablesRead, callsIn, children } from './ast.ts';
export { parseExpression, parseTemplate, parseSnippet, keywords, maxDepth, type ParseResult } from './parse.ts';
export { evaluate, renderTemplate, runSnippet, compare, fromJson, loopTimeMessage, maxLoopWork, maxSnippetWork, maxCallDepth, LanguageError, TextTooLong, type Scope, type MutableScope, type Environment, type UserFunction, type SnippetResult } from './evaluate.ts';
export { builtinFunctions, builtinFunction, type BuiltinFunction } from './functions.ts';
export { asNumber, isTruthy, toText, elements, type Value } from './values.ts';
