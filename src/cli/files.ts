import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** Script files are YAML files that are not scenarios or test files. */
export function isScriptFile(name: string): boolean {
  return /\.ya?ml$/i.test(name) && !/\.(scenario|test)\.ya?ml$/i.test(name);
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
