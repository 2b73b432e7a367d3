import type { Db } from './db.js';

/**
 * Records an update as processed, in the transaction that stores its effects. Throws on a
 * duplicate (another process got there first), which rolls the whole transaction back.
 */
export async function markProcessed(trx: Db, channel: string, key: string, now: Date): Promise<void> {
  await trx
    .insertInto('processed_updates')
    .values({ channel, update_key: key, processed_at: now.toISOString() })
    .execute();
}

/** Forgets processed-update keys older than `before` (they cannot be redelivered any more). */
export async function pruneProcessed(db: Db, before: Date): Promise<number> {
  const r = await db
    .deleteFrom('processed_updates')
    .where('processed_at', '<', before.toISOString())
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
