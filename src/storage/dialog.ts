import type { Db } from './db.js';

export interface StoredDialog {
  state: unknown;
  revision: number;
}

/** The stored dialog state of a session, or undefined when it has none; malformed JSON reads as a stale state. */
export async function loadDialog(db: Db, sessionKey: string): Promise<StoredDialog | undefined> {
  const row = await db
    .selectFrom('dialog_states')
    .select(['state_json', 'revision'])
    .where('session_key', '=', sessionKey)
    .executeTakeFirst();
  if (!row) return undefined;
  let state: unknown;
  try {
    state = JSON.parse(row.state_json);
  } catch {
    state = { invalid: row.state_json };
  }
  return { state, revision: row.revision };
}

/**
 * Saves a dialog state if nobody saved another since `expectedRevision` (0: none stored yet).
 * Returns false on a conflict; the caller's transaction must then roll back.
 */
export async function saveDialog(
  trx: Db,
  sessionKey: string,
  state: unknown,
  expectedRevision: number,
  now: Date,
): Promise<boolean> {
  const json = JSON.stringify(state);
  const at = now.toISOString();
  if (expectedRevision === 0) {
    const inserted = await trx
      .insertInto('dialog_states')
      .values({ session_key: sessionKey, state_json: json, revision: 1, updated_at: at })
      .onConflict((oc) => oc.column('session_key').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const updated = await trx
    .updateTable('dialog_states')
    .set({ state_json: json, revision: expectedRevision + 1, updated_at: at })
    .where('session_key', '=', sessionKey)
    .where('revision', '=', expectedRevision)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}
