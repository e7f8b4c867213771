import { describe, expect, it } from 'vitest';
import { checkExpectations, requestMatches } from '../../src/testing/expectations.ts';
import type { HttpRecord } from '../../src/runtime/http.ts';
import type { RunReport } from '../../src/runtime/report.ts';
import { runYaml } from '../helpers/run.ts';

const record = (fields: Partial<HttpRecord>): HttpRecord => ({ at: 0, action: 'call', via: 'RestApi', method: 'GET', url: 'https://api.example.com/a', headers: {}, body: '', answeredBy: 'mock', attempts: 1, status: 200, outcome: 'ok', elapsedMs: 0, ...fields });

const report = (requests: HttpRecord[]): RunReport => ({ script: 's', file: 'f', contactId: 'c', outcome: 'ended', reason: 'End', message: '', elapsedMs: 0, steps: [], customEvents: [], agents: {}, variables: {}, world: [], requests });

describe('requests expectations', () => {
  const requests = [
    record({ url: 'https://api.example.com/customers/42?fields=name' }),
    record({ method: 'POST', url: 'https://api.example.com/orders', body: '{"sku":7,"qty":2}', status: 201 }),
    record({ method: 'POST', url: 'https://api.example.com/orders', body: 'plain text', status: 201 }),
  ];

  it('match method, URL pattern, body as text or as JSON', () => {
    expect(requestMatches({ method: 'get', url: 'https://api.example.com/customers/*' }, requests[0] as HttpRecord)).toBe(true);
    expect(requestMatches({ body: { qty: 2, sku: 7 } }, requests[1] as HttpRecord)).toBe(true);
    expect(requestMatches({ body: { sku: 7 } }, requests[1] as HttpRecord)).toBe(false);
    expect(requestMatches({ body: 'plain text' }, requests[2] as HttpRecord)).toBe(true);
    expect(requestMatches({ body: { a: 1 } }, requests[2] as HttpRecord)).toBe(false);
  });

  it('pass in order, with others between, and count exactly', () => {
    expect(checkExpectations(report(requests), { requests: [{ method: 'GET' }, { body: 'plain text' }, { method: 'POST', count: 2 }, { method: 'DELETE', count: 0 }] })).toEqual([]);
  });

  it('say which entry no request matches, and what was sent', () => {
    const failures = checkExpectations(report(requests), { requests: [{ method: 'POST' }, { method: 'GET' }] });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ path: ['expect', 'requests', 1], message: 'requests: no request matches {"method":"GET"} after the ones before it' });
    expect(failures[0]?.actual).toEqual(['GET https://api.example.com/customers/42?fields=name -> 200', 'POST https://api.example.com/orders {"sku":7,"qty":2} -> 201', 'POST https://api.example.com/orders plain text -> 201']);
  });

  it('say how many matched when a count is wrong', () => {
    const failures = checkExpectations(report(requests), { requests: [{ url: 'https://api.example.com/orders', count: 1 }] });
    expect(failures.map((f) => f.message)).toEqual(['requests: 2 requests match {"url":"https://api.example.com/orders"}, not 1']);
  });

  it('see the requests of a real run', () => {
    const run = runYaml('name: R\nactions:\n  b: { type: Begin, next: c }\n  c: { type: RestApi, properties: { Verb: DELETE, Service Address: "https://api.example.com/x/1" }, next: e }\n  e: { type: End }\n', 'http: [{ method: DELETE, url: "https://api.example.com/x/*", status: 204 }]');
    expect(checkExpectations(run, { requests: [{ method: 'DELETE', url: 'https://api.example.com/x/1', status: 204, attempts: 1, outcome: 'ok', action: 'c', via: 'RestApi' }] })).toEqual([]);
    expect(run).toHaveRequested({ method: 'DELETE', url: 'https://api.example.com/x/*' });
    expect(run).not.toHaveRequested({ method: 'GET' });
    expect(() => expect(run).toHaveRequested({ status: 200 })).toThrow(/to make a request matching[\s\S]*"status": 200[\s\S]*it made[\s\S]*DELETE https:\/\/api\.example\.com\/x\/1 -> 204/);
  });
});
