/**
 * What the vendor-SDK tests share, in Node and in Chromium: the real
 * `studio-sim serve` on loopback with the SDK fixtures (an admin token, an
 * agent's token, an agent and the agent-day script), the simulation-control
 * calls the tests make as the caller's side, and a wait for what the SDK
 * shows on its own time.
 */
import { fileURLToPath } from 'node:url';
import { runCli, type CliRun } from '../cli/helpers.ts';

export const fixtures = fileURLToPath(new URL('../fixtures/sdk/', import.meta.url));
export const adminToken = 'sdk-admin-token-0123456789';
export const agentToken = 'sdk-agent-1060-token';
export const agentId = '1060';

export interface SdkServer {
  /** The server's base URL, e.g. http://127.0.0.1:40123. */
  root: string;
  /** The URL of a vendor route under the API version the SDK fixtures use. */
  vendor(path: string): string;
  /** Raises a custom event for the agent as the vendor's documented PUT does (as an admin). */
  customEvent(eventName: string, data: string): Promise<Response>;
  /** Starts a contact of a loaded script (POST /sim/contacts as an admin); its id. */
  startContact(script: string): Promise<{ status: number; contactId: string }>;
  /** GET /sim/agents as an admin. */
  agents(): Promise<Array<{ id: string; state: string; sessionId: string | null }>>;
  /** Stops the server; the exit code it ended with. */
  stop(): Promise<number>;
}

/** Starts `serve` on a free port with the SDK fixtures and waits until it listens. */
export async function startSdkServer(): Promise<SdkServer> {
  const controller = new AbortController();
  let listening: (url: string) => void = () => {};
  const url = new Promise<string>((resolve) => {
    listening = resolve;
  });
  const server: Promise<CliRun> = runCli(['serve', '--port', '0', '--token', adminToken, '--tokens', `${fixtures}tokens.yaml`, '--scenario', `${fixtures}agents.scenario.yaml`, '--scripts', `${fixtures}scripts`], {
    signal: controller.signal,
    onOutput: (out) => {
      const match = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) listening(match[1] as string);
    },
  });
  const root = await Promise.race([url, server.then((run) => Promise.reject(new Error(`serve ended before listening (exit ${run.code})`)))]);
  const admin = { Authorization: `Bearer ${adminToken}` };
  const vendor = (path: string) => `${root}/incontactapi/services/v30.0${path}`;
  return {
    root,
    vendor,
    customEvent: (eventName, data) => fetch(vendor(`/agents/${agentId}/custom-event?eventName=${encodeURIComponent(eventName)}&persistInMemory=false&data=${encodeURIComponent(data)}`), { method: 'PUT', headers: admin }),
    async startContact(script) {
      const response = await fetch(`${root}/sim/contacts`, { method: 'POST', headers: { ...admin, 'Content-Type': 'application/json' }, body: JSON.stringify({ script }) });
      return { status: response.status, contactId: ((await response.json()) as { contactId: string }).contactId };
    },
    async agents() {
      return ((await (await fetch(`${root}/sim/agents`, { headers: admin })).json()) as { agents: Array<{ id: string; state: string; sessionId: string | null }> }).agents;
    },
    async stop() {
      controller.abort();
      return (await server).code;
    },
  };
}

/**
 * Waits until `found` gives something (the SDK works on its own time),
 * failing after `ms` with `what` and what the SDK saw instead.
 */
export async function eventually<T>(what: string, found: () => T | undefined | false | Promise<T | undefined | false>, saw: () => string | Promise<string>, ms = 20_000, everyMs = 20): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await found();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`The SDK never showed ${what}; it saw ${await saw()}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
