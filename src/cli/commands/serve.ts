import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultScenarioPath, loadScenario, loadScript } from '../../api.ts';
import type { CompiledScript } from '../../compile/compile.ts';
import { createServer } from '../../server/app.ts';
import { createOutgoing } from '../../server/outgoing.ts';
import { listen } from '../../server/node.ts';
import { ControlledClock, RealClock } from '../../server/clock.ts';
import type { PlaygroundSample } from '../../server/playground.ts';
import { loadTokens, randomToken, type Role } from '../../server/tokens.ts';
import { parseCommandArgs, integerFlag } from '../args.ts';
import { expandInputs, isScriptFile } from '../files.ts';
import { exitCodes, printDiagnostics, UsageError, type CliIo } from '../io.ts';
import { stopSignal } from '../watch.ts';
import { validateScenarioFile } from '../../validate/scenario.ts';
import { limitOptions, limitsFrom } from './validate.ts';

export const serveUsage = `Usage: studio-sim serve [--port 8080] [--host 127.0.0.1] [--scripts <folder>]
                        [--scenario <file>] [--token <token>] [--tokens <file>]

Serves the playground (open the printed URL in a browser), the CXone-style
agent API (agent sessions, get-next-event, custom-event) and the /sim/ control
routes. Time runs at wall-clock pace until the playground pauses, steps or
speeds it up.

  --port <n>         port (default 8080; 0 picks a free one)
  --host <address>   address to listen on (default 127.0.0.1, this machine only)
  --scripts <folder> scripts contacts can run (POST /sim/contacts) and the
                     playground offers (default: the samples of studio-sim)
  --scenario <file>  the agents (a *.scenario.yaml; its agents section)
  --token <token>    the admin token (or STUDIO_SIM_TOKEN; default: a random one, printed)
  --tokens <file>    more tokens: a YAML mapping of token to admin or an agent id
  --max-pending-events <n>  most undelivered events one agent may hold (default 100000);
                     a custom-event beyond it answers 429
  --max-polls <n>    most long polls waiting at once (default 10000)
  --max-contacts <n> most contacts kept (default 1000)
  --max-agents <n>   most agents, and so sessions (default 10000)
  --cors-origin <origin>  a browser origin (e.g. http://localhost:3000) allowed to
                     call the vendor API; repeat it or separate with commas
                     (default: any origin; the /sim/ routes never allow another origin)
  --allow-http <hosts>  hosts (name, or name:port) scripts' REST calls may really
                     reach, separated by commas; every other call is answered by
                     the contact's scenario mocks (default: none, no network)

Exit codes: 0 stopped with Ctrl+C, 1 a file is invalid, 2 usage error.`;

export async function serveCommand(argv: string[], io: CliIo, env: Record<string, string | undefined> = process.env): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    scripts: { type: 'string' },
    scenario: { type: 'string' },
    token: { type: 'string' },
    tokens: { type: 'string' },
    'max-pending-events': { type: 'string' },
    'max-polls': { type: 'string' },
    'max-contacts': { type: 'string' },
    'max-agents': { type: 'string' },
    'cors-origin': { type: 'string', multiple: true },
    'allow-http': { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
    ...limitOptions,
  });
  if (values.help) {
    io.stdout(`${serveUsage}\n`);
    return exitCodes.ok;
  }
  const port = integerFlag(values.port, '--port', 0) ?? 8080;
  if (port > 65535) throw new UsageError(`--port takes 0 to 65535, not ${port}`);
  const host = values.host ?? '127.0.0.1';
  const maxPendingEvents = integerFlag(values['max-pending-events'], '--max-pending-events', 1);
  const maxWaitingPolls = integerFlag(values['max-polls'], '--max-polls', 1);
  const maxContacts = integerFlag(values['max-contacts'], '--max-contacts', 1);
  const maxAgents = integerFlag(values['max-agents'], '--max-agents', 1);
  const serverLimits = { ...(maxWaitingPolls !== undefined ? { maxWaitingPolls } : {}), ...(maxContacts !== undefined ? { maxContacts } : {}), ...(maxAgents !== undefined ? { maxAgents } : {}) };
  const corsOrigins = values['cors-origin'] === undefined ? undefined : values['cors-origin'].flatMap((given) => given.split(',')).map(originFlag);
  const allowHttp = values['allow-http'] === undefined ? undefined : values['allow-http'].flatMap((given) => given.split(',')).map(hostFlag);
  const limits = limitsFrom(values);
  const failed = (diagnostics: Parameters<typeof printDiagnostics>[1], text: string | undefined) => {
    printDiagnostics(io, diagnostics, text);
    return exitCodes.invalid;
  };

  const tokens = new Map<string, Role>();
  const adminToken = values.token ?? env['STUDIO_SIM_TOKEN'] ?? randomToken();
  if (adminToken.length < 8) throw new UsageError('The admin token must be at least 8 characters');
  tokens.set(adminToken, { kind: 'admin' });
  if (values.tokens !== undefined) {
    const loaded = loadTokens(resolve(io.cwd, values.tokens), limits, values.tokens);
    if (!loaded.tokens) return failed(loaded.diagnostics, loaded.text);
    for (const [token, role] of loaded.tokens) tokens.set(token, role);
  }

  let scenario;
  if (values.scenario !== undefined) {
    const loaded = loadScenario(resolve(io.cwd, values.scenario), limits, values.scenario);
    if (!loaded.ok) return failed(loaded.diagnostics, loaded.text);
    scenario = loaded.scenario;
  }
  const scripts = new Map<string, CompiledScript>();
  const samples: PlaygroundSample[] = [];
  // Without --scripts, the samples that come with studio-sim, so the playground has something to open.
  const scriptsFolder = values.scripts !== undefined ? resolve(io.cwd, values.scripts) : fileURLToPath(new URL('../../../scripts/', import.meta.url));
  for (const file of expandInputs([scriptsFolder], io.cwd, isScriptFile)) {
    const shown = values.scripts !== undefined ? file : `scripts/${basename(file)}`;
    const loaded = loadScript(resolve(io.cwd, file), limits, shown);
    if (!loaded.ok) {
      io.stderr(`studio-sim: skipping ${shown}, which has errors:\n`);
      failed(loaded.diagnostics, loaded.text);
      continue;
    }
    const name = basename(file).replace(/\.ya?ml$/i, '');
    scripts.set(name, loaded.compiled);
    samples.push({ name, file: shown, source: loaded.text, scenario: scenarioData(resolve(io.cwd, file), limits), path: resolve(io.cwd, file) });
  }

  const server = createServer({ clock: new ControlledClock(), pollClock: new RealClock(), adminToken, samples, loadLimits: limits, tokens, scripts, limits: serverLimits, ...(corsOrigins ? { corsOrigins } : {}), ...(allowHttp ? { outgoing: createOutgoing({ allow: allowHttp, fetch: io.fetch ?? ((url, init) => fetch(url, init)) }) } : {}), ...(scenario ? { scenario } : {}), ...(maxPendingEvents !== undefined ? { maxPendingEvents } : {}) });
  const listening = await new Promise<{ close: (done: () => void) => void; port: number } | Error>((resolveListen) => {
    const http = listen(server, { port, hostname: host }, (info) =>
      resolveListen({
        close: (done) => {
          http.close(() => done());
          // Idle keep-alive sockets would hold the close open.
          if ('closeIdleConnections' in http) http.closeIdleConnections();
        },
        port: info.port,
      }),
    );
    http.on('error', (error) => resolveListen(error));
  });
  if (listening instanceof Error) {
    io.stderr(`studio-sim: cannot listen on ${host}:${port}: ${listening.message}${(listening as NodeJS.ErrnoException).code === 'EADDRINUSE' ? ' (another program uses the port; pick another with --port)' : ''}\n`);
    return exitCodes.invalid;
  }
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${listening.port}`;
  io.stdout(`studio-sim serving on ${base}\n`);
  io.stdout(`  playground: ${base}/  (open it in a browser)\n`);
  // The vendor's clients (its agent SDK's acdApiBaseUri) take the host root and add /InContactAPI/services/vNN.0/... themselves.
  io.stdout(`  vendor API: ${base}  (agent SDK acdApiBaseUri; routes under /incontactapi/services/<any version>/)\n  control:    ${base}/sim/\n`);
  io.stdout(`  admin token: ${values.token === undefined && env['STUDIO_SIM_TOKEN'] === undefined ? adminToken : '(as given)'}\n`);
  io.stdout(`  agents: ${server.world.agents().map((a) => `${a.id} (${a.state})`).join(', ') || 'none yet (POST /sim/agents)'}\n`);
  io.stdout(`  scripts: ${[...scripts.keys()].join(', ') || 'none (--scripts <folder>)'}\n`);
  io.stdout('Ctrl+C stops the server.\n');

  const signal = stopSignal(io);
  await new Promise<void>((resolveStop) => {
    if (signal.aborted) resolveStop();
    else signal.addEventListener('abort', () => resolveStop(), { once: true });
  });
  const summary = server.shutdown();
  await new Promise<void>((resolveClose) => listening.close(resolveClose));
  io.stdout(
    `studio-sim: stopped; answered ${summary.pollsAnswered} waiting poll${summary.pollsAnswered === 1 ? '' : 's'}, ` +
      `${summary.agentsLoggedIn} agent${summary.agentsLoggedIn === 1 ? ' was' : 's were'} logged in with ${summary.pendingEvents} undelivered event${summary.pendingEvents === 1 ? '' : 's'}, ` +
      `${summary.contactsRunning} contact${summary.contactsRunning === 1 ? '' : 's'} still running\n`,
  );
  return exitCodes.ok;
}

/** One --allow-http host: a name or address, with an optional port; no scheme, no path. */
function hostFlag(given: string): string {
  const host = given.trim().toLowerCase();
  if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.test(host)) {
    throw new UsageError(`--allow-http takes host names such as api.example.com or 127.0.0.1:9000 (no scheme, no path), separated by commas, not "${given}"`);
  }
  return host.replace(/^\[|\](?=(:\d+)?$)/g, '');
}

/** One --cors-origin value as the Origin header a browser sends: scheme, host and port, no path. */
function originFlag(given: string): string {
  const text = given.trim();
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.origin !== text.replace(/\/$/, '')) {
    throw new UsageError(`--cors-origin takes an origin such as http://localhost:3000 (scheme, host and port, no path), not "${given}"`);
  }
  return url.origin;
}

/** A script's default scenario as plain data, for the playground to reset the world with; null when it has none or it is invalid. */
function scenarioData(scriptPath: string, limits: ReturnType<typeof limitsFrom>): Record<string, unknown> | null {
  const path = defaultScenarioPath(scriptPath);
  if (path === undefined) return null;
  // As written, with the profiles of a shared hours.yaml beside it laid under its own.
  const result = validateScenarioFile(path, limits);
  return result.scenario && result.data ? result.data : null;
}
