import { describe, expect, it } from 'vitest';
import { loadScriptText } from '../../src/api.ts';
import { edges, path, runYaml } from '../helpers/run.ts';

// https://help.incontact.com/Content/Studio/Actions/MENU/MENU.htm (Variable; the branch for the number pressed; an unlinked number takes Default)
// https://help.staging.nice-incontact.com/content/studio/actions/menu/menu.htm (Sequence, Phrase)
// https://help.nicecxone.com/Content/studio/actionscx/capture/capture.htm (MaxDigits, Terminator, Timeout, InterDigitTimeout, the digit buffer, shared with Menu)

/** Runs a script made of the given `actions:` block (indented two spaces). */
const run = (actions: string, scenario = '') => runYaml(`name: MenuTest\nactions:\n${actions}`, scenario);

const menu = (branches: string, properties = "Sequence: '\"%Press 1 for sales\"', Variable: Choice, Timeout: 5") => `
  begin: { type: Begin, next: m }
  m: { type: Menu, properties: { ${properties} }, branches: { ${branches} } }
  sales: { type: End }
  support: { type: End }
  retry: { type: End }
  other: { type: End }
`;

/** The diagnostics of a script with Begin -> c, where c is the given action. */
const diagnosticsOf = (action: string) => {
  const loaded = loadScriptText(`name: X\nactions:\n  begin: { type: Begin, next: c }\n  ${action}\n  done: { type: End }\n`, 't.yaml');
  return { ok: loaded.ok, diagnostics: loaded.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message })) };
};

describe('Menu', () => {
  it('takes the branch named after the key, when the key is pressed (1 s by default), and stores it in Variable', () => {
    const report = run(menu('"1": sales, "2": support, Default: retry'), 'caller: { input: ["1"] }');
    expect(edges(report)).toEqual(['begin.Default', 'm.1']);
    expect(path(report)).toEqual(['begin', 'm', 'sales']);
    expect(report.steps[1]).toMatchObject({ at: 1000, branch: '1', next: 'sales' });
    expect(report.steps[1]?.outcome).toBeUndefined();
    expect(report.steps[1]?.notes).toEqual(['plays "%Press 1 for sales"', 'entered 1: 1 key, MaxDigits', 'Choice = "1"']);
    expect(report.variables['Choice']).toBe('1');
    expect(report.elapsedMs).toBe(1000);
    expect(report.reason).toBe('End');
  });

  it('stores nothing when Variable is not given: there is no implicit DigitsEntered', () => {
    const report = run(menu('"1": sales, Default: retry', "Sequence: '\"%Press 1\"'"), 'caller: { input: ["1"] }');
    expect(edges(report)).toEqual(['begin.Default', 'm.1']);
    expect(report.variables['DigitsEntered']).toBeUndefined();
    expect(report.steps[1]?.notes).toEqual(['plays "%Press 1"', 'entered 1: 1 key, MaxDigits']);
  });

  it('takes the other value branches too, including * and #', () => {
    expect(path(run(menu('"1": sales, "2": support, Default: retry'), 'caller: { input: ["2"] }'))).toEqual(['begin', 'm', 'support']);
    const star = run(menu('"*": sales, "#": support, Default: retry'), 'caller: { input: ["#"] }');
    expect(edges(star)).toEqual(['begin.Default', 'm.#']);
    expect(star.variables['Choice']).toBe('#');
  });

  it('presses the key at the time the scenario gives', () => {
    const report = run(menu('"1": sales, Default: retry'), 'caller: { input: [{ digits: "1", after: 3.5 }] }');
    expect(edges(report)).toEqual(['begin.Default', 'm.1']);
    expect(report.steps[1]?.at).toBe(3500);
    expect(report.elapsedMs).toBe(3500);
  });

  it('takes one key by default (MaxDigits 1); the rest of the entry stays in the digit buffer', () => {
    const report = run(`
  begin: { type: Begin, next: m }
  m: { type: Menu, properties: { Variable: Choice }, branches: { "2": account, Default: other } }
  account: { type: Capture, properties: { Variable: Account, Timeout: 5 }, branches: { Default: done } }
  done: { type: End }
  other: { type: End }
`, 'caller: { input: ["21"] }');
    expect(edges(report)).toEqual(['begin.Default', 'm.2', 'account.Default']);
    expect(report.variables['Choice']).toBe('2');
    // The 1 pressed after the 2 was not taken by the Menu: the next Capture gets it at once.
    expect(report.variables['Account']).toBe('1');
    expect(report.steps[2]).toMatchObject({ at: 1000, outcome: 'MaxDigits' });
  });

  it('collects MaxDigits keys and takes the branch named after the whole entry', () => {
    const report = run(menu('"12": sales, Default: retry', 'Variable: Choice, MaxDigits: 2'), 'caller: { input: ["12"] }');
    expect(edges(report)).toEqual(['begin.Default', 'm.12']);
    expect(report.variables['Choice']).toBe('12');
  });

  it('ends the entry at the Terminator, stored in Variable and in the branch name', () => {
    const report = run(menu('"12#": sales, Default: retry', 'Variable: Choice, MaxDigits: 5, Terminator: "#"'), 'caller: { input: ["12#"] }');
    expect(edges(report)).toEqual(['begin.Default', 'm.12#']);
    expect(report.variables['Choice']).toBe('12#');
  });

  it('ends the entry at a Terminator written "#-" without storing it', () => {
    const report = run(menu('"12": sales, Default: retry', 'Variable: Choice, MaxDigits: 5, Terminator: "#-"'), 'caller: { input: ["12#"] }');
    expect(edges(report)).toEqual(['begin.Default', 'm.12']);
    expect(report.variables['Choice']).toBe('12');
  });

  it('ends the entry after InterDigitTimeout seconds without a next key', () => {
    const report = run(menu('"4": sales, Default: retry', 'Variable: Choice, MaxDigits: 3, InterDigitTimeout: 2'), 'caller: { input: ["4"] }');
    expect(edges(report)).toEqual(['begin.Default', 'm.4']);
    expect(report.steps[1]?.at).toBe(3000);
    expect(report.variables['Choice']).toBe('4');
  });

  it('takes Default for a key with no linked branch, and stores the key', () => {
    const report = run(menu('"1": sales, Default: other'), 'caller: { input: ["7"] }');
    expect(edges(report)).toEqual(['begin.Default', 'm.Default']);
    expect(path(report)).toEqual(['begin', 'm', 'other']);
    expect(report.steps[1]?.at).toBe(1000);
    expect(report.steps[1]?.notes).toEqual(['plays "%Press 1 for sales"', 'entered 7: 1 key, MaxDigits', 'the entry 7 has no linked branch', 'Choice = "7"']);
    expect(report.variables['Choice']).toBe('7');
  });

  it('takes Default after Timeout seconds of silence, with Variable empty', () => {
    const report = run(menu('"1": sales, Default: retry', "Sequence: '\"%Press 1\"', Variable: Choice, Timeout: 4"), 'caller: { input: [{ silence: true }] }');
    expect(edges(report)).toEqual(['begin.Default', 'm.Default']);
    expect(path(report)).toEqual(['begin', 'm', 'retry']);
    expect(report.steps[1]?.at).toBe(4000);
    expect(report.steps[1]?.notes).toEqual(['plays "%Press 1"', 'no key within 4 s', 'Choice = ""']);
    expect(report.variables['Choice']).toBe('');
    expect(report.elapsedMs).toBe(4000);
  });

  it('waits the default Timeout of 5 s when the caller has no input left', () => {
    const report = run(menu('"1": sales, Default: retry', "Sequence: '\"%Press 1\"'"));
    expect(edges(report)).toEqual(['begin.Default', 'm.Default']);
    expect(report.steps[1]?.at).toBe(5000);
  });

  it('reads Timeout from a variable', () => {
    const report = run(menu('"1": sales, Default: retry', 'Timeout: "{MenuSeconds}"'), 'variables: { MenuSeconds: 8 }');
    expect(edges(report)).toEqual(['begin.Default', 'm.Default']);
    expect(report.steps[1]?.at).toBe(8000);
  });

  it('takes Default at the timeout for a key pressed later, without storing the key', () => {
    const report = run(menu('"1": sales, Default: retry'), 'caller: { input: [{ digits: "1", after: 7 }] }');
    expect(edges(report)).toEqual(['begin.Default', 'm.Default']);
    expect(report.steps[1]?.at).toBe(5000);
    expect(report.variables['Choice']).toBe('');
  });

  it('treats a key exactly at the timeout as too late', () => {
    const report = run(menu('"1": sales, Default: retry'), 'caller: { input: [{ digits: "1", after: 5 }] }');
    expect(edges(report)).toEqual(['begin.Default', 'm.Default']);
    expect(report.steps[1]?.at).toBe(5000);
    expect(report.variables['Choice']).toBe('');
  });

  it('empties the digit buffer when it starts (ClearDigits true by default), so typed-ahead keys do not count', () => {
    const report = run(menu('"1": sales, "2": support, Default: retry'), 'caller: { input: [{ digits: "1", ahead: true }, "2"] }');
    // The typed-ahead 1 is cleared; the Menu's own entry is the next one, 2.
    expect(edges(report)).toEqual(['begin.Default', 'm.2']);
    expect(report.steps[1]?.notes).toContain('clears the digit buffer (1)');
    expect(report.variables['Choice']).toBe('2');
  });

  it('takes typed-ahead keys at once with ClearDigits false', () => {
    const report = run(menu('"1": sales, Default: retry', 'Variable: Choice, ClearDigits: false'), 'caller: { input: [{ digits: "1", ahead: true }] }');
    expect(edges(report)).toEqual(['begin.Default', 'm.1']);
    expect(report.steps[1]?.at).toBe(0);
    expect(report.variables['Choice']).toBe('1');
  });

  it('gives each visit of a Menu the next input entry', () => {
    const report = run(`
  begin: { type: Begin, next: m }
  m: { type: Menu, properties: { Timeout: 5, Variable: Choice }, branches: { "1": sales, Default: again } }
  again: { type: Loop, properties: { Repeat: 3 }, branches: { Repeat: m, Finished: other } }
  sales: { type: End }
  other: { type: End }
`, 'caller: { input: ["9", { silence: true }, { digits: "1", after: 2 }] }');
    expect(edges(report)).toEqual(['begin.Default', 'm.Default', 'again.Repeat', 'm.Default', 'again.Repeat', 'm.1']);
    expect(report.steps.map((s) => s.at)).toEqual([0, 1000, 1000, 6000, 6000, 8000, 8000]);
    expect(report.variables['Choice']).toBe('1');
  });

  // https://help.incontact.com/Content/Studio/Actions/MENU/MENU.htm: "If Default isn't connected, the contact could get stuck at Menu and be unable to proceed."
  it('leaves the contact stuck at the Menu when Default is not wired and the key has no branch', () => {
    const report = run(menu('"1": sales'), 'caller: { input: ["3"] }');
    expect(edges(report)).toEqual(['begin.Default']);
    expect(path(report)).toEqual(['begin', 'm']);
    expect(report.steps[1]).toMatchObject({ at: 1000, branch: null, next: null });
    expect(report.outcome).toBe('ended');
    expect(report.reason).toBe('NoBranch');
    expect(report.message).toBe('Menu "m" has no Default branch, so the contact is stuck there until an event (the caller hanging up, an agent answering, a hold), and nothing is left in the scenario to raise one');
    expect(report.elapsedMs).toBe(1000);

    const silent = run(menu('"1": sales'));
    expect(silent.steps[1]).toMatchObject({ at: 5000, branch: null });
    expect(silent.reason).toBe('NoBranch');
  });

  // https://help.nicecxone.com/content/studio/actionscx/onrelease/onrelease.htm: a hang-up runs OnRelease, which goes on until no action is left.
  it('a contact stuck at the Menu stays on the line until the caller hangs up, and OnRelease still runs', () => {
    const report = run(`
  begin: { type: Begin, next: m }
  m: { type: Menu, properties: { Sequence: '"%Press 1"', Timeout: 5 }, branches: { "1": sales } }
  sales: { type: End }
  released: { type: OnRelease, next: note_end }
  note_end: { type: Assign, properties: { Variable: Ended, Value: "yes" } }
`, 'caller: { input: ["3"], hangupAfter: 40 }');
    expect(path(report)).toEqual(['begin', 'm', 'released', 'note_end']);
    expect(report.steps[1]).toMatchObject({ at: 1000, branch: null, next: null });
    expect(report.steps[1]?.notes?.at(-1)).toBe('no branch to take: the contact is stuck here until an event (the Menu page says such a contact "could get stuck"; the caller hanging up still runs OnRelease)');
    expect(report.steps[2]).toMatchObject({ at: 40000, action: 'released' });
    expect(report.reason).toBe('CallerHungUp');
    expect(report.variables['Ended']).toBe('yes');
    expect(report.elapsedMs).toBe(40000);
  });

  it('in the OnRelease logic, an action with no branch to take ends the script there', () => {
    const report = run(`
  begin: { type: Begin, next: hang_up }
  hang_up: { type: Hangup }
  released: { type: OnRelease, next: last }
  last: { type: Assign, properties: { Variable: Done, Value: "yes" } }
`);
    expect(path(report)).toEqual(['begin', 'hang_up', 'released', 'last']);
    expect(report.reason).toBe('Hangup');
    expect(report.steps[3]?.notes ?? []).not.toContainEqual(expect.stringMatching(/stuck/));
  });

  it('plays again when Default leads back to the same Menu', () => {
    const report = run(`
  begin: { type: Begin, next: main_menu }
  main_menu: { type: Menu, properties: { Timeout: 5 }, branches: { "1": sales, Default: main_menu } }
  sales: { type: End }
`, 'caller: { input: [{ silence: true }, "9", "1"] }');
    expect(edges(report)).toEqual(['begin.Default', 'main_menu.Default', 'main_menu.Default', 'main_menu.1']);
    expect(report.steps.map((s) => s.at)).toEqual([0, 5000, 6000, 7000, 7000]);
    expect(report.reason).toBe('End');
  });

  it('has no OnTimeout or OnInvalid branch: each is refused with a rename to Default', () => {
    const result = diagnosticsOf('c: { type: Menu, branches: { Default: done, OnTimeout: done, OnInvalid: done } }');
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([
      { code: 'former-name', severity: 'error', message: 'Menu "c": branch "OnTimeout" is now "Default", the name CXone uses' },
      { code: 'former-name', severity: 'error', message: 'Menu "c": branch "OnInvalid" is now "Default", the name CXone uses' },
    ]);
  });

  it('warns when Default is not wired, since silence would leave the contact stuck', () => {
    const result = diagnosticsOf('c: { type: Menu, branches: { "1": done } }');
    expect(result.ok).toBe(true);
    expect(result.diagnostics).toEqual([{ code: 'menu-unhandled-input', severity: 'warning', message: 'Menu "c" has no Default branch, so silence or a key without a branch leaves the contact stuck at the Menu' }]);
  });
});
