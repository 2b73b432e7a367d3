/** Runs the `cds-bot` command in this process, as bin/cds-bot.js does, on a database file of the test's choosing. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll } from 'vitest';
import { type App, createApp } from '../../src/app/create-app.js';
import { main } from '../../src/cli.js';
import { parseConfig } from '../../src/config.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** A temporary folder removed after the file's tests. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function sink(add: (s: string) => void): Writable {
  return new Writable({
    write(chunk, _enc, done) {
      add(String(chunk));
      done();
    },
  });
}

/** One invocation: `main(argv, env, out, err, input)`; `input` is what `chat` reads (piped lines). */
export async function cli(
  args: string[],
  db: string,
  opts: { input?: string; env?: Record<string, string> } = {},
): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await main(
    args,
    { CDS_DB: db, LOG_LEVEL: 'silent', ...opts.env },
    sink((s) => {
      out += s;
    }),
    sink((s) => {
      err += s;
    }),
    Readable.from(opts.input === undefined ? [] : [opts.input]),
  );
  return { code, out, err };
}

/** The application on the same database, for what a test does as the bot's users. */
export function openApp(db: string): Promise<App> {
  return createApp(parseConfig({ CDS_DB: db }), { logger: pino({ level: 'silent' }) });
}

/** Registers a person through an invite printed by the CLI and sent to the bot. */
export async function register(
  db: string,
  inviteArgs: string[],
  who: { channel: string; externalId: string },
): Promise<App> {
  const inv = await cli(['invite', ...inviteArgs], db);
  if (inv.code !== 0) throw new Error(`invite ${inviteArgs.join(' ')} failed: ${inv.err}`);
  const app = await openApp(db);
  await app.engine.handle(who, inv.out.trim());
  return app;
}

/** `units add` with the usual four options. */
export function addUnit(db: string, code: string, name: string, province: string, framework: string) {
  return cli(
    ['units', 'add', '--code', code, '--name', name, '--province', province, '--framework', framework],
    db,
  );
}
