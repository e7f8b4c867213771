import { describe, expect, it } from 'vitest';
import { validateScriptText } from '../../src/validate/index.ts';
import { edges, runYaml } from '../helpers/run.ts';

/** Begin -> code (Snippet) -> done / failed, with the code as a YAML block scalar. */
const script = (code: string, variables = '{ Count: 0 }') => `name: SnippetTest
variables: ${variables}
actions:
  begin: { type: Begin, next: code }
  code:
    type: Snippet
    properties:
      Data: |
${code.split('\n').map((line) => `        ${line}`).join('\n')}
    branches: { Default: done, Error: failed }
  done: { type: End }
  failed: { type: End }
`;

// https://help.nicecxone.com/zh-cn/content/studio/actionscx/snippet/snippet.htm
describe('Snippet', () => {
  it('runs its code against the script\'s variables and takes Default', () => {
    const report = runYaml(script('Count = Count + 1\nGreeting = "hi {ANI}"'), 'caller: { ani: "555" }');
    expect(edges(report)).toEqual(['begin.Default', 'code.Default']);
    expect(report.variables['Count']).toBe(1);
    expect(report.variables['Greeting']).toBe('hi 555');
  });

  it('notes each TRACE line and each variable it changed, before and after', () => {
    const report = runYaml(script('TRACE "start"\nCount = 5\nName = "x"'));
    expect(report.steps[1]?.notes).toEqual(['TRACE start', 'set Count: 0 -> 5', 'set Name: (unset) -> "x"']);
  });

  // https://help.nicecxone.com/content/studio/guide/statements.htm: an error ends the Snippet at once, with _ERR.
  it('a run-time error stops the code, sets _ERR and takes Error', () => {
    const report = runYaml(script('Count = 1\nx = 1 / 0\nCount = 2'));
    expect(edges(report)).toEqual(['begin.Default', 'code.Error']);
    expect(report.variables['Count']).toBe(1);
    expect(report.variables['_ERR']).toBe('Division by zero');
    expect(report.steps[1]?.notes?.[0]).toBe('Error at line 2: Division by zero');
  });

  it('with Error unwired, an error falls back to Default', () => {
    const report = runYaml(script('x = nope()').replace('branches: { Default: done, Error: failed }', 'branches: { Default: done }'));
    expect(report.steps[1]).toMatchObject({ outcome: 'Error', branch: 'Default' });
  });

  // https://help.nicecxone.com/content/Studio/guide/statementsloops.htm: "Too much time has elapsed".
  it('a loop that never ends takes Error with the vendor\'s message, deterministically', () => {
    const report = runYaml(script('WHILE 1 { Count = Count + 1 }'));
    expect(report.variables['_ERR']).toBe('Too much time has elapsed');
    expect(runYaml(script('WHILE 1 { Count = Count + 1 }')).variables['Count']).toBe(report.variables['Count']);
  });

  it('functions declared in one Snippet can be called by a later one', () => {
    const report = runYaml(`name: Two
actions:
  begin: { type: Begin, next: declare }
  declare: { type: Snippet, properties: { Data: "FUNCTION Twice(a) { RETURN a * 2 }" }, next: use }
  use: { type: Snippet, properties: { Data: "r = Twice(21)" }, next: done }
  done: { type: End }
`);
    expect(report.variables['r']).toBe(42);
  });

  it('random() repeats from run to run', () => {
    const code = 'r = random(1000000)';
    expect(runYaml(script(code)).variables['r']).toBe(runYaml(script(code)).variables['r']);
  });
});

describe('Snippet diagnostics', () => {
  const diagnostics = (text: string) => validateScriptText(text, 'test.yaml').diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`);

  it('a syntax error is reported at its line and column inside the block', () => {
    // Line 10 of the file is the code's second line; "TO" is missing before 9.
    expect(diagnostics(script('Count = 1\nFOR i = 1 9 { }'))).toEqual(['bad-snippet 10:19']);
  });

  it('too deep an expression gets expression-too-deep with the limit', () => {
    const result = validateScriptText(script(`x = ${'('.repeat(500)}1${')'.repeat(500)}`), 'test.yaml');
    expect(result.diagnostics[0]).toMatchObject({ code: 'expression-too-deep', line: 9 });
    expect(result.diagnostics[0]?.message).toContain('200');
  });

  it('variables the code sets count as set for the rest of the script; reads of unset ones warn', () => {
    const text = script('Total = Missing + 1').replace('done: { type: End }', 'done: { type: Play, properties: { Sequence: \'"%{Total}"\' }, next: end }\n  end: { type: End }');
    expect(diagnostics(text)).toEqual(['undefined-variable 9:17']);
  });

  it('lint: unknown functions, wrong argument counts, code after RETURN', () => {
    const text = script('FUNCTION f(a, b) {\n  RETURN a\n  x = 1\n}\ny = f(1)\nz = lenght("abc")\nw = left("abc")');
    expect(diagnostics(text).sort()).toEqual(['unknown-function 14:13', 'unreachable-code 11:11', 'wrong-argument-count 13:13', 'wrong-argument-count 15:13'].sort());
  });
});
