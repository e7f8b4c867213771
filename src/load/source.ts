import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';

/** Text read from a file, or the diagnostic that says why it could not be read. */
export type SourceResult = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

function fileProblem(file: string, code: string, message: string, hint: string): SourceResult {
  return { ok: false, diagnostic: { code, severity: 'error', message, file, line: 1, column: 1, path: [], hint } };
}

/**
 * Reads a file as UTF-8 text without ever reading more than `maxBytes`
 * (the size is checked on the open handle, so a huge file costs nothing).
 * `file` is the name diagnostics show, usually the path as the user typed it.
 */
export function readSource(path: string, maxBytes: number, file = path): SourceResult {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fileProblem(file, 'file-not-found', `File not found: ${file}`, 'Check the path; it is relative to the current folder.');
    if (code === 'EISDIR') return fileProblem(file, 'not-a-file', `${file} is a folder, not a file`, 'Name a .yaml file, or pass the folder where a folder is accepted.');
    if (code === 'EACCES' || code === 'EPERM') return fileProblem(file, 'file-unreadable', `Permission denied reading ${file}`, 'Make the file readable by your user.');
    return fileProblem(file, 'file-unreadable', `Cannot read ${file}: ${code ?? String(error)}`, 'Check that the path names a readable file.');
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return fileProblem(file, 'not-a-file', `${file} is a folder, not a file`, 'Name a .yaml file.');
    if (!stat.isFile()) return fileProblem(file, 'not-a-file', `${file} is not a regular file`, 'Name a .yaml file.');
    if (stat.size > maxBytes) {
      return fileProblem(
        file,
        'file-too-large',
        `${file} is ${formatBytes(stat.size)}, over the limit of ${formatBytes(maxBytes)}`,
        'Split the script, or raise the limit with --max-file-size <bytes>.',
      );
    }
    const bytes = Buffer.alloc(stat.size);
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return decodeSource(file, bytes.subarray(0, read));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return fileProblem(file, 'not-a-file', `${file} is a folder, not a file`, 'Name a .yaml file.');
    return fileProblem(file, 'file-unreadable', `Cannot read ${file}: ${code ?? String(error)}`, 'Check that the path names a readable file.');
  } finally {
    closeSync(fd);
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes UTF-8 strictly; an invalid byte is reported at its line and column. */
export function decodeSource(file: string, bytes: Uint8Array): SourceResult {
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8Byte(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
    const { line, column } = positionInText(before, before.length);
    return {
      ok: false,
      diagnostic: {
        code: 'invalid-utf8',
        severity: 'error',
        message: `Byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')} at offset ${offset} is not valid UTF-8; this does not look like a text file`,
        file,
        line,
        column,
        path: [],
        hint: 'Save the script as UTF-8 text (scripts are YAML files, not binaries).',
      },
    };
  }
}

function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += length;
  }
  return i;
}

/** 1-based line and column of a string offset. */
export function positionInText(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
