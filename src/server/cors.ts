import type { MiddlewareHandler } from 'hono';

/** What the vendor's agent SDK sends: its token, a JSON body (without a Content-Type) and its own identifier. */
export const corsAllowedHeaders = ['Authorization', 'Content-Type', 'Originating-Service-Identifier'] as const;
export const corsAllowedMethods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;

/** How long a browser may keep a preflight's answer, in seconds. */
const preflightMaxAgeSeconds = 600;

/**
 * The Access-Control-Allow-Origin a request from `origin` gets: any origin
 * (`*`) when none were given, the origin itself when it is one of those
 * given, nothing otherwise (the browser then refuses the answer).
 */
export function allowedOrigin(origin: string | undefined, allowed: readonly string[] | undefined): string | undefined {
  if (allowed === undefined) return '*';
  return origin !== undefined && allowed.includes(origin) ? origin : undefined;
}

/**
 * CORS for the vendor's routes: a preflight (OPTIONS, which carries no token)
 * is answered at once with the methods and headers the vendor's SDK uses;
 * every other answer to a browser (a request with an Origin) carries
 * Access-Control-Allow-Origin. Wildcard by
 * default: these routes need a bearer token and use no cookies, so no
 * credentials are allowed. Synchronous up to `next`, so a long poll
 * registers in the same turn as its request arrives.
 */
export function corsMiddleware(allowed: readonly string[] | undefined): MiddlewareHandler {
  const methods = corsAllowedMethods.join(', ');
  const headers = corsAllowedHeaders.join(', ');
  return (c, next) => {
    const requestOrigin = c.req.header('origin');
    // Only browsers send an Origin, and only they read CORS headers: other clients' answers stay as they were.
    if (requestOrigin === undefined && c.req.method !== 'OPTIONS') return next();
    const origin = allowedOrigin(requestOrigin, allowed);
    if (c.req.method === 'OPTIONS') {
      const answer = new Headers({ 'Access-Control-Allow-Methods': methods, 'Access-Control-Allow-Headers': headers, 'Access-Control-Max-Age': String(preflightMaxAgeSeconds) });
      if (origin !== undefined) answer.set('Access-Control-Allow-Origin', origin);
      if (allowed !== undefined) answer.set('Vary', 'Origin');
      return Promise.resolve(new Response(null, { status: 204, headers: answer }));
    }
    if (origin !== undefined) c.res.headers.set('Access-Control-Allow-Origin', origin);
    if (allowed !== undefined) c.res.headers.append('Vary', 'Origin');
    return next();
  };
}
