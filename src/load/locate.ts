import { isMap, isPair, isScalar, isSeq, type LineCounter, type Node, type Pair } from 'yaml';
import type { PathSegment } from '../diagnostics/diagnostic.ts';

export type Anchor = 'key' | 'value';

/**
 * Each mapping's pairs by key text, built on first use: a file with thousands
 * of keys in one mapping and a diagnostic for each must not cost n² lookups.
 * Parsed documents are not changed afterwards, so the index stays true.
 */
const pairIndex = new WeakMap<object, Map<string, Pair<Node, Node | null>>>();

/** The pair of a mapping whose key equals `key` (compared as text, as in the data). */
export function findPair(map: unknown, key: PathSegment): Pair<Node, Node | null> | undefined {
  if (!isMap(map)) return undefined;
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const item of map.items) {
      if (!isPair(item)) continue;
      const k = item.key;
      const text = isScalar(k) ? String(k.value) : k;
      // The first of duplicate keys wins, as a linear search would find it.
      if (typeof text === 'string' && !index.has(text)) index.set(text, item as Pair<Node, Node | null>);
    }
    pairIndex.set(map, index);
  }
  return index.get(String(key));
}

/**
 * Start offset of the node a path names. A missing node resolves to its
 * nearest existing ancestor, so "required" problems point at the parent,
 * and `anchor: 'key'` points at the key of the last pair (for unknown keys).
 */
export function offsetOf(root: Node | null, path: readonly PathSegment[], anchor: Anchor): number {
  let node: unknown = root;
  let offset = rangeStart(root) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i] as PathSegment;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = findPair(node, segment);
      if (!pair) return offset;
      const keyStart = rangeStart(pair.key) ?? offset;
      if (last) return anchor === 'key' || isEmptyValue(pair.value) ? keyStart : (rangeStart(pair.value) ?? keyStart);
      offset = keyStart;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      const start = rangeStart(item);
      if (start === undefined) return offset;
      if (last) return start;
      offset = start;
      node = item;
    } else {
      // A scalar, or an alias (pointing at its use, not its anchor, is what the author reads).
      return offset;
    }
  }
  return offset;
}

/** `Sequence:` with nothing after it: the only thing to point at is the key. */
function isEmptyValue(node: unknown): boolean {
  return node === null || (isScalar(node) && node.value === null && !node.source);
}

function rangeStart(node: unknown): number | undefined {
  if (node && typeof node === 'object' && 'range' in node) {
    const range = (node as { range?: [number, number, number] | null }).range;
    if (range) return range[0];
  }
  return undefined;
}

export function linePosition(lineCounter: LineCounter, offset: number): { line: number; column: number } {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

const isSpace = (ch: string | undefined) => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';

/**
 * Offset in the source of character `inner` of a string scalar's value.
 * Walks value and source together, decoding quotes, escapes, folded line
 * breaks and block indentation, so a caret lands on the very character even
 * in `"{\"a\": 1}"` or a `|` block; anything unexpected falls back to the
 * scalar's start, which is still the right node.
 */
export function offsetInScalar(root: Node | null, text: string, path: readonly PathSegment[], inner: number): number {
  const start = offsetOf(root, path, 'value');
  let node: unknown = root;
  for (const segment of path) {
    if (isMap(node)) node = findPair(node, segment)?.value;
    else if (isSeq(node) && typeof segment === 'number') node = node.items[segment];
    else return start;
  }
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return start;
  const value = node.value;
  const end = node.range[1];
  const double = node.type === 'QUOTE_DOUBLE';
  const single = node.type === 'QUOTE_SINGLE';
  let j = node.range[0];
  if (double || single) j++;
  else if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    const lineEnd = text.indexOf('\n', j);
    if (lineEnd < 0) return start;
    j = lineEnd + 1;
  }
  let i = 0;
  /** Just after the last character of the value that is not white space: where "the end" of the value is shown. */
  let afterLast = -1;
  while (j < end) {
    const ch = text[j];
    if (double && ch === '\\') {
      const next = text[j + 1];
      if (next === '\n' || next === '\r') {
        // An escaped line break joins lines: it stands for no character.
        j += 2;
        while (j < end && isSpace(text[j])) j++;
        continue;
      }
      if (i === inner) return j;
      i++;
      j += next === 'x' ? 4 : next === 'u' ? 6 : next === 'U' ? 10 : 2;
      continue;
    }
    if (single && ch === "'" && text[j + 1] === "'") {
      if (i === inner) return j;
      i++;
      j += 2;
      continue;
    }
    if (ch === value[i]) {
      if (i === inner) return j;
      if (!isSpace(ch)) afterLast = j + 1;
      i++;
      j++;
      continue;
    }
    if (isSpace(value[i]) && isSpace(ch)) {
      // A folded line break: one value character for a run of source white space.
      if (i === inner) return j;
      i++;
      j++;
      while (j < end && isSpace(text[j]) && !isSpace(value[i])) j++;
      continue;
    }
    j++;
  }
  // A problem at the very end (a parenthesis or block never closed): after the value's last character, not at its start.
  if (inner >= value.length && afterLast >= 0) return afterLast;
  return start;
}
