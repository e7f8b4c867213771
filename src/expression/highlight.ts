import { closingBrace, closingQuote, isNamePart, isNameStart, keywords } from './parse.ts';

/**
 * The Studio language as coloured spans, for an editor: the same characters,
 * keywords, strings and `{...}` rules as the parser, but tolerant. Half-typed
 * code (an unclosed string, a stray character) still gets its colours, and
 * nothing here throws. Plain data in, plain data out: the playground bundles
 * it without the evaluator.
 */

export type HighlightKind = 'keyword' | 'function' | 'variable' | 'member' | 'string' | 'date' | 'number' | 'comment' | 'operator' | 'substitution';

export interface HighlightToken {
  /** Offsets in the text given, plus `base`. */
  from: number;
  to: number;
  kind: HighlightKind;
}

const keywordSet = new Set(keywords);
const operatorCharacters = new Set('<>=!&|+-*/%\\^~()[].,:{}'.split(''));

/** Work still to scan: code, or text in which only `{...}` is code (a property's text, a string's body). */
type Segment = { mode: 'code'; text: string; base: number } | { mode: 'text'; text: string; base: number; string: boolean };

/** The spans of Snippet code or an expression (If's Expression), in text order. */
export function highlightCode(code: string, base = 0): HighlightToken[] {
  return scan({ mode: 'code', text: code, base });
}

/** The spans of a property's text: only its `{...}` substitutions are code. */
export function highlightTemplate(text: string, base = 0): HighlightToken[] {
  return scan({ mode: 'text', text, base, string: false });
}

/** Scans without recursion: strings inside substitutions inside strings nest as deep as the text does. */
function scan(first: Segment): HighlightToken[] {
  const tokens: HighlightToken[] = [];
  const work: Segment[] = [first];
  let segment: Segment | undefined;
  while ((segment = work.pop()) !== undefined) {
    if (segment.mode === 'code') scanCode(segment.text, segment.base, tokens, work);
    else scanText(segment.text, segment.base, segment.string, tokens, work);
  }
  tokens.sort((a, b) => a.from - b.from);
  // One span for a string's quotes and text between its substitutions.
  const merged: HighlightToken[] = [];
  for (const token of tokens) {
    const last = merged[merged.length - 1];
    if (last && last.kind === token.kind && last.to === token.from && token.kind !== 'substitution' && token.kind !== 'operator') last.to = token.to;
    else merged.push({ ...token });
  }
  return merged;
}

function scanCode(source: string, base: number, tokens: HighlightToken[], work: Segment[]): void {
  const push = (from: number, to: number, kind: HighlightKind) => {
    if (to > from) tokens.push({ from: base + from, to: base + to, kind });
  };
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') {
      i++;
    } else if (ch === '/' && source[i + 1] === '/') {
      const end = lineEnd(source, i);
      push(i, end, 'comment');
      i = end;
    } else if ((ch >= '0' && ch <= '9') || (ch === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const match = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(source.slice(i, i + 400));
      const length = match ? match[0].length : 1;
      push(i, i + length, 'number');
      i += length;
    } else if (ch === '"' || ch === "'" || ((ch === '#' || ch === '$') && (source[i + 1] === '"' || source[i + 1] === "'"))) {
      const prefixed = ch === '#' || ch === '$';
      const quote = source[prefixed ? i + 1 : i] as string;
      const bodyStart = i + (prefixed ? 2 : 1);
      const close = closingQuote(source, bodyStart, quote);
      // Not closed yet (being typed): the string runs to the end of its line.
      const bodyEnd = close >= 0 ? close : lineEnd(source, bodyStart);
      const end = close >= 0 ? close + 1 : bodyEnd;
      if (ch === '#') push(i, end, 'date');
      else {
        push(i, bodyStart, 'string');
        work.push({ mode: 'text', text: source.slice(bodyStart, bodyEnd), base: base + bodyStart, string: true });
        push(bodyEnd, end, 'string');
      }
      i = end;
    } else if (isNameStart(ch)) {
      const start = i;
      while (i < source.length && isNamePart(source[i])) i++;
      push(start, i, nameKind(source, start, i));
    } else {
      if (operatorCharacters.has(ch)) push(i, i + 1, 'operator');
      i++;
    }
  }
}

/** A name is a keyword, a function (a call follows), a member (after a dot) or a variable. */
function nameKind(source: string, start: number, end: number): HighlightKind {
  if (keywordSet.has(source.slice(start, end).toLowerCase())) return 'keyword';
  let after = end;
  while (source[after] === ' ' || source[after] === '\t') after++;
  if (source[after] === '(') return 'function';
  let before = start - 1;
  while (before >= 0 && (source[before] === ' ' || source[before] === '\t')) before--;
  return source[before] === '.' ? 'member' : 'variable';
}

/** Text with `{...}` substitutions: the braces and the code between them; a string's own characters as string. */
function scanText(text: string, base: number, isString: boolean, tokens: HighlightToken[], work: Segment[]): void {
  const pushText = (from: number, to: number) => {
    if (isString && to > from) tokens.push({ from: base + from, to: base + to, kind: 'string' });
  };
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && isString) {
      i++;
      continue;
    }
    if (ch !== '{') continue;
    const close = closingBrace(text, i + 1);
    if (close < 0) continue;
    pushText(last, i);
    tokens.push({ from: base + i, to: base + i + 1, kind: 'substitution' }, { from: base + close, to: base + close + 1, kind: 'substitution' });
    work.push({ mode: 'code', text: text.slice(i + 1, close), base: base + i + 1 });
    last = close + 1;
    i = close;
  }
  pushText(last, text.length);
}

function lineEnd(source: string, from: number): number {
  const end = source.indexOf('\n', from);
  return end < 0 ? source.length : end;
}
