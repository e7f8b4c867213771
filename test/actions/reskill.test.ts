import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadScript, loadScriptText } from '../../src/api.ts';
import { stepPlace } from '../../src/runtime/report.ts';
import { runFolder, scriptFolder } from '../helpers/script-folder.ts';
import { runYaml } from '../helpers/run.ts';

// https://help.nicecxone.com/Content/studio/actionscx/reskill/reskill.htm (Target Skill, Script Name, Variables)

const run = (actions: string, scenario = '') => runYaml(`name: ReskillTest\nvariables: { NewSkill: "" }\nactions:\n${actions}`, scenario);
const step = (report: ReturnType<typeof runYaml>, id: string) => report.steps.find((s) => s.action === id);

describe('Reskill', () => {
  it('moves a queued contact to another skill, keeping its time in queue; an available agent there is offered it at once', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Sales }, next: wait }
  wait: { type: Wait, properties: { Seconds: 45 }, next: move }
  move: { type: Reskill, properties: { TargetSkill: Support, Variables: "Reason=lost card, Vip=1" }, branches: { Default: hold, OnError: failed } }
  hold: { type: Wait, properties: { Seconds: 30 }, next: hold }
  failed: { type: End }
  answered: { type: OnAnswer, next: done }
  done: { type: End }
`, 'agents: { "2002": { state: Available, skills: [Support], answerAfter: 5, firstName: Ann } }');
    expect(step(report, 'move')).toMatchObject({ at: 45_000, branch: 'Default', notes: ['passes Reason = "lost card"', 'passes Vip = "1"', 'moved from skill Sales to skill Support; agent 2002 is available and is offered it'] });
    expect(report.world.filter((w) => w.kind === 'reskilled').map((w) => w.text)).toEqual(['contact-1 moves from skill Sales to skill Support, keeping its 45 s in queue']);
    expect(report.variables).toMatchObject({ AgentId: '2002', SKLNAME: 'Support', Reason: 'lost card', Vip: '1' });
    expect(report.elapsedMs).toBe(50_000);
  });

  it('queues a contact that was not queued yet for the target skill', () => {
    const report = run(`
  begin: { type: Begin, next: move }
  move: { type: Reskill, properties: { TargetSkill: "{NewSkill}" }, branches: { Default: hold, OnError: failed } }
  hold: { type: Wait, properties: { Seconds: 30 }, next: hold }
  failed: { type: End }
  answered: { type: OnAnswer, next: done }
  done: { type: End }
`, 'variables: { NewSkill: Billing }\nagents: { "2002": { state: LoggedOut, loginAfter: 20, skills: [Billing], answerAfter: 5 } }');
    expect(step(report, 'move')?.notes).toEqual(['the contact was not queued, so it is queued for skill Billing: no agent is free (2002 is LoggedOut), so the contact waits in the queue (chosen rule: with no agent free the contact queues and the hold pattern runs until OnAnswer)']);
    expect(report.variables['SKLNAME']).toBe('Billing');
    expect(report.elapsedMs).toBe(25_000);
  });

  it('says when nobody has the target skill', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Sales }, next: move }
  move: { type: Reskill, properties: { TargetSkill: Spanish }, next: hold }
  hold: { type: Wait, properties: { Seconds: 30 }, next: hold }
`, 'agents: { "2002": { state: Unavailable, skills: [Sales] } }\nlimits: { maxSeconds: 60 }');
    expect(step(report, 'move')?.notes).toEqual(['moved from skill Sales to skill Spanish; no agent in the scenario has skill Spanish, so nobody will answer']);
  });

  it('takes OnError once an agent has the contact, and for an empty TargetSkill', () => {
    const answered = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Sales }, next: hold }
  hold: { type: Wait, properties: { Seconds: 30 }, next: hold }
  answered: { type: OnAnswer, next: move }
  move: { type: Reskill, properties: { TargetSkill: Support }, branches: { Default: done, OnError: failed } }
  failed: { type: End }
  done: { type: End }
`, 'agents: { "2002": { state: Available, skills: [Sales], answerAfter: 2 } }');
    expect(step(answered, 'move')?.branch).toBe('OnError');
    expect(answered.variables['_ERR']).toBe('the contact is already answered by agent 2002, so it cannot move to another skill');
    const empty = run(`
  begin: { type: Begin, next: move }
  move: { type: Reskill, properties: { TargetSkill: "{NewSkill}" }, next: done }
  done: { type: End }
`);
    expect(step(empty, 'move')).toMatchObject({ branch: 'Default', outcome: 'OnError' });
    expect(empty.variables['_ERR']).toBe('TargetSkill is empty');
  });

  it('notes Variables entries that are not Name=value', () => {
    const report = run(`
  begin: { type: Begin, next: move }
  move: { type: Reskill, properties: { TargetSkill: Support, Variables: "just text\\nA=1" }, next: done }
  done: { type: End }
`);
    expect(step(report, 'move')?.notes?.slice(0, 2)).toEqual(['Variables: "just text" is not Name=value, so it is not passed', 'passes A = "1"']);
  });

  it('works in Phone scripts only (the page\'s Supported Script Types)', () => {
    const loaded = loadScriptText('name: X\nmediaType: Generic\nactions:\n  begin: { type: Begin, next: move }\n  move: { type: Reskill, properties: { TargetSkill: Support }, next: done }\n  done: { type: End }\n', 'x.yaml');
    expect(loaded.ok).toBe(false);
    expect(loaded.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(['5:17 unsupported-script-type']);
  });
});

describe('Reskill with ScriptName', () => {
  const files = {
    'main.yaml': `name: Main
actions:
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Sales }, next: wait }
  wait: { type: Wait, properties: { Seconds: 30 }, next: move }
  move: { type: Reskill, properties: { TargetSkill: Support, ScriptName: queues/SupportQueue, Variables: "Reason=lost card" }, branches: { OnError: failed } }
  failed: { type: Hangup }
  answered: { type: OnAnswer, next: main_done }
  main_done: { type: End }
`,
    'queues/SupportQueue.yaml': `name: SupportQueue
actions:
  begin: { type: Begin, next: announce }
  announce: { type: Assign, properties: { Variable: Heard, Value: "{Reason} for {ContactId}" }, next: hold }
  hold: { type: Wait, properties: { Seconds: 20 }, next: hold }
  answered: { type: OnAnswer, next: done }
  done: { type: End }
`,
  };

  it('moves the contact to the target skill and hands it to that script for good: its hold pattern and its OnAnswer run, with the variables and ContactId intact', () => {
    const folder = scriptFolder(files);
    const report = runFolder(folder, 'main.yaml', 'agents: { "2002": { state: Available, skills: [Support], loginAfter: 0, answerAfter: 5 }, "3003": { state: Available, skills: [Billing] } }\nclock: {}');
    expect(report.steps.map(stepPlace)).toEqual(['begin', 'queue', 'wait', 'move', 'SupportQueue.yaml:begin', 'SupportQueue.yaml:announce', 'SupportQueue.yaml:hold', 'SupportQueue.yaml:answered', 'SupportQueue.yaml:done']);
    expect(step(report, 'move')).toMatchObject({ at: 30_000, branch: null, next: null });
    expect(step(report, 'move')?.notes?.at(-1)).toBe('ScriptName queues/SupportQueue.yaml handles the queuing in the new skill: the contact goes on there for good, from its Begin with the variables as they are');
    expect(report.variables).toMatchObject({ Heard: `lost card for ${report.contactId}`, SKLNAME: 'Support', AgentId: '2002' });
    expect(report.reason).toBe('End');
    expect(report.elapsedMs).toBe(35_000);
  });

  it('takes OnError without handing over when the contact cannot move', () => {
    const folder = scriptFolder({ ...files, 'main.yaml': files['main.yaml'].replace('TargetSkill: Support', 'TargetSkill: "{Nothing}"') });
    const report = runFolder(folder, 'main.yaml');
    expect(step(report, 'move')?.branch).toBe('OnError');
    expect(report.steps.map(stepPlace)).toEqual(['begin', 'queue', 'wait', 'move', 'failed']);
  });

  it('resolves ScriptName as Runsub and RunScript do: a missing script, one of another media type, one with errors, at the name in the caller', () => {
    const folder = scriptFolder({
      ...files,
      'missing.yaml': files['main.yaml'].replace('queues/SupportQueue', 'queues/Nowhere'),
      'chat.yaml': files['main.yaml'].replace('queues/SupportQueue', 'SmsQueue'),
      'SmsQueue.yaml': 'name: SmsQueue\nmediaType: SMS\nactions:\n  begin: { type: Begin, next: done }\n  done: { type: End }\n',
      'escape.yaml': files['main.yaml'].replace('queues/SupportQueue', '../SupportQueue'),
    });
    const problems = (name: string) => {
      const loaded = loadScript(join(folder, name), {}, name);
      expect(loaded.ok, name).toBe(false);
      return loaded.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`);
    };
    expect(problems('missing.yaml')).toEqual(['missing.yaml:6:74 subscript-not-found']);
    expect(problems('chat.yaml')).toEqual(['chat.yaml:6:74 subscript-media-type']);
    expect(problems('escape.yaml')).toEqual(['escape.yaml:6:74 subscript-outside-folder']);
  });

  it('warns that Default is never followed once ScriptName hands the contact over; none without ScriptName', () => {
    const loaded = loadScriptText('name: X\nactions:\n  begin: { type: Begin, next: move }\n  move: { type: Reskill, properties: { TargetSkill: Support, ScriptName: BillingQueue }, next: done }\n  done: { type: End }\n', 'x.yaml');
    expect(loaded.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(['4:74 reskill-default-not-followed']);
    const plain = loadScriptText('name: X\nactions:\n  begin: { type: Begin, next: move }\n  move: { type: Reskill, properties: { TargetSkill: Support }, next: done }\n  done: { type: End }\n', 'x.yaml');
    expect(plain.diagnostics).toEqual([]);
  });
});
