import { describe, expect, it } from 'vitest';
import { edges, runYaml } from '../helpers/run.ts';

// https://help.nice-incontact.com/content/studio/actions/updatecontact/updatecontact.htm (Priority, MaxPriority; needs Reqagent with PriorityManagement Custom; only a queued contact)
// https://help.staging.nice-incontact.com/content/studio/actions/updatecontact/updatecontact.htm (Acceleration)
// https://help.nice-incontact.com/Content/studio/actions/update_contact_digital/update_contact_digital.htm (High and Low Proficiency)

const run = (actions: string, scenario = '') => runYaml(`name: UpdateContactTest\nvariables: { Level: "", Low: "" }\nactions:\n${actions}`, scenario);
const step = (report: ReturnType<typeof runYaml>, id: string, index = 0) => report.steps.filter((s) => s.action === id)[index];

const queued = (update: string, management = 'Custom') => `
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support, PriorityManagement: ${management}, InitialPriority: 10, Acceleration: 2, MaxPriority: 500 }, next: wait }
  wait: { type: Wait, properties: { Seconds: 90 }, next: update }
  update: { type: UpdateContact, properties: { ${update} }, branches: { Default: hold, OnError: failed } }
  hold: { type: Wait, properties: { Seconds: 30 }, next: hold }
  failed: { type: Wait, properties: { Seconds: 30 }, next: failed }
  answered: { type: OnAnswer, next: done }
  done: { type: End }
`;
const nobody = 'agents: { "2002": { state: LoggedOut, skills: [Support] } }\nlimits: { maxSeconds: 200 }';

describe('UpdateContact', () => {
  it('replaces Priority, Acceleration and MaxPriority of the formula; the minutes in queue keep counting', () => {
    const report = run(queued('Priority: 100, Acceleration: 4, MaxPriority: 900'), nobody);
    // After 1.5 minutes: 10 + 2 x 1.5 = 13 before, 100 + 4 x 1.5 = 106 after.
    expect(step(report, 'update')).toMatchObject({ at: 90_000, branch: 'Default', notes: ['priority 13 -> 106, proficiency 1-20'] });
    expect(report.world.filter((w) => w.kind === 'updated').map((w) => w.text)).toEqual([
      'contact-1 updated after 90 s in queue: priority 13 -> 106 (Priority 100, Acceleration 4/min, MaxPriority 900), proficiency 1-20',
    ]);
  });

  it('keeps what it leaves out, and MaxPriority caps the result', () => {
    const report = run(queued('MaxPriority: 12'), nobody);
    expect(step(report, 'update')?.notes).toEqual(['priority 13 -> 12, proficiency 1-20']);
  });

  it('reads its values from variables', () => {
    const report = run(queued('Priority: "{VipPriority}"'), `${nobody}\nvariables: { VipPriority: 50 }`);
    expect(step(report, 'update')?.notes).toEqual(['priority 13 -> 53, proficiency 1-20']);
  });

  it('narrows and widens the proficiency range: an agent outside it is not offered the contact until it is widened', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support, PriorityManagement: Custom }, next: narrow }
  narrow: { type: UpdateContact, properties: { HighProficiency: 1, LowProficiency: 3 }, next: wait }
  wait: { type: Wait, properties: { Seconds: 60 }, next: widen }
  widen: { type: UpdateContact, properties: { LowProficiency: "{Low}" }, next: hold }
  hold: { type: Wait, properties: { Seconds: 30 }, next: hold }
  answered: { type: OnAnswer, next: done }
  done: { type: End }
`, 'variables: { Low: 10 }\nagents: { "2002": { state: LoggedOut, loginAfter: 10, skills: [Support], proficiency: { support: 8 }, answerAfter: 2 } }');
    expect(report.world.filter((w) => w.kind === 'offered').map((w) => w.at)).toEqual([60_000]);
    expect(step(report, 'widen')?.notes).toEqual(['priority 1 -> 1, proficiency 1-10; agent 2002 may take it now and is offered it']);
    expect(report.variables['AgentId']).toBe('2002');
    expect(report.elapsedMs).toBe(62_000);
  });

  it('takes OnError when the Reqagent\'s PriorityManagement is not Custom', () => {
    const report = run(queued('Priority: 100', 'Default'), nobody);
    expect(step(report, 'update')).toMatchObject({ branch: 'OnError', next: 'failed' });
    expect(report.variables['_ERR']).toBe('the contact was queued by a Reqagent whose PriorityManagement is not Custom, so its priority and proficiency cannot be updated');
  });

  it('takes OnError for a contact no Reqagent queued, and for one an agent answered', () => {
    const alone = run(`
  begin: { type: Begin, next: update }
  update: { type: UpdateContact, properties: { Priority: 5 }, branches: { Default: done, OnError: failed } }
  failed: { type: End }
  done: { type: End }
`);
    expect(edges(alone)).toEqual(['begin.Default', 'update.OnError']);
    expect(alone.variables['_ERR']).toBe('the contact is not in a queue: no Reqagent has queued it');
    const answered = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support, PriorityManagement: Custom }, next: hold }
  hold: { type: Wait, properties: { Seconds: 30 }, next: hold }
  answered: { type: OnAnswer, next: update }
  update: { type: UpdateContact, properties: { Priority: 5 }, branches: { Default: done, OnError: failed } }
  failed: { type: End }
  done: { type: End }
`, 'agents: { "2002": { state: Available, skills: [Support], answerAfter: 3 } }');
    expect(step(answered, 'update')?.branch).toBe('OnError');
    expect(answered.variables['_ERR']).toBe('the contact is no longer queued: agent 2002 answered it');
  });

  it('takes OnError for a value that is not a number in range, and for a range no agent can be in', () => {
    const text = run(queued('Priority: "{Level}"'), `${nobody}\nvariables: { Level: high }`);
    expect(text.variables['_ERR']).toBe('Priority is "high", not a number from 0 to 1000');
    const range = run(queued('HighProficiency: 9, LowProficiency: 4'), nobody);
    expect(range.variables['_ERR']).toBe('HighProficiency 9 is worse than LowProficiency 4: no agent can be in that range');
    expect(step(range, 'update')?.branch).toBe('OnError');
  });

  it('follows Default when OnError is not connected', () => {
    const report = run(`
  begin: { type: Begin, next: update }
  update: { type: UpdateContact, properties: { Priority: 5 }, next: done }
  done: { type: End }
`);
    expect(step(report, 'update')).toMatchObject({ branch: 'Default', outcome: 'OnError' });
  });
});
