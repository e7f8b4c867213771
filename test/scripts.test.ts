import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isScriptFile } from '../src/cli/files.ts';
import { validateScriptFile } from '../src/validate/index.ts';
import { readFileSync } from 'node:fs';
import { resolveScriptName } from '../src/load/script-names.ts';
import type { Script } from '../src/validate/index.ts';

/** The scripts a sample's Spawn actions name (written out, not built at run time): each must validate cleanly. */
function spawnedBy(script: Script): Script[] {
  return [...script.actions.values()].flatMap((action) => {
    const name = action.properties['ScriptName'];
    if (action.type !== 'Spawn' || typeof name !== 'string' || name.includes('{')) return [];
    const found = resolveScriptName(script.source.file, script.source.file, name);
    if (!found.ok) throw new Error(found.message);
    const result = validateScriptFile(found.path);
    expect(result.diagnostics, found.path).toEqual([]);
    return result.script ? [result.script] : [];
  });
}

/** Every sample under scripts/ is a script people copy from: it must be clean. */
const folder = join(import.meta.dirname, '../scripts');
const samples = readdirSync(folder).filter(isScriptFile).sort();

describe('sample scripts', () => {
  it('there are at least three', () => {
    expect(samples.length).toBeGreaterThanOrEqual(3);
    expect(samples).toContain('custom-event-sample.yaml');
  });

  it.each(samples)('%s validates with no errors and no warnings', (name) => {
    const result = validateScriptFile(join(folder, name));
    expect(result.diagnostics).toEqual([]);
    expect(result.script).toBeDefined();
  });

  it.each(samples)('%s carries the schema modeline for editors', (name) => {
    expect(readFileSync(join(folder, name), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/script.schema.json');
  });

  it('together they use every action type', async () => {
    const { actionTypes } = await import('../src/actions/index.ts');
    // With the scripts they call (subs/) and spawn, which are samples too.
    const scripts = samples.flatMap((name) => validateScriptFile(join(folder, name)).script ?? []);
    for (let i = 0; i < scripts.length; i++) scripts.push(...[...(scripts[i]?.calls?.values() ?? []), ...spawnedBy(scripts[i] as Script)].filter((s) => !scripts.some((known) => known.source.file === s.source.file)));
    const used = new Set(scripts.flatMap((script) => [...script.actions.values()].map((a) => a.type)));
    expect([...actionTypes].filter((t) => !used.has(t))).toEqual([]);
  });
});
