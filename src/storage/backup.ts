import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';

export interface BackupOptions {
  /** Pages copied per step; between steps the bot's writers go on. */
  pagesPerStep?: number;
  /**
   * After this many restarts (SQLite restarts an online backup when another connection writes to
   * the source between two steps), the rest is copied in one step, under one read transaction:
   * writers are not blocked in WAL mode, so a busy bot cannot keep the backup from finishing.
   */
  maxRestarts?: number;
}

/** A backup refused before anything was copied: to the database itself, from no database, or onto a live one. */
export class BackupRefused extends Error {
  constructor(
    readonly reason: 'same_file' | 'no_database' | 'destination_in_use',
    message: string,
  ) {
    super(message);
  }
}

/**
 * A consistent copy of a live SQLite database, taken with SQLite's online backup API while the bot
 * keeps running: the copy is the database as of one committed transaction, never a half-written
 * state. It is written next to `destPath` and renamed into place only when complete and checked, so
 * a failed backup never leaves a truncated file under the destination's name. The copy is a plain
 * single-file database (rollback journal, no -wal/-shm to carry along). Returns the page count.
 */
export async function backupSqlite(
  sourcePath: string,
  destPath: string,
  opts: BackupOptions = {},
): Promise<{ pages: number }> {
  const source = resolve(sourcePath);
  const dest = resolve(destPath);
  if (source === dest) {
    throw new BackupRefused('same_file', 'the backup must go to another file than the database');
  }
  if (!existsSync(source)) throw new BackupRefused('no_database', `no database at ${source}`);
  // A -wal beside the destination would be replayed into the copy when it is opened: that file is
  // (or was) a live database, and is not overwritten.
  if (existsSync(`${dest}-wal`) || existsSync(`${dest}-shm`)) {
    throw new BackupRefused(
      'destination_in_use',
      `${dest} looks like a database in use (it has -wal/-shm files): choose another file`,
    );
  }
  mkdirSync(dirname(dest), { recursive: true });
  const partial = `${dest}.partial-${process.pid}`;
  for (const f of [partial, `${partial}-journal`, `${partial}-wal`, `${partial}-shm`])
    rmSync(f, { force: true });

  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // Fails early, with SQLite's own message, when the file is not a database.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    const step = Math.max(1, opts.pagesPerStep ?? 256);
    const maxRestarts = opts.maxRestarts ?? 3;
    let restarts = 0;
    let lastRemaining = Number.POSITIVE_INFINITY;
    const result = await db.backup(partial, {
      progress: ({ remainingPages }) => {
        if (remainingPages > lastRemaining) restarts++;
        lastRemaining = remainingPages;
        return restarts >= maxRestarts ? 0x7fffffff : step;
      },
    });
    const copy = new SQLite(partial, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`the copy failed its integrity check: ${String(check)}`);
    } finally {
      copy.close();
    }
    renameSync(partial, dest);
    return { pages: result.totalPages };
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  } finally {
    db.close();
  }
}
