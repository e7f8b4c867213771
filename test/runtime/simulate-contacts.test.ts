import { describe, expect, it } from 'vitest';
import { loadScenarioText, loadScriptText } from '../../src/api.ts';
import { simulateContacts } from '../../src/runtime/simulate.ts';

function compiled(text: string) {
  const loaded = loadScriptText(text, 'many.yaml');
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  return loaded.compiled;
}

function scenario(text: string) {
  const loaded = loadScenarioText(text, 'many.scenario.yaml');
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  return loaded.scenario;
}

const queueForAnAgent = compiled(`
name: Queue
actions:
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support }, next: hold }
  hold: { type: Wait, properties: { Seconds: 30 }, next: hold }
  answered: { type: OnAnswer, next: done }
  done: { type: End }
`);

describe('simulateContacts', () => {
  it('runs contacts that share the agents and the queue, and counts how they ended', () => {
    // Two agents, each busy 60 s a call, contacts every 10 s: the queue grows, but all are answered.
    const result = simulateContacts(queueForAnAgent, scenario('agents:\n  "1": { state: Available, skills: [Support], answerAfter: 0, hangupAfter: 60 }\n  "2": { state: Available, skills: [Support], answerAfter: 0, hangupAfter: 60 }\n'), 30, 10_000);
    expect(result).toEqual({ ended: 30, failed: 0, elapsedMs: expect.any(Number) });
    // Two calls per 60 s: the 29th and 30th are answered at 14 x 60 and 14 x 60 + 10 s.
    expect(result.elapsedMs).toBe(850_000);
  });

  it('counts the contacts a budget stopped as failed, those still running when time ran out included', () => {
    const noAgents = scenario('limits: { maxSeconds: 100 }\nagents:\n  "1": { state: LoggedOut, skills: [Support] }\n');
    // The budget is 100 s after the last arrival (4 s); the last hold timer before it fires at 94 s.
    expect(simulateContacts(queueForAnAgent, noAgents, 5, 1_000)).toEqual({ ended: 0, failed: 5, elapsedMs: 94_000 });
    const endless = compiled('name: Endless\nactions:\n  begin: { type: Begin, next: again }\n  again: { type: Assign, properties: { Variable: X, Value: "1" }, next: again }\n');
    expect(simulateContacts(endless, scenario('limits: { maxSteps: 50 }'), 3, 1_000)).toMatchObject({ ended: 0, failed: 3 });
  });

  it('sends the scenario\'s signals: those to caller to each contact from its arrival, those by id once', () => {
    // Each contact waits for good unless a signal ends it; the budget stops the rest.
    const waitsForASignal = compiled(`
name: Waits
actions:
  begin: { type: Begin, next: pause }
  pause: { type: Wait, properties: { Seconds: 600 }, next: pause }
  signalled: { type: OnSignal, next: done }
  done: { type: End }
`);
    expect(simulateContacts(waitsForASignal, scenario('limits: { maxSeconds: 100 }'), 4, 1_000)).toMatchObject({ ended: 0, failed: 4 });
    expect(simulateContacts(waitsForASignal, scenario('limits: { maxSeconds: 100 }\nsignals:\n  - { at: 5, parameters: [Go] }\n'), 4, 1_000)).toEqual({ ended: 4, failed: 0, elapsedMs: 8_000 });
    expect(simulateContacts(waitsForASignal, scenario('limits: { maxSeconds: 100 }\nsignals:\n  - { at: 5, contact: contact-3 }\n'), 4, 1_000)).toMatchObject({ ended: 1, failed: 3 });
  });
});
