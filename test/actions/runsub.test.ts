import { describe, expect, it } from 'vitest';
import { maxSubscriptDepth } from '../../src/actions/runsub.ts';
import { stepPlace } from '../../src/runtime/report.ts';
import { runFolder, scriptFolder } from '../helpers/script-folder.ts';

const places = (report: { steps: Array<{ action: string; script?: string }> }) => report.steps.map(stepPlace);

/** A main script that calls subs/Check.yaml and hangs up. */
function main(runsub: string, extra = ''): string {
  return `name: Main
variables:
  Mine: main-only
actions:
  begin: { type: Begin, next: call }
  call:
    type: Runsub
    properties: ${runsub}
    next: bye
  bye: { type: Hangup }
${extra}`;
}

describe('Runsub and Return', () => {
  it('passes Parameters into the subscript\'s Begin as p1.. (renamed by its Begin) and stores ReturnValue in Return Variable', () => {
    const folder = scriptFolder({
      'main.yaml': main('{ ScriptName: subs/Check, ReturnVariable: Answer, Parameters: "{ANI}\\nsecond {Mine}" }'),
      'subs/Check.yaml': `name: Check
actions:
  begin: { type: Begin, properties: { Parameters: CallerAni }, next: build }
  build: { type: Assign, properties: { Variable: Result, Value: "{CallerAni}/{p2}" }, next: back }
  back: { type: Return, properties: { ReturnValue: Result } }
`,
    });
    const report = runFolder(folder, 'main.yaml', 'caller: { ani: "5551000" }');
    expect(places(report)).toEqual(['begin', 'Check.yaml:begin', 'Check.yaml:build', 'Check.yaml:back', 'call', 'bye']);
    expect(report.steps[1]).toMatchObject({ script: 'subs/Check.yaml', branch: 'Default' });
    expect(report.variables['Answer']).toBe('5551000/second main-only');
    expect(report.steps.find((s) => s.action === 'call')?.notes?.join(' ')).toContain('calls subs/Check.yaml with CallerAni = "5551000", p2 = "second main-only"');
  });

  it('keeps the subscript\'s own variables to itself: the caller\'s are not visible in it and its own vanish at Return, except global ones', () => {
    const folder = scriptFolder({
      'main.yaml': main('{ ScriptName: Scoped, ReturnVariable: Answer }', `  after: { type: Hangup }\n`).replace('next: bye', 'next: bye'),
      'Scoped.yaml': `name: Scoped
variables:
  Declared: sub-default
actions:
  begin: { type: Begin, next: work }
  work:
    type: Snippet
    properties:
      Data: |
        Seen = "[{Mine}]"
        Local = "gone"
        global:Kept = "stays"
    next: assign_global
  assign_global: { type: Assign, properties: { Variable: "Global:AlsoKept", Value: "{Seen}" }, next: back }
  back: { type: Return, properties: { ReturnValue: Seen } }
`,
    });
    const report = runFolder(folder, 'main.yaml');
    expect(report.variables['Answer']).toBe('[]');
    expect(report.variables['Kept']).toBe('stays');
    expect(report.variables['AlsoKept']).toBe('[]');
    expect(report.variables['Local']).toBeUndefined();
    expect(report.variables['Declared']).toBeUndefined();
    expect(report.variables['Seen']).toBeUndefined();
    expect(report.variables['Mine']).toBe('main-only');
  });

  it('a global: variable replaces the caller\'s variable of the same name', () => {
    const folder = scriptFolder({
      'main.yaml': main('{ ScriptName: Sets }'),
      'Sets.yaml': `name: Sets
actions:
  begin: { type: Begin, next: set }
  set: { type: Snippet, properties: { Data: "global:Mine = \\"from the subscript\\"" }, next: back }
  back: { type: Return }
`,
    });
    expect(runFolder(folder, 'main.yaml').variables['Mine']).toBe('from the subscript');
  });

  it('returns an array and a dynamic object whole', () => {
    const folder = scriptFolder({
      'main.yaml': main('{ ScriptName: Lookup, ReturnVariable: Customer }', '').replace('next: bye', 'next: use') + `  use: { type: Snippet, properties: { Data: "Name = Customer.name\\nFirst = Customer.tags[1]" }, next: bye }\n`,
      'Lookup.yaml': `name: Lookup
actions:
  begin: { type: Begin, next: build }
  build:
    type: Snippet
    properties:
      Data: |
        DYNAMIC Result
        Result.name = "Pat"
        Result.tags[1] = "gold"
    next: back
  back: { type: Return, properties: { ReturnValue: Result } }
`,
    });
    const report = runFolder(folder, 'main.yaml');
    expect(report.variables['Name']).toBe('Pat');
    expect(report.variables['First']).toBe('gold');
  });

  it('an empty Return Variable drops the value; an empty ReturnValue returns empty text', () => {
    const folder = scriptFolder({
      'main.yaml': main('{ ScriptName: Quiet, ReturnVariable: Answer }'),
      'Quiet.yaml': 'name: Quiet\nactions:\n  begin: { type: Begin, next: back }\n  back: { type: Return }\n',
    });
    const report = runFolder(folder, 'main.yaml');
    expect(report.variables['Answer']).toBe('');
    expect(report.reason).toBe('Hangup');
  });

  it('a subscript may call a subscript, each back to its own Runsub', () => {
    const folder = scriptFolder({
      'main.yaml': main('{ ScriptName: A, ReturnVariable: Answer }'),
      'A.yaml': 'name: A\nactions:\n  begin: { type: Begin, next: deeper }\n  deeper: { type: Runsub, properties: { ScriptName: sub/B, ReturnVariable: FromB }, next: back }\n  back: { type: Return, properties: { ReturnValue: FromB } }\n',
      'sub/B.yaml': 'name: B\nvariables: { Value: from-b }\nactions:\n  begin: { type: Begin, next: back }\n  back: { type: Return, properties: { ReturnValue: Value } }\n',
    });
    const report = runFolder(folder, 'main.yaml');
    expect(places(report)).toEqual(['begin', 'A.yaml:begin', 'B.yaml:begin', 'B.yaml:back', 'A.yaml:deeper', 'A.yaml:back', 'call', 'bye']);
    expect(report.variables['Answer']).toBe('from-b');
  });

  it('End in a subscript ends the script that called it too, and runs the caller\'s OnRelease', () => {
    const folder = scriptFolder({
      'main.yaml': main('{ ScriptName: Ends }', '  released: { type: OnRelease, next: note }\n  note: { type: Assign, properties: { Variable: Cleaned, Value: "yes" } }\n'),
      'Ends.yaml': 'name: Ends\nactions:\n  begin: { type: Begin, next: finish }\n  finish: { type: End }\n  back: { type: Return }\n',
    });
    const report = runFolder(folder, 'main.yaml');
    expect(places(report)).toEqual(['begin', 'Ends.yaml:begin', 'Ends.yaml:finish', 'call', 'released', 'note']);
    expect(report.steps.find((s) => s.action === 'finish')).toMatchObject({ next: 'released' });
    expect(report.steps.find((s) => s.action === 'call')).toMatchObject({ interruptedBy: 'OnRelease' });
    expect(report.reason).toBe('End');
    expect(report.variables['Cleaned']).toBe('yes');
  });

  it('End in a subscript with no OnRelease anywhere ends the contact', () => {
    const folder = scriptFolder({
      'main.yaml': main('{ ScriptName: Ends }'),
      'Ends.yaml': 'name: Ends\nactions:\n  begin: { type: Begin, next: finish }\n  finish: { type: End }\n  back: { type: Return }\n',
    });
    const report = runFolder(folder, 'main.yaml');
    expect(places(report)).toEqual(['begin', 'Ends.yaml:begin', 'Ends.yaml:finish']);
    expect(report.reason).toBe('End');
  });

  it('a caller hanging up during a subscript runs the OnRelease of the innermost script that has one, cutting the steps above short', () => {
    const waiting = 'name: Waits\nactions:\n  begin: { type: Begin, next: pause }\n  pause: { type: Wait, properties: { Seconds: 30 }, next: back }\n  back: { type: Return }\n';
    const withOwn = `${waiting}  gone: { type: OnRelease, next: sub_note }\n  sub_note: { type: Assign, properties: { Variable: Where, Value: subscript } }\n`;
    const mainRelease = '  released: { type: OnRelease, next: main_note }\n  main_note: { type: Assign, properties: { Variable: Where, Value: main } }\n';
    const own = runFolder(scriptFolder({ 'main.yaml': main('{ ScriptName: Waits }', mainRelease), 'Waits.yaml': withOwn }), 'main.yaml', 'caller: { hangupAfter: 5 }');
    expect(places(own)).toEqual(['begin', 'Waits.yaml:begin', 'Waits.yaml:pause', 'Waits.yaml:gone', 'Waits.yaml:sub_note']);
    expect(own.variables['Where']).toBe('subscript');
    const callers = runFolder(scriptFolder({ 'main.yaml': main('{ ScriptName: Waits }', mainRelease), 'Waits.yaml': waiting }), 'main.yaml', 'caller: { hangupAfter: 5 }');
    expect(places(callers)).toEqual(['begin', 'Waits.yaml:begin', 'Waits.yaml:pause', 'call', 'released', 'main_note']);
    expect(callers.steps[2]).toMatchObject({ interruptedBy: 'OnRelease', script: 'Waits.yaml' });
    expect(callers.steps[3]).toMatchObject({ interruptedBy: 'OnRelease' });
    expect(callers.reason).toBe('CallerHungUp');
    const none = runFolder(scriptFolder({ 'main.yaml': main('{ ScriptName: Waits }'), 'Waits.yaml': waiting }), 'main.yaml', 'caller: { hangupAfter: 5 }');
    expect(none.reason).toBe('CallerHungUp');
    expect(none.elapsedMs).toBe(5000);
  });

  it('keys and time go on in the subscript: a Capture there takes the caller\'s input', () => {
    const folder = scriptFolder({
      'main.yaml': main('{ ScriptName: Ask, ReturnVariable: Pin }'),
      'Ask.yaml': 'name: Ask\nactions:\n  begin: { type: Begin, next: ask }\n  ask: { type: Capture, properties: { Variable: Entered, MaxDigits: 4 }, next: back }\n  back: { type: Return, properties: { ReturnValue: Entered } }\n',
    });
    const report = runFolder(folder, 'main.yaml', 'caller: { input: [{ digits: "4321", after: 2 }] }');
    expect(report.variables['Pin']).toBe('4321');
    expect(report.steps.find((s) => s.action === 'call')?.at).toBe(2000);
  });

  it(`stops a script that calls itself without end at ${maxSubscriptDepth} subscripts deep, with CallDepth`, () => {
    const folder = scriptFolder({
      'main.yaml': 'name: Forever\nactions:\n  begin: { type: Begin, next: again }\n  again: { type: Runsub, properties: { ScriptName: main }, next: back }\n  back: { type: Return }\n',
    });
    const report = runFolder(folder, 'main.yaml');
    expect(report.outcome).toBe('failed');
    expect(report.reason).toBe('CallDepth');
    expect(report.message).toContain(`over the limit of ${maxSubscriptDepth}`);
    expect(report.steps.filter((s) => s.action === 'begin')).toHaveLength(maxSubscriptDepth);
  });

  it('a Return in a script no Runsub called ends the script', () => {
    const folder = scriptFolder({ 'main.yaml': 'name: Alone\nactions:\n  begin: { type: Begin, next: back }\n  back: { type: Return }\n' });
    const report = runFolder(folder, 'main.yaml');
    expect(report.reason).toBe('End');
    expect(report.message).toContain('no Runsub called it');
    expect(report.steps.at(-1)).toMatchObject({ action: 'back', branch: null, next: null });
  });

  it('an agent answering while a subscript plays the hold music runs the caller\'s OnAnswer, abandoning the subscript', () => {
    const folder = scriptFolder({
      'main.yaml': `name: Main
actions:
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: hold }
  hold: { type: Runsub, properties: { ScriptName: Hold }, next: done }
  done: { type: Hangup }
  answered: { type: OnAnswer, next: stay }
  stay: { type: End }
`,
      'Hold.yaml': 'name: Hold\nactions:\n  begin: { type: Begin, next: music }\n  music: { type: Wait, properties: { Seconds: 30 }, next: music }\n  back: { type: Return }\n',
    });
    const report = runFolder(folder, 'main.yaml', 'agents: { "2002": { state: Available, skills: [Support], answerAfter: 45 } }');
    expect(report.steps.map(stepPlace)).toEqual(['begin', 'queue', 'Hold.yaml:begin', 'Hold.yaml:music', 'Hold.yaml:music', 'hold', 'answered', 'stay']);
    expect(report.steps[4]).toMatchObject({ interruptedBy: 'OnAnswer', script: 'Hold.yaml' });
    expect(report.steps[5]).toMatchObject({ action: 'hold', interruptedBy: 'OnAnswer' });
    expect(report.variables['AgentId']).toBe('2002');
  });

  it('a hold while a subscript runs after the answer runs the innermost OnHold; off hold the script waits for the next event', () => {
    const folder = scriptFolder({
      'main.yaml': `name: Main
actions:
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: music }
  music: { type: Wait, properties: { Seconds: 60 }, next: music }
  answered: { type: OnAnswer, next: work }
  work: { type: Runsub, properties: { ScriptName: Busy }, next: done }
  done: { type: End }
  held: { type: OnHold, next: hold_music }
  hold_music: { type: Wait, properties: { Seconds: 100 }, next: hold_music }
`,
      'Busy.yaml': 'name: Busy\nactions:\n  begin: { type: Begin, next: busy }\n  busy: { type: Wait, properties: { Seconds: 60 }, next: back }\n  back: { type: Return }\n',
    });
    const report = runFolder(folder, 'main.yaml', 'agents: { "2002": { state: Available, skills: [Support], answerAfter: 1, holds: [{ after: 5, for: 10 }], hangupAfter: 30 } }');
    expect(report.steps.map((s) => `${stepPlace(s)}${s.interruptedBy ? `/${s.interruptedBy}` : ''}`)).toEqual(['begin', 'queue', 'music/OnAnswer', 'answered', 'Busy.yaml:begin', 'Busy.yaml:busy/OnHold', 'work/OnHold', 'held', 'hold_music/OffHold']);
    expect(report.reason).toBe('AgentHungUp');
  });
});
