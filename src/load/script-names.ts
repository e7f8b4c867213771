import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

/** Where a script name written in Runsub or RunScript leads, or why it leads nowhere. */
export type ResolvedScriptName =
  | { ok: true; path: string; shown: string }
  | { ok: false; code: 'subscript-not-found' | 'subscript-outside-folder' | 'invalid-script-name'; message: string; hint: string };

const namePart = /^[A-Za-z0-9 _.-]+$/;

/** The script files (not scenarios or test files) in a folder, by name without extension. */
function scriptNamesIn(folder: string): string[] {
  try {
    return readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.ya?ml$/i.test(entry.name) && !/\.(scenario|test)\.ya?ml$/i.test(entry.name))
      .map((entry) => entry.name.replace(/\.ya?ml$/i, ''));
  } catch {
    return [];
  }
}

function isInside(folder: string, path: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/**
 * A script name as Runsub and RunScript write it, to the file it names: a
 * name is a script file (`.yaml`, or `.yml`) in the calling script's folder,
 * `folder/name` (or `folder\name`) one in a subfolder of it. Nothing outside
 * that folder can be named: no `..`, no absolute paths, and no link that
 * leads out. `callerPath` is the calling script's file, `callerShown` the
 * same as diagnostics show it.
 */
export function resolveScriptName(callerPath: string, callerShown: string, name: string): ResolvedScriptName {
  const written = name.trim();
  if (/[{}]/.test(written)) {
    return { ok: false, code: 'invalid-script-name', message: `The script name "${written}" is a substitution; studio-sim finds called scripts when it validates, so the name must be written out`, hint: 'Write the script\'s name (`Auth`, `subs/Auth`); to choose between scripts, branch to one Runsub per script.' };
  }
  if (/^([A-Za-z]:)?[\\/]/.test(written)) {
    return { ok: false, code: 'subscript-outside-folder', message: `The script name "${written}" is an absolute path; a called script must be in this script's folder or a subfolder of it`, hint: 'Write the name relative to this script\'s folder, e.g. `Auth` or `subs/Auth`.' };
  }
  const parts = written.split(/[\\/]/);
  if (parts.some((part) => part === '..' || part === '.')) {
    return { ok: false, code: 'subscript-outside-folder', message: `The script name "${written}" leaves this script's folder; a called script must be in the same folder or a subfolder of it`, hint: 'Move the script into this script\'s folder (or a subfolder) and name it from here, e.g. `subs/Auth`.' };
  }
  if (parts.some((part) => part === '' || !namePart.test(part))) {
    return { ok: false, code: 'invalid-script-name', message: `"${written}" is not a script name`, hint: 'A script name uses letters, digits, spaces, `_`, `-` and `.`, with `/` between folders: `Auth`, `subs/Auth`.' };
  }
  const last = (parts[parts.length - 1] as string).replace(/\.ya?ml$/i, '');
  const folder = dirname(callerPath);
  const inFolder = join(folder, ...parts.slice(0, -1));
  const shownFolder = dirname(callerShown);
  const shownOf = (file: string) => (shownFolder === '.' || shownFolder === '' ? '' : `${shownFolder}/`) + [...parts.slice(0, -1), file].join('/');
  for (const extension of ['.yaml', '.yml']) {
    const candidate = join(inFolder, last + extension);
    if (!existsSync(candidate)) continue;
    let real: string;
    let realFolder: string;
    try {
      real = realpathSync(candidate);
      realFolder = realpathSync(folder);
      if (!statSync(real).isFile()) continue;
    } catch {
      continue;
    }
    if (!isInside(realFolder, real)) {
      return { ok: false, code: 'subscript-outside-folder', message: `The script name "${written}" leads to ${candidate}, a link to a file outside this script's folder`, hint: 'Copy the script into this script\'s folder (or a subfolder) instead of linking to it.' };
    }
    return { ok: true, path: candidate, shown: shownOf(last + extension) };
  }
  const known = scriptNamesIn(inFolder);
  const lower = last.toLowerCase();
  const sameButCase = known.find((n) => n.toLowerCase() === lower);
  const where = shownOf('').replace(/\/$/, '') || '.';
  return {
    ok: false,
    code: 'subscript-not-found',
    message: `No script "${written}": there is no ${shownOf(`${last}.yaml`)}${sameButCase ? `; did you mean "${[...parts.slice(0, -1), sameButCase].join('/')}"?` : ''}`,
    hint: known.length > 0
      ? `Scripts in ${where}/: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', ...' : ''}. A name is a file name without .yaml, relative to this script's folder.`
      : `Put the script in ${where}/ as ${last}.yaml; a name is a file name without .yaml, relative to this script's folder.`,
  };
}

