import { type Actor, canSeeUnit, type Identity, type UnitRef } from '../domain/access.js';
import type { Db } from './db.js';

export type { Identity };

/** An officer of one unit, as the dialog engine needs them. */
export interface OfficerRecord {
  officerId: number;
  unitId: number;
  role: 'officer';
}

interface PersonRow {
  id: number;
  unit_id: number | null;
  role: string;
  scope_province: string | null;
  scope_area: string | null;
}

/** Builds the actor (role and scope) of a person row; an area's units are looked up. */
async function toActor(db: Db, p: PersonRow): Promise<Actor | undefined> {
  if (p.role === 'officer' && p.unit_id !== null)
    return { role: 'officer', personId: p.id, unitId: p.unit_id };
  if (p.role === 'admin') return { role: 'admin', personId: p.id };
  if (p.role === 'supervisor') {
    const areaUnitCodes = p.scope_area ? await listAreaUnits(db, p.scope_area) : undefined;
    return {
      role: 'supervisor',
      personId: p.id,
      ...(p.scope_province ? { province: p.scope_province } : {}),
      ...(p.scope_area ? { area: p.scope_area } : {}),
      ...(areaUnitCodes ? { areaUnitCodes } : {}),
    };
  }
  return undefined;
}

/** The person behind a messenger account, with their role and scope; undefined for a stranger. */
export async function findActorByIdentity(db: Db, who: Identity): Promise<Actor | undefined> {
  const row = await db
    .selectFrom('identities')
    .innerJoin('officers', 'officers.id', 'identities.officer_id')
    .select([
      'officers.id',
      'officers.unit_id',
      'officers.role',
      'officers.scope_province',
      'officers.scope_area',
    ])
    .where('identities.channel', '=', who.channel)
    .where('identities.external_id', '=', who.externalId)
    .where('officers.removed_at', 'is', null)
    .executeTakeFirst();
  return row ? toActor(db, row) : undefined;
}

/** A person by id, with their role and scope; undefined when removed or unknown (a web session's owner). */
export async function findActorById(db: Db, personId: number): Promise<Actor | undefined> {
  const row = await db
    .selectFrom('officers')
    .select(['id', 'unit_id', 'role', 'scope_province', 'scope_area'])
    .where('id', '=', personId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return row ? toActor(db, row) : undefined;
}

/** The officer behind a messenger account; undefined for strangers and for supervisors or admins. */
export async function findOfficerByIdentity(db: Db, who: Identity): Promise<OfficerRecord | undefined> {
  const actor = await findActorByIdentity(db, who);
  return actor?.role === 'officer'
    ? { officerId: actor.personId, unitId: actor.unitId, role: 'officer' }
    : undefined;
}

/** Every named area's units: what the web view's area filter offers. */
export async function listAreas(db: Db): Promise<Array<{ area: string; unitCode: string }>> {
  const rows = await db.selectFrom('area_units').select(['area', 'unit_code']).execute();
  return rows.map((r) => ({ area: r.area, unitCode: r.unit_code }));
}

/**
 * The names of a unit's officers (their own name, or a messenger account's), nothing else: the
 * web view shows who reports, never how to reach them.
 */
export async function listOfficerNames(db: Db, unitId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('officers')
    .leftJoin('identities', 'identities.officer_id', 'officers.id')
    .select(['officers.id', 'officers.display_name', 'identities.display_name as account_name'])
    .where('officers.unit_id', '=', unitId)
    .where('officers.role', '=', 'officer')
    .where('officers.removed_at', 'is', null)
    .orderBy('officers.id')
    .execute();
  const names = new Map<number, string>();
  for (const r of rows) {
    const name = r.display_name ?? r.account_name ?? '';
    if (!names.get(r.id)) names.set(r.id, name);
  }
  return [...names.values()].map((n, i) => n || `Cán bộ ${i + 1}`);
}

/** The unit codes of a named area. */
export async function listAreaUnits(db: Db, area: string): Promise<string[]> {
  const rows = await db
    .selectFrom('area_units')
    .select('unit_code')
    .where('area', '=', area)
    .orderBy('unit_code')
    .execute();
  return rows.map((r) => r.unit_code);
}

/** Defines (or redefines) a named area as a set of unit codes. */
export async function setArea(db: Db, area: string, unitCodes: string[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('area_units').where('area', '=', area).execute();
    if (unitCodes.length > 0) {
      await trx
        .insertInto('area_units')
        .values(unitCodes.map((unit_code) => ({ area, unit_code })))
        .execute();
    }
  });
}

/** The supervisors and admins whose scope covers a unit, with their role and messenger accounts. */
export async function listOverseers(
  db: Db,
  unit: UnitRef,
): Promise<Array<{ personId: number; role: 'supervisor' | 'admin'; identities: Identity[] }>> {
  const rows = await db
    .selectFrom('officers')
    .select(['id', 'unit_id', 'role', 'scope_province', 'scope_area'])
    .where('role', 'in', ['supervisor', 'admin'])
    .where('removed_at', 'is', null)
    .execute();
  const out: Array<{ personId: number; role: 'supervisor' | 'admin'; identities: Identity[] }> = [];
  for (const row of rows) {
    const actor = await toActor(db, row);
    if (actor && actor.role !== 'officer' && canSeeUnit(actor, unit)) {
      out.push({ personId: row.id, role: actor.role, identities: await listIdentities(db, row.id) });
    }
  }
  return out;
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

/** What an invite makes its user: the officer of a unit, a supervisor of a province or area, or an admin. */
export type InviteTarget =
  | { role: 'officer'; unitId: number }
  | { role: 'supervisor'; province?: string; area?: string }
  | { role: 'admin' };

async function insertPerson(trx: Db, target: InviteTarget, who: Identity, now: Date): Promise<number> {
  const person = await trx
    .insertInto('officers')
    .values({
      unit_id: target.role === 'officer' ? target.unitId : null,
      display_name: who.displayName ?? null,
      role: target.role,
      scope_province: target.role === 'supervisor' ? (target.province ?? null) : null,
      scope_area: target.role === 'supervisor' ? (target.area ?? null) : null,
      created_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await bindIdentity(trx, who, person.id, now);
  return person.id;
}

/** Creates an officer of a unit and binds the identity to it (re-binding an identity that had another officer). */
export async function registerOfficer(
  db: Db,
  unitId: number,
  who: Identity,
  now: Date,
): Promise<OfficerRecord> {
  const id = await db
    .transaction()
    .execute((trx) => insertPerson(trx, { role: 'officer', unitId }, who, now));
  return { officerId: id, unitId, role: 'officer' };
}

/** Registers a supervisor or an admin directly (operators, tests). */
export async function registerPerson(
  db: Db,
  target: InviteTarget,
  who: Identity,
  now: Date,
): Promise<number> {
  return db.transaction().execute((trx) => insertPerson(trx, target, who, now));
}

/** Stores a single-use invite; a bare unit id invites an officer of that unit. */
export async function createInvite(
  db: Db,
  target: number | InviteTarget,
  code: string,
  now: Date,
  expiresAt: Date,
): Promise<void> {
  const t: InviteTarget = typeof target === 'number' ? { role: 'officer', unitId: target } : target;
  await db
    .insertInto('invites')
    .values({
      code,
      unit_id: t.role === 'officer' ? t.unitId : null,
      role: t.role,
      scope_province: t.role === 'supervisor' ? (t.province ?? null) : null,
      scope_area: t.role === 'supervisor' ? (t.area ?? null) : null,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      used_at: null,
      used_by_officer_id: null,
    })
    .execute();
}

/**
 * Uses a single-use invite: marks it used and registers its user with the invite's role and
 * scope in one transaction, so two people racing with the same code cannot both get in.
 * Undefined when unknown, used or expired.
 */
export async function redeemInvite(
  db: Db,
  code: string,
  who: Identity,
  now: Date,
): Promise<Actor | undefined> {
  const personId = await db.transaction().execute(async (trx) => {
    const invite = await trx
      .updateTable('invites')
      .set({ used_at: now.toISOString() })
      .where('code', '=', code)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now.toISOString())
      .returning(['unit_id', 'role', 'scope_province', 'scope_area'])
      .executeTakeFirst();
    if (!invite) return undefined;
    const target: InviteTarget =
      invite.role === 'officer' && invite.unit_id !== null
        ? { role: 'officer', unitId: invite.unit_id }
        : invite.role === 'admin'
          ? { role: 'admin' }
          : {
              role: 'supervisor',
              ...(invite.scope_province ? { province: invite.scope_province } : {}),
              ...(invite.scope_area ? { area: invite.scope_area } : {}),
            };
    const id = await insertPerson(trx, target, who, now);
    await trx.updateTable('invites').set({ used_by_officer_id: id }).where('code', '=', code).execute();
    return id;
  });
  return personId === undefined ? undefined : findActorByIdentity(db, who);
}

/**
 * Binds another messenger account to an existing person with a link code shown on the first
 * account (single use, expiring). Undefined when the code is unknown, used or expired.
 */
export async function redeemLinkCode(
  db: Db,
  code: string,
  who: Identity,
  now: Date,
): Promise<Actor | undefined> {
  const linked = await db.transaction().execute(async (trx) => {
    const link = await trx
      .updateTable('link_codes')
      .set({ used_at: now.toISOString() })
      .where('code', '=', code)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now.toISOString())
      .returning(['officer_id'])
      .executeTakeFirst();
    if (!link) return false;
    await bindIdentity(trx, who, link.officer_id, now);
    return true;
  });
  return linked ? findActorByIdentity(db, who) : undefined;
}

/** The identities (messenger accounts) of a person, for sending them messages. */
export async function listIdentities(db: Db, personId: number): Promise<Identity[]> {
  const rows = await db
    .selectFrom('identities')
    .select(['channel', 'external_id', 'display_name'])
    .where('officer_id', '=', personId)
    .execute();
  return rows.map((r) => ({
    channel: r.channel,
    externalId: r.external_id,
    ...(r.display_name ? { displayName: r.display_name } : {}),
  }));
}

/** The officers of a unit with their messenger accounts. */
export async function listOfficersOfUnit(
  db: Db,
  unitId: number,
): Promise<Array<{ personId: number; identities: Identity[] }>> {
  const rows = await db
    .selectFrom('officers')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('role', '=', 'officer')
    .where('removed_at', 'is', null)
    .execute();
  return Promise.all(rows.map(async (r) => ({ personId: r.id, identities: await listIdentities(db, r.id) })));
}

// ---------------------------------------------------------------------------------------------
// People and invites, as the province's operators manage them

/** A registered person as `people list` shows them. */
export interface PersonRecord {
  id: number;
  role: 'officer' | 'supervisor' | 'admin';
  displayName?: string;
  unit?: { id: number; code: string; name: string; province: string };
  province?: string;
  area?: string;
  createdAt: string;
  identities: Identity[];
}

/** Every person not removed, with their unit (officers) and messenger accounts, oldest first. */
export async function listPeople(db: Db): Promise<PersonRecord[]> {
  const rows = await db
    .selectFrom('officers')
    .leftJoin('units', 'units.id', 'officers.unit_id')
    .select([
      'officers.id',
      'officers.role',
      'officers.display_name',
      'officers.scope_province',
      'officers.scope_area',
      'officers.created_at',
      'units.id as unitId',
      'units.code as unitCode',
      'units.name as unitName',
      'units.province as unitProvince',
    ])
    .where('officers.removed_at', 'is', null)
    .orderBy('officers.id')
    .execute();
  const identities = await db
    .selectFrom('identities')
    .select(['officer_id', 'channel', 'external_id', 'display_name'])
    .orderBy('channel')
    .orderBy('external_id')
    .execute();
  const byPerson = new Map<number, Identity[]>();
  for (const i of identities) {
    const list = byPerson.get(i.officer_id) ?? [];
    list.push({
      channel: i.channel,
      externalId: i.external_id,
      ...(i.display_name ? { displayName: i.display_name } : {}),
    });
    byPerson.set(i.officer_id, list);
  }
  return rows.flatMap((r) => {
    const role = r.role === 'admin' || r.role === 'supervisor' || r.role === 'officer' ? r.role : undefined;
    if (!role) return [];
    return [
      {
        id: r.id,
        role,
        ...(r.display_name ? { displayName: r.display_name } : {}),
        ...(r.unitId !== null && r.unitCode !== null && r.unitName !== null && r.unitProvince !== null
          ? { unit: { id: r.unitId, code: r.unitCode, name: r.unitName, province: r.unitProvince } }
          : {}),
        ...(r.scope_province ? { province: r.scope_province } : {}),
        ...(r.scope_area ? { area: r.scope_area } : {}),
        createdAt: r.created_at,
        identities: byPerson.get(r.id) ?? [],
      },
    ];
  });
}

/**
 * Removes a person at once: their messenger accounts are unbound (their next message is a
 * stranger's), their unused link codes end, and they are marked removed; their answers, history
 * and submissions stay, with their id. False when there is no such person (or already removed).
 */
export async function removePerson(db: Db, personId: number, by: number | null, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('officers')
      .set({ removed_at: now.toISOString(), removed_by: by })
      .where('id', '=', personId)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await trx.deleteFrom('identities').where('officer_id', '=', personId).execute();
    await trx
      .updateTable('link_codes')
      .set({ used_at: now.toISOString() })
      .where('officer_id', '=', personId)
      .where('used_at', 'is', null)
      .execute();
    return true;
  });
}

/** How many registered officers (not removed, with a messenger account) each unit has, by unit id. */
export async function countOfficersByUnit(db: Db): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('officers')
    .select(['officers.unit_id', (eb) => eb.fn.count<number>('officers.id').distinct().as('n')])
    .where('officers.role', '=', 'officer')
    .where('officers.removed_at', 'is', null)
    .where('officers.unit_id', 'is not', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('identities')
          .select('identities.officer_id')
          .whereRef('identities.officer_id', '=', 'officers.id'),
      ),
    )
    .groupBy('officers.unit_id')
    .execute();
  return new Map(rows.map((r) => [r.unit_id as number, Number(r.n)]));
}

/** The ids of removed people. */
export async function listRemovedPersonIds(db: Db): Promise<Set<number>> {
  const rows = await db.selectFrom('officers').select('id').where('removed_at', 'is not', null).execute();
  return new Set(rows.map((r) => r.id));
}

/** An invite as `invites list` shows it. */
export interface InviteRecord {
  code: string;
  role: 'officer' | 'supervisor' | 'admin';
  unit?: { id: number; code: string; name: string; province: string };
  province?: string;
  area?: string;
  createdAt: string;
  expiresAt: string;
  usedAt?: string;
  revokedAt?: string;
}

function invitesQuery(db: Db) {
  return db
    .selectFrom('invites')
    .leftJoin('units', 'units.id', 'invites.unit_id')
    .select([
      'invites.code',
      'invites.role',
      'invites.scope_province',
      'invites.scope_area',
      'invites.created_at',
      'invites.expires_at',
      'invites.used_at',
      'invites.revoked_at',
      'units.id as unitId',
      'units.code as unitCode',
      'units.name as unitName',
      'units.province as unitProvince',
    ]);
}

type InviteRow = Awaited<ReturnType<ReturnType<typeof invitesQuery>['executeTakeFirstOrThrow']>>;

function toInvite(r: InviteRow): InviteRecord {
  return {
    code: r.code,
    role: r.role === 'admin' ? 'admin' : r.role === 'supervisor' ? 'supervisor' : 'officer',
    ...(r.unitId !== null && r.unitCode !== null && r.unitName !== null && r.unitProvince !== null
      ? { unit: { id: r.unitId, code: r.unitCode, name: r.unitName, province: r.unitProvince } }
      : {}),
    ...(r.scope_province ? { province: r.scope_province } : {}),
    ...(r.scope_area ? { area: r.scope_area } : {}),
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    ...(r.used_at ? { usedAt: r.used_at } : {}),
    ...(r.revoked_at ? { revokedAt: r.revoked_at } : {}),
  };
}

/** Every invite, newest first. */
export async function listInvites(db: Db): Promise<InviteRecord[]> {
  const rows = await invitesQuery(db).orderBy('invites.created_at', 'desc').orderBy('units.code').execute();
  return rows.map(toInvite);
}

/** The invite of a code, whatever its state. */
export async function findInvite(db: Db, code: string): Promise<InviteRecord | undefined> {
  const row = await invitesQuery(db).where('invites.code', '=', code).executeTakeFirst();
  return row ? toInvite(row) : undefined;
}

/** Revokes unused invites: they can no longer be redeemed. Returns the codes revoked. */
export async function revokeInvites(db: Db, codes: readonly string[], now: Date): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .updateTable('invites')
    .set({ revoked_at: now.toISOString() })
    .where('code', 'in', codes)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .returning('code')
    .execute();
  return rows.map((r) => r.code);
}

/** Adds units to a named area, keeping those it has. */
export async function addToArea(db: Db, area: string, unitCodes: readonly string[]): Promise<void> {
  if (unitCodes.length === 0) return;
  await db
    .insertInto('area_units')
    .values(unitCodes.map((unit_code) => ({ area, unit_code })))
    .onConflict((oc) => oc.columns(['area', 'unit_code']).doNothing())
    .execute();
}
