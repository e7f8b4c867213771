import { isMap, isScalar, isSeq, YAMLMap, type Document, type Node, type Pair } from 'yaml';
import { digitsOf } from '../validate/numbers.ts';
import { keepLayout, parseForFix, type FixNote, type FixResult } from './fix-script.ts';

/**
 * Rewrites a scenario's former `outbound:` list into `numbers:` entries, in
 * a scenario file or in the scenarios of a test file (its `scenario:` and
 * each case's), editing the YAML document in place so comments and layout
 * stay. The scenario reads the same afterwards: a number's first entry wins,
 * and a number already under `numbers:` keeps what is written there.
 * Running it on its own output changes nothing.
 */
export function fixScenarioText(text: string, kind: 'scenario' | 'test'): FixResult {
  const parsed = parseForFix(text);
  if ('unreadable' in parsed) return { text, changed: [], unresolved: [], unreadable: parsed.unreadable };
  const { document, lineCounter } = parsed;
  const changed: FixNote[] = [];
  const unresolved: FixNote[] = [];
  const note = (node: Node | null | undefined, where: string, message: string): FixNote => {
    const { line, col } = lineCounter.linePos(node?.range?.[0] ?? 0);
    return { line, column: col, action: where, message };
  };
  const scenarios: Array<{ map: YAMLMap; where: string }> = [];
  if (kind === 'scenario') {
    if (isMap(document.contents)) scenarios.push({ map: document.contents, where: 'scenario' });
  } else {
    const top = document.get('scenario', true);
    if (isMap(top)) scenarios.push({ map: top, where: 'scenario' });
    const cases = document.get('cases', true);
    if (isSeq(cases)) cases.items.forEach((item, index) => {
      const scenario = isMap(item) ? item.get('scenario', true) : undefined;
      if (isMap(scenario)) scenarios.push({ map: scenario, where: `cases[${index}].scenario` });
    });
  }
  for (const { map, where } of scenarios) foldOutboundNode(document, map, where, changed, unresolved, note);
  if (changed.length === 0) return { text, changed, unresolved };
  return { text: keepSpacing(text, keepLayout(text, document.toString({ lineWidth: 0 }))), changed, unresolved };
}

/**
 * Lines the document came out of unchanged but for spacing (`["1"]` written
 * back as `[ "1" ]`) keep their original text; a line written several times
 * takes the originals in their order.
 */
function keepSpacing(original: string, rewritten: string): string {
  const bare = (line: string): string => line.replace(/\s+/g, '');
  const originals = new Map<string, string[]>();
  for (const line of original.split('\n')) {
    const list = originals.get(bare(line));
    if (list) list.push(line);
    else originals.set(bare(line), [line]);
  }
  return rewritten
    .split('\n')
    .map((line) => (bare(line) === '' ? line : originals.get(bare(line))?.shift() ?? line))
    .join('\n');
}

function foldOutboundNode(document: Document, scenario: YAMLMap, where: string, changed: FixNote[], unresolved: FixNote[], note: (node: Node | null | undefined, where: string, message: string) => FixNote): void {
  const outboundPair = scenario.items.find((pair) => isScalar(pair.key) && pair.key.value === 'outbound') as Pair<Node, unknown> | undefined;
  if (!outboundPair) return;
  const list = outboundPair.value;
  if (!isSeq(list)) {
    unresolved.push(note(outboundPair.key, where, 'outbound: is not a list; rewrite it under numbers: by hand'));
    return;
  }
  const existing = scenario.get('numbers', true);
  if (existing !== undefined && !isMap(existing)) {
    unresolved.push(note(outboundPair.key, where, 'numbers: is not a mapping, so outbound: cannot be moved into it; fix numbers: first'));
    return;
  }
  const numbers = existing ?? new YAMLMap();
  // Flow entries stay flow entries: `- { number: "1", answer: busy }` becomes `"1": { answer: busy }`.
  const taken = new Map((numbers.items as Pair[]).map((pair) => [digitsOf(String(isScalar(pair.key) ? pair.key.value : pair.key)), 'numbers' as 'numbers' | 'outbound']));
  // Everything is checked before anything moves: a list fix cannot move whole is left whole.
  for (const item of list.items) {
    const number = isMap(item) ? item.get('number', true) : undefined;
    if (!isScalar(number)) {
      unresolved.push(note(item as Node, where, 'an outbound: entry without a number; rewrite it under numbers: by hand'));
      return;
    }
  }
  let moved = 0;
  for (const item of list.items as YAMLMap[]) {
    const numberPair = item.items.find((pair) => isScalar(pair.key) && pair.key.value === 'number') as Pair<Node, Node> | undefined;
    const number = numberPair && isScalar(numberPair.value) ? String(numberPair.value.value) : undefined;
    if (number === undefined) continue;
    const before = taken.get(digitsOf(number));
    if (before !== undefined) {
      changed.push(note(numberPair?.value, where, `outbound: ${number} dropped: ${before === 'numbers' ? 'numbers: already answers it, and won over it' : 'an earlier outbound: entry answers it, and won over it (first match)'}`));
      continue;
    }
    taken.set(digitsOf(number), 'outbound');
    const entry = new YAMLMap();
    entry.flow = item.flow ?? false;
    // The entry's comments go with it.
    if (item.comment) entry.comment = item.comment;
    if (item.commentBefore) entry.commentBefore = item.commentBefore;
    for (const pair of item.items) if (!(isScalar(pair.key) && pair.key.value === 'number')) entry.items.push(pair);
    const key = document.createNode(number);
    key.type = 'QUOTE_DOUBLE';
    numbers.items.push(document.createPair(key, entry));
    moved++;
  }
  if (existing === undefined) {
    // numbers: takes outbound:'s place, with its comment.
    (outboundPair.key as { value: unknown }).value = 'numbers';
    numbers.flow = list.flow ?? false;
    // A comment after `outbound:` stays on the key's line.
    if (list.commentBefore && isScalar(outboundPair.key)) outboundPair.key.comment = list.commentBefore;
    if (list.comment) numbers.comment = list.comment;
    outboundPair.value = numbers;
  } else {
    scenario.items.splice(scenario.items.indexOf(outboundPair as Pair), 1);
  }
  changed.push(note(outboundPair.key, where, `outbound: -> numbers: (${moved} number${moved === 1 ? '' : 's'} moved)`));
}
