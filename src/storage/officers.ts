import type { Db } from './db.js';

/** Who is writing: one messenger account (or the console). */
export interface Identity {
  channel: string;
  externalId: string;
  displayName?: string;
}

export interface OfficerRecord {
  officerId: number;
  unitId: number;
  role: string;
}

export async function findOfficerByIdentity(db: Db, who: Identity): Promise<OfficerRecord | undefined> {
  const row = await db
    .selectFrom('identities')
    .innerJoin('officers', 'officers.id', 'identities.officer_id')
    .select(['officers.id as officerId', 'officers.unit_id as unitId', 'officers.role as role'])
    .where('identities.channel', '=', who.channel)
    .where('identities.external_id', '=', who.externalId)
    .executeTakeFirst();
  return row;
}

/** Points a messenger account at an officer (re-pointing it if it belonged to another). */
async function bindIdentity(trx: Db, who: Identity, officerId: number, now: Date): Promise<void> {
  await trx
    .insertInto('identities')
    .values({
      channel: who.channel,
      external_id: who.externalId,
      officer_id: officerId,
      display_name: who.displayName ?? null,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.columns(['channel', 'external_id']).doUpdateSet({ officer_id: officerId }))
    .execute();
}

async function insertOfficer(
  trx: Db,
  unitId: number,
  role: string,
  who: Identity,
  now: Date,
): Promise<OfficerRecord> {
  const officer = await trx
    .insertInto('officers')
    .values({ unit_id: unitId, display_name: who.displayName ?? null, role, created_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await bindIdentity(trx, who, officer.id, now);
  return { officerId: officer.id, unitId, role };
}

/** Creates an officer of a unit and binds the identity to it (re-binding an identity that had another officer). */
export async function registerOfficer(
  db: Db,
  unitId: number,
  who: Identity,
  now: Date,
): Promise<OfficerRecord> {
  return db.transaction().execute((trx) => insertOfficer(trx, unitId, 'officer', who, now));
}

export async function createInvite(
  db: Db,
  unitId: number,
  code: string,
  now: Date,
  expiresAt: Date,
): Promise<void> {
  await db
    .insertInto('invites')
    .values({
      code,
      unit_id: unitId,
      role: 'officer',
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      used_at: null,
      used_by_officer_id: null,
    })
    .execute();
}

/**
 * Uses a single-use invite: marks it used and registers the officer in one transaction, so two
 * people racing with the same code cannot both get in. Undefined when unknown, used or expired.
 */
export async function redeemInvite(
  db: Db,
  code: string,
  who: Identity,
  now: Date,
): Promise<OfficerRecord | undefined> {
  return db.transaction().execute(async (trx) => {
    const invite = await trx
      .updateTable('invites')
      .set({ used_at: now.toISOString() })
      .where('code', '=', code)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now.toISOString())
      .returning(['unit_id', 'role'])
      .executeTakeFirst();
    if (!invite) return undefined;
    const officer = await insertOfficer(trx, invite.unit_id, invite.role, who, now);
    await trx
      .updateTable('invites')
      .set({ used_by_officer_id: officer.officerId })
      .where('code', '=', code)
      .execute();
    return officer;
  });
}

/**
 * Binds another messenger account to an existing officer with a link code shown on the first
 * account (single use, expiring). Undefined when the code is unknown, used or expired.
 */
export async function redeemLinkCode(
  db: Db,
  code: string,
  who: Identity,
  now: Date,
): Promise<OfficerRecord | undefined> {
  return db.transaction().execute(async (trx) => {
    const link = await trx
      .updateTable('link_codes')
      .set({ used_at: now.toISOString() })
      .where('code', '=', code)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now.toISOString())
      .returning(['officer_id'])
      .executeTakeFirst();
    if (!link) return undefined;
    const officer = await trx
      .selectFrom('officers')
      .select(['id as officerId', 'unit_id as unitId', 'role'])
      .where('id', '=', link.officer_id)
      .executeTakeFirstOrThrow();
    await bindIdentity(trx, who, officer.officerId, now);
    return officer;
  });
}

/** The identities (messenger accounts) of an officer, for sending them messages. */
export async function listIdentities(db: Db, officerId: number): Promise<Identity[]> {
  const rows = await db
    .selectFrom('identities')
    .select(['channel', 'external_id', 'display_name'])
    .where('officer_id', '=', officerId)
    .execute();
  return rows.map((r) => ({
    channel: r.channel,
    externalId: r.external_id,
    ...(r.display_name ? { displayName: r.display_name } : {}),
  }));
}
