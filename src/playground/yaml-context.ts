/**
 * Where in a script the cursor is, worked out from the text alone: which
 * action, which of its sections, key or value. Completion and hover need this
 * while the document is half typed and so often not valid YAML, which is why
 * it reads indentation and the current line instead of parsing.
 */

export type YamlContext =
  /** The value of an action's `type:`. */
  | { kind: 'type-value'; prefix: string; from: number }
  /** A key directly inside an action (type, caption, properties, branches, next). */
  | { kind: 'action-key'; prefix: string; from: number; action: string }
  /** A key inside an action's `properties:`. */
  | { kind: 'property-key'; prefix: string; from: number; action: string; actionType: string | null }
  /** A key inside an action's `branches:`. */
  | { kind: 'branch-key'; prefix: string; from: number; action: string; actionType: string | null }
  /** Where an action id goes: a branch's value or `next:`. */
  | { kind: 'target-value'; prefix: string; from: number; action: string }
  /** An action's own id (a key directly under `actions:`). */
  | { kind: 'action-id'; prefix: string; from: number; action: string }
  | { kind: 'none' };

interface Line {
  text: string;
  /** Offset of the line's first character in the document. */
  start: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const text_ of text.split('\n')) {
    lines.push({ text: text_, start });
    start += text_.length + 1;
  }
  return lines;
}

const indentOf = (text: string): number => /^ */.exec(text)?.[0].length ?? 0;
const isBlankOrComment = (text: string): boolean => /^\s*(#.*)?$/.test(text);
const unquote = (key: string): string => key.replace(/^(["'])(.*)\1$/, '$2');

/** The key a line opens (`  main_menu:` -> main_menu), or undefined. */
function keyOf(text: string): string | undefined {
  const match = /^\s*(?:-\s+)?("[^"]*"|'[^']*'|[^\s:#{}[\],"'][^:#{}[\],]*?)\s*:(?:\s|$)/.exec(text);
  return match ? unquote(match[1] as string) : undefined;
}

/**
 * The keys enclosing a position, innermost first: for a line inside
 * `actions: / main_menu: / branches:` this is ['branches', 'main_menu', 'actions'].
 */
function enclosingKeys(lines: Line[], lineIndex: number, indent: number): Array<{ key: string; line: number }> {
  const keys: Array<{ key: string; line: number }> = [];
  let limit = indent;
  for (let i = lineIndex - 1; i >= 0 && limit > 0; i--) {
    const text = (lines[i] as Line).text;
    if (isBlankOrComment(text)) continue;
    const lineIndent = indentOf(text);
    if (lineIndent >= limit) continue;
    const key = keyOf(text);
    if (key === undefined) break;
    keys.push({ key, line: i });
    limit = lineIndent;
  }
  return keys;
}

/** The lines of an action's block: from its key line to the next line indented no deeper. */
function actionBlock(lines: Line[], keyLine: number): Line[] {
  const indent = indentOf((lines[keyLine] as Line).text);
  const block = [lines[keyLine] as Line];
  for (let i = keyLine + 1; i < lines.length; i++) {
    const text = (lines[i] as Line).text;
    if (!isBlankOrComment(text) && indentOf(text) <= indent) break;
    block.push(lines[i] as Line);
  }
  return block;
}

/** The action type written in an action's block (`type: Menu`), block or flow style. */
function actionTypeIn(block: Line[]): string | null {
  for (const line of block) {
    const match = /(?:^|[\s{,])type\s*:\s*["']?([A-Za-z]+)/.exec(line.text.replace(/#.*$/, ''));
    if (match) return match[1] as string;
  }
  return null;
}

/** The actions written under the top-level `actions:`: each id with the line (0-based) it is written on. */
function actionKeys(text: string): Array<{ id: string; line: number }> {
  const lines = splitLines(text);
  const start = lines.findIndex((line) => /^actions\s*:\s*(#.*)?$/.test(line.text));
  if (start < 0) return [];
  const keys: Array<{ id: string; line: number }> = [];
  let childIndent: number | undefined;
  for (let i = start + 1; i < lines.length; i++) {
    const line = (lines[i] as Line).text;
    if (isBlankOrComment(line)) continue;
    const indent = indentOf(line);
    if (indent === 0) break;
    childIndent ??= indent;
    if (indent !== childIndent) continue;
    const key = keyOf(line);
    if (key !== undefined) keys.push({ id: key, line: i });
  }
  return keys;
}

/** The ids of the script's actions: the keys one level under the top-level `actions:`. */
export function actionIds(text: string): string[] {
  return actionKeys(text).map((key) => key.id);
}

/** The line (0-based) where an action's id is written, or undefined. */
export function actionLine(text: string, actionId: string): number | undefined {
  return actionKeys(text).find((key) => key.id === actionId)?.line;
}

/**
 * A flow mapping open on the line before the cursor (`branches: { Repeat: ma`):
 * the key that opened it and whether the cursor is at a key or a value.
 */
function openFlowMapping(before: string): { parent: string | undefined; inner: string } | undefined {
  let depth = 0;
  for (let i = before.length - 1; i >= 0; i--) {
    const c = before[i];
    if (c === '}') depth++;
    else if (c === '{') {
      if (depth === 0) {
        const parent = /([\w"']+)\s*:\s*$/.exec(before.slice(0, i))?.[1];
        return { parent: parent === undefined ? undefined : unquote(parent), inner: before.slice(i + 1) };
      }
      depth--;
    }
  }
  return undefined;
}

/** The completion/hover context at `pos` in `text`. */
export function contextAt(text: string, pos: number): YamlContext {
  const lines = splitLines(text);
  let lineIndex = lines.findIndex((line) => pos >= line.start && pos <= line.start + line.text.length);
  if (lineIndex < 0) lineIndex = lines.length - 1;
  const line = lines[lineIndex] as Line;
  const before = line.text.slice(0, pos - line.start);
  if (before.includes('#')) return { kind: 'none' };
  const lineIndent = isBlankOrComment(line.text) ? before.length : indentOf(line.text);

  const flow = openFlowMapping(before);
  const ancestors = enclosingKeys(lines, lineIndex, lineIndent);
  // In a flow mapping (`main_menu: { type: Me`) the line's own key and the flow's key enclose the cursor too.
  if (flow) {
    const ownKey = keyOf(line.text);
    if (ownKey !== undefined && ownKey !== flow.parent) ancestors.unshift({ key: ownKey, line: lineIndex });
    if (flow.parent !== undefined) ancestors.unshift({ key: flow.parent, line: lineIndex });
  }

  // What is being typed: a key (`  Tim`) or a value (`  type: Me`).
  let position: { at: 'key' | 'value'; key?: string; prefix: string };
  const segment = flow ? (flow.inner.split(',').pop() as string) : before;
  const valueMatch = /^\s*(?:-\s+)?("[^"]*"|'[^']*'|[^\s:{},]+)\s*:\s*["']?([^\s"',{}]*)$/.exec(segment);
  const keyMatch = /^\s*(?:-\s+)?["']?([^\s:"',{}]*)$/.exec(segment);
  if (valueMatch) position = { at: 'value', key: unquote(valueMatch[1] as string), prefix: valueMatch[2] as string };
  else if (keyMatch) position = { at: 'key', prefix: keyMatch[1] as string };
  else return { kind: 'none' };
  const from = pos - position.prefix.length;

  // The chain must end at the top-level `actions:`; anything else (variables, name) gets no help.
  const actionsAt = ancestors.findIndex((a) => a.key === 'actions' && indentOf((lines[a.line] as Line).text) === 0);
  if (actionsAt < 0) return { kind: 'none' };
  const inside = ancestors.slice(0, actionsAt).reverse(); // outermost first: [action, section?, ...]
  if (inside.length === 0) return position.at === 'key' ? { kind: 'action-id', prefix: position.prefix, from, action: position.prefix } : { kind: 'none' };
  const actionEntry = inside[0] as { key: string; line: number };
  const action = actionEntry.key;
  const typeOf = () => actionTypeIn(actionBlock(lines, actionEntry.line));

  if (inside.length === 1) {
    if (position.at === 'key') return { kind: 'action-key', prefix: position.prefix, from, action };
    if (position.key === 'type') return { kind: 'type-value', prefix: position.prefix, from };
    if (position.key === 'next') return { kind: 'target-value', prefix: position.prefix, from, action };
    return { kind: 'none' };
  }
  if (inside.length === 2) {
    const section = (inside[1] as { key: string }).key;
    if (section === 'properties' && position.at === 'key') return { kind: 'property-key', prefix: position.prefix, from, action, actionType: typeOf() };
    if (section === 'branches') {
      if (position.at === 'key') return { kind: 'branch-key', prefix: position.prefix, from, action, actionType: typeOf() };
      return { kind: 'target-value', prefix: position.prefix, from, action };
    }
  }
  return { kind: 'none' };
}

/** The word (letters, digits, _, -) around `pos`, for hover. */
export function wordAt(text: string, pos: number): { from: number; to: number; word: string } | undefined {
  let from = pos;
  let to = pos;
  while (from > 0 && /[\w-]/.test(text[from - 1] as string)) from--;
  while (to < text.length && /[\w-]/.test(text[to] as string)) to++;
  if (from === to) return undefined;
  return { from, to, word: text.slice(from, to) };
}
