import type { Expression, TemplatePart } from './ast.ts';
import { asNumber, isTruthy, toText, type Value } from './values.ts';

/** Variable lookup; names are matched without case. */
export interface Scope {
  get(name: string): Value | undefined;
}

function field(record: Value | undefined, name: string): Value | undefined {
  if (record === undefined || record === null || typeof record !== 'object' || Array.isArray(record)) return undefined;
  const object = record as { readonly [key: string]: Value };
  if (Object.prototype.hasOwnProperty.call(object, name)) return object[name];
  const lower = name.toLowerCase();
  const key = Object.keys(object).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : object[key];
}

function index(list: Value | undefined, position: Value | undefined): Value | undefined {
  if (Array.isArray(list)) {
    // Studio arrays count from 1.
    const n = asNumber(position);
    return n === undefined || !Number.isInteger(n) ? undefined : (list as readonly Value[])[n - 1];
  }
  return field(list, toText(position));
}

function compare(left: Value | undefined, right: Value | undefined): number {
  const a = asNumber(left);
  const b = asNumber(right);
  if (a !== undefined && b !== undefined) return a === b ? 0 : a < b ? -1 : 1;
  const x = toText(left);
  const y = toText(right);
  return x === y ? 0 : x < y ? -1 : 1;
}

function arithmetic(operator: '-' | '*' | '/' | '%', left: Value | undefined, right: Value | undefined): Value {
  const a = asNumber(left) ?? (toText(left) === '' ? 0 : undefined);
  const b = asNumber(right) ?? (toText(right) === '' ? 0 : undefined);
  // Arithmetic on text that is not a number yields empty text, as an unset variable would.
  if (a === undefined || b === undefined) return '';
  const result = operator === '-' ? a - b : operator === '*' ? a * b : operator === '/' ? a / b : a % b;
  return Number.isFinite(result) ? result : '';
}

/** Evaluates an expression; unset variables read as empty text. */
export function evaluate(expression: Expression, scope: Scope): Value {
  switch (expression.kind) {
    case 'number':
    case 'string':
    case 'boolean':
      return expression.value;
    case 'variable':
      return scope.get(expression.name) ?? '';
    case 'member':
      return field(evaluate(expression.object, scope), expression.property) ?? '';
    case 'index':
      return index(evaluate(expression.object, scope), evaluate(expression.index, scope)) ?? '';
    case 'unary': {
      const operand = evaluate(expression.operand, scope);
      if (expression.operator === 'not') return !isTruthy(operand);
      const n = asNumber(operand);
      return n === undefined ? '' : -n;
    }
    case 'binary': {
      const { operator } = expression;
      if (operator === 'and') return isTruthy(evaluate(expression.left, scope)) && isTruthy(evaluate(expression.right, scope));
      if (operator === 'or') return isTruthy(evaluate(expression.left, scope)) || isTruthy(evaluate(expression.right, scope));
      const left = evaluate(expression.left, scope);
      const right = evaluate(expression.right, scope);
      switch (operator) {
        case '=':
          return compare(left, right) === 0;
        case '!=':
          return compare(left, right) !== 0;
        case '<':
          return compare(left, right) < 0;
        case '<=':
          return compare(left, right) <= 0;
        case '>':
          return compare(left, right) > 0;
        case '>=':
          return compare(left, right) >= 0;
        case '+': {
          // An unset variable counts as 0 next to a number, so `{Count + 1}` works from the start.
          const a = asNumber(left) ?? (toText(left) === '' && asNumber(right) !== undefined ? 0 : undefined);
          const b = asNumber(right) ?? (toText(right) === '' && a !== undefined ? 0 : undefined);
          return a !== undefined && b !== undefined ? a + b : toText(left) + toText(right);
        }
        default:
          return arithmetic(operator, left, right);
      }
    }
  }
}

/**
 * Fills a template. A template that is one `{expression}` and nothing else
 * keeps the expression's value as it is (a number stays a number).
 */
export function renderTemplate(parts: readonly TemplatePart[], scope: Scope): Value {
  if (parts.length === 1 && parts[0]?.kind === 'expression') return evaluate(parts[0].expression, scope);
  let text = '';
  for (const part of parts) text += part.kind === 'text' ? part.text : toText(evaluate(part.expression, scope));
  return text;
}
