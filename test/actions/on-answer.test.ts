import { describe, expect, it } from 'vitest';
import { edges, path, runYaml } from '../helpers/run.ts';

const run = (actions: string, scenario = '') => runYaml(`name: OnAnswerTest\nactions:\n${actions}`, scenario);

const agent = (answerAfter: number) => `
agents:
  "2002": { state: Available, skills: [Support], answerAfter: ${answerAfter}, firstName: Ann, lastName: Lee }
`;

describe('OnAnswer', () => {
  // https://help.nice-incontact.com/content/studio/actionscx/onanswer/onanswer.htm (the script resumes from OnAnswer)
  // https://help.incontact.com/fr/content/Studio/Actions/ONANSWER/ONANSWER.htm (SkillNameVar SKLNAME, AgentFirstName FIRST, AgentLastName LAST)
  it('pre-empts the hold pattern when the agent answers, with SKLNAME, FIRST, LAST and AGENTID set by default', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: hold }
  hold: { type: Wait, properties: { Seconds: 60 }, next: hold_again }
  hold_again: { type: Wait, properties: { Seconds: 60 }, next: gone }
  gone: { type: Hangup }
  answered: { type: OnAnswer, next: greet }
  greet: { type: Play, properties: { Sequence: '"%You are talking to {FIRST} {LAST} ({AgentId}) about {SKLNAME}"' }, next: done }
  done: { type: End }
`, agent(12));
    expect(path(report)).toEqual(['begin', 'queue', 'hold', 'answered', 'greet', 'done']);
    expect(edges(report)).toEqual(['begin.Default', 'queue.Default', 'answered.Default', 'greet.Default']);
    expect(report.steps[2]).toMatchObject({ at: 12000, action: 'hold', branch: null, next: null, interruptedBy: 'OnAnswer', notes: ['waits 60 s'] });
    expect(report.steps[3]).toMatchObject({ at: 12000, action: 'answered', branch: 'Default', next: 'greet' });
    // After OnAnswer a prompt plays only while OnHold has fired (PLAY.htm); the values are substituted all the same.
    expect(report.steps[4]?.notes).toEqual(['would play "%You are talking to Ann Lee (2002) about Support", but the caller does not hear it: after OnAnswer a prompt plays only while OnHold has fired']);
    // Variable names are not case-sensitive: AgentId and AGENTID are one variable, reported under the name first set (AgentId, set when the agent answers).
    expect(report.variables).toMatchObject({ AgentId: '2002', FIRST: 'Ann', LAST: 'Lee', SKLNAME: 'Support' });
    expect(report.reason).toBe('End');
    expect(report.elapsedMs).toBe(12000);
  });

  it('pre-empts a Menu the caller is in', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: menu }
  menu: { type: Menu, properties: { Timeout: 20, Variable: MenuChoice }, branches: { Default: menu2 } }
  menu2: { type: Hangup }
  answered: { type: OnAnswer, next: done }
  done: { type: End }
`, `${agent(4)}caller: { input: [{ digits: "1", after: 10 }] }`);
    expect(path(report)).toEqual(['begin', 'queue', 'menu', 'answered', 'done']);
    expect(report.steps[2]).toMatchObject({ at: 4000, action: 'menu', interruptedBy: 'OnAnswer', branch: null });
    // The key the caller would have pressed at 10 s never registers.
    expect(report.variables['MenuChoice']).toBeUndefined();
  });

  it('leaves AgentId, FIRST, LAST and SKLNAME unset until an agent answers', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: hold }
  hold: { type: Wait, properties: { Seconds: 5 }, next: done }
  answered: { type: OnAnswer, next: done }
  done: { type: End }
`, agent(30));
    expect(path(report)).toEqual(['begin', 'queue', 'hold', 'done']);
    expect(report.variables['AgentId']).toBeUndefined();
    expect(report.variables['FIRST']).toBeUndefined();
    expect(report.variables['LAST']).toBeUndefined();
    expect(report.variables['SKLNAME']).toBeUndefined();
  });

  it('ends the script with reason End when the agent answers and there is no OnAnswer', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: hold }
  hold: { type: Wait, properties: { Seconds: 60 }, next: done }
  done: { type: End }
`, agent(7));
    expect(path(report)).toEqual(['begin', 'queue', 'hold']);
    expect(report.steps[2]).toMatchObject({ at: 7000, interruptedBy: 'OnAnswer', branch: null });
    expect(report.reason).toBe('End');
    expect(report.outcome).toBe('ended');
    expect(report.message).toBe('An agent answered and the script has no OnAnswer, so the script ends and the caller stays with the agent');
    expect(report.elapsedMs).toBe(7000);
    // The system fills AgentId when the agent answers; OnAnswer's own outputs need an OnAnswer.
    expect(report.variables['AgentId']).toBe('2002');
    expect(report.variables['AGENTID']).toBeUndefined();
    expect(report.variables['FIRST']).toBeUndefined();
  });

  // Nothing follows OnAnswer: the contact stays with the agent (stuck, as the Menu page says of an unconnected branch) until the call ends.
  it('with no next, leaves the caller with the agent until the call ends', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: hold }
  hold: { type: Wait, properties: { Seconds: 60 }, next: done }
  answered: { type: OnAnswer }
  done: { type: End }
`, agent(3));
    expect(path(report)).toEqual(['begin', 'queue', 'hold', 'answered']);
    expect(report.steps[3]).toMatchObject({ at: 3000, action: 'answered', branch: null, next: null });
    expect(report.steps[3]?.notes?.at(-1)).toMatch(/^no branch to take: the contact is stuck here until an event/);
    expect(report.reason).toBe('AgentHungUp');
    expect(report.outcome).toBe('ended');
  });

  it('puts the skill, names and agent id in the variables SkillNameVar, AgentFirstName, AgentLastName and AgentID name, and always sets AgentId', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: hold }
  hold: { type: Wait, properties: { Seconds: 60 }, next: hold }
  answered: { type: OnAnswer, properties: { SkillNameVar: Skill, AgentFirstName: First, AgentLastName: Last, AgentID: Who }, next: tell }
  tell: { type: Assign, properties: { Variable: Copy, Value: "{AgentId}" }, next: done }
  done: { type: End }
`, agent(2));
    expect(report.variables).toMatchObject({ Skill: 'Support', First: 'Ann', Last: 'Lee', Who: '2002', Copy: '2002' });
    expect(report.variables['SKLNAME']).toBeUndefined();
    expect(report.variables['FIRST']).toBeUndefined();
  });
});
