import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnosticCodes } from '../../src/diagnostics/codes.ts';
import { validateScriptFile } from '../../src/validate/index.ts';

/**
 * Each file under test/fixtures/invalid is a script with one deliberate
 * mistake (or a few related ones). Its `# expect: <code> <line>:<column>`
 * comments list every diagnostic it must produce, no more and no fewer.
 */
const folder = join(import.meta.dirname, '../fixtures/invalid');
const fixtures = readdirSync(folder).filter((name) => name.endsWith('.yaml')).sort();

function expectations(text: string): string[] {
  return [...text.matchAll(/^#\s*expect:\s*([a-z0-9-]+)\s+(\d+):(\d+)\s*$/gm)].map((m) => `${m[1]} ${m[2]}:${m[3]}`).sort();
}

describe('invalid fixtures', () => {
  it('has at least 25 distinct mistakes', () => {
    const codes = new Set(fixtures.flatMap((name) => expectations(readFileSync(join(folder, name), 'utf8')).map((e) => e.split(' ')[0])));
    expect(fixtures.length).toBeGreaterThanOrEqual(25);
    expect(codes.size).toBeGreaterThanOrEqual(20);
  });

  it.each(fixtures)('%s reports exactly its expected diagnostics', (name) => {
    const path = join(folder, name);
    const expected = expectations(readFileSync(path, 'utf8'));
    expect(expected.length, `${name} has no "# expect:" lines`).toBeGreaterThan(0);
    const result = validateScriptFile(path);
    const actual = result.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`).sort();
    expect(actual).toEqual(expected);
    expect(result.script, 'a fixture with errors must not yield a script').toBeUndefined();
    for (const diagnostic of result.diagnostics) {
      expect(diagnosticCodes[diagnostic.code], `code ${diagnostic.code} is not in the catalogue`).toBeDefined();
      expect(diagnostic.message.length).toBeGreaterThan(10);
      expect(diagnostic.hint, `${diagnostic.code} has no hint`).toBeTruthy();
    }
  });
});
