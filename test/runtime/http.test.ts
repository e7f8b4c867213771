import { describe, expect, it } from 'vitest';
import { finish, HttpWorld, httpLimits, mockSuggestion, retryable, urlMatches, type HttpRequest } from '../../src/runtime/http.ts';
import { readHttpMocks } from '../../src/validate/http-mocks.ts';

const request = (overrides: Partial<HttpRequest> = {}): HttpRequest => ({
  method: 'GET',
  url: 'https://api.example.com/customers/42',
  headers: {},
  body: '',
  timeoutMs: 10_000,
  parser: 'json',
  retries: httpLimits.retries,
  action: 'lookup',
  via: 'RestApi',
  ...overrides,
});

const world = (mocks: unknown[]) => new HttpWorld(readHttpMocks(mocks));

describe('URL patterns', () => {
  it('match the whole URL, * standing for any run of characters', () => {
    expect(urlMatches('https://api.example.com/customers/*', 'https://api.example.com/customers/42')).toBe(true);
    expect(urlMatches('https://api.example.com/customers/*', 'https://api.example.com/customers/42/orders')).toBe(true);
    expect(urlMatches('https://api.example.com/customers/*', 'https://api.example.com/orders/42')).toBe(false);
    expect(urlMatches('https://api.example.com/customers', 'https://api.example.com/customers/42')).toBe(false);
    expect(urlMatches('*/orders/*', 'https://shop.example.com/orders/7')).toBe(true);
  });

  it('ignore the query string unless the pattern has a ?', () => {
    expect(urlMatches('https://api.example.com/find', 'https://api.example.com/find?ani=555')).toBe(true);
    expect(urlMatches('https://api.example.com/find?ani=*', 'https://api.example.com/find?ani=555')).toBe(true);
    expect(urlMatches('https://api.example.com/find?ani=1*', 'https://api.example.com/find?ani=555')).toBe(false);
  });

  it('treat regular-expression characters literally', () => {
    expect(urlMatches('https://api.example.com/a.b', 'https://api.example.com/aXb')).toBe(false);
    expect(urlMatches('https://api.example.com/(x)+', 'https://api.example.com/(x)+')).toBe(true);
  });
});

describe('mocks', () => {
  it('answer by method and URL, the first that matches', () => {
    const http = world([
      { method: 'POST', url: 'https://api.example.com/customers/*', status: 201, body: { created: true } },
      { url: 'https://api.example.com/customers/*', status: 200, body: { name: 'Ann' }, headers: { 'X-Trace': 'abc' }, delay: 0.25 },
    ]);
    const call = http.request(request(), 0, 'contact-1');
    expect(call.kind).toBe('answered');
    if (call.kind !== 'answered') return;
    expect(call.result).toMatchObject({ outcome: 'ok', status: 200, statusText: 'OK', json: { name: 'Ann' }, attempts: 1, elapsedMs: 250 });
    expect(call.result.headers).toMatchObject({ 'x-trace': 'abc', 'content-type': 'application/json' });
    expect(http.records).toEqual([expect.objectContaining({ method: 'GET', answeredBy: 'mock', mock: 1, status: 200, outcome: 'ok', contactId: 'contact-1', elapsedMs: 250 })]);
  });

  it('step through a sequence: each response answers `times` requests, the last all after', () => {
    const http = world([{ url: 'https://api.example.com/*', responses: [{ status: 500, times: 2 }, { status: 200, body: { n: 1 } }, { status: 404 }] }]);
    const statuses = [1, 2, 3, 4, 5].map(() => {
      const call = http.request(request({ retries: 0 }), 0, undefined);
      return call.kind === 'answered' ? call.result.status : undefined;
    });
    expect(statuses).toEqual([500, 500, 200, 404, 404]);
  });

  it('a failing mock is retried twice, and the retries cost virtual time', () => {
    const http = world([{ url: 'https://api.example.com/*', responses: [{ status: 503, times: 2, delay: 1 }, { status: 200, body: {}, delay: 0.5 }] }]);
    const call = http.request(request(), 0, undefined);
    expect(call.kind === 'answered' && call.result).toMatchObject({ outcome: 'ok', attempts: 3, elapsedMs: 2500 });
  });

  it('gives up after two retries', () => {
    const http = world([{ url: 'https://api.example.com/*', status: 502 }]);
    const call = http.request(request(), 0, undefined);
    expect(call.kind === 'answered' && call.result).toMatchObject({ outcome: 'httpError', status: 502, attempts: 3 });
  });

  it('does not retry a client error', () => {
    const http = world([{ url: 'https://api.example.com/*', status: 404, body: { error: 'no such customer' } }]);
    const call = http.request(request(), 0, undefined);
    expect(call.kind === 'answered' && call.result).toMatchObject({ outcome: 'httpError', status: 404, attempts: 1, json: { error: 'no such customer' } });
  });

  it('a mock slower than the timeout times out at the timeout, each try', () => {
    const http = world([{ url: 'https://api.example.com/*', delay: 20, body: {} }]);
    const call = http.request(request({ timeoutMs: 3000 }), 0, undefined);
    expect(call.kind === 'answered' && call.result).toMatchObject({ outcome: 'timeout', attempts: 3, elapsedMs: 9000, error: 'No answer within the timeout of 3000 ms (the mock answers after 20000 ms)' });
    expect(call.kind === 'answered' && call.result.status).toBeUndefined();
  });

  it('a connection failure has no status and is retried', () => {
    const http = world([{ url: 'https://api.example.com/*', responses: [{ error: 'connection refused' }, { status: 200, body: { ok: true } }] }]);
    const call = http.request(request(), 0, undefined);
    expect(call.kind === 'answered' && call.result).toMatchObject({ outcome: 'ok', attempts: 2 });
  });

  it('an unmatched request names itself and the YAML to add', () => {
    const http = world([{ method: 'POST', url: 'https://api.example.com/*' }]);
    const call = http.request(request(), 0, undefined);
    expect(call.kind).toBe('unmatched');
    if (call.kind !== 'unmatched') return;
    expect(call.message).toContain('GET https://api.example.com/customers/42 is answered by no mock');
    expect(call.message).toContain('http:\n  - method: GET\n    url: https://api.example.com/customers/42\n    status: 200\n    body: {}');
    expect(http.records[0]).toMatchObject({ answeredBy: 'unmatched', outcome: 'unmatched' });
  });

  it('never reaches the network without an outgoing transport, and only for allowed hosts with one', async () => {
    const sent: string[] = [];
    const http = new HttpWorld([], { allows: (url) => url.startsWith('https://allowed.example.com/'), send: async (r) => (sent.push(r.url), { status: 200, headers: {}, body: '{"real":true}', elapsedMs: 12 }) });
    expect(http.request(request({ url: 'https://other.example.com/x' }), 0, undefined).kind).toBe('unmatched');
    const call = http.request(request({ url: 'https://allowed.example.com/x' }), 0, undefined);
    expect(call.kind).toBe('pending');
    if (call.kind !== 'pending') return;
    const result = await new Promise((resolve) => call.wait(resolve));
    expect(result).toMatchObject({ outcome: 'ok', json: { real: true }, elapsedMs: 12 });
    expect(sent).toEqual(['https://allowed.example.com/x']);
    expect(http.records[1]).toMatchObject({ answeredBy: 'network', status: 200 });
    // The Snippet proxy cannot wait for the network: an allowed host without a mock is unmatched for it.
    expect(http.request(request({ url: 'https://allowed.example.com/y' }), 0, undefined, false).kind).toBe('unmatched');
  });
});

describe('responses', () => {
  const attempt = (body: string, headers: Record<string, string> = {}) => ({ status: 200, headers, body, elapsedMs: 0 });

  it('over 32 KB is refused, exactly at 32 KB accepted', () => {
    const at = JSON.stringify('x'.repeat(httpLimits.maxResponseBytes - 2));
    expect(finish(attempt(at), 1, 0, 'json').outcome).toBe('ok');
    const over = finish(attempt(JSON.stringify('x'.repeat(httpLimits.maxResponseBytes))), 1, 0, 'json');
    expect(over).toMatchObject({ outcome: 'tooLarge', status: 200 });
    expect(over.error).toContain('over the 32 KB (32768 bytes) limit');
  });

  it('counts bytes, not characters', () => {
    const euros = '€'.repeat(11_000); // 33,000 bytes in UTF-8
    expect(finish(attempt(`"${euros}"`), 1, 0, 'json').outcome).toBe('tooLarge');
  });

  it('must be JSON, unless the body is ignored', () => {
    const xml = finish(attempt('<a/>', { 'Content-Type': 'text/xml' }), 1, 0, 'json');
    expect(xml).toMatchObject({ outcome: 'notJson', error: 'The response is not JSON (Content-Type text/xml): only JSON responses are supported' });
    expect(finish(attempt('<a/>'), 1, 0, 'jsonIgnoreBody')).toMatchObject({ outcome: 'ok', json: '' });
    expect(finish(attempt('<a/>'), 1, 0, 'xml').outcome).toBe('xml');
    expect(finish(attempt(''), 1, 0, 'json')).toMatchObject({ outcome: 'ok', json: '' });
  });

  it('retries no answers, server errors and throttles only', () => {
    expect(retryable({ headers: {}, body: '', elapsedMs: 0, error: 'x' })).toBe(true);
    expect([500, 503, 408, 429, 200, 301, 400, 404].map((status) => retryable({ status, headers: {}, body: '', elapsedMs: 0 }))).toEqual([true, true, true, true, false, false, false, false]);
  });

  it('suggests a mock that reads back as the same method and URL', async () => {
    const { parse } = await import('yaml');
    for (const url of ['https://a.example.com/x', 'https://a.example.com/x?q=a b&c=#1', "https://a.example.com/it's: {x}"]) {
      expect(parse(mockSuggestion({ method: 'POST', url }))).toEqual({ http: [{ method: 'POST', url, status: 200, body: {} }] });
    }
  });
});
