import { describe, expect, it } from 'vitest';
import { loadScenarioText, loadScriptText } from '../../src/api.ts';
import { VirtualClock } from '../../src/runtime/clock.ts';
import { Simulation } from '../../src/runtime/simulation.ts';

const script = `name: AgentControl
actions:
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: hold }
  hold: { type: Wait, properties: { Timeout: 60 }, next: hold }
  answered: { type: OnAnswer, next: halt }
  halt: { type: Stop }
  on_hold: { type: OnHold, next: music }
  music: { type: Play, properties: { Sequence: '"hold-music.wav"' }, next: music_wait }
  music_wait: { type: Wait, properties: { Timeout: 10 }, next: music }
  released: { type: OnRelease, next: done }
  done: { type: End }
`;

function world() {
  const loaded = loadScriptText(script, 'agent-control.yaml');
  const scenario = loadScenarioText('agents: { "2002": { state: Available, skills: [Support], answerAfter: 5 } }', 's.yaml');
  if (!loaded.ok || !scenario.ok) throw new Error('fixture does not load');
  const clock = new VirtualClock();
  const simulation = Simulation.forScenario(clock, scenario.scenario);
  const contact = simulation.startContact(loaded.compiled, scenario.scenario);
  return { clock, simulation, contact };
}

describe('an agent controls its answered call', () => {
  it('hold, resume and end answer with the contact id only when they apply', () => {
    const { clock, simulation, contact } = world();
    expect(simulation.hold('2002')).toBeUndefined(); // ringing, not answered yet
    expect(simulation.endContact('2002')).toBeUndefined();
    clock.set(5000);
    expect(contact.currentAction).toBe('halt');
    expect(simulation.resume('2002')).toBeUndefined(); // not on hold
    expect(simulation.hold('2002')).toBe(contact.id);
    expect(simulation.hold('2002')).toBeUndefined(); // already on hold
    expect(contact.steps.map((s) => s.action).slice(-2)).toEqual(['on_hold', 'music']);
    expect(contact.currentAction).toBe('music_wait');
    expect(simulation.resume('2002')).toBe(contact.id);
    expect(contact.waitsForEvent).toBe(true);
    expect(simulation.endContact('2002')).toBe(contact.id);
    expect(contact.done).toBe(true);
    expect(contact.reason).toBe('AgentHungUp');
    expect(contact.steps.map((s) => s.action).slice(-2)).toEqual(['released', 'done']);
    expect(simulation.agentState('2002')).toBe('Available');
    expect(simulation.endContact('2002')).toBeUndefined();
    expect(simulation.hold('nobody')).toBeUndefined();
  });
});
