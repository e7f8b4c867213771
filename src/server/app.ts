import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { CompiledScript } from '../compile/compile.ts';
import type { Contact } from '../runtime/contact.ts';
import type { RuntimeClock } from '../runtime/clock.ts';
import { sessionEndMessage, type AgentEvent } from '../runtime/agent-events.ts';
import { buildReport, scheduleStartingSignals, startScenarioContact } from '../runtime/simulate.ts';
import { Simulation } from '../runtime/simulation.ts';
import type { Outgoing } from '../runtime/http.ts';
import { emptyScenario, scenarioFromData, type AgentSpec, type Scenario } from '../validate/scenario.ts';
import { mainCallerName } from '../validate/callers.ts';
import type { LoadLimits } from '../load/limits.ts';
import { corsMiddleware } from './cors.ts';
import { maxSignalParameterChars, maxSignalParameters } from '../validate/signals.ts';
import { Feed } from './feed.ts';
import { playgroundPage, playgroundRoutes, type PlaygroundSample } from './playground.ts';
import { contactNumber, type HandAction } from './test-case.ts';
import type { Role } from './tokens.ts';

export interface ServerLimits {
  /** Longest request URL (path and query), in bytes. */
  maxUrlBytes: number;
  /** Largest request body, in bytes. */
  maxBodyBytes: number;
  /** Longest custom event `data`, in characters. */
  maxDataChars: number;
  /** Longest custom event name, in characters. */
  maxEventNameChars: number;
  /** Most long polls waiting at once. */
  maxWaitingPolls: number;
  /** Most contacts kept (finished ones are forgotten first). */
  maxContacts: number;
  /** Most agents; each has at most one session, so this bounds sessions too. */
  maxAgents: number;
}

export const defaultServerLimits: Readonly<ServerLimits> = Object.freeze({ maxUrlBytes: 64 * 1024, maxBodyBytes: 256 * 1024, maxDataChars: 32 * 1024, maxEventNameChars: 256, maxWaitingPolls: 10_000, maxContacts: 1_000, maxAgents: 10_000 });

export interface ServerOptions {
  clock: RuntimeClock & { clearAll?(): void };
  /** Agents (and their logins) come from this scenario's `agents`. */
  scenario?: Scenario;
  /** Scripts contacts can run, by name. */
  scripts?: ReadonlyMap<string, CompiledScript>;
  tokens: ReadonlyMap<string, Role>;
  limits?: Partial<ServerLimits>;
  /** Cap on one agent's undelivered events (default: the scenario's limits.maxPendingEvents). */
  maxPendingEvents?: number;
  /** Wall-clock time for long polls when `clock` is virtual (the playground's); default: `clock`. */
  pollClock?: RuntimeClock;
  /** Scripts the playground offers to load, with their scenarios. */
  samples?: readonly PlaygroundSample[];
  /** The admin token, handed to a playground page opened on this machine. */
  adminToken?: string;
  /** Limits for scripts sent to /sim/validate and /sim/scripts. */
  loadLimits?: Partial<LoadLimits>;
  /** Origins a browser may call the vendor's routes from; default: any (they need a bearer token and use no cookies). */
  corsOrigins?: readonly string[];
  /** Real outgoing REST calls for allowed hosts (serve --allow-http); without it scripts' REST calls are answered by their scenario's mocks only. */
  outgoing?: Outgoing;
}

/** Agent settings as the vendor's agent SDK reads them: no softphone, no UI queue (events come by polling), no monitoring keys. */
function agentSettings(agentId: string): Record<string, string | number | boolean | readonly string[]> {
  return {
    agentId,
    cxaClientVersion: '',
    webRTCType: '',
    webRTCWSSUrls: [],
    webRTCServerDomain: '',
    webRTCICEUrls: [],
    webRTCDNIS: '',
    deleteCommitmentString: '',
    persistentPanels: '',
    maxConferenceParties: 0,
    EnableUIQueue: false,
  };
}

export type ServerEnv = { Variables: { role: Role } };
type Env = ServerEnv;

const customEventParameters = ['eventName', 'persistInMemory', 'data'] as const;

/** `/incontactapi/services/v30.0/...` (any version, any case of the first part) is the vendor's base path. */
const vendorBase = /^\/incontactapi\/services\/v\d+\.0(?=\/|$)/i;

/** The path routes match: the vendor's base becomes /api; /api itself is not a public path. */
export function routePath(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  const query = url.indexOf('?', start);
  const path = start < 0 ? '/' : url.slice(start, query < 0 ? undefined : query);
  const vendor = vendorBase.exec(path);
  if (vendor) return `/api${path.slice(vendor[0].length)}`;
  return path.startsWith('/api/') ? `/not-found${path}` : path;
}

function problem(c: Context, status: 400 | 401 | 403 | 404 | 409 | 413 | 414 | 422 | 429 | 500, error: string, message: string): Response {
  return c.json({ error, message }, status);
}

/**
 * One query parameter, strictly: given twice or badly percent-encoded is a
 * client mistake worth a 400 (a lenient parser would guess which was meant).
 */
export function queryParameter(url: string, name: string): { value: string | undefined } | { problem: string } {
  const found = queryParameters(url, [name]);
  return 'problem' in found ? found : { value: found.values[name] };
}

/**
 * Several query parameters, read in one pass over the query, each as strictly
 * as `queryParameter` reads it; the problem reported is that of the first
 * name (in the order given) that has one.
 */
export function queryParameters(url: string, names: readonly string[]): { values: Record<string, string | undefined> } | { problem: string } {
  const raws: Record<string, string[]> = {};
  const start = url.indexOf('?');
  if (start >= 0) {
    for (const pair of url.slice(start + 1).split('&')) {
      const equals = pair.indexOf('=');
      const key = equals < 0 ? pair : pair.slice(0, equals);
      if (!names.includes(key)) continue;
      (raws[key] ??= []).push(equals < 0 ? '' : pair.slice(equals + 1));
    }
  }
  const values: Record<string, string | undefined> = {};
  for (const name of names) {
    const given = raws[name] ?? [];
    for (const raw of given) {
      try {
        values[name] = decodeURIComponent(raw.includes('+') ? raw.replace(/\+/g, ' ') : raw);
      } catch {
        return { problem: `${name} is not valid percent-encoding ("${raw.slice(0, 40)}"); encode it with encodeURIComponent` };
      }
    }
    if (given.length > 1) return { problem: `${name} is given ${given.length} times; give it once` };
  }
  return { values };
}

/** A route's answer as plain data, so the node adapter's fast path can send it without the router. */
export interface Answer {
  status: 202 | 400 | 404 | 429 | 500;
  body: Record<string, string>;
}

/** The path (after the vendor's base) the fast path takes: an agent id of plain characters, nothing to decode or resolve. */
const plainCustomEventPath = /^\/api\/agents\/([A-Za-z0-9_-][A-Za-z0-9._-]*)\/custom-event$/;

const internalError = (error: Error): Answer => ({ status: 500, body: { error: 'InternalError', message: `studio-sim failed to handle this request: ${error.message}` } });

/**
 * The studio-sim HTTP API: the vendor's agent-session, get-next-event and
 * custom-event routes on the shared agent event stream, and `/sim/` routes
 * that control the simulation. `fetch` takes a standard Request, so tests
 * drive it in-process and `serve` hands it to Node's HTTP server.
 */
export function createServer(options: ServerOptions) {
  const limits = { ...defaultServerLimits, ...options.limits };
  const clock = options.clock;
  const initialScenario = options.scenario ?? emptyScenario();
  const pollClock = options.pollClock ?? clock;
  const scripts = new Map<string, CompiledScript>(options.scripts ?? []);
  // HTTP clients are the agents' desktops here: no simulated desktop takes their events.
  const agents = initialScenario.agents.map((agent) => ({ ...agent, polls: false }));
  // The scenario's calendar and hours profiles apply; without clock.startAt the calendar is the real time.
  const worldOptions = { keepReceived: false, keepLog: false, maxPendingEvents: options.maxPendingEvents ?? initialScenario.limits.maxPendingEvents, calendar: initialScenario.calendar, hours: initialScenario.hours, numbers: initialScenario.numbers, ...(options.outgoing ? { outgoing: options.outgoing } : {}) };
  const feed = new Feed();
  let world = new Simulation(clock, agents, [], worldOptions);
  feed.observe(world);
  scheduleStartingSignals(world, initialScenario);
  /**
   * Per agent, its ended session whose AgentSessionEnd an HTTP poll has
   * taken: the first poll that finds a session ended gets AgentSessionEnd,
   * later ones 409. One entry per agent, so it stays bounded.
   */
  let endAnnounced = new Map<string, string>();
  let contacts = new Map<string, Contact>();
  /** Per contact started over HTTP with a scenario that has `callers:`, its background callers' names by contact id (filled in as they call). */
  let backgroundCallers = new Map<string, Map<string, string>>();
  /** The scenario data of the last reset that gave one (the playground's sample), and what was done to agents by hand since. */
  let scenarioData: Record<string, unknown> = {};
  let handActions: HandAction[] = [];
  const recordHand = (action: Omit<HandAction, 'at' | 'contactsStarted' | 'paused'>) => {
    const last = [...contacts.keys()].pop();
    handActions.push({ ...action, at: clock.now(), contactsStarted: last === undefined ? 0 : contactNumber(last), paused: world.paused });
  };
  /** Long polls waiting for events: each entry answers its poll with 304 (for shutdown). */
  const waitingPolls = new Set<() => void>();

  // Routes are matched on the path with the vendor's base turned into /api,
  // worked out from the URL text (cheaper than building a new Request).
  const app = new Hono<Env>({ getPath: (request) => routePath(request.url) });

  app.onError((error, c) => {
    const answer = internalError(error);
    return c.json(answer.body, 500);
  });
  app.notFound((c) => problem(c, 404, 'NotFound', `No route ${c.req.method} ${new URL(c.req.url).pathname}; see the README for the routes`));

  // Browser agent applications on other origins call the vendor's routes: their
  // preflights carry no token, so CORS comes before the token check. Never on
  // /sim/ nor on the playground's token route.
  app.use('/api/*', corsMiddleware(options.corsOrigins));
  const limitBody = bodyLimit({
    maxSize: limits.maxBodyBytes,
    onError: (c) => {
      // The rest of the body is not read, so this connection cannot carry another request.
      c.header('Connection', 'close');
      return problem(c, 413, 'PayloadTooLarge', `The body is over ${limits.maxBodyBytes} bytes`);
    },
  });
  // Only the routes that read a body: the body check is asynchronous, and a custom-event PUT (its data
  // is in the URL) or a get-next-event held back by it would let pipelined requests overtake each other.
  app.on(['POST', 'DELETE', 'PATCH'], '/api/*', limitBody);

  // The playground's page loads without a token (it asks for one), so it comes before the check.
  playgroundPage(app, options.adminToken);

  /** The role an Authorization header gives, or the challenge and message of the 401 when it gives none. */
  const authenticate = (header: string): Role | { challenge: string; message: string } => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) return { challenge: 'Bearer', message: 'Send an Authorization: Bearer <token> header; serve prints the admin token when it starts' };
    return options.tokens.get(match[1] as string) ?? { challenge: 'Bearer error="invalid_token"', message: 'The token is not one this server knows' };
  };

  app.use('*', async (c, next) => {
    const role = authenticate(c.req.header('authorization') ?? '');
    if ('challenge' in role) {
      c.header('WWW-Authenticate', role.challenge);
      return problem(c, 401, 'Unauthorized', role.message);
    }
    c.set('role', role);
    await next();
  });

  const isAdmin = (c: Context<Env>) => c.get('role').kind === 'admin';
  /**
   * The agent a session request acts for: `asAgentId` from the JSON body or
   * the query (the SDK sends it in the body) for admin, the token's own agent
   * otherwise; an empty asAgentId means the token's own agent.
   */
  const actingAgent = (c: Context<Env>, data: Record<string, unknown>): { agentId: string } | Response => {
    const role = c.get('role');
    const params = query(c, 'asAgentId');
    if (params instanceof Response) return params;
    const fromBody = data['asAgentId'];
    if (fromBody !== undefined && fromBody !== null && typeof fromBody !== 'string' && typeof fromBody !== 'number') return problem(c, 400, 'BadRequest', 'asAgentId in the body must be an agent id, e.g. {"asAgentId": "1001"}');
    const bodyAgent = fromBody === undefined || fromBody === null ? undefined : String(fromBody);
    const queryAgent = params['asAgentId'];
    if (bodyAgent && queryAgent && bodyAgent !== queryAgent) return problem(c, 400, 'BadRequest', `asAgentId is ${queryAgent} in the query but ${bodyAgent} in the body; give it once`);
    const asAgentId = bodyAgent || queryAgent || undefined;
    if (role.kind === 'agent') {
      if (asAgentId !== undefined && asAgentId !== role.agentId) return problem(c, 403, 'Forbidden', `This token belongs to agent ${role.agentId}; it cannot act as agent ${asAgentId}`);
      return { agentId: role.agentId };
    }
    if (!asAgentId) return problem(c, 400, 'BadRequest', 'Give the agent with {"asAgentId": "<agent id>"} in the body or ?asAgentId=<agent id> (an agent token needs none)');
    return { agentId: asAgentId };
  };
  const unknownAgentMessage = (agentId: string) => `Agent ${agentId} is not in the simulation; add it with POST /sim/agents or the --scenario file`;
  const unknownAgent = (c: Context, agentId: string) => problem(c, 404, 'NotFound', unknownAgentMessage(agentId));
  const ownSession = (c: Context<Env>, sessionId: string): { agentId: string; open: boolean } | Response => {
    const session = world.stream.session(sessionId);
    if (!session) return problem(c, 404, 'NotFound', `No session has the id ${sessionId}`);
    const role = c.get('role');
    if (role.kind === 'agent' && role.agentId !== session.agentId) return problem(c, 403, 'Forbidden', `Session ${sessionId} belongs to another agent`);
    return session;
  };

  // --- the vendor's routes ------------------------------------------------

  /** Query parameters by name, or the 400 that says which one is wrong. */
  const query = (c: Context, ...names: string[]): Record<string, string | undefined> | Response => {
    const out: Record<string, string | undefined> = {};
    for (const name of names) {
      const found = queryParameter(c.req.url, name);
      if ('problem' in found) return problem(c, 400, 'BadRequest', found.problem);
      out[name] = found.value;
    }
    return out;
  };

  /**
   * The JSON body of a vendor call, whatever its Content-Type: the vendor's
   * agent SDK sends none, so a browser labels it text/plain. No body is `{}`.
   */
  const vendorBody = async (c: Context): Promise<Record<string, unknown> | Response> => {
    const text = await c.req.text();
    if (text.trim() === '') return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return problem(c, 400, 'BadRequest', `The body is not JSON (it starts "${text.slice(0, 40)}"); send a JSON object such as {"stationId": "1234"}`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return problem(c, 400, 'BadRequest', 'The body must be a JSON object');
    return parsed as Record<string, unknown>;
  };
  /** A text field of a vendor body: absent is '', anything but text or a number is a 400. */
  const textField = (c: Context, data: Record<string, unknown>, name: string, example: string): string | Response => {
    const value = data[name];
    if (value === undefined || value === null) return '';
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    return problem(c, 400, 'BadRequest', `${name} must be text, e.g. {"${name}": "${example}"}`);
  };
  /** The open session a call names, checked against the token; the agent it belongs to. */
  const openSession = (c: Context<Env>): { agentId: string; sessionId: string } | Response => {
    const sessionId = c.req.param('sessionId') ?? '';
    const session = ownSession(c, sessionId);
    if (session instanceof Response) return session;
    if (!session.open) return problem(c, 409, 'Conflict', `Session ${sessionId} has ended; start a new one`);
    return { agentId: session.agentId, sessionId };
  };

  /** The custom-event PUT's rules, in one place: the route and the node adapter's fast path (`customEventPut`) both answer with it. */
  const customEventAnswer = (agentId: string, url: string): Answer => {
    const refuse = (status: Answer['status'], error: string, message: string): Answer => ({ status, body: { error, message } });
    const params = queryParameters(url, customEventParameters);
    if ('problem' in params) return refuse(400, 'BadRequest', params.problem);
    const eventName = params.values['eventName'];
    const persist = params.values['persistInMemory'];
    const data = params.values['data'] ?? '';
    if (!eventName) return refuse(400, 'BadRequest', 'eventName is required, e.g. ?eventName=Menu_Choice');
    if (eventName.length > limits.maxEventNameChars) return refuse(400, 'BadRequest', `eventName is over ${limits.maxEventNameChars} characters`);
    if (persist !== undefined && !/^(true|false)$/i.test(persist)) return refuse(400, 'BadRequest', `persistInMemory must be true or false, not "${persist}"`);
    if (data.length > limits.maxDataChars) return refuse(400, 'BadRequest', `data is ${data.length} characters, over the limit of ${limits.maxDataChars}`);
    if (!world.stream.hasAgent(agentId)) return refuse(404, 'NotFound', unknownAgentMessage(agentId));
    const delivery = world.customEvent(agentId, eventName, data, persist?.toLowerCase() === 'true', 'http');
    if (delivery === 'refused') {
      return refuse(429, 'TooManyPendingEvents', `Agent ${agentId} already holds ${world.stream.maxPending} undelivered events; poll them, or raise the limit with serve --max-pending-events <count>`);
    }
    return { status: 202, body: { delivery } };
  };

  /**
   * The vendor's signal: POST /interactions/{contactId}/signal with p1 to p9
   * (in the query, or a JSON body) runs the contact's OnSignal with SP1,
   * SP2, ... and the source contact ID 0, as the OnSignal page says of a
   * signal from a web service.
   */
  app.post('/api/interactions/:contactId/signal', async (c) => {
    const contactId = c.req.param('contactId');
    const names = Array.from({ length: maxSignalParameters }, (_, index) => `p${index + 1}`);
    const fromQuery = queryParameters(c.req.url, names);
    if ('problem' in fromQuery) return problem(c, 400, 'BadRequest', fromQuery.problem);
    const data = await vendorBody(c);
    if (data instanceof Response) return data;
    const extra = [...Object.keys(data), ...new URL(c.req.url).searchParams.keys()].find((key) => /^p\d+$/i.test(key) && !names.includes(key));
    if (extra !== undefined) return problem(c, 400, 'BadRequest', `${extra} is not a signal parameter: a signal carries p1 to p${maxSignalParameters} (SP1 to SP${maxSignalParameters} in the script)`);
    const values: string[] = [];
    for (const name of names) {
      const inBody = data[name];
      if (inBody !== undefined && inBody !== null && typeof inBody !== 'string' && typeof inBody !== 'number') return problem(c, 400, 'BadRequest', `${name} must be text, e.g. {"${name}": "TechFound"}`);
      const inQuery = fromQuery.values[name];
      if (inBody !== undefined && inBody !== null && inQuery !== undefined) return problem(c, 400, 'BadRequest', `${name} is given in both the query and the body; give it once`);
      const value = inQuery ?? (inBody === undefined || inBody === null ? undefined : String(inBody));
      if (value !== undefined && value.length > maxSignalParameterChars) return problem(c, 400, 'BadRequest', `${name} is ${value.length} characters, over the ${maxSignalParameterChars} a signal parameter may hold`);
      values.push(value ?? '');
    }
    // Only the parameters given count, up to the last one (a gap reads as empty, as in the scenario's list).
    while (values.length > 0 && values[values.length - 1] === '' && fromQuery.values[`p${values.length}`] === undefined && data[`p${values.length}`] === undefined) values.pop();
    const target = world.runningContact(contactId);
    if (target === undefined) {
      const ended = contacts.get(contactId)?.done === true;
      return problem(c, 404, 'NotFound', ended ? `Contact ${contactId} has ended, so it cannot be signalled` : `No running contact has the id ${contactId.length > 64 ? `${contactId.slice(0, 61)}...` : contactId}; GET /sim/contacts lists the contacts`);
    }
    const runs = target.handlesSignals;
    world.signalFromOutside(contactId, values);
    return c.json({ contactId, onSignal: runs, parameters: values.length }, 202);
  });

  app.put('/api/agents/:agentId/custom-event', (c) => {
    const answer = customEventAnswer(c.req.param('agentId'), c.req.url);
    return c.json(answer.body, answer.status);
  });

  app.post('/api/agent-sessions', async (c) => {
    const data = await vendorBody(c);
    if (data instanceof Response) return data;
    const acting = actingAgent(c, data);
    if (acting instanceof Response) return acting;
    const stationId = textField(c, data, 'stationId', '1234');
    if (stationId instanceof Response) return stationId;
    const stationPhoneNumber = textField(c, data, 'stationPhoneNumber', '8015551234');
    if (stationPhoneNumber instanceof Response) return stationPhoneNumber;
    // A session starts Unavailable with no reason, as on the platform; the agent then sets itself Available.
    const sessionId = world.login(acting.agentId, 'Unavailable', { stationId, stationPhoneNumber });
    if (sessionId === undefined) return unknownAgent(c, acting.agentId);
    return c.json({ sessionId }, 202);
  });

  app.post('/api/agent-sessions/join', async (c) => {
    const data = await vendorBody(c);
    if (data instanceof Response) return data;
    const acting = actingAgent(c, data);
    if (acting instanceof Response) return acting;
    if (!world.stream.hasAgent(acting.agentId)) return unknownAgent(c, acting.agentId);
    const sessionId = world.joined(acting.agentId);
    if (sessionId === undefined) return problem(c, 404, 'NotFound', `Agent ${acting.agentId} has no open session to join; start one with POST /agent-sessions`);
    return c.json({ sessionId }, 202);
  });

  app.delete('/api/agent-sessions/:sessionId', async (c) => {
    // The SDK sends {forceLogoff, endContacts, ignorePersonalQueue}: the session ends either way.
    const data = await vendorBody(c);
    if (data instanceof Response) return data;
    const session = ownSession(c, c.req.param('sessionId'));
    if (session instanceof Response) return session;
    if (!session.open) return problem(c, 409, 'Conflict', 'The session has already ended');
    world.logout(session.agentId);
    return c.body(null, 202);
  });

  app.get('/api/agents/:agentId/agent-settings', (c) => {
    const agentId = c.req.param('agentId');
    const role = c.get('role');
    if (role.kind === 'agent' && role.agentId !== agentId) return problem(c, 403, 'Forbidden', `This token belongs to agent ${role.agentId}; it cannot read the settings of agent ${agentId}`);
    if (!world.stream.hasAgent(agentId)) return unknownAgent(c, agentId);
    return c.json(agentSettings(agentId), 200);
  });

  app.post('/api/agent-sessions/:sessionId/state', async (c) => {
    const data = await vendorBody(c);
    if (data instanceof Response) return data;
    const session = openSession(c);
    if (session instanceof Response) return session;
    const given = data['state'];
    const state = typeof given === 'string' ? (['Available', 'Unavailable'] as const).find((s) => s.toLowerCase() === given.toLowerCase()) : undefined;
    if (state === undefined) return problem(c, 400, 'BadRequest', `state must be Available or Unavailable, e.g. {"state": "Unavailable", "reason": "Lunch"}${given === undefined ? '' : `, not ${JSON.stringify(given).slice(0, 40)}`}`);
    const reason = textField(c, data, 'reason', 'Lunch');
    if (reason instanceof Response) return reason;
    const result = world.setState(session.agentId, state, reason);
    if (result === 'onContact') return problem(c, 409, 'Conflict', `Agent ${session.agentId} has a contact ringing or answered; set the state once it ends`);
    return c.body(null, 202);
  });

  app.post('/api/agent-sessions/:sessionId/interactions/:contactId/accept', async (c) => {
    const data = await vendorBody(c);
    if (data instanceof Response) return data;
    const session = openSession(c);
    if (session instanceof Response) return session;
    const contactId = c.req.param('contactId');
    const at = world.contactAt(session.agentId);
    if (!at || at.contactId !== contactId) return problem(c, 404, 'NotFound', `Contact ${contactId} is not ringing at agent ${session.agentId}`);
    if (at.answered || world.answerNow(session.agentId) === undefined) return problem(c, 409, 'Conflict', `Contact ${contactId} is already answered`);
    return c.body(null, 202);
  });

  /** The agent's call controls on its answered contact: hold (the script's OnHold runs), resume, end (the caller is disconnected, OnRelease runs). */
  const callControl = (action: 'hold' | 'resume' | 'end', refused: string) =>
    async (c: Context<Env>) => {
      const data = await vendorBody(c);
      if (data instanceof Response) return data;
      const session = openSession(c);
      if (session instanceof Response) return session;
      const contactId = c.req.param('contactId') ?? '';
      const at = world.contactAt(session.agentId);
      if (!at || at.contactId !== contactId) return problem(c, 404, 'NotFound', `Agent ${session.agentId} has no contact ${contactId}`);
      if (!at.answered) return problem(c, 409, 'Conflict', `Contact ${contactId} is still ringing; accept it first`);
      const done = action === 'hold' ? world.hold(session.agentId) : action === 'resume' ? world.resume(session.agentId) : world.endContact(session.agentId);
      if (done === undefined) return problem(c, 409, 'Conflict', `Contact ${contactId} ${refused}`);
      return c.body(null, 202);
    };
  app.post('/api/agent-sessions/:sessionId/interactions/:contactId/hold', callControl('hold', 'is already on hold'));
  app.post('/api/agent-sessions/:sessionId/interactions/:contactId/resume', callControl('resume', 'is not on hold'));
  app.post('/api/agent-sessions/:sessionId/interactions/:contactId/end', callControl('end', 'has already ended'));

  app.get('/api/agent-sessions/:sessionId/get-next-event', (c) => {
    const sessionId = c.req.param('sessionId');
    const params = query(c, 'timeout');
    if (params instanceof Response) return params;
    const raw = params['timeout'] ?? '10';
    if (!/^\d{1,2}$/.test(raw) || Number(raw) > 60) return problem(c, 400, 'BadRequest', `timeout must be a whole number of seconds from 0 to 60, not "${raw}"`);
    const session = ownSession(c, sessionId);
    if (session instanceof Response) return session;
    if (!session.open) return sessionEnded(c, session.agentId, sessionId, `Session ${sessionId} has ended; start a new one`);
    if (waitingPolls.size >= limits.maxWaitingPolls) {
      return problem(c, 429, 'TooManyPolls', `${limits.maxWaitingPolls} polls are already waiting, the limit; retry shortly, or start serve with a higher --max-polls`);
    }
    const signal = c.req.raw.signal;
    const stream = world.stream;
    if (raw === '0' || Number(raw) === 0) {
      const answer = stream.take(sessionId, 'http');
      return answer.kind === 'events' && answer.events.length > 0 ? c.json({ sessionId, events: answer.events }, 200) : c.body(null, 304);
    }
    return new Promise<Response>((resolve) => {
      let settled = false;
      let timer: unknown;
      const settle = (response: Response) => {
        if (settled) return;
        settled = true;
        if (timer !== undefined) pollClock.clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        waitingPolls.delete(answerNow);
        resolve(response);
      };
      const answerNow = () => {
        withdraw();
        settle(new Response(null, { status: 304 }));
      };
      const withdraw = stream.poll(sessionId, 'http', (answer) => {
        if (answer.kind === 'events') {
          // The client left while the events were on their way: give them back, nothing is lost.
          if (signal.aborted || settled) return stream.restore(sessionId, answer.events as AgentEvent[]);
          // A client that hangs up just as an event arrives: its hang-up can be read in the same
          // turn of the event loop as the request that sent the event, and is seen only after
          // it. Answer once that turn is over, so such a poll gives its events back.
          setImmediate(() => {
            if (signal.aborted || settled) stream.restore(sessionId, answer.events as AgentEvent[]);
            else settle(c.json({ sessionId, events: answer.events }, 200));
          });
        } else if (answer.kind === 'ended') {
          settle(sessionEnded(c, session.agentId, sessionId, `Session ${sessionId} ended while polling`));
        } else {
          settle(problem(c, 404, 'NotFound', `No session has the id ${sessionId}`));
        }
      });
      function onAbort() {
        withdraw();
        settle(new Response(null, { status: 499 }));
      }
      if (settled) return;
      // The client may have gone between its request and this moment: no abort event is coming then.
      if (signal.aborted) return onAbort();
      waitingPolls.add(answerNow);
      signal.addEventListener('abort', onAbort, { once: true });
      timer = pollClock.setTimeout(() => {
        withdraw();
        settle(new Response(null, { status: 304 }));
      }, Number(raw) * 1000);
    });
  });

  /** A poll of an ended session: AgentSessionEnd the first time, as the platform says goodbye; 409 after. */
  function sessionEnded(c: Context, agentId: string, sessionId: string, message: string): Response {
    if (endAnnounced.get(agentId) === sessionId) return problem(c, 409, 'Conflict', message);
    endAnnounced.set(agentId, sessionId);
    return c.json({ sessionId, events: [sessionEndMessage()] }, 200);
  }

  // --- simulation control --------------------------------------------------

  const sim = new Hono<Env>();
  sim.use('*', async (c, next) => {
    if (!isAdmin(c)) return problem(c, 403, 'Forbidden', 'The /sim/ routes need the admin token');
    await next();
  });
  sim.use('*', limitBody);
  const body = async (c: Context): Promise<Record<string, unknown> | Response> => {
    let parsed: unknown;
    try {
      parsed = await c.req.json();
    } catch {
      return problem(c, 400, 'BadRequest', 'The body must be JSON, with Content-Type: application/json');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return problem(c, 400, 'BadRequest', 'The body must be a JSON object');
    return parsed as Record<string, unknown>;
  };

  sim.get('/agents', (c) => c.json({ agents: world.agents() }));
  sim.post('/agents', async (c) => {
    const data = await body(c);
    if (data instanceof Response) return data;
    const id = data['id'];
    if (typeof id !== 'string' && typeof id !== 'number') return problem(c, 400, 'BadRequest', 'id is required: {"id": "1001", "skills": ["Support"], "state": "Available"}');
    const { id: _id, ...agentData } = data;
    const scenario = checkScenario({ agents: { [String(id)]: agentData } });
    if (typeof scenario === 'string') return problem(c, 400, 'BadRequest', scenario);
    const spec = { ...(scenario.agents[0] as AgentSpec), polls: false };
    if (world.agentIds().length >= limits.maxAgents) {
      return problem(c, 429, 'TooManyAgents', `The simulation already has ${limits.maxAgents} agents, the limit; POST /sim/reset, or start serve with a higher --max-agents`);
    }
    if (!world.addAgent(spec)) return problem(c, 409, 'Conflict', `Agent ${spec.id} already exists`);
    return c.json({ agent: world.agents().find((a) => a.id === spec.id) }, 201);
  });
  sim.post('/agents/:agentId/login', (c) => {
    const state = c.req.query('state') === 'Unavailable' ? 'Unavailable' : 'Available';
    const sessionId = world.login(c.req.param('agentId'), state);
    if (sessionId === undefined) return unknownAgent(c, c.req.param('agentId'));
    recordHand({ kind: 'login', agentId: c.req.param('agentId'), state });
    return c.json({ sessionId });
  });
  sim.post('/agents/:agentId/logout', (c) => {
    const agentId = c.req.param('agentId');
    if (!world.stream.hasAgent(agentId)) return unknownAgent(c, agentId);
    recordHand({ kind: 'logout', agentId });
    return c.json({ loggedOut: world.logout(agentId) });
  });
  sim.get('/scripts', (c) => c.json({ scripts: [...scripts].map(([name, compiled]) => ({ name, script: compiled.script.name, file: compiled.script.source.file, actions: compiled.script.actions.size })) }));
  sim.post('/contacts', async (c) => {
    const data = await body(c);
    if (data instanceof Response) return data;
    const name = data['script'];
    const compiled = typeof name === 'string' ? scripts.get(name) : undefined;
    if (!compiled) return problem(c, 400, 'BadRequest', `script must name a loaded script (${[...scripts.keys()].join(', ') || 'none loaded: start serve with --scripts <folder>'})`);
    const scenarioData = data['scenario'] ?? {};
    if (scenarioData === null || typeof scenarioData !== 'object' || Array.isArray(scenarioData)) return problem(c, 400, 'BadRequest', 'scenario must be an object in the scenario file format');
    const scenario = checkScenario(scenarioData as Record<string, unknown>);
    if (typeof scenario === 'string') return problem(c, 400, 'BadRequest', scenario);
    const live = data['live'] ?? false;
    if (typeof live !== 'boolean') return problem(c, 400, 'BadRequest', 'live must be true (the caller presses keys with POST /sim/contacts/<id>/digits) or false');
    if (contacts.size >= limits.maxContacts) {
      // Keep memory bounded: forget the oldest finished contact, or refuse when all still run.
      const finished = [...contacts.values()].find((c) => c.done);
      if (!finished) return problem(c, 429, 'TooManyContacts', `${limits.maxContacts} contacts are running, the limit; wait for some to end, POST /sim/reset, or start serve with a higher --max-contacts`);
      contacts.delete(finished.id);
      backgroundCallers.delete(finished.id);
      world.forget(finished);
    }
    // The scenario's background callers call beside it, on the same clock, for the same agents.
    const { contact, callers } = startScenarioContact(world, compiled, scenario, { live });
    contacts.set(contact.id, contact);
    if (callers) backgroundCallers.set(contact.id, callers);
    return c.json({ contactId: contact.id, report: `/sim/contacts/${contact.id}`, ...(scenario.callers.length > 0 ? { callers: scenario.callers.map((caller) => ({ name: caller.name, at: caller.atMs })) } : {}) }, 201);
  });
  sim.get('/contacts', (c) => {
    // Where each waiting contact stands in the queue (1 = the next an agent free for it takes).
    const queue = new Map(world.queueOrder().map((entry, index) => [entry.contactId, index + 1]));
    const inQueue = (contactId: string) => ({ queuePosition: queue.get(contactId) ?? null });
    return c.json({
      contacts: [
        ...[...contacts.values()].map((contact) => ({ contactId: contact.id, script: contact.compiled.script.name, done: contact.done, reason: contact.reason ?? null, ...(backgroundCallers.has(contact.id) ? { caller: mainCallerName, ...inQueue(contact.id) } : {}) })),
        // Those Spawn started, also the ones still waiting for their StartDate.
        ...world.spawnedReport().map((spawned) => ({ contactId: spawned.contactId, script: spawned.script, done: spawned.reason !== undefined, reason: spawned.reason ?? null, spawnedBy: spawned.parent, startsAt: spawned.startsAt })),
        // The scenario's background callers that have called: each with its name, the call it came with, and its place in the queue.
        ...[...backgroundCallers].flatMap(([mainId, names]) => {
          const main = contacts.get(mainId);
          if (main === undefined) return [];
          const report = buildReport(world, main, names).callers ?? [];
          return report
            .filter((caller) => caller.contactId !== mainId)
            .map((caller) => {
              const contact = backgroundContact(caller.contactId);
              // Offered to an agent and not answered yet: it rings there.
              const ringing = contact !== undefined && !contact.done && caller.answeredAt === undefined ? world.agentOf(contact)?.id : undefined;
              return { contactId: caller.contactId, script: contact?.compiled.script.name ?? main.compiled.script.name, done: caller.reason !== undefined, reason: caller.reason ?? null, caller: caller.name, callerOf: mainId, arrivedAt: caller.arrivedAt, queuedAt: caller.queuedAt ?? null, ringingAt: ringing ?? null, answeredAt: caller.answeredAt ?? null, agentId: caller.agentId ?? null, ...inQueue(caller.contactId) };
            });
        }),
      ],
    });
  });
  sim.get('/contacts/:contactId', (c) => {
    const contactId = c.req.param('contactId');
    const contact = contactById(contactId);
    if (!contact) return problem(c, 404, 'NotFound', `No contact ${contactId}`);
    // A call that came with background callers reports them too (when each called, was queued, answered).
    return c.json({ done: contact.done, ...buildReport(world, contact, backgroundCallers.get(contactId)) });
  });
  sim.post('/reset', async (c) => {
    // A body is optional: {"scenario": {...}} resets to that scenario's agents.
    let given: Scenario | undefined;
    let givenData: Record<string, unknown> | undefined;
    let by: string | undefined;
    if ((await c.req.text()).trim() !== '') {
      const data = await body(c);
      if (data instanceof Response) return data;
      if (data['by'] !== undefined && (typeof data['by'] !== 'string' || data['by'].length > 64)) return problem(c, 400, 'BadRequest', 'by must be a short text naming who resets (the playground sends its tab id)');
      by = data['by'] as string | undefined;
      const raw = data['scenario'];
      if (raw !== undefined) {
        if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return problem(c, 400, 'BadRequest', 'scenario must be an object in the scenario file format');
        const checked = checkScenario(raw as Record<string, unknown>);
        if (typeof checked === 'string') return problem(c, 400, 'BadRequest', checked);
        given = checked;
        givenData = raw as Record<string, unknown>;
      }
    }
    reset(given, by);
    if (givenData) scenarioData = givenData;
    return c.json({ reset: true, agents: world.agents().length });
  });
  /** A contact by its id: one started over HTTP, or one a Spawn started or a background caller (they run in the world, not in `contacts`). */
  function contactById(contactId: string): Contact | undefined {
    const started = contacts.get(contactId);
    if (started) return started;
    if (!world.spawned.some((spawned) => spawned.contactId === contactId)) return backgroundContact(contactId);
    return world.contacts.find((contact) => contact.id === contactId);
  }
  /** A background caller's contact, by its id. */
  function backgroundContact(contactId: string): Contact | undefined {
    if (![...backgroundCallers.values()].some((names) => names.has(contactId))) return undefined;
    return world.contacts.find((contact) => contact.id === contactId);
  }

  playgroundRoutes(sim, {
    world: () => world,
    contacts: () => contacts,
    contact: contactById,
    scripts,
    samples: options.samples ?? [],
    clock,
    pollClock,
    feed,
    loadLimits: options.loadLimits ?? {},
    problem,
    body,
    scenarioData: () => scenarioData,
    handActions: () => handActions,
    recordHand,
  });
  app.route('/sim', sim);

  function checkScenario(data: Record<string, unknown>): Scenario | string {
    const result = scenarioFromData(data);
    return 'scenario' in result ? result.scenario : `scenario: ${result.problems.join('; ')}`;
  }

  /**
   * A new world. With a scenario (the playground's sample) its agents are
   * taken as written, simulated desktops included, as `run` takes them;
   * without one, serve's own agents, whose desktops are HTTP clients.
   */
  function reset(scenario?: Scenario, by?: string): void {
    // Spawned contacts go too: they run in the world beside the ones started over HTTP.
    const spawnedIds = new Set(world.spawned.map((record) => record.contactId));
    const spawned = world.contacts.filter((contact) => spawnedIds.has(contact.id));
    // Background callers too: every contact still running in the world.
    const running = [...new Set([...contacts.values(), ...spawned, ...world.running])];
    const ended = running.filter((contact) => !contact.done).map((contact) => contact.id);
    for (const contact of running) contact.stop('TimeLimit', 'The simulation was reset');
    for (const agent of world.agents()) world.logout(agent.id);
    clock.clearAll?.();
    feed.add({ at: 0, kind: 'reset', text: 'the simulation was reset', ended, ...(by !== undefined ? { by } : {}) });
    world = new Simulation(clock, scenario ? scenario.agents : agents, scenario ? scenario.events : [], scenario ? { ...worldOptions, maxPendingEvents: options.maxPendingEvents ?? scenario.limits.maxPendingEvents, calendar: scenario.calendar, hours: scenario.hours, numbers: scenario.numbers } : worldOptions);
    feed.observe(world);
    // Back to serve's own agents: its starting scenario's signals start again with the world.
    if (!scenario) scheduleStartingSignals(world, initialScenario);
    endAnnounced = new Map();
    contacts = new Map();
    backgroundCallers = new Map();
    if (!scenario) scenarioData = {};
    handActions = [];
  }

  return {
    app,
    limits,
    get world() {
      return world;
    },
    /**
     * The vendor custom-event PUT answered without the router, for the node
     * adapter's fast path (node.ts): the same URL-length and token checks as
     * `fetch`, then the route's own code. Undefined for whatever it does not
     * take (another route, an agent id with anything to decode, a missing or
     * unknown token, an over-long URL): `fetch` answers those as ever.
     */
    customEventPut(url: string, authorization: string | undefined): Answer | undefined {
      if (url.length > limits.maxUrlBytes) return undefined;
      const path = plainCustomEventPath.exec(routePath(url));
      if (!path || 'challenge' in authenticate(authorization ?? '')) return undefined;
      try {
        return customEventAnswer(path[1] as string, url);
      } catch (error) {
        return internalError(error as Error);
      }
    },
    /** Handles one request; the vendor's base path is mapped onto the API routes. */
    fetch(request: Request, env?: unknown): Response | Promise<Response> {
      if (request.url.length > limits.maxUrlBytes) {
        return new Response(JSON.stringify({ error: 'UriTooLong', message: `The URL is over ${limits.maxUrlBytes} bytes` }), { status: 414, headers: { 'content-type': 'application/json' } });
      }
      // The Node adapter's bindings (the socket) go through: the playground's token route asks who is calling.
      return app.fetch(request, env as never);
    },
    reset,
    /**
     * Graceful stop: waiting polls are answered (304, nothing more to come),
     * then the simulation stops. Returns what the server held, for a summary.
     */
    shutdown(): { pollsAnswered: number; agentsLoggedIn: number; pendingEvents: number; contactsRunning: number } {
      const polls = [...waitingPolls];
      for (const answer of polls) answer();
      feed.release();
      const agents = world.agents();
      const summary = {
        pollsAnswered: polls.length,
        agentsLoggedIn: agents.filter((a) => a.sessionId !== null).length,
        pendingEvents: agents.reduce((n, a) => n + a.pending, 0),
        contactsRunning: [...contacts.values()].filter((c) => !c.done).length,
      };
      reset();
      clock.clearAll?.();
      return summary;
    },
    close(): void {
      this.shutdown();
    },
  };
}

export type StudioSimServer = ReturnType<typeof createServer>;
