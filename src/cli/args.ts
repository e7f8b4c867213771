import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closest } from '../diagnostics/suggest.ts';
import { UsageError } from './io.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, with its errors turned into usage errors that suggest the flag meant. */
export function parseCommandArgs<T extends Options>(argv: string[], options: T): ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>> {
  // `--max-steps -1`: node's parser takes "-1" for a flag and says "ambiguous";
  // joined as `--max-steps=-1`, the value reaches the flag's own check and message.
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    const name = /^--([^=]+)$/.exec(arg)?.[1];
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else {
      joined.push(arg);
    }
  }
  try {
    return parseArgs({ args: joined, options, allowPositionals: true, strict: true });
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
