import { randomBytes } from 'node:crypto';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { diagnosticAt, loadYamlFile, type LoadLimits } from '../load/index.ts';

/** Who a token speaks for: the administrator, or one agent. */
export type Role = { kind: 'admin' } | { kind: 'agent'; agentId: string };

export function randomToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Reads a tokens file: a mapping of token to `admin` or an agent id.
 *
 *   s3cret-admin-token: admin
 *   token-for-ann: "2002"
 */
export function loadTokens(path: string, limits: Partial<LoadLimits> = {}, file = path): { tokens?: Map<string, Role>; diagnostics: Diagnostic[]; text?: string } {
  const loaded = loadYamlFile(path, limits, file);
  const document = loaded.document;
  const withText = <T extends object>(result: T) => (loaded.text === undefined ? result : { ...result, text: loaded.text });
  if (!document) return withText({ diagnostics: loaded.diagnostics });
  const diagnostics = [...loaded.diagnostics];
  const tokens = new Map<string, Role>();
  for (const [token, value] of Object.entries(document.data)) {
    if (token.length < 8) {
      diagnostics.push(diagnosticAt(document, [token], 'key', { code: 'invalid-value', severity: 'error', message: `The token "${token}" is shorter than 8 characters`, hint: 'Use a long random token, e.g. from `openssl rand -base64 24`.' }));
    } else if (typeof value !== 'string' && typeof value !== 'number') {
      diagnostics.push(diagnosticAt(document, [token], 'value', { code: 'wrong-type', severity: 'error', message: `The token "${token.slice(0, 4)}..." must map to admin or an agent id`, hint: 'Write `<token>: admin` or `<token>: "1001"`.' }));
    } else {
      tokens.set(token, String(value) === 'admin' ? { kind: 'admin' } : { kind: 'agent', agentId: String(value) });
    }
  }
  return withText(diagnostics.some((d) => d.severity === 'error') ? { diagnostics } : { tokens, diagnostics });
}
