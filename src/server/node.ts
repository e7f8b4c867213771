import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Answer, StudioSimServer } from './app.ts';

// When these hold, @hono/node-server builds the request's URL as
// `http://<host><target>` verbatim (its own rule), so the fast path sees the
// very URL the router would, and answers alike.
const verbatimHost = /^[a-z0-9._-]+(?::(?:[1-5]\d{3,4}|[6-9]\d{3}))?$/;
// Its plain request-target characters, plus `%`: the URL parser keeps
// percent-escapes as written, and the fast path only takes agent ids without any.
const verbatimTarget = /^\/[!#$%&-;=?-[\]_a-z~]*$/;
const dotSegment = /\/\.\.?(?:[/?#]|$)/;

function send(response: ServerResponse, answer: Answer): void {
  const body = JSON.stringify(answer.body);
  response.writeHead(answer.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}

/**
 * The Node request listener for a studio-sim server. The vendor's
 * custom-event PUT, the route integrations call most, is answered straight
 * from Node's request (the server's `customEventPut`, which runs the route's
 * own code); every other request, and any custom-event PUT out of the
 * ordinary (a body, an Origin, an odd Host or URL, a bad token), goes through the
 * router as it always has.
 */
export function requestListener(server: StudioSimServer, defaultHostname?: string): (request: IncomingMessage, response: ServerResponse) => void {
  const viaRouter = getRequestListener(server.fetch, defaultHostname === undefined ? {} : { hostname: defaultHostname });
  return (request, response) => {
    if (request.method === 'PUT') {
      const host = request.headers.host;
      const target = request.url ?? '';
      const noBody = request.headers['content-length'] === undefined || request.headers['content-length'] === '0';
      // A browser's request (it has an Origin) goes through the router, which answers its CORS headers.
      if (host !== undefined && noBody && request.headers.origin === undefined && request.headers['transfer-encoding'] === undefined && verbatimHost.test(host) && verbatimTarget.test(target) && !dotSegment.test(target)) {
        const answer = server.customEventPut(`http://${host}${target}`, request.headers.authorization);
        if (answer) return send(response, answer);
      }
    }
    void viaRouter(request, response);
  };
}

/** Serves `server` over HTTP on `port` and `hostname`; calls `onListening` once it listens. */
export function listen(server: StudioSimServer, options: { port: number; hostname: string }, onListening: (address: AddressInfo) => void): Server {
  // Node's own cap on the request line and headers (16 KiB) would answer 431 long before
  // the URL limit: leave room for the longest URL allowed and 16 KiB of headers.
  const http = createHttpServer({ maxHeaderSize: server.limits.maxUrlBytes + 16 * 1024 }, requestListener(server, options.hostname));
  http.listen(options.port, options.hostname, () => onListening(http.address() as AddressInfo));
  return http;
}
