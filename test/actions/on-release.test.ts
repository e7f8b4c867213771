import { describe, expect, it } from 'vitest';
import { edges, path, runYaml } from '../helpers/run.ts';

const run = (actions: string, scenario = '') => runYaml(`name: OnReleaseTest\nactions:\n${actions}`, scenario);

describe('OnRelease', () => {
  it('runs when the caller hangs up during a Wait, cutting the Wait short', () => {
    const report = run(`
  begin: { type: Begin, next: hold }
  hold: { type: Wait, properties: { Timeout: 30 }, next: done }
  released: { type: OnRelease, next: note }
  note: { type: Assign, properties: { Variable: Gone, Value: "yes" }, next: done }
  done: { type: End }
`, 'caller: { hangupAfter: 10 }');
    expect(path(report)).toEqual(['begin', 'hold', 'released', 'note', 'done']);
    expect(edges(report)).toEqual(['begin.Default', 'released.Default', 'note.Default']);
    expect(report.steps[1]).toMatchObject({ at: 10000, action: 'hold', branch: null, next: null, interruptedBy: 'OnRelease', notes: ['waits 30 s'] });
    expect(report.steps.slice(2).map((s) => s.at)).toEqual([10000, 10000, 10000]);
    expect(report.variables['Gone']).toBe('yes');
    expect(report.outcome).toBe('ended');
    expect(report.reason).toBe('CallerHungUp');
    expect(report.message).toBe('The caller hung up');
    expect(report.elapsedMs).toBe(10000);
  });

  it('without an OnRelease, ends the contact when the caller hangs up', () => {
    const report = run(`
  begin: { type: Begin, next: hold }
  hold: { type: Wait, properties: { Timeout: 30 }, next: done }
  done: { type: End }
`, 'caller: { hangupAfter: 10 }');
    expect(path(report)).toEqual(['begin', 'hold']);
    expect(edges(report)).toEqual(['begin.Default']);
    expect(report.steps[1]).toMatchObject({ at: 10000, interruptedBy: 'OnRelease', branch: null });
    expect(report.outcome).toBe('ended');
    expect(report.reason).toBe('CallerHungUp');
    expect(report.message).toBe('The caller hung up');
    expect(report.elapsedMs).toBe(10000);
  });

  it('runs when the caller hangs up during a Menu', () => {
    const report = run(`
  begin: { type: Begin, next: menu }
  menu: { type: Menu, properties: { Timeout: 10 }, branches: { "1": done, OnTimeout: done, OnInvalid: done } }
  released: { type: OnRelease, next: done }
  done: { type: End }
`, 'caller: { hangupAfter: 3, input: [{ digits: "1", after: 6 }] }');
    expect(path(report)).toEqual(['begin', 'menu', 'released', 'done']);
    expect(report.steps[1]).toMatchObject({ at: 3000, interruptedBy: 'OnRelease' });
    expect(report.variables['DigitsEntered']).toBeUndefined();
    expect(report.reason).toBe('CallerHungUp');
  });

  it('takes a caller who hangs up out of the queue, so no agent is offered the contact', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: hold }
  hold: { type: Wait, properties: { Timeout: 60 }, next: hold2 }
  hold2: { type: Wait, properties: { Timeout: 60 }, next: done }
  answered: { type: OnAnswer, next: done }
  released: { type: OnRelease, next: done }
  done: { type: End }
`, `
caller: { hangupAfter: 15 }
agents:
  "2002": { state: LoggedOut, loginAfter: 20, skills: [Support] }
`);
    expect(path(report)).toEqual(['begin', 'queue', 'hold', 'released', 'done']);
    expect(report.steps[2]).toMatchObject({ at: 15000, interruptedBy: 'OnRelease' });
    expect(report.world.filter((w) => w.kind === 'offered')).toEqual([]);
    expect(report.agents['2002']?.state).toBe('Available');
    expect(report.reason).toBe('CallerHungUp');
  });

  it('runs after an agent answered too, freeing the agent', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: hold }
  hold: { type: Wait, properties: { Timeout: 60 }, next: done }
  answered: { type: OnAnswer, next: talk }
  talk: { type: Wait, properties: { Timeout: 60 }, next: done }
  released: { type: OnRelease, next: done }
  done: { type: End }
`, `
caller: { hangupAfter: 20 }
agents:
  "2002": { state: Available, skills: [Support], answerAfter: 5, hangupAfter: 300 }
`);
    expect(path(report)).toEqual(['begin', 'queue', 'hold', 'answered', 'talk', 'released', 'done']);
    expect(report.steps[2]).toMatchObject({ at: 5000, interruptedBy: 'OnAnswer' });
    expect(report.steps[4]).toMatchObject({ at: 20000, interruptedBy: 'OnRelease' });
    expect(report.reason).toBe('CallerHungUp');
    expect(report.agents['2002']?.state).toBe('Available');
  });

  // The agent's desktop learns of the call through CallContactEvent (Incoming, Active); when
  // the caller hangs up it should see the call end before its AgentState goes back to Available.
  it('tells the agent on the call that it was disconnected', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: hold }
  hold: { type: Wait, properties: { Timeout: 60 }, next: done }
  answered: { type: OnAnswer, next: talk }
  talk: { type: Wait, properties: { Timeout: 60 }, next: done }
  released: { type: OnRelease, next: done }
  done: { type: End }
`, `
caller: { hangupAfter: 20 }
agents:
  "2002": { state: Available, skills: [Support], answerAfter: 5, hangupAfter: 300 }
`);
    const seen = report.agents['2002']?.received.map((e) => `${String(e['Type'])} ${String(e['Status'] ?? e['CurrentState'] ?? '')}`.trim());
    expect(seen).toEqual([
      'AgentSessionStart',
      'AgentState Available',
      'AgentState InboundContact',
      'CallContactEvent Incoming',
      'CallContactEvent Active',
      'CallContactEvent Disconnected',
      'AgentState Available',
    ]);
  });

  it('frees an agent the contact was ringing at, who then never answers it', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: hold }
  hold: { type: Wait, properties: { Timeout: 60 }, next: done }
  answered: { type: OnAnswer, next: done }
  released: { type: OnRelease, next: done }
  done: { type: End }
`, `
caller: { hangupAfter: 3 }
agents:
  "2002": { state: Available, skills: [Support], answerAfter: 5 }
`);
    expect(path(report)).toEqual(['begin', 'queue', 'hold', 'released', 'done']);
    expect(report.world.filter((w) => w.kind === 'answered')).toEqual([]);
    expect(report.variables['AgentId']).toBeUndefined();
    expect(report.agents['2002']?.state).toBe('Available');
    expect(report.elapsedMs).toBe(3000);
  });

  it('runs when the script hangs up itself, and once only: the caller hanging up during its logic changes nothing', () => {
    const report = run(`
  begin: { type: Begin, next: bye }
  bye: { type: Hangup }
  released: { type: OnRelease, next: cleanup }
  cleanup: { type: Wait, properties: { Timeout: 20 }, next: done }
  done: { type: End }
`, 'caller: { hangupAfter: 10 }');
    expect(path(report)).toEqual(['begin', 'bye', 'released', 'cleanup', 'done']);
    expect(report.steps[3]).toMatchObject({ at: 20000, branch: 'Default' });
    expect(report.reason).toBe('Hangup');
  });

  // "When the caller, agent or Hangup action hangs up the contact, the contact is released":
  // https://help.nicecxone.com/content/studio/actionscx/onrelease/onrelease.htm
  it('runs when the agent ends the call, with reason AgentHungUp', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: hold }
  hold: { type: Wait, properties: { Timeout: 60 }, next: hold }
  answered: { type: OnAnswer, next: wait_for_events }
  wait_for_events: { type: Stop }
  released: { type: OnRelease, next: note }
  note: { type: Assign, properties: { Variable: Released, Value: "yes" } }
`, 'agents: { "2002": { state: Available, skills: [Support], answerAfter: 5, hangupAfter: 30 } }');
    expect(path(report)).toEqual(['begin', 'queue', 'hold', 'answered', 'wait_for_events', 'released', 'note']);
    expect(report.steps[4]).toMatchObject({ at: 35000, interruptedBy: 'OnRelease' });
    expect(report.reason).toBe('AgentHungUp');
    expect(report.message).toBe('The agent ended the call');
    expect(report.variables['Released']).toBe('yes');
    expect(report.agents['2002']?.state).toBe('Available');
    expect(report.world.filter((w) => w.kind === 'agentHungUp').map((w) => w.text)).toEqual(['agent 2002 ends the call with contact-1']);
  });

  it('ends with reason CallerHungUp even when OnRelease has no next', () => {
    const report = run(`
  begin: { type: Begin, next: hold }
  hold: { type: Wait, properties: { Timeout: 30 }, next: done }
  released: { type: OnRelease }
  done: { type: End }
`, 'caller: { hangupAfter: 5 }');
    expect(path(report)).toEqual(['begin', 'hold', 'released']);
    expect(report.steps[2]).toMatchObject({ at: 5000, branch: null, next: null });
    expect(report.reason).toBe('CallerHungUp');
    expect(report.outcome).toBe('ended');
  });
});
