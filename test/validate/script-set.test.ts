import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScriptText } from '../../src/api.ts';
import { validateScriptFile } from '../../src/validate/index.ts';
import { scriptFolder } from '../helpers/script-folder.ts';

const caller = (name: string, type = 'Runsub') => `name: Main
actions:
  begin: { type: Begin, next: call }
  call:
    type: ${type}
    properties: { ScriptName: ${JSON.stringify(name)} }
    next: bye
  bye: { type: Hangup }
`.replace(type === 'RunScript' ? '    next: bye\n' : '\u0000', '');

const sub = 'name: Sub\nactions:\n  begin: { type: Begin, next: back }\n  back: { type: Return }\n';

function problems(folder: string, file = 'main.yaml') {
  const result = validateScriptFile(join(folder, file), {}, file);
  return { result, list: result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}`) };
}

describe('scripts a script calls', () => {
  it('resolves names in the same folder and in subfolders, with / or \\, with or without .yaml', () => {
    const folder = scriptFolder({ 'Sub.yaml': sub, 'deep/er/Sub.yml': sub, 'main.yaml': caller('Sub') });
    for (const name of ['Sub', 'Sub.yaml', 'deep/er/Sub', 'deep\\er\\Sub']) {
      writeFileSync(join(folder, 'main.yaml'), caller(name));
      const { result, list } = problems(folder);
      expect(list, name).toEqual([]);
      expect(result.script?.calls?.size).toBe(1);
    }
  });

  it('reports a missing script at the caller\'s ScriptName, with the scripts that are there', () => {
    const folder = scriptFolder({ 'Auth.yaml': sub, 'main.yaml': caller('Atuh') });
    const { result, list } = problems(folder);
    expect(list).toEqual(['main.yaml:6:31 error subscript-not-found']);
    expect(result.diagnostics[0]?.message).toContain('no Atuh.yaml');
    expect(result.diagnostics[0]?.hint).toContain('Auth');
    expect(result.script).toBeUndefined();
  });

  it.each([
    ['../../etc/passwd', 'subscript-outside-folder'],
    ['..', 'subscript-outside-folder'],
    ['sub/../../x', 'subscript-outside-folder'],
    ['/etc/passwd', 'subscript-outside-folder'],
    ['C:\\\\Windows\\\\x', 'subscript-outside-folder'],
    ['{WhichScript}', 'invalid-script-name'],
    ['a//b', 'invalid-script-name'],
  ])('refuses the name %s (%s), and the schema or the resolver says why', (name, code) => {
    const folder = scriptFolder({ 'main.yaml': caller(name) });
    const { result } = problems(folder);
    expect(result.script).toBeUndefined();
    const codes = result.diagnostics.map((d) => d.code);
    // The schema's pattern refuses some of these first; then the resolver is not reached.
    expect(codes.some((c) => c === code || c === 'invalid-value')).toBe(true);
    expect(result.diagnostics.every((d) => d.file === 'main.yaml' && d.line === 6)).toBe(true);
  });

  it('refuses a link that leads out of the folder', () => {
    const outside = scriptFolder({ 'Secret.yaml': sub });
    const folder = scriptFolder({ 'main.yaml': caller('Linked') });
    symlinkSync(join(outside, 'Secret.yaml'), join(folder, 'Linked.yaml'));
    expect(problems(folder).list).toEqual(['main.yaml:6:31 error subscript-outside-folder']);
  });

  it('reports problems inside the called script at its own file:line:column, and points at the call', () => {
    const folder = scriptFolder({ 'Broken.yaml': 'name: Broken\nactions:\n  begin: { type: Begin, next: nowhere }\n  back: { type: Return }\n', 'main.yaml': caller('Broken') });
    const { list } = problems(folder);
    expect(list).toEqual(['Broken.yaml:3:31 error unknown-branch-target', 'main.yaml:6:31 error invalid-subscript']);
  });

  it('requires the same media type, and a Return for Runsub (not for RunScript)', () => {
    const folder = scriptFolder({
      'Chat.yaml': sub.replace('name: Sub', 'name: Chat\nmediaType: Chat'),
      'NoReturn.yaml': 'name: NoReturn\nactions:\n  begin: { type: Begin, next: bye }\n  bye: { type: Hangup }\n',
      'main.yaml': caller('Chat'),
    });
    expect(problems(folder).list).toEqual(['main.yaml:6:31 error subscript-media-type']);
    writeFileSync(join(folder, 'main.yaml'), caller('NoReturn'));
    expect(problems(folder).list).toEqual(['main.yaml:6:31 error subscript-without-return']);
    writeFileSync(join(folder, 'main.yaml'), caller('NoReturn', 'RunScript'));
    expect(problems(folder).list.filter((p) => p.includes(' error '))).toEqual([]);
  });

  it('warns of a script that calls itself, or a cycle through others, and checks each script once', () => {
    const self = scriptFolder({ 'main.yaml': 'name: Self\nactions:\n  begin: { type: Begin, next: again }\n  again: { type: Runsub, properties: { ScriptName: main }, next: back }\n  back: { type: Return }\n' });
    const { result, list } = problems(self);
    expect(list).toEqual(['main.yaml:4:52 warning subscript-recursion']);
    expect(result.script).toBeDefined();
    const cycle = scriptFolder({
      'main.yaml': caller('A'),
      'A.yaml': 'name: A\nactions:\n  begin: { type: Begin, next: call }\n  call: { type: Runsub, properties: { ScriptName: B }, next: back }\n  back: { type: Return }\n',
      'B.yaml': 'name: B\nactions:\n  begin: { type: Begin, next: call }\n  call: { type: Runsub, properties: { ScriptName: A }, next: back }\n  back: { type: Return }\n',
    });
    const found = problems(cycle);
    expect(found.list).toEqual(['B.yaml:4:51 warning subscript-recursion']);
    expect(found.result.diagnostics[0]?.message).toContain('A.yaml -> B.yaml -> A.yaml');
  });

  it('script text on its own has no folder: a call is reported at its ScriptName', () => {
    const loaded = loadScriptText(caller('Sub'), 'typed.yaml');
    expect(loaded.ok).toBe(false);
    expect(loaded.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(['6:31 subscript-not-found']);
  });

  it('script text that stands for a file finds the scripts it calls beside that file (an editor\'s unsaved buffer)', () => {
    const folder = scriptFolder({ 'Sub.yaml': sub });
    const loaded = loadScriptText(caller('Sub'), 'main.yaml', {}, join(folder, 'main.yaml'));
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.ok && loaded.compiled.calls.has('Sub')).toBe(true);
  });

  it('knows variables a called script sets as global', () => {
    const folder = scriptFolder({
      'Sets.yaml': 'name: Sets\nactions:\n  begin: { type: Begin, next: set }\n  set: { type: Assign, properties: { Variable: "Global:Name", Value: x }, next: back }\n  back: { type: Return }\n',
      'main.yaml': 'name: Main\nactions:\n  begin: { type: Begin, next: call }\n  call: { type: Runsub, properties: { ScriptName: Sets }, next: use }\n  use: { type: Assign, properties: { Variable: Copy, Value: "{Name}" }, next: bye }\n  bye: { type: Hangup }\n',
    });
    expect(problems(folder).list).toEqual([]);
  });
});
