import type { Expression, Statement, Target, TemplatePart } from './ast.ts';
import { dateText, parseDate } from './dates.ts';
import { builtinFunction, LanguageError, TextTooLong, type FunctionEnvironment } from './functions.ts';
import { asNumber, elements, isRecord, isTruthy, maxArrayIndex, toText, type DynamicObject, type Value } from './values.ts';

/** Variable lookup; names are matched without case. */
export interface Scope {
  get(name: string): Value | undefined;
}

/** The variables a Snippet may also write. */
export interface MutableScope extends Scope {
  set(name: string, value: Value): void;
  /** Forgets a variable (a function's parameter that did not exist before the call). */
  delete(name: string): void;
  /** `global:name = value`: a variable every script of the contact sees, which outlives a subscript (a scope without subscripts sets it as any other). */
  setGlobal?(name: string, value: Value): void;
}

export interface UserFunction {
  name: string;
  params: string[];
  body: Statement[];
}

/** A request GetRESTProxy()'s MakeRestRequest makes. */
export interface RestProxyRequest {
  method: string;
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  parser: 'json' | 'jsonIgnoreBody' | 'xml' | 'xmlIgnoreBody';
}

/** What it got: a response (its status, and the JSON body), or why the function failed (it returns -1). */
export type RestProxyAnswer = { ok: true; status: number; statusText: string; json: unknown } | { ok: false; error: string; status?: number; statusText?: string };

/** What running the language needs besides the variables. */
export interface Environment extends FunctionEnvironment {
  /** Answers MakeRestRequest (a contact answers from its scenario's mocks); without it every request fails with -1. */
  restRequest?(request: RestProxyRequest): RestProxyAnswer;
  /** User functions by lower-case name: declared by one Snippet, callable from the rest of the script. */
  functions: Map<string, UserFunction>;
  /** A TRACE line. */
  trace(text: string): void;
  /** The longest text a value may grow to. */
  maxChars: number;
}

/**
 * Work limits, counted in steps (a statement or an expression node) so that
 * they hold the same under the virtual clock as on any machine. The vendor
 * ends a loop after 500 ms of script work; a loop here may take
 * `maxLoopWork` steps, a whole Snippet `maxSnippetWork`.
 */
export const maxLoopWork = 500_000;
export const maxSnippetWork = 5_000_000;
/** How deep user functions may call each other. */
export const maxCallDepth = 100;

/** The vendor's message when a loop runs out of time. */
export const loopTimeMessage = 'Too much time has elapsed';

let seed = 0x2545f491;
function defaultRandom(): number {
  // xorshift32: a fixed sequence for calls made outside a contact.
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 0x1_0000_0000;
}

const defaultEnvironment = (): Environment => ({ functions: new Map(), trace: () => {}, maxChars: 1_000_000, now: () => 0, random: defaultRandom });

/** Objects this interpreter made, which it may change in place; any other object is copied before a change. */
const owned = new WeakSet<object>();

function newObject(): DynamicObject {
  const object: DynamicObject = Object.create(null) as DynamicObject;
  owned.add(object);
  return object;
}

function newList(items: Value[]): Value[] {
  owned.add(items);
  return items;
}

/** JSON text as a dynamic data object (objects and lists the interpreter owns; null as empty text). */
export function fromJson(json: unknown): Value {
  if (json === null || json === undefined) return '';
  if (Array.isArray(json)) return newList(json.map(fromJson));
  if (typeof json === 'object') {
    const object = newObject();
    for (const [key, member] of Object.entries(json as Record<string, unknown>)) object[key] = fromJson(member);
    return object;
  }
  if (typeof json === 'number' || typeof json === 'string' || typeof json === 'boolean') return json;
  return String(json);
}

/** A running Snippet (or one expression): the variables, the functions, and the work done so far. */
class Interpreter {
  readonly #scope: MutableScope;
  readonly #env: Environment;
  work = 0;
  #calls = 0;
  #loopStarts: number[] = [];
  /** Set by BREAK and RETURN until the loop or call that takes them. */
  #breaking = false;
  #returning = false;
  #returnValue: Value = '';
  #inFunction = 0;
  #inLoop = 0;
  /** Where the statement running now starts, for `_ERR`. */
  offset = 0;

  constructor(scope: MutableScope, env: Environment) {
    this.#scope = scope;
    this.#env = env;
  }

  #step(): void {
    if (++this.work > maxSnippetWork) throw new LanguageError(loopTimeMessage);
    const loopStart = this.#loopStarts[this.#loopStarts.length - 1];
    if (loopStart !== undefined && this.work - loopStart > maxLoopWork) throw new LanguageError(loopTimeMessage);
  }

  #bounded(text: string): string {
    if (text.length > this.#env.maxChars) throw new TextTooLong(text.length, this.#env.maxChars);
    return text;
  }

  // --- expressions ------------------------------------------------------------

  evaluate(expression: Expression): Value {
    this.#step();
    switch (expression.kind) {
      case 'number':
      case 'boolean':
        return expression.value;
      case 'string':
        return this.render(expression.parts, false);
      case 'date': {
        const text = toText(this.render(expression.parts, false));
        const ms = parseDate(text);
        if (ms === undefined) throw new LanguageError(`#"${text}" is not a date/time; write it as M/d/yyyy [h:mm:ss AM] or yyyy-MM-dd`);
        return dateText(ms);
      }
      case 'variable':
        return this.#scope.get(expression.name) ?? '';
      case 'member':
        return member(this.evaluate(expression.object), expression.property);
      case 'index':
        return element(this.evaluate(expression.object), this.evaluate(expression.index));
      case 'call':
        if (expression.name.toLowerCase() === 'makerestrequest' && expression.args[0]) return this.#makeRestRequest(expression.args[0], expression.args.slice(1));
        return this.call(expression.name, expression.args.map((a) => this.evaluate(a)));
      case 'method':
        if (expression.name.toLowerCase() === 'makerestrequest') return this.#makeRestRequest(expression.object, expression.args);
        return this.call(expression.name, [this.evaluate(expression.object), ...expression.args.map((a) => this.evaluate(a))]);
      case 'unary': {
        const operand = this.evaluate(expression.operand);
        if (expression.operator === 'not') return isTruthy(operand) ? 0 : 1;
        return -numeric(operand);
      }
      case 'binary': {
        const { operator } = expression;
        if (operator === 'and') return isTruthy(this.evaluate(expression.left)) && isTruthy(this.evaluate(expression.right)) ? 1 : 0;
        if (operator === 'or') return isTruthy(this.evaluate(expression.left)) || isTruthy(this.evaluate(expression.right)) ? 1 : 0;
        const left = this.evaluate(expression.left);
        const right = this.evaluate(expression.right);
        switch (operator) {
          case 'xor':
            return isTruthy(left) !== isTruthy(right) ? 1 : 0;
          case '=':
          case '!=':
          case '<':
          case '<=':
          case '>':
          case '>=': {
            const order = compare(left, right, textual(expression.left) || textual(expression.right));
            const holds = operator === '=' ? order === 0 : operator === '!=' ? order !== 0 : operator === '<' ? order < 0 : operator === '<=' ? order <= 0 : operator === '>' ? order > 0 : order >= 0;
            return holds ? 1 : 0;
          }
          default:
            return arithmetic(operator, numeric(left), numeric(right));
        }
      }
    }
  }

  /** Text with `{expression}` parts filled in; a property that is one `{expression}` keeps its value (`keepLone`). */
  render(parts: readonly TemplatePart[], keepLone: boolean): Value {
    if (keepLone && parts.length === 1 && parts[0]?.kind === 'expression') return this.evaluate(parts[0].expression);
    let text = '';
    for (const part of parts) {
      text += part.kind === 'text' ? part.text : toText(this.evaluate(part.expression));
      if (text.length > this.#env.maxChars) this.#bounded(text);
    }
    return text;
  }

  call(name: string, args: Value[]): Value {
    const user = this.#env.functions.get(name.toLowerCase());
    if (user) return this.#callUser(user, args);
    const builtin = builtinFunction(name);
    if (!builtin) throw new LanguageError(`Unknown function "${name}"`);
    const [min, max] = builtin.arity;
    if (args.length < min || args.length > max) {
      throw new LanguageError(`${builtin.name}() takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}, not ${args.length}`);
    }
    const result = builtin.call(args, this.#env);
    return typeof result === 'string' ? this.#bounded(result) : result;
  }

  /**
   * `proxy.MakeRestRequest(url, payload, parser[, verb])`: the request goes
   * to the environment; the proxy's StatusCode and StatusDescription are
   * written back to the variable that holds it; the result is the JSON
   * body as a dynamic object, or -1 when the request failed.
   */
  #makeRestRequest(objectExpression: Expression, argExpressions: readonly Expression[]): Value {
    const proxy = this.evaluate(objectExpression);
    if (!isRestProxy(proxy)) throw new LanguageError('MakeRestRequest() is a function of the object GetRESTProxy() returns: ASSIGN proxy = GetRESTProxy(), then proxy.MakeRestRequest(url, payload, 0)');
    if (argExpressions.length < 2 || argExpressions.length > 4) throw new LanguageError(`makerestrequest() takes 2 to 4 arguments (url, payload, parser, verb), not ${argExpressions.length}`);
    const [url = '', payload = '', parserArg = 0, verbArg = ''] = argExpressions.map((a) => this.evaluate(a));
    const parser = restParser(parserArg);
    const body = toText(payload);
    const verb = toText(verbArg).trim().toUpperCase() || (body === '' ? 'GET' : 'POST');
    if (!['GET', 'PUT', 'POST', 'DELETE', 'PATCH'].includes(verb)) throw new LanguageError(`makerestrequest(): "${toText(verbArg)}" is not a verb; use GET, PUT, POST, DELETE or PATCH`);
    const seconds = asNumber(proxy['ProxyTimeoutSeconds']);
    const request: RestProxyRequest = {
      method: verb,
      url: toText(url).trim(),
      body,
      headers: { Accept: parser.startsWith('xml') ? 'text/xml' : 'application/json', 'Content-Type': toText(proxy['ContentType']) || defaultProxyContentType },
      timeoutMs: Math.round(Math.max(0, seconds ?? defaultProxyTimeoutSeconds) * 1000),
      parser,
    };
    const answer: RestProxyAnswer = this.#env.restRequest?.(request) ?? { ok: false, error: 'There is no contact to make the request for' };
    const updated = ownObject(proxy);
    updated['StatusCode'] = answer.ok ? answer.status : -1;
    updated['StatusDescription'] = answer.ok ? answer.statusText : answer.error;
    const target = targetOf(objectExpression);
    if (target) this.assign(target, updated);
    return answer.ok ? fromJson(answer.json) : -1;
  }

  #callUser(fn: UserFunction, args: Value[]): Value {
    if (args.length !== fn.params.length) throw new LanguageError(`${fn.name}() takes ${fn.params.length} argument${fn.params.length === 1 ? '' : 's'}, not ${args.length}`);
    if (this.#calls >= maxCallDepth) throw new LanguageError(`Function calls nest deeper than ${maxCallDepth} levels (does ${fn.name} call itself without end?)`);
    // Parameters are the call's own; every other variable is the contact's.
    const saved = fn.params.map((p) => this.#scope.get(p));
    fn.params.forEach((p, i) => this.#scope.set(p, args[i] as Value));
    this.#calls++;
    this.#inFunction++;
    const loops = this.#inLoop;
    this.#inLoop = 0;
    try {
      this.execute(fn.body);
      const value = this.#returning ? this.#returnValue : '';
      this.#returning = false;
      this.#returnValue = '';
      return value;
    } finally {
      this.#inLoop = loops;
      this.#inFunction--;
      this.#calls--;
      fn.params.forEach((p, i) => {
        const before = saved[i];
        if (before === undefined) this.#scope.delete(p);
        else this.#scope.set(p, before);
      });
    }
  }

  // --- statements -------------------------------------------------------------

  /** Declares the FUNCTIONs of a block before it runs, so a call may come before the declaration. */
  hoist(statements: readonly Statement[]): void {
    for (const statement of statements) if (statement.kind === 'function') this.#env.functions.set(statement.name.toLowerCase(), { name: statement.name, params: statement.params, body: statement.body });
  }

  execute(statements: readonly Statement[]): void {
    for (const statement of statements) {
      this.#step();
      this.offset = statement.start;
      this.#run(statement);
      if (this.#breaking || this.#returning) return;
    }
  }

  #run(statement: Statement): void {
    switch (statement.kind) {
      case 'assign':
        this.assign(statement.target, this.evaluate(statement.value));
        return;
      case 'dynamic': {
        if (statement.value === undefined) {
          this.#scope.set(statement.name, newObject());
          return;
        }
        const value = this.evaluate(statement.value);
        if (isRecord(value) || Array.isArray(value)) {
          this.#scope.set(statement.name, copy(value));
          return;
        }
        const text = toText(value);
        if (text.trim() === '') {
          this.#scope.set(statement.name, newObject());
          return;
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          throw new LanguageError(`DYNAMIC ${statement.name} = ...: the text is not JSON (${text.length > 40 ? `${text.slice(0, 37)}...` : text})`);
        }
        this.#scope.set(statement.name, typeof parsed === 'object' && parsed !== null ? fromJson(parsed) : newObject());
        return;
      }
      case 'if':
        if (isTruthy(this.evaluate(statement.condition))) this.execute(statement.then);
        else if (statement.else) this.execute(statement.else);
        return;
      case 'for': {
        if (statement.variable === '') {
          // REPEAT n
          const times = Math.trunc(numeric(this.evaluate(statement.to)));
          this.#loop((i) => i <= times, () => {}, statement.body, 1);
          return;
        }
        const from = Math.trunc(numeric(this.evaluate(statement.from)));
        const to = Math.trunc(numeric(this.evaluate(statement.to)));
        const step = to < from ? -1 : 1;
        // Inclusive, counting down when the end is below the start; at least once.
        this.#loop((i) => i === from || (step > 0 ? i <= to : i >= to), (i) => this.#scope.set(statement.variable, i), statement.body, from, step);
        return;
      }
      case 'foreach': {
        const items = elements(this.evaluate(statement.list)).slice();
        this.#loop((i) => i <= items.length, (i) => this.#scope.set(statement.variable, items[i - 1] as Value), statement.body, 1);
        return;
      }
      case 'while':
        this.#loop(() => isTruthy(this.evaluate(statement.condition)), () => {}, statement.body, 1);
        return;
      case 'switch': {
        const subject = statement.subject ? this.evaluate(statement.subject) : undefined;
        const textualSubject = statement.subject !== undefined && textual(statement.subject);
        for (const clause of statement.cases) {
          const matches = clause.values.some((value) => {
            const v = this.evaluate(value);
            return subject === undefined ? isTruthy(v) : compare(subject, v, textualSubject || textual(value)) === 0;
          });
          if (matches) {
            this.execute(clause.body);
            return;
          }
        }
        if (statement.otherwise) this.execute(statement.otherwise);
        return;
      }
      case 'function':
        this.#env.functions.set(statement.name.toLowerCase(), { name: statement.name, params: statement.params, body: statement.body });
        return;
      case 'return':
        if (this.#inFunction === 0) throw new LanguageError('RETURN is only used inside a FUNCTION');
        this.#returnValue = statement.value ? this.evaluate(statement.value) : '';
        this.#returning = true;
        return;
      case 'break':
        if (this.#inLoop === 0) throw new LanguageError('BREAK is only used inside FOR, FOREACH, WHILE or REPEAT');
        this.#breaking = true;
        return;
      case 'trace':
        this.#env.trace(toText(this.evaluate(statement.value)));
        return;
      case 'call':
        this.evaluate(statement.call);
        return;
    }
  }

  #loop(keepGoing: (i: number) => boolean, before: (i: number) => void, body: readonly Statement[], first: number, step = 1): void {
    this.#loopStarts.push(this.work);
    this.#inLoop++;
    try {
      for (let i = first; keepGoing(i); i += step) {
        this.#step();
        before(i);
        this.execute(body);
        if (this.#breaking) {
          this.#breaking = false;
          return;
        }
        if (this.#returning) return;
      }
    } finally {
      this.#inLoop--;
      this.#loopStarts.pop();
    }
  }

  assign(target: Target, value: Value): void {
    if (typeof value === 'string') this.#bounded(value);
    const write = (name: string, written: Value) => (target.global && this.#scope.setGlobal ? this.#scope.setGlobal(name, written) : this.#scope.set(name, written));
    if (target.path.length === 0) {
      write(target.name, value);
      return;
    }
    const indexes = target.path.map((segment) => (segment.kind === 'index' ? this.evaluate(segment.index) : undefined));
    write(target.name, this.#setPath(this.#scope.get(target.name), target, 0, indexes, value));
  }

  /** The container with the value written at path[at...]: objects and lists are created as needed, copied when not ours. */
  #setPath(container: Value | undefined, target: Target, at: number, indexes: ReadonlyArray<Value | undefined>, value: Value): Value {
    const segment = target.path[at];
    if (segment === undefined) return value;
    const last = at === target.path.length - 1;
    if (segment.kind === 'member') {
      if (segment.name === '__type') throw new LanguageError('"__type" is reserved for JSON parsing and cannot name a member');
      if (last && (segment.name === 'StatusCode' || segment.name === 'StatusDescription') && container !== undefined && isRestProxy(container)) {
        throw new LanguageError(`${segment.name} of a REST proxy is read-only: MakeRestRequest sets it`);
      }
      const object = isRecord(container) ? ownObject(container) : newObject();
      object[segment.name] = this.#setPath(object[segment.name], target, at + 1, indexes, value);
      return object;
    }
    const position = asNumber(indexes[at]);
    if (isRecord(container) && Object.keys(container).length > 0 && position === undefined) {
      // A string key on an object: obj["name"] = value.
      const object = ownObject(container);
      const key = toText(indexes[at]);
      object[key] = this.#setPath(object[key], target, at + 1, indexes, value);
      return object;
    }
    if (position === undefined || !Number.isInteger(position) || position < 1) throw new LanguageError(`Array index ${toText(indexes[at]) || '(empty)'} is not a whole number of 1 or more`);
    if (position > maxArrayIndex) throw new LanguageError(`Array index out of bounds. The current array index (${position}) exceeds the maximum allowed index (${maxArrayIndex})`);
    if (last && !Array.isArray(container) && !isRecord(container)) {
      // A string array: text with | between the elements.
      const items = elements(container).map(toText);
      if (position - items.length > this.#env.maxChars) this.#bounded(' '.repeat(this.#env.maxChars + 1));
      while (items.length < position) items.push('');
      items[position - 1] = toText(value);
      return this.#bounded(items.join('|'));
    }
    // A dynamic array: a list of values or objects (`Persons[i].Name`).
    const list = Array.isArray(container) ? ownList(container) : newList(elements(container).slice());
    if (position - list.length > this.#env.maxChars) throw new LanguageError(`Array index ${position} is far past the end of the array (${list.length} elements)`);
    while (list.length < position) list.push(last ? '' : newObject());
    list[position - 1] = this.#setPath(list[position - 1], target, at + 1, indexes, value);
    return list;
  }
}

/** GetRESTProxy()'s defaults (https://help.nicecxone.com/content/Studio/advanced/apis/apicallsfromsnippetaction.htm). */
export const defaultProxyContentType = 'application/x-www-form-urlencoded';
export const defaultProxyTimeoutSeconds = 10;

/** A proxy object as GetRESTProxy() makes it: recognised by its ContentType and ProxyTimeoutSeconds members. */
function isRestProxy(value: Value): value is { readonly [key: string]: Value } {
  return isRecord(value) && Object.prototype.hasOwnProperty.call(value, 'ContentType') && Object.prototype.hasOwnProperty.call(value, 'ProxyTimeoutSeconds');
}

/** MakeRestRequest's third argument: 0 JSON, 1 XML, 2 JSON ignoring the body, 3 XML ignoring the body (or the words JSON and XML). */
function restParser(value: Value): RestProxyRequest['parser'] {
  const text = toText(value).trim().toLowerCase();
  if (text === '' || text === '0' || text === 'json') return 'json';
  if (text === '1' || text === 'xml') return 'xml';
  if (text === '2') return 'jsonIgnoreBody';
  if (text === '3') return 'xmlIgnoreBody';
  throw new LanguageError(`makerestrequest(): parser "${toText(value)}" is not 0 (JSON), 1 (XML), 2 (JSON, body ignored) or 3 (XML, body ignored)`);
}

/** Where an expression that names a variable (or a member of one) can be written back. */
function targetOf(expression: Expression): Target | undefined {
  const path: Target['path'] = [];
  let at = expression;
  for (;;) {
    if (at.kind === 'variable') return { name: at.name, global: false, path: path.reverse(), start: at.start };
    if (at.kind === 'member') path.push({ kind: 'member', name: at.property });
    else if (at.kind === 'index') path.push({ kind: 'index', index: at.index });
    else return undefined;
    at = at.object;
  }
}

function ownObject(record: { readonly [key: string]: Value }): DynamicObject {
  if (owned.has(record)) return record as DynamicObject;
  const object = newObject();
  for (const [key, member] of Object.entries(record)) object[key] = member;
  return object;
}

function ownList(list: readonly Value[]): Value[] {
  return owned.has(list) ? (list as Value[]) : newList(list.slice());
}

/** A deep copy the interpreter owns (DYNAMIC b = a makes b its own object). */
function copy(value: Value): Value {
  return fromJson(JSON.parse(JSON.stringify(value)) as unknown);
}

/** A member of a dynamic data object (case-sensitive); `.size` of an array. */
function member(object: Value, name: string): Value {
  if (isRecord(object)) {
    if (Object.prototype.hasOwnProperty.call(object, name)) return object[name] as Value;
    return '';
  }
  if (name.toLowerCase() === 'size' || name.toLowerCase() === 'count') return elements(object).length;
  return '';
}

/** Element `position` (from 1) of an array; a string key of an object. */
function element(list: Value, position: Value): Value {
  if (isRecord(list)) {
    const key = toText(position);
    return Object.prototype.hasOwnProperty.call(list, key) ? (list[key] as Value) : '';
  }
  const n = asNumber(position);
  if (n === undefined || !Number.isInteger(n) || n < 1) return '';
  return elements(list)[n - 1] ?? '';
}

/** A variable whose name ends in `$` makes every comparison with it textual. */
function textual(expression: Expression): boolean {
  return expression.kind === 'variable' && expression.name.endsWith('$');
}

/** Numbers as numbers, date/times as date/times, anything else as text (ordinal, case-sensitive). */
export function compare(left: Value, right: Value, asText: boolean): number {
  if (!asText) {
    const a = asNumber(left);
    const b = asNumber(right);
    if (a !== undefined && b !== undefined) return a === b ? 0 : a < b ? -1 : 1;
    if (typeof left === 'string' && typeof right === 'string' && /\d\/\d|\d-\d/.test(left) && /\d\/\d|\d-\d/.test(right)) {
      const x = parseDate(left);
      const y = parseDate(right);
      if (x !== undefined && y !== undefined) return x === y ? 0 : x < y ? -1 : 1;
    }
  }
  const x = toText(left);
  const y = toText(right);
  return x === y ? 0 : x < y ? -1 : 1;
}

/** A value inside arithmetic: numbers and numeric text count, other text is ignored (0). */
function numeric(value: Value): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return asNumber(value) ?? 0;
}

function arithmetic(operator: string, a: number, b: number): number {
  let result: number;
  switch (operator) {
    case '+':
      result = a + b;
      break;
    case '-':
      result = a - b;
      break;
    case '*':
      result = a * b;
      break;
    case '/':
      if (b === 0) throw new LanguageError('Division by zero');
      result = a / b;
      break;
    case '\\':
      if (b === 0) throw new LanguageError('Division by zero');
      result = Math.trunc(a / b);
      break;
    case '%':
      if (b === 0) throw new LanguageError('Division by zero');
      result = a % b;
      break;
    default:
      result = a ** b;
  }
  if (!Number.isFinite(result)) throw new LanguageError(`${a} ${operator} ${b} has no finite result`);
  return result;
}

/** Adapts a read-only scope for evaluation, which never writes. */
function readOnly(scope: Scope): MutableScope {
  return { get: (name) => scope.get(name), set: () => {}, delete: () => {} };
}

function environment(env?: Partial<Environment>): Environment {
  return env ? { ...defaultEnvironment(), ...env } : defaultEnvironment();
}

/**
 * Evaluates an expression. Throws `LanguageError` for a run-time error
 * (division by zero, an unknown function, a wrong number of arguments).
 */
export function evaluate(expression: Expression, scope: Scope, env?: Partial<Environment>): Value {
  return new Interpreter(readOnly(scope), environment(env)).evaluate(expression);
}

/**
 * Fills a template. A template that is one `{expression}` and nothing else
 * keeps the expression's value as it is (a number stays a number).
 */
export function renderTemplate(parts: readonly TemplatePart[], scope: Scope, env?: Partial<Environment>): Value {
  return new Interpreter(readOnly(scope), environment(env)).render(parts, true);
}

export type SnippetResult = { ok: true; work: number } | { ok: false; error: string; offset: number; work: number };

/** Runs Snippet code: on a run-time error it stops at once, with the message for `_ERR` and where it happened. */
export function runSnippet(program: readonly Statement[], scope: MutableScope, env?: Partial<Environment>): SnippetResult {
  const interpreter = new Interpreter(scope, environment(env));
  try {
    interpreter.hoist(program);
    interpreter.execute(program);
    return { ok: true, work: interpreter.work };
  } catch (error) {
    if (error instanceof LanguageError) return { ok: false, error: error.message, offset: interpreter.offset, work: interpreter.work };
    // A stack overflow is bounded out by the parser's depth limit; should one happen all the same, it is the Snippet's error, not a crash.
    if (error instanceof RangeError) return { ok: false, error: 'The Snippet nests too deeply to run', offset: interpreter.offset, work: interpreter.work };
    throw error;
  }
}

export { LanguageError, TextTooLong };
