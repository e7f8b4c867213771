import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnosticCodes } from '../../src/diagnostics/codes.ts';
import { validateScriptFile } from '../../src/validate/index.ts';

/**
 * Scripts under test/fixtures/lint are valid but probably wrong: each lists
 * with `# expect: <code> <line>:<column>` every warning it must produce.
 */
const folder = join(import.meta.dirname, '../fixtures/lint');
const fixtures = readdirSync(folder).filter((name) => name.endsWith('.yaml')).sort();

describe('lint fixtures', () => {
  it('every lint rule has a fixture', () => {
    const lintCodes = ['menu-option-unwired', 'endless-loop', 'persisted-name-reuse', 'mixed-comparison'];
    const covered = new Set(fixtures.flatMap((name) => [...readFileSync(join(folder, name), 'utf8').matchAll(/# expect: ([a-z-]+)/g)].map((m) => m[1])));
    for (const code of lintCodes) {
      expect(covered.has(code), code).toBe(true);
      expect(diagnosticCodes[code]?.severity).toBe('warning');
    }
  });

  it.each(fixtures)('%s warns exactly as expected and still validates', (name) => {
    const text = readFileSync(join(folder, name), 'utf8');
    const expected = [...text.matchAll(/^#\s*expect:\s*([a-z0-9-]+)\s+(\d+):(\d+)\s*$/gm)].map((m) => `${m[1]} ${m[2]}:${m[3]}`).sort();
    const result = validateScriptFile(join(folder, name));
    expect(result.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`).sort()).toEqual(expected);
    expect(result.script).toBeDefined();
    for (const diagnostic of result.diagnostics) expect(diagnostic.hint).toBeTruthy();
  });
});
