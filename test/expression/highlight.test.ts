import { describe, expect, it } from 'vitest';
import { highlightCode, highlightTemplate, type HighlightToken } from '../../src/expression/highlight.ts';
import { keywords } from '../../src/expression/index.ts';

/** The tokens as "text:kind", operators left out, for readable expectations. */
const spans = (source: string, tokens: HighlightToken[]) => tokens.filter((t) => t.kind !== 'operator').map((t) => `${source.slice(t.from, t.to)}:${t.kind}`);

describe('highlighting the Studio language', () => {
  it('tells keywords, functions, members, variables, numbers, strings and comments apart', () => {
    const code = 'FOR i = 1 TO list.size {\n  IF left(Name, 2) = "Be" { x = x.asJSON() } // done\n}';
    expect(spans(code, highlightCode(code))).toEqual([
      'FOR:keyword', 'i:variable', '1:number', 'TO:keyword', 'list:variable', 'size:member',
      'IF:keyword', 'left:function', 'Name:variable', '2:number', '"Be":string', 'x:variable', 'x:variable', 'asJSON:function', '// done:comment',
    ]);
  });

  it('colours keywords without regard to case, as the parser reads them', () => {
    for (const keyword of keywords) {
      for (const written of [keyword, keyword.toUpperCase()]) expect(highlightCode(written)[0]?.kind).toBe('keyword');
    }
  });

  it('colours the {...} in strings and texts as code, and date literals as dates', () => {
    const code = 'Json = "{payload.asJSON()} at {now()}"\nwhen = #"2/9/2023"';
    expect(spans(code, highlightCode(code))).toEqual([
      'Json:variable', '":string', '{:substitution', 'payload:variable', 'asJSON:function', '}:substitution', ' at :string',
      '{:substitution', 'now:function', '}:substitution', '":string', 'when:variable', '#"2/9/2023":date',
    ]);
    const text = 'Menu Press {DigitsEntered} now';
    expect(spans(text, highlightTemplate(text))).toEqual(['{:substitution', 'DigitsEntered:variable', '}:substitution']);
    expect(highlightTemplate(text, 100)[0]?.from).toBe(100 + text.indexOf('{'));
  });

  it('keeps colouring half-typed code and never throws', () => {
    const code = 'x = "not closed\ny = 2 @ ~';
    expect(spans(code, highlightCode(code))).toEqual(['x:variable', '"not closed:string', 'y:variable', '2:number']);
    const deep = '"{"'.repeat(5000);
    expect(() => highlightCode(deep)).not.toThrow();
    expect(() => highlightTemplate('{'.repeat(10_000))).not.toThrow();
  });
});
