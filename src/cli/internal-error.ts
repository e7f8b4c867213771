import { readFileSync } from 'node:fs';

interface PackageInfo {
  version: string;
  bugs?: { url?: string } | string;
}

function packageInfo(): PackageInfo {
  return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as PackageInfo;
}

/** Where bugs go: the package's `bugs` field, else the project's issue tracker in general words. */
function whereToReport(): string {
  try {
    const bugs = packageInfo().bugs;
    const url = typeof bugs === 'string' ? bugs : bugs?.url;
    if (url) return url;
  } catch {
    // The message must come out even if package.json cannot be read.
  }
  return "studio-sim's issue tracker";
}

/**
 * The one line printed for a bug in studio-sim: what happened, the command that
 * caused it and where to report it. The stack is shown only with --debug, for
 * whoever fixes it.
 */
export function internalErrorMessage(error: unknown, argv: readonly string[], debug: boolean): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const firstLine = message.split('\n')[0]?.slice(0, 300) ?? '';
  const command = ['studio-sim', ...argv].map((arg) => (/^[\w./@=:,+-]+$/.test(arg) ? arg : JSON.stringify(arg))).join(' ');
  const stack = debug && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  return `studio-sim: internal error (a bug in studio-sim, not in your files): ${firstLine}. It happened running \`${command.slice(0, 500)}\`; please report it, with that command and its input files, to ${whereToReport()}.${debug ? '' : ' Add --debug to see the stack.'}${stack}\n`;
}
