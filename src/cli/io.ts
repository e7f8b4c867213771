import type { FetchFunction } from '../server/outgoing.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { colorStyle, formatDiagnostic, plainStyle, type Style } from '../diagnostics/format.ts';

/** Everything the CLI touches of the outside world, so tests can run it in-process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Colour output (a TTY without NO_COLOR, or FORCE_COLOR). */
  color: boolean;
  cwd: string;
  /** Ends long-running commands (watch mode); without it, Ctrl+C does. */
  signal?: AbortSignal;
  /** --debug: internal errors show their stack. */
  debug?: boolean;
  /** How `serve --allow-http` reaches the network (default: the global fetch); tests inject their own. */
  fetch?: FetchFunction;
}

export function styleFor(io: CliIo): Style {
  return io.color ? colorStyle : plainStyle;
}

/** A usage mistake: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * A problem with the user's files or folders that is not a usage mistake (an
 * output folder that is a file, a file that cannot be read): printed as one
 * line, exit code 1.
 */
export class CliFailure extends Error {
  override name = 'CliFailure';
}

/** Exit codes, documented in the README. */
export const exitCodes = {
  ok: 0,
  /** validate: a file has errors; run: the script or scenario is invalid. */
  invalid: 1,
  usage: 2,
  /** run: the contact failed at run time (a budget was exceeded). */
  runtimeFailure: 3,
  /** A bug in studio-sim (an internal error), after every other result was printed. */
  internal: 70,
} as const;

/**
 * Prints diagnostics to stderr with their code frames. `text` is the source
 * text (one file), or a lookup by file name (diagnostics from several files).
 */
export function printDiagnostics(io: CliIo, diagnostics: readonly Diagnostic[], text: string | undefined | ReadonlyMap<string, string>): void {
  const style = styleFor(io);
  for (const diagnostic of diagnostics) {
    const source = typeof text === 'string' || text === undefined ? text : text.get(diagnostic.file);
    io.stderr(`${formatDiagnostic(diagnostic, source, style)}\n\n`);
  }
}
