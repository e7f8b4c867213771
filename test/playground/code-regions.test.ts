import { yamlLanguage } from '@codemirror/lang-yaml';
import { Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { codeRegionAt, codeRegionsIn } from '../../src/playground/code-regions.ts';
import type { Reference } from '../../src/playground/types.ts';

/** Which properties hold code, as the server's reference says it (only the parts the finder reads). */
const reference = {
  actions: [
    { type: 'Snippet', properties: [{ name: 'Data', kind: 'snippet' }, { name: 'Max String Size', kind: 'value' }] },
    { type: 'If', properties: [{ name: 'Expression', kind: 'expression' }] },
    { type: 'Play', properties: [{ name: 'Sequence', kind: 'template' }] },
  ],
  language: { keywords: [], functions: [], systemVariables: [] },
} as unknown as Reference;

const script = [
  'name: Regions',
  'variables: { Data: "not code" }',
  'actions:',
  '  work:',
  '    type: Snippet',
  '    properties:',
  '      Data: |',
  '        x = 1',
  '        y = x + 1',
  '      Max String Size: Limit4K',
  '    next: check',
  '  check: { type: If, properties: { Expression: \'x > 1\' }, branches: { "True": say, "False": say } }',
  '  say:',
  '    type: "Play"',
  '    properties: { Sequence: "%Total {x}" }',
  '  other:',
  '    type: Mystery',
  '    properties: { Data: "x = 1" }',
  '',
].join('\n');

const doc = Text.of(script.split('\n'));
const tree = yamlLanguage.parser.parse(script);
const texts = (from = 0, to = script.length) => codeRegionsIn(tree, doc, reference, from, to).map((r) => [r.kind, r.actionType, r.property, doc.sliceString(r.from, r.to)]);

describe('where the Studio language is written in a script', () => {
  it('finds the values of properties that hold code: block scalars, flow mappings, quoted values', () => {
    expect(texts()).toEqual([
      ['snippet', 'Snippet', 'Data', '        x = 1\n        y = x + 1'],
      ['expression', 'If', 'Expression', 'x > 1'],
      ['template', 'Play', 'Sequence', '%Total {x}'],
    ]);
  });

  it('leaves alone plain values, variables and actions of unknown types', () => {
    const found = texts().map(([, , property, text]) => `${property}=${text}`);
    expect(found).not.toContain('Max String Size=Limit4K');
    expect(found.some((f) => f.includes('not code'))).toBe(false);
    expect(texts().filter(([, type]) => type === 'Mystery')).toEqual([]);
  });

  it('finds nothing before the reference is loaded', () => {
    expect(codeRegionsIn(tree, doc, undefined, 0, script.length)).toEqual([]);
  });

  it('tells which region a position is in, its end included', () => {
    const at = script.indexOf('y = x + 1') + 'y = x + 1'.length;
    expect(codeRegionAt(tree, doc, reference, at)?.property).toBe('Data');
    expect(codeRegionAt(tree, doc, reference, script.indexOf('x > 1') + 2)?.kind).toBe('expression');
    expect(codeRegionAt(tree, doc, reference, script.indexOf('Limit4K') + 2)).toBeUndefined();
    expect(codeRegionAt(tree, doc, reference, script.indexOf('name:'))).toBeUndefined();
  });
});
