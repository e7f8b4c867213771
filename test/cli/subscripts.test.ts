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
});
