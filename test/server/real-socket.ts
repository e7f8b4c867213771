import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll } from 'vitest';
import type { StudioSimServer } from '../../src/server/app.ts';

/**
 * Serves `server` on a free loopback port for the tests of one describe
 * block (behind hono's Node adapter, as a client of the router sees it), and
 * shuts both down afterwards.
 */
export function onRealSocket(server: StudioSimServer): { port: () => number; base: () => string } {
  let http: Server;
  let port = 0;
  beforeAll(async () => {
    http = await new Promise((resolve) => {
      const listening = serve({ fetch: server.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(listening as Server));
    });
    port = (http.address() as { port: number }).port;
  });
  afterAll(async () => {
    server.shutdown();
    await new Promise<void>((resolve) => {
      http.close(() => resolve());
      http.closeAllConnections();
    });
  });
  return { port: () => port, base: () => `http://127.0.0.1:${port}/incontactapi/services/v30.0` };
}
