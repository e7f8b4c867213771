import { actionDefinition, type ScriptAction } from '../actions/index.ts';
import type { Diagnostic, PathSegment } from '../diagnostics/diagnostic.ts';
import { closest } from '../diagnostics/suggest.ts';
import { snippetFacts, type SnippetFacts } from '../expression/facts.ts';
import { builtinFunction, builtinFunctions, callsIn, children, parseExpression, parseSnippet, type BuiltinFunction, type Expression } from '../expression/index.ts';
import { asNumber } from '../expression/values.ts';
import { diagnosticAt, linePosition, offsetInScalar, type LoadedDocument } from '../load/index.ts';

/**
 * Warnings about scripts that are valid but probably not what the author
 * meant: the teaching side of validation. Each has a code `explain` describes.
 */
export function lintScript(document: LoadedDocument, actions: ReadonlyMap<string, ScriptAction>, diagnostics: Diagnostic[]): void {
  menuOptionsWithoutBranch(document, actions, diagnostics);
  endlessLoops(document, actions, diagnostics);
  persistedNameReuse(document, actions, diagnostics);
  textComparisons(document, actions, diagnostics);
  snippetChecks(document, actions, diagnostics);
}

/** Calls to unknown functions, calls with the wrong number of arguments, and code after RETURN or BREAK. */
function snippetChecks(document: LoadedDocument, actions: ReadonlyMap<string, ScriptAction>, diagnostics: Diagnostic[]): void {
  const programs: Array<{ action: ScriptAction; property: string; facts: SnippetFacts }> = [];
  const declared = new Map<string, number>();
  for (const action of actions.values()) {
    const definition = actionDefinition(action.type);
    if (!definition) continue;
    for (const [name, spec] of Object.entries(definition.properties)) {
      const source = action.properties[name];
      if (typeof source !== 'string') continue;
      const kind = spec.kindWhen?.(action.properties) ?? spec.kind;
      if (kind === 'snippet') {
        const parsed = parseSnippet(source);
        if (!parsed.ok) continue;
        const facts = snippetFacts(parsed.value);
        for (const fn of facts.functions) declared.set(fn.name.toLowerCase(), fn.params);
        programs.push({ action, property: name, facts });
      } else if (kind === 'expression') {
        const parsed = parseExpression(source);
        if (parsed.ok) programs.push({ action, property: name, facts: { writes: [], reads: [], functions: [], unreachable: [], calls: callsIn(parsed.value) } });
      }
    }
  }
  const warn = (action: ScriptAction, property: string, offset: number, code: string, message: string, hint: string) => {
    const path: PathSegment[] = ['actions', action.id, 'properties', property];
    diagnostics.push({ code, severity: 'warning', message, file: document.file, ...linePosition(document.lineCounter, offsetInScalar(document.doc.contents, document.text, path, offset)), path, hint });
  };
  for (const { action, property, facts } of programs) {
    for (const call of facts.calls) {
      const user = declared.get(call.name.toLowerCase());
      const builtin = builtinFunction(call.name);
      if (user === undefined && !builtin) {
        const suggestion = closest(call.name.toLowerCase(), [...builtinFunctions.map((f) => f.name), ...declared.keys()]);
        warn(action, property, call.start, 'unknown-function', `${call.name}() is neither a built-in function nor a FUNCTION of this script${suggestion ? `; did you mean ${suggestion}()?` : ''}`, 'Check the spelling against the README\'s function table, or declare it with FUNCTION in a Snippet.');
        continue;
      }
      const [min, max] = user !== undefined ? [user, user] : (builtin as BuiltinFunction).arity;
      if (call.args < min || call.args > max) {
        const takes = min === max ? `${min}` : `${min} to ${max}`;
        warn(action, property, call.start, 'wrong-argument-count', `${call.name}() takes ${takes} argument${max === 1 ? '' : 's'}, but this call passes ${call.args}`, 'Pass exactly the arguments it takes: the call fails when it runs and the Snippet takes Error. The method form x.f(a) counts x as the first.');
      }
    }
    for (const dead of facts.unreachable) {
      warn(action, property, dead.start, 'unreachable-code', 'This statement comes after RETURN or BREAK in the same block, so it never runs', 'Remove it, or move it before the RETURN or BREAK.');
    }
  }
}

/** "Press 3 for ..." in a Menu prompt, but no branch "3". */
function menuOptionsWithoutBranch(document: LoadedDocument, actions: ReadonlyMap<string, ScriptAction>, diagnostics: Diagnostic[]): void {
  for (const action of actions.values()) {
    if (action.type !== 'Menu') continue;
    const sequence = action.properties['Sequence'];
    if (typeof sequence !== 'string') continue;
    const seen = new Set<string>();
    for (const match of sequence.matchAll(/\bpress\s+([0-9*#])|\b([0-9])\s+(?:for|to)\b/gi)) {
      const key = (match[1] ?? match[2]) as string;
      if (seen.has(key) || action.branches[key] !== undefined) continue;
      seen.add(key);
      const path: PathSegment[] = ['actions', action.id, 'properties', 'Sequence'];
      const offset = offsetInScalar(document.doc.contents, document.text, path, (match.index ?? 0) + match[0].indexOf(key));
      diagnostics.push({
        code: 'menu-option-unwired',
        severity: 'warning',
        message: `Menu "${action.id}" tells the caller about ${key}, but has no branch "${key}"; pressing it takes ${action.branches['OnInvalid'] ? 'OnInvalid' : action.branches['Default'] ? 'Default' : 'no branch'}`,
        file: document.file,
        ...linePosition(document.lineCounter, offset),
        path,
        hint: `Add \`"${key}": <action>\` under the Menu's branches, or change the prompt.`,
      });
    }
  }
}

/**
 * Strongly connected groups of actions (Tarjan), for loops. Iterative, with an
 * explicit stack of (action, next branch to look at), so a straight chain of
 * thousands of actions cannot overflow the call stack.
 */
function cycles(actions: ReadonlyMap<string, ScriptAction>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const targetsOf = (id: string) => Object.values(actions.get(id)?.branches ?? {}).filter((target) => actions.has(target));
  const enter = (id: string): { id: string; targets: string[]; next: number } => {
    indices.set(id, index);
    low.set(id, index);
    index++;
    stack.push(id);
    onStack.add(id);
    return { id, targets: targetsOf(id), next: 0 };
  };
  for (const root of actions.keys()) {
    if (indices.has(root)) continue;
    const frames = [enter(root)];
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as { id: string; targets: string[]; next: number };
      if (frame.next < frame.targets.length) {
        const target = frame.targets[frame.next++] as string;
        if (!indices.has(target)) frames.push(enter(target));
        else if (onStack.has(target)) low.set(frame.id, Math.min(low.get(frame.id) as number, indices.get(target) as number));
        continue;
      }
      frames.pop();
      const id = frame.id;
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) as number, low.get(id) as number));
      if (low.get(id) !== indices.get(id)) continue;
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        group.push(member);
      } while (member !== id);
      if (group.length > 1 || frame.targets.includes(id)) groups.push(group.reverse());
    }
  }
  return groups;
}

/** A loop that never waits and is never left: it spins until the step budget stops the contact. */
function endlessLoops(document: LoadedDocument, actions: ReadonlyMap<string, ScriptAction>, diagnostics: Diagnostic[]): void {
  for (const group of cycles(actions)) {
    const members = group.map((id) => actions.get(id) as ScriptAction);
    const waits = members.some((a) => {
      const definition = actionDefinition(a.type);
      return definition?.waits === true && (definition.takesTime?.(a) ?? true);
    });
    // A Loop action bounds the cycle when its Finished branch leaves it.
    const bounded = members.some((a) => a.type === 'Loop' && a.branches['Finished'] !== undefined && !group.includes(a.branches['Finished']));
    // A loop left through a condition (a counter and an If) is a common, sound pattern.
    const exits = members.some((a) => Object.values(a.branches).some((target) => !group.includes(target)));
    if (waits || bounded || exits) continue;
    const first = members[0] as ScriptAction;
    diagnostics.push(
      diagnosticAt(document, ['actions', first.id], 'key', {
        code: 'endless-loop',
        severity: 'warning',
        message: `${group.join(' -> ')} -> ${first.id} is a loop that takes no time and is never left: it spins until the step budget stops the contact`,
        hint: 'Give the loop a way out (a Loop action with Finished leading out, or an If), or a Wait so it takes time until an event ends it.',
      }),
    );
  }
}

/** The same persisted event name sent with different data: only the newest undelivered one survives. */
function persistedNameReuse(document: LoadedDocument, actions: ReadonlyMap<string, ScriptAction>, diagnostics: Diagnostic[]): void {
  const byName = new Map<string, ScriptAction[]>();
  for (const action of actions.values()) {
    if (action.type !== 'CustomEvent' || action.properties['PersistInMemory'] !== true) continue;
    const name = action.properties['EventName'];
    if (typeof name !== 'string' || name.includes('{')) continue;
    const key = `${String(action.properties['TargetAgent'] ?? '')}\u0000${name}`;
    byName.set(key, [...(byName.get(key) ?? []), action]);
  }
  for (const group of byName.values()) {
    const data = new Set(group.map((a) => String(a.properties['Data'] ?? '')));
    if (group.length < 2 || data.size < 2) continue;
    const [first, ...others] = group as [ScriptAction, ...ScriptAction[]];
    for (const other of others) {
      diagnostics.push(
        diagnosticAt(document, ['actions', other.id, 'properties', 'EventName'], 'value', {
          code: 'persisted-name-reuse',
          severity: 'warning',
          message: `CustomEvent "${other.id}" persists ${String(other.properties['EventName'])} with other data than "${first.id}" does; a logged-out agent keeps only the newest, so the earlier one is lost`,
          hint: 'Give events that mean different things different names, or send them with PersistInMemory false if only the latest matters.',
        }),
      );
    }
  }
}

/** The comparisons in an expression, in source order; iterative, as every tree walk here. */
function comparisons(expression: Expression, out: Array<Extract<Expression, { kind: 'binary' }>>): void {
  // Iterative: an expression may be as deep as the language allows.
  const stack: Expression[] = [expression];
  let node: Expression | undefined;
  while ((node = stack.pop()) !== undefined) {
    if (node.kind === 'binary' && ['=', '!=', '<', '<=', '>', '>='].includes(node.operator)) out.push(node);
    stack.push(...children(node).reverse());
  }
}

/** The text of a quoted string without substitutions, else undefined. */
function literalText(expression: Expression): string | undefined {
  if (expression.kind !== 'string') return undefined;
  if (expression.parts.length === 0) return '';
  const [only] = expression.parts;
  return expression.parts.length === 1 && only?.kind === 'text' ? only.text : undefined;
}

/** `Count > "10"` compares as text unless both sides read as numbers; `x = 5` vs `x = "five"` mixes kinds. */
function textComparisons(document: LoadedDocument, actions: ReadonlyMap<string, ScriptAction>, diagnostics: Diagnostic[]): void {
  for (const action of actions.values()) {
    if (action.type !== 'If') continue;
    const source = action.properties['Expression'];
    if (typeof source !== 'string') continue;
    const parsed = parseExpression(source);
    if (!parsed.ok) continue;
    const found: Array<Extract<Expression, { kind: 'binary' }>> = [];
    comparisons(parsed.value, found);
    for (const comparison of found) {
      const literalSide = [comparison.left, comparison.right].find((side) => literalText(side) !== undefined);
      const number = [comparison.left, comparison.right].find((side) => side.kind === 'number');
      const ordering = ['<', '<=', '>', '>='].includes(comparison.operator);
      if (!literalSide) continue;
      const literal = { value: literalText(literalSide) as string, start: literalSide.start };
      const numericText = asNumber(literal.value) !== undefined;
      // Numeric text in quotes compares as a number; only a number against words can never match.
      if (!number || numericText) continue;
      const path: PathSegment[] = ['actions', action.id, 'properties', 'Expression'];
      diagnostics.push({
        code: 'mixed-comparison',
        severity: 'warning',
        message: ordering
          ? `${source} compares a number with the text "${literal.value}", which compares as text: "9" > "10"`
          : `${source} compares a number with the text "${literal.value}", which can never be equal`,
        file: document.file,
        ...linePosition(document.lineCounter, offsetInScalar(document.doc.contents, document.text, path, literal.start)),
        path,
        hint: 'Compare like with like: a number with a number, text with text.',
      });
    }
  }
}
