import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context, Hono } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { actionDefinitions } from '../actions/index.ts';
import { describeScriptTypes } from '../actions/script-types.ts';
import { systemVariables } from '../actions/system-variables.ts';
import { loadScriptText } from '../api.ts';
import type { CompiledScript } from '../compile/compile.ts';
import { builtinFunctions, keywords } from '../expression/index.ts';
import { scriptGraph } from '../graph/graph.ts';
import type { LoadLimits } from '../load/limits.ts';
import { variablesSet } from '../validate/index.ts';
import type { RuntimeClock } from '../runtime/clock.ts';
import type { Contact } from '../runtime/contact.ts';
import type { Simulation } from '../runtime/simulation.ts';
import { ControlledClock, type ClockMode, type ClockSpeed } from './clock.ts';
import type { Feed } from './feed.ts';
import type { ServerEnv } from './app.ts';
import { testCaseFromRun, type HandAction } from './test-case.ts';

/** A script the playground offers to load, with its default scenario as data. */
export interface PlaygroundSample {
  name: string;
  file: string;
  source: string;
  scenario: Record<string, unknown> | null;
  /**
   * The file the sample was read from. Its text, edited or not, stands for
   * that file: the scripts it calls (Runsub, RunScript) are found beside it.
   * Kept on the server: the page names the sample instead.
   */
  path?: string;
  /** The samples that call this one (it is their subscript, or RunScript hands over to it); absent for a script nothing calls. */
  calledBy?: string[];
}

/** The hint of a call the playground cannot resolve: text that is not a sample's has no folder to find the called script in. */
const playgroundSubscriptHint =
  "In the playground, a script finds the scripts it calls beside its sample's file: open the sample that calls them from the Samples menu and edit it there, or save this text as a file beside the scripts it calls and run it with `studio-sim run <file>`.";

type Problem = (c: Context, status: 400 | 403 | 404 | 409 | 422, error: string, message: string) => Response;

export interface PlaygroundContext {
  world(): Simulation;
  contacts(): ReadonlyMap<string, Contact>;
  /** A contact by its id, also one a Spawn started. */
  contact(contactId: string): Contact | undefined;
  scripts: Map<string, CompiledScript>;
  samples: readonly PlaygroundSample[];
  clock: RuntimeClock;
  /** Real time, for long polls: they wait in wall-clock seconds whatever virtual time does. */
  pollClock: RuntimeClock;
  feed: Feed;
  loadLimits: Partial<LoadLimits>;
  problem: Problem;
  body(c: Context): Promise<Record<string, unknown> | Response>;
  /** The scenario data the world was last reset with, for test cases. */
  scenarioData(): Record<string, unknown>;
  /** What someone did to agents by hand (logins, logouts, answers) since the last reset. */
  handActions(): readonly HandAction[];
  recordHand(action: Omit<HandAction, 'at' | 'contactsStarted' | 'paused'>): void;
}

/** The built page: dist/playground next to dist/server, or the build's output when running from the sources. */
function assetFolder(): string | undefined {
  for (const candidate of ['../playground/', '../../dist/playground/']) {
    const folder = fileURLToPath(new URL(candidate, import.meta.url));
    try {
      // The built page has its script beside it; the sources' index.html does not.
      readFileSync(`${folder}app.js`);
      return folder;
    } catch {
      // not built here
    }
  }
  return undefined;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** A page file as served: its bytes, compressed copies when they are smaller, and its entity tag. */
interface BuiltAsset {
  bytes: Uint8Array;
  /** Each made when first asked for (null: not smaller, sent as it is). */
  brotli(): Uint8Array | null;
  gzip(): Uint8Array | null;
  etag: string;
}

/**
 * Compressed once per encoding, when a browser first asks for it: the built
 * files do not change while serve runs. Brotli at quality 6: within 2 % of
 * quality 9's size for the page's script, in a sixth of the time, which the
 * first page load waits for.
 */
function builtAsset(bytes: Uint8Array): BuiltAsset {
  const compressible = bytes.length > 1024;
  const once = (compress: () => Uint8Array) => {
    let made: Uint8Array | null | undefined;
    return () => {
      if (made === undefined) {
        const compressed = compressible ? compress() : bytes;
        made = compressed.length < bytes.length * 0.9 ? compressed : null;
      }
      return made;
    };
  };
  return {
    bytes,
    brotli: once(() => brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 6, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length } })),
    gzip: once(() => gzipSync(bytes, { level: 9 })),
    etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}"`,
  };
}

/** The encodings an Accept-Encoding header allows (q=0 refuses one). */
function acceptedEncodings(header: string): Set<string> {
  const accepted = new Set<string>();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name && (q === undefined || Number(q) > 0)) accepted.add(name.trim());
  }
  return accepted;
}

const pageSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function isLoopbackAddress(address: string | undefined): boolean {
  return address !== undefined && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

/**
 * The page and its assets (no token needed to load them), and the admin
 * token for a page opened on this machine. A page opened from elsewhere is
 * refused the token (it asks the user for it): serve may listen on a public
 * address, and the token must not go to whoever can reach it. The Host
 * header check keeps a web page on another site from reading it through a
 * DNS name that points at 127.0.0.1.
 */
export function playgroundPage(app: Hono<ServerEnv>, adminToken: string | undefined): void {
  const folder = assetFolder();
  const cache = new Map<string, BuiltAsset>();
  const asset = (c: Context, name: string): Response => {
    if (!folder) return c.json({ error: 'NotFound', message: 'The playground is not built: run npm run build' }, 404);
    if (!/^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/.test(name)) return c.json({ error: 'NotFound', message: `No playground file ${name}` }, 404);
    let built = cache.get(name);
    if (!built) {
      try {
        built = builtAsset(readFileSync(`${folder}${name}`));
      } catch {
        return c.json({ error: 'NotFound', message: `No playground file ${name}` }, 404);
      }
      cache.set(name, built);
    }
    // no-cache: the browser keeps the file and asks each time; the ETag makes that a 304.
    const headers: Record<string, string> = { 'content-type': contentTypes[extname(name)] ?? 'application/octet-stream', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff', etag: built.etag, vary: 'Accept-Encoding' };
    // The page holds the admin token: it runs only its own script, talks only to this server,
    // and no other site may frame it. (The editor sets styles at run time, hence inline styles.)
    if (extname(name) === '.html') headers['content-security-policy'] = pageSecurityPolicy;
    const validators = (c.req.header('if-none-match') ?? '').split(',').map((tag) => tag.trim().replace(/^W\//, ''));
    if (validators.includes(built.etag) || validators.includes('*')) return new Response(null, { status: 304, headers });
    const accepted = acceptedEncodings(c.req.header('accept-encoding') ?? '');
    let body = built.bytes;
    const brotli = accepted.has('br') ? built.brotli() : null;
    const gzip = brotli === null && accepted.has('gzip') ? built.gzip() : null;
    if (brotli !== null) {
      body = brotli;
      headers['content-encoding'] = 'br';
    } else if (gzip !== null) {
      body = gzip;
      headers['content-encoding'] = 'gzip';
    }
    return new Response(body as Uint8Array<ArrayBuffer>, { headers });
  };
  app.get('/', (c) => asset(c, 'index.html'));
  // Browsers ask for it unprompted and without the token: no icon, rather than a 401.
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/playground/token', (c) => {
    const host = (c.req.header('host') ?? '').replace(/:\d+$/, '').toLowerCase();
    let peer: string | undefined;
    try {
      peer = getConnInfo(c).remote.address;
    } catch {
      peer = undefined;
    }
    if (!adminToken || !loopbackHosts.has(host) || !isLoopbackAddress(peer)) {
      return c.json({ error: 'Forbidden', message: 'The token is only handed to a page opened on the machine serve runs on (http://127.0.0.1:<port>/); paste the admin token serve printed instead' }, 403);
    }
    c.header('cache-control', 'no-store');
    return c.json({ token: adminToken });
  });
  app.get('/playground/:asset', (c) => asset(c, c.req.param('asset')));
}

const scriptNamePattern = /^[A-Za-z0-9_.-]{1,64}$/;
const keysPattern = /^[0-9*#]{1,32}$/;
const speeds: readonly ClockSpeed[] = [1, 10, 'instant'];

/** The /sim/ routes the playground drives: editing, stepping, the caller's keypad and the live feed. */
export function playgroundRoutes(sim: Hono<ServerEnv>, ctx: PlaygroundContext): void {
  const { problem } = ctx;
  const contactOr404 = (c: Context): Contact | Response => {
    const contact = ctx.contact(c.req.param('contactId') ?? '');
    return contact ?? problem(c, 404, 'NotFound', `No contact ${c.req.param('contactId')}; start one with POST /sim/contacts`);
  };
  const controlled = (c: Context): ControlledClock | Response =>
    ctx.clock instanceof ControlledClock ? ctx.clock : problem(c, 409, 'Conflict', "This server's clock runs at wall-clock time and cannot be paused or stepped");
  const clockState = () => {
    const clock = ctx.clock;
    return clock instanceof ControlledClock ? { now: clock.now(), mode: clock.mode, speed: clock.speed } : { now: clock.now(), mode: 'running' as ClockMode, speed: 1 as ClockSpeed };
  };
  const samplesByName = new Map(ctx.samples.map((sample) => [sample.name, sample]));
  /** The script text a request sends, the name it is shown under, and (for a sample's text) the file it stands for. */
  const source = async (c: Context): Promise<{ source: string; file: string; sample?: string; path?: string } | Response> => {
    const data = await ctx.body(c);
    if (data instanceof Response) return data;
    const sampleName = data['sample'];
    const sample = typeof sampleName === 'string' ? samplesByName.get(sampleName) : undefined;
    if (sampleName !== undefined && sampleName !== null && !sample) return problem(c, 400, 'BadRequest', `sample must name one of the samples (GET /sim/samples), not ${JSON.stringify(sampleName).slice(0, 80)}; leave it out for text of your own`);
    // A sample named without a source is the sample's own text (the page asks for its chart before it has the text).
    const text = data['source'] === undefined && sample ? sample.source : data['source'];
    if (typeof text !== 'string') return problem(c, 400, 'BadRequest', 'source is required: {"source": "<the script as YAML>"} (or {"sample": "<name>"} for a sample\'s own text)');
    const file = data['file'] === undefined ? (sample ? `${sample.name}.yaml` : 'playground.yaml') : data['file'];
    if (typeof file !== 'string' || file.length > 200) return problem(c, 400, 'BadRequest', 'file must be a short file name, e.g. "my-script.yaml"');
    if (!sample) return { source: text, file };
    return { source: text, file, sample: sample.name, ...(sample.path !== undefined ? { path: sample.path } : {}) };
  };
  /** Loads the text as the file it stands for; without one, a call to another script says how to make it work here. */
  const load = (given: { source: string; file: string; path?: string }) => {
    const loaded = loadScriptText(given.source, given.file, ctx.loadLimits, given.path);
    if (given.path !== undefined) return loaded;
    const diagnostics = loaded.diagnostics.map((d) => (d.code === 'subscript-not-found' ? { ...d, hint: playgroundSubscriptHint } : d));
    return { ...loaded, diagnostics } as typeof loaded;
  };

  /** When each contact was offered to each agent (agent and contact id), for the answer delay of a hand answer. */
  const offers = new Map<string, number>();
  ctx.feed.listen((entry) => {
    if (entry.kind === 'reset') offers.clear();
    else if (entry.kind === 'offered' && entry.agentId !== undefined && entry.contactId !== undefined) {
      offers.set(`${entry.agentId}\u0000${entry.contactId}`, entry.at);
      // Bounded: only an offer still ringing is answered by hand.
      if (offers.size > 10_000) offers.delete(offers.keys().next().value as string);
    }
  });

  // The files stay on the server: the page names a sample when it sends its text.
  sim.get('/samples', (c) => c.json({ samples: ctx.samples.map(({ path: _path, ...shown }) => shown) }));

  sim.get('/reference', (c) =>
    c.json({
      actions: actionDefinitions.map((d) => ({
        type: d.type,
        category: d.category,
        summary: d.summary,
        description: d.description,
        scriptTypes: describeScriptTypes(d.scriptTypes),
        properties: Object.entries(d.properties).map(([name, spec]) => ({
          name,
          // How the value is read (Snippet code, an expression, text with {...}): the editor highlights and completes by it.
          kind: spec.kind,
          description: spec.schema.description ?? '',
          required: spec.required === true,
          ...(spec.schema.default !== undefined ? { default: spec.schema.default } : {}),
          ...(spec.schema.examples !== undefined ? { examples: spec.schema.examples } : {}),
        })),
        branches: d.branches.map((b) => ({ name: b.name, description: b.description })),
        ...(d.valueBranches ? { valueBranches: { description: d.valueBranches.description, pattern: d.valueBranches.pattern ?? null } } : {}),
      })),
      // The Studio language, from its own module: the editor's highlighting and completion of Snippet code.
      language: {
        keywords,
        functions: builtinFunctions.map((f) => ({ name: f.name, signature: f.signature, summary: f.summary, arity: f.arity, example: f.example })),
        systemVariables,
      },
    }),
  );

  /**
   * What validation says of a sample's own text, kept: the page asks for it
   * each time it opens, and it cannot change while serve runs (the samples
   * are read when it starts).
   */
  const sampleValidations = new Map<string, string>();
  sim.post('/validate', async (c) => {
    const given = await source(c);
    if (given instanceof Response) return given;
    const sample = given.sample !== undefined ? samplesByName.get(given.sample) : undefined;
    const own = sample !== undefined && given.source === sample.source && given.file === `${sample.name}.yaml`;
    const kept = own ? sampleValidations.get(sample.name) : undefined;
    if (kept !== undefined) return c.body(kept, 200, { 'content-type': 'application/json' });
    const loaded = load(given);
    const answer = JSON.stringify({
      ok: loaded.ok,
      diagnostics: loaded.diagnostics,
      // The scripts it calls drawn too, each in its own box: a call can be followed into them.
      graph: loaded.ok ? scriptGraph(loaded.compiled.script, { follow: true }) : null,
      // The variables the script sets anywhere, for the editor's completion (the last valid text's, while there are errors).
      variables: loaded.ok ? variablesSet(loaded.compiled.script.variables, loaded.compiled.script.actions) : null,
    });
    if (own) sampleValidations.set(sample.name, answer);
    return c.body(answer, 200, { 'content-type': 'application/json' });
  });

  sim.put('/scripts/:name', async (c) => {
    const name = c.req.param('name');
    if (!scriptNamePattern.test(name)) return problem(c, 400, 'BadRequest', `The script name must be 1 to 64 letters, digits, "_", "-" or ".", not "${name.slice(0, 80)}"`);
    const given = await source(c);
    if (given instanceof Response) return given;
    const loaded = load(given);
    if (!loaded.ok) {
      const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
      const first = errors[0];
      return c.json({ error: 'InvalidScript', message: `The script has ${errors.length} error${errors.length === 1 ? '' : 's'}${first ? `; the first, at ${first.line}:${first.column}: ${first.message}` : ''}`, diagnostics: loaded.diagnostics }, 422);
    }
    ctx.scripts.set(name, loaded.compiled);
    return c.json({ name, diagnostics: loaded.diagnostics });
  });

  /**
   * While the world is paused, a contact ringing at the agent stands before
   * an action, maybe one of a run of actions that take no time (a Reqagent's
   * Default branch into a CustomEvent and a Play before the hold's Wait). No
   * agent answers in zero time, so those run first, up to the action that
   * waits: as a scenario's answerAfter would have it, so the downloaded
   * test case replays the same path.
   */
  function finishInstantActions(agentId: string): void {
    const world = ctx.world();
    if (!world.paused) return;
    const contact = [...world.running].find((candidate) => !candidate.done && world.agentOf(candidate)?.id === agentId);
    if (!contact) return;
    for (let ran = 0; ran < 10_000 && contact.held && !contact.done; ran++) contact.runHeld();
  }

  // The agent's side of an answered call: end it (the caller is released, OnRelease runs), hold it, take it back.
  const agentCallRoutes = [
    { path: 'end-contact', kind: 'end', act: (agentId: string) => ctx.world().endContact(agentId), none: 'has no answered call to end' },
    { path: 'hold', kind: 'hold', act: (agentId: string) => ctx.world().hold(agentId), none: 'has no answered call to put on hold (or it is on hold already)' },
    { path: 'resume', kind: 'resume', act: (agentId: string) => ctx.world().resume(agentId), none: 'has no call on hold to take back' },
  ] as const;
  for (const route of agentCallRoutes) {
    sim.post(`/agents/:agentId/${route.path}`, (c) => {
      const agentId = c.req.param('agentId');
      if (!ctx.world().stream.hasAgent(agentId)) return problem(c, 404, 'NotFound', `Agent ${agentId} is not in the simulation`);
      const contactId = route.act(agentId);
      if (contactId === undefined) return problem(c, 409, 'Conflict', `Agent ${agentId} ${route.none}`);
      ctx.recordHand({ kind: route.kind, agentId, contactId });
      return c.json({ [route.kind === 'end' ? 'ended' : route.kind === 'hold' ? 'held' : 'resumed']: contactId });
    });
  }

  sim.post('/agents/:agentId/answer', (c) => {
    const agentId = c.req.param('agentId');
    if (!ctx.world().stream.hasAgent(agentId)) return problem(c, 404, 'NotFound', `Agent ${agentId} is not in the simulation`);
    finishInstantActions(agentId);
    const contactId = ctx.world().answerNow(agentId);
    if (contactId === undefined) return problem(c, 409, 'Conflict', `No contact is ringing at agent ${agentId}; a contact rings at an available agent after Reqagent`);
    const offeredAt = offers.get(`${agentId}\u0000${contactId}`);
    ctx.recordHand({ kind: 'answer', agentId, contactId, ...(offeredAt !== undefined ? { offeredAt } : {}) });
    return c.json({ answered: contactId });
  });

  sim.get('/clock', (c) => c.json(clockState()));
  sim.put('/clock', async (c) => {
    const clock = controlled(c);
    if (clock instanceof Response) return clock;
    const data = await ctx.body(c);
    if (data instanceof Response) return data;
    const mode = data['mode'];
    const speed = data['speed'];
    if (mode !== undefined && mode !== 'running' && mode !== 'paused') return problem(c, 400, 'BadRequest', `mode must be "running" or "paused", not ${JSON.stringify(mode)}`);
    if (speed !== undefined && !speeds.includes(speed as ClockSpeed)) return problem(c, 400, 'BadRequest', `speed must be 1, 10 or "instant", not ${JSON.stringify(speed)}`);
    // Whoever sets the clock by hand takes it over from a run to end.
    stopRunToEnd();
    setClock(clock, { ...(mode !== undefined ? { mode: mode as ClockMode } : {}), ...(speed !== undefined ? { speed: speed as ClockSpeed } : {}) });
    return c.json(clockState());
  });

  sim.post('/contacts/:contactId/run-to-end', (c) => {
    const clock = controlled(c);
    if (clock instanceof Response) return clock;
    const contact = contactOr404(c);
    if (contact instanceof Response) return contact;
    if (contact.done) return problem(c, 409, 'Conflict', `${contact.id} has ended (${contact.reason}); start a new contact`);
    stopRunToEnd();
    const before = { mode: clock.mode, speed: clock.speed };
    const stop = ctx.feed.listen((entry) => {
      if (entry.kind === 'reset') return stopRunToEnd();
      if (entry.contactId !== contact.id) return;
      if (entry.kind === 'contactEnded' || (entry.kind === 'waiting' && entry.listening === true)) {
        stopRunToEnd();
        setClock(clock, before);
      }
    });
    runToEnd = { contactId: contact.id, stop };
    setClock(clock, { mode: 'running', speed: 'instant' });
    return c.json({ running: contact.id, ...clockState() }, 202);
  });

  /**
   * Run to end: the clock runs at instant speed for one contact, until it
   * ends or waits for its caller (a Menu or Capture listening for keys), then
   * goes back to how it ran before. Undefined when no run to end is going on.
   */
  let runToEnd: { contactId: string; stop: () => void } | undefined;
  const stopRunToEnd = () => {
    runToEnd?.stop();
    runToEnd = undefined;
  };

  /** Pausing holds every contact before its next action; running again lets the held ones go on. */
  function setClock(clock: ControlledClock, change: { mode?: ClockMode; speed?: ClockSpeed }): void {
    clock.set(change);
    ctx.feed.add({ at: clock.now(), kind: 'clock', text: clock.paused ? 'paused' : `running at ${clock.speed === 'instant' ? 'instant speed' : `${clock.speed}x`}` });
    // Every contact of the world: those started over HTTP, and the spawned ones and background callers beside them.
    if (!clock.paused) for (const contact of [...ctx.world().running]) contact.runHeld();
  }

  sim.post('/contacts/:contactId/step', (c) => {
    const clock = controlled(c);
    if (clock instanceof Response) return clock;
    const contact = contactOr404(c);
    if (contact instanceof Response) return contact;
    if (contact.done) return problem(c, 409, 'Conflict', `${contact.id} has ended (${contact.reason}); start a new contact`);
    if (clock.mode === 'running') setClock(clock, { mode: 'paused' });
    const before = contact.steps.length;
    if (!contact.runHeld()) {
      // Waiting inside an action: move virtual time on, timer by timer, until the contact moves.
      for (let fired = 0; fired < 10_000 && !contact.done && !contact.held && contact.steps.length === before; fired++) {
        if (!clock.advanceToNext()) break;
      }
    }
    // What the step set off at this moment (polls woken by its events) happens before the answer.
    clock.fireDue();
    return c.json({ steps: contact.steps.slice(before), now: clock.now(), done: contact.done, current: contact.currentAction });
  });

  sim.post('/contacts/:contactId/digits', async (c) => {
    const contact = contactOr404(c);
    if (contact instanceof Response) return contact;
    const data = await ctx.body(c);
    if (data instanceof Response) return data;
    const digits = data['digits'];
    if (typeof digits !== 'string' || !keysPattern.test(digits)) return problem(c, 400, 'BadRequest', 'digits must be 1 to 32 keys of 0-9, * and #, e.g. {"digits": "2"}');
    if (contact.done || !contact.connected) return problem(c, 409, 'Conflict', `The caller of ${contact.id} is no longer on the line`);
    contact.press(digits);
    return c.json({ accepted: digits }, 202);
  });

  sim.post('/contacts/:contactId/hangup', (c) => {
    const contact = contactOr404(c);
    if (contact instanceof Response) return contact;
    if (contact.done || !contact.connected) return problem(c, 409, 'Conflict', `The caller of ${contact.id} is no longer on the line`);
    contact.hangUp();
    return c.json({ hungUp: contact.id }, 202);
  });

  sim.get('/contacts/:contactId/test-case', (c) => {
    const contact = contactOr404(c);
    if (contact instanceof Response) return contact;
    const name = [...ctx.scripts].find(([, compiled]) => compiled === contact.compiled)?.[0] ?? contact.compiled.script.name;
    const text = testCaseFromRun({ scriptName: name, contact, customEvents: ctx.world().customEvents.filter((e) => e.contactId === contact.id), scenario: ctx.scenarioData(), handActions: ctx.handActions() });
    c.header('content-disposition', `attachment; filename="${name}.test.yaml"`);
    return c.body(text, 200, { 'content-type': 'text/yaml; charset=utf-8' });
  });

  sim.get('/feed', (c) => {
    const after = c.req.query('after') ?? '0';
    const timeout = c.req.query('timeout') ?? '0';
    if (!/^\d{1,15}$/.test(after)) return problem(c, 400, 'BadRequest', `after must be the last seq you have (a whole number), not "${after.slice(0, 40)}"`);
    if (!/^\d{1,2}$/.test(timeout) || Number(timeout) > 30) return problem(c, 400, 'BadRequest', `timeout must be a whole number of seconds from 0 to 30, not "${timeout.slice(0, 40)}"`);
    const signal = c.req.raw.signal;
    return new Promise<Response>((resolve) => {
      let giveUp = () => {};
      const onAbort = () => {
        giveUp();
        resolve(new Response(null, { status: 499 }));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      giveUp = ctx.feed.wait(Number(after), Number(timeout) * 1000, ctx.pollClock, ({ entries, gap }) => {
        signal.removeEventListener('abort', onAbort);
        resolve(c.json({ entries, next: entries.length > 0 ? (entries[entries.length - 1] as { seq: number }).seq : Number(after), ...(gap ? { gap: true } : {}), clock: clockState() }));
      });
    });
  });
}
