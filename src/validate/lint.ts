import { actionDefinition, type ScriptAction } from '../actions/index.ts';
import type { Diagnostic, PathSegment } from '../diagnostics/diagnostic.ts';
import { parseExpression, type Expression } from '../expression/index.ts';
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
    const waits = members.some((a) => actionDefinition(a.type)?.waits);
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
  const pending: Expression[] = [expression];
  while (pending.length > 0) {
    const node = pending.pop() as Expression;
    if (node.kind === 'binary') {
      if (['=', '!=', '<', '<=', '>', '>='].includes(node.operator)) out.push(node);
      pending.push(node.right, node.left);
    } else if (node.kind === 'unary') {
      pending.push(node.operand);
    }
  }
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
      const literal = [comparison.left, comparison.right].find((side) => side.kind === 'string');
      const number = [comparison.left, comparison.right].find((side) => side.kind === 'number');
      const ordering = ['<', '<=', '>', '>='].includes(comparison.operator);
      if (!literal || literal.kind !== 'string') continue;
      const numericText = asNumber(literal.value) !== undefined;
      if (!(ordering && numericText) && !(number && !numericText)) continue;
      const path: PathSegment[] = ['actions', action.id, 'properties', 'Expression'];
      diagnostics.push({
        code: 'mixed-comparison',
        severity: 'warning',
        message: ordering
          ? `"${literal.value}" is in quotes, so ${comparison.operator} compares it as text unless the other side reads as a number too: "9" > "10" is true as text`
          : `${source} compares a number with the text "${literal.value}", which can never be equal`,
        file: document.file,
        ...linePosition(document.lineCounter, offsetInScalar(document.doc.contents, document.text, path, literal.start)),
        path,
        hint: ordering ? `Write ${literal.value} without quotes.` : 'Compare like with like: a number with a number, text with text.',
      });
    }
  }
}
