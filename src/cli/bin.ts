#!/usr/bin/env node
import { main } from './main.ts';

const color = process.env['FORCE_COLOR'] !== undefined ? process.env['FORCE_COLOR'] !== '0' : Boolean(process.stdout.isTTY) && process.env['NO_COLOR'] === undefined;

main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  color,
  cwd: process.cwd(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Only a bug in studio-sim gets here: user mistakes are diagnostics or usage errors.
    process.stderr.write(`studio-sim: internal error, please report it with the command you ran:\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 70;
  },
);
