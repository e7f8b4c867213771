import { describe, expect, it } from 'vitest';
import { edges, runYaml } from '../helpers/run.ts';

/** A script whose one Snippet runs `code`, then ends (Error ends elsewhere). */
const snippet = (code: string) => `name: ProxyTest
actions:
  begin: { type: Begin, next: code }
  code:
    type: Snippet
    properties:
      Data: |
${code
  .trim()
  .split('\n')
  .map((line) => `        ${line.trim()}`)
  .join('\n')}
    branches: { Default: done, Error: failed }
  done: { type: End }
  failed: { type: End }
`;

const weather = 'http:\n  - { method: GET, url: "https://api.example.com/weather*", body: { forecast: sunny }, delay: 0.5 }\n  - { method: POST, url: "https://api.example.com/orders", status: 201, body: { id: 9 } }';

describe('GetRESTProxy() in a Snippet', () => {
  it('makes a proxy with the documented defaults', () => {
    const report = runYaml(snippet('proxy = GetRESTProxy()\nct = proxy.ContentType\nt = proxy.ProxyTimeoutSeconds\ncode = proxy.StatusCode'));
    expect(report.variables).toMatchObject({ ct: 'application/x-www-form-urlencoded', t: 10, code: '' });
  });

  it('MakeRestRequest returns the JSON body as a dynamic object and sets StatusCode and StatusDescription; the mock\'s delay passes', () => {
    const report = runYaml(snippet('proxy = GetRESTProxy()\nresult = proxy.MakeRestRequest("https://api.example.com/weather?city=Oslo", "", 0)\nforecast = result.forecast\ncode = proxy.StatusCode\nwhy = proxy.StatusDescription'), weather);
    expect(edges(report)).toEqual(['begin.Default', 'code.Default']);
    expect(report.variables).toMatchObject({ forecast: 'sunny', code: 200, why: 'OK' });
    expect(report.steps[1]?.at).toBe(500);
    expect(report.requests).toEqual([
      expect.objectContaining({ via: 'MakeRestRequest', action: 'code', method: 'GET', url: 'https://api.example.com/weather?city=Oslo', headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' }, attempts: 1 }),
    ]);
  });

  it('sends a payload as a POST (or the verb given) with the proxy\'s ContentType', () => {
    const report = runYaml(snippet('proxy = GetRESTProxy()\nproxy.ContentType = "application/json"\no = proxy.MakeRestRequest("https://api.example.com/orders", "{{\\"sku\\": 7}}", 0)\nid = o.id\ncode = proxy.StatusCode'), weather);
    expect(report.variables).toMatchObject({ id: 9, code: 201 });
    expect(report.requests[0]).toMatchObject({ method: 'POST', body: '{"sku": 7}', headers: { 'Content-Type': 'application/json' } });
    const put = runYaml(snippet('proxy = GetRESTProxy()\nr = proxy.MakeRestRequest("https://api.example.com/orders", "x=1", 2, "put")'), 'http: [{ method: PUT, url: "https://api.example.com/orders", status: 204 }]');
    expect(put.requests[0]).toMatchObject({ method: 'PUT', status: 204 });
  });

  it('returns -1 when the request fails (no answer in ProxyTimeoutSeconds, one try only), and StatusCode says -1', () => {
    const report = runYaml(snippet('proxy = GetRESTProxy()\nproxy.ProxyTimeoutSeconds = 1\nr = proxy.MakeRestRequest("https://api.example.com/weather", "", 0)\ncode = proxy.StatusCode\nwhy = proxy.StatusDescription'), 'http: [{ url: "https://api.example.com/*", delay: 3 }]');
    expect(report.variables).toMatchObject({ r: -1, code: -1, why: 'No answer within the timeout of 1000 ms (the mock answers after 3000 ms)' });
    expect(report.requests[0]).toMatchObject({ attempts: 1, outcome: 'timeout' });
    expect(report.elapsedMs).toBe(1000);
  });

  it('returns the body of an error status, which StatusCode shows', () => {
    const report = runYaml(snippet('proxy = GetRESTProxy()\nr = proxy.MakeRestRequest("https://api.example.com/weather", "", 0)\nmessage = r.message\ncode = proxy.StatusCode'), 'http: [{ url: "https://api.example.com/*", status: 404, body: { message: no such city } }]');
    expect(report.variables).toMatchObject({ message: 'no such city', code: 404 });
  });

  it('returns -1 for a body that is not JSON or over 32 KB; parser 2 and 3 ignore the body; parser 1 (XML) is not parsed', () => {
    const run = (parser: string, mock: string) => runYaml(snippet(`proxy = GetRESTProxy()\nr = proxy.MakeRestRequest("https://api.example.com/x", "", ${parser})\ncode = proxy.StatusCode`), `http: [{ url: "https://api.example.com/*", ${mock} }]`).variables;
    expect(run('0', 'text: "<a/>"')).toMatchObject({ r: -1, code: -1 });
    expect(run('2', 'text: "<a/>"')).toMatchObject({ r: '', code: 200 });
    expect(run('3', 'text: "<a/>"')).toMatchObject({ r: '', code: 200 });
    expect(run('1', 'text: "<a/>"')).toMatchObject({ r: -1, code: -1 });
    expect(run('"JSON"', 'body: { a: 1 }')).toMatchObject({ r: { a: 1 }, code: 200 });
    const items = Array.from({ length: 2500 }, (_, i) => `item-${i}-abcdefgh`);
    expect(run('0', `body: [${items.join(', ')}]`)).toMatchObject({ r: -1, code: -1 });
  });

  it('is a run-time error (the Error branch) when misused', () => {
    const errors: Array<[string, string]> = [
      ['proxy = GetRESTProxy()\nproxy.StatusCode = 200', 'StatusCode of a REST proxy is read-only: MakeRestRequest sets it'],
      ['o = "text"\nr = o.MakeRestRequest("https://api.example.com/x", "", 0)', 'MakeRestRequest() is a function of the object GetRESTProxy() returns: ASSIGN proxy = GetRESTProxy(), then proxy.MakeRestRequest(url, payload, 0)'],
      ['proxy = GetRESTProxy()\nr = proxy.MakeRestRequest("https://api.example.com/x", "", 7)', 'makerestrequest(): parser "7" is not 0 (JSON), 1 (XML), 2 (JSON, body ignored) or 3 (XML, body ignored)'],
      ['proxy = GetRESTProxy()\nr = proxy.MakeRestRequest("https://api.example.com/x", "", 0, "FETCH")', 'makerestrequest(): "FETCH" is not a verb; use GET, PUT, POST, DELETE or PATCH'],
      ['proxy = GetRESTProxy()\nr = proxy.MakeRestRequest("https://api.example.com/x")', 'makerestrequest() takes 2 to 4 arguments (url, payload, parser, verb), not 1'],
    ];
    for (const [code, error] of errors) {
      const report = runYaml(snippet(code), 'http: [{ url: "https://api.example.com/*", body: {} }]');
      expect(edges(report)).toEqual(['begin.Default', 'code.Error']);
      expect(report.variables['_ERR']).toBe(error);
    }
  });

  it('a proxy kept in a member of an object is written back there', () => {
    const report = runYaml(snippet('DYNAMIC api\napi.proxy = GetRESTProxy()\nr = api.proxy.MakeRestRequest("https://api.example.com/weather", "", 0)\ncode = api.proxy.StatusCode'), weather);
    expect(report.variables['code']).toBe(200);
  });

  it('a request no mock answers fails the contact with UnmatchedRequest', () => {
    const report = runYaml(snippet('proxy = GetRESTProxy()\nr = proxy.MakeRestRequest("https://api.example.com/nothing", "", 0)'), weather);
    expect(report.reason).toBe('UnmatchedRequest');
    expect(report.message).toContain('Snippet "code" made a request: GET https://api.example.com/nothing is answered by no mock');
  });
});
