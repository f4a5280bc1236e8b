import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the command was called: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}

export type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses one command's arguments strictly. `--help` prints `help` and returns null,
 * so the caller exits 0; anything unknown or malformed throws UsageError.
 */
export function parseCommandArgs<O extends Options>(
  argv: string[],
  options: O,
  help: string,
  { allowPositionals = false }: { allowPositionals?: boolean } = {},
) {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(help.trimEnd() + '\n');
    return null;
  }
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** Parses a positive integer option or throws UsageError naming the option. */
export function intOption(value: unknown, name: string, { min = 0 } = {}): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer >= ${min}, got "${String(value)}"`);
  return n;
}
