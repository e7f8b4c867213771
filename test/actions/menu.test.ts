import { describe, expect, it } from 'vitest';
import { edges, path, runYaml } from '../helpers/run.ts';

/** Runs a script made of the given `actions:` block (indented two spaces). */
const run = (actions: string, scenario = '') => runYaml(`name: MenuTest\nactions:\n${actions}`, scenario);

const menu = (branches: string, properties = "Sequence: '\"%Press 1 for sales\"', Timeout: 5") => `
  begin: { type: Begin, next: m }
  m: { type: Menu, properties: { ${properties} }, branches: { ${branches} } }
  sales: { type: End }
  support: { type: End }
  retry: { type: End }
  other: { type: End }
`;

describe('Menu', () => {
  it('takes the branch named after the key, when the key is pressed (1 s by default), and stores it in DigitsEntered', () => {
    const report = run(menu('"1": sales, "2": support, OnTimeout: retry, OnInvalid: retry'), 'caller: { input: ["1"] }');
    expect(edges(report)).toEqual(['begin.Default', 'm.1']);
    expect(path(report)).toEqual(['begin', 'm', 'sales']);
    expect(report.steps[1]).toMatchObject({ at: 1000, branch: '1', next: 'sales' });
    expect(report.steps[1]?.outcome).toBeUndefined();
    expect(report.steps[1]?.notes).toEqual(['plays "%Press 1 for sales"', 'pressed 1']);
    expect(report.variables['DigitsEntered']).toBe('1');
    expect(report.elapsedMs).toBe(1000);
    expect(report.reason).toBe('End');
  });

  it('takes the other value branches too, including * and #', () => {
    expect(path(run(menu('"1": sales, "2": support, OnTimeout: retry, OnInvalid: retry'), 'caller: { input: ["2"] }'))).toEqual(['begin', 'm', 'support']);
    const star = run(menu('"*": sales, "#": support, OnTimeout: retry, OnInvalid: retry'), 'caller: { input: ["#"] }');
    expect(edges(star)).toEqual(['begin.Default', 'm.#']);
    expect(star.variables['DigitsEntered']).toBe('#');
  });

  it('presses the key at the time the scenario gives', () => {
    const report = run(menu('"1": sales, OnTimeout: retry, OnInvalid: retry'), 'caller: { input: [{ digits: "1", after: 3.5 }] }');
    expect(edges(report)).toEqual(['begin.Default', 'm.1']);
    expect(report.steps[1]?.at).toBe(3500);
    expect(report.elapsedMs).toBe(3500);
  });

  it('uses only the first key of an entry', () => {
    const report = run(menu('"1": sales, "2": support, OnTimeout: retry, OnInvalid: retry'), 'caller: { input: ["21"] }');
    expect(path(report)).toEqual(['begin', 'm', 'support']);
    expect(report.variables['DigitsEntered']).toBe('2');
  });

  it('takes OnInvalid for a key with no branch of its own, and still stores the key', () => {
    const report = run(menu('"1": sales, OnTimeout: retry, OnInvalid: other'), 'caller: { input: ["7"] }');
    expect(edges(report)).toEqual(['begin.Default', 'm.OnInvalid']);
    expect(path(report)).toEqual(['begin', 'm', 'other']);
    expect(report.steps[1]?.at).toBe(1000);
    expect(report.steps[1]?.notes).toEqual(['plays "%Press 1 for sales"', 'pressed 7, which has no branch of its own (chosen rule: no key is OnTimeout, a key without a branch is OnInvalid)']);
    expect(report.variables['DigitsEntered']).toBe('7');
  });

  it('takes OnTimeout after Timeout seconds of silence, leaving DigitsEntered unset', () => {
    const report = run(menu('"1": sales, OnTimeout: retry, OnInvalid: other', "Sequence: '\"%Press 1\"', Timeout: 4"), 'caller: { input: [{ silence: true }] }');
    expect(edges(report)).toEqual(['begin.Default', 'm.OnTimeout']);
    expect(path(report)).toEqual(['begin', 'm', 'retry']);
    expect(report.steps[1]?.at).toBe(4000);
    expect(report.steps[1]?.notes).toEqual(['plays "%Press 1"', 'no key within 4 s (chosen rule: no key is OnTimeout, a key without a branch is OnInvalid)']);
    expect(report.variables['DigitsEntered']).toBeUndefined();
    expect(report.elapsedMs).toBe(4000);
  });

  it('waits the default 5 s when the caller has no input left', () => {
    const report = run(menu('"1": sales, OnTimeout: retry, OnInvalid: other', "Sequence: '\"%Press 1\"'"));
    expect(edges(report)).toEqual(['begin.Default', 'm.OnTimeout']);
    expect(report.steps[1]?.at).toBe(5000);
  });

  it('reads Timeout from a variable', () => {
    const report = run(menu('"1": sales, OnTimeout: retry, OnInvalid: other', 'Timeout: "{MenuSeconds}"'), 'variables: { MenuSeconds: 8 }');
    expect(edges(report)).toEqual(['begin.Default', 'm.OnTimeout']);
    expect(report.steps[1]?.at).toBe(8000);
  });

  it('takes OnTimeout for a key pressed after the timeout, at the timeout, without storing the key', () => {
    const report = run(menu('"1": sales, OnTimeout: retry, OnInvalid: other'), 'caller: { input: [{ digits: "1", after: 7 }] }');
    expect(edges(report)).toEqual(['begin.Default', 'm.OnTimeout']);
    expect(path(report)).toEqual(['begin', 'm', 'retry']);
    expect(report.steps[1]?.at).toBe(5000);
    expect(report.steps[1]?.notes).toEqual(['plays "%Press 1 for sales"', 'the key comes after 7 s, later than the 5 s timeout (chosen rule: no key is OnTimeout, a key without a branch is OnInvalid)']);
    expect(report.variables['DigitsEntered']).toBeUndefined();
  });

  it('treats a key exactly at the timeout as too late', () => {
    const report = run(menu('"1": sales, OnTimeout: retry, OnInvalid: other'), 'caller: { input: [{ digits: "1", after: 5 }] }');
    expect(edges(report)).toEqual(['begin.Default', 'm.OnTimeout']);
    expect(report.steps[1]?.at).toBe(5000);
  });

  it('gives each visit of a Menu the next input entry', () => {
    const report = run(`
  begin: { type: Begin, next: m }
  m: { type: Menu, properties: { Timeout: 5 }, branches: { "1": sales, OnTimeout: again, OnInvalid: again } }
  again: { type: Loop, properties: { Repeat: 3 }, branches: { Repeat: m, Finished: other } }
  sales: { type: End }
  other: { type: End }
`, 'caller: { input: ["9", { silence: true }, { digits: "1", after: 2 }] }');
    expect(edges(report)).toEqual(['begin.Default', 'm.OnInvalid', 'again.Repeat', 'm.OnTimeout', 'again.Repeat', 'm.1']);
    expect(report.steps.map((s) => s.at)).toEqual([0, 1000, 1000, 6000, 6000, 8000, 8000]);
    expect(report.variables['DigitsEntered']).toBe('1');
  });

  it('falls back to Default for an unwired OnInvalid, recording the outcome', () => {
    const report = run(menu('"1": sales, OnTimeout: retry, Default: other'), 'caller: { input: ["4"] }');
    expect(edges(report)).toEqual(['begin.Default', 'm.Default']);
    expect(path(report)).toEqual(['begin', 'm', 'other']);
    expect(report.steps[1]).toMatchObject({ at: 1000, branch: 'Default', outcome: 'OnInvalid', next: 'other' });
    expect(report.variables['DigitsEntered']).toBe('4');
  });

  it('falls back to Default for an unwired OnTimeout, recording the outcome', () => {
    const report = run(menu('"1": sales, OnInvalid: retry, Default: other'));
    expect(edges(report)).toEqual(['begin.Default', 'm.Default']);
    expect(report.steps[1]).toMatchObject({ at: 5000, branch: 'Default', outcome: 'OnTimeout', next: 'other' });
  });

  it('ends the contact with NoBranch when neither the outcome nor Default is wired', () => {
    const report = run(menu('"1": sales'), 'caller: { input: ["3"] }');
    expect(edges(report)).toEqual(['begin.Default']);
    expect(path(report)).toEqual(['begin', 'm']);
    expect(report.steps[1]).toMatchObject({ at: 1000, branch: null, outcome: 'OnInvalid', next: null });
    expect(report.outcome).toBe('ended');
    expect(report.reason).toBe('NoBranch');
    expect(report.message).toBe('Menu "m" took OnInvalid, which is not wired, and it has no Default branch, so the script stops there');
    expect(report.elapsedMs).toBe(1000);

    const silent = run(menu('"1": sales'));
    expect(silent.steps[1]).toMatchObject({ at: 5000, branch: null, outcome: 'OnTimeout' });
    expect(silent.reason).toBe('NoBranch');
  });

  // The README's own Menu example wires OnTimeout and OnInvalid back to the menu itself.
  it('plays again when OnTimeout and OnInvalid lead back to the same Menu', () => {
    const report = run(`
  begin: { type: Begin, next: main_menu }
  main_menu: { type: Menu, properties: { Timeout: 5 }, branches: { "1": sales, OnTimeout: main_menu, OnInvalid: main_menu } }
  sales: { type: End }
`, 'caller: { input: [{ silence: true }, "9", "1"] }');
    expect(edges(report)).toEqual(['begin.Default', 'main_menu.OnTimeout', 'main_menu.OnInvalid', 'main_menu.1']);
    expect(report.steps.map((s) => s.at)).toEqual([0, 5000, 6000, 7000, 7000]);
    expect(report.reason).toBe('End');
    expect(report.outcome).toBe('ended');
  });
});
