import type { JsonSchema } from '../actions/index.ts';
import { httpMethods, type HttpMock, type MockResponse } from '../runtime/http.ts';

/** One response of a mock as written in a scenario. */
export interface MockResponseData {
  status?: number;
  headers?: Record<string, string | number>;
  body?: unknown;
  text?: string;
  delay?: number;
  error?: string;
  times?: number;
}

/** One entry of a scenario's `http:` list. */
export interface HttpMockData extends Omit<MockResponseData, 'times'> {
  method?: (typeof httpMethods)[number];
  url: string;
  responses?: MockResponseData[];
}

const responseProperties: Record<string, JsonSchema> = {
  status: { type: 'integer', minimum: 100, maximum: 599, default: 200, description: 'The HTTP status code.', examples: [200, 404, 503] },
  headers: {
    type: 'object',
    description: 'Response headers. Content-Type is application/json unless given.',
    additionalProperties: { type: ['string', 'number'] },
    examples: [{ 'X-Request-Id': 'abc123' }],
  },
  body: { description: 'The JSON body (any YAML value: a mapping, a list, a number ...), sent as JSON text.', examples: [{ name: 'Ann Lee', vip: true }] },
  text: { type: 'string', description: 'A body sent as this text instead of JSON (e.g. XML, to see the action refuse a response that is not JSON).', examples: ['<customer/>'] },
  delay: { type: 'number', minimum: 0, maximum: 3600, default: 0, description: 'Seconds of virtual time before the answer arrives; longer than the request\'s timeout, the attempt times out.', examples: [0.25, 120] },
  error: { type: 'string', minLength: 1, description: 'No HTTP answer at all: the connection fails with this message (retried like a timeout).', examples: ['connection refused'] },
};

const oneResponse: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...responseProperties,
    times: { type: 'integer', minimum: 1, maximum: 1_000_000, default: 1, description: 'How many requests this response answers before the next one in the list takes over (the last answers every request after).', examples: [2] },
  },
};

/** The scenario's `http:` list: mocks that answer the script's REST calls. */
export function httpMocksSchema(): JsonSchema {
  return {
    type: 'array',
    description:
      'Mocks that answer the script\'s REST calls (the RestApi action and GetRESTProxy() in a Snippet); studio-sim never calls the network on its own. The first mock whose method and url match answers. `url` is a pattern: `*` stands for any run of characters, and a pattern without `?` ignores the query string. A mock gives one response (status, headers, body or text, delay, error) or a sequence in `responses`, each answering `times` requests in turn, the last one every request after; so `[{ status: 503, times: 2 }, { status: 200, body: {...} }]` fails twice, then succeeds. A request no mock answers fails the contact with reason UnmatchedRequest and the YAML to add.',
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['url'],
      properties: {
        method: { enum: [...httpMethods], description: 'The HTTP method; any method when left out.' },
        url: { type: 'string', minLength: 1, description: 'The URL pattern: `*` is any run of characters; without `?` the query string is not compared.', examples: ['https://api.example.com/customers/*'] },
        ...responseProperties,
        responses: { type: 'array', minItems: 1, items: oneResponse, description: 'Responses given in turn instead of one: each answers `times` requests (1 by default), the last answers all that follow.', examples: [[{ status: 503, times: 2 }, { status: 200, body: { ok: true } }]] },
      },
    },
    examples: [[{ method: 'GET', url: 'https://api.example.com/customers/*', status: 200, body: { name: 'Ann Lee', vip: true }, delay: 0.2 }]],
  };
}

const milliseconds = (seconds: unknown): number => (typeof seconds === 'number' ? Math.round(seconds * 1000) : 0);

function readResponse(data: Record<string, unknown>, times?: number): MockResponse {
  const headers: Record<string, string> = Object.create(null);
  const written = (data['headers'] ?? {}) as Record<string, unknown>;
  const hasType = Object.keys(written).some((key) => /^content-type$/i.test(key));
  const text = typeof data['text'] === 'string' ? data['text'] : undefined;
  if (!hasType && text === undefined) headers['Content-Type'] = 'application/json';
  for (const [key, value] of Object.entries(written)) headers[key] = String(value);
  const body = text ?? (data['body'] === undefined ? '' : JSON.stringify(data['body']));
  const response: MockResponse = { status: typeof data['status'] === 'number' ? data['status'] : 200, headers, body, delayMs: milliseconds(data['delay']) };
  if (typeof data['error'] === 'string') response.error = data['error'];
  if (times !== undefined) response.times = times;
  return response;
}

/** Reads the scenario's `http:` list (already checked against the schema). */
export function readHttpMocks(data: unknown): HttpMock[] {
  if (!Array.isArray(data)) return [];
  return data.map((raw: Record<string, unknown>, index) => {
    const responses = Array.isArray(raw['responses'])
      ? (raw['responses'] as Array<Record<string, unknown>>).map((r) => readResponse(r, typeof r['times'] === 'number' ? r['times'] : 1))
      : [readResponse(raw)];
    const mock: HttpMock = { index, url: String(raw['url']), responses };
    if (typeof raw['method'] === 'string') mock.method = raw['method'].toUpperCase();
    return mock;
  });
}

/** Mocks written two ways at once (body and text, or one response and `responses`): what the schema cannot say. */
export function httpMockProblems(data: unknown): Array<{ path: Array<string | number>; message: string; hint: string }> {
  if (!Array.isArray(data)) return [];
  const problems: Array<{ path: Array<string | number>; message: string; hint: string }> = [];
  const check = (entry: Record<string, unknown>, path: Array<string | number>, where: string) => {
    if (entry['body'] !== undefined && entry['text'] !== undefined) problems.push({ path: [...path, 'text'], message: `${where} has both body and text`, hint: 'Write body for a JSON answer, or text for any other body, not both.' });
  };
  data.forEach((raw: unknown, index) => {
    if (raw === null || typeof raw !== 'object') return;
    const entry = raw as Record<string, unknown>;
    const where = `http[${index}]`;
    if (Array.isArray(entry['responses'])) {
      const single = ['status', 'headers', 'body', 'text', 'delay', 'error'].filter((key) => entry[key] !== undefined);
      if (single.length > 0) problems.push({ path: ['http', index, single[0] as string], message: `${where} has responses and also ${single.join(', ')}`, hint: 'Put every answer inside responses, or write a single answer without responses.' });
      (entry['responses'] as unknown[]).forEach((r, i) => {
        if (r !== null && typeof r === 'object') check(r as Record<string, unknown>, ['http', index, 'responses', i], `${where}.responses[${i}]`);
      });
    } else {
      check(entry, ['http', index], where);
    }
  });
  return problems;
}
