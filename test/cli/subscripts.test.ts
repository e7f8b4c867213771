import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.ts';
import { scriptFolder } from '../helpers/script-folder.ts';

const root = join(import.meta.dirname, '../..');

describe('the CLI with subscripts', () => {
  it('run prints a step in a subscript under its file name, and exits 0', async () => {
    const run = await runCli(['run', 'scripts/account-login.yaml', '--input', '1234'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/00:01\.000 {2}authenticate\.yaml:ask_pin +Capture +Default \(MaxDigits not wired\) -> count_try/);
    expect(run.stdout).toMatch(/authenticate +Runsub +Default -> verified/);
  });

  it('--explain says what was passed, what came back and where the hand-over went', async () => {
    const run = await runCli(['run', 'scripts/account-login.yaml', '--input', '1', '--input', '2', '--input', '3', '--explain'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Runsub authenticate: Calls scripts/subs/authenticate.yaml with CallerAni = "5550002222", MaxTries = "3". The subscript scripts/subs/authenticate.yaml returned "locked" into AuthResult. Branch Default -> verified.');
    expect(run.stdout).toContain('RunScript locked_out: Hands over to scripts/subs/locked-out.yaml for good');
    expect(run.stdout).toContain('locked-out.yaml:goodbye');
  });

  it('a problem in a subscript is shown at its own line with its code frame, and the call at the caller\'s; exit 1', async () => {
    const folder = scriptFolder({
      'main.yaml': 'name: Main\nactions:\n  begin: { type: Begin, next: call }\n  call: { type: Runsub, properties: { ScriptName: subs/Bad }, next: bye }\n  bye: { type: Hangup }\n',
      'subs/Bad.yaml': 'name: Bad\nactions:\n  begin: { type: Begin, next: back }\n  back: { type: Return, properties: { ReturnValue: "not a name" } }\n',
    });
    const run = await runCli(['run', 'main.yaml'], { cwd: folder });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('subs/Bad.yaml:4:');
    expect(run.stderr).toContain('back: { type: Return, properties: { ReturnValue: "not a name" } }');
    expect(run.stderr).toContain('main.yaml:4:51: error invalid-subscript');
  });

  it('a script name out of the folder is refused at validate time, never read', async () => {
    const folder = scriptFolder({ 'main.yaml': 'name: Main\nactions:\n  begin: { type: Begin, next: call }\n  call: { type: RunScript, properties: { ScriptName: "sub/../../../etc/passwd" } }\n' });
    const run = await runCli(['validate', 'main.yaml'], { cwd: folder });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('error subscript-outside-folder');
    expect(run.stdout).not.toContain('root:');
  });

  it('a self-calling script validates with a warning and its run fails with CallDepth (exit 3), without a stack trace', async () => {
    const folder = scriptFolder({ 'main.yaml': 'name: Self\nactions:\n  begin: { type: Begin, next: again }\n  again: { type: Runsub, properties: { ScriptName: main }, next: back }\n  back: { type: Return }\n' });
    const validate = await runCli(['validate', 'main.yaml'], { cwd: folder });
    expect(validate.code).toBe(0);
    expect(validate.stdout).toContain('warning subscript-recursion');
    const run = await runCli(['run', 'main.yaml'], { cwd: folder });
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('failed (CallDepth)');
    expect(run.stderr).not.toContain('    at ');
  });

  it('validate on a folder reports a subscript\'s problem once, under its own file', async () => {
    const folder = scriptFolder({
      'main.yaml': 'name: Main\nactions:\n  begin: { type: Begin, next: call }\n  call: { type: Runsub, properties: { ScriptName: subs/Warn }, next: bye }\n  bye: { type: Hangup }\n',
      'subs/Warn.yaml': 'name: Warn\nactions:\n  begin: { type: Begin, next: back }\n  back: { type: Return }\n  lost: { type: Hangup }\n',
    });
    const run = await runCli(['validate', '.'], { cwd: folder });
    expect(run.stdout.match(/unreachable-action/g)).toHaveLength(1);
  });

  it('test counts each file\'s branches: the sample reaches 100% across its subscripts', async () => {
    const run = await runCli(['test', 'scripts/account-login.test.yaml', '--coverage-threshold', '100', '--lcov', join(scriptFolder({}), 'lcov.info')], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('scripts/subs/authenticate.yaml  Authenticate: branches 11/11, 100%');
    expect(run.stdout).toContain('scripts/subs/locked-out.yaml  LockedOut: branches 2/2, 100%');
  });

  it('a REST call, a custom event and a transfer made in a subscript are named <file name>:<id>, as its steps are', async () => {
    const folder = scriptFolder({
      'main.yaml': 'name: Main\nactions:\n  begin: { type: Begin, next: call }\n  call: { type: Runsub, properties: { ScriptName: subs/Look }, next: bye }\n  bye: { type: Hangup }\n',
      'subs/Look.yaml': [
        'name: Look',
        'actions:',
        '  begin: { type: Begin, next: lookup }',
        '  lookup: { type: RestApi, properties: { Service Address: "https://api.example.com/x" }, branches: { Default: tell, Error: tell } }',
        '  tell: { type: CustomEvent, properties: { TargetAgent: "1001", EventName: Looked, Data: done }, branches: { Default: out, OnAgentNotConnected: out } }',
        '  out: { type: Transfer, properties: { Destination: "18005550100" }, branches: { Default: back, OnBusy: back } }',
        '  back: { type: Return }',
        '',
      ].join('\n'),
      'main.scenario.yaml': 'http:\n  - { method: GET, url: https://api.example.com/x, body: { ok: true } }\n',
      'main.test.yaml': [
        'script: main.yaml',
        'scenario: main.scenario.yaml',
        'cases:',
        '  - name: named by file',
        '    expect:',
        '      requests: [{ action: "Look.yaml:lookup", status: 200 }]',
        '      customEvents: [{ action: "Look.yaml:tell", eventName: Looked }]',
        '      transfer: { destination: "18005550100" }',
        '',
      ].join('\n'),
      'bare.test.yaml': 'script: main.yaml\nscenario: main.scenario.yaml\ncases:\n  - name: a bare id\n    expect:\n      requests: [{ action: lookup }]\n',
    });
    const passing = await runCli(['test', 'main.test.yaml'], { cwd: folder });
    expect(passing.stdout).toContain('1 passed, 0 failed');
    expect(passing.code).toBe(0);
    const json = await runCli(['run', 'main.yaml', '--json'], { cwd: folder });
    const run = JSON.parse(json.stdout) as { requests: { action: string }[]; customEvents: { action: string }[]; transfer: { action: string } };
    expect(run.requests.map((r) => r.action)).toEqual(['Look.yaml:lookup']);
    expect(run.customEvents.map((e) => e.action)).toEqual(['Look.yaml:tell']);
    expect(run.transfer.action).toBe('Look.yaml:out');
    const bare = await runCli(['test', 'bare.test.yaml'], { cwd: folder });
    expect(bare.code).not.toBe(0);
    expect(bare.stdout + bare.stderr).toContain('The script has no action "lookup"; did you mean "Look.yaml:lookup"?');
  });
});
