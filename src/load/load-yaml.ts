import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Scalar, type Tags, type YAMLError } from 'yaml';
import type { Diagnostic, PathSegment } from '../diagnostics/diagnostic.ts';
import { defaultLoadLimits, type LoadLimits } from './limits.ts';
import { linePosition, offsetOf, type Anchor } from './locate.ts';
import { positionInText, readSource } from './source.ts';

/** A parsed YAML file: its data plus what is needed to point back into the text. */
export interface LoadedDocument {
  file: string;
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The document as plain data (a mapping; `__proto__` keys are own properties, never prototypes). */
  data: Record<string, unknown>;
}

export interface LoadResult {
  /** Present when the YAML could be turned into data, even if there were warnings. */
  document?: LoadedDocument;
  diagnostics: Diagnostic[];
  /** The text, whenever it could be read, so problems can be shown in context. */
  text?: string;
}

/** Diagnostic for a node of a loaded document, positioned at the node the path names. */
export function diagnosticAt(
  document: LoadedDocument,
  path: readonly PathSegment[],
  anchor: Anchor,
  fields: Pick<Diagnostic, 'code' | 'severity' | 'message'> & { hint?: string | undefined },
): Diagnostic {
  const { line, column } = linePosition(document.lineCounter, offsetOf(document.doc.contents, path, anchor));
  const diagnostic: Diagnostic = { code: fields.code, severity: fields.severity, message: fields.message, file: document.file, line, column, path: [...path] };
  if (fields.hint) diagnostic.hint = fields.hint;
  return diagnostic;
}

type YamlCodeInfo = { code: string; hint: string; message?: string };

/**
 * The yaml parser's error codes in plain words. Its own messages speak of
 * parser internals ("implicit block mapping key"); these say what to change.
 * Codes not listed keep the parser's message, with the code for searching.
 */
const yamlCodes: Record<string, YamlCodeInfo> = {
  MULTIPLE_DOCS: {
    code: 'multiple-documents',
    message: 'The file holds more than one YAML document (a second one starts at this `---`)',
    hint: 'A script is one YAML document: remove the `---` separator and what follows, or move it to its own file.',
  },
  TAB_AS_INDENT: { code: 'tab-indent', message: 'A tab is used for indentation', hint: 'YAML indentation must use spaces; replace the tab with spaces.' },
  RESOURCE_EXHAUSTION: { code: 'nesting-too-deep', message: 'Mappings and lists nest too deeply here to be read', hint: 'Flatten the structure; scripts need only a few levels of nesting.' },
  TAG_RESOLVE_FAILED: { code: 'yaml-warning', hint: 'studio-sim scripts use no custom YAML tags (such as !include); write the value itself.' },
  MULTILINE_IMPLICIT_KEY: {
    code: 'yaml-syntax',
    message: 'A key runs on over more than one line, or a line is missing its `key:`',
    hint: 'Put each `key: value` on one line; a text that goes on over several lines needs quotes or a `|` block. A missing `:` after a key, or a line indented too far, also shows up here.',
  },
  BAD_INDENT: {
    code: 'yaml-syntax',
    message: 'This line is indented differently from the lines around it',
    hint: 'Keys of one mapping start in the same column, and what belongs under a key is indented further (spaces only). Check this line and the one above it.',
  },
  KEY_OVER_1024_CHARS: {
    code: 'yaml-syntax',
    message: 'This key is too long: a YAML key (the text before `:`) may have at most 1024 characters',
    hint: 'Shorten the key. If this is a value, not a key, it probably lost its quotes or its `key:` in front.',
  },
  BLOCK_AS_IMPLICIT_KEY: {
    code: 'yaml-syntax',
    message: 'A key cannot be a mapping or a list',
    hint: 'Write a plain word before the `:`; a `:` inside a value needs quotes around the value.',
  },
  BLOCK_IN_FLOW: {
    code: 'yaml-syntax',
    message: 'An indented block cannot be inside `{ }` or `[ ]`',
    hint: 'Inside braces and brackets write `key: value` pairs separated by commas on the same line, or drop the braces and indent instead.',
  },
  MISSING_CHAR: {
    code: 'yaml-syntax',
    message: 'A closing quote, brace or bracket is missing',
    hint: 'Close each `"`, `\'`, `{` and `[` you open, on the same value.',
  },
  UNEXPECTED_TOKEN: {
    code: 'yaml-syntax',
    message: 'This character is not expected here',
    hint: 'A value that starts with `{`, `[`, `*`, `&`, `!`, `%`, `@` or a backtick, or that has `: ` or ` #` inside, needs quotes around it.',
  },
  BAD_SCALAR_START: {
    code: 'yaml-syntax',
    message: 'A value cannot start with this character without quotes',
    hint: 'Put the whole value in quotes: "..." (values starting with `@`, a backtick, `%`, `|` or `>` need them).',
  },
  BAD_DQ_ESCAPE: {
    code: 'yaml-syntax',
    message: 'A backslash in double quotes starts an escape this is not',
    hint: 'Write \\\\ for a backslash inside "...", or use single quotes, in which a backslash is just a backslash.',
  },
  BAD_ALIAS: { code: 'yaml-syntax', message: 'This alias (*name) names no anchor (&name) above it', hint: 'Define the anchor before the alias, or write the value out.' },
  DUPLICATE_KEY: { code: 'duplicate-key', hint: 'Each key may appear once in a mapping; rename or remove one of them.' },
};

function fromYamlError(file: string, lineCounter: LineCounter, error: YAMLError, severity: 'error' | 'warning'): Diagnostic {
  const known = yamlCodes[error.code];
  const { line, column } = linePosition(lineCounter, error.pos[0]);
  // Our own code frame shows the position, so drop the one yaml appends to its message.
  const raw = error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, '');
  const message = known?.message ?? `${raw} (${error.code})`;
  return {
    code: known?.code ?? (severity === 'error' ? 'yaml-syntax' : 'yaml-warning'),
    severity,
    message,
    file,
    line,
    column,
    path: [],
    hint: known?.hint ?? 'Fix the YAML syntax at this position; quoting a value that contains `:` or `#` often helps.',
  };
}

/** The text of a mapping key as the data will have it, or undefined for a key that is not a scalar. */
function keyText(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}

/**
 * Problems the parser leaves to us, found in one iterative walk: keys that
 * appear twice in a mapping (compared as the data will see them, so `1:` and
 * `"1":` are the same key), YAML merge keys, which studio-sim does not expand,
 * and numbers too large to hold.
 */
function structureProblems(root: unknown, file: string, lineCounter: LineCounter): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const at = (node: Node | null | undefined) => linePosition(lineCounter, node?.range?.[0] ?? 0);
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const first = new Map<string, Node>();
      for (const pair of node.items) {
        const text = keyText(pair.key);
        if (text !== undefined && isScalar(pair.key)) {
          const earlier = first.get(text);
          if (earlier) {
            const shown = text.length > 60 ? `${text.slice(0, 60)}...` : text;
            diagnostics.push({
              code: 'duplicate-key',
              severity: 'error',
              message: `The key "${shown}" appears twice in this mapping; the first is on line ${at(earlier).line}`,
              file,
              ...at(pair.key),
              path: [],
              hint: 'Each key may appear once in a mapping: rename or remove one of them (for actions, ids must be unique).',
            });
          } else {
            first.set(text, pair.key);
          }
          if (pair.key.type === 'PLAIN' && typeof pair.key.source === 'string' && /^(?:true|false)$/i.test(pair.key.source) && pair.key.source.length > 0) {
            const source = pair.key.source;
            const branch = source.charAt(0).toUpperCase() + source.slice(1).toLowerCase();
            diagnostics.push({
              code: 'unquoted-boolean-key',
              severity: 'warning',
              message: `The key ${source} is not in quotes, so other YAML tools (the YAML language server in your editor among them) read it as the boolean ${source.toLowerCase()}, not the text "${source}"`,
              file,
              ...at(pair.key),
              path: [],
              hint: `Write "${branch}": in quotes (If's branches are "True" and "False"), so every tool reads the same key.`,
            });
          }
          if (text === '<<' && pair.key.type === 'PLAIN') {
            diagnostics.push({
              code: 'merge-key',
              severity: 'error',
              message: 'YAML merge keys (`<<: *anchor`) are not supported: studio-sim reads YAML 1.2, where `<<` is an ordinary key',
              file,
              ...at(pair.key),
              path: [],
              hint: 'Write the shared keys out in each mapping that needs them.',
            });
          }
        }
        stack.push(pair.value, pair.key);
      }
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    } else if (isScalar(node) && typeof node.value === 'number' && !Number.isFinite(node.value) && !Number.isNaN(node.value) && !/^[-+]?\.inf$/i.test(node.source ?? '')) {
      diagnostics.push({
        code: 'number-too-large',
        severity: 'error',
        message: `The number ${node.source ?? String(node.value)} is too large: numbers go up to about 1.8e308`,
        file,
        ...at(node),
        path: [],
        hint: 'Write a smaller number; timeouts and limits are seconds or counts, far below that.',
      });
    }
  }
  return diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * Only `true` and `false` are booleans (YAML 1.2's JSON rule). The core schema
 * also reads `True` and `FALSE` as booleans, which silently turns Studio's
 * branch names `True:` and `False:` into the keys "true" and "false".
 */
function lowerCaseBooleans(tags: Tags): Tags {
  return tags.map((tag) =>
    typeof tag === 'object' && tag.tag === 'tag:yaml.org,2002:bool' && 'test' in tag ? { ...tag, test: /^(?:true|false)$/ } : tag,
  ) as Tags;
}

const controlCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Parses YAML text into data, reporting every YAML problem with its position. */
export function loadYamlText(text: string, file: string, limits: Partial<LoadLimits> = {}): LoadResult {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ...parseYaml(text, file, limits), text };
}

function parseYaml(text: string, file: string, limits: Partial<LoadLimits>): Omit<LoadResult, 'text'> {
  const { maxAliasCount, maxDepth } = { ...defaultLoadLimits, ...limits };
  const at = (code: string, message: string, offset: number, hint: string): Omit<LoadResult, 'text'> => {
    const { line, column } = positionInText(text, offset);
    return { diagnostics: [{ code, severity: 'error', message, file, line, column, path: [], hint }] };
  };

  if (text.trim() === '') {
    return at('empty-file', `${file} is empty`, 0, 'A script needs at least `name:` and `actions:` with a Begin action; see the README for a minimal script.');
  }
  const control = controlCharacter.exec(text);
  if (control) {
    const codePoint = `U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    return at(
      'invalid-character',
      `Control character ${codePoint} is not allowed in YAML text`,
      control.index,
      'Delete the character (it was probably pasted in along with text); if this is not a YAML script at all, name the script file instead.',
    );
  }

  const lineCounter = new LineCounter();
  // uniqueKeys is off because structureProblems finds duplicates in linear time
  // (the parser's own check is quadratic) and names the first occurrence.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, customTags: lowerCaseBooleans });
  // After a syntax error the parser's recovery is a guess, and later syntax
  // errors are mostly its echoes; duplicate keys are independent of it.
  const firstSyntax = doc.errors.find((e) => e.code !== 'DUPLICATE_KEY');
  const errors = doc.errors.filter((e) => e === firstSyntax || e.code === 'DUPLICATE_KEY');
  const structural = errors.some((e) => e.code === 'RESOURCE_EXHAUSTION') ? [] : structureProblems(doc.contents, file, lineCounter);
  const diagnostics: Diagnostic[] = [
    ...errors.map((e) => fromYamlError(file, lineCounter, e, 'error')),
    ...structural,
    ...doc.warnings.map((e) => fromYamlError(file, lineCounter, e, 'warning')),
  ];
  const loaded: Omit<LoadedDocument, 'data'> = { file, text, doc, lineCounter };
  const position = (node: Node | null | undefined) => linePosition(lineCounter, node?.range?.[0] ?? 0);

  if (doc.errors.length > 0 || structural.some((d) => d.severity === 'error')) return { diagnostics };

  const tooDeep = firstNodeDeeperThan(doc.contents, maxDepth);
  if (tooDeep) {
    diagnostics.push({
      code: 'nesting-too-deep',
      severity: 'error',
      message: `Nesting is deeper than ${maxDepth} levels`,
      file,
      ...position(tooDeep),
      path: [],
      hint: `Scripts need only a few levels of nesting; flatten this value, or raise the limit with --max-depth <levels>.`,
    });
    return { diagnostics };
  }

  if (!isMap(doc.contents)) {
    const what = doc.contents === null ? 'nothing but comments' : isCollection(doc.contents) ? 'a list' : 'a single value';
    diagnostics.push({
      code: 'not-a-mapping',
      severity: 'error',
      message: `The top level must be a mapping of keys (name:, actions:, ...), but the file holds ${what}`,
      file,
      ...position(doc.contents),
      path: [],
      hint: 'Start the file with `name: MyScript` and `actions:` at the left margin.',
    });
    return { diagnostics };
  }

  const { maxStringChars } = { ...defaultLoadLimits, ...limits };
  // A value is never longer than the text it is written in, so a short file needs no search.
  if (text.length > maxStringChars) {
    const tooLong = stringsLongerThan(doc.contents, maxStringChars);
    if (tooLong.length > 0) {
      for (const { node, path, isKey } of tooLong) {
        const length = (node.value as string).length;
        const where = path.length === 0 ? '' : ` at ${path.join('.')}`;
        diagnostics.push({
          code: 'string-too-long',
          severity: 'error',
          message: `${isKey ? 'A key' : 'A string'}${where} is ${length} characters, over the limit of ${maxStringChars}`,
          file,
          ...position(node),
          path,
          hint: `Shorten it (a custom event's Data is refused at run time beyond ${defaultLoadLimits.maxStringChars} characters anyway), or raise the limit with --max-string-chars <count>.`,
        });
      }
      return { diagnostics };
    }
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount });
  } catch (error) {
    if (error instanceof ReferenceError) {
      diagnostics.push({
        code: 'alias-limit',
        severity: 'error',
        message: `Aliases expand to more than ${maxAliasCount} nodes (${error.message})`,
        file,
        ...position(firstAlias(doc.contents)),
        path: [],
        hint: 'Expand the aliases by hand or use fewer of them; raise the limit with --max-aliases <count> if the file is trusted.',
      });
      return { diagnostics };
    }
    throw error;
  }
  return { document: { ...loaded, data: data as Record<string, unknown> }, diagnostics };
}

/** Reads and parses a YAML file; every failure is a diagnostic. */
export function loadYamlFile(path: string, limits: Partial<LoadLimits> = {}, file = path): LoadResult {
  const source = readSource(path, limits.maxFileBytes ?? defaultLoadLimits.maxFileBytes, file);
  if (!source.ok) return { diagnostics: [source.diagnostic] };
  return loadYamlText(source.text, file, limits);
}

function children(node: unknown): unknown[] {
  if (!isCollection(node)) return [];
  const out: unknown[] = [];
  for (const item of node.items) {
    if (isPair(item)) out.push(item.key, item.value);
    else out.push(item);
  }
  return out;
}

function firstNodeDeeperThan(root: unknown, maxDepth: number): Node | undefined {
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (!isCollection(node)) continue;
    if (depth + 1 > maxDepth) return node;
    for (const child of children(node)) stack.push([child, depth + 1]);
  }
  return undefined;
}

/** Every string scalar (value or key) longer than `maxChars`, with the path to it, in file order. */
function stringsLongerThan(root: unknown, maxChars: number): Array<{ node: Scalar; path: PathSegment[]; isKey: boolean }> {
  const found: Array<{ node: Scalar; path: PathSegment[]; isKey: boolean }> = [];
  const check = (node: unknown, path: PathSegment[], isKey: boolean) => {
    if (isScalar(node) && typeof node.value === 'string' && node.value.length > maxChars) found.push({ node, path, isKey });
  };
  // Depth is already bounded (--max-depth), but an explicit stack keeps the walk off the call stack anyway.
  const stack: Array<[unknown, PathSegment[]]> = [[root, []]];
  while (stack.length > 0) {
    const [node, path] = stack.pop() as [unknown, PathSegment[]];
    check(node, path, false);
    if (isMap(node)) {
      for (const item of node.items) {
        const key = isScalar(item.key) ? String(item.key.value) : '?';
        check(item.key, [...path, key], true);
        stack.push([item.value, [...path, key]]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => stack.push([item, [...path, index]]));
    }
  }
  return found.sort((a, b) => (a.node.range?.[0] ?? 0) - (b.node.range?.[0] ?? 0));
}

function firstAlias(root: unknown): Node | undefined {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.shift();
    if (isAlias(node)) return node;
    stack.push(...children(node));
  }
  return undefined;
}
