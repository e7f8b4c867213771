/**
 * The browser globals the vendor's agent SDK expects, for running it in
 * Node: `window`, `localStorage`, `sessionStorage` and a `Worker` that runs
 * the SDK's own worker code (its get-next-event poll loop) in a worker
 * thread. `importScripts` there serves rxjs from the local package, and
 * nothing else: the tests stay offline.
 */
import { resolveObjectURL } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { Worker as ThreadWorker } from 'node:worker_threads';
import { rxjsCdnPattern, rxjsUmdPath } from './sdk-bundle.ts';

/** localStorage and sessionStorage: the Web Storage interface over a Map. */
class MemoryStorage {
  readonly #items = new Map<string, string>();
  get length(): number {
    return this.#items.size;
  }
  clear(): void {
    this.#items.clear();
  }
  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.#items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.#items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.#items.set(key, String(value));
  }
}

/**
 * Run first in the worker thread: the dedicated-worker scope the SDK's code
 * is written for (`self`, `onmessage`, `postMessage`, `importScripts`).
 * Its progress lines (console.log) are dropped; errors still show.
 */
const workerScope = `
const { parentPort, workerData } = require('node:worker_threads');
globalThis.self = globalThis;
console.log = () => {};
console.info = () => {};
self.postMessage = (message) => parentPort.postMessage(message);
self.importScripts = (...urls) => {
  for (const url of urls) {
    if (!new RegExp(workerData.rxjsCdnPattern).test(url)) throw new Error('importScripts: only rxjs is served offline, not ' + url);
    // The UMD bundle sets self.rxjs when it sees no CommonJS or AMD loader.
    new Function('exports', 'module', 'define', workerData.rxjs).call(self, undefined, undefined, undefined);
  }
};
parentPort.on('message', (data) => { if (typeof self.onmessage === 'function') self.onmessage({ data }); });
`;

/** Every worker started, so a test can stop those the SDK left running. */
const started = new Set<BlobWorker>();

class BlobWorker {
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((error: unknown) => void) | null = null;
  readonly #thread: Promise<ThreadWorker>;
  #terminated = false;

  constructor(url: string | URL, options?: { name?: string }) {
    const blob = resolveObjectURL(String(url));
    if (!blob) throw new Error(`Worker: ${String(url)} is not a Blob URL made in this process`);
    started.add(this);
    this.#thread = blob.text().then((code) => {
      const thread = new ThreadWorker(`${workerScope}\n${code}`, { eval: true, name: options?.name ?? 'sdk-worker', workerData: { rxjs: readFileSync(rxjsUmdPath, 'utf8'), rxjsCdnPattern: rxjsCdnPattern.source } });
      thread.on('message', (data: unknown) => {
        if (!this.#terminated) this.onmessage?.({ data });
      });
      thread.on('error', (error) => this.onerror?.(error));
      if (this.#terminated) void thread.terminate();
      return thread;
    });
  }

  postMessage(message: unknown): void {
    void this.#thread.then((thread) => thread.postMessage(message));
  }

  terminate(): void {
    this.#terminated = true;
    started.delete(this);
    void this.#thread.then((thread) => thread.terminate());
  }
}

/** Installs the globals (once per test file; vitest gives each file its own globals). */
export function installBrowserGlobals(): void {
  const scope = globalThis as unknown as Record<string, unknown>;
  scope['window'] ??= globalThis;
  if (typeof scope['addEventListener'] !== 'function') {
    // window is an EventTarget (the SDK listens for its online/offline and storage events).
    const target = new EventTarget();
    scope['addEventListener'] = target.addEventListener.bind(target);
    scope['removeEventListener'] = target.removeEventListener.bind(target);
    scope['dispatchEvent'] = target.dispatchEvent.bind(target);
  }
  scope['localStorage'] ??= new MemoryStorage();
  scope['sessionStorage'] ??= new MemoryStorage();
  scope['Worker'] ??= BlobWorker;
}

/** How many SDK workers are running. */
export function runningWorkers(): number {
  return started.size;
}

/** Stops the workers the SDK left running. */
export function stopWorkers(): void {
  for (const worker of [...started]) worker.terminate();
}
