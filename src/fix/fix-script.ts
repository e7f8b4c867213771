import { isMap, isScalar, LineCounter, parseDocument, YAMLMap, type Document, type Pair } from 'yaml';
import { actionDefinition, type ActionDefinition } from '../actions/index.ts';
import { renamedBranch, renamedProperty } from '../validate/script-vocabulary.ts';

/** One rewrite `fix` made, or one it could not make, at the line of the key concerned. */
export interface FixNote {
  line: number;
  column: number;
  action: string;
  message: string;
}

export interface FixResult {
  /** The rewritten text; the same text when nothing needed fixing. */
  text: string;
  changed: FixNote[];
  /** Old names left in place because rewriting them would lose something (two branches to different actions ...). */
  unresolved: FixNote[];
  /** Set when the text is not YAML that `fix` can edit; the file is left alone. */
  unreadable?: string;
}

/**
 * Rewrites the names an earlier studio-sim used into CXone's (each action
 * file lists its former names), and the web Studio's spaced labels into the
 * Desktop names, editing the YAML document in place so comments and layout
 * stay. Running it on its own output changes nothing.
 */
export function fixScriptText(text: string): FixResult {
  const parsed = parseForFix(text);
  if ('unreadable' in parsed) return { text, changed: [], unresolved: [], unreadable: parsed.unreadable };
  const { document, lineCounter } = parsed;
  const changed: FixNote[] = [];
  const unresolved: FixNote[] = [];
  const actions = document.get('actions', true);
  if (!isMap(actions)) return { text, changed, unresolved };
  const at = (pair: Pair, action: string, message: string): FixNote => {
    const offset = isScalar(pair.key) && pair.key.range ? pair.key.range[0] : 0;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col, action, message };
  };

  for (const item of actions.items) {
    if (!isScalar(item.key) || !isMap(item.value)) continue;
    const id = String(item.key.value);
    const action = item.value;
    const type = action.get('type');
    const definition = typeof type === 'string' ? actionDefinition(type) : undefined;
    if (!definition) continue;
    const properties = action.get('properties', true);
    if (isMap(properties)) fixProperties(definition, id, properties, (note) => changed.push(at(note.pair, id, note.message)), (note) => unresolved.push(at(note.pair, id, note.message)));
    fixBranches(definition, id, action, (pair, message) => changed.push(at(pair, id, message)), (pair, message) => unresolved.push(at(pair, id, message)));
    fillFormerDefaults(definition, id, action, text, (pair, message) => changed.push(at(pair, id, message)));
  }
  if (changed.length === 0) return { text, changed, unresolved };
  return { text: keepLayout(text, document.toString({ lineWidth: 0 })), changed, unresolved };
}

/** A line with the spaces before its comment (and at its end) squeezed, to recognise it after the document was written out. */
const squeezed = (line: string): string => line.replace(/\s+#/, ' #').trimEnd();

/** The document to rewrite, with its line counter for positions, or why it cannot be read. */
export function parseForFix(text: string): { document: Document; lineCounter: LineCounter } | { unreadable: string } {
  const lineCounter = new LineCounter();
  let document: Document;
  try {
    document = parseDocument(text, { lineCounter, keepSourceTokens: true, uniqueKeys: false, version: '1.2' });
  } catch (error) {
    return { unreadable: error instanceof Error ? error.message : String(error) };
  }
  if (document.errors.length > 0) return { unreadable: `${document.errors[0]?.message ?? 'YAML syntax error'}; run \`studio-sim validate\` for details` };
  return { document, lineCounter };
}

/**
 * The yaml package writes a trailing comment one space after its value; a
 * line that comes out the same apart from that gets its original spacing back,
 * so aligned comments stay aligned.
 */
export function keepLayout(original: string, rewritten: string): string {
  const originals = new Map<string, string[]>();
  for (const line of original.split('\n')) {
    const key = squeezed(line);
    const list = originals.get(key);
    if (list) list.push(line);
    else originals.set(key, [line]);
  }
  // A rewritten line keeps its comment in the column it had, when the comment is found once in the original.
  const commentColumns = new Map<string, number | undefined>();
  for (const line of original.split('\n')) {
    const at = line.search(/\s#/);
    if (at < 0) continue;
    const comment = line.slice(at).trim();
    commentColumns.set(comment, commentColumns.has(comment) ? undefined : at + (line.slice(at).length - line.slice(at).trimStart().length));
  }
  return rewritten
    .split('\n')
    .map((line) => {
      const kept = originals.get(squeezed(line))?.shift();
      if (kept !== undefined) return kept;
      const at = line.search(/\s#/);
      if (at < 0) return line;
      const comment = line.slice(at).trim();
      const column = commentColumns.get(comment);
      const code = line.slice(0, at).trimEnd();
      return column !== undefined && column > code.length ? `${code.padEnd(column)}${comment}` : line;
    })
    .join('\n');
}

type Report = (note: { pair: Pair; message: string }) => void;

function keyOf(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

function hasKey(map: YAMLMap, key: string): boolean {
  return map.items.some((pair) => keyOf(pair) === key);
}

function rename(pair: Pair, to: string): void {
  if (isScalar(pair.key)) pair.key.value = to;
}

function fixProperties(definition: ActionDefinition, id: string, properties: YAMLMap, fixed: Report, left: Report): void {
  for (const pair of [...properties.items]) {
    const key = keyOf(pair);
    if (key === undefined || Object.prototype.hasOwnProperty.call(definition.properties, key)) continue;
    const match = renamedProperty(definition, key);
    if (!match) continue;
    const where = `${definition.type} "${id}"`;
    if (match.now === undefined) {
      properties.items.splice(properties.items.indexOf(pair), 1);
      fixed({ pair, message: `${where}: removed property ${key}. ${match.kind === 'former' ? match.hint : ''}`.trim() });
    } else if (hasKey(properties, match.now)) {
      left({ pair, message: `${where}: property ${key} should be ${match.now}, which is already set; remove one of them` });
    } else {
      rename(pair, match.now);
      fixed({ pair, message: `${where}: property ${key} -> ${match.now}` });
    }
  }
}

/** The branch targets of an action, `next` counted as Default. */
function fixBranches(definition: ActionDefinition, id: string, action: YAMLMap, fixed: (pair: Pair, message: string) => void, left: (pair: Pair, message: string) => void): void {
  const where = `${definition.type} "${id}"`;
  const nextPair = action.items.find((pair) => keyOf(pair) === 'next');
  const branches = action.get('branches', true);
  const branchMap = isMap(branches) ? branches : undefined;
  const targetOf = (name: string): string | undefined => {
    if (name === 'Default' && nextPair) return String(isScalar(nextPair.value) ? nextPair.value.value : '');
    const pair = branchMap?.items.find((p) => keyOf(p) === name);
    return pair && isScalar(pair.value) ? String(pair.value.value) : undefined;
  };
  // An action the vendor gives no branches: its former Default (`next:` or branches.Default) goes.
  if (definition.branches.length === 0 && definition.formerBranches?.['Default']) {
    const hint = definition.formerBranches['Default'].hint;
    if (nextPair) {
      action.items.splice(action.items.indexOf(nextPair), 1);
      fixed(nextPair, `${where}: removed next: ${targetOf('Default') ?? ''} (${hint})`);
    }
  }
  if (!branchMap) return;
  for (const pair of [...branchMap.items]) {
    const key = keyOf(pair);
    if (key === undefined || definition.branches.some((b) => b.name === key)) continue;
    const match = renamedBranch(definition, key);
    if (!match || match.kind !== 'former') continue;
    const target = isScalar(pair.value) ? String(pair.value.value) : '';
    if (match.now === undefined) {
      branchMap.items.splice(branchMap.items.indexOf(pair), 1);
      fixed(pair, `${where}: removed branch ${key} (to ${target}). ${match.hint}`);
      continue;
    }
    const existing = targetOf(match.now);
    if (existing === undefined) {
      rename(pair, match.now);
      fixed(pair, `${where}: branch ${key} -> ${match.now}`);
    } else if (existing === target) {
      branchMap.items.splice(branchMap.items.indexOf(pair), 1);
      fixed(pair, `${where}: removed branch ${key}, which went where ${match.now} goes (${target})`);
    } else {
      left(pair, `${where}: branch ${key} (to ${target}) is ${match.now} on the platform, but ${match.now} already goes to ${existing}; keep one of them`);
    }
  }
  if (branchMap.items.length === 0) action.items.splice(action.items.findIndex((p) => keyOf(p) === 'branches'), 1);
}

/**
 * Menu and Capture used to store the keys in DigitsEntered when Variable was
 * left out; the platform stores them only where Variable says. A script that
 * reads the old default gets it written out, so it keeps working.
 */
function fillFormerDefaults(definition: ActionDefinition, id: string, action: YAMLMap, text: string, fixed: (pair: Pair, message: string) => void): void {
  for (const [property, value] of Object.entries(definition.formerDefaults ?? {})) {
    let properties: unknown = action.get('properties', true);
    if (isMap(properties) && hasKey(properties, property)) continue;
    if (!new RegExp(`\\b${value}\\b`, 'i').test(text)) continue;
    if (!isMap(properties)) {
      const created = new YAMLMap();
      created.flow = true;
      action.set('properties', created);
      properties = created;
    }
    if (!isMap(properties)) continue;
    properties.set(property, value);
    const typePair = action.items.find((p) => keyOf(p) === 'type');
    if (typePair) fixed(typePair, `${definition.type} "${id}": added ${property}: ${value} (earlier versions stored the keys there by default, and the script reads it)`);
  }
}

