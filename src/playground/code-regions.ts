/**
 * Where the Studio language is written in a script: the values of properties
 * whose kind is Snippet code, an expression or text with `{...}`, found in the
 * YAML syntax tree the editor already keeps (block scalars, quoted and plain
 * values, flow mappings alike). Which property holds which kind comes from
 * the action reference, so new action types need nothing here.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import type { Text } from '@codemirror/state';
import type { Reference } from './types.ts';

export type CodeKind = 'snippet' | 'expression' | 'template';

export interface CodeRegion {
  /** The value's text, without quotes or the block scalar's header. */
  from: number;
  to: number;
  kind: CodeKind;
  actionType: string;
  property: string;
}

const codeKinds = new Set<string>(['snippet', 'expression', 'template']);

function keyText(pair: SyntaxNode, doc: Text): string | undefined {
  const key = pair.getChild('Key');
  return key ? unquote(doc.sliceString(key.from, key.to)) : undefined;
}

const unquote = (text: string): string => text.trim().replace(/^(["'])(.*)\1$/s, '$2');

/** The mapping a pair's value is, or undefined when it is a scalar. */
function mappingOf(pair: SyntaxNode): SyntaxNode | null {
  return pair.getChild('BlockMapping') ?? pair.getChild('FlowMapping');
}

/** The pair that holds a mapping (the mapping is its value). */
function pairAbove(mapping: SyntaxNode | null): SyntaxNode | null {
  return mapping !== null && (mapping.name === 'BlockMapping' || mapping.name === 'FlowMapping') && mapping.parent?.name === 'Pair' ? mapping.parent : null;
}

/** The value of a pair that is a scalar: the text between its quotes, or a block scalar's content. */
function scalarRange(pair: SyntaxNode, doc: Text): { from: number; to: number } | undefined {
  const value = pair.lastChild;
  if (!value) return undefined;
  if (value.name === 'BlockLiteral') {
    const content = value.getChild('BlockLiteralContent');
    return content ? { from: content.from, to: content.to } : undefined;
  }
  if (value.name === 'QuotedLiteral') {
    const text = doc.sliceString(value.from, value.to);
    const closed = text.length >= 2 && text[text.length - 1] === text[0];
    return { from: value.from + 1, to: closed ? value.to - 1 : value.to };
  }
  if (value.name === 'Literal' && value.prevSibling?.name === ':') return { from: value.from, to: value.to };
  return undefined;
}

/** The code region a `Pair` node is, when it is a property of an action whose value is written in the language. */
export function codeRegionOf(pair: SyntaxNode, doc: Text, reference: Reference | undefined): CodeRegion | undefined {
  if (pair.name !== 'Pair' || !reference) return undefined;
  const properties = pairAbove(pair.parent);
  if (!properties || keyText(properties, doc) !== 'properties') return undefined;
  const action = pairAbove(properties.parent);
  const actions = pairAbove(action?.parent ?? null);
  if (!action || !actions || keyText(actions, doc) !== 'actions' || actions.parent?.parent?.name !== 'Document') return undefined;
  const actionMapping = mappingOf(action);
  const typePair = actionMapping?.getChildren('Pair').find((p) => keyText(p, doc) === 'type');
  const typeValue = typePair?.lastChild;
  if (!typeValue || typeValue.name === ':') return undefined;
  const actionType = unquote(doc.sliceString(typeValue.from, typeValue.to));
  const property = keyText(pair, doc);
  const kind = reference.actions.find((a) => a.type === actionType)?.properties.find((p) => p.name === property)?.kind;
  if (property === undefined || kind === undefined || !codeKinds.has(kind)) return undefined;
  const range = scalarRange(pair, doc);
  return range && { ...range, kind: kind as CodeKind, actionType, property };
}

/** The code regions that overlap [from, to). */
export function codeRegionsIn(tree: Tree, doc: Text, reference: Reference | undefined, from: number, to: number): CodeRegion[] {
  const regions: CodeRegion[] = [];
  if (!reference) return regions;
  tree.iterate({
    from,
    to,
    enter: (node) => {
      if (node.name !== 'Pair') return undefined;
      const region = codeRegionOf(node.node, doc, reference);
      if (region) {
        regions.push(region);
        return false;
      }
      return undefined;
    },
  });
  return regions;
}

/** The code region the position is in (its end counts: the cursor after the last character typed). */
export function codeRegionAt(tree: Tree, doc: Text, reference: Reference | undefined, pos: number): CodeRegion | undefined {
  for (let node: SyntaxNode | null = tree.resolveInner(pos, -1); node; node = node.parent) {
    if (node.name !== 'Pair') continue;
    const region = codeRegionOf(node, doc, reference);
    if (region && pos >= region.from && pos <= region.to) return region;
    if (region) return undefined;
  }
  return undefined;
}
