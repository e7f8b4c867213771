import { describe, expect, it } from 'vitest';
import { validateScriptText } from '../../src/validate/index.ts';

function codes(actions: string, extra = ''): string[] {
  const result = validateScriptText(`name: T\n${extra}actions:\n${actions}`, 't.yaml');
  return result.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`);
}

describe('CustomEvent target check', () => {
  it('warns for an empty TargetAgent on a path from Begin', () => {
    expect(codes([
      '  begin: { type: Begin, next: ev }',
      '  ev: { type: CustomEvent, properties: { EventName: E }, next: bye }',
      '  bye: { type: Hangup }',
    ].join('\n'))).toEqual(['custom-event-no-target 4:28']);
  });

  it('is quiet when the event runs only after OnAnswer', () => {
    expect(codes([
      '  begin: { type: Begin, next: queue }',
      '  queue: { type: Reqagent, properties: { Skill: S }, next: hold }',
      '  hold: { type: Wait, properties: { Seconds: 30 }, next: hold }',
      '  answered: { type: OnAnswer, next: ev }',
      '  ev: { type: CustomEvent, properties: { EventName: E }, next: bye }',
      '  bye: { type: Hangup }',
    ].join('\n'))).toEqual([]);
  });

  it('warns when OnRelease can reach it (the caller may hang up before any answer)', () => {
    expect(codes([
      '  begin: { type: Begin, next: bye }',
      '  released: { type: OnRelease, next: ev }',
      '  ev: { type: CustomEvent, properties: { EventName: E } , next: done }',
      '  bye: { type: Hangup }',
      '  done: { type: End }',
    ].join('\n'))).toEqual(['custom-event-no-target 5:28']);
  });

  it('is quiet when TargetAgent is set, even from a variable', () => {
    expect(codes([
      '  begin: { type: Begin, next: ev }',
      '  ev: { type: CustomEvent, properties: { TargetAgent: "{Sup}", EventName: E }, next: bye }',
      '  bye: { type: Hangup }',
    ].join('\n'), 'variables: { Sup: "1001" }\n')).toEqual([]);
  });
});

describe('variables', () => {
  it('knows variables set by Assign, Capture, Loop, outputs and the script, in any case', () => {
    expect(codes([
      '  begin: { type: Begin, next: cap }',
      '  cap: { type: Capture, properties: { Variable: Account }, next: set }',
      '  set: { type: Assign, properties: { Variable: Total, Value: "{account + START}" }, next: loop }',
      '  loop: { type: Loop, properties: { Repeat: 2, CounterName: Round }, branches: { Repeat: say, Finished: bye } }',
      '  say: { type: Play, properties: { Sequence: "%{TOTAL} {round} {ani} {digitsentered}" }, next: loop }',
      '  bye: { type: Hangup }',
    ].join('\n'), 'variables: { Start: 1 }\n')).toEqual([]);
  });

  it('warns at the exact character of an unknown variable and suggests a close name', () => {
    const result = validateScriptText([
      'name: T',
      'variables: { SupervisorId: "1" }',
      'actions:',
      '  begin: { type: Begin, next: p }',
      '  p: { type: Play, properties: { Sequence: "hi {SupervisorID} {SupervisrId}" }, next: bye }',
      '  bye: { type: Hangup }',
    ].join('\n'), 't.yaml');
    expect(result.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['undefined-variable 5:64']);
    expect(result.diagnostics[0]?.message).toContain('did you mean "SupervisorId"?');
  });

  it('Case reads its Variable; If reads its expression', () => {
    expect(codes([
      '  begin: { type: Begin, next: c }',
      '  c: { type: Case, properties: { Variable: Lang }, branches: { en: i, Default: i } }',
      '  i: { type: If, properties: { Expression: "Vip = 1" }, branches: { "True": bye, "False": bye } }',
      '  bye: { type: Hangup }',
    ].join('\n'))).toEqual(['undefined-variable 4:44', 'undefined-variable 5:45']);
  });
});

describe('graph checks', () => {
  it('next and branches combine when they do not both name Default', () => {
    expect(codes([
      '  begin: { type: Begin, next: m }',
      '  m: { type: Menu, properties: { Sequence: x }, next: bye, branches: { "1": bye, "2": m } }',
      '  bye: { type: Hangup }',
    ].join('\n'))).toEqual([]);
  });

  it('Hangup and End may end a path; others are dead ends', () => {
    expect(codes([
      '  begin: { type: Begin, next: p }',
      '  p: { type: Play, properties: { Sequence: x } }',
    ].join('\n'))).toEqual(['dead-end 4:3']);
  });

  it('a broken branch does not cascade into unreachable warnings', () => {
    expect(codes([
      '  begin: { type: Begin, next: byee }',
      '  bye: { type: Hangup }',
    ].join('\n'))).toEqual(['unknown-branch-target 3:31']);
  });

  it('missing Begin is one error at the actions key', () => {
    expect(codes('  bye: { type: Hangup }\n')).toEqual(['missing-begin 2:1']);
  });
});
