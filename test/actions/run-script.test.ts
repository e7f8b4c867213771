import { describe, expect, it } from 'vitest';
import { stepPlace } from '../../src/runtime/report.ts';
import { runFolder, scriptFolder } from '../helpers/script-folder.ts';

describe('RunScript', () => {
  it('hands over for good: the other script starts at its Begin with every variable and the ContactId intact, and never comes back', () => {
    const folder = scriptFolder({
      'main.yaml': `name: First
variables:
  Account: "42"
actions:
  begin: { type: Begin, next: set }
  set: { type: Assign, properties: { Variable: Reason, Value: billing }, next: over }
  over: { type: RunScript, properties: { ScriptName: more/Second } }
`,
      'more/Second.yaml': `name: Second
variables:
  Account: "overridden?"
  Extra: added
actions:
  begin: { type: Begin, next: use }
  use: { type: Assign, properties: { Variable: Summary, Value: "{Account} {Reason} {ContactId} {Extra}" }, next: bye }
  bye: { type: Hangup }
`,
    });
    const report = runFolder(folder, 'main.yaml');
    expect(report.steps.map(stepPlace)).toEqual(['begin', 'set', 'over', 'Second.yaml:begin', 'Second.yaml:use', 'Second.yaml:bye']);
    expect(report.steps[2]).toMatchObject({ type: 'RunScript', branch: null, next: null });
    expect(report.variables['Summary']).toBe(`42 billing ${report.contactId} added`);
    expect(report.reason).toBe('Hangup');
    expect(report.script).toBe('First');
  });

  it('after the hand-over the other script\'s OnRelease runs, not the first one\'s', () => {
    const folder = scriptFolder({
      'main.yaml': `name: First
actions:
  begin: { type: Begin, next: over }
  over: { type: RunScript, properties: { ScriptName: Second } }
  released: { type: OnRelease, next: first_note }
  first_note: { type: Assign, properties: { Variable: Where, Value: first } }
`,
      'Second.yaml': `name: Second
actions:
  begin: { type: Begin, next: pause }
  pause: { type: Wait, properties: { Seconds: 60 }, next: bye }
  bye: { type: Hangup }
  released: { type: OnRelease, next: second_note }
  second_note: { type: Assign, properties: { Variable: Where, Value: second } }
`,
    });
    const report = runFolder(folder, 'main.yaml', 'caller: { hangupAfter: 10 }');
    expect(report.variables['Where']).toBe('second');
    expect(report.steps.map(stepPlace).slice(-2)).toEqual(['Second.yaml:released', 'Second.yaml:second_note']);
  });

  it('inside a subscript, the script handed over to takes the subscript\'s place and its Return goes back to the Runsub', () => {
    const folder = scriptFolder({
      'main.yaml': 'name: Main\nactions:\n  begin: { type: Begin, next: call }\n  call: { type: Runsub, properties: { ScriptName: Sub, ReturnVariable: Got }, next: bye }\n  bye: { type: Hangup }\n',
      'Sub.yaml': 'name: Sub\nactions:\n  begin: { type: Begin, next: over }\n  over: { type: RunScript, properties: { ScriptName: Other } }\n  back: { type: Return }\n',
      'Other.yaml': 'name: Other\nvariables: { Value: from-other }\nactions:\n  begin: { type: Begin, next: back }\n  back: { type: Return, properties: { ReturnValue: Value } }\n',
    });
    const report = runFolder(folder, 'main.yaml');
    expect(report.steps.map(stepPlace)).toEqual(['begin', 'Sub.yaml:begin', 'Sub.yaml:over', 'Other.yaml:begin', 'Other.yaml:back', 'call', 'bye']);
    expect(report.variables['Got']).toBe('from-other');
  });
});
