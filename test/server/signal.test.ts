// The vendor's signal: POST /interactions/{contactId}/signal with p1, p2, ...; the OnSignal page: a signal from a web service has source contact ID 0.
import { describe, expect, it } from 'vitest';
import { loadScriptText } from '../../src/api.ts';
import { VirtualClock } from '../../src/runtime/clock.ts';
import { createServer } from '../../src/server/app.ts';
import type { Role } from '../../src/server/tokens.ts';
import { scenarioFromData, type Scenario } from '../../src/validate/scenario.ts';

const admin = 'admin-token-signal';
const base = 'http://studio-sim.test/incontactapi/services/v30.0';

function setup(starting?: Scenario) {
  const clock = new VirtualClock();
  const loaded = loadScriptText(`name: Waiter
actions:
  begin: { type: Begin, next: pause }
  pause: { type: Wait, properties: { Seconds: 60 }, next: done }
  signalled: { type: OnSignal, properties: { SrcContactIDVar: From }, next: done }
  done: { type: End }
`);
  const plain = loadScriptText('name: Plain\nactions:\n  begin: { type: Begin, next: pause }\n  pause: { type: Wait, properties: { Seconds: 60 }, next: done }\n  done: { type: End }\n');
  if (!loaded.ok || !plain.ok) throw new Error('bad script');
  const tokens = new Map<string, Role>([[admin, { kind: 'admin' }]]);
  const server = createServer({ clock, tokens, ...(starting ? { scenario: starting } : {}), scripts: new Map([['waiter', loaded.compiled], ['plain', plain.compiled]]) });
  const call = async (method: string, path: string, body?: unknown) =>
    server.fetch(new Request(path.startsWith('http') ? path : `${base}${path}`, { method, headers: { authorization: `Bearer ${admin}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) }));
  const start = async (script: string, scenario: unknown = {}) => ((await (await call('POST', 'http://x/sim/contacts', { script, scenario })).json()) as { contactId: string }).contactId;
  const report = async (contactId: string) => (await (await call('GET', `http://x/sim/contacts/${contactId}`)).json()) as { done: boolean; steps: Array<{ action: string; interruptedBy?: string }>; variables: Record<string, unknown> };
  return { clock, call, start, report };
}

describe('POST /interactions/{contactId}/signal', () => {
  it('runs the contact\'s OnSignal with SP1, SP2 from the query and the body, source contact ID 0', async () => {
    const { clock, call, start, report } = setup();
    const contactId = await start('waiter');
    clock.set(10_000);
    const response = await call('POST', `/interactions/${contactId}/signal?p1=TechFound`, { p2: 'Sam' });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ contactId, onSignal: true, parameters: 2 });
    const after = await report(contactId);
    expect(after.done).toBe(true);
    expect(after.steps.map((s) => s.interruptedBy ?? s.action)).toEqual(['begin', 'OnSignal', 'signalled', 'done']);
    expect(after.variables).toMatchObject({ SP1: 'TechFound', SP2: 'Sam', From: '0' });
  });

  it('accepts a signal for a script without OnSignal, saying nothing runs', async () => {
    const { call, start, report } = setup();
    const contactId = await start('plain');
    const response = await call('POST', `/interactions/${contactId}/signal`);
    expect(await response.json()).toEqual({ contactId, onSignal: false, parameters: 0 });
    expect((await report(contactId)).done).toBe(false);
  });

  it('answers 404 for an unknown or ended contact, 400 for p10, a bad body, a value twice or over 32 KB', async () => {
    const { clock, call, start } = setup();
    const contactId = await start('waiter');
    const unknown = await call('POST', '/interactions/contact-99/signal?p1=x');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { message: string }).message).toBe('No running contact has the id contact-99; GET /sim/contacts lists the contacts');
    const problems: Array<[string, unknown, string]> = [
      [`/interactions/${contactId}/signal?p10=x`, undefined, 'p10 is not a signal parameter: a signal carries p1 to p9 (SP1 to SP9 in the script)'],
      [`/interactions/${contactId}/signal`, '{not json', 'The body is not JSON (it starts "{not json"); send a JSON object such as {"stationId": "1234"}'],
      [`/interactions/${contactId}/signal`, { p1: { nested: true } }, 'p1 must be text, e.g. {"p1": "TechFound"}'],
      [`/interactions/${contactId}/signal?p1=a`, { p1: 'b' }, 'p1 is given in both the query and the body; give it once'],
      [`/interactions/${contactId}/signal?p1=a&p1=b`, undefined, 'p1 is given 2 times; give it once'],
      [`/interactions/${contactId}/signal`, { p1: 'x'.repeat(40_000) }, 'p1 is 40000 characters, over the 32768 a signal parameter may hold'],
    ];
    for (const [path, body, message] of problems) {
      const response = await call('POST', path, body);
      expect(response.status, path).toBe(400);
      expect(((await response.json()) as { message: string }).message).toBe(message);
    }
    clock.set(60_000);
    const ended = await call('POST', `/interactions/${contactId}/signal`);
    expect(ended.status).toBe(404);
    expect(((await ended.json()) as { message: string }).message).toBe(`Contact ${contactId} has ended, so it cannot be signalled`);
  });

  it('sends the scenario\'s signals of a contact started with one', async () => {
    const { clock, start, report } = setup();
    const contactId = await start('waiter', { signals: [{ at: 5, parameters: ['from-scenario'] }] });
    clock.set(5_000);
    expect((await report(contactId)).variables).toMatchObject({ SP1: 'from-scenario' });
  });

  it('sends the signals of serve\'s starting scenario from the world\'s start: caller is the first contact, others by id, again after a reset', async () => {
    const read = scenarioFromData({ signals: [{ at: 5, parameters: ['to-caller'] }, { at: 7, contact: 'contact-2', parameters: ['to-second'] }] });
    if (!('scenario' in read)) throw new Error(read.problems.join('; '));
    const { clock, call, start, report } = setup(read.scenario);
    const first = await start('waiter');
    const second = await start('waiter');
    expect([first, second]).toEqual(['contact-1', 'contact-2']);
    clock.set(6_000);
    expect((await report(first)).variables).toMatchObject({ SP1: 'to-caller', From: '0' });
    expect((await report(second)).done).toBe(false);
    clock.set(7_000);
    expect((await report(second)).variables).toMatchObject({ SP1: 'to-second' });
    // A reset starts serve's own world again, and its starting scenario's signals with it.
    expect((await call('POST', 'http://x/sim/reset')).status).toBe(200);
    const again = await start('waiter');
    expect(again).toBe('contact-1');
    clock.set(12_000);
    expect((await report(again)).variables).toMatchObject({ SP1: 'to-caller' });
  });
});
