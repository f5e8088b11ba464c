/**
 * Argument parsing shared by the commands: `node:util` parseArgs with its
 * errors turned into usage errors (exit 2).
 * @module
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';

/** What parseArgs returns for options `O` (named, so declarations can refer to it). */
export type ParsedCommandArgs<O extends OptionSpec> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;
import { BnnuError } from '../errors.js';

/** Option definitions as node:util expects them. */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/**
 * Parse `args` for command `command`; `positionals` names the expected
 * positional arguments (a trailing `...` allows more).
 */
export function parseCommandArgs<O extends OptionSpec>(command: string, args: string[], options: O, positionals: string[]): ParsedCommandArgs<O> {
  let parsed: ParsedCommandArgs<O>;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new BnnuError('usage', `${command}: ${(e as Error).message.split('\n')[0]}`);
  }
  const min = positionals.filter((p) => !p.endsWith('...') && !p.startsWith('[')).length;
  const variadic = positionals.some((p) => p.endsWith('...'));
  if (parsed.positionals.length < min || (!variadic && parsed.positionals.length > positionals.length)) {
    throw new BnnuError('usage', `${command}: expected arguments ${positionals.join(' ')}, found ${parsed.positionals.length ? parsed.positionals.join(' ') : 'none'}`);
  }
  return parsed;
}

/** Parse a positive number option (e.g. `--timeout 10`). */
export function positiveNumber(command: string, name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new BnnuError('usage', `${command}: --${name}: expected a positive number, found ${JSON.stringify(v)}`);
  return n;
}

/** Print a value as the one JSON document on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? Number(v) : v), 2) + '\n');
}

/** Whether progress may be drawn: stderr is a terminal and we are not under CI. */
export function progressAllowed(): boolean {
  return Boolean(process.stderr.isTTY) && !process.env.CI;
}
