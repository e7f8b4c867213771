import { describe, expect, it } from 'vitest';
import { edges, path, runYaml } from '../helpers/run.ts';

const run = (actions: string, scenario = '') => runYaml(`name: CaseTest\nactions:\n${actions}`, scenario);

/** Begin -> pick (Case on Language) -> english / french / fallback. */
const byLanguage = (branches = 'en: english, fr: french, Default: fallback') => `
  begin: { type: Begin, next: pick }
  pick: { type: Case, properties: { Variable: Language }, branches: { ${branches} } }
  english: { type: End }
  french: { type: End }
  fallback: { type: End }
`;

describe('Case', () => {
  it('follows the value branch named after the variable\'s value', () => {
    const report = run(byLanguage(), 'variables: { Language: fr }');
    expect(edges(report)).toEqual(['begin.Default', 'pick.fr']);
    expect(path(report)).toEqual(['begin', 'pick', 'french']);
    expect(report.steps[1]).toMatchObject({ at: 0, branch: 'fr', next: 'french', notes: ['Language is "fr"'] });
    expect(report.steps[1]?.outcome).toBeUndefined();
  });

  it('follows Default when no value branch matches', () => {
    const report = run(byLanguage(), 'variables: { Language: de }');
    expect(edges(report)).toEqual(['begin.Default', 'pick.Default']);
    expect(path(report)).toEqual(['begin', 'pick', 'fallback']);
    expect(report.steps[1]?.notes).toEqual(['Language is "de", which has no branch of its own']);
  });

  it('matches exact text, so case matters', () => {
    expect(path(run(byLanguage(), 'variables: { Language: FR }'))).toEqual(['begin', 'pick', 'fallback']);
  });

  it('follows Default for an unset variable', () => {
    const report = run(byLanguage());
    expect(edges(report)).toEqual(['begin.Default', 'pick.Default']);
    expect(report.steps[1]?.notes).toEqual(['Language is "", which has no branch of its own']);
  });

  it('matches a number by its text', () => {
    const report = run(`
  begin: { type: Begin, next: pick }
  pick: { type: Case, properties: { Variable: Tier }, branches: { "1": one, "2": two, Default: fallback } }
  one: { type: End }
  two: { type: End }
  fallback: { type: End }
`, 'variables: { Tier: 2 }');
    expect(edges(report)).toEqual(['begin.Default', 'pick.2']);
    expect(path(report)).toEqual(['begin', 'pick', 'two']);
  });

  // https://help.incontact.com/Content/Studio/Actions/MENU/MENU.htm (a key not linked to a branch takes Default; the entry is in Variable)
  it('branches on the key a Menu stored in its Variable and sent to Default', () => {
    const report = run(`
  begin: { type: Begin, next: menu }
  menu: { type: Menu, properties: { Variable: MenuChoice }, branches: { Default: pick } }
  pick: { type: Case, properties: { Variable: MenuChoice }, branches: { "7": seven, Default: done } }
  seven: { type: End }
  done: { type: End }
`, 'caller: { input: ["7"] }');
    expect(edges(report)).toEqual(['begin.Default', 'menu.Default', 'pick.7']);
    expect(path(report)).toEqual(['begin', 'menu', 'pick', 'seven']);
  });

  it('ends with NoBranch when nothing matches and there is no Default', () => {
    const report = run(byLanguage('en: english, fr: french'), 'variables: { Language: de }');
    expect(edges(report)).toEqual(['begin.Default']);
    expect(path(report)).toEqual(['begin', 'pick']);
    expect(report.steps[1]).toMatchObject({ branch: null, next: null });
    expect(report.outcome).toBe('ended');
    expect(report.reason).toBe('NoBranch');
    expect(report.message).toMatch(/^Case "pick" .*no Default branch, so the contact is stuck there until an event \(the caller hanging up, an agent answering, a hold\), and nothing is left in the scenario to raise one$/);
  });
});

// https://help.nicecxone.com/zh-hk/content/studio/actionscx/case/case.htm: the DNIS example.
describe('Case: the vendor example', () => {
  const dnis = `name: CaseDnis
actions:
  begin: { type: Begin, next: route }
  route: { type: Case, properties: { Variable: DNIS }, branches: { "8881234567": sales, "8771234567": collections, Default: service } }
  sales: { type: End }
  collections: { type: End }
  service: { type: End }
`;
  it('takes the branch named after the value, else Default', () => {
    expect(runYaml(dnis, 'caller: { dnis: "8881234567" }').steps[1]?.next).toBe('sales');
    expect(runYaml(dnis, 'caller: { dnis: "8771234567" }').steps[1]?.next).toBe('collections');
    expect(runYaml(dnis, 'caller: { dnis: "5550000000" }').steps[1]?.next).toBe('service');
  });
});
