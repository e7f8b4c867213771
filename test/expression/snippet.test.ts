import { describe, expect, it } from 'vitest';
import { loopTimeMessage, maxDepth, parseExpression, parseSnippet, parseTemplate, runSnippet, type Environment, type Value } from '../../src/expression/index.ts';
import { Variables } from '../../src/runtime/variables.ts';

interface Ran {
  ok: boolean;
  error?: string;
  vars: Variables;
  trace: string[];
}

/** Parses and runs Snippet code with fresh variables; fails the test on a syntax error. */
function snippet(code: string, values: Record<string, Value> = {}, env: Partial<Environment> = {}): Ran {
  const parsed = parseSnippet(code);
  if (!parsed.ok) throw new Error(`syntax error at ${parsed.problem.offset}: ${parsed.problem.message}`);
  const vars = new Variables();
  for (const [name, value] of Object.entries(values)) vars.set(name, value);
  const trace: string[] = [];
  const result = runSnippet(parsed.value, vars, { trace: (t) => trace.push(t), ...env });
  return result.ok ? { ok: true, vars, trace } : { ok: false, error: result.error, vars, trace };
}

/**
 * The documented examples of the language reference's section 8, each with
 * its vendor page. `expect` lists variable values afterwards; `trace` the
 * TRACE lines; `error` a run-time error (the Snippet's Error branch).
 */
const documented: Array<{ n: number; url: string; code: string; given?: Record<string, Value>; expect?: Record<string, Value>; trace?: string[]; error?: string }> = [
  { n: 1, url: 'https://help.nicecxone.com/content/Studio/guide/statementsloops.htm', code: 'FOR i=1 TO 9 { ph = "{ph}{i}" }', expect: { ph: '123456789' } },
  { n: 3, url: 'https://help.nicecxone.com/zh-cn/content/studio/guide/statementsloops.htm', code: 'FOR i=1 TO 9 { a = "{a}{i}" }', expect: { a: '123456789' } },
  { n: 5, url: 'https://help.nicecxone.com/content/Studio/guide/statementsloops.htm', code: 'n = 0\nFOR i=5 TO 5 { n = n + 1 }', expect: { n: 1 } },
  { n: 6, url: 'https://help.nicecxone.com/content/Studio/guide/statementsloops.htm', code: 'FOR i=1 TO 9 { IF i = 4 { BREAK }\nph = "{ph}{i}" }', expect: { ph: '123' } },
  { n: 9, url: 'https://help.nicecxone.com/Content/studio/guide/statementsother.htm', code: 'FUNCTION Add(a, b) { RETURN a + b }\nASSIGN result = Add(2, 3)\nTRACE "{result}"', expect: { result: 5 }, trace: ['5'] },
  { n: 10, url: 'https://help.nicecxone.com/Content/studio/guide/statementsother.htm', code: 'ASSIGN items = "First|Second|Third"\nFOREACH item IN items { TRACE "{item}" }', trace: ['First', 'Second', 'Third'] },
  { n: 12, url: 'https://help.nicecxone.com/zh-cn/content/studio/guide/expressions.htm', code: 'ASSIGN c1 = 123 + 456', expect: { c1: 579 } },
  { n: 13, url: 'https://help.nicecxone.com/zh-cn/content/studio/guide/expressions.htm', code: 'ASSIGN c2 = "123 + 456"', expect: { c2: '123 + 456' } },
  { n: 14, url: 'https://help.nicecxone.com/zh-cn/content/studio/guide/expressions.htm', code: 'ASSIGN nextNum = "my string"\nASSIGN c3 = 123 + 456 + nextNum', expect: { c3: 579 } },
  { n: 15, url: 'https://help.nicecxone.com/zh-cn/content/studio/guide/expressions.htm', code: 'ASSIGN nextNum = 789\nASSIGN c3 = 123 + 456 + nextNum', expect: { c3: 1368 } },
  { n: 16, url: 'https://help.nicecxone.com/zh-cn/content/studio/guide/expressions.htm', code: 'ASSIGN c3 = 123 + 456 + notAVariable', expect: { c3: 579 } },
  { n: 17, url: 'https://help.staging.nice-incontact.com/content/studio/scripting/reference/variables.htm', code: 'a$ = 20\nb = 100\nx = a$ > b', expect: { x: 1 } },
  { n: 18, url: 'https://help.staging.nice-incontact.com/content/studio/scripting/reference/variables.htm', code: 'a = 20\nb = 100\nx = a > b', expect: { x: 0 } },
  { n: 19, url: 'https://help.nicecxone.com/zh-cn/content/studio/guide/variables.htm', code: 'var2 = 50\nASSIGN myVar = var2 > 42', expect: { myVar: 1 } },
  { n: 20, url: 'https://help.nicecxone.com/zh-cn/content/studio/guide/variables.htm', code: 'ASSIGN myVar = "var2 > 42"', expect: { myVar: 'var2 > 42' } },
  { n: 21, url: 'https://help.nicecxone.com/zh-cn/content/studio/guide/variables.htm', code: 'ASSIGN life = "forty-two"\nASSIGN myVar = "the meaning of life is {life}"', expect: { myVar: 'the meaning of life is forty-two' } },
  { n: 22, url: 'https://help.nicecxone.com/zh-cn/content/studio/guide/statementsdeclaration.htm', code: 'ASSIGN x = 1\nASSIGN y = x', expect: { y: 1 } },
  { n: 23, url: 'https://help.nicecxone.com/zh-cn/content/studio/guide/statementsdeclaration.htm', code: 'ASSIGN var1 = z\nt = "[{var1}]"', expect: { var1: '', t: '[]' } },
  { n: 24, url: 'https://help.nicecxone.com/zh-cn/content/studio/guide/statementsdeclaration.htm', code: 'oneName = "Odin"', expect: { oneName: 'Odin' } },
  { n: 26, url: 'https://help.nicecxone.com/zh-cn/content/studio/guide/arrays.htm', code: 'ASSIGN heroes[1] = "Beowulf"\nASSIGN heroes[2] = "Sir Gawain"\nh1 = heroes[1]\nh2 = "{heroes[2]}"', expect: { heroes: 'Beowulf|Sir Gawain', h1: 'Beowulf', h2: 'Sir Gawain' } },
  {
    n: 28,
    url: 'https://help.nicecxone.com/content/Studio/guide/statementsloops.htm',
    code: 'Names = "Wes|Nate|Dan|Clay"\nPeopleCount = Names.size\nDYNAMIC Persons\nFOR i = 1 TO PeopleCount {\n  ASSIGN Persons[i].Name = "{Names[i]}"\n}\np2 = Persons[2].Name\np4 = "{Persons[4].Name}"',
    expect: { PeopleCount: 4, p2: 'Nate', p4: 'Clay' },
  },
  { n: 30, url: 'https://help.nicecxone.com/zh-cn/content/studio/guide/dynamicdataobjects.htm', code: 'DYNAMIC o\no.name = "Beowulf"\nt = "{o.name}"', expect: { t: 'Beowulf' } },
  { n: 31, url: 'https://help.nicecxone.com/zh-cn/content/studio/guide/dynamicdataobjects.htm', code: 'DYNAMIC beowulfCharacteristics\nbeowulfCharacteristics.files.file = "x"\nASSIGN fileContent = "{beowulfcharacteristics.Files.file}"', expect: { fileContent: '' } },
  { n: 32, url: 'https://help.nicecxone.com/zh-cn/content/studio/codesnippets/virtualagenthub/custompayloadsnippet.htm', code: 'DYNAMIC customPayload\ncustomPayload.placeholder=""\nj = "{customPayload.asJSON()}"', expect: { j: '{"placeholder":""}' } },
  { n: 33, url: 'https://help.nicecxone.com/zh-hk/content/studio/codesnippets/agentassisthub/scriptparameterssnippet.htm', code: 'DYNAMIC customParam\nASSIGN customParamjson = "{customParam.asJSON()}"', expect: { customParamjson: '{}' } },
  {
    n: 34,
    url: 'https://help.nicecxone.com/zh-cn/content/studio/codesnippets/virtualagenthub/custompayloadsnippet.htm',
    code: 'DYNAMIC customPayload\nASSIGN customPayload.context.parameters.name="Fenrir"\nASSIGN customPayload.context.lifespan=1\nj = "{customPayload.asjson()}"',
    expect: { j: '{"context":{"parameters":{"name":"Fenrir"},"lifespan":"1"}}' },
  },
  { n: 35, url: 'https://help.nicecxone.com/zh-cn/content/studio/guide/statementsdecision.htm', code: 'customerName = "XYZ International"\nIF customerName = "ABC Corporation" {\n  ASSIGN contractLevel = "Gold"\n}\nELSE {\n  ASSIGN contractLevel = "Silver"\n}', expect: { contractLevel: 'Silver' } },
  { n: 36, url: 'https://help.nicecxone.com/zh-cn/content/studio/guide/statementsdecision.htm', code: 'x = 2\nIF x=1 {TRACE "one" } IF x=2 {TRACE "two" }', trace: ['two'] },
  { n: 44, url: 'https://help.nicecxone.com/zh-hk/content/studio/guide/statementsdecision.htm', code: 'x = 7 % 3\ny = 7 \\ 2\nz = 2 ^ 3', expect: { x: 1, y: 3, z: 8 } },
  { n: 46, url: 'https://help.nicecxone.com/zh-cn/content/studio/guide/functions.htm', code: 'ASSIGN abVal = abs(-42)', expect: { abVal: 42 } },
  { n: 47, url: 'https://help.nicecxone.com/zh-cn/content/studio/guide/functions.htm', code: 'FUNCTION f(a, b) { RETURN a }\nx = f(1)', error: 'f() takes 2 arguments, not 1' },
  { n: 49, url: 'https://help.nicecxone.com/zh-cn/content/studio/guide/variables.htm', code: 'ASSIGN var = #"02/09/2023"\nASSIGN var2 = "02/09/2023"', expect: { var: '2/9/2023 12:00:00 AM', var2: '02/09/2023' } },
  { n: 50, url: 'https://help.nicecxone.com/zh-cn/content/studio/guide/datetimenumberformats.htm', code: 'd = #"4/22/2023"\nt = d.datefmt("ddd MMM dd yyyy")', expect: { t: 'Sat Apr 22 2023' } },
  { n: 51, url: 'https://help.nicecxone.com/zh-cn/content/studio/guide/datetimenumberformats.htm', code: 't = datefmt(#"6/15/2023", "dddd, MMMM dd yyyy")', expect: { t: 'Thursday, June 15 2023' } },
  { n: 52, url: 'https://help.nicecxone.com/zh-cn/content/studio/guide/datetimenumberformats.htm', code: 't = datefmt(#"4/4/2022 4:29:12", "MM/dd/yyyy hh:mm:ss tt")', expect: { t: '04/04/2022 04:29:12 AM' } },
  { n: 53, url: 'https://help.nicecxone.com/zh-cn/content/studio/guide/datetimenumberformats.htm', code: 'd = #"4/4/2022 4:29:12"\nalone = datefmt(d, "m")\nminutes = datefmt(d, "%m")', expect: { alone: 'm', minutes: '29' } },
  { n: 54, url: 'https://help.nicecxone.com/zh-cn/content/studio/guide/functionsbuiltin.htm', code: 't = asdate(1.25)', expect: { t: '12/31/1899 6:00:00 AM' } },
  { n: 55, url: 'https://help.nicecxone.com/zh-cn/content/studio/guide/functionsbuiltin.htm', code: 'a = asdatedow("4/23/2023")\nb = dow("4/23/2023")', expect: { a: 0, b: 0 } },
  { n: 56, url: 'https://help.nicecxone.com/content/Studio/guide/statementsloops.htm', code: 'n = 0\nWHILE 1 { n = n + 1 }', error: loopTimeMessage },
  { n: 58, url: 'https://help.nicecxone.com/content/studio/guide/statements.htm', code: 'x = 1\ny = undefinedFn()\nz = 2', expect: { x: 1 }, error: 'Unknown function "undefinedFn"' },
  { n: 59, url: 'https://help.nicecxone.com/content/studio/actionscx/runsub/runsub.htm', code: 'ASSIGN global:varName = "v"', expect: { varName: 'v' } },
  { n: 60, url: 'https://help.staging.nice-incontact.com/content/studio/scripting/reference/userfunctions.htm', code: 'FUNCTION generateskill(a) { skill = random(a) }\ngenerateskill(100)\nok = skill >= 0 & skill < 100', expect: { ok: 1 } },
  { n: 61, url: 'https://help.nicecxone.com/zh-cn/content/studio/guide/statementsdecision.htm', code: 'TEST = 1\nIF TEST = 1 { ASSIGN customerName = "XYZ International" }', expect: { customerName: 'XYZ International' } },
  { n: 62, url: 'https://help.nicecxone.com/zh-cn/content/studio/guide/expressions.htm', code: 'Z = "abc"\nvar1 = "abc"\nr = Z = "{var1}"', expect: { r: 1 } },
  {
    n: 63,
    url: 'https://help.nicecxone.com/content/studio/guide/statements.htm',
    code: 'ASSIGN Names="Odin|Freya|Thor|Loki" ASSIGN SubCounter=1 FOREACH Name IN Names { IF Name = "Odin" | Name = "Freya" { ASSIGN NewNames[SubCounter]= "{Name}" ASSIGN SubCounter=SubCounter + 1 } }',
    expect: { NewNames: 'Odin|Freya', SubCounter: 3 },
  },
  { n: 64, url: 'https://help.staging.nice-incontact.com/content/studio/scripting/reference/userfunctions.htm', code: 'FUNCTION MyAppend(a, b) { RETURN "{a}{b}" }\nph = "x"\nFOR i = 1 TO 3 { ph = "{ph.MyAppend(i)}" }', expect: { ph: 'x123' } },
];

describe('the documented examples (language reference, section 8)', () => {
  it.each(documented.map((d) => [d.n, d.url, d] as const))('#%i %s', (_n, _url, example) => {
    const ran = snippet(example.code, example.given);
    if (example.error) {
      expect(ran.ok).toBe(false);
      expect(ran.error).toContain(example.error);
    } else {
      expect(ran.error).toBeUndefined();
    }
    for (const [name, value] of Object.entries(example.expect ?? {})) expect(ran.vars.get(name) ?? '', name).toEqual(value);
    if (example.trace) expect(ran.trace).toEqual(example.trace);
  });

  it('#58: the statements after the error do not run', () => {
    const ran = snippet('x = 1\ny = undefinedFn()\nz = 2');
    expect(ran.vars.get('z')).toBeUndefined();
  });

  // https://help.nicecxone.com/Content/studio/actionscx/if/if.htm: TOTAL=>0 reads "equal to or greater than".
  it('#37, #38: the If examples, including =>', () => {
    const holds = (source: string, TOTAL: number) => snippet(`r = ${source}`, { TOTAL }).vars.get('r');
    expect(holds('TOTAL>0', 3)).toBe(1);
    expect(holds('TOTAL>0', 0)).toBe(0);
    expect(holds('TOTAL=>0', 0)).toBe(1);
  });
});

describe('statements', () => {
  it('keywords are not case-sensitive', () => {
    expect(snippet('assign a = 1\nfor i = 1 to 2 { a = a + i }\nif a = 4 { trace "four" } else { trace "no" }').trace).toEqual(['four']);
  });

  it('FOR counts down when the end is below the start, inclusive', () => {
    expect(snippet('FOR i = 3 TO 1 { s = "{s}{i}" }').vars.get('s')).toBe('321');
  });

  it('FOR evaluates its bounds once', () => {
    expect(snippet('n = 3\nFOR i = 1 TO n { n = 10\nc = c + 1 }').vars.get('c')).toBe(3);
  });

  it('nested IF inside ELSE (there is no ELSEIF)', () => {
    const code = 'IF A > B {\n r = "gt"\n}\nELSE {\n IF A = B {\n  r = "eq"\n }\n ELSE {\n  r = "lt"\n }\n}';
    expect(snippet(code, { A: 1, B: 1 }).vars.get('r')).toBe('eq');
    expect(snippet(code, { A: 0, B: 1 }).vars.get('r')).toBe('lt');
    const elseif = parseSnippet('IF a { } ELSEIF b { }');
    expect(elseif.ok).toBe(false);
  });

  it('WHILE and REPEAT', () => {
    expect(snippet('i = 0\nWHILE i < 5 { i = i + 1 }').vars.get('i')).toBe(5);
    expect(snippet('REPEAT 4 { c = c + 1 }').vars.get('c')).toBe(4);
  });

  it('SWITCH compares with each CASE; consecutive CASEs share a block; DEFAULT otherwise', () => {
    const code = 'SWITCH lang {\n CASE "en"\n CASE "us" { r = "english" }\n CASE "fr" { r = "french" }\n DEFAULT { r = "other" }\n}';
    expect(snippet(code, { lang: 'us' }).vars.get('r')).toBe('english');
    expect(snippet(code, { lang: 'fr' }).vars.get('r')).toBe('french');
    expect(snippet(code, { lang: 'de' }).vars.get('r')).toBe('other');
  });

  it('SELECT runs the first CASE that is true', () => {
    const code = 'SELECT {\n CASE n > 10 { r = "big" }\n CASE n > 5 { r = "mid" }\n DEFAULT { r = "small" }\n}';
    expect(snippet(code, { n: 7 }).vars.get('r')).toBe('mid');
    expect(snippet(code, { n: 70 }).vars.get('r')).toBe('big');
  });

  it('BREAK inside a SWITCH leaves the loop around it', () => {
    expect(snippet('FOR i = 1 TO 9 { SWITCH i { CASE 3 { BREAK } }\nn = i }').vars.get('n')).toBe(2);
  });

  it('a function may be called before its declaration; parameters are the call\'s own', () => {
    const ran = snippet('r = twice(4)\nFUNCTION twice(a) { RETURN a * 2 }', { a: 'outer' });
    expect(ran.vars.get('r')).toBe(8);
    expect(ran.vars.get('a')).toBe('outer');
  });

  it('runaway recursion is an error, not a crash', () => {
    const ran = snippet('FUNCTION f(n) { RETURN f(n + 1) }\nx = f(1)');
    expect(ran.ok).toBe(false);
    expect(ran.error).toContain('nest deeper');
  });

  it('RETURN outside a function and BREAK outside a loop are errors', () => {
    expect(snippet('RETURN 1').error).toContain('RETURN');
    expect(snippet('BREAK').error).toContain('BREAK');
  });

  it('DYNAMIC x = JSON text reads the JSON into an object', () => {
    const ran = snippet('DYNAMIC o = "{{\\"a\\": {{\\"b\\": [1, 2]}}, \\"n\\": null}}"\nr = o.a.b[2]\nj = o.asJSON()');
    expect(ran.error).toBeUndefined();
    expect(ran.vars.get('r')).toBe(2);
    expect(ran.vars.get('j')).toBe('{"a":{"b":["1","2"]},"n":""}');
  });

  it('an array index above the vendor\'s maximum gives the vendor\'s message', () => {
    expect(snippet('a[63000001] = 1').error).toBe('Array index out of bounds. The current array index (63000001) exceeds the maximum allowed index (63000000)');
  });

  it('a string that grows past the limit is an error', () => {
    expect(snippet('s = "x"\nFOR i = 1 TO 40 { s = "{s}{s}" }', {}, { maxChars: 10_000 }).error).toContain('over the limit');
  });

  it('"__type" cannot name a member', () => {
    expect(snippet('DYNAMIC o\no.__type = 1').error).toContain('reserved');
  });

  it('objects from outside are copied before a change, never changed in place', () => {
    const shared = { a: 'x' };
    const ran = snippet('o.b = 1', { o: shared });
    expect(shared).toEqual({ a: 'x' });
    expect(ran.vars.get('o')).toEqual({ a: 'x', b: 1 });
  });

  it('escapes in strings', () => {
    expect(snippet('s = "a\\"b\\{c}\\td"').vars.get('s')).toBe('a"b{c}\td');
    expect(snippet('s = $"\\{ \\"id\\": \\"{n}\\" }"', { n: 7 }).vars.get('s')).toBe('{ "id": "7" }');
  });
});

describe('syntax errors carry positions and hints', () => {
  it.each([
    ['IF x = 1 TRACE "a"', 9, 'braces'],
    ['FOR i = 1 9 { }', 10, 'TO'],
    ['x = (1', 6, ')'],
    ['}', 0, 'closes no block'],
    ['x = "open', 4, 'never closed'],
    ['1 = x', 0, 'Only a variable'],
    ['x', 0, 'A statement cannot start'],
    ['IF x { ', 7, 'never closed'],
  ])('%j', (code, offset, message) => {
    const parsed = parseSnippet(code);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem.message).toContain(message);
    expect(parsed.problem.offset).toBe(offset);
    expect(parsed.problem.hint.length).toBeGreaterThan(5);
  });
});

describe('depth limits: never a stack overflow', () => {
  const tooDeep = (result: { ok: boolean; problem?: { code?: string; message: string } }) => {
    expect(result.ok).toBe(false);
    expect(result.problem?.code).toBe('expression-too-deep');
    expect(result.problem?.message).toContain(String(maxDepth));
  };
  it('1,000 nested parentheses', () => tooDeep(parseExpression(`${'('.repeat(1000)}1${')'.repeat(1000)}`) as never));
  it('20,000 unary - and !', () => {
    tooDeep(parseExpression(`${'-'.repeat(20_000)}1`) as never);
    tooDeep(parseExpression(`${'!'.repeat(20_000)}1`) as never);
  });
  it('8,000 not', () => tooDeep(parseExpression(`${'not '.repeat(8000)}1`) as never));
  it('a chain of 5,000 + and of 5,000 members', () => {
    tooDeep(parseExpression(Array.from({ length: 5000 }, (_, i) => `a${i}`).join(' + ')) as never);
    tooDeep(parseExpression(`a${'.b'.repeat(5000)}`) as never);
  });
  it('deep parentheses inside a substitution', () => {
    tooDeep(parseTemplate(`Hi {${'('.repeat(1000)}x${')'.repeat(1000)}}`) as never);
  });
  it('a substitution inside a string inside a substitution', () => {
    const parsed = parseTemplate('{f("{g(\'{x}\')}")}');
    expect(parsed.ok).toBe(true);
  });
  it('a long run of { is text or a clear error, never a crash', () => {
    expect(parseTemplate('{'.repeat(100_000)).ok).toBe(true);
    expect(parseTemplate('{'.repeat(99_999)).ok).toBe(false);
    expect(parseSnippet(`x = "${'{'.repeat(99_999)}"`).ok).toBe(false);
  });
  it('blocks nested 1,000 deep', () => tooDeep(parseSnippet(`${'IF 1 {\n'.repeat(1000)}${'}\n'.repeat(1000)}`) as never));
  it('the limit itself still parses', () => {
    expect(parseExpression(`${'('.repeat(maxDepth - 5)}1${')'.repeat(maxDepth - 5)}`).ok).toBe(true);
  });
});
