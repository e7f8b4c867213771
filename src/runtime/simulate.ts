import type { CompiledScript } from '../compile/compile.ts';
import type { Scenario } from '../validate/scenario.ts';
import { VirtualClock } from './clock.ts';
import type { Contact } from './contact.ts';
import { failedReasons, idRecord, type AgentReport, type CallerReport, type RunReport } from './report.ts';
import { mainCallerName } from '../validate/callers.ts';
import { Simulation } from './simulation.ts';

/** Timers the scenario may still fire after the contact ends (logins, deliveries) before we stop counting. */
const maxTimersAfterContact = 1_000_000;

/**
 * Runs one contact of a compiled script in virtual time and reports what
 * happened. Never throws for anything the script or scenario does: budgets
 * that run out end the run with reason StepLimit or TimeLimit.
 */
export function simulate(compiled: CompiledScript, scenario: Scenario): RunReport {
  const clock = new VirtualClock();
  const world = Simulation.forScenario(clock, scenario);
  const { contact, callers } = startScenarioContact(world, compiled, scenario);
  const maxMs = scenario.limits.maxMs;

  while (!contact.done) {
    const due = clock.nextDue();
    if (due === undefined) {
      if (contact.waitsForEvent && contact.stuckMessage !== undefined) contact.stop('NoBranch', `${contact.stuckMessage}, and nothing is left in the scenario to raise one`);
      else if (contact.waitsForEvent) contact.stop('Stopped', `The script waits for an event ${contact.currentAction === null ? 'after the call came off hold' : `at Stop "${contact.currentAction}"`} and nothing is left in the scenario to raise one`);
      else contact.stop('TimeLimit', `Nothing is left to happen while the script waits in ${contact.loopDescription()}`);
      break;
    }
    if (due > maxMs) {
      clock.set(maxMs);
      contact.stop('TimeLimit', `Still running after ${maxMs / 1000} s of virtual time, last going through ${contact.loopDescription()}; raise limits.maxSeconds in the scenario or --max-seconds if that is expected`);
      break;
    }
    clock.set(due);
  }
  // Let the rest of the scenario play out (logins, deliveries of persisted events), within the time budget.
  for (let fired = 0; fired < maxTimersAfterContact; fired++) {
    const due = clock.nextDue();
    if (due === undefined || due > maxMs) break;
    clock.set(due);
  }

  return buildReport(world, contact, callers);
}

/** A contact started from a scenario, and the names of the background callers it brought (undefined: none). */
export interface ScenarioContact {
  contact: Contact;
  callers: Map<string, string> | undefined;
}

/**
 * Starts a contact the way its scenario says, wherever a contact is started
 * from one (a run, a many-contact run, the server): the contact, the
 * scenario's `signals` (those to `caller` reach this contact, timed from its
 * start; `byId: false` leaves out the ones sent to a contact by id, which
 * a run of many contacts of one scenario sends only once) and, unless
 * `callers: false`, its background callers on the same clock.
 */
export function startScenarioContact(world: Simulation, compiled: CompiledScript, scenario: Scenario, options: { live?: boolean; byId?: boolean; callers?: boolean } = {}): ScenarioContact {
  const contact = world.startContact(compiled, scenario, options.live === true ? { live: true } : {});
  const signals = options.byId === false ? scenario.signals.filter((signal) => signal.contact === 'caller') : scenario.signals;
  world.scheduleSignals(signals, contact.id);
  const callers = options.callers === false ? undefined : startBackgroundCallers(world, compiled, scenario, contact);
  return { contact, callers };
}

/** The id of the first contact a world starts (ids count up from contact-1). */
const firstContactId = 'contact-1';

/**
 * The signals of a world's starting scenario (serve --scenario), timed from
 * the world's start: `caller` is the first contact started in it (contact-1,
 * as ids count up from the start), others by their id.
 */
export function scheduleStartingSignals(world: Simulation, scenario: Scenario): void {
  world.scheduleSignals(scenario.signals, firstContactId);
}

/**
 * The scenario's background callers (`callers:`): each calls at its time
 * and runs the same script as a contact of the same world, so they queue
 * for the same agents on the same clock. Returns the callers' names by
 * contact id, the scenario's own caller first, filled in as they arrive;
 * undefined when there are none.
 */
function startBackgroundCallers(world: Simulation, compiled: CompiledScript, scenario: Scenario, main: Contact): Map<string, string> | undefined {
  if (scenario.callers.length === 0) return undefined;
  const names = new Map<string, string>([[main.id, mainCallerName]]);
  for (const caller of scenario.callers) {
    const own: Scenario = {
      ...scenario,
      caller: { ani: caller.ani, dnis: caller.dnis, input: caller.input, ...(caller.hangupAfterMs === undefined ? {} : { hangupAfterMs: caller.hangupAfterMs }) },
      variables: caller.variables,
      parameters: caller.parameters,
      callers: [],
    };
    world.clock.setTimeout(() => {
      const contact = world.startContact(compiled, own);
      names.set(contact.id, caller.name);
    }, caller.atMs);
  }
  return names;
}

/** Each caller of the run: when it arrived, was queued and answered (from the world's log), and how it ended. */
function callerReports(world: Simulation, names: ReadonlyMap<string, string>): CallerReport[] {
  const reports = new Map<string, CallerReport>();
  for (const contact of world.contacts) {
    const name = names.get(contact.id);
    if (name === undefined) continue;
    const report: CallerReport = { name, contactId: contact.id, arrivedAt: contact.startedAt };
    if (contact.reason !== undefined) report.reason = contact.reason;
    if (contact.endedAt !== undefined) report.endedAt = contact.endedAt;
    reports.set(contact.id, report);
  }
  for (const event of world.world) {
    const report = event.contactId === undefined ? undefined : reports.get(event.contactId);
    if (report === undefined) continue;
    if (event.kind === 'queued' && report.queuedAt === undefined) report.queuedAt = event.at;
    if (event.kind === 'answered' && report.answeredAt === undefined) {
      report.answeredAt = event.at;
      if (event.agentId !== undefined) report.agentId = event.agentId;
    }
  }
  return [...reports.values()].sort((a, b) => a.arrivedAt - b.arrivedAt);
}

/**
 * The report of a contact as things stand: final once the contact is done,
 * a snapshot while it runs (the server reports contacts in progress).
 */
export function buildReport(world: Simulation, contact: Contact, callers?: ReadonlyMap<string, string>): RunReport {
  const agents = idRecord<AgentReport>();
  for (const id of world.agentIds()) {
    agents[id] = { state: world.agentState(id) ?? 'LoggedOut', received: world.stream.received(id), pending: world.stream.pending(id) };
  }
  const reason = contact.reason ?? 'NoBranch';
  const script = contact.compiled.script;
  return {
    script: script.name,
    file: script.source.file,
    contactId: contact.id,
    outcome: failedReasons.has(reason) ? 'failed' : 'ended',
    reason,
    message: contact.message,
    elapsedMs: (contact.endedAt ?? world.clock.now()) - contact.startedAt,
    steps: contact.steps,
    // With one contact every entry is its own (or the world's); with several, pick its own.
    customEvents: world.contacts.length === 1 ? world.customEvents : world.customEvents.filter((e) => e.contactId === undefined || e.contactId === contact.id),
    agents,
    variables: contact.variables.toRecord(),
    world: world.contacts.length === 1 ? world.world : world.world.filter((w) => w.contactId === undefined || w.contactId === contact.id),
    requests: contact.restCalls.records,
    ...(contact.transfer ? { transfer: contact.transfer } : {}),
    ...(world.spawned.length > 0 ? { spawned: world.spawnedReport().filter((s) => s.parent === contact.id || world.spawned.some((p) => p.contactId === s.parent)) } : {}),
    ...(callers ? { callers: callerReports(world, callers) } : {}),
  };
}

/**
 * Runs many contacts of one script in one world (they share its agents and
 * queue), arriving `everyMs` apart, until all are done or the time budget
 * of the scenario runs out. Returns how they ended. Each contact gets the
 * scenario's signals to `caller`, timed from its own arrival; those sent to
 * a contact by id go once, timed from the start of the run. The scenario's
 * background callers are not started: the arrivals are the callers here.
 */
export function simulateContacts(compiled: CompiledScript, scenario: Scenario, count: number, everyMs: number): { ended: number; failed: number; elapsedMs: number } {
  const clock = new VirtualClock();
  const world = new Simulation(clock, scenario.agents, scenario.events, { keepReceived: false, keepLog: false, keepContacts: false, calendar: scenario.calendar, hours: scenario.hours, numbers: scenario.numbers });
  // Each arrival schedules the next, so the clock holds one arrival at a time however many are asked for.
  let arrived = 0;
  const arrive = (): void => {
    const first = arrived === 0;
    if (++arrived < count) clock.setTimeout(arrive, everyMs);
    startScenarioContact(world, compiled, scenario, { byId: first, callers: false });
  };
  if (count > 0) clock.setTimeout(arrive, 0);
  const maxMs = scenario.limits.maxMs + count * everyMs;
  for (;;) {
    const due = clock.nextDue();
    if (due === undefined || due > maxMs) break;
    if (world.endedContacts === count) break;
    clock.set(due);
  }
  for (const contact of [...world.running]) contact.stop('TimeLimit', 'The run ended first');
  const started = world.endedContacts;
  return { ended: started - world.failedContacts, failed: world.failedContacts, elapsedMs: clock.now() };
}
