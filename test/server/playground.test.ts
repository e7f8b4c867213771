import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadScript } from '../../src/api.ts';
import { builtinFunctions, keywords } from '../../src/expression/index.ts';
import { VirtualClock } from '../../src/runtime/clock.ts';
import type { Step } from '../../src/runtime/report.ts';
import { createServer, type ServerOptions } from '../../src/server/app.ts';
import { ControlledClock } from '../../src/server/clock.ts';
import type { FeedEntry } from '../../src/server/feed.ts';
import type { PlaygroundSample } from '../../src/server/playground.ts';
import type { Role } from '../../src/server/tokens.ts';
import { runCli } from '../cli/helpers.ts';

const admin = 'admin-token-1234';
const scripts = join(import.meta.dirname, '../../scripts');

function sample(name: string): PlaygroundSample {
  const file = join(scripts, `${name}.yaml`);
  return { name, file: `scripts/${name}.yaml`, source: readFileSync(file, 'utf8'), scenario: parse(readFileSync(join(scripts, `${name}.scenario.yaml`), 'utf8')) as Record<string, unknown> };
}

function setup(options: Partial<ServerOptions> = {}) {
  const clock = new ControlledClock({ mode: 'paused' });
  const pollClock = new VirtualClock();
  const loaded = loadScript(join(scripts, 'custom-event-sample.yaml'));
  if (!loaded.ok) throw new Error('bad sample');
  const server = createServer({
    clock,
    pollClock,
    tokens: new Map<string, Role>([[admin, { kind: 'admin' }]]),
    scripts: new Map([['custom-event-sample', loaded.compiled]]),
    samples: [sample('custom-event-sample')],
    adminToken: admin,
    ...options,
  });
  const call = async (method: string, path: string, body?: unknown, token: string | null = admin) =>
    server.fetch(
      new Request(`http://127.0.0.1:8080${path}`, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      }),
    );
  const json = async (method: string, path: string, body?: unknown) => {
    const response = await call(method, path, body);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const feed = async (after = 0) => ((await json('GET', `/sim/feed?after=${after}`)).body['entries'] as FeedEntry[]).filter((e) => e.seq > after);
  return { clock, pollClock, server, call, json, feed };
}

/** The vendor sample's world, a live contact, paused before Begin. */
/** A downloaded test case, saved beside the vendor sample, passes `studio-sim test`. */
async function expectReplays(testCase: string): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'studio-sim-playground-'));
  copyFileSync(join(scripts, 'custom-event-sample.yaml'), join(folder, 'custom-event-sample.yaml'));
  writeFileSync(join(folder, 'custom-event-sample.test.yaml'), testCase);
  const run = await runCli(['test', 'custom-event-sample.test.yaml'], { cwd: folder });
  expect(run.stdout).toContain('1 passed, 0 failed');
  expect(run.code).toBe(0);
}

async function vendorSampleContact() {
  const env = setup();
  expect((await env.json('POST', '/sim/reset', { scenario: sample('custom-event-sample').scenario })).status).toBe(200);
  const started = await env.json('POST', '/sim/contacts', { script: 'custom-event-sample', live: true });
  expect(started.status).toBe(201);
  return { ...env, contactId: started.body['contactId'] as string };
}

/** Read through a call, so the type checker does not keep a narrowed speed across awaits. */
const instant = (clock: ControlledClock) => clock.speed === 'instant';

const stepsOf = (body: Record<string, unknown>) => (body['steps'] as Step[]).map((s) => `${s.action}:${s.branch ?? s.interruptedBy ?? null}`);

describe('the playground page', () => {
  it('serves the built page at / without a token, and no file outside its folder', async () => {
    const { call } = setup();
    const page = await call('GET', '/', undefined, null);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect((await call('GET', '/playground/..%2F..%2Fpackage.json', undefined, null)).status).toBe(404);
    expect((await call('GET', '/playground/.env', undefined, null)).status).toBe(404);
    expect((await call('GET', '/favicon.ico', undefined, null)).status).toBe(204);
  });

  it('serves the script compressed, with an entity tag that turns a repeat into a 304', async () => {
    const { server } = setup();
    const get = (headers: Record<string, string>) => server.fetch(new Request('http://127.0.0.1:8080/playground/app.js', { headers }));
    const plain = await get({});
    const size = (await plain.arrayBuffer()).byteLength;
    expect(plain.headers.get('content-encoding')).toBeNull();
    const brotli = await get({ 'accept-encoding': 'gzip, deflate, br' });
    expect(brotli.headers.get('content-encoding')).toBe('br');
    expect((await brotli.arrayBuffer()).byteLength).toBeLessThan(size / 2);
    expect(brotli.headers.get('vary')).toBe('Accept-Encoding');
    const gzip = await get({ 'accept-encoding': 'gzip, br;q=0' });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    const etag = brotli.headers.get('etag') as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get({ 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('hands the admin token only to a page opened on this machine', async () => {
    const { server } = setup();
    const ask = (host: string, remoteAddress: string | undefined) =>
      server.app.fetch(new Request(`http://${host}/playground/token`, { headers: { host } }), remoteAddress ? { incoming: { socket: { remoteAddress } } } : {});
    const local = await ask('127.0.0.1:8080', '127.0.0.1');
    expect(local.status).toBe(200);
    expect(await local.json()).toEqual({ token: admin });
    expect((await ask('localhost:8080', '::1')).status).toBe(200);
    // Another machine, a DNS name pointing here (rebinding), or no socket to tell: refused, with what to do.
    const remote = await ask('192.168.1.20:8080', '192.168.1.7');
    expect(remote.status).toBe(403);
    expect(((await remote.json()) as { message: string }).message).toContain('paste the admin token');
    expect((await ask('evil.example:8080', '127.0.0.1')).status).toBe(403);
    expect((await ask('127.0.0.1:8080', undefined)).status).toBe(403);
  });
});

describe('editing', () => {
  it('a sample that calls subscripts is checked and stored beside them, and its place on disk is not sent to the page', async () => {
    const bank = { ...sample('bank-ivr'), path: join(scripts, 'bank-ivr.yaml') };
    const { json } = setup({ samples: [bank] });
    const listed = (await json('GET', '/sim/samples')).body['samples'] as Array<Record<string, unknown>>;
    expect(listed[0]?.['name']).toBe('bank-ivr');
    expect(listed[0]).not.toHaveProperty('path');
    const checked = await json('POST', '/sim/validate', { source: bank.source, file: 'bank-ivr.yaml', sample: 'bank-ivr' });
    expect(checked.body['diagnostics']).toEqual([]);
    expect(checked.body['ok']).toBe(true);
    const stored = await json('PUT', '/sim/scripts/bank-ivr', { source: bank.source, file: 'bank-ivr.yaml', sample: 'bank-ivr' });
    expect(stored.status).toBe(200);
    // Text that names no sample still has no folder: its Runsub is an error saying so.
    const loose = await json('POST', '/sim/validate', { source: bank.source, file: 'mine.yaml' });
    expect(loose.body['ok']).toBe(false);
    expect(JSON.stringify(loose.body['diagnostics'])).toContain('subscript-not-found');
  });

  it('validates as the editor types: diagnostics at line and column, and the flowchart of a valid script', async () => {
    const { json } = setup();
    const good = await json('POST', '/sim/validate', { source: sample('custom-event-sample').source });
    expect(good.body['ok']).toBe(true);
    const graph = good.body['graph'] as { nodes: Array<{ id: string }>; edges: unknown[] };
    expect(graph.nodes.map((n) => n.id)).toContain('notify_monitor');
    const bad = await json('POST', '/sim/validate', { source: 'name: x\nbegin: a\nactions:\n  a:\n    type: Begin\n    branches: { Default: [oops\n' });
    expect(bad.body['ok']).toBe(false);
    expect(bad.body['graph']).toBeNull();
    const first = (bad.body['diagnostics'] as Array<{ line: number; column: number; file: string }>)[0];
    expect(first?.file).toBe('playground.yaml');
    expect(first?.line).toBeGreaterThanOrEqual(6);
  });

  it('loads an edited script under a name contacts can run, and refuses an invalid one with its diagnostics', async () => {
    const { json } = setup();
    const source = sample('custom-event-sample').source.replace('Menu Press', 'Key');
    expect((await json('PUT', '/sim/scripts/mine', { source })).status).toBe(200);
    const invalid = await json('PUT', '/sim/scripts/mine', { source: 'name: x\nbegin: nowhere\nactions: {}\n' });
    expect(invalid.status).toBe(422);
    expect(invalid.body['message']).toMatch(/error/);
    expect((invalid.body['diagnostics'] as unknown[]).length).toBeGreaterThan(0);
    // The valid version stays loaded: nothing accepted is lost.
    expect((await json('POST', '/sim/contacts', { script: 'mine' })).status).toBe(201);
    expect((await json('PUT', '/sim/scripts/..%2Fx', { source })).status).toBe(400);
    expect((await json('PUT', '/sim/scripts/ok', { text: source })).body['message']).toContain('source is required');
  });

  it('describes every action for completion and hover', async () => {
    const { json } = setup();
    const actions = (await json('GET', '/sim/reference')).body['actions'] as Array<{ type: string; properties: Array<{ name: string; description: string }>; branches: Array<{ name: string }> }>;
    const customEvent = actions.find((a) => a.type === 'CustomEvent');
    expect(customEvent?.properties.map((p) => p.name)).toEqual(expect.arrayContaining(['TargetAgent', 'EventName', 'PersistInMemory', 'Data']));
    expect(customEvent?.branches.map((b) => b.name)).toEqual(['Default', 'OnAgentNotConnected']);
    expect(customEvent?.properties.every((p) => p.description.length > 0)).toBe(true);
    // The hover help names the script types each action works in, as the reference does.
    expect((actions as Array<{ type: string; scriptTypes?: string }>).find((a) => a.type === 'Menu')?.scriptTypes).toBe('Phone only');
  });

  it('describes the Studio language from its own module: which properties hold code, keywords, functions, system variables', async () => {
    const { json } = setup();
    const body = (await json('GET', '/sim/reference')).body as {
      actions: Array<{ type: string; properties: Array<{ name: string; kind: string }> }>;
      language: { keywords: string[]; functions: Array<{ name: string; signature: string; arity: [number, number] }>; systemVariables: Array<{ name: string }> };
    };
    const kindOf = (type: string, property: string) => body.actions.find((a) => a.type === type)?.properties.find((p) => p.name === property)?.kind;
    expect(kindOf('Snippet', 'Data')).toBe('snippet');
    expect(kindOf('If', 'Expression')).toBe('expression');
    expect(kindOf('CustomEvent', 'Data')).toBe('template');
    expect(body.language.keywords).toEqual([...keywords]);
    expect(body.language.functions.map((f) => f.name)).toEqual(builtinFunctions.map((f) => f.name));
    expect(body.language.functions.find((f) => f.name === 'asjson')).toMatchObject({ signature: 'asjson(object)', arity: [1, 1] });
    expect(body.language.systemVariables.map((v) => v.name)).toContain('ANI');
  });

  it('names the variables a valid script sets anywhere, its Snippets included, for completion', async () => {
    const { json } = setup();
    const source = ['name: Vars', 'variables: { Start: 1 }', 'actions:', '  begin: { type: Begin, next: work }', '  work:', '    type: Snippet', '    properties:', '      Data: |', '        DYNAMIC Payload', '        Count = Start + 1', '    next: done', '  done: { type: Hangup }', ''].join('\n');
    const valid = (await json('POST', '/sim/validate', { source })).body;
    expect(valid['variables']).toEqual(expect.arrayContaining(['Start', 'Payload', 'Count', 'ANI']));
    const invalid = (await json('POST', '/sim/validate', { source: source.replace('Hangup', 'Hangpu') })).body;
    expect(invalid['variables']).toBeNull();
  });

  it('lists the samples with their sources and scenarios', async () => {
    const { json } = setup();
    const samples = (await json('GET', '/sim/samples')).body['samples'] as PlaygroundSample[];
    expect(samples[0]?.name).toBe('custom-event-sample');
    expect(samples[0]?.scenario?.['agents']).toBeDefined();
  });
});

describe('stepping a live contact through the vendor sample', () => {
  it('stands before each action until stepped; a key press settles the menu; OnAnswer pre-empts the hold', async () => {
    const { json, contactId, feed, clock } = await vendorSampleContact();
    const step = () => json('POST', `/sim/contacts/${contactId}/step`);
    expect(stepsOf((await step()).body)).toEqual(['begin:Default']);
    const menu = await step();
    expect(menu.body['steps']).toEqual([]);
    expect(menu.body['current']).toBe('main_menu');
    expect((await json('POST', `/sim/contacts/${contactId}/digits`, { digits: '2' })).status).toBe(202);
    const taken: string[] = [];
    for (let i = 0; i < 40; i++) {
      const result = await step();
      if (result.status !== 200) break;
      taken.push(...stepsOf(result.body));
      if (result.body['done'] === true) break;
    }
    expect(taken).toEqual([
      'notify_monitor:Default',
      'monitor_security:Default',
      'join_monitor_session:Success',
      'get_custom_event:OnNewEvents',
      'event_received:Default',
      'after_event:True',
      'queue_with_event:Default',
      'tell_monitor_waiting:Default',
      'hold_music:Default',
      'hold_wait:Default',
      'hold_music:OnAnswer',
      'answered:Default',
      'build_caller_info:Default',
      'tell_agent:Default',
      // The script waits at Stop until the agent ends the call, 60 s after answering: OnRelease runs.
      'connected:OnRelease',
      'released:Default',
      'tell_monitor_gone:Default',
      'finished:null',
    ]);
    expect(clock.now()).toBe(108_000);
    const entries = await feed();
    const emitted = entries.filter((e) => e.kind === 'emitted').map((e) => `${e.agentId} ${e.event?.eventName} ${e.event?.delivery}`);
    expect(emitted).toEqual(['1001 Menu_Choice queued', '1001 Caller_Waiting queued', '2002 Caller_Info queued', '1001 Caller_Gone queued']);
    // Agent 2002's desktop polls its session: its get-next-event batches are in the feed.
    const batches = entries.filter((e) => e.kind === 'delivered' && e.agentId === '2002').flatMap((e) => e.events ?? []);
    expect(batches.map((e) => e['eventName'] ?? e['Type'])).toContain('Caller_Info');
    expect(entries.some((e) => e.kind === 'waiting' && e.held === true && e.current === 'answered')).toBe(true);
  });

  it('runs to the end at instant speed, and pauses again', async () => {
    const { json, contactId, server } = await vendorSampleContact();
    await json('POST', `/sim/contacts/${contactId}/digits`, { digits: '3' });
    expect((await json('PUT', '/sim/clock', { mode: 'running', speed: 'instant' })).body).toMatchObject({ mode: 'running', speed: 'instant' });
    const contact = server.world.contacts[0];
    while (!contact?.done) await new Promise((resolve) => setImmediate(resolve));
    expect(contact.reason).toBe('AgentHungUp');
    expect(contact.steps.map((s) => s.action)).toContain('tell_agent');
    expect((await json('PUT', '/sim/clock', { mode: 'paused' })).body['mode']).toBe('paused');
  });

  it('makes a test case that replays the run and passes', async () => {
    const { json, call, contactId } = await vendorSampleContact();
    await json('POST', `/sim/contacts/${contactId}/digits`, { digits: '1' });
    for (let i = 0; i < 20; i++) if ((await json('POST', `/sim/contacts/${contactId}/step`)).body['done'] === true) break;
    const response = await call('GET', `/sim/contacts/${contactId}/test-case`);
    expect(response.headers.get('content-type')).toContain('text/yaml');
    const text = await response.text();
    expect(text).toContain('reason: Hangup');
    await expectReplays(text);
  });

  it('runs to the end of one call only: the clock comes back when the call waits for its caller, and when it ends', async () => {
    const { json, contactId, server, clock } = await vendorSampleContact();
    const ran = await json('POST', `/sim/contacts/${contactId}/run-to-end`);
    expect(ran.status).toBe(202);
    const contact = server.world.contacts[0];
    // Instant until the menu listens for keys; then the clock is as it was (paused), so the menu waits for the learner.
    while (instant(clock)) await new Promise((resolve) => setImmediate(resolve));
    expect({ mode: clock.mode, speed: clock.speed }).toEqual({ mode: 'paused', speed: 1 });
    expect(contact?.currentAction).toBe('main_menu');
    expect(contact?.liveEntries).toHaveLength(1);
    await json('POST', `/sim/contacts/${contactId}/digits`, { digits: '1' });
    expect((await json('POST', `/sim/contacts/${contactId}/run-to-end`)).status).toBe(202);
    while (!contact?.done) await new Promise((resolve) => setImmediate(resolve));
    expect(contact.reason).toBe('Hangup');
    expect({ mode: clock.mode, speed: clock.speed }).toEqual({ mode: 'paused', speed: 1 });
    // The next call meets a clock that waits for its caller: its menu does not time out unheard.
    const next = await json('POST', '/sim/contacts', { script: 'custom-event-sample', live: true });
    expect((await json('POST', `/sim/contacts/${String(next.body['contactId'])}/run-to-end`)).status).toBe(202);
    while (instant(clock)) await new Promise((resolve) => setImmediate(resolve));
    expect(server.world.contacts[1]?.currentAction).toBe('main_menu');
    expect((await json('POST', `/sim/contacts/${contactId}/run-to-end`)).status).toBe(409);
  });

  it('tells in the feed what each step changed and the properties it ran with', async () => {
    const { json, contactId, feed } = await vendorSampleContact();
    await json('POST', `/sim/contacts/${contactId}/digits`, { digits: '2' });
    for (let i = 0; i < 4; i++) await json('POST', `/sim/contacts/${contactId}/step`);
    const steps = (await feed()).filter((e) => e.kind === 'step');
    expect(steps[0]?.variables).toMatchObject({ MonitorAgentId: '1001', ANI: '5551234567', ContactId: contactId });
    expect(steps[1]?.variables).toBeUndefined();
    const menu = steps.find((e) => e.step?.action === 'main_menu');
    expect(menu?.changes).toContainEqual({ name: 'DigitsEntered', after: '2' });
    const notify = steps.find((e) => e.step?.action === 'notify_monitor');
    expect(notify?.properties).toMatchObject({ TargetAgent: '1001', EventName: 'Menu_Choice', Data: 'Menu Press 2' });
    expect(notify?.changes).toEqual([]);
  });

  it('resets the clock to time 0 and the speed it was made with', async () => {
    const { json, clock } = await vendorSampleContact();
    await json('PUT', '/sim/clock', { mode: 'running', speed: 'instant' });
    await json('POST', '/sim/reset', { scenario: sample('custom-event-sample').scenario });
    expect((await json('GET', '/sim/clock')).body).toEqual({ now: 0, mode: 'paused', speed: 1 });
    expect(clock.speed).toBe(1);
  });

  it('makes a test case that replays logins and answers done by hand, timed from the call start', async () => {
    const { json, call, contactId, clock, server } = await vendorSampleContact();
    const step = async () => (await json('POST', `/sim/contacts/${contactId}/step`)).body;
    await json('POST', `/sim/contacts/${contactId}/digits`, { digits: '3' });
    const contact = server.world.contacts[0];
    for (let i = 0; i < 6 && contact?.currentAction !== 'hold_music'; i++) await step();
    for (let i = 0; i < 3; i++) await step();
    // Agent 2002 logs in by hand 40 s early, and is answered by hand as soon as it rings.
    expect((await json('POST', '/sim/agents/2002/login')).status).toBe(200);
    for (let i = 0; i < 10 && server.world.agentState('2002') !== 'InboundContact'; i++) await step();
    expect(clock.now()).toBeLessThan(40_000);
    expect((await json('POST', '/sim/agents/2002/answer')).status).toBe(200);
    for (let i = 0; i < 40 && !contact?.done; i++) await step();
    expect(contact?.done).toBe(true);
    const text = await (await call('GET', `/sim/contacts/${contactId}/test-case`)).text();
    expect(text).toContain('by hand are in the scenario');
    await expectReplays(text);
  });

  it('lets the agent hold, resume and end the call by hand, and the test case replays that too', async () => {
    const { json, call, contactId, server } = await vendorSampleContact();
    const step = async () => (await json('POST', `/sim/contacts/${contactId}/step`)).body;
    const contact = server.world.contacts[0];
    await json('POST', `/sim/contacts/${contactId}/digits`, { digits: '3' });
    await json('POST', '/sim/agents/2002/login');
    for (let i = 0; i < 10 && server.world.agentState('2002') !== 'InboundContact'; i++) await step();
    expect((await json('POST', '/sim/agents/2002/end-contact')).status).toBe(409);
    expect((await json('POST', '/sim/agents/2002/answer')).status).toBe(200);
    for (let i = 0; i < 10 && contact?.currentAction !== 'connected'; i++) await step();
    await step();
    expect(contact?.currentAction).toBe('connected');
    expect((await json('POST', '/sim/agents/2002/resume')).status).toBe(409);
    expect((await json('POST', '/sim/agents/2002/hold')).body).toEqual({ held: contactId });
    // OnHold's music loop: on_hold, then hold_music playing (taken back before its 25 s are up).
    for (let i = 0; i < 3; i++) await step();
    expect(contact?.steps.map((s) => s.action)).toContain('on_hold');
    expect((await json('POST', '/sim/agents/2002/resume')).body).toEqual({ resumed: contactId });
    expect((await json('POST', '/sim/agents/2002/end-contact')).body).toEqual({ ended: contactId });
    for (let i = 0; i < 10 && !contact?.done; i++) await step();
    expect(contact?.done).toBe(true);
    expect(contact?.steps.map((s) => s.action)).toContain('released');
    expect(server.world.agentState('2002')).toBe('Available');
    const text = await (await call('GET', `/sim/contacts/${contactId}/test-case`)).text();
    expect(text).toMatch(/hangupAfter: \d/);
    expect(text).toContain('holds:');
    await expectReplays(text);
  });

  it('lets the caller hang up (OnRelease) and an agent answer by hand', async () => {
    const { json, contactId, server } = await vendorSampleContact();
    await json('PUT', '/sim/clock', { mode: 'running', speed: 'instant' });
    await json('POST', `/sim/contacts/${contactId}/digits`, { digits: '3' });
    await json('PUT', '/sim/clock', { mode: 'paused' });
    expect((await json('POST', '/sim/agents/2002/answer')).status).toBe(409);
    await json('POST', '/sim/agents/2002/login');
    const answered = await json('POST', '/sim/agents/2002/answer');
    expect(answered.body).toEqual({ answered: contactId });
    expect((await json('POST', `/sim/contacts/${contactId}/hangup`)).status).toBe(202);
    expect((await json('POST', `/sim/contacts/${contactId}/hangup`)).status).toBe(409);
    expect(server.world.contacts[0]?.variables.get('AgentId')).toBe('2002');
  });
});

describe('the live feed', () => {
  it('answers at once with what is new, waits for the next entry, and times out empty', async () => {
    const { call, json, pollClock } = setup();
    const first = await json('GET', '/sim/feed?after=0');
    const next = first.body['next'] as number;
    const waiting = call('GET', `/sim/feed?after=${next}&timeout=20`);
    await json('POST', '/sim/agents', { id: '3003' });
    await json('POST', '/sim/agents/3003/login');
    const woken = (await (await waiting).json()) as { entries: FeedEntry[] };
    expect(woken.entries[0]?.kind).toBe('login');
    const last = (woken.entries[woken.entries.length - 1] as FeedEntry).seq;
    const idle = call('GET', `/sim/feed?after=${last + 100}&timeout=5`);
    pollClock.increment(5_000);
    expect(await (await idle).json()).toMatchObject({ entries: [] });
  });
});

describe('mistakes get a 4xx that says how to fix them', () => {
  it.each([
    ['PUT', '/sim/clock', { speed: 5 }, 400, 'speed must be 1, 10 or "instant"'],
    ['PUT', '/sim/clock', { mode: 'fast' }, 400, 'mode must be "running" or "paused"'],
    ['GET', '/sim/feed?after=abc', undefined, 400, 'after must be'],
    ['GET', '/sim/feed?timeout=90', undefined, 400, 'timeout must be a whole number of seconds from 0 to 30'],
    ['POST', '/sim/contacts/contact-9/step', undefined, 404, 'No contact contact-9'],
    ['POST', '/sim/contacts', { script: 'custom-event-sample', live: 'yes' }, 400, 'live must be true'],
    ['POST', '/sim/reset', { scenario: { agents: 5 } }, 400, 'scenario: /agents must be object'],
    ['POST', '/sim/agents/nobody/answer', undefined, 404, 'not in the simulation'],
  ])('%s %s', async (method, path, body, status, message) => {
    const { json } = setup();
    const result = await json(method, path, body);
    expect(result.status).toBe(status);
    expect(result.body['message']).toContain(message);
  });

  it('refuses bad keys and keys for a caller who left', async () => {
    const { json, contactId } = await vendorSampleContact();
    expect((await json('POST', `/sim/contacts/${contactId}/digits`, { digits: '2a' })).body['message']).toContain('0-9, * and #');
    await json('POST', `/sim/contacts/${contactId}/hangup`);
    expect((await json('POST', `/sim/contacts/${contactId}/digits`, { digits: '2' })).status).toBe(409);
  });

  it('says so when the clock runs at wall-clock time and cannot be stepped', async () => {
    const { json } = setup({ clock: new VirtualClock() });
    await json('POST', '/sim/reset', { scenario: sample('custom-event-sample').scenario });
    const started = await json('POST', '/sim/contacts', { script: 'custom-event-sample' });
    const stepped = await json('POST', `/sim/contacts/${String(started.body['contactId'])}/step`);
    expect(stepped.status).toBe(409);
    expect(stepped.body['message']).toContain('cannot be paused or stepped');
  });
});

describe('subscripts and REST calls in the playground', () => {
  /** A sample read from its file, as serve lists it: the file it stands for stays on the server. */
  const sampleWithPath = (name: string): PlaygroundSample => ({ ...sample(name), path: join(scripts, `${name}.yaml`) });

  function withSamples() {
    return setup({ samples: [sampleWithPath('account-login'), sampleWithPath('customer-lookup')] });
  }

  it('keeps the sample files on the server, and validates a sample text beside its file, drawing the scripts it calls', async () => {
    const { json } = withSamples();
    const listed = (await json('GET', '/sim/samples')).body['samples'] as Array<Record<string, unknown>>;
    expect(listed.map((s) => s['name'])).toEqual(['account-login', 'customer-lookup']);
    expect(listed.every((s) => !('path' in s))).toBe(true);
    const source = sample('account-login').source;
    const checked = await json('POST', '/sim/validate', { source, file: 'account-login.yaml', sample: 'account-login' });
    expect(checked.body['ok']).toBe(true);
    const graph = checked.body['graph'] as { nodes: Array<{ id: string; group?: string }>; edges: Array<{ from: string; to: string; kind: string }> };
    expect(graph.nodes.find((n) => n.id === 'authenticate.yaml:ask_pin')?.group).toBe('subs/authenticate.yaml');
    expect(graph.nodes.some((n) => n.id === 'locked-out.yaml:begin')).toBe(true);
    expect(graph.edges).toContainEqual(expect.objectContaining({ from: 'authenticate', to: 'authenticate.yaml:begin', kind: 'calls' }));
    // An edited buffer of the sample keeps its folder.
    const edited = source.replace('caption: PIN accepted?', 'caption: PIN taken?');
    expect((await json('POST', '/sim/validate', { source: edited, file: 'account-login.yaml', sample: 'account-login' })).body['ok']).toBe(true);
    expect((await json('PUT', '/sim/scripts/playground', { source: edited, file: 'account-login.yaml', sample: 'account-login' })).status).toBe(200);
  });

  it('validates a sample by its name alone (the page asks before it has the text), the same answer as for its text', async () => {
    const { json } = withSamples();
    const byName = await json('POST', '/sim/validate', { sample: 'account-login' });
    expect(byName.status).toBe(200);
    const byText = await json('POST', '/sim/validate', { source: sample('account-login').source, file: 'account-login.yaml', sample: 'account-login' });
    expect(byName.body).toEqual(byText.body);
    expect(byName.body['ok']).toBe(true);
    expect((byName.body['graph'] as { nodes: Array<{ id: string }> }).nodes.some((n) => n.id === 'authenticate.yaml:ask_pin')).toBe(true);
    // Asked again (kept), and for an edited text of it (not the kept answer).
    expect((await json('POST', '/sim/validate', { sample: 'account-login' })).body).toEqual(byText.body);
    const edited = await json('POST', '/sim/validate', { source: sample('account-login').source.replace('type: Begin', 'type: Beginn'), file: 'account-login.yaml', sample: 'account-login' });
    expect(edited.body['ok']).toBe(false);
    const neither = await json('POST', '/sim/validate', { file: 'account-login.yaml' });
    expect(neither.status).toBe(400);
    expect(neither.body['message']).toContain('source is required');
    expect((await json('POST', '/sim/validate', { sample: 'no-such-sample' })).status).toBe(400);
  });

  it('says what to do when text of its own calls a script, and refuses a sample it does not have', async () => {
    const { json } = withSamples();
    const own = await json('POST', '/sim/validate', { source: sample('account-login').source, file: 'mine.yaml' });
    expect(own.body['ok']).toBe(false);
    const problem = (own.body['diagnostics'] as Array<{ code: string; hint: string; line: number }>).find((d) => d.code === 'subscript-not-found');
    expect(problem?.hint).toContain('open the sample that calls them from the Samples menu');
    expect(problem?.line).toBeGreaterThan(1);
    const unknown = await json('POST', '/sim/validate', { source: 'name: x', sample: '../etc/passwd' });
    expect(unknown.status).toBe(400);
    expect(unknown.body['message']).toContain('sample must name one of the samples');
    expect((await json('POST', '/sim/validate', { source: 'name: x', sample: 5 })).status).toBe(400);
  });

  it('follows a call into its subscript: the step names its file, shows its own properties, and the feed says where the call is', async () => {
    const { json, feed } = withSamples();
    const source = sample('account-login').source;
    await json('PUT', '/sim/scripts/login', { source, file: 'account-login.yaml', sample: 'account-login' });
    await json('POST', '/sim/reset', { scenario: sample('account-login').scenario });
    const started = await json('POST', '/sim/contacts', { script: 'login', live: true, scenario: { caller: { ani: '5550002222' } } });
    const contactId = started.body['contactId'] as string;
    for (let i = 0; i < 4; i++) await json('POST', `/sim/contacts/${contactId}/step`);
    const entries = await feed();
    const steps = entries.filter((e) => e.kind === 'step' && e.contactId === contactId);
    const prompt = steps.find((e) => e.step?.action === 'prompt');
    expect(prompt?.step?.script).toBe('subs/authenticate.yaml');
    expect(prompt?.properties?.['Sequence']).toBe('"%Please enter your four digit PIN"');
    expect(prompt?.current).toBe('authenticate.yaml:ask_pin');
    const waiting = entries.filter((e) => e.kind === 'waiting' && e.contactId === contactId).map((e) => e.current);
    expect(waiting).toContain('authenticate.yaml:ask_pin');
    await json('POST', `/sim/contacts/${contactId}/digits`, { digits: '1234' });
    for (let i = 0; i < 12; i++) await json('POST', `/sim/contacts/${contactId}/step`);
    const after = (await feed()).filter((e) => e.kind === 'step' && e.contactId === contactId);
    // Back in the main script after Return: the Runsub's step and the next one name no file.
    expect(after.find((e) => e.step?.action === 'ask_pin')?.properties?.['MaxDigits']).toBe(4);
    const runsub = after.find((e) => e.step?.action === 'authenticate');
    expect(runsub?.step?.script).toBeUndefined();
    expect(runsub?.current).toBe('verified');
    expect(runsub?.properties?.['ScriptName']).toBe('subs/authenticate');
    // The subscript's own variables vanish at Return: the feed says so, so a variables panel drops them.
    const back = after.find((e) => e.step?.action === 'back');
    const gone = [...(back?.changes ?? []), ...(runsub?.changes ?? [])].filter((c) => c.gone).map((c) => c.name);
    expect(gone).toContain('Pin');
    expect(gone).not.toContain('CustomerName');
  });

  it('answers a call\'s REST requests from the mocks the page sends with it', async () => {
    const { json, feed } = withSamples();
    await json('PUT', '/sim/scripts/lookup', { source: sample('customer-lookup').source, file: 'customer-lookup.yaml', sample: 'customer-lookup' });
    const scenario = sample('customer-lookup').scenario as Record<string, unknown>;
    await json('POST', '/sim/reset', { scenario });
    const started = await json('POST', '/sim/contacts', { script: 'lookup', live: true, scenario: { caller: scenario['caller'], http: scenario['http'] } });
    const contactId = started.body['contactId'] as string;
    await json('PUT', '/sim/clock', { mode: 'running', speed: 'instant' });
    await expect.poll(async () => (await json('GET', `/sim/contacts/${contactId}`)).body['done']).toBe(true);
    const report = (await json('GET', `/sim/contacts/${contactId}`)).body;
    expect(report['reason']).toBe('End');
    const steps = (await feed()).filter((e) => e.kind === 'step' && e.contactId === contactId);
    const requests = steps.flatMap((e) => (e.requests ?? []).map((r) => [e.step?.action, r.via, r.method, r.url, r.status, r.attempts, r.outcome, r.mock]));
    expect(requests).toEqual([
      ['find_caller', 'RestApi', 'GET', 'https://crm.example.com/customers/5551234567?fields=id%2Cname', 200, 2, 'ok', 0],
      ['score', 'MakeRestRequest', 'POST', 'https://score.example.com/v1/score', 200, 1, 'ok', 1],
    ]);
  });

  it('tells of a request no mock answers in words, with the mock to add', async () => {
    const { json, feed } = withSamples();
    await json('PUT', '/sim/scripts/lookup', { source: sample('customer-lookup').source, file: 'customer-lookup.yaml', sample: 'customer-lookup' });
    await json('POST', '/sim/reset', { scenario: sample('customer-lookup').scenario });
    const started = await json('POST', '/sim/contacts', { script: 'lookup', live: true, scenario: { http: [] } });
    const contactId = started.body['contactId'] as string;
    await json('PUT', '/sim/clock', { mode: 'running', speed: 'instant' });
    await expect.poll(async () => (await json('GET', `/sim/contacts/${contactId}`)).body['done']).toBe(true);
    const unmatched = (await feed()).flatMap((e) => (e.contactId === contactId ? (e.requests ?? []) : [])).find((r) => r.outcome === 'unmatched');
    expect(unmatched?.answeredBy).toBe('unmatched');
    expect(unmatched?.message).toContain('https://crm.example.com/customers/5551234567');
    expect(unmatched?.message).toContain('http:');
  });
});

describe('spawned contacts and transfers in the playground', () => {
  it('tells the feed of a spawn under the contact that made it, and answers for the spawned contact by its id', async () => {
    const loaded = loadScript(join(scripts, 'callback-request.yaml'));
    if (!loaded.ok) throw new Error('bad sample');
    const { json, feed } = setup({ scripts: new Map([['callback-request', loaded.compiled]]), samples: [sample('callback-request')] });
    const scenario = sample('callback-request').scenario as Record<string, unknown>;
    await json('POST', '/sim/reset', { scenario });
    const started = await json('POST', '/sim/contacts', { script: 'callback-request', scenario });
    const parent = started.body['contactId'] as string;
    await json('PUT', '/sim/clock', { mode: 'running', speed: 'instant' });
    const spawnedEntry = async () => (await feed()).find((e) => e.kind === 'spawned');
    await expect.poll(spawnedEntry).toBeDefined();
    const told = (await spawnedEntry()) as FeedEntry;
    expect(told.contactId).toBe(parent);
    expect(told.spawn).toMatchObject({ action: 'schedule_call', script: 'AppointmentReminder', file: expect.stringContaining('appointment-reminder.yaml'), onSignal: false });
    // serve's calendar is today's: the sample's StartDate (1/1/2026 9:05) has passed, so it starts at once.
    expect(told.spawn?.startsAt).toBe(told.at);
    const child = told.spawn?.contactId as string;
    expect(child).not.toBe(parent);
    // Listed beside the contacts started over HTTP, with the contact that spawned it.
    const listed = async () => ((await json('GET', '/sim/contacts')).body['contacts'] as Array<Record<string, unknown>>).find((c) => c['contactId'] === child);
    expect(await listed()).toMatchObject({ script: 'AppointmentReminder', spawnedBy: parent, startsAt: told.spawn?.startsAt });
    await expect.poll(async () => (await listed())?.['done'], { timeout: 20_000 }).toBe(true);
    // Its own report, its own steps in the feed.
    const report = await json('GET', `/sim/contacts/${child}`);
    expect(report.status).toBe(200);
    expect(report.body['contactId']).toBe(child);
    expect((report.body['steps'] as Step[]).map((s) => s.action)).toContain('call_customer');
    expect((await feed()).some((e) => e.kind === 'step' && e.contactId === child && e.step?.action === 'call_customer')).toBe(true);
    // The parent's report lists it with the path it took.
    const parentReport = (await json('GET', `/sim/contacts/${parent}`)).body;
    expect((parentReport['spawned'] as Array<{ contactId: string; path: string[]; reason?: string }>)[0]).toMatchObject({ contactId: child, reason: (report.body['reason'] as string) });
  });

  it('tells where a transfer went, and a busy number only by its branch', async () => {
    const { json, feed } = setup();
    const source = [
      'name: Xfer',
      'mediaType: Phone',
      'actions:',
      '  begin: { type: Begin, next: out }',
      '  out:',
      '    type: Transfer',
      '    properties: { Destination: "18005550199", CallerID: "8005550100", NoAnswerTimeout: 20 }',
      '    branches: { Default: done, OnBusy: busy }',
      '  busy: { type: Hangup }',
      '  done: { type: End }',
      '',
    ].join('\n');
    expect((await json('PUT', '/sim/scripts/xfer', { source })).status).toBe(200);
    const call = async (answer: string) => {
      await json('POST', '/sim/reset', { scenario: { numbers: { '18005550199': { answer, after: 8 } } } });
      // Contact ids start again after a reset: only what came after it.
      const after = Math.max(0, ...(await feed()).map((e) => e.seq));
      const contactId = (await json('POST', '/sim/contacts', { script: 'xfer' })).body['contactId'] as string;
      await json('PUT', '/sim/clock', { mode: 'running', speed: 'instant' });
      await expect.poll(async () => (await json('GET', `/sim/contacts/${contactId}`)).body['done']).toBe(true);
      return { contactId, entries: (await feed(after)).filter((e) => e.contactId === contactId) };
    };
    const answered = await call('Answered');
    const transferred = answered.entries.find((e) => e.kind === 'transferred');
    expect(transferred?.transfer).toEqual({ at: 8000, action: 'out', type: 'Transfer', destination: '18005550199', callerId: '8005550100', result: 'Answered' });
    const busy = await call('Busy');
    expect(busy.entries.some((e) => e.kind === 'transferred')).toBe(false);
    expect(busy.entries.find((e) => e.kind === 'step' && e.step?.action === 'out')?.step?.branch).toBe('OnBusy');
  });
});
