import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkExpectations } from '../../src/testing/expectations.ts';
import { loadTestFile } from '../../src/testing/test-file.ts';
import { parseVariablePath, resolveVariablePath } from '../../src/testing/variable-path.ts';
import { runYaml } from '../helpers/run.ts';

// https://help.nicecxone.com/zh-cn/content/studio/codesnippets/virtualagenthub/custompayloadsnippet.htm (dynamic objects, asJSON)
const report = runYaml(`name: Paths
actions:
  begin: { type: Begin, next: build }
  build:
    type: Snippet
    properties:
      Data: |
        DYNAMIC caller
        caller.name = "Ann"
        caller.address.city = "Paris"
        names[1] = "Ann"
        names[2] = "Bob"
    next: done
  done: { type: End }
`);

const failures = (variables: Record<string, unknown>) => checkExpectations(report, { variables }).map((f) => f.message);

describe('expected values of array elements and object members', () => {
  it('reads names[2] and caller.address.city, variable names without case, members with', () => {
    expect(failures({ 'names[2]': 'Bob', 'NAMES[1]': 'Ann', 'caller.address.city': 'Paris', 'Caller.name': 'Ann' })).toEqual([]);
  });

  it('takes a nested mapping (those members only) and a list (every element and the count)', () => {
    expect(failures({ caller: { address: { city: 'Paris' } }, names: ['Ann', 'Bob'] })).toEqual([]);
    expect(failures({ names: ['Ann'] })).toEqual(['variables: names has 2 elements, not 1']);
    expect(failures({ caller: { address: { city: 'Rome' } } })).toEqual(['variables: caller.address.city is "Paris", not "Rome"']);
  });

  it('says what is there when a path does not lead to a value', () => {
    expect(failures({ 'caller.Address.city': 'Paris' })).toEqual(['variables: caller has no member Address (it has address: member names are case-sensitive), so it is not "Paris"']);
    expect(failures({ 'caller.phone': '1' })).toEqual(['variables: caller has no member phone (its members: name, address), so it is not "1"']);
    expect(failures({ 'names[3]': 'Cy' })).toEqual(['variables: names has 2 elements, so [3] is not set, so it is not "Cy"']);
    expect(failures({ 'caller[1]': 'x' })).toEqual(['variables: caller is a dynamic object, not an array: name a member with .member, so it is not "x"']);
    expect(failures({ 'names[1].first': 'x' })).toEqual(['variables: names[1] is "Ann", which has no members, so it is not "x"']);
    expect(failures({ 'nobody.x': 'x' })).toEqual(['variables: nobody is not set, so it is not "x"']);
  });

  it('parses paths as the language writes them and refuses the rest with the reason', () => {
    expect(parseVariablePath('orders[1].id')).toEqual({ ok: true, path: { variable: 'orders', steps: [{ kind: 'index', index: 1 }, { kind: 'member', name: 'id' }] } });
    expect(parseVariablePath('names[0]')).toMatchObject({ ok: false, message: '"names[0]": arrays count from 1, so [0] never names an element' });
    expect(parseVariablePath('a..b')).toMatchObject({ ok: false });
    expect(parseVariablePath('a[')).toMatchObject({ ok: false, message: '"a[": "[" is neither .member nor [index]' });
    expect(parseVariablePath('1abc')).toMatchObject({ ok: false });
    expect(resolveVariablePath({ Count: 3 }, { variable: 'count', steps: [] })).toEqual({ ok: true, value: 3 });
  });

  it('a test file with a bad path gets a diagnostic at the key, before any run', () => {
    const folder = mkdtempSync(join(tmpdir(), 'studio-sim-paths-'));
    writeFileSync(join(folder, 'first-custom-event.yaml'), readFileSync(join(import.meta.dirname, '../../scripts/first-custom-event.yaml'), 'utf8'));
    writeFileSync(join(folder, 'bad.test.yaml'), 'script: first-custom-event.yaml\ncases:\n  - name: x\n    expect:\n      variables: { "names[0]": Bob }\n');
    const errors = loadTestFile(join(folder, 'bad.test.yaml')).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual(['5:20 invalid-key variables: "names[0]": arrays count from 1, so [0] never names an element']);
    expect(errors[0]?.hint).toContain('names[2], caller.address.city');
  });
});
