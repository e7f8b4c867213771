import { describe, expect, it } from 'vitest';
import { actionDefinitions, type ActionDefinition } from '../../src/actions/index.ts';
import { fixScriptText } from '../../src/fix/fix-script.ts';
import { validateScriptText } from '../../src/validate/index.ts';

/** A value a property accepts, for the one action under test. */
function sampleValue(definition: ActionDefinition, property: string): string {
  const spec = definition.properties[property];
  const example = spec?.schema.examples?.[0] ?? spec?.schema.default;
  if (typeof example === 'string') return JSON.stringify(example);
  if (example !== undefined) return JSON.stringify(example);
  return '"x"';
}

/** A script around one action that uses `properties` and `branches` (YAML flow text); every branch goes to `done`. */
function scriptWith(definition: ActionDefinition, properties: Record<string, string>, branches: string[], renamedTo?: string): string {
  const required = Object.entries(definition.properties).filter(([name, spec]) => spec.required && name !== renamedTo).map(([name]) => name);
  const props = { ...Object.fromEntries(required.map((name) => [name, sampleValue(definition, name)])), ...properties };
  const propText = Object.entries(props).map(([name, value]) => `${JSON.stringify(name)}: ${value}`).join(', ');
  const branchText = branches.map((name) => `${JSON.stringify(name)}: done`).join(', ');
  const target = definition.event ? '' : 'next: act';
  return [
    'name: FormerNames',
    'actions:',
    `  begin: { type: Begin, ${target || 'next: done'} }`,
    `  act: { type: ${definition.type}${propText ? `, properties: { ${propText} }` : ''}${branchText ? `, branches: { ${branchText} }` : ''} }`,
    '  done: { type: End }',
    '',
  ].join('\n');
}

const cases = actionDefinitions.flatMap((definition) => [
  ...Object.entries(definition.formerProperties ?? {}).map(([old, former]) => ({ definition, kind: 'property' as const, old, now: former.now })),
  ...Object.entries(definition.formerBranches ?? {}).filter(([old]) => !(old === 'Default' && definition.branches.length === 0)).map(([old, former]) => ({ definition, kind: 'branch' as const, old, now: former.now })),
]);

describe('studio-sim fix', () => {
  it('has former names to test', () => {
    expect(cases.length).toBeGreaterThan(10);
  });

  it.each(cases.map((c) => [`${c.definition.type} ${c.kind} ${c.old}`, c] as const))('%s: diagnosed as former-name, fixed into a valid script, and fixing again changes nothing', (_, c) => {
    const value = c.kind === 'property' ? sampleValue(c.definition, c.now ?? c.old) : '';
    const text = c.kind === 'property' ? scriptWith(c.definition, { [c.old]: value }, [], c.now) : scriptWith(c.definition, {}, [c.old]);
    const before = validateScriptText(text, 'former.yaml');
    expect(before.diagnostics.map((d) => d.code)).toContain('former-name');
    const fixed = fixScriptText(text);
    expect(fixed.unresolved).toEqual([]);
    expect(fixed.changed.length).toBeGreaterThan(0);
    const after = validateScriptText(fixed.text, 'former.yaml');
    expect(after.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const again = fixScriptText(fixed.text);
    expect(again.changed).toEqual([]);
    expect(again.text).toBe(fixed.text);
  });

  it('keeps comments and the spacing before them', () => {
    const text = 'name: T\nactions:\n  begin: { type: Begin, next: hold }   # start\n  hold:\n    type: Wait\n    properties: { Timeout: 30 }       # old name\n    next: hold\n';
    const fixed = fixScriptText(text);
    expect(fixed.text).toBe(text.replace('Timeout: 30', 'Seconds: 30'));
  });

  it('leaves a rename that would lose a branch, and says what to decide', () => {
    const text = 'name: T\nactions:\n  begin: { type: Begin, next: m }\n  m: { type: Menu, properties: { Variable: V }, branches: { "1": a, OnTimeout: a, Default: b } }\n  a: { type: End }\n  b: { type: End }\n';
    const fixed = fixScriptText(text);
    expect(fixed.unresolved.map((n) => n.message)).toEqual(['Menu "m": branch OnTimeout (to a) is Default on the platform, but Default already goes to b; keep one of them']);
    expect(fixed.unresolved[0]).toMatchObject({ line: 4, column: 69 });
  });

  it('writes out the DigitsEntered the script reads, which earlier versions filled by default', () => {
    const text = 'name: T\nactions:\n  begin: { type: Begin, next: m }\n  m: { type: Menu, branches: { "1": tell, Default: tell } }\n  tell: { type: Play, properties: { Sequence: "%You pressed {DigitsEntered}" }, next: done }\n  done: { type: End }\n';
    const fixed = fixScriptText(text);
    expect(fixed.text).toContain('m: { type: Menu, branches: { "1": tell, Default: tell }, properties: { Variable: DigitsEntered } }');
    expect(validateScriptText(fixed.text, 't.yaml').diagnostics).toEqual([]);
  });

  it('leaves a file that is not YAML alone, and says why', () => {
    expect(fixScriptText('name: [oops\n').unreadable).toMatch(/validate/);
  });
});
