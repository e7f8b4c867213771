import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closest } from '../diagnostics/suggest.ts';
import { UsageError } from './io.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, with its errors turned into usage errors that suggest the flag meant. */
export function parseCommandArgs<T extends Options>(argv: string[], options: T): ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>> {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const flag = /'(-{1,2}[^'\s]+)'/.exec(message)?.[1];
    const known = Object.keys(options).map((name) => `--${name}`);
    const suggestion = flag ? closest(flag.replace(/=.*$/, ''), known) : undefined;
    throw new UsageError(`${message.replace(/\. To specify a positional argument.*$/s, '.')}${suggestion ? ` Did you mean ${suggestion}?` : ''}`);
  }
}

/** A whole number flag value of at least `min`, or a usage error naming the flag. */
export function integerFlag(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`${flag} takes a whole number of at least ${min}, not "${value}"`);
  }
  return Number(value);
}
