/**
 * The vendor's agent SDK, unmodified, in Chromium: bundled into a page
 * served from another origin than `serve`, so every call crosses origins
 * (preflights included) as a browser agent application's would. Its poll
 * worker's rxjs comes from the local package: the test runs offline.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentId, agentToken, eventually, startSdkServer, type SdkServer } from './harness.ts';
import { rxjsCdnPattern, rxjsUmdPath, sdkBundle } from './sdk-bundle.ts';

/** Debian's chromium, found on the PATH; the tests never download a browser. */
function chromiumPath(): string {
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const found = execFileSync('which', [name], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not this name
    }
  }
  throw new Error("The SDK's browser test needs Chromium and found none on the PATH. Install Debian's package: apt-get install chromium");
}

/**
 * The agent application's page: it loads the SDK bundle, and the test drives
 * it through window.agentApp; what the SDK hands the app goes to window.seen.
 */
const page = `<!doctype html>
<html><head><meta charset="utf-8"><title>agent app</title></head><body>
<script type="module">
import * as sdk from './sdk.js';
const seen = { events: [], states: [], calls: [], sessions: [] };
window.seen = seen;
window.agentApp = {
  async start(root, token, agentId) {
    const leader = sdk.CXoneLeaderElector.instance;
    await new Promise((resolve) => { leader.onLeaderChanged.subscribe((isLeader) => isLeader && resolve()); leader.start(); });
    sdk.ACDSessionManager.instance.initialize(token, { acdApiBaseUri: root }, { icAgentId: agentId });
    sdk.AdminService.instance.initialize(token, { acdApiBaseUri: root }, { icAgentId: agentId });
    sdk.CXoneAuth.instance.setCXoneConfig({ acdApiBaseUri: root });
    sdk.CXoneAuth.instance.setAuthToken({ accessToken: token });
    const session = sdk.ACDSessionManager.instance;
    session.onGetNextEvent.subscribe((events) => seen.events.push(...events));
    session.agentStateSubject.subscribe((state) => seen.states.push({ state: state.currentState.state, reason: state.currentState.reason }));
    session.callContactEventSubject.subscribe((call) => seen.calls.push({ contactId: call.contactId, status: call.status, skill: call.skill, finalState: call.finalState }));
    session.onAgentSessionChange.subscribe((change) => seen.sessions.push(change.status));
    const started = await session.startSession({ stationId: 'station-' + agentId, stationPhoneNumber: '' });
    return { status: started.status, sessionId: started.data.sessionId };
  },
  async setState(state, reason) {
    return (await sdk.AgentStateService.instance.setAgentState({ state, reason })).status;
  },
  async accept(contactId) {
    return (await new sdk.ContactService().acceptContact(contactId)).status;
  },
  async voice(control, contactId) {
    return (await new sdk.VoiceControlService()[control](contactId)).status;
  },
  async end() {
    return (await sdk.ACDSessionManager.instance.endSession({ forceLogoff: true, endContacts: true, ignorePersonalQueue: false })).status;
  },
};
window.ready = true;
</script></body></html>`;

let root = '';
let appOrigin = '';
let server: SdkServer;
let appServer: Server;
let browser: Browser;
let tab: Page;
const pageErrors: string[] = [];
/** Requests the page made that left this machine: there must be none. */
const outside: string[] = [];

beforeAll(async () => {
  server = await startSdkServer();
  root = server.root;
  // The agent application's own origin: another port on this machine, reached by another name.
  const bundle = await sdkBundle();
  appServer = createServer((request, response) => {
    if (request.url === '/sdk.js') {
      response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(bundle);
    } else if (request.url === '/' || request.url === '/index.html') {
      response.writeHead(200, { 'Content-Type': 'text/html' }).end(page);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => appServer.listen(0, '127.0.0.1', resolve));
  appOrigin = `http://localhost:${(appServer.address() as AddressInfo).port}`;

  browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  const context = await browser.newContext();
  const rxjs = readFileSync(rxjsUmdPath, 'utf8');
  await context.route(
    (address) => !['127.0.0.1', 'localhost'].includes(address.hostname),
    async (route) => {
      if (rxjsCdnPattern.test(route.request().url())) return route.fulfill({ status: 200, contentType: 'text/javascript', headers: { 'Access-Control-Allow-Origin': '*' }, body: rxjs });
      outside.push(route.request().url());
      return route.abort();
    },
  );
  tab = await context.newPage();
  tab.on('pageerror', (error) => pageErrors.push(error.message));
  await tab.goto(`${appOrigin}/`);
  await tab.waitForFunction(() => (globalThis as unknown as { ready?: boolean }).ready === true);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (appServer ? appServer.close(() => resolve()) : resolve()));
  expect(await server?.stop()).toBe(0);
});

interface Seen {
  events: Array<Record<string, unknown>>;
  states: Array<{ state: string; reason: string }>;
  calls: Array<{ contactId: string; status: string; skill: string; finalState: boolean }>;
  sessions: string[];
}

/** What the page's SDK has seen so far. */
const pageSeen = async (): Promise<Seen> => (await tab.evaluate(() => (globalThis as unknown as { seen: unknown }).seen)) as Seen;

/** Waits until what the page's SDK has seen satisfies `test`. */
function until(test: (seen: Seen) => boolean, what: string): Promise<Seen> {
  return eventually(
    `${what} (in the page)`,
    async () => {
      const seen = await pageSeen();
      return test(seen) ? seen : undefined;
    },
    async () => {
      const seen = await pageSeen();
      return JSON.stringify({ events: seen.events.map((e) => e['Type'] ?? e['eventName']), sessions: seen.sessions });
    },
    20_000,
    50,
  );
}

type App = { agentApp: Record<string, (...args: string[]) => Promise<unknown>> };

describe("the vendor's agent SDK in a browser on another origin", () => {
  it('runs an agent day: session, polling, custom events, Available, a contact answered, held, resumed and ended, the end', async () => {
    expect(new URL(appOrigin).origin).not.toBe(new URL(root).origin);
    const started = (await tab.evaluate(([r, t, a]) => (globalThis as unknown as App).agentApp['start']?.(r as string, t as string, a as string), [root, agentToken, agentId])) as { status: number; sessionId: string };
    expect(started.status).toBe(202);
    expect(started.sessionId).not.toContain('60');
    await until((seen) => seen.sessions.includes('SessionStart') && seen.states.length > 0, 'AgentSessionStart and AgentState');

    await server.customEvent('From_Postman', 'Sent_from_Postman');
    await until((seen) => seen.events.some((e) => e['eventName'] === 'From_Postman' && e['data'] === 'Sent_from_Postman'), 'the custom event');

    expect(await tab.evaluate(() => (globalThis as unknown as App).agentApp['setState']?.('Available', ''))).toBe(202);
    await until((seen) => seen.states.some((s) => s.state.toLowerCase() === 'available'), 'Available');

    const contact = await server.startContact('agent-day');
    await until((seen) => seen.events.some((e) => e['eventName'] === 'Caller_Arrived') && seen.calls.some((c) => c.contactId === contact.contactId && c.status === 'Incoming'), "the script's event and the ringing contact");
    expect(await tab.evaluate((id) => (globalThis as unknown as App).agentApp['accept']?.(id), contact.contactId)).toBe(202);
    await until((seen) => seen.calls.some((c) => c.status === 'Active') && seen.events.some((e) => e['eventName'] === 'Caller_Info'), "the answer and OnAnswer's event");
    const voice = (control: string) => tab.evaluate(([c, id]) => (globalThis as unknown as App).agentApp['voice']?.(c as string, id as string), [control, contact.contactId]);
    expect(await voice('holdContact')).toBe(202);
    await until((seen) => seen.calls.some((c) => c.status === 'Holding') && seen.events.some((e) => e['eventName'] === 'Caller_On_Hold'), "the hold and OnHold's event");
    expect(await voice('resumeContact')).toBe(202);
    await until((seen) => seen.calls.filter((c) => c.status === 'Active').length === 2, 'the call taken off hold');
    expect(await voice('endContact')).toBe(202);
    await until((seen) => seen.calls.some((c) => c.status === 'Disconnected' && c.finalState) && seen.events.some((e) => e['eventName'] === 'Caller_Released'), "the end of the call and OnRelease's event");

    expect(await tab.evaluate(() => (globalThis as unknown as App).agentApp['end']?.())).toBe(202);
    await until((seen) => seen.sessions.includes('SessionEnd'), 'AgentSessionEnd');
    expect(pageErrors).toEqual([]);
    expect(outside).toEqual([]);
  });

  it('answers the preflight of a browser without a token, and keeps /sim/ closed to other origins', async () => {
    const preflight = await fetch(`${root}/InContactAPI/services/v23.0/agent-sessions`, { method: 'OPTIONS', headers: { Origin: appOrigin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,originating-service-identifier' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('originating-service-identifier');
    const simFromPage = await tab.evaluate(async (r) => {
      try {
        await fetch(`${r}/sim/agents`, { headers: { Authorization: 'Bearer x' } });
        return 'read';
      } catch {
        return 'blocked';
      }
    }, root);
    expect(simFromPage).toBe('blocked');
  });
});
