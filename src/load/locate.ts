import { isMap, isPair, isScalar, isSeq, type LineCounter, type Node, type Pair } from 'yaml';
import type { PathSegment } from '../diagnostics/diagnostic.ts';

export type Anchor = 'key' | 'value';

/** The pair of a mapping whose key equals `key` (compared as text, as in the data). */
export function findPair(map: unknown, key: PathSegment): Pair<Node, Node | null> | undefined {
  if (!isMap(map)) return undefined;
  for (const item of map.items) {
    if (!isPair(item)) continue;
    const k = item.key;
    const text = isScalar(k) ? String(k.value) : k;
    if (text === String(key)) return item as Pair<Node, Node | null>;
  }
  return undefined;
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

/**
 * Offset of a character inside a string scalar, when the scalar's source
 * holds the value verbatim (plain, or quoted without escapes on one line);
 * otherwise the scalar's start, which is still the right line.
 */
export function offsetInScalar(root: Node | null, text: string, path: readonly PathSegment[], inner: number): number {
  const start = offsetOf(root, path, 'value');
  let node: unknown = root;
  for (const segment of path) {
    if (isMap(node)) node = findPair(node, segment)?.value;
    else if (isSeq(node) && typeof segment === 'number') node = node.items[segment];
    else return start;
  }
  if (!isScalar(node) || typeof node.value !== 'string') return start;
  const quote = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
  return text.startsWith(node.value, start + quote) ? start + quote + inner : start;
}
