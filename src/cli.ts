import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { OPTIONS, USAGE } from './cli-usage.js';

/**
 * Runs one CLI invocation; returns the exit code. The commands' modules (database drivers, grammY,
 * zod, the catalogs…) are imported only once a command is to run: --help and a mistyped option
 * answer at once.
 */
export async function main(
  argv: string[],
  env: Record<string, string | undefined>,
  out: Writable = process.stdout,
  err: Writable = process.stderr,
): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    err.write(`cds-bot: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out.write(USAGE);
    return 0;
  }
  const { runCommand } = await import('./cli-commands.js');
  return runCommand(values, positionals, env, out, err);
}
