import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultLoadLimits } from '../../src/load/index.ts';
import { validateScriptFile, validateScriptText } from '../../src/validate/index.ts';
import { validateScenarioText } from '../../src/validate/scenario.ts';
import { runCli } from '../cli/helpers.ts';

const folder = mkdtempSync(join(tmpdir(), 'studio-sim-bad-input-'));
function file(name: string, content: string | Uint8Array): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

const minimal = 'name: X\nactions:\n  begin: { type: Begin, next: bye }\n  bye: { type: Hangup }\n';

function only(text: string) {
  const result = validateScriptText(text, 'input.yaml');
  return result.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`);
}

describe('hostile and broken input gives diagnostics, never an exception', () => {
  it('accepts the minimal script', () => {
    const result = validateScriptText(minimal, 'ok.yaml');
    expect(result.diagnostics).toEqual([]);
    expect(result.script?.begin).toBe('begin');
  });

  it('empty file', () => {
    expect(only('')).toEqual(['empty-file 1:1']);
    expect(only('\n   \n\n')).toEqual(['empty-file 1:1']);
  });

  it('a file holding only comments', () => {
    expect(only('# nothing here\n')).toEqual(['not-a-mapping 1:1']);
  });

  it('top level that is not a mapping', () => {
    expect(only('- begin\n- end\n')).toEqual(['not-a-mapping 1:1']);
    expect(only('just text\n')).toEqual(['not-a-mapping 1:1']);
  });

  it('several YAML documents', () => {
    expect(only(`${minimal}---\nname: Second\n`)).toEqual(['multiple-documents 5:1']);
  });

  it('tabs used for indentation', () => {
    const codes = only('name: X\nactions:\n\tbegin: { type: Begin }\n');
    expect(codes[0]).toBe('tab-indent 3:1');
  });

  it('duplicate keys, pointing at the second', () => {
    expect(only('name: X\nname: Y\nactions:\n  begin: { type: Begin, next: bye }\n  bye: { type: Hangup }\n')).toEqual(['duplicate-key 2:1']);
    expect(only(`${minimal}  bye: { type: End }\n`)).toEqual(['duplicate-key 5:3']);
  });

  it('an alias bomb (billion laughs) stops at the alias limit', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const text = `name: X\nvariables:\n${levels.map((l) => `  ${l}`).join('\n')}\nactions:\n  begin: { type: Begin }\n`;
    const started = process.hrtime.bigint();
    const codes = only(text);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(5000);
    expect(codes).toEqual(['alias-limit 4:10']);
  });

  it('50 levels of nesting, reported where level 33 starts', () => {
    let nested = '1';
    for (let i = 0; i < 50; i++) nested = `{ k: ${nested} }`;
    expect(only(`name: X\nvariables: { deep: ${nested} }\nactions:\n  begin: { type: Begin }\n`)).toEqual(['nesting-too-deep 2:170']);
  });

  it('100,000 levels of flow nesting do not overflow the stack', () => {
    const text = `name: X\nactions: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    const result = validateScriptText(text, 'deep.yaml');
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(result.diagnostics[0]?.code).toMatch(/nesting-too-deep/);
  });

  it('a 5 MB file is refused before it is read', () => {
    const path = file('huge.yaml', `name: X\n# ${'x'.repeat(5 * 1024 * 1024)}\n`);
    const result = validateScriptFile(path);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['file-too-large']);
    expect(result.diagnostics[0]?.hint).toContain('--max-file-size');
    // The limit is a setting, not a wall.
    expect(validateScriptFile(path, { maxFileBytes: 6 * 1024 * 1024 }).diagnostics.map((d) => d.code)).toContain('missing-key');
  });

  it('binary bytes', () => {
    const bytes = Uint8Array.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0x00, 0x01, 0x02, 0xff, 0xfe]);
    expect(validateScriptFile(file('binary.yaml', bytes)).diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['invalid-utf8 1:10']);
    expect(validateScriptFile(file('nul.yaml', 'name: X\nactions:\n  a\u0000b: {}\n')).diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['invalid-character 3:4']);
  });

  it('__proto__ and constructor as ids and keys never pollute prototypes', () => {
    const text = [
      'name: X',
      'variables: { __proto__: { polluted: yes }, constructor: 1 }',
      'actions:',
      '  begin: { type: Begin, next: constructor }',
      '  constructor: { type: Play, properties: { Sequence: hi, __proto__: 1 }, next: __proto__ }',
      '  __proto__: { type: Hangup }',
    ].join('\n');
    const result = validateScriptText(text, 'proto.yaml');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(result.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['wrong-type 2:25', 'unknown-property 5:58']);
    const valid = validateScriptText(text.replace('{ __proto__: { polluted: yes }, constructor: 1 }', '{ constructor: 1 }').replace(', __proto__: 1', ''), 'proto.yaml');
    expect(valid.diagnostics).toEqual([]);
    expect([...(valid.script?.actions.keys() ?? [])]).toEqual(['begin', 'constructor', '__proto__']);
    expect(valid.script?.actions.get('constructor')?.branches['Default']).toBe('__proto__');
  });

  it('a file that does not exist, and a folder', () => {
    expect(validateScriptFile(join(folder, 'missing.yaml')).diagnostics.map((d) => d.code)).toEqual(['file-not-found']);
    expect(validateScriptFile(folder).diagnostics.map((d) => d.code)).toEqual(['not-a-file']);
  });

  it('a byte order mark is accepted', () => {
    expect(validateScriptText(`\uFEFF${minimal}`, 'bom.yaml').diagnostics).toEqual([]);
  });

  it('thousands of mistakes are capped, not printed forever', () => {
    const actions = Array.from({ length: 2000 }, (_, i) => `  a${i}: { type: Play, properties: { Sequence: x, Bad${i}: 1 }, next: bye }`).join('\n');
    const result = validateScriptText(`name: X\nactions:\n  begin: { type: Begin, next: a0 }\n${actions}\n  bye: { type: Hangup }\n`, 'many.yaml');
    expect(result.diagnostics.length).toBe(201);
    expect(result.diagnostics.at(-1)?.code).toBe('too-many-problems');
  });
});

describe('the action-count limit', () => {
  it('a script over it is one diagnostic that names the flag; raising it lets the script through', () => {
    const actions = Array.from({ length: 30 }, (_, i) => `  a${i}: { type: Play, properties: { Sequence: x }, next: ${i === 29 ? 'bye' : `a${i + 1}`} }`).join('\n');
    const text = `name: X\nactions:\n  begin: { type: Begin, next: a0 }\n${actions}\n  bye: { type: Hangup }\n`;
    const limited = validateScriptText(text, 'many.yaml', { maxActions: 20 });
    expect(limited.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['too-many-actions 2:1']);
    expect(limited.diagnostics[0]?.hint).toContain('--max-actions');
    expect(validateScriptText(text, 'many.yaml', { maxActions: 40 }).diagnostics).toEqual([]);
  });
});

describe('the string-length limit', () => {
  const withData = (data: string) =>
    [
      'name: X',
      'actions:',
      '  begin: { type: Begin, next: notify }',
      `  notify: { type: CustomEvent, properties: { TargetAgent: "1001", EventName: Big, Data: "${data}" }, next: bye }`,
      '  bye: { type: Hangup }',
      '',
    ].join('\n');

  it('a Data one character over the limit is one positioned diagnostic naming the limit and the flag', () => {
    const result = validateScriptText(withData('x'.repeat(defaultLoadLimits.maxStringChars + 1)), 'big.yaml');
    expect(result.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['string-too-long 4:89']);
    const [diagnostic] = result.diagnostics;
    expect(diagnostic?.message).toBe('A string at actions.notify.properties.Data is 32769 characters, over the limit of 32768');
    expect(diagnostic?.path).toEqual(['actions', 'notify', 'properties', 'Data']);
    expect(diagnostic?.hint).toContain('--max-string-chars <count>');
    expect(result.script).toBeUndefined();
  });

  it('a Data at the limit is accepted, and raising the limit lets a longer one through', () => {
    expect(validateScriptText(withData('x'.repeat(defaultLoadLimits.maxStringChars)), 'ok.yaml').diagnostics).toEqual([]);
    const longer = withData('x'.repeat(40_000));
    expect(validateScriptText(longer, 'big.yaml', { maxStringChars: 40_000 }).diagnostics).toEqual([]);
    expect(validateScriptText(longer, 'big.yaml', { maxStringChars: 39_999 }).diagnostics.map((d) => d.code)).toEqual(['string-too-long']);
  });

  it('counts characters of the value, not of the source: escapes and quotes do not count against it', () => {
    // Each \x41 is four source characters for one value character.
    const escaped = withData('\\x41'.repeat(10_000));
    expect(escaped.length).toBeGreaterThan(40_000);
    expect(validateScriptText(escaped, 'escaped.yaml', { maxStringChars: 10_000 }).diagnostics).toEqual([]);
    expect(validateScriptText(escaped, 'escaped.yaml', { maxStringChars: 9_999 }).diagnostics.map((d) => d.code)).toEqual(['string-too-long']);
  });

  it('every over-long string is reported, keys and list items too, in file order', () => {
    const long = 'y'.repeat(50);
    const text = [
      'name: X',
      `variables: { ${long}: short, Ok: "${long}" }`,
      'actions:',
      '  begin: { type: Begin, next: play }',
      `  play: { type: Play, properties: { Sequence: ["hi", "${long}"] }, next: bye }`,
      '  bye: { type: Hangup }',
      '',
    ].join('\n');
    const result = validateScriptText(text, 'keys.yaml', { maxStringChars: 49 });
    expect(result.diagnostics.map((d) => `${d.code} ${d.line}:${d.column} ${d.path.join('.')}`)).toEqual([
      'string-too-long 2:14 variables.' + long,
      'string-too-long 2:77 variables.Ok',
      'string-too-long 5:54 actions.play.properties.Sequence.1',
    ]);
    expect(result.diagnostics[0]?.message).toMatch(/^A key at variables\.y+ is 50 characters/);
  });

  it('applies to scenario files: an external event with over-long data', () => {
    const text = `events:\n  - { at: 1, agent: "1001", eventName: Note, data: "${'z'.repeat(33_000)}" }\n`;
    const result = validateScenarioText(text, 'big.scenario.yaml');
    expect(result.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['string-too-long 2:52']);
    expect(validateScenarioText(text, 'big.scenario.yaml', { maxStringChars: 33_000 }).diagnostics).toEqual([]);
  });

  it('--max-string-chars raises it from the command line, and takes only a whole number', async () => {
    const path = file('long-data.yaml', withData('x'.repeat(40_000)));
    const refused = await runCli(['validate', path]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`${path}:4:89: error string-too-long A string at actions.notify.properties.Data is 40000 characters, over the limit of 32768`);
    expect((await runCli(['validate', path, '--max-string-chars', '40000'])).code).toBe(0);
    const bad = await runCli(['validate', path, '--max-string-chars', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-string-chars');
  });
});
