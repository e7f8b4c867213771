import { request as httpRequest, type Server } from 'node:http';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/api.ts';
import { VirtualClock } from '../../src/runtime/clock.ts';
import { createServer, type StudioSimServer } from '../../src/server/app.ts';
import { listen } from '../../src/server/node.ts';

const admin = 'admin-token-node-adapter-1234';
const agentToken = 'agent-token-node-adapter-4000';
const bearer = { authorization: `Bearer ${admin}` };
const base = '/incontactapi/services/v30.0';

/** Small limits, so each refusal is reachable with short URLs (Node's own header limit is 16 KiB). */
function newServer(): StudioSimServer {
  const scenario = loadScenarioText('agents:\n  "4000": { state: Available }\n  "4001": { state: LoggedOut }\n  "100": { state: Available }\n');
  if (!scenario.ok) throw new Error('bad scenario');
  return createServer({
    clock: new VirtualClock(),
    tokens: new Map([
      [admin, { kind: 'admin' }],
      [agentToken, { kind: 'agent', agentId: '4000' }],
    ]),
    scenario: scenario.scenario,
    limits: { maxUrlBytes: 300, maxDataChars: 20, maxEventNameChars: 12 },
    maxPendingEvents: 4,
  });
}

describe('customEventPut: which requests the fast path takes', () => {
  const server = newServer();
  const putAs = (authorization: string | undefined, path: string) => server.customEventPut(`http://127.0.0.1:8080${path}`, authorization);
  const put = (path: string, authorization?: string) => putAs(authorization ?? bearer.authorization, path);

  it('answers a plain custom-event PUT with the route\'s answer', () => {
    expect(put(`${base}/agents/4000/custom-event?eventName=A&data=x`)).toEqual({ status: 202, body: { delivery: 'queued' } });
    expect(put(`${base}/agents/4000/custom-event?data=x`)).toEqual({ status: 400, body: { error: 'BadRequest', message: 'eventName is required, e.g. ?eventName=Menu_Choice' } });
    expect(put(`/INCONTACTAPI/services/v31.0/agents/4000/custom-event?eventName=B`, `Bearer ${agentToken}`)?.status).toBe(202);
  });

  it.each([
    ['another route', `${base}/agent-sessions/join?asAgentId=4000`],
    ['a trailing slash', `${base}/agents/4000/custom-event/?eventName=A`],
    ['an agent id to decode', `${base}/agents/40%30/custom-event?eventName=A`],
    ['a dot segment', `${base}/agents/../custom-event?eventName=A`],
    ['the /api path itself', '/api/agents/4000/custom-event?eventName=A'],
    ['an over-long URL', `${base}/agents/4000/custom-event?eventName=A&data=${'x'.repeat(300)}`],
  ])('leaves %s to the router', (_what, path) => {
    expect(put(path)).toBeUndefined();
  });

  it('leaves a missing or unknown token to the router, which gives the 401 and its challenge', () => {
    expect(putAs(undefined, `${base}/agents/4000/custom-event?eventName=A`)).toBeUndefined();
    expect(put(`${base}/agents/4000/custom-event?eventName=A`, 'Bearer nope-nope-nope')).toBeUndefined();
    expect(put(`${base}/agents/4000/custom-event?eventName=A`, 'Basic abc')).toBeUndefined();
  });
});

interface Seen {
  status: number;
  contentType: string | undefined;
  challenge: string | undefined;
  allowOrigin: string | undefined;
  body: string;
}

function send(port: number, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], challenge: res.headers['www-authenticate'], allowOrigin: res.headers['access-control-allow-origin'] as string | undefined, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('over sockets the fast path answers exactly as the router does', () => {
  // Two servers in the same state: one behind the node adapter (fast path), one behind the router alone.
  const fast = newServer();
  const routed = newServer();
  let routerCalls = 0;
  const fetchOfFast = fast.fetch.bind(fast);
  fast.fetch = (request: Request) => {
    routerCalls++;
    return fetchOfFast(request);
  };
  let fastHttp: Server;
  let routedHttp: Server;
  const ports = { fast: 0, routed: 0 };
  beforeAll(async () => {
    fastHttp = await new Promise((resolve) => {
      const listening = listen(fast, { port: 0, hostname: '127.0.0.1' }, (address) => {
        ports.fast = address.port;
        resolve(listening);
      });
    });
    routedHttp = await new Promise((resolve) => {
      const listening = serve({ fetch: routed.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
        ports.routed = info.port;
        resolve(listening as Server);
      });
    });
  });
  afterAll(async () => {
    for (const [server, http] of [[fast, fastHttp], [routed, routedHttp]] as const) {
      server.shutdown();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    }
  });

  const cases: Array<[string, string, Record<string, string>, string?]> = [
    ['queued', `${base}/agents/4000/custom-event?eventName=A&data=pressed%202`, bearer],
    ['persisted', `${base}/agents/4001/custom-event?eventName=P&persistInMemory=TRUE`, bearer],
    ['dropped', `${base}/agents/4001/custom-event?eventName=D&persistInMemory=false`, bearer],
    ['replaced', `${base}/agents/4000/custom-event?eventName=A&data=again`, bearer],
    ['an agent token', `${base}/agents/4000/custom-event?eventName=B`, { authorization: `Bearer ${agentToken}` }],
    ['no eventName', `${base}/agents/4000/custom-event?data=x`, bearer],
    ['an eventName given twice', `${base}/agents/4000/custom-event?eventName=A&eventName=B`, bearer],
    ['bad percent-encoding', `${base}/agents/4000/custom-event?eventName=A&data=%E0%A4%A`, bearer],
    ['persistInMemory neither true nor false', `${base}/agents/4000/custom-event?eventName=A&persistInMemory=maybe`, bearer],
    ['an eventName over its limit', `${base}/agents/4000/custom-event?eventName=${'N'.repeat(13)}`, bearer],
    ['data over its limit', `${base}/agents/4000/custom-event?eventName=A&data=${'d'.repeat(21)}`, bearer],
    ['an unknown agent', `${base}/agents/9999/custom-event?eventName=A`, bearer],
    ['an agent id to decode', `${base}/agents/10%30/custom-event?eventName=A`, bearer],
    ['no token', `${base}/agents/4000/custom-event?eventName=A`, {}],
    ['an unknown token', `${base}/agents/4000/custom-event?eventName=A`, { authorization: 'Bearer not-a-token-we-know' }],
    ['an over-long URL', `${base}/agents/4000/custom-event?eventName=A&data=${'u'.repeat(300)}`, bearer],
    ['a trailing slash', `${base}/agents/4000/custom-event/?eventName=A`, bearer],
    ['another version of the base', `/InContactAPI/services/v31.0/agents/4000/custom-event?eventName=C`, bearer],
    ['a body', `${base}/agents/4000/custom-event?eventName=E`, { ...bearer, 'content-type': 'text/plain' }, 'hi'],
    ['an upper-case Host', `${base}/agents/4000/custom-event?eventName=F`, { ...bearer, host: 'LOCALHOST:8080' }],
    ['the cap on undelivered events: the fifth', `${base}/agents/4000/custom-event?eventName=G`, bearer],
    ['and the sixth', `${base}/agents/4000/custom-event?eventName=H`, bearer],
  ];

  it('for every status the route can give', async () => {
    const statuses = new Set<number>();
    for (const [what, path, headers, body] of cases) {
      const viaFast = await send(ports.fast, 'PUT', path, headers, body);
      const viaRouter = await send(ports.routed, 'PUT', path, headers, body);
      expect(viaFast, what).toEqual(viaRouter);
      statuses.add(viaFast.status);
    }
    expect([...statuses].sort()).toEqual([202, 400, 401, 404, 414, 429]);
    // The worlds agree too.
    expect(fast.world.agents()).toEqual(routed.world.agents());
  });

  it('takes the plain requests itself and hands the rest to the router', async () => {
    const before = routerCalls;
    expect((await send(ports.fast, 'PUT', `${base}/agents/100/custom-event?eventName=Plain`, bearer)).status).toBe(202);
    expect((await send(ports.fast, 'PUT', `${base}/agents/100/custom-event?eventName=Unknown`, { authorization: 'Bearer nope-nope-nope' })).status).toBe(401);
    expect((await send(ports.fast, 'GET', '/sim/agents', bearer)).status).toBe(200);
    expect(routerCalls - before).toBe(2);
  });

  it("leaves a browser's PUT (it has an Origin) to the router, whose answer carries the CORS header", async () => {
    const before = routerCalls;
    // The same name as before, so it replaces that event: agent 100 is at its cap of undelivered events.
    const fromPage = await send(ports.fast, 'PUT', `${base}/agents/100/custom-event?eventName=Plain&data=from-a-page`, { ...bearer, origin: 'http://localhost:3000' });
    expect(fromPage.status).toBe(202);
    expect(fromPage.allowOrigin).toBe('*');
    expect(routerCalls - before).toBe(1);
  });
});

describe('the default limits over sockets', () => {
  it('takes URLs up to the URL limit, past Node\'s own 16 KiB, and answers 414 beyond it', async () => {
    const scenario = loadScenarioText('agents:\n  "4000": { state: Available }\n');
    if (!scenario.ok) throw new Error('bad scenario');
    const server = createServer({ clock: new VirtualClock(), tokens: new Map([[admin, { kind: 'admin' }]]), scenario: scenario.scenario });
    const http = await new Promise<Server>((resolve) => {
      const listening = listen(server, { port: 0, hostname: '127.0.0.1' }, () => resolve(listening));
    });
    const port = (http.address() as { port: number }).port;
    try {
      const accepted = await send(port, 'PUT', `${base}/agents/4000/custom-event?eventName=A&data=${'x'.repeat(30_000)}`, bearer);
      expect(accepted.status).toBe(202);
      const tooMuchData = await send(port, 'PUT', `${base}/agents/4000/custom-event?eventName=A&data=${'x'.repeat(40_000)}`, bearer);
      expect(tooMuchData.status).toBe(400);
      expect(tooMuchData.body).toContain('over the limit of 32768');
      expect((await send(port, 'PUT', `${base}/agents/4000/custom-event?eventName=A&data=${'x'.repeat(70_000)}`, bearer)).status).toBe(414);
      expect((await send(port, 'GET', '/sim/agents', { ...bearer, 'x-filler': 'y'.repeat(128 * 1024) })).status).toBe(431);
    } finally {
      server.shutdown();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    }
  });
});
