import { fromJson } from '../expression/evaluate.ts';
import { isRecord, type Value } from '../expression/values.ts';
import { describeResult, httpLimits, httpMethods, type HttpResult } from '../runtime/http.ts';
import { numberOrTemplate, template } from './schema-parts.ts';
import type { ActionDefinition, ActionRuntime, Outcome } from './types.ts';
import { anyScriptType } from './script-types.ts';

// https://help.nicecxone.com/Content/studio/actions/rest_api/rest_api.htm (limits: JSON only, two automatic tries, timeout <= 90 s, 32 KB)
// https://help.incontact.com/Summer20/EN/Content/Studio/Actions/REST_API/REST_API.htm (Verb, Parameters, Headers, Command, TimeOutInMilliSeconds)
// https://help.nicecxone.com/zh-cn/content/studio/actions/rest_api/rest_api.htm (resultSet: headers and body, a jtoken used as a dynamic object)
// https://help.nicecxone.com/zh-hk/content/studio/actions/rest_api/rest_api.htm (__httpstatuscode, __httpstatusdescription; none without a valid response)

/** The headers CXone adds, "to keep feature parity with the Snippet action" (Summer20 page); Headers overrides them. */
export const defaultRestHeaders: Readonly<Record<string, string>> = { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' };

/** TimeOutInMilliSeconds when left out (the docs give none: GetRESTProxy's default of 10 s). */
export const defaultRestTimeoutMs = 10_000;

const verbsWithQuery = new Set(['GET', 'DELETE']);

/** JSON written in a property: one line (the action requires it), an object of values for Headers. */
function readJson(runtime: ActionRuntime, property: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const text = runtime.text(property).trim();
  if (text === '') return { ok: true, value: undefined };
  if (/[\r\n]/.test(text)) return { ok: false, error: `${property} must be JSON on one line (the REST API action requires it); build it in a Snippet with asjson() and pass the variable` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, error: `${property} is not JSON: ${text.length > 60 ? `${text.slice(0, 57)}...` : text} (write literal braces as {{ and }}, or pass a variable holding the JSON)` };
  }
}

/** A JSON value as a query-string or header value: text as is, anything else as JSON. */
const plain = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value) ?? '');

/** The URL with Parameters added as a query string (GET and DELETE). */
function withQuery(url: string, parameters: Record<string, unknown>): string {
  const query = Object.entries(parameters)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(plain(value))}`)
    .join('&');
  if (query === '') return url;
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

/** Sets the outputs from what the request gave: resultSet, the status variables and, on failure, _ERR. */
function apply(runtime: ActionRuntime, result: HttpResult): void {
  const headers: Record<string, Value> = Object.create(null);
  for (const [key, value] of Object.entries(result.headers)) headers[key] = value;
  runtime.setVariable('resultSet', fromJson({ headers, body: result.json }));
  runtime.setVariable('__httpstatuscode', result.status ?? '');
  runtime.setVariable('__httpstatusdescription', result.statusText ?? '');
  if (result.outcome !== 'ok') runtime.setVariable('_ERR', result.error || `The service answered ${result.status ?? ''} ${result.statusText ?? ''}`.trim());
}

const branchOf = (result: HttpResult): string => (result.outcome === 'ok' ? 'Default' : 'Error');

export const restApi: ActionDefinition = {
  type: 'RestApi',
  category: 'Data',
  // Supported Script Types: any (https://help.nicecxone.com/Content/studio/actions/rest_api/rest_api.htm; the tutorial https://help.nicecxone.com/content/studio/advanced/apis/makeapicallrestapiaction.htm uses it in generic, phone and digital scripts).
  scriptTypes: anyScriptType,
  summary: 'Calls a REST service and puts the JSON response in resultSet.',
  description:
    'Sends Verb to Service Address with Headers (JSON on one line; CXone adds Accept: application/json and Content-Type: application/x-www-form-urlencoded unless given) and Parameters (JSON on one line: the query string for GET and DELETE, the body for PUT, POST and PATCH). studio-sim answers from the scenario\'s `http:` mocks, in virtual time: the contact waits each mock\'s delay. A failed try (no answer within TimeOutInMilliSeconds, at most 90000; a connection failure; a 5xx, 408 or 429 status) is tried again, twice at most. The response fills resultSet (a dynamic object with `headers`, names in lower case, and `body`, the parsed JSON), __httpstatuscode and __httpstatusdescription (empty when there was no answer). A 2xx JSON response takes Default; any other status, no answer, a body that is not JSON, or one over 32 KB takes Error with _ERR saying why. A request no mock answers fails the contact with UnmatchedRequest and the YAML to add.',
  waits: true,
  properties: {
    Verb: { kind: 'value', schema: { type: 'string', enum: [...httpMethods], default: 'GET', description: 'The HTTP method.', examples: ['GET', 'POST'] } },
    'Service Address': { ...template('The URL to call, with {Variable} substitutions.', ['https://api.example.com/customers/{ANI}'], { minLength: 1 }, true), label: 'ServiceAddress' },
    Parameters: template('JSON on one line: the query parameters of a GET or DELETE, the body of a PUT, POST or PATCH. Write literal braces as {{ and }}, or pass a variable that holds the JSON (asjson() in a Snippet, or an earlier resultSet).', ['{payloadJson}', '{{"accountId": "{AccountId}"}}'], { default: '' }),
    Headers: template('JSON key/value pairs on one line, added to (or replacing) the default Accept and Content-Type.', ['{{"Authorization": "Bearer {Token}"}}', '{headersJson}'], { default: '' }),
    Command: { kind: 'value', schema: { type: 'string', enum: ['MakeRestRequest'], default: 'MakeRestRequest', description: 'The only command there is: MakeRestRequest, as in a Snippet.', examples: ['MakeRestRequest'] } },
    TimeOutInMilliSeconds: numberOrTemplate('How long one try may take, in milliseconds; at most 90000 (90 s).', { minimum: 1, maximum: httpLimits.maxTimeoutMs, default: defaultRestTimeoutMs, integer: true }, [5000, '{TimeoutMs}']),
  },
  branches: [
    { name: 'Default', description: 'A 2xx response with a JSON body (or none): resultSet holds it.' },
    { name: 'Error', description: 'Any other status, no answer after the retries, a body that is not JSON or over 32 KB; _ERR says why.' },
  ],
  outputs: ['resultSet', '__httpstatuscode', '__httpstatusdescription', '_ERR'],
  example: [
    'lookup:',
    '  type: RestApi',
    '  properties: { Verb: GET, Service Address: "https://api.example.com/customers/{ANI}", TimeOutInMilliSeconds: 5000 }',
    '  branches: { Default: greet_by_name, Error: main_menu }',
  ].join('\n'),
  run(runtime): Outcome {
    const fail = (error: string): Outcome => {
      runtime.setVariable('_ERR', error);
      runtime.setVariable('__httpstatuscode', '');
      runtime.setVariable('__httpstatusdescription', '');
      runtime.note(error);
      return { branch: 'Error' };
    };
    const method = (runtime.text('Verb').trim() || 'GET').toUpperCase();
    if (!(httpMethods as readonly string[]).includes(method)) return fail(`Verb "${method}" is not one of ${httpMethods.join(', ')}`);
    let url = runtime.text('Service Address').trim();
    if (!/^https?:\/\/[^/\s]+/i.test(url)) return fail(url === '' ? 'Service Address is empty: there is no URL to call' : `Service Address "${url}" is not an http:// or https:// URL`);

    const headers: Record<string, string> = { ...defaultRestHeaders };
    const written = readJson(runtime, 'Headers');
    if (!written.ok) return fail(written.error);
    if (written.value !== undefined) {
      if (!isRecord(written.value as Value) || Array.isArray(written.value)) return fail('Headers must be a JSON object of names and values, e.g. {"Authorization": "Bearer ..."}');
      for (const [name, value] of Object.entries(written.value as Record<string, unknown>)) {
        // A header given by the script replaces the default of the same name, whatever its case.
        for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
        headers[name] = plain(value);
      }
    }
    const parameters = readJson(runtime, 'Parameters');
    if (!parameters.ok) return fail(parameters.error);
    let body = '';
    if (parameters.value !== undefined) {
      if (verbsWithQuery.has(method)) {
        if (!isRecord(parameters.value as Value) || Array.isArray(parameters.value)) return fail(`Parameters of a ${method} become the query string, so they must be a JSON object of names and values`);
        url = withQuery(url, parameters.value as Record<string, unknown>);
      } else {
        body = runtime.text('Parameters').trim();
      }
    }
    let timeoutMs = Math.round(runtime.number('TimeOutInMilliSeconds') ?? defaultRestTimeoutMs);
    if (timeoutMs > httpLimits.maxTimeoutMs) {
      runtime.note(`TimeOutInMilliSeconds ${timeoutMs} is over the 90000 the platform allows, so 90000 is used`);
      timeoutMs = httpLimits.maxTimeoutMs;
    }
    if (timeoutMs <= 0) timeoutMs = defaultRestTimeoutMs;

    const call = runtime.http({ method, url, headers, body, timeoutMs, parser: 'json', retries: httpLimits.retries, action: runtime.actionId, via: 'RestApi' });
    if (call.kind === 'answered') {
      const { result } = call;
      runtime.note(`${method} ${url}: ${describeResult(result)}${call.record.mock === undefined ? '' : ` (mock http[${call.record.mock}])`}`);
      return { branch: branchOf(result), afterMs: result.elapsedMs, onTaken: () => apply(runtime, result) };
    }
    runtime.note(`${method} ${url}: sent to the network (an allowed host)`);
    return {
      branch: 'Error',
      until: (settle) =>
        call.wait((result) => {
          settle(branchOf(result), () => apply(runtime, result));
        }),
    };
  },
};
