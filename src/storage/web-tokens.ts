/**
 * The web view's login links and sessions. Callers hand in the SHA-256 of a token, never the token:
 * the database holds nothing that opens a session by itself.
 */
import type { Db } from './db.js';

export interface WebTokenRow {
  personId: number;
  expiresAt: string;
}

/** Stores a link or a session for a person. */
export async function addWebToken(
  db: Db,
  t: { hash: string; kind: 'link' | 'session'; personId: number; now: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('web_tokens')
    .values({
      token_hash: t.hash,
      kind: t.kind,
      officer_id: t.personId,
      created_at: t.now.toISOString(),
      expires_at: t.expiresAt.toISOString(),
      used_at: null,
      revoked_at: null,
    })
    .execute();
}

/**
 * Uses a login link once: marks it used when it is unused, unrevoked and unexpired, and says whose
 * it was. A second use (or a race of two) finds it used: the update is the check.
 */
export async function consumeWebLink(db: Db, hash: string, now: Date): Promise<number | undefined> {
  const at = now.toISOString();
  const result = await db
    .updateTable('web_tokens')
    .set({ used_at: at })
    .where('token_hash', '=', hash)
    .where('kind', '=', 'link')
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  const row = await db
    .selectFrom('web_tokens')
    .select('officer_id')
    .where('token_hash', '=', hash)
    .executeTakeFirst();
  return row?.officer_id;
}

/** The live session of a hash: its person and end, or undefined (unknown, expired, revoked). */
export async function findWebSession(db: Db, hash: string, now: Date): Promise<WebTokenRow | undefined> {
  const row = await db
    .selectFrom('web_tokens')
    .select(['officer_id', 'expires_at'])
    .where('token_hash', '=', hash)
    .where('kind', '=', 'session')
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return row ? { personId: row.officer_id, expiresAt: row.expires_at } : undefined;
}

/** Ends one session (the page's "Đăng xuất"). */
export async function revokeWebSession(db: Db, hash: string, now: Date): Promise<void> {
  await db
    .updateTable('web_tokens')
    .set({ revoked_at: now.toISOString() })
    .where('token_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .execute();
}

/**
 * Ends every live session and unused link of a person ("đăng xuất web" in chat); returns how many
 * sessions were live.
 */
export async function revokeWebTokensOf(db: Db, personId: number, now: Date): Promise<number> {
  const at = now.toISOString();
  const live = await db
    .selectFrom('web_tokens')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('officer_id', '=', personId)
    .where('kind', '=', 'session')
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  await db
    .updateTable('web_tokens')
    .set({ revoked_at: at })
    .where('officer_id', '=', personId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', at)
    .execute();
  return Number(live?.n ?? 0);
}

/** Forgets tokens ended more than a day ago (called when a link is issued; keeps the table small). */
export async function pruneWebTokens(db: Db, now: Date): Promise<void> {
  const before = new Date(now.getTime() - 86_400_000).toISOString();
  await db.deleteFrom('web_tokens').where('expires_at', '<', before).execute();
}
