import { describe, expect, it } from 'vitest';
import { ifAction } from '../../src/actions/if.ts';
import { edges, path, runYaml } from '../helpers/run.ts';

const run = (actions: string, scenario = '') => runYaml(`name: IfTest\nactions:\n${actions}`, scenario);

/** Begin -> check (If) -> yes / no / other. */
const check = (expression: string, branches = 'True: yes, False: no') => `
  begin: { type: Begin, next: check }
  check: { type: If, properties: { Expression: '${expression}' }, branches: { ${branches} } }
  yes: { type: End }
  no: { type: End }
  other: { type: End }
`;

/** The branch the If took with these scenario variables. */
const branch = (expression: string, variables: string) => run(check(expression), `variables: ${variables}`).steps[1]?.branch;

describe('If', () => {
  it('follows True when the condition holds', () => {
    const report = run(check('Attempts >= 3'), 'variables: { Attempts: 3 }');
    expect(edges(report)).toEqual(['begin.Default', 'check.True']);
    expect(path(report)).toEqual(['begin', 'check', 'yes']);
    expect(report.steps[1]).toMatchObject({ at: 0, next: 'yes', notes: ['Attempts >= 3 is true'] });
  });

  it('follows False when it does not', () => {
    const report = run(check('Attempts >= 3'), 'variables: { Attempts: 2 }');
    expect(edges(report)).toEqual(['begin.Default', 'check.False']);
    expect(path(report)).toEqual(['begin', 'check', 'no']);
    expect(report.steps[1]?.notes).toEqual(['Attempts >= 3 is false']);
  });

  it('compares values that both look like numbers as numbers, even when they are text', () => {
    expect(branch('Amount > 9', '{ Amount: "10" }')).toBe('True');
    expect(branch('Amount = 10', '{ Amount: "010" }')).toBe('True');
    expect(branch('Amount = "10.0"', '{ Amount: 10 }')).toBe('True');
    expect(branch('Amount < 2.5', '{ Amount: " 2 " }')).toBe('True');
  });

  it('compares anything else as text, case-sensitively', () => {
    // "10a" is not a number, so it compares as text with "9", and "1" < "9".
    expect(branch('Code > "9"', '{ Code: "10a" }')).toBe('False');
    expect(branch('Code > "9"', '{ Code: "10" }')).toBe('True');
    // A name ending in $ always compares as text (https://help.staging.nice-incontact.com/content/studio/scripting/reference/variables.htm).
    expect(branch('Code$ > "9"', '{ Code$: "10" }')).toBe('False');
    expect(branch('Name < "Bob"', '{ Name: Alice }')).toBe('True');
    expect(branch('Tier = "gold"', '{ Tier: Gold }')).toBe('False');
    expect(branch('Tier = "gold"', '{ Tier: gold }')).toBe('True');
    expect(branch('Tier != "gold"', '{ Tier: silver }')).toBe('True');
  });

  it('reads an unset variable as empty text', () => {
    expect(branch('Missing = ""', '{}')).toBe('True');
    expect(branch('Missing', '{}')).toBe('False');
  });

  it('combines conditions with and, or and not', () => {
    expect(branch('Attempts >= 3 or Vip = "yes"', '{ Attempts: 1, Vip: "yes" }')).toBe('True');
    expect(branch('Attempts >= 3 and Vip = "yes"', '{ Attempts: 1, Vip: "yes" }')).toBe('False');
    expect(branch('not (Vip = "yes")', '{ Vip: "no" }')).toBe('True');
  });

  // https://help.nicecxone.com/Content/studio/actionscx/if/if.htm: branches True and False, no Default.
  it('has the vendor\'s two branches only; Default is a former name for the fix command', () => {
    expect(ifAction.branches.map((b) => b.name)).toEqual(['True', 'False']);
    expect(ifAction.formerBranches?.['Default']?.now).toBeUndefined();
    expect(ifAction.formerBranches?.['Default']?.hint).toContain('True or False');
  });

  // https://help.nicecxone.com/Content/studio/actionscx/if/if.htm: `TOTAL>0` and `TOTAL=>0` ("equal to or greater than").
  it('takes the vendor\'s examples TOTAL>0 and TOTAL=>0', () => {
    expect(branch('TOTAL>0', '{ TOTAL: 3 }')).toBe('True');
    expect(branch('TOTAL>0', '{ TOTAL: 0 }')).toBe('False');
    expect(branch('TOTAL=>0', '{ TOTAL: 0 }')).toBe('True');
  });

  // https://help.nicecxone.com/zh-hk/content/studio/guide/statementsdecision.htm: & is AND, | is OR.
  it('combines conditions with & and |, as a Snippet does', () => {
    expect(branch('Attempts >= 3 | Vip = "yes"', '{ Attempts: 1, Vip: "yes" }')).toBe('True');
    expect(branch('Attempts >= 3 & Vip = "yes"', '{ Attempts: 1, Vip: "yes" }')).toBe('False');
  });

  // https://help.nicecxone.com/zh-cn/content/studio/guide/expressions.htm: Z = "{var1}" compares with var1's value.
  it('substitutes {var} inside a quoted string of the expression', () => {
    expect(branch('Z = "{var1}"', '{ Z: abc, var1: abc }')).toBe('True');
    expect(branch('Z = "{var1}"', '{ Z: abc, var1: abd }')).toBe('False');
  });

  it('ends with NoBranch when neither the outcome nor Default is wired', () => {
    const report = run(check('Attempts >= 3', 'False: no'), 'variables: { Attempts: 5 }');
    expect(edges(report)).toEqual(['begin.Default']);
    expect(path(report)).toEqual(['begin', 'check']);
    expect(report.steps[1]).toMatchObject({ branch: null, outcome: 'True', next: null });
    expect(report.outcome).toBe('ended');
    expect(report.reason).toBe('NoBranch');
    expect(report.message).toBe('If "check" took True, which is not wired, and it has no Default branch, so the contact is stuck there until an event (the caller hanging up, an agent answering, a hold), and nothing is left in the scenario to raise one');
  });
});
