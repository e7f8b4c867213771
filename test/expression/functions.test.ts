import { describe, expect, it } from 'vitest';
import { builtinFunctions, parseSnippet, runSnippet, toText } from '../../src/expression/index.ts';
import { Variables } from '../../src/runtime/variables.ts';

/** Evaluates a call as a Snippet would, with `o` a dynamic object holding name = "Beowulf". */
function call(source: string): string {
  const parsed = parseSnippet(`DYNAMIC o\no.name = "Beowulf"\nresult = ${source}`);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  const vars = new Variables();
  const ran = runSnippet(parsed.value, vars, { now: () => Date.UTC(2026, 0, 1), random: () => 0.5 });
  if (!ran.ok) throw new Error(ran.error);
  return toText(vars.get('result'));
}

describe('built-in functions: each one\'s example, as the README table shows it', () => {
  it.each(builtinFunctions.map((f) => [f.name, f.example[0], f.example[1]]))('%s: %s gives %s', (_name, source, result) => {
    expect(call(source)).toBe(result);
  });

  it('names are matched without case, and the method form passes the object first', () => {
    expect(call('UPPER("a")')).toBe('A');
    expect(call('"abc".left(2)')).toBe('ab');
    expect(call('o.asjson()')).toBe(call('asJSON(o)'));
  });

  it('a wrong number of arguments is a run-time error', () => {
    const parsed = parseSnippet('x = left("abc")');
    if (!parsed.ok) throw new Error(parsed.problem.message);
    const ran = runSnippet(parsed.value, new Variables());
    expect(ran.ok).toBe(false);
    expect(!ran.ok && ran.error).toBe('left() takes 2 arguments, not 1');
  });

  it('date functions reject text that is not a date', () => {
    expect(() => call('datefmt("soon", "yyyy")')).toThrow('is not a date/time');
  });

  it('asjson() truncates past 32 KB', () => {
    const parsed = parseSnippet('DYNAMIC o\nFOR i = 1 TO 400 { o.items[i] = "{i}-abcdefghijklmnopqrstuvwxyz-abcdefghijklmnopqrstuvwxyz-abcdefghijklmnopqrstuvwxyz" }\nj = o.asJSON()');
    if (!parsed.ok) throw new Error(parsed.problem.message);
    const vars = new Variables();
    expect(runSnippet(parsed.value, vars).ok).toBe(true);
    expect(toText(vars.get('j')).length).toBe(32 * 1024);
  });
});
