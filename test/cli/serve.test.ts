import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTokens } from '../../src/server/tokens.ts';
import { runCli } from './helpers.ts';

const folder = mkdtempSync(join(tmpdir(), 'studio-sim-serve-'));

describe('studio-sim serve', () => {
  it('reads a tokens file of token to admin or agent id, and reports bad entries at their line', () => {
    writeFileSync(join(folder, 'tokens.yaml'), 'admin-token-abcdef: admin\nann-token-123456: "2002"\nbob-token-123456: 3003\n');
    const good = loadTokens(join(folder, 'tokens.yaml'));
    expect([...(good.tokens ?? [])]).toEqual([
      ['admin-token-abcdef', { kind: 'admin' }],
      ['ann-token-123456', { kind: 'agent', agentId: '2002' }],
      ['bob-token-123456', { kind: 'agent', agentId: '3003' }],
    ]);
    writeFileSync(join(folder, 'bad-tokens.yaml'), 'short: admin\nlong-enough-token: [1, 2]\n');
    const bad = loadTokens(join(folder, 'bad-tokens.yaml'));
    expect(bad.tokens).toBeUndefined();
    expect(bad.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['invalid-value 1:1', 'wrong-type 2:20']);
  });

  it('an invalid tokens file or scenario stops it with exit 1 before it listens', async () => {
    const run = await runCli(['serve', '--port', '0', '--tokens', join(folder, 'bad-tokens.yaml')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error invalid-value The token "short" is shorter than 8 characters');
    const scenario = await runCli(['serve', '--port', '0', '--scenario', join(folder, 'missing.scenario.yaml')]);
    expect(scenario.code).toBe(1);
    expect(scenario.stderr).toContain('error file-not-found');
  });

  it('a port in use is a clear error, exit 1', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)));
    const run = await runCli(['serve', '--port', String(port), '--token', 'a-long-enough-token']);
    blocker.close();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('another program uses the port; pick another with --port');
  });

  it.each([
    [['serve', '--port', '70000'], '--port takes 0 to 65535'],
    [['serve', '--port', 'http'], '--port takes a whole number'],
    [['serve', '--token', 'short'], 'at least 8 characters'],
    [['serve', '--cors-origin', 'localhost:3000'], '--cors-origin takes an origin such as http://localhost:3000'],
    [['serve', '--cors-origin', 'http://localhost:3000/app'], 'no path'],
    [['serve', '--allow-http', 'https://api.example.com'], '--allow-http takes host names such as api.example.com or 127.0.0.1:9000 (no scheme, no path)'],
    [['serve', '--allow-http', 'api.example.com/v1'], 'not "api.example.com/v1"'],
  ])('usage errors exit 2: %j', async (argv, message) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('--cors-origin narrows the origins a browser may call the vendor API from; the base URL it prints is the host root', async () => {
    const controller = new AbortController();
    let listening: (url: string) => void = () => {};
    const url = new Promise<string>((resolve) => {
      listening = resolve;
    });
    const run = runCli(['serve', '--port', '0', '--token', 'cors-admin-token-123', '--cors-origin', 'http://localhost:3000,https://agent.example.com/', '--cors-origin', 'http://127.0.0.1:5173'], {
      signal: controller.signal,
      onOutput: (out) => {
        const match = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (match) listening(match[1] as string);
      },
    });
    const root = await url;
    const preflight = (origin: string) => fetch(`${root}/InContactAPI/services/v23.0/agent-sessions`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' } });
    for (const origin of ['http://localhost:3000', 'https://agent.example.com', 'http://127.0.0.1:5173']) expect((await preflight(origin)).headers.get('access-control-allow-origin')).toBe(origin);
    expect((await preflight('http://localhost:4000')).headers.get('access-control-allow-origin')).toBeNull();
    controller.abort();
    const done = await run;
    expect(done.code).toBe(0);
    expect(done.stdout).toContain(`vendor API: ${root}  (agent SDK acdApiBaseUri; routes under /incontactapi/services/<any version>/)`);
  });

  it('offers the samples with their subscripts named by their place in the folder and marked as called by their sample', async () => {
    const controller = new AbortController();
    let listening: (url: string) => void = () => {};
    const url = new Promise<string>((resolve) => {
      listening = resolve;
    });
    const token = 'samples-admin-token-123';
    const run = runCli(['serve', '--port', '0', '--token', token], {
      signal: controller.signal,
      onOutput: (out) => {
        const match = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (match) listening(match[1] as string);
      },
    });
    const root = await url;
    const samples = ((await (await fetch(`${root}/sim/samples`, { headers: { authorization: `Bearer ${token}` } })).json()) as { samples: Array<{ name: string; file: string; source: string; calledBy?: string[] }> }).samples;
    const byName = new Map(samples.map((sample) => [sample.name, sample]));
    expect(byName.get('subs/authenticate')).toMatchObject({ file: 'scripts/subs/authenticate.yaml', calledBy: ['account-login'] });
    expect(byName.get('subs/locked-out')?.calledBy).toEqual(['account-login']);
    expect(byName.get('account-login')?.calledBy).toBeUndefined();
    expect(samples.some((sample) => 'path' in sample)).toBe(false);
    // The sample's own text, sent as the sample, finds its subscripts.
    const checked = await fetch(`${root}/sim/validate`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ source: byName.get('account-login')?.source, file: 'account-login.yaml', sample: 'account-login' }) });
    expect(((await checked.json()) as { ok: boolean }).ok).toBe(true);
    controller.abort();
    expect((await run).code).toBe(0);
  });
});
