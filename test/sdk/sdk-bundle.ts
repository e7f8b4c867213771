/**
 * The vendor's agent SDK as its packages ship it, bundled by esbuild (its
 * files import one another without extensions, which Node's ESM loader does
 * not resolve): nothing in it is replaced or patched.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const entry = fileURLToPath(new URL('./sdk-entry.js', import.meta.url));

let bundled: Promise<string> | undefined;

/** The SDK bundle's text, built once per test file. */
export function sdkBundle(): Promise<string> {
  bundled ??= build({ entryPoints: [entry], bundle: true, platform: 'browser', format: 'esm', target: 'es2022', write: false, logLevel: 'silent' }).then((result) => (result.outputFiles[0] as { text: string }).text);
  return bundled;
}

/** The bundle as a file Node can import. */
export async function sdkBundleFile(): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'studio-sim-sdk-')), 'sdk.js');
  writeFileSync(file, await sdkBundle());
  return file;
}

/** The rxjs the SDK's poll worker loads with importScripts, from the local package instead of a CDN (the tests run offline). */
export const rxjsUmdPath = fileURLToPath(new URL('../../node_modules/rxjs/dist/bundles/rxjs.umd.min.js', import.meta.url));

/** The CDN address the SDK's worker code asks for. */
export const rxjsCdnPattern = /^https:\/\/cdnjs\.cloudflare\.com\/ajax\/libs\/rxjs\/[^/]+\/rxjs\.umd(\.min)?\.js$/;
