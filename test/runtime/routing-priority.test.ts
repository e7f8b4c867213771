import { describe, expect, it } from 'vitest';
import { loadScenarioText, loadScriptText } from '../../src/api.ts';
import { VirtualClock } from '../../src/runtime/clock.ts';
import { Simulation } from '../../src/runtime/simulation.ts';

// https://help.nicecxone.com/zh-cn/content/studio/actionscx/updatecontact/updatecontact.htm (Overall Priority = (Time x Acceleration) + Initial Priority)
// https://help.staging.nice-incontact.com/content/studio/actions/updatecontact/updatecontact.htm (skill A initial 1, acceleration 5 overtakes skill B initial 3, acceleration 1 after a minute)

/** Queued with priorities from variables; a caller with Vip = "yes" is raised by UpdateContact while on hold. */
const script = `name: Queue
variables: { Init: 0, Accel: 1, Vip: "no" }
actions:
  begin: { type: Begin, next: queue }
  queue:
    type: Reqagent
    properties: { Skill: Support, PriorityManagement: Custom, InitialPriority: "{Init}", Acceleration: "{Accel}", MaxPriority: 1000 }
    next: vip_check
  vip_check: { type: If, properties: { Expression: 'Vip = "yes"' }, branches: { "True": vip, "False": hold } }
  vip: { type: UpdateContact, properties: { Priority: 100 }, branches: { Default: hold, OnError: hold } }
  hold: { type: Wait, properties: { Seconds: 30 }, next: hold }
  answered: { type: OnAnswer, next: done }
  done: { type: End }
`;

/** Callers arriving at the given seconds in one world, with their variables; returns the contacts in the order agents were offered them. */
function offerOrder(callers: Array<{ at: number; variables: Record<string, string> }>, agents: string): string[] {
  const loaded = loadScriptText(script);
  const world = loadScenarioText(agents);
  if (!loaded.ok || !world.ok) throw new Error(`invalid fixture: ${[...loaded.diagnostics, ...world.diagnostics].map((d) => d.message).join('; ')}`);
  const clock = new VirtualClock();
  const simulation = Simulation.forScenario(clock, world.scenario);
  const names = new Map<string, string>();
  callers.forEach((caller, index) => {
    clock.setTimeout(() => {
      const contact = simulation.startContact(loaded.compiled, { ...world.scenario, variables: caller.variables });
      names.set(contact.id, caller.variables['Name'] ?? `caller ${index}`);
    }, caller.at * 1000);
  });
  while (clock.nextDue() !== undefined && clock.now() < 3_600_000 && (names.size < callers.length || simulation.running.size > 0)) clock.runNext();
  return simulation.world.filter((w) => w.kind === 'offered').map((w) => names.get(w.contactId ?? '') ?? '?');
}

const normal = (name: string) => ({ Name: name, Init: '0', Accel: '1', Vip: 'no' });

describe('routing order over virtual time', () => {
  it('a VIP caller raised by UpdateContact overtakes callers who waited longer', () => {
    const order = offerOrder(
      [
        { at: 0, variables: normal('Ann') },
        { at: 60, variables: normal('Bob') },
        { at: 120, variables: { ...normal('Vic'), Vip: 'yes' } },
      ],
      'agents: { "2002": { state: LoggedOut, loginAfter: 300, skills: [Support], answerAfter: 1, hangupAfter: 30 } }',
    );
    expect(order).toEqual(['Vic', 'Ann', 'Bob']);
  });

  it('without UpdateContact the longest waiting caller goes first (same priority settings, so more minutes is more priority)', () => {
    const order = offerOrder(
      [
        { at: 0, variables: normal('Ann') },
        { at: 60, variables: normal('Bob') },
        { at: 120, variables: normal('Vic') },
      ],
      'agents: { "2002": { state: LoggedOut, loginAfter: 300, skills: [Support], answerAfter: 1, hangupAfter: 30 } }',
    );
    expect(order).toEqual(['Ann', 'Bob', 'Vic']);
  });

  it('follows the documented example: initial 1 with acceleration 5 passes initial 3 with acceleration 1 after a minute', () => {
    const callers = [
      { at: 0, variables: { Name: 'B', Init: '3', Accel: '1', Vip: 'no' } },
      { at: 0, variables: { Name: 'A', Init: '1', Accel: '5', Vip: 'no' } },
    ];
    // At 20 s: A = 1 + 5 x 1/3 = 2.67, B = 3 + 1/3 = 3.33: B first.
    expect(offerOrder(callers, 'agents: { "2002": { state: LoggedOut, loginAfter: 20, skills: [Support], answerAfter: 1, hangupAfter: 10 } }')).toEqual(['B', 'A']);
    // At 60 s: A = 6, B = 4: A first.
    expect(offerOrder(callers, 'agents: { "2002": { state: LoggedOut, loginAfter: 60, skills: [Support], answerAfter: 1, hangupAfter: 10 } }')).toEqual(['A', 'B']);
  });

  it('MaxPriority caps the growth: a capped caller is passed by one still growing', () => {
    const capped = `name: Queue
actions:
  begin: { type: Begin, next: queue }
  queue: { type: Reqagent, properties: { Skill: Support, PriorityManagement: Custom, InitialPriority: "{Init}", Acceleration: "{Accel}", MaxPriority: "{Max}" }, next: hold }
  hold: { type: Wait, properties: { Seconds: 30 }, next: hold }
  answered: { type: OnAnswer, next: done }
  done: { type: End }
`;
    const loaded = loadScriptText(capped);
    const world = loadScenarioText('agents: { "2002": { state: LoggedOut, loginAfter: 600, skills: [Support], answerAfter: 1, hangupAfter: 10 } }');
    if (!loaded.ok || !world.ok) throw new Error('invalid fixture');
    const clock = new VirtualClock();
    const simulation = Simulation.forScenario(clock, world.scenario);
    // Capped at 5 after 5 minutes; the other grows 1 a minute from 0 to 10 at 10 minutes.
    simulation.startContact(loaded.compiled, { ...world.scenario, variables: { Init: '0', Accel: '1', Max: '5' } });
    simulation.startContact(loaded.compiled, { ...world.scenario, variables: { Init: '0', Accel: '1', Max: '1000' } });
    while (clock.nextDue() !== undefined && simulation.running.size > 0) clock.runNext();
    expect(simulation.world.filter((w) => w.kind === 'offered').map((w) => w.contactId)).toEqual(['contact-2', 'contact-1']);
  });
});
