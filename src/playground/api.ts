/**
 * The page's HTTP client: the same /sim/ routes and Bearer auth as any other
 * client. The admin token comes from the server that served the page
 * (`/playground/token`, answered only to this machine) or, when it refuses,
 * from the person, kept in sessionStorage; never in the URL, so it does not
 * end up in logs or history.
 */

const tokenKey = 'studio-sim-admin-token';

/** A failed request, with the server's own message when it sent one. */
export class ApiError extends Error {
  readonly status: number;
  readonly error: string;
  /** The whole JSON body, e.g. the diagnostics of a 422. */
  readonly body: unknown;

  /** The request that failed, e.g. "POST /sim/contacts" (for the console, not the person). */
  readonly request: string;

  constructor(status: number, error: string, message: string, body: unknown, request: string) {
    super(message);
    this.status = status;
    this.error = error;
    this.body = body;
    this.request = request;
  }
}

/** Asks the person for the admin token; resolves once they give one. */
export type TokenPrompt = (reason: string) => Promise<string>;

export class Api {
  private token: Promise<string> | undefined;
  private readonly promptForToken: TokenPrompt;

  constructor(promptForToken: TokenPrompt) {
    this.promptForToken = promptForToken;
  }

  private async fetchToken(): Promise<string> {
    const stored = sessionStorage.getItem(tokenKey);
    if (stored) return stored;
    let reason = 'Paste the admin token that `studio-sim serve` printed when it started.';
    try {
      const response = await fetch('/playground/token', { headers: { accept: 'application/json' } });
      const body = (await response.json().catch(() => ({}))) as { token?: unknown; message?: unknown };
      if (response.ok && typeof body.token === 'string') return body.token;
      if (typeof body.message === 'string') reason = body.message;
    } catch {
      // No answer at all: the prompt below says what to do.
    }
    const given = await this.promptForToken(reason);
    sessionStorage.setItem(tokenKey, given);
    return given;
  }

  private currentToken(): Promise<string> {
    this.token ??= this.fetchToken();
    return this.token;
  }

  /**
   * One request to the API. JSON bodies in and out; `text` answers come back
   * as text (the test-case YAML). A 401 forgets the token and asks again once.
   */
  async request<T>(method: string, path: string, options: { body?: unknown; signal?: AbortSignal; as?: 'json' | 'text' } = {}, retried = false): Promise<T> {
    const token = await this.currentToken();
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const init: RequestInit = { method, headers };
    if (options.body !== undefined) init.body = JSON.stringify(options.body);
    if (options.signal) init.signal = options.signal;
    const response = await fetch(path, init);
    if (response.status === 401 && !retried) {
      sessionStorage.removeItem(tokenKey);
      const reason = 'The server did not accept the admin token. Paste the one `studio-sim serve` printed.';
      this.token = this.promptForToken(reason).then((given) => {
        sessionStorage.setItem(tokenKey, given);
        return given;
      });
      return this.request<T>(method, path, options, true);
    }
    const text = await response.text();
    if (!response.ok) {
      let body: unknown = text;
      let error = `HTTP ${response.status}`;
      let message = text.slice(0, 300) || response.statusText;
      try {
        body = JSON.parse(text);
        const parsed = body as { error?: unknown; message?: unknown };
        if (typeof parsed.error === 'string') error = parsed.error;
        if (typeof parsed.message === 'string') message = parsed.message;
      } catch {
        // Not JSON: the text itself is the message.
      }
      // The server's message is a sentence meant for people; the request it answered is kept apart.
      throw new ApiError(response.status, error, message, body, `${method} ${path}`);
    }
    if (options.as === 'text') return text as T;
    // null, not undefined: callers read undefined as "the request failed".
    if (text === '') return null as T;
    return JSON.parse(text) as T;
  }

  get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.request<T>('GET', path, signal ? { signal } : {});
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body === undefined ? {} : { body });
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, { body });
  }
}
