import { describe, expect, it } from 'vitest';
import { loadScriptText } from '../../src/api.ts';
import { edges, path, runYaml } from '../helpers/run.ts';

const run = (actions: string, scenario = '') => runYaml(`name: ReqagentTest\nactions:\n${actions}`, scenario);

// https://help.nicecxone.com/content/studio/actionscx/reqagent/reqagent.htm
// https://help.nicecxone.com/zh-cn/content/studio/actionscx/reqagent/reqagent.htm (Skill "Default", Target Agent, Priority Management)

/** Begin -> queue (Reqagent) -> a Play + Wait hold pattern; OnAnswer -> End. */
const queue = (properties: string, extra = '', branches = 'Default: music') => `
  begin: { type: Begin, next: ${extra ? 'first' : 'queue'} }
${extra}
  queue: { type: Reqagent, properties: { ${properties} }, branches: { ${branches} } }
  music: { type: Play, properties: { Sequence: '"hold.wav"' }, next: hold }
  hold: { type: Wait, properties: { Seconds: 30 }, next: music }
  answered: { type: OnAnswer, next: connected }
  connected: { type: End }
  sorry: { type: Hangup }
`;

/** The diagnostics of a script with Begin -> c, where c is the given action. */
const diagnosticsOf = (action: string) => {
  const loaded = loadScriptText(`name: X\nactions:\n  begin: { type: Begin, next: c }\n  ${action}\n  done: { type: End }\n`, 't.yaml');
  return { ok: loaded.ok, diagnostics: loaded.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message })) };
};

describe('Reqagent', () => {
  it('follows Default into the hold pattern at once; OnAnswer pre-empts it when the agent answers', () => {
    const report = run(queue('Skill: Support'), `
agents:
  "2002": { state: Available, skills: [Support], answerAfter: 45, firstName: Ann, lastName: Lee }
`);
    expect(path(report)).toEqual(['begin', 'queue', 'music', 'hold', 'music', 'hold', 'answered', 'connected']);
    expect(edges(report)).toEqual(['begin.Default', 'queue.Default', 'music.Default', 'hold.Default', 'music.Default', 'answered.Default']);
    expect(report.steps.map((s) => s.at)).toEqual([0, 0, 0, 30000, 30000, 45000, 45000, 45000]);
    expect(report.steps[1]?.notes).toEqual(['agent 2002 is available and is offered the contact; it answers after 45 s (chosen rule: the longest-idle available agent with the skill is offered the contact)']);
    expect(report.steps[5]).toMatchObject({ action: 'hold', branch: null, next: null, interruptedBy: 'OnAnswer' });
    expect(report.variables).toMatchObject({ AgentId: '2002', FIRST: 'Ann', LAST: 'Lee', SKLNAME: 'Support' });
    expect(report.reason).toBe('End');
    expect(report.elapsedMs).toBe(45000);
  });

  it('queues the contact until an agent with the skill logs in', () => {
    const report = run(queue('Skill: Support'), `
agents:
  "2002": { state: LoggedOut, loginAfter: 40, answerAfter: 8, skills: [Support], firstName: Ann, lastName: Lee }
`);
    expect(report.steps[1]?.notes).toEqual(['no agent is free (2002 is LoggedOut), so the contact waits in the queue (chosen rule: with no agent free the contact queues and the hold pattern runs until OnAnswer)']);
    expect(edges(report)).toEqual(['begin.Default', 'queue.Default', 'music.Default', 'hold.Default', 'music.Default', 'answered.Default']);
    expect(report.steps.find((s) => s.interruptedBy)).toMatchObject({ at: 48000, action: 'hold', interruptedBy: 'OnAnswer' });
    expect(report.world.filter((w) => w.kind === 'offered' || w.kind === 'answered').map((w) => [w.at, w.kind, w.agentId])).toEqual([
      [40000, 'offered', '2002'],
      [48000, 'answered', '2002'],
    ]);
    expect(report.variables['AgentId']).toBe('2002');
    expect(report.elapsedMs).toBe(48000);
  });

  it('matches the skill without regard to case and renders it from a variable', () => {
    const report = run(queue('Skill: "{SkillName}"'), `
variables: { SkillName: support }
agents:
  "2002": { state: Available, skills: [Support], answerAfter: 3 }
`);
    expect(edges(report)).toContain('answered.Default');
    expect(report.variables['SKLNAME']).toBe('support');
    expect(report.elapsedMs).toBe(3000);
  });

  it('offers the contact to the agent who has been available longest', () => {
    const report = run(queue('Skill: Support', '  first: { type: Wait, properties: { Seconds: 20 }, next: queue }'), `
agents:
  "2002": { state: LoggedOut, loginAfter: 10, skills: [Support], answerAfter: 5 }
  "3003": { state: Available, skills: [Support], answerAfter: 5 }
  "4004": { state: LoggedOut, loginAfter: 5, skills: [Support], answerAfter: 5 }
  "5005": { state: Available, skills: [Sales], answerAfter: 1 }
`);
    expect(report.steps[2]?.notes).toEqual(['agent 3003 is available and is offered the contact; it answers after 5 s (chosen rule: the longest-idle available agent with the skill is offered the contact)']);
    expect(report.variables['AgentId']).toBe('3003');
    expect(report.steps.find((s) => s.interruptedBy)?.at).toBe(25000);
  });

  it('routes to TargetAgent even when another agent is free', () => {
    const report = run(queue('TargetAgent: "{Preferred}"'), `
variables: { Preferred: "3003" }
agents:
  "2002": { state: Available, skills: [Support], answerAfter: 1 }
  "3003": { state: Available, skills: [Billing], answerAfter: 6, firstName: Bo, lastName: Day }
`);
    expect(report.variables).toMatchObject({ AgentId: '3003', FIRST: 'Bo', LAST: 'Day', SKLNAME: 'Default' });
    // SKLNAME is the skill requested: Skill, not given here, defaults to "Default" (the point of contact's skill).
    expect(report.steps.find((s) => s.interruptedBy)?.at).toBe(6000);
  });

  it('waits for a TargetAgent who is not available', () => {
    const report = run(queue('TargetAgent: "3003"'), `
agents:
  "2002": { state: Available, skills: [Support] }
  "3003": { state: Unavailable, logoutAfter: 20, loginAfter: 50, answerAfter: 2 }
limits: { maxSeconds: 300 }
`);
    expect(report.steps[1]?.notes).toEqual(['no agent is free (3003 is Unavailable), so the contact waits in the queue (chosen rule: with no agent free the contact queues and the hold pattern runs until OnAnswer)']);
    expect(report.variables['AgentId']).toBe('3003');
    expect(report.elapsedMs).toBe(52000);
  });

  it('queues a contact for a skill no agent has: Default runs the hold pattern and nobody answers', () => {
    const report = run(queue('Skill: Spanish'), 'agents: { "2002": { state: Available, skills: [Support] } }\nlimits: { maxSeconds: 100 }');
    expect(edges(report).slice(0, 3)).toEqual(['begin.Default', 'queue.Default', 'music.Default']);
    expect(report.steps[1]).toMatchObject({ at: 0, branch: 'Default', next: 'music', notes: ['the contact waits in the queue: no agent in the scenario has skill Spanish, so nobody will answer'] });
    expect(report.world.filter((w) => w.kind === 'queued').map((w) => w.text)).toEqual(['contact-1 queued for skill Spanish ()']);
    expect(report.world.filter((w) => w.kind === 'offered')).toEqual([]);
    expect(path(report)).not.toContain('answered');
    expect(report.variables['AgentId']).toBeUndefined();
    expect(report.reason).toBe('TimeLimit');
  });

  it('queues a contact for a TargetAgent the scenario does not know: nobody answers', () => {
    const report = run(queue('TargetAgent: "9999"'), 'agents: { "2002": { state: Available, skills: [Support] } }\nlimits: { maxSeconds: 100 }');
    expect(edges(report).slice(0, 2)).toEqual(['begin.Default', 'queue.Default']);
    expect(report.steps[1]?.notes).toEqual(['the contact waits in the queue: agent 9999 is not in the scenario, so nobody will answer']);
    expect(report.world.filter((w) => w.kind === 'queued').map((w) => w.text)).toEqual(['contact-1 queued for agent 9999 ()']);
    expect(report.reason).toBe('TimeLimit');
  });

  it('requests skill Default when Skill is not given', () => {
    const report = run(queue(''), 'agents: { "2002": { state: Available, skills: [Support] } }\nlimits: { maxSeconds: 100 }');
    expect(report.world.filter((w) => w.kind === 'queued').map((w) => w.text)).toEqual(['contact-1 queued for skill Default ()']);
    expect(report.steps[1]?.notes).toEqual(['the contact waits in the queue: no agent in the scenario has skill Default, so nobody will answer']);
  });

  it('queues with PriorityManagement Custom and its InitialPriority, Acceleration and MaxPriority, following Default', () => {
    const report = run(queue('Skill: Support, PriorityManagement: Custom, InitialPriority: 10, Acceleration: 2, MaxPriority: 50'), `
agents:
  "2002": { state: LoggedOut, loginAfter: 40, answerAfter: 5, skills: [Support] }
`);
    expect(edges(report).slice(0, 2)).toEqual(['begin.Default', 'queue.Default']);
    expect(report.world.filter((w) => w.kind === 'offered' || w.kind === 'answered').map((w) => [w.at, w.kind])).toEqual([[40000, 'offered'], [45000, 'answered']]);
    expect(report.reason).toBe('End');
  });

  it('with Default not wired, the queued contact is stuck there until the agent answers', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support } }
`, 'agents: { "2002": { state: Available, skills: [Support] } }');
    expect(path(report)).toEqual(['begin', 'queue']);
    expect(report.steps[1]).toMatchObject({ branch: null, next: null });
    expect(report.reason).toBe('End');
    expect(report.message).toBe('An agent answered and the script has no OnAnswer, so the script ends and the caller stays with the agent');
    expect(report.outcome).toBe('ended');
  });

  // An agent who logs out while the contact rings at it cannot answer it afterwards.
  it('does not connect the contact to an agent who logged out before answering', () => {
    const report = run(queue('Skill: Support'), `
agents:
  "2002": { state: Available, skills: [Support], answerAfter: 10, logoutAfter: 5 }
limits: { maxSeconds: 100 }
`);
    expect(report.world.filter((w) => w.kind === 'answered')).toEqual([]);
    expect(path(report)).not.toContain('answered');
    expect(report.variables['AgentId']).toBeUndefined();
    expect(report.reason).toBe('TimeLimit');
  });

  it('has no OnError branch: a script that still wires one is refused', () => {
    const result = diagnosticsOf('c: { type: Reqagent, properties: { Skill: S }, branches: { Default: done, OnError: done } }');
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([{ code: 'former-name', severity: 'error', message: 'Reqagent "c" has no branch "OnError" on the platform' }]);
  });
});
