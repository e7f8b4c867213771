import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScript } from '../src/api.ts';
import { stepPlace } from '../src/runtime/report.ts';

/**
 * The bank sample's picture is drawn by `graph --follow --format svg` and
 * committed (it needs Graphviz, so tests do not redraw it): it must still
 * show every action of the script and of the scripts it calls.
 */
const root = join(import.meta.dirname, '..');
const refresh = 'npx studio-sim graph scripts/bank-ivr.yaml --follow --format svg --output docs/bank-ivr.svg';

describe('the bank IVR picture', () => {
  it('names every action of bank-ivr.yaml and its subscript', () => {
    const loaded = loadScript(join(root, 'scripts/bank-ivr.yaml'));
    if (!loaded.ok) throw new Error('the bank sample does not load');
    // Graphviz writes some characters as numeric entities (bank&#45;auth).
    const svg = readFileSync(join(root, 'docs/bank-ivr.svg'), 'utf8').replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
    const { script } = loaded.compiled;
    const names = [...script.actions.keys()];
    for (const called of script.calls?.values() ?? []) names.push(...[...called.actions.keys()].map((id) => stepPlace({ action: id, script: called.source.file })));
    expect(names.length).toBeGreaterThan(40);
    expect(names.filter((name) => !svg.includes(name)), `stale picture: refresh it with ${refresh}`).toEqual([]);
  });

  it('the README shows it with the command that refreshes it', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8').replace(/\s+/g, ' ');
    expect(readme).toContain('](docs/bank-ivr.svg)');
    expect(readme).toContain(refresh);
  });
});
