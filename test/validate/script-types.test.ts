import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionDefinitions } from '../../src/actions/index.ts';
import { describeScriptTypes, scriptTypes, vendorScriptTypeName } from '../../src/actions/script-types.ts';
import { loadScriptText } from '../../src/api.ts';
import { renderAction, renderScriptTypeTable } from '../../src/docs/reference.ts';
import { buildScriptSchema } from '../../src/validate/index.ts';

const actionsFolder = join(import.meta.dirname, '../../src/actions');

/** A script of `mediaType` holding the action's own documented example (keyed by its id), and what the check says of it. */
function scriptTypeProblems(example: string, mediaType: string): Array<{ message: string; hint: string | undefined; line: number; column: number }> {
  const text = `name: X\nmediaType: ${mediaType}\nactions:\n  begin: { type: Begin }\n${example.split('\n').map((line) => `  ${line}`).join('\n')}\n`;
  return loadScriptText(text, 'x.yaml').diagnostics
    .filter((d) => d.code === 'unsupported-script-type')
    .map((d) => ({ message: d.message, hint: d.hint, line: d.line, column: d.column }));
}

describe('supported script types', () => {
  it.each(actionDefinitions.map((d) => [d.type, d] as const))('%s lists its script types, each a mediaType, once, with its page cited', (_type, definition) => {
    expect(definition.scriptTypes.length).toBeGreaterThan(0);
    expect(new Set(definition.scriptTypes).size).toBe(definition.scriptTypes.length);
    for (const type of definition.scriptTypes) expect(scriptTypes).toContain(type);
    // The comment just above `scriptTypes:` cites the vendor page it comes from.
    const file = readFileSync(join(actionsFolder, sourceFile(definition.type)), 'utf8');
    const before = file.slice(0, file.indexOf('  scriptTypes:')).split('\n').slice(-3).join('\n');
    expect(before, `${definition.type}: cite the page above scriptTypes`).toMatch(/Supported Script Types[\s\S]*https:\/\/help[-.]/);
  });

  it.each(actionDefinitions.flatMap((d) => scriptTypes.map((t) => [d.type, t, d] as const)))('%s in a %s script: an error exactly when its page leaves the type out', (type, mediaType, definition) => {
    if (definition.type === 'Begin') {
      expect(definition.scriptTypes).toEqual(scriptTypes);
      return;
    }
    const problems = scriptTypeProblems(definition.example, mediaType).filter((p) => p.message.startsWith(`${type} "`));
    if (definition.scriptTypes.includes(mediaType)) {
      expect(problems).toEqual([]);
      return;
    }
    expect(problems).toHaveLength(1);
    const [problem] = problems as [(typeof problems)[0]];
    // At the action's `type`: the example's first line is `<id>:`, its type on the next line or the same one.
    expect(problem.line).toBeGreaterThanOrEqual(5);
    expect(problem.message).toContain(`is in ${/^[AEIOU]/.test(vendorScriptTypeName(mediaType)) ? 'an' : 'a'} ${vendorScriptTypeName(mediaType)} script, but ${type} works only in `);
    for (const supported of definition.scriptTypes) expect(problem.message).toContain(vendorScriptTypeName(supported));
    expect(problem.hint).toMatch(/mediaType/);
  });

  it('names the vendor\'s Work Item, and points at the action\'s type with file:line:column', () => {
    const loaded = loadScriptText('name: Cases\nmediaType: WorkItem\nactions:\n  begin: { type: Begin, next: ask }\n  ask: { type: Capture, properties: { Variable: Pin }, next: done }\n  done: { type: End }\n', 'cases.yaml');
    expect(loaded.ok).toBe(false);
    expect(loaded.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([
      'cases.yaml:5:16 unsupported-script-type Capture "ask" is in a Work Item script, but Capture works only in Phone scripts: its page does not list Work Item under Supported Script Types',
    ]);
    expect(loaded.diagnostics[0]?.hint).toBe('Only a phone caller presses keys: read what the contact sent from a variable instead; or set mediaType: Phone if this script handles phone contacts.');
  });

  it('names another action where the vendor has one, and every type the action supports', () => {
    const loaded = loadScriptText('name: Mail\nmediaType: Email\nactions:\n  begin: { type: Begin, next: done }\n  done: { type: End }\n', 'mail.yaml');
    const [problem] = loaded.diagnostics;
    expect(problem?.message).toBe('End "done" is in an Email script, but End works only in Generic, Phone, Voicemail, Work Item, SMS and Digital scripts: its page does not list Email under Supported Script Types');
    expect(problem?.hint).toContain('Email script with Discard');
    expect(problem?.hint).toContain('set mediaType to one of Generic, Phone, Voicemail, WorkItem, SMS, Digital');
  });

  it('leaves a mediaType that is no script type to the schema, and takes Phone when there is none', () => {
    const wrongCase = loadScriptText('name: X\nmediaType: phone\nactions:\n  begin: { type: Begin, next: bye }\n  bye: { type: Hangup }\n', 'x.yaml');
    expect(wrongCase.diagnostics.map((d) => d.code)).not.toContain('unsupported-script-type');
    expect(wrongCase.ok).toBe(false);
    const noType = loadScriptText('name: X\nactions:\n  begin: { type: Begin, next: bye }\n  bye: { type: Hangup }\n', 'x.yaml');
    expect(noType.ok).toBe(true);
  });

  it('does not tell a Chat or Email script to end with End or Hangup, which their types leave out', () => {
    const ending = (mediaType: string) => loadScriptText(`name: X\nmediaType: ${mediaType}\nactions:\n  begin: { type: Begin, next: greet }\n  greet: { type: Assign, properties: { Variable: Greeting, Value: hello } }\n`, 'x.yaml').diagnostics.find((d) => d.code === 'dead-end')?.hint;
    expect(ending('Chat')).toContain('A Chat script ends with Exit on the platform');
    expect(ending('Email')).toContain('An Email script ends with Discard on the platform');
    expect(ending('SMS')).toBe('Add `next: <action>`, or end the path with an End action.');
    expect(ending('Phone')).toBe('Add `next: <action>`, or end the path with a Hangup or End action.');
  });

  it('keeps the schema\'s mediaType in step with the script types', () => {
    const schema = buildScriptSchema();
    expect(schema.properties?.['mediaType']?.enum).toEqual([...scriptTypes]);
  });

  it('shows each action\'s script types in its reference', () => {
    for (const definition of actionDefinitions) expect(renderAction(definition)).toContain(`Script types: ${describeScriptTypes(definition.scriptTypes)}.`);
    expect(describeScriptTypes(['Phone'])).toBe('Phone only');
    expect(describeScriptTypes(['Chat', 'Phone', 'Voicemail', 'WorkItem', 'SMS'])).toBe('Chat, Phone, Voicemail, Work Item, SMS');
    expect(describeScriptTypes(scriptTypes)).toBe('all (Generic, Email, Chat, Phone, Voicemail, Work Item, SMS, Digital)');
  });

  it('tabulates every action against every script type for the README', () => {
    const rows = renderScriptTypeTable().split('\n');
    expect(rows[0]).toBe('| action | Generic | Email | Chat | Phone | Voicemail | Work Item | SMS | Digital |');
    expect(rows).toHaveLength(actionDefinitions.length + 2);
    expect(rows).toContain('| End | ✓ |  |  | ✓ | ✓ | ✓ | ✓ | ✓ |');
    expect(rows).toContain('| UpdateContact |  |  | ✓ | ✓ | ✓ | ✓ | ✓ |  |');
  });
});

/** The file under src/actions/ that defines an action type. */
function sourceFile(type: string): string {
  const special: Record<string, string> = { Placecall: 'place-call.ts', RestApi: 'rest-api.ts', BlindXfer: 'blind-xfer.ts', RunScript: 'run-script.ts', Runsub: 'runsub.ts', Playlog: 'playlog.ts', Reqagent: 'reqagent.ts' };
  return special[type] ?? `${type.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}.ts`;
}
