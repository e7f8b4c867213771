import { httpLimits, type Attempt, type HttpRequest, type Outgoing } from '../runtime/http.ts';

/** The part of the WHATWG fetch the transport uses: injected, so tests check the calls without the network. */
export type FetchFunction = (url: string, init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal; redirect: 'manual' }) => Promise<Response>;

/** Reads at most `limit` bytes of a body (one more tells it was longer): a huge answer never fills memory. */
async function readCapped(response: Response, limit: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A host as the allow-list names it: lower case, without brackets. */
const hostOf = (url: string): { host: string; hostname: string } | undefined => {
  try {
    const parsed = new URL(url);
    return { host: parsed.host.toLowerCase(), hostname: parsed.hostname.toLowerCase().replace(/^\[|\]$/g, '') };
  } catch {
    return undefined;
  }
};

/**
 * Real outgoing REST calls for `serve --allow-http`: only to the hosts
 * listed (a name matches any port, `name:port` that port only); every other
 * request is still answered by the scenario's mocks. Each try has the
 * request's timeout; redirects are not followed (a 3xx is the answer).
 */
export function createOutgoing(options: { allow: readonly string[]; fetch: FetchFunction; now?: () => number }): Outgoing {
  const allowed = new Set(options.allow.map((host) => host.trim().toLowerCase()).filter((host) => host !== ''));
  const now = options.now ?? (() => performance.now());
  return {
    allows(url) {
      const found = hostOf(url);
      return found !== undefined && (allowed.has(found.hostname) || allowed.has(found.host));
    },
    async send(request: HttpRequest): Promise<Attempt> {
      const started = now();
      const elapsed = () => Math.round(now() - started);
      try {
        const response = await options.fetch(request.url, {
          method: request.method,
          headers: request.headers,
          ...(request.body !== '' && request.method !== 'GET' ? { body: request.body } : {}),
          signal: AbortSignal.timeout(Math.max(1, request.timeoutMs)),
          redirect: 'manual',
        });
        const body = await readCapped(response, httpLimits.maxResponseBytes);
        const headers: Record<string, string> = Object.create(null);
        response.headers.forEach((value, key) => {
          headers[key] = value;
        });
        return { status: response.status, statusText: response.statusText, headers, body, elapsedMs: elapsed() };
      } catch (error) {
        const name = error instanceof Error ? error.name : '';
        if (name === 'TimeoutError' || name === 'AbortError') return { headers: {}, body: '', elapsedMs: elapsed(), timedOut: true, error: `No answer within the timeout of ${request.timeoutMs} ms` };
        const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
        return { headers: {}, body: '', elapsedMs: elapsed(), error: `The request failed (${error instanceof Error ? error.message : String(error)}${cause})` };
      }
    },
  };
}
