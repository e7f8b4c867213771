#!/usr/bin/env node
import { internalErrorMessage } from './internal-error.ts';
import { main } from './main.ts';

const color = process.env['FORCE_COLOR'] !== undefined ? process.env['FORCE_COLOR'] !== '0' : Boolean(process.stdout.isTTY) && process.env['NO_COLOR'] === undefined;

// A reader that goes away (`studio-sim run x.yaml | head -1`) closes stdout:
// nobody is left to read the rest, so the command ends quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const argv = process.argv.slice(2);
main(argv, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  color,
  cwd: process.cwd(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // main catches every error; this is the last guard, for one it throws itself.
    process.stderr.write(internalErrorMessage(error, argv, argv.includes('--debug')));
    process.exitCode = 70;
  },
);
