import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/runtime/report.ts';
import { initialAgentStates } from '../../src/validate/scenario.ts';
import { runCli } from './helpers.ts';

const root = join(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'studio-sim-run-'));
const loop = join(scratch, 'loop.yaml');
writeFileSync(loop, 'name: Loop\nactions:\n  begin: { type: Begin, next: a }\n  a: { type: Assign, properties: { Variable: N, Value: "{N + 1}" }, next: b }\n  b: { type: Play, properties: { Sequence: x }, next: a }\n');
const badScenario = join(scratch, 'bad.scenario.yaml');
writeFileSync(badScenario, 'caller: { input: ["1"] }\nagents: { "1001": { state: Availble } }\n');

describe('studio-sim run', () => {
  it('prints the trace of the sample with its default scenario and exits 0', async () => {
    const run = await runCli(['run', 'scripts/custom-event-sample.yaml'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('(scenario: scripts/custom-event-sample.scenario.yaml)');
    expect(run.stdout).toMatch(/00:01\.000 {2}main_menu +Menu +"2" -> notify_monitor/);
    expect(run.stdout).toContain('CustomEvent Caller_Info "{\\"ani\\":\\"5551234567\\",\\"pressed\\":\\"2\\",\\"skill\\":\\"Support\\",\\"agent\\":{\\"firstName\\":\\"Ann\\",\\"lastName\\":\\"Lee\\"}}" to agent 2002: queued');
    expect(run.stdout).toContain('ended (AgentHungUp) after 01:48.000');
  });

  it('lists the background callers after the trace: when each called, was answered and by whom', async () => {
    const scenario = join(scratch, 'callers.scenario.yaml');
    writeFileSync(scenario, 'agents: { "2002": { state: LoggedOut, loginAfter: 300, skills: [Support], answerAfter: 1, hangupAfter: 30 } }\ncallers:\n  Ann: { at: 30 }\n  Vic: { at: 120, variables: { Vip: "yes" } }\n');
    const run = await runCli(['run', 'test/fixtures/callers/vip-queue.yaml', '--scenario', scenario], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain([
      'callers:',
      '  caller contact-1  calls at 00:00.000, answered at 05:32.000 by agent 2002; End at 05:32.000',
      '  Ann    contact-2  calls at 00:30.000, answered at 06:03.000 by agent 2002; End at 06:03.000',
      '  Vic    contact-3  calls at 02:00.000, answered at 05:01.000 by agent 2002; End at 05:01.000',
    ].join('\n'));
  });

  it('--input 2 --json reports the events of branch 2', async () => {
    const run = await runCli(['run', 'scripts/custom-event-sample.yaml', '--input', '2', '--json'], { cwd: root });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as RunReport;
    expect(report).toMatchObject({ script: 'CustomEventSample', outcome: 'ended', reason: 'AgentHungUp', elapsedMs: 108_000 });
    expect(report.customEvents.map((e) => [e.action, e.agentId, e.eventName, e.delivery])).toEqual([
      ['notify_monitor', '1001', 'Menu_Choice', 'queued'],
      ['tell_monitor_waiting', '1001', 'Caller_Waiting', 'queued'],
      ['tell_agent', '2002', 'Caller_Info', 'queued'],
      ['tell_monitor_gone', '1001', 'Caller_Gone', 'queued'],
    ]);
    expect(Object.keys(report.agents)).toEqual(['1001', '2002']);
    expect(report.steps[0]).toMatchObject({ at: 0, action: 'begin', type: 'Begin', branch: 'Default', next: 'main_menu' });
  });

  it('--agent overrides a state: the supervisor logged in gets the event at once', async () => {
    const run = await runCli(['run', 'scripts/first-custom-event.yaml', '--agent', '1001=available', '--json'], { cwd: root });
    const report = JSON.parse(run.stdout) as RunReport;
    expect(report.customEvents[0]?.delivery).toBe('queued');
    expect(report.steps.map((s) => s.action)).toContain('say_sent');
  });

  it('--agent takes every state the scenario has and the agent\'s settings: a hold runs the sample\'s OnHold', async () => {
    const run = await runCli(['run', 'scripts/custom-event-sample.yaml', '--input', '3', '--agent', '2002=Available,answerAfter=4,hangupAfter=50,hold=10:20', '--agent', '1001=dialer', '--json'], { cwd: root });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as RunReport;
    expect(report.steps.find((s) => s.action === 'answered')?.at).toBe(5000);
    expect(report.steps.find((s) => s.action === 'on_hold')?.at).toBe(15000);
    expect(report.reason).toBe('AgentHungUp');
    expect(report.elapsedMs).toBe(55000);
    expect(report.agents['1001']?.state).toBe('Dialer');
  });

  it('--agent adds an agent the scenario does not have, with skills and polls', async () => {
    const run = await runCli(['run', 'scripts/custom-event-sample.yaml', '--input', '3', '--agent', '2002=LoggedOut', '--agent', '3003=Available,skills=Support+Sales,polls=false,firstName=Bo', '--json'], { cwd: root });
    const report = JSON.parse(run.stdout) as RunReport;
    expect(report.variables['AgentId']).toBe('3003');
    expect(report.variables['FIRST']).toBe('Bo');
  });

  it('run --help names every agent state', async () => {
    const run = await runCli(['run', '--help'], { cwd: root });
    for (const state of initialAgentStates) expect(run.stdout.replace(/\s+/g, ' ')).toContain(state);
  });

  it('--input silence and 2@3 timing', async () => {
    const silent = JSON.parse((await runCli(['run', 'scripts/custom-event-sample.yaml', '--input', 'silence', '--input', '3@4', '--json'], { cwd: root })).stdout) as RunReport;
    expect(silent.steps.filter((s) => s.action === 'main_menu').map((s) => `${s.at}:${s.outcome ?? s.branch}`)).toEqual(['5000:Default', '9000:3']);
  });

  it('a runaway loop ends with exit 3 and names the loop', async () => {
    const run = await runCli(['run', loop, '--max-steps', '100']);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('failed (StepLimit)');
    expect(run.stdout).toMatch(/in a loop through (a -> b|b -> a)/);
  });

  it('an invalid script exits 1 with diagnostics', async () => {
    const run = await runCli(['run', 'test/fixtures/invalid/branch-target-typo.yaml'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error unknown-branch-target');
    expect(run.stderr).toContain('not run: 1 problem');
  });

  it('an invalid scenario exits 1 with its diagnostics at line and column', async () => {
    const run = await runCli(['run', 'scripts/first-custom-event.yaml', '--scenario', badScenario], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${badScenario}:2:28: error invalid-value`);
    expect(run.stderr).toContain('did you mean "Available"?');
  });

  it.each([
    [['run'], 'run needs a script'],
    [['run', 'a.yaml', 'b.yaml'], 'run takes one script'],
    [['run', 'scripts/first-custom-event.yaml', '--input', 'one'], '--input takes keys'],
    [['run', 'scripts/first-custom-event.yaml', '--agent', '1001'], '--agent takes <id>=<state>'],
    [['run', 'scripts/first-custom-event.yaml', '--agent', '1001=Availble'], '"Availble" is not an agent state; the states are LoggedOut, LoggedIn, Available, Unavailable, OutboundContact, InboundConsult, OutboundConsult, Dialer. Did you mean "Available"?'],
    [['run', 'scripts/first-custom-event.yaml', '--agent', '1001=Available,answerAftr=3'], '"answerAftr=3" is not a setting; the settings are answerAfter, hangupAfter, loginAfter, logoutAfter, polls, skills, hold, reason, firstName, lastName, each as name=value. Did you mean "answerAfter"?'],
    [['run', 'scripts/first-custom-event.yaml', '--agent', '1001=Available,hold=10'], 'hold takes <after>:<for>'],
    [['run', 'scripts/first-custom-event.yaml', '--agent', '1001=Available,answerAfter=soon'], 'answerAfter takes seconds'],
    [['run', 'scripts/first-custom-event.yaml', '--agent', '1001=Available,polls=yes'], 'polls takes true or false'],
    [['run', 'scripts/first-custom-event.yaml', '--max-steps', '0'], '--max-steps takes a whole number of at least 1'],
  ])('usage errors exit 2: %j', async (argv, message) => {
    const run = await runCli(argv, { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('a missing scenario file is a diagnostic, exit 1', async () => {
    const run = await runCli(['run', 'scripts/first-custom-event.yaml', '--scenario', 'nope.scenario.yaml'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('nope.scenario.yaml:1:1: error file-not-found');
  });
});

describe('run --explain', () => {
  it('explains each branch of the vendor sample step by step, naming the chosen rules', async () => {
    const one = (await runCli(['run', 'scripts/custom-event-sample.yaml', '--input', '1', '--explain'], { cwd: root })).stdout;
    expect(one).toContain('CustomEvent notify_monitor: Agent 1001 has an open session, so the event Menu_Choice was queued for it (chosen rule: connected means the agent has an open session). Branch Default -> monitor_security.');
    expect(one).toContain('GetNextEvent get_custom_event: Polls session 1001-session-1 of agent 1001 for up to 10 s. Got 3 events (AgentSessionStart, AgentState, Menu_Choice) into MonitorEvents');
    const two = (await runCli(['run', 'scripts/custom-event-sample.yaml', '--input', '2', '--explain'], { cwd: root })).stdout;
    expect(two).toContain('Music hold_music: Plays music Carefree Days.wav for 25 s. OnAnswer pre-empted it.');
    expect(two).toContain('OnAnswer answered: Agent 2002 (Ann Lee) answered on Support; SKLNAME, FIRST, LAST, AGENTID and AgentId are set');
    expect(two).toContain('CustomEvent tell_agent: TargetAgent is empty, so the target is AgentId = 2002 (set by OnAnswer at 00:48.000) (chosen rule: an empty TargetAgent means the AgentId variable).');
    const silent = (await runCli(['run', 'scripts/custom-event-sample.yaml', '--input', 'silence', '--explain', '--agent', '1001=LoggedOut'], { cwd: root })).stdout;
    expect(silent).toContain('Menu main_menu: Plays "%Press 1 to send an event, 2 to send an event and talk to an agent, 3 to talk to an agent". No key within 5 s. DigitsEntered = "". Branch Default -> menu_retry.');
    const unwired = (await runCli(['run', 'scripts/first-custom-event.yaml', '--explain'], { cwd: root })).stdout;
    expect(unwired).toContain('is kept for its next login (chosen rule: PersistInMemory true keeps the event');
  });
});
