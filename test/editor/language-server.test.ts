import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnosticCodes } from '../../src/diagnostics/codes.ts';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.ts';
import { loadTestFile } from '../../src/testing/test-file.ts';
import { validateScriptFile } from '../../src/validate/index.ts';
import { readSharedHours, validateScenarioFile } from '../../src/validate/scenario.ts';

/**
 * The editor and the CLI agree: the real YAML language server (the one VS Code
 * and other editors run), driven over stdio with our JSON Schemas, on every
 * YAML file under scripts/ and test/fixtures/. Valid files get no error from
 * it; on an invalid fixture, each problem the schema can express is an error
 * on the line where the CLI puts it, and the server reports no error on a
 * line where the CLI sees nothing wrong.
 */
const root = join(import.meta.dirname, '../..');

function yamlFiles(folder: string): string[] {
  const found: string[] = [];
  const stack = [folder];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (/\.ya?ml$/.test(entry.name)) found.push(path);
    }
  }
  return found.sort();
}

const files = [...yamlFiles(join(root, 'scripts')), ...yamlFiles(join(root, 'test/fixtures'))];
const kindOf = (path: string) => (/\.scenario\.ya?ml$/.test(path) ? 'scenario' : /\.test\.ya?ml$/.test(path) ? 'test' : /(^|[\\/])hours\.yaml$/.test(path) ? 'hours' : 'script');

/** What the CLI says about a file, by the same loaders validate, run and test use. */
function cliDiagnostics(path: string): Diagnostic[] {
  const kind = kindOf(path);
  if (kind === 'scenario') return validateScenarioFile(path).diagnostics;
  if (kind === 'hours') return readSharedHours(path).diagnostics;
  if (kind === 'test') return loadTestFile(path).diagnostics.filter((d) => d.file === path);
  return validateScriptFile(path).diagnostics;
}

interface LspDiagnostic {
  range: { start: { line: number; character: number } };
  severity?: number;
  message: string;
}

/** A minimal LSP client over stdio: enough to open documents and collect the published diagnostics. */
class LanguageServer {
  readonly #process: ChildProcessWithoutNullStreams;
  #buffer = Buffer.alloc(0);
  #nextId = 0;
  readonly #replies = new Map<number, (result: unknown) => void>();
  readonly #waiting = new Map<string, (diagnostics: LspDiagnostic[]) => void>();
  readonly #settings: Record<string, unknown>;

  constructor(settings: Record<string, unknown>) {
    this.#settings = settings;
    const bin = createRequire(import.meta.url).resolve('yaml-language-server/bin/yaml-language-server');
    this.#process = spawn(process.execPath, [bin, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.#process.stdout.on('data', (chunk: Buffer) => this.#receive(chunk));
  }

  #send(message: Record<string, unknown>): void {
    const body = JSON.stringify({ jsonrpc: '2.0', ...message });
    this.#process.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  #receive(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const headerEnd = this.#buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.#buffer.subarray(0, headerEnd).toString())?.[1]);
      if (this.#buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.#buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString()) as { id?: number; method?: string; params?: { uri: string; diagnostics: LspDiagnostic[]; items?: Array<{ section?: string }> }; result?: unknown };
      this.#buffer = this.#buffer.subarray(headerEnd + 4 + length);
      if (message.id !== undefined && message.method) {
        // The server asks for its settings (workspace/configuration) and registrations: answer them.
        const result = message.method === 'workspace/configuration' ? (message.params?.items ?? []).map((item) => this.#settings[item.section ?? ''] ?? null) : null;
        this.#send({ id: message.id, result });
      } else if (message.id !== undefined) {
        this.#replies.get(message.id)?.(message.result);
      } else if (message.method === 'textDocument/publishDiagnostics' && message.params) {
        this.#waiting.get(message.params.uri)?.(message.params.diagnostics);
      }
    }
  }

  request(method: string, params: unknown): Promise<unknown> {
    const id = ++this.#nextId;
    return new Promise((resolve) => {
      this.#replies.set(id, resolve);
      this.#send({ id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.#send({ method, params });
  }

  /** Calls `resolve` with the next diagnostics published for `uri`. */
  onceFor(uri: string, resolve: (diagnostics: LspDiagnostic[]) => void): void {
    this.#waiting.set(uri, resolve);
  }

  /** Opens a document and waits for the diagnostics the server publishes for it. */
  diagnose(path: string): Promise<LspDiagnostic[]> {
    const uri = pathToFileURL(path).href;
    return new Promise((resolve) => {
      this.#waiting.set(uri, resolve);
      this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: readFileSync(path, 'utf8') } });
    });
  }

  stop(): void {
    this.#process.kill();
  }
}

const schemaUri = (name: string) => pathToFileURL(join(root, 'schemas', `${name}.schema.json`)).href;
const yamlSettings = {
  validate: true,
  hover: false,
  completion: false,
  schemaStore: { enable: false },
  // Files with a `# yaml-language-server: $schema=` line use it; the others (fixtures) are mapped by kind.
  schemas: {
    [schemaUri('script')]: [...files.filter((f) => kindOf(f) === 'script'), join(root, 'typing-in-progress.yaml')],
    [schemaUri('scenario')]: files.filter((f) => kindOf(f) === 'scenario'),
    [schemaUri('test')]: files.filter((f) => kindOf(f) === 'test'),
  },
};

let server: LanguageServer;
const published = new Map<string, LspDiagnostic[]>();

beforeAll(async () => {
  server = new LanguageServer({ yaml: yamlSettings, '[yaml]': null, editor: null, http: null, files: null });
  await server.request('initialize', { processId: process.pid, rootUri: pathToFileURL(root).href, capabilities: { workspace: { configuration: true } } });
  server.notify('initialized', {});
  server.notify('workspace/didChangeConfiguration', { settings: { yaml: yamlSettings } });
  for (const file of files) published.set(file, await server.diagnose(file));
}, 120_000);

afterAll(() => server?.stop());

const errorsOf = (diagnostics: readonly LspDiagnostic[]) => diagnostics.filter((d) => d.severity === undefined || d.severity === 1);

describe('the YAML language server agrees with the CLI', () => {
  it('covers every YAML file under scripts/ and test/fixtures/', () => {
    expect(files.length).toBeGreaterThan(40);
    expect(files.filter((f) => relative(root, f).startsWith('scripts')).length).toBeGreaterThanOrEqual(9);
    expect([...published.keys()]).toEqual(files);
  });

  it('a new action being typed gets one diagnostic, not one per action type (if/then on type)', async () => {
    const text = 'name: Typing\nactions:\n  begin: { type: Begin, next: bye }\n  bye: { type: Hangup }\n  new_one: { type: Pla }\n';
    const uri = pathToFileURL(join(root, 'typing-in-progress.yaml')).href;
    const diagnostics = await new Promise<LspDiagnostic[]>((resolve) => {
      server.onceFor(uri, resolve);
      server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    });
    const onNewAction = errorsOf(diagnostics).filter((d) => d.range.start.line === 4);
    expect(onNewAction.length, onNewAction.map((d) => d.message).join('\n')).toBeGreaterThan(0);
    expect(onNewAction.length).toBeLessThanOrEqual(2);
  });

  const valid = files.filter((file) => !cliDiagnostics(file).some((d) => d.severity === 'error'));
  const invalid = files.filter((file) => !valid.includes(file));

  it.each(valid.map((file) => [relative(root, file), file]))('%s: valid for the CLI, no error from the server', (_name, file) => {
    const errors = errorsOf(published.get(file) ?? []);
    expect(errors.map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  it.each(invalid.map((file) => [relative(root, file), file]))('%s: the server\'s errors are on the CLI\'s lines', (_name, file) => {
    const cli = cliDiagnostics(file);
    const cliLines = new Set(cli.map((d) => d.line));
    const serverLines = new Set(errorsOf(published.get(file) ?? []).map((d) => d.range.start.line + 1));
    // Each problem the schema can express: the server reports it on the same line.
    const schemaProblems = cli.filter((d) => d.severity === 'error' && diagnosticCodes[d.code]?.stage === 'schema');
    for (const problem of schemaProblems) expect(serverLines, `${problem.code} at line ${problem.line}: ${problem.message}`).toContain(problem.line);
    // And no error where the CLI sees nothing wrong. A file that is not
    // valid YAML is the exception: the two parsers place and echo a syntax
    // error differently (the CLI reports the first only), so there both
    // must simply see an error.
    const broken = cli.some((d) => d.severity === 'error' && ['yaml-syntax', 'tab-indent', 'invalid-character', 'multiple-documents'].includes(d.code));
    // (A control character and a second document are studio-sim's own rules, which YAML itself allows.)
    if (cli.some((d) => d.code === 'yaml-syntax' || d.code === 'tab-indent')) expect(serverLines.size, 'the CLI sees a YAML syntax error, the server none').toBeGreaterThan(0);
    else for (const line of serverLines) expect(cliLines, `the server reports an error on line ${line}, the CLI does not`).toContain(line);
  });
});
