// OnHold: https://help.nice-incontact.com/content/studio/actions/onhold/onhold.htm
// https://help.incontact.com/Content/Studio/Actions/ONHOLD/ONHOLD.htm (standalone event; without it the caller hears silence)
import { describe, expect, it } from 'vitest';
import { path, runYaml } from '../helpers/run.ts';

const run = (actions: string, scenario = '') => runYaml(`name: OnHoldTest\nactions:\n${actions}`, scenario);

const script = `
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: hold }
  hold: { type: Wait, properties: { Timeout: 60 }, next: hold }
  answered: { type: OnAnswer, next: halt }
  halt: { type: Stop }
  on_hold: { type: OnHold, next: music }
  music: { type: Play, properties: { Sequence: '"hold-music.wav"' }, next: pause }
  pause: { type: Wait, properties: { Timeout: 10 }, next: music }
  released: { type: OnRelease, next: done }
  done: { type: End }
`;

describe('OnHold', () => {
  it('runs when the agent puts the call on hold, cutting short what ran; off hold the OnHold logic is abandoned', () => {
    const report = run(script, 'agents: { "2002": { state: Available, skills: [Support], answerAfter: 5, hangupAfter: 60, holds: [{ after: 10, for: 15 }] } }');
    expect(path(report)).toEqual(['begin', 'queue', 'hold', 'answered', 'halt', 'on_hold', 'music', 'pause', 'music', 'pause', 'released', 'done']);
    expect(report.steps[4]).toMatchObject({ at: 15000, interruptedBy: 'OnHold' });
    expect(report.steps[6]).toMatchObject({ at: 15000, action: 'music', branch: 'Default' });
    // Off hold at 30 s the Wait in the OnHold logic is cut short, and the script waits for the next event.
    expect(report.steps[9]).toMatchObject({ at: 30000, action: 'pause', interruptedBy: 'OffHold' });
    expect(report.steps[10]).toMatchObject({ at: 65000, action: 'released' });
    expect(report.reason).toBe('AgentHungUp');
    expect(report.world.filter((w) => w.kind === 'hold' || w.kind === 'resume').map((w) => `${w.at} ${w.text}`)).toEqual([
      '15000 agent 2002 puts contact-1 on hold; OnHold runs',
      '30000 agent 2002 takes contact-1 off hold; the OnHold logic is abandoned (chosen rule: off hold, the OnHold logic is abandoned and the script waits for the next event, as at Stop)',
    ]);
    const statuses = report.agents['2002']?.received.filter((e) => e['Type'] === 'CallContactEvent').map((e) => e['Status']);
    expect(statuses).toEqual(['Incoming', 'Active', 'Holding', 'Active', 'Disconnected']);
  });

  it('without an OnHold in the script, the caller hears silence and the script goes on as it was', () => {
    const report = run(`
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: hold }
  hold: { type: Wait, properties: { Timeout: 60 }, next: hold }
  answered: { type: OnAnswer, next: talk }
  talk: { type: Wait, properties: { Timeout: 20 }, next: done }
  done: { type: End }
`, 'agents: { "2002": { state: Available, skills: [Support], answerAfter: 5, holds: [{ after: 5, for: 5 }] } }');
    expect(path(report)).toEqual(['begin', 'queue', 'hold', 'answered', 'talk', 'done']);
    expect(report.steps[4]).toMatchObject({ at: 25000, branch: 'Default' });
    expect(report.world.filter((w) => w.kind === 'hold').map((w) => w.text)).toEqual(['agent 2002 puts contact-1 on hold; the script has no OnHold, so the caller hears silence']);
  });
});
