// Background callers (the scenario's `callers:`) beside a call started over HTTP: same clock, same agents, listed with their place in the queue.
import { describe, expect, it } from 'vitest';
import { loadScript } from '../../src/api.ts';
import { VirtualClock } from '../../src/runtime/clock.ts';
import { createServer } from '../../src/server/app.ts';
import type { Role } from '../../src/server/tokens.ts';

const admin = 'admin-token-callers';

function setup() {
  const clock = new VirtualClock();
  const loaded = loadScript('test/fixtures/callers/vip-queue.yaml');
  if (!loaded.ok) throw new Error('bad script');
  const server = createServer({ clock, tokens: new Map<string, Role>([[admin, { kind: 'admin' }]]), scripts: new Map([['vip-queue', loaded.compiled]]) });
  const json = async (method: string, path: string, body?: unknown) => {
    const response = await server.fetch(new Request(`http://x${path}`, { method, headers: { authorization: `Bearer ${admin}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) }));
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const listed = async () => (await json('GET', '/sim/contacts')).body['contacts'] as Array<Record<string, unknown>>;
  return { clock, server, json, listed };
}

/** One agent, logging in after five minutes (the world of the test file's first case). */
const world = { agents: { '2002': { state: 'LoggedOut', loginAfter: 300, skills: ['Support'], answerAfter: 1, hangupAfter: 30 } } };
const callers = { Ann: { at: 30 }, Vic: { at: 120, ani: '5559990000', variables: { Vip: 'yes' } } };

describe('background callers under serve', () => {
  it('starts the scenario\'s callers beside the call, lists them with the queue order, and reports who answered whom', async () => {
    const { clock, json, listed } = setup();
    expect((await json('POST', '/sim/reset', { scenario: world })).status).toBe(200);
    const started = await json('POST', '/sim/contacts', { script: 'vip-queue', scenario: { callers } });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ contactId: 'contact-1', callers: [{ name: 'Ann', at: 30_000 }, { name: 'Vic', at: 120_000 }] });

    clock.set(10_000);
    expect(await listed()).toEqual([{ contactId: 'contact-1', script: 'VipQueue', done: false, reason: null, caller: 'caller', queuePosition: 1 }]);

    // Ann calls at 30 s, Vic at 120 s and is raised to priority 100: first in the queue, before those who waited longer.
    clock.set(200_000);
    const waiting = await listed();
    expect(waiting.map((c) => [c['caller'], c['contactId'], c['queuePosition']])).toEqual([
      ['caller', 'contact-1', 2],
      ['Ann', 'contact-2', 3],
      ['Vic', 'contact-3', 1],
    ]);
    expect(waiting[1]).toEqual({ contactId: 'contact-2', script: 'VipQueue', done: false, reason: null, caller: 'Ann', callerOf: 'contact-1', arrivedAt: 30_000, queuedAt: 30_000, ringingAt: null, answeredAt: null, agentId: null, queuePosition: 3 });

    // The agent logs in at 300 s and takes Vic first; each call lasts 30 s.
    clock.set(400_000);
    const after = await listed();
    expect(after.find((c) => c['caller'] === 'Vic')).toMatchObject({ done: true, reason: 'End', answeredAt: 301_000, agentId: '2002', queuePosition: null });
    expect(after.find((c) => c['caller'] === 'caller')).toMatchObject({ done: true, queuePosition: null });
    expect(after.find((c) => c['caller'] === 'Ann')).toMatchObject({ done: true, answeredAt: 363_000 });
    const report = (await json('GET', '/sim/contacts/contact-1')).body as { callers: Array<{ name: string; answeredAt?: number }> };
    expect([...report.callers].sort((a, b) => (a.answeredAt ?? 0) - (b.answeredAt ?? 0)).map((c) => c.name)).toEqual(['Vic', 'caller', 'Ann']);
    // A background caller's own report, by its id.
    expect((await json('GET', '/sim/contacts/contact-3')).body).toMatchObject({ done: true, contactId: 'contact-3', variables: { Vip: 'yes', ANI: '5559990000' } });
  });

  it('ends the background callers with a reset, those yet to call included', async () => {
    const { clock, server, json, listed } = setup();
    await json('POST', '/sim/reset', { scenario: world });
    await json('POST', '/sim/contacts', { script: 'vip-queue', scenario: { callers } });
    clock.set(60_000);
    const before = server.world;
    expect(before.running.size).toBe(2);
    await json('POST', '/sim/reset', { scenario: world });
    expect(before.running.size).toBe(0);
    clock.set(200_000);
    // Vic was to call at 120 s: the reset took that call away too.
    expect(await listed()).toEqual([]);
    expect(server.world.running.size).toBe(0);
  });

  it('refuses a scenario whose callers are wrong, saying what to fix', async () => {
    const { json } = setup();
    const refused = await json('POST', '/sim/contacts', { script: 'vip-queue', scenario: { callers: { Ann: { at: -5 } } } });
    expect(refused.status).toBe(400);
    expect(String(refused.body['message'])).toMatch(/^scenario: .*callers/);
  });
});
