import { STATUS_CODES } from 'node:http';
import { stringify } from 'yaml';

/**
 * Outgoing REST calls (the RestApi action and GetRESTProxy() in a Snippet),
 * answered from the scenario's `http:` mocks in virtual time. The network is
 * never used unless a server opts in for named hosts (`serve --allow-http`),
 * and then only through an injected transport.
 */

/** The verbs the REST API action offers (https://help.incontact.com/Summer20/EN/Content/Studio/Actions/REST_API/REST_API.htm). */
export const httpMethods = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH'] as const;

/** The REST API action's documented limits (https://help.nicecxone.com/Content/studio/actions/rest_api/rest_api.htm). */
export const httpLimits = {
  /** Largest response body, in bytes. */
  maxResponseBytes: 32 * 1024,
  /** Longest timeout a request may set. */
  maxTimeoutMs: 90_000,
  /** Automatic retries after a failed attempt (RestApi only). */
  retries: 2,
} as const;

/** One answer a mock gives, as the scenario's `http:` entry describes it. */
export interface MockResponse {
  status: number;
  headers: Record<string, string>;
  /** The body as sent: JSON text for `body`, the text as written for `text`. */
  body: string;
  /** Virtual time before the answer arrives. */
  delayMs: number;
  /** No HTTP answer at all: the connection failed with this message. */
  error?: string;
  /** How many requests this response answers before the next one in the list takes over; the last answers all that follow. */
  times?: number;
}

export interface HttpMock {
  /** Position in the scenario's `http:` list (0-based). */
  index: number;
  /** Upper-case method, or undefined for any. */
  method?: string;
  /** The URL pattern: `*` stands for any run of characters; without a `?` the request's query string is ignored. */
  url: string;
  responses: MockResponse[];
}

/** A request as an action or the Snippet proxy makes it. */
export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** How the body is read: JSON (parsed), JSON with the body ignored, or XML (which studio-sim does not parse). */
  parser: 'json' | 'jsonIgnoreBody' | 'xml' | 'xmlIgnoreBody';
  retries: number;
  /** Who made it: the action id, and which way (the action or the Snippet function). */
  action: string;
  via: 'RestApi' | 'MakeRestRequest';
}

/** One try at a request: an HTTP answer, or none (timeout, connection failure). */
export interface Attempt {
  status?: number;
  statusText?: string;
  headers: Record<string, string>;
  body: string;
  elapsedMs: number;
  /** Why there is no usable HTTP answer. */
  error?: string;
  timedOut?: boolean;
}

export type HttpOutcome = 'ok' | 'httpError' | 'timeout' | 'failed' | 'tooLarge' | 'notJson' | 'xml';

/** What a request finally gave, after any retries. */
export interface HttpResult {
  outcome: HttpOutcome;
  status?: number;
  statusText?: string;
  headers: Record<string, string>;
  /** The parsed JSON body ('' for an empty or ignored body). */
  json: unknown;
  /** Why the request failed, for `_ERR` (empty when outcome is ok or httpError). */
  error: string;
  attempts: number;
  elapsedMs: number;
}

/** A request as the run's report keeps it. */
export interface HttpRecord {
  /** When it was sent, in virtual ms. */
  at: number;
  contactId?: string;
  action: string;
  via: HttpRequest['via'];
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Which answered: a scenario mock (its position in `http:`), the network, or nothing. */
  answeredBy: 'mock' | 'network' | 'unmatched';
  mock?: number;
  attempts: number;
  status?: number;
  outcome: HttpOutcome | 'unmatched';
  elapsedMs: number;
}

/** A transport to the real network for allowed hosts (serve --allow-http). */
export interface Outgoing {
  allows(url: string): boolean;
  send(request: HttpRequest): Promise<Attempt>;
}

export type HttpCall =
  | { kind: 'answered'; result: HttpResult; record: HttpRecord }
  | { kind: 'pending'; record: HttpRecord; wait(done: (result: HttpResult) => void): () => void }
  | { kind: 'unmatched'; record: HttpRecord; message: string };

const globs = new Map<string, RegExp>();

/** Whether a URL matches a mock's pattern: `*` is any run of characters; a pattern without `?` ignores the URL's query string. */
export function urlMatches(pattern: string, url: string): boolean {
  let regex = globs.get(pattern);
  if (!regex) {
    regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
    if (globs.size > 1000) globs.clear();
    globs.set(pattern, regex);
  }
  const target = pattern.includes('?') ? url : url.split('?')[0] ?? url;
  return regex.test(target);
}

/** Whether a failed attempt is worth trying again: no answer, a server error, or a throttle. */
export function retryable(attempt: Attempt): boolean {
  if (attempt.error !== undefined) return true;
  const status = attempt.status ?? 0;
  return status >= 500 || status === 408 || status === 429;
}

const lowerKeys = (headers: Record<string, string>): Record<string, string> => {
  const out: Record<string, string> = Object.create(null);
  for (const [key, value] of Object.entries(headers)) out[key.toLowerCase()] = value;
  return out;
};

/** The final attempt read as the action or the proxy sees it: limits checked, the JSON body parsed. */
export function finish(attempt: Attempt, attempts: number, elapsedMs: number, parser: HttpRequest['parser']): HttpResult {
  const base = { headers: lowerKeys(attempt.headers), attempts, elapsedMs, json: '' as unknown };
  const status = attempt.status === undefined ? {} : { status: attempt.status, statusText: attempt.statusText ?? STATUS_CODES[attempt.status] ?? '' };
  if (attempt.error !== undefined) return { ...base, outcome: attempt.timedOut ? 'timeout' : 'failed', error: attempt.error };
  const bytes = Buffer.byteLength(attempt.body, 'utf8');
  if (bytes > httpLimits.maxResponseBytes) {
    return { ...base, ...status, outcome: 'tooLarge', error: `The response is ${bytes} bytes, over the 32 KB (${httpLimits.maxResponseBytes} bytes) limit; ask the service for less data` };
  }
  const httpOutcome: HttpOutcome = (attempt.status ?? 0) >= 200 && (attempt.status ?? 0) < 300 ? 'ok' : 'httpError';
  if (parser === 'jsonIgnoreBody' || parser === 'xmlIgnoreBody' || attempt.body.trim() === '') return { ...base, ...status, outcome: httpOutcome, error: '' };
  if (parser === 'xml') {
    return { ...base, ...status, outcome: 'xml', error: 'studio-sim does not parse XML responses (the vendor does not document how XML becomes a dynamic object); mock a JSON body and use parser 0' };
  }
  try {
    return { ...base, ...status, outcome: httpOutcome, error: '', json: JSON.parse(attempt.body) as unknown };
  } catch {
    const type = base.headers['content-type'];
    return { ...base, ...status, outcome: 'notJson', error: `The response is not JSON${type ? ` (Content-Type ${type})` : ''}: only JSON responses are supported` };
  }
}

/** What to add to the scenario so a request is answered: a mock for exactly this method and URL. */
export function mockSuggestion(request: Pick<HttpRequest, 'method' | 'url'>): string {
  return stringify({ http: [{ method: request.method, url: request.url, status: 200, body: {} }] }).trimEnd();
}

/**
 * The requests of one simulated world: mocks answer them in order (each
 * mock steps through its responses), the allowed hosts go to the network,
 * and every request is recorded.
 */
export class HttpWorld {
  readonly records: HttpRecord[] = [];
  readonly #mocks: readonly HttpMock[];
  readonly #outgoing: Outgoing | undefined;
  /** Requests each mock has answered, by its index. */
  readonly #served = new Map<number, number>();

  constructor(mocks: readonly HttpMock[], outgoing?: Outgoing) {
    this.#mocks = mocks;
    this.#outgoing = outgoing;
  }

  /** The first mock for this method and URL. */
  mockFor(method: string, url: string): HttpMock | undefined {
    return this.#mocks.find((mock) => (mock.method === undefined || mock.method === method) && urlMatches(mock.url, url));
  }

  /** The next answer of a mock: each response answers `times` requests, the last all that follow. */
  #nextResponse(mock: HttpMock): MockResponse {
    const served = this.#served.get(mock.index) ?? 0;
    this.#served.set(mock.index, served + 1);
    let seen = 0;
    for (const response of mock.responses) {
      seen += response.times ?? 1;
      if (served < seen) return response;
    }
    return mock.responses[mock.responses.length - 1] as MockResponse;
  }

  #attemptFromMock(mock: HttpMock, timeoutMs: number): Attempt {
    const response = this.#nextResponse(mock);
    if (response.delayMs > timeoutMs) return { headers: {}, body: '', elapsedMs: timeoutMs, timedOut: true, error: `No answer within the timeout of ${timeoutMs} ms (the mock answers after ${response.delayMs} ms)` };
    if (response.error !== undefined) return { headers: {}, body: '', elapsedMs: response.delayMs, error: response.error };
    return { status: response.status, headers: response.headers, body: response.body, elapsedMs: response.delayMs };
  }

  /**
   * Makes a request at virtual time `at`. A mock answers at once (the
   * elapsed time says how long it took, retries included); an allowed
   * host is asked over the network (pending); anything else is unmatched.
   * `allowNetwork` false (the Snippet proxy, which cannot wait) treats an
   * allowed host without a mock as unmatched.
   */
  request(request: HttpRequest, at: number, contactId: string | undefined, allowNetwork = true): HttpCall {
    const record: HttpRecord = {
      at,
      ...(contactId === undefined ? {} : { contactId }),
      action: request.action,
      via: request.via,
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: request.body,
      answeredBy: 'unmatched',
      attempts: 0,
      outcome: 'unmatched',
      elapsedMs: 0,
    };
    this.records.push(record);
    const settle = (result: HttpResult): HttpResult => {
      record.attempts = result.attempts;
      record.outcome = result.outcome;
      record.elapsedMs = result.elapsedMs;
      if (result.status !== undefined) record.status = result.status;
      return result;
    };
    const mock = this.mockFor(request.method, request.url);
    if (mock) {
      record.answeredBy = 'mock';
      record.mock = mock.index;
      let elapsed = 0;
      let tries = 0;
      let attempt: Attempt;
      do {
        attempt = this.#attemptFromMock(mock, request.timeoutMs);
        elapsed += attempt.elapsedMs;
        tries++;
      } while (tries <= request.retries && retryable(attempt));
      return { kind: 'answered', record, result: settle(finish(attempt, tries, elapsed, request.parser)) };
    }
    const outgoing = this.#outgoing;
    if (outgoing && outgoing.allows(request.url)) {
      if (!allowNetwork) {
        return { kind: 'unmatched', record, message: `${request.method} ${request.url} goes to an allowed host, but GetRESTProxy() in a Snippet is answered from mocks only (a Snippet cannot wait for the network); mock it, or make the call with the RestApi action:\n${mockSuggestion(request)}` };
      }
      record.answeredBy = 'network';
      return {
        kind: 'pending',
        record,
        wait: (done) => {
          let cancelled = false;
          void (async () => {
            let elapsed = 0;
            let tries = 0;
            let attempt: Attempt;
            do {
              attempt = await outgoing.send(request).catch((error: unknown): Attempt => ({ headers: {}, body: '', elapsedMs: 0, error: error instanceof Error ? error.message : String(error) }));
              elapsed += attempt.elapsedMs;
              tries++;
            } while (!cancelled && tries <= request.retries && retryable(attempt));
            if (!cancelled) done(settle(finish(attempt, tries, elapsed, request.parser)));
          })();
          return () => {
            cancelled = true;
          };
        },
      };
    }
    return {
      kind: 'unmatched',
      record,
      message: `${request.method} ${request.url} is answered by no mock in the scenario (studio-sim never calls the network on its own); add one to the scenario:\n${mockSuggestion(request)}`,
    };
  }
}

/** A result in a few words, for the trace. */
export function describeResult(result: HttpResult): string {
  const tries = result.attempts > 1 ? ` after ${result.attempts} attempts` : '';
  const took = `${result.elapsedMs} ms`;
  switch (result.outcome) {
    case 'ok':
    case 'httpError':
      return `${result.status ?? ''} ${result.statusText ?? ''}`.trim() + ` in ${took}${tries}`;
    case 'timeout':
    case 'failed':
      return `no answer${tries} (${took}): ${result.error}`;
    default:
      return `${result.status ?? ''} in ${took}${tries}, but ${result.error}`;
  }
}
