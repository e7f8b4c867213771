import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.ts';

const scripts = join(import.meta.dirname, '../../scripts');

/** The sample, its scenario and its tests in a scratch folder, with one case taken out. */
function sampleWithoutCase(caseName: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'studio-sim-cases-'));
  for (const name of ['custom-event-sample.yaml', 'custom-event-sample.scenario.yaml']) copyFileSync(join(scripts, name), join(folder, name));
  const text = readFileSync(join(scripts, 'custom-event-sample.test.yaml'), 'utf8');
  const start = text.indexOf(`  - name: ${caseName}`);
  const next = text.indexOf('\n  - name:', start + 1);
  expect(start).toBeGreaterThan(0);
  writeFileSync(join(folder, 'sample.test.yaml'), text.slice(0, start) + (next < 0 ? '' : text.slice(next + 1)));
  return folder;
}

describe('studio-sim cases', () => {
  it('reaches the Error paths of REST calls by making each mock fail or answer an empty object', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'studio-sim-cases-'));
    for (const name of ['customer-lookup.yaml', 'customer-lookup.scenario.yaml']) copyFileSync(join(scripts, name), join(folder, name));
    const generated = await runCli(['cases', 'customer-lookup.yaml', '--output', 'generated.test.yaml'], { cwd: folder });
    expect(generated.code, generated.stderr).toBe(0);
    const file = parse(readFileSync(join(folder, 'generated.test.yaml'), 'utf8')) as { cases: Array<{ name: string; scenario?: { http?: unknown[] } }> };
    expect(file.cases.map((c) => c.name.split(': ')[1])).toEqual([
      'a silent caller',
      'a silent caller, with agent 1001 logged out',
      'a silent caller, with GET https://crm.example.com/customers/* answering 500',
      'a silent caller, with POST https://score.example.com/v1/score answering 500',
      'a silent caller, with POST https://score.example.com/v1/score answering {}',
    ]);
    expect(file.cases[2]?.scenario?.http?.[0]).toEqual({ method: 'GET', url: 'https://crm.example.com/customers/*', status: 500 });
    const run = await runCli(['test', 'generated.test.yaml', '--coverage-threshold', '100'], { cwd: folder });
    expect(run.code, run.stdout + run.stderr).toBe(0);
  });

  it('generates the case a test file lacks; appended, it restores full coverage', async () => {
    const folder = sampleWithoutCase('the monitor logs out while the script polls');
    const lcov = join(folder, 'lcov.info');
    const before = await runCli(['test', 'sample.test.yaml', '--coverage-threshold', '100', '--lcov', lcov], { cwd: folder });
    expect(before.code).toBe(1);
    expect(before.stdout).toMatch(/✗ get_custom_event\.OnSessionEnded +line {2}75 {2}taken 0/);
    expect(before.stdout).toContain('  75 ✗       OnSessionEnded: after_event');

    const generated = await runCli(['cases', 'custom-event-sample.yaml', '--uncovered', 'sample.test.yaml'], { cwd: folder });
    expect(generated.code).toBe(0);
    expect(generated.stdout).toMatch(/^ {2}- name: /);
    const cases = parse(`cases:\n${generated.stdout}`) as { cases: Array<{ name: string; scenario: unknown; expect: { branches: Record<string, string> } }> };
    expect(cases.cases).toHaveLength(1);
    expect(cases.cases[0]?.expect.branches).toEqual({ get_custom_event: 'OnSessionEnded' });

    appendFileSync(join(folder, 'sample.test.yaml'), generated.stdout);
    const after = await runCli(['test', 'sample.test.yaml', '--coverage-threshold', '100', '--lcov', lcov], { cwd: folder });
    expect(after.code, after.stdout + after.stderr).toBe(0);
    expect(after.stdout).toMatch(/branches (\d+)\/\1, 100%/);
  });

  it('writes a whole test file that passes and covers every branch', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'studio-sim-cases-'));
    for (const name of ['account-callback.yaml', 'account-callback.scenario.yaml']) copyFileSync(join(scripts, name), join(folder, name));
    const run = await runCli(['cases', 'account-callback.yaml', '--output', 'generated.test.yaml'], { cwd: folder });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/wrote generated\.test\.yaml: \d+ cases/);
    const text = readFileSync(join(folder, 'generated.test.yaml'), 'utf8');
    expect(text).toContain('script: account-callback.yaml\nscenario: account-callback.scenario.yaml\ncases:\n');
    const test = await runCli(['test', 'generated.test.yaml', '--coverage-threshold', '100', '--lcov', join(folder, 'lcov.info')], { cwd: folder });
    expect(test.code, test.stdout + test.stderr).toBe(0);
  });

  it('tries every agent state and a hold by the agent: AgentState\'s branches and OnHold\'s logic get cases', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'studio-sim-cases-'));
    writeFileSync(
      join(folder, 'states.yaml'),
      [
        'name: States',
        'actions:',
        '  begin: { type: Begin, next: check }',
        '  check:',
        '    type: AgentState',
        '    properties: { AgentID: "2002" }',
        '    branches: { Default: queue, Dialer: dialer, OutboundConsult: consult, LoggedIn: logged_in }',
        '  dialer: { type: Hangup }',
        '  consult: { type: Hangup }',
        '  logged_in: { type: Hangup }',
        '  queue: { type: Reqagent, properties: { Skill: Support }, next: hold }',
        '  hold: { type: Wait, properties: { Seconds: 30 }, next: hold }',
        '  answered: { type: OnAnswer, next: talk }',
        '  talk: { type: Stop }',
        '  on_hold: { type: OnHold, next: music }',
        '  music: { type: Music, properties: { MusicFile: Carefree Days.wav, SecondstoPlay: 10 }, next: music }',
        '',
      ].join('\n'),
    );
    writeFileSync(join(folder, 'states.scenario.yaml'), 'agents:\n  "2002": { state: Available, skills: [Support] }\n');
    const run = await runCli(['cases', 'states.yaml', '--output', 'states.test.yaml'], { cwd: folder });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const text = readFileSync(join(folder, 'states.test.yaml'), 'utf8');
    expect(text).toContain('state: Dialer');
    expect(text).toContain('holds:');
    const test = await runCli(['test', 'states.test.yaml', '--coverage-threshold', '100', '--lcov', join(folder, 'lcov.info')], { cwd: folder });
    expect(test.code, test.stdout + test.stderr).toBe(0);
  });

  it('reports a branch it cannot reach, with the reason, and exits 1', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'studio-sim-cases-'));
    writeFileSync(
      join(folder, 'never.yaml'),
      [
        'name: Never',
        'actions:',
        '  begin: { type: Begin, next: check }',
        '  check: { type: If, properties: { Expression: "1 = 2" }, branches: { True: yes, False: no } }',
        '  yes: { type: Hangup }',
        '  no: { type: Hangup }',
      ].join('\n'),
    );
    const run = await runCli(['cases', 'never.yaml'], { cwd: folder });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('# not reached: check.True: no run of');
    expect(run.stdout).toContain('check: "False"');
  });

  it.each([
    [['cases'], 'cases takes one script'],
    [['cases', 'a.yaml', '--uncovered', 'x.test.yaml', '--scenario', 's.yaml'], 'leave out --scenario'],
    [['cases', 'a.yaml', '--max-runs', 'lots'], '--max-runs takes a whole number'],
  ])('usage errors exit 2: %j', async (argv, message) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
