import { describe, expect, it } from 'vitest';
import { loadScriptText } from '../../src/api.ts';
import { edges, path, runYaml } from '../helpers/run.ts';

const script = (properties: string) => `name: RestTest
actions:
  begin: { type: Begin, next: call }
  call:
    type: RestApi
    properties: ${properties}
    branches: { Default: ok, Error: failed }
  ok: { type: End }
  failed: { type: End }
`;

const lookup = script('{ Verb: GET, Service Address: "https://api.example.com/customers/{ANI}", TimeOutInMilliSeconds: 2000 }');

describe('RestApi', () => {
  it('takes Default on a 2xx JSON answer, after the mock\'s delay, with resultSet, the status variables and the request recorded', () => {
    const report = runYaml(lookup, `
caller: { ani: "5550001" }
http:
  - { method: GET, url: "https://api.example.com/customers/*", headers: { X-Trace: t-1 }, body: { name: Ann, vip: true }, delay: 0.4 }
`);
    expect(edges(report)).toEqual(['begin.Default', 'call.Default']);
    expect(report.steps[1]?.at).toBe(400);
    expect(report.variables['resultSet']).toEqual({ headers: { 'x-trace': 't-1', 'content-type': 'application/json' }, body: { name: 'Ann', vip: true } });
    expect(report.variables['__httpstatuscode']).toBe(200);
    expect(report.variables['__httpstatusdescription']).toBe('OK');
    expect(report.requests).toEqual([
      expect.objectContaining({ action: 'call', via: 'RestApi', method: 'GET', url: 'https://api.example.com/customers/5550001', headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' }, body: '', attempts: 1, status: 200, outcome: 'ok', at: 0, elapsedMs: 400 }),
    ]);
    expect(report.steps[1]?.notes?.[0]).toBe('GET https://api.example.com/customers/5550001: 200 OK in 400 ms (mock http[0])');
  });

  it('sends Parameters as the query of a GET and the body of a POST; Headers replace the defaults by name, whatever the case', () => {
    const get = runYaml(script(`{ Verb: GET, Service Address: "https://api.example.com/find?src=ivr", Parameters: '{{"ani": "{ANI}", "n": 2}}', Headers: '{{"accept": "text/plain", "Authorization": "Bearer t"}}' }`), 'http: [{ url: "https://api.example.com/*", body: {} }]');
    expect(get.requests[0]).toMatchObject({ url: 'https://api.example.com/find?src=ivr&ani=5551234567&n=2', body: '', headers: { accept: 'text/plain', Authorization: 'Bearer t', 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(Object.keys(get.requests[0]?.headers ?? {})).not.toContain('Accept');
    const post = runYaml(script(`{ Verb: POST, Service Address: "https://api.example.com/books", Parameters: '{{"title": "Beowulf"}}' }`), 'http: [{ method: POST, url: "https://api.example.com/books", status: 201, body: { id: 7 } }]');
    expect(post.requests[0]).toMatchObject({ method: 'POST', url: 'https://api.example.com/books', body: '{"title": "Beowulf"}', status: 201 });
    expect(path(post)).toEqual(['begin', 'call', 'ok']);
  });

  it('takes Error on a status that is not 2xx, keeping the status and the body', () => {
    const report = runYaml(lookup, 'http: [{ url: "https://api.example.com/*", status: 404, body: { error: unknown caller } }]');
    expect(edges(report)).toEqual(['begin.Default', 'call.Error']);
    expect(report.variables).toMatchObject({ __httpstatuscode: 404, __httpstatusdescription: 'Not Found', _ERR: 'The service answered 404 Not Found', resultSet: { body: { error: 'unknown caller' } } });
    expect(report.requests[0]?.attempts).toBe(1);
  });

  it('retries a failure twice: fails twice then succeeds', () => {
    const report = runYaml(lookup, 'http: [{ url: "https://api.example.com/*", responses: [{ status: 503, times: 2, delay: 1 }, { status: 200, body: { ok: 1 }, delay: 1 }] }]');
    expect(edges(report)).toEqual(['begin.Default', 'call.Default']);
    expect(report.elapsedMs).toBe(3000);
    expect(report.requests[0]).toMatchObject({ attempts: 3, status: 200 });
  });

  it('times out each try at TimeOutInMilliSeconds: Error with no status after three tries', () => {
    const report = runYaml(lookup, 'http: [{ url: "https://api.example.com/*", delay: 10, body: {} }]');
    expect(edges(report)).toEqual(['begin.Default', 'call.Error']);
    expect(report.elapsedMs).toBe(6000);
    expect(report.variables).toMatchObject({ __httpstatuscode: '', __httpstatusdescription: '', _ERR: 'No answer within the timeout of 2000 ms (the mock answers after 10000 ms)' });
  });

  it('caps a timeout from a variable at 90 s (a literal over it is a validation error)', () => {
    const report = runYaml(script('{ Service Address: "https://api.example.com/slow", TimeOutInMilliSeconds: "{Wait}" }'), 'variables: { Wait: 200000 }\nhttp: [{ url: "https://api.example.com/slow", delay: 100, body: {} }]');
    expect(report.steps[1]?.notes?.[0]).toBe('TimeOutInMilliSeconds 200000 is over the 90000 the platform allows, so 90000 is used');
    expect(report.elapsedMs).toBe(270_000);
    const literal = loadScriptText(script('{ Service Address: "https://x.example.com", TimeOutInMilliSeconds: 120000 }'), 'x.yaml');
    expect(literal.ok).toBe(false);
  });

  it('takes Error for a body over 32 KB or one that is not JSON', () => {
    // Each string of a scenario is under 32 KB; a list of them is not.
    const items = Array.from({ length: 2500 }, (_, i) => `item-${i}-abcdefgh`);
    const big = runYaml(lookup, `http: [{ url: "https://api.example.com/*", body: { items: [${items.join(', ')}] } }]`);
    expect(edges(big)).toEqual(['begin.Default', 'call.Error']);
    expect(big.variables['_ERR']).toBe(`The response is ${JSON.stringify({ items }).length} bytes, over the 32 KB (32768 bytes) limit; ask the service for less data`);
    expect(big.variables['__httpstatuscode']).toBe(200);
    const xml = runYaml(lookup, 'http: [{ url: "https://api.example.com/*", headers: { Content-Type: text/xml }, text: "<a/>" }]');
    expect(edges(xml)).toEqual(['begin.Default', 'call.Error']);
    expect(xml.variables['_ERR']).toBe('The response is not JSON (Content-Type text/xml): only JSON responses are supported');
  });

  it('takes Error without a request for JSON that is not on one line, not JSON, or a URL that is not one', () => {
    const cases: Array<[string, string]> = [
      ['{ Service Address: "https://a.example.com", Headers: "{Multi}" }', 'Headers must be JSON on one line (the REST API action requires it); build it in a Snippet with asjson() and pass the variable'],
      ['{ Service Address: "https://a.example.com", Parameters: "{Broken}" }', 'Parameters is not JSON: {"a": (write literal braces as {{ and }}, or pass a variable holding the JSON)'],
      ['{ Service Address: "https://a.example.com", Parameters: "{List}" }', 'Parameters of a GET become the query string, so they must be a JSON object of names and values'],
      ['{ Service Address: "{Nothing}" }', 'Service Address is empty: there is no URL to call'],
      ['{ Service Address: "ftp://a.example.com" }', 'Service Address "ftp://a.example.com" is not an http:// or https:// URL'],
    ];
    for (const [properties, error] of cases) {
      const report = runYaml(script(properties), 'variables: { Multi: "{\\"a\\":\\n1}", Broken: "{\\"a\\":", List: "[1, 2]" }');
      expect(edges(report)).toEqual(['begin.Default', 'call.Error']);
      expect(report.variables['_ERR']).toBe(error);
      expect(report.requests).toEqual([]);
    }
  });

  it('fails the contact with UnmatchedRequest when no mock answers, saying what to add', () => {
    const report = runYaml(lookup);
    expect(report.outcome).toBe('failed');
    expect(report.reason).toBe('UnmatchedRequest');
    expect(report.message).toBe('RestApi "call" made a request: GET https://api.example.com/customers/5551234567 is answered by no mock in the scenario (studio-sim never calls the network on its own); add one to the scenario:\nhttp:\n  - method: GET\n    url: https://api.example.com/customers/5551234567\n    status: 200\n    body: {}');
    expect(report.requests).toEqual([expect.objectContaining({ outcome: 'unmatched', answeredBy: 'unmatched' })]);
  });

  it('is cut short by an event while it waits, and its outputs are not set', () => {
    const report = runYaml(lookup, 'caller: { hangupAfter: 1 }\nhttp: [{ url: "https://api.example.com/*", delay: 1.5, body: { name: Ann } }]');
    expect(report.reason).toBe('CallerHungUp');
    expect(report.steps[1]).toMatchObject({ action: 'call', interruptedBy: 'OnRelease' });
    expect(report.variables['resultSet']).toBeUndefined();
  });
});
