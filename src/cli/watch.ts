import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { CliIo } from './io.ts';

/** How long to wait after a change for more (editors write a file in several steps). */
const settleMs = 150;

/**
 * Calls `rerun` with the files that changed, whenever any of `files()`
 * changes, until `signal` aborts (Ctrl+C in the terminal). Folders are
 * watched rather than files, so editors that save by replacing the file
 * are seen too. The file set is read again after each run, since a run may
 * depend on new files.
 */
export function watchFiles(io: CliIo, files: () => Iterable<string>, rerun: (changed: Set<string>) => void, signal: AbortSignal): Promise<void> {
  return new Promise((done) => {
    let watchers: FSWatcher[] = [];
    let watched = new Set<string>();
    let pending = new Set<string>();
    let timer: NodeJS.Timeout | undefined;

    const rewatch = () => {
      for (const watcher of watchers) watcher.close();
      watched = new Set([...files()].map((f) => resolve(io.cwd, f)));
      const folders = new Set([...watched].map((f) => dirname(f)));
      watchers = [];
      for (const folder of folders) {
        try {
          watchers.push(
            watch(folder, (_event, name) => {
              if (name === null) return;
              const path = resolve(folder, name.toString());
              if (!watched.has(path)) return;
              pending.add(path);
              if (timer) clearTimeout(timer);
              timer = setTimeout(fire, settleMs);
            }),
          );
        } catch {
          io.stderr(`studio-sim: cannot watch ${folder}\n`);
        }
      }
      io.stdout(`\nwatching ${watched.size} file${watched.size === 1 ? '' : 's'} for changes (Ctrl+C to stop)\n`);
    };
    const fire = () => {
      timer = undefined;
      const changed = pending;
      pending = new Set();
      io.stdout(`\n${[...changed].map((f) => basename(f)).join(', ')} changed\n\n`);
      rerun(changed);
      rewatch();
    };
    const stop = () => {
      if (timer) clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      done();
    };
    if (signal.aborted) {
      stop();
      return;
    }
    signal.addEventListener('abort', stop, { once: true });
    rewatch();
  });
}

/** An AbortSignal for the CLI: the one the caller gave, or Ctrl+C. */
export function stopSignal(io: CliIo): AbortSignal {
  if (io.signal) return io.signal;
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller.signal;
}
