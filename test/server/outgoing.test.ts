import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioText, loadScriptText } from '../../src/api.ts';
import { VirtualClock } from '../../src/runtime/clock.ts';
import { createServer } from '../../src/server/app.ts';
import { createOutgoing, type FetchFunction } from '../../src/server/outgoing.ts';
import type { Role } from '../../src/server/tokens.ts';

/** A real service on 127.0.0.1: /customers/<id> answers JSON, /slow never in time, /big over 32 KB, /text not JSON. */
let service: Server;
let base = '';
const seen: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }> = [];

beforeAll(async () => {
  service = createHttpServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      if (request.url?.startsWith('/slow')) return void setTimeout(() => response.end('{}'), 2000).unref();
      if (request.url === '/big') return void response.end(JSON.stringify({ items: 'x'.repeat(1_000_000) }));
      if (request.url === '/text') return void response.writeHead(200, { 'content-type': 'text/plain' }).end('hello');
      response.writeHead(200, { 'content-type': 'application/json', 'x-service': 'local' }).end(JSON.stringify({ name: 'Ann', path: request.url }));
    });
  });
  await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
  const address = service.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  base = `http://127.0.0.1:${address.port}`;
});

afterAll(() => {
  service.closeAllConnections();
  service.close();
});

const realFetch: FetchFunction = (url, init) => fetch(url, init);

const request = (path: string, timeoutMs = 1000) => ({ method: 'GET', url: `${base}${path}`, headers: { Accept: 'application/json' }, body: '', timeoutMs, parser: 'json' as const, retries: 0, action: 'a', via: 'RestApi' as const });

describe('the allow-list transport', () => {
  it('allows the listed hosts only: a name any port, name:port that port', () => {
    const outgoing = createOutgoing({ allow: ['API.example.com', '127.0.0.1:9000'], fetch: realFetch });
    expect(outgoing.allows('https://api.example.com/x')).toBe(true);
    expect(outgoing.allows('https://api.example.com:8443/x')).toBe(true);
    expect(outgoing.allows('http://127.0.0.1:9000/x')).toBe(true);
    expect(outgoing.allows('http://127.0.0.1:9001/x')).toBe(false);
    expect(outgoing.allows('https://evil.example.com/?https://api.example.com')).toBe(false);
    expect(outgoing.allows('not a url')).toBe(false);
  });

  it('calls a real local service, with the request\'s method, headers and body', async () => {
    const outgoing = createOutgoing({ allow: ['127.0.0.1'], fetch: realFetch });
    const attempt = await outgoing.send({ ...request('/customers/42'), method: 'POST', body: '{"a":1}', headers: { 'Content-Type': 'application/json' } });
    expect(attempt).toMatchObject({ status: 200, statusText: 'OK', body: JSON.stringify({ name: 'Ann', path: '/customers/42' }) });
    expect(attempt.headers['x-service']).toBe('local');
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/customers/42', body: '{"a":1}', headers: expect.objectContaining({ 'content-type': 'application/json' }) });
  });

  it('gives up at the timeout, and reads no more than just over 32 KB of a body', async () => {
    const outgoing = createOutgoing({ allow: ['127.0.0.1'], fetch: realFetch });
    expect(await outgoing.send(request('/slow', 100))).toMatchObject({ timedOut: true, error: 'No answer within the timeout of 100 ms' });
    const big = await outgoing.send(request('/big'));
    expect(big.body.length).toBeGreaterThan(32 * 1024);
    // It stops after the chunk that passed the limit, far short of the megabyte sent.
    expect(big.body.length).toBeLessThan(300_000);
  });

  it('turns a connection failure into an attempt with an error, never a throw', async () => {
    const outgoing = createOutgoing({ allow: ['127.0.0.1'], fetch: realFetch });
    const closed = await outgoing.send({ ...request(''), url: 'http://127.0.0.1:1/x' });
    expect(closed.error).toMatch(/^The request failed/);
    const failing = createOutgoing({ allow: ['x.test'], fetch: () => Promise.reject(new Error('boom')) });
    expect(await failing.send({ ...request(''), url: 'http://x.test/' })).toMatchObject({ error: 'The request failed (boom)' });
  });
});

describe('serve with an allow-list', () => {
  const admin = 'admin-token-1234';
  const script = (url: string) => `name: LiveRest
actions:
  begin: { type: Begin, next: call }
  call:
    type: RestApi
    properties: { Service Address: "${url}", TimeOutInMilliSeconds: 500 }
    branches: { Default: ok, Error: failed }
  ok: { type: End }
  failed: { type: End }
`;

  function setup(fetcher: FetchFunction, url: string) {
    const loaded = loadScriptText(script(url), 'live.yaml');
    if (!loaded.ok) throw new Error('bad script');
    const scenario = loadScenarioText('{}');
    if (!scenario.ok) throw new Error('bad scenario');
    const server = createServer({ clock: new VirtualClock(), tokens: new Map<string, Role>([[admin, { kind: 'admin' }]]), scenario: scenario.scenario, scripts: new Map([['live', loaded.compiled]]), outgoing: createOutgoing({ allow: ['127.0.0.1'], fetch: fetcher }) });
    const call = (method: string, path: string, body?: unknown) =>
      Promise.resolve(server.fetch(new Request(`http://x${path}`, { method, headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })));
    return { call };
  }

  async function finished(call: ReturnType<typeof setup>['call'], contactId: string): Promise<Record<string, unknown>> {
    for (let i = 0; i < 200; i++) {
      const report = (await (await call('GET', `/sim/contacts/${contactId}`)).json()) as Record<string, unknown>;
      if (report['done'] === true) return report;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('the contact did not finish');
  }

  it('sends an allowed host\'s request to the network and goes on when it answers', async () => {
    const { call } = setup(realFetch, `${base}/customers/{ANI}`);
    const started = await call('POST', '/sim/contacts', { script: 'live', scenario: { caller: { ani: '5550007' } } });
    const { contactId } = (await started.json()) as { contactId: string };
    const report = await finished(call, contactId);
    expect(report['reason']).toBe('End');
    expect((report['steps'] as Array<{ action: string; branch: string }>).map((s) => `${s.action}.${s.branch}`)).toContain('call.Default');
    expect((report['variables'] as Record<string, unknown>)['resultSet']).toMatchObject({ body: { name: 'Ann', path: '/customers/5550007' }, headers: { 'x-service': 'local' } });
    expect(report['requests']).toEqual([expect.objectContaining({ answeredBy: 'network', status: 200, outcome: 'ok', url: `${base}/customers/5550007` })]);
  });

  it('retries a real failure twice (an injected fetch counts the tries) and takes Error', async () => {
    let tries = 0;
    const { call } = setup(async () => (tries++, new Response('{}', { status: 503, statusText: 'Service Unavailable' })), `${base}/down`);
    const { contactId } = (await (await call('POST', '/sim/contacts', { script: 'live' })).json()) as { contactId: string };
    const report = await finished(call, contactId);
    expect(tries).toBe(3);
    expect((report['variables'] as Record<string, unknown>)['__httpstatuscode']).toBe(503);
    expect(report['requests']).toEqual([expect.objectContaining({ attempts: 3, outcome: 'httpError' })]);
  });

  it('still answers a host that is not allowed from the contact\'s mocks, and never calls fetch for it', async () => {
    let called = false;
    const { call } = setup(async () => ((called = true), new Response('{}')), 'https://api.example.com/x');
    const mocked = (await (await call('POST', '/sim/contacts', { script: 'live', scenario: { http: [{ url: 'https://api.example.com/*', body: { from: 'mock' } }] } })).json()) as { contactId: string };
    expect((await finished(call, mocked.contactId))['requests']).toEqual([expect.objectContaining({ answeredBy: 'mock' })]);
    const unmatched = (await (await call('POST', '/sim/contacts', { script: 'live' })).json()) as { contactId: string };
    expect((await finished(call, unmatched.contactId))['reason']).toBe('UnmatchedRequest');
    expect(called).toBe(false);
  });

  it('refuses a contact whose scenario mocks are written two ways at once', async () => {
    const { call } = setup(realFetch, 'https://api.example.com/x');
    const answer = await call('POST', '/sim/contacts', { script: 'live', scenario: { http: [{ url: 'https://a.example.com', body: {}, text: 'x' }] } });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { message: string }).message).toContain('http[0] has both body and text');
  });
});
