import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { CliFailure } from './io.ts';

/** Script files are YAML files that are not scenarios or test files. */
export function isScriptFile(name: string): boolean {
  // hours.yaml holds the hours-of-operation profiles the folder's scenarios share, not a script.
  return /\.ya?ml$/i.test(name) && !/\.(scenario|test)\.ya?ml$/i.test(name) && !/(^|[\\/])hours\.yaml$/i.test(name);
}

/**
 * Expands folders to the files under them that `accept` names, sorted;
 * plain files are kept as given (so a missing file is reported, not skipped).
 */
export function expandInputs(inputs: readonly string[], cwd: string, accept: (name: string) => boolean): string[] {
  const files: string[] = [];
  for (const input of inputs) {
    const absolute = resolve(cwd, input);
    let isFolder = false;
    try {
      isFolder = statSync(absolute).isDirectory();
    } catch {
      isFolder = false;
    }
    if (!isFolder) {
      files.push(input);
      continue;
    }
    const found: string[] = [];
    const walk = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
        const path = join(folder, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.isFile() && accept(entry.name)) found.push(path);
      }
    };
    walk(absolute);
    files.push(...found.map((path) => relative(cwd, path) || path));
  }
  return files;
}

/** Why a write failed, in words: what the user can do about it. */
function writeProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EISDIR':
      return 'it is a folder; name a file inside it';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a part of its path is a file, not a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Writes a file a command produces (--output, --lcov, init's files): missing
 * parent folders are created; a path that cannot be written is a CliFailure
 * that says why, never a stack trace. `shown` is the path as the user wrote it.
 */
export function writeOutputFile(cwd: string, shown: string, text: string): string {
  const path = resolve(cwd, shown);
  try {
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (error) {
    throw new CliFailure(`cannot write ${shown}: ${writeProblem(error)}`);
  }
  return path;
}
