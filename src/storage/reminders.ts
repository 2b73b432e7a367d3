import type { AdHocDeadline, CalendarOverride } from '../domain/reminders/calendar.js';
import type { FrameworkChange } from '../domain/units/frameworks.js';
import type { Db } from './db.js';

export async function addAdHocDeadline(
  db: Db,
  d: { name: string; period: string; dueDate: string; province?: string },
  now: Date,
): Promise<AdHocDeadline> {
  const row = await db
    .insertInto('adhoc_deadlines')
    .values({
      name: d.name,
      period: d.period,
      due_date: d.dueDate,
      province: d.province ?? null,
      created_at: now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toAdHoc(row);
}

function toAdHoc(r: {
  id: number;
  name: string;
  period: string;
  due_date: string;
  province: string | null;
}): AdHocDeadline {
  return {
    id: r.id,
    name: r.name,
    period: r.period,
    dueDate: r.due_date,
    ...(r.province ? { province: r.province } : {}),
  };
}

export async function listAdHocDeadlines(db: Db): Promise<AdHocDeadline[]> {
  const rows = await db.selectFrom('adhoc_deadlines').selectAll().orderBy('due_date').execute();
  return rows.map(toAdHoc);
}

export async function setCalendarOverride(db: Db, o: CalendarOverride): Promise<void> {
  const values = {
    quarter_due_day: o.quarterDueDay ?? null,
    year_due_month: o.yearDueMonth ?? null,
    year_due_day: o.yearDueDay ?? null,
  };
  await db
    .insertInto('calendar_overrides')
    .values({ province: o.province, ...values })
    .onConflict((oc) => oc.column('province').doUpdateSet(values))
    .execute();
}

export async function listCalendarOverrides(db: Db): Promise<CalendarOverride[]> {
  const rows = await db.selectFrom('calendar_overrides').selectAll().execute();
  return rows.map((r) => ({
    province: r.province,
    ...(r.quarter_due_day ? { quarterDueDay: r.quarter_due_day } : {}),
    ...(r.year_due_month ? { yearDueMonth: r.year_due_month } : {}),
    ...(r.year_due_day ? { yearDueDay: r.year_due_day } : {}),
  }));
}

export interface ReminderSettings {
  enabled: boolean;
  snoozedUntil?: Date;
}

export async function getReminderSettings(db: Db, officerId: number): Promise<ReminderSettings> {
  const row = await db
    .selectFrom('officer_settings')
    .selectAll()
    .where('officer_id', '=', officerId)
    .executeTakeFirst();
  return {
    enabled: row ? row.reminders_enabled === 1 : true,
    ...(row?.snoozed_until ? { snoozedUntil: new Date(row.snoozed_until) } : {}),
  };
}

export async function updateReminderSettings(
  trx: Db,
  officerId: number,
  change: { enabled?: boolean; snoozedUntil?: Date | null },
  now: Date,
): Promise<void> {
  const set = {
    ...(change.enabled !== undefined ? { reminders_enabled: change.enabled ? 1 : 0 } : {}),
    ...(change.snoozedUntil !== undefined
      ? { snoozed_until: change.snoozedUntil?.toISOString() ?? null }
      : {}),
    updated_at: now.toISOString(),
  };
  await trx
    .insertInto('officer_settings')
    .values({ officer_id: officerId, reminders_enabled: 1, snoozed_until: null, ...set })
    .onConflict((oc) => oc.column('officer_id').doUpdateSet(set))
    .execute();
}

/**
 * Log keys ("recipient|deadline|lead") already sent or being sent for these deadlines; failed ones,
 * and pending ones whose lease ran out at `now`, are left out so that they are planned again.
 */
export async function loadReminderLog(db: Db, deadlineKeys: string[], now?: Date): Promise<Set<string>> {
  if (deadlineKeys.length === 0) return new Set();
  const leaseEnded = now ? new Date(now.getTime() - REMINDER_LEASE_MS).toISOString() : '';
  const rows = await db
    .selectFrom('reminder_log')
    .select(['recipient', 'deadline_key', 'lead'])
    .where('deadline_key', 'in', deadlineKeys)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'sent'),
        eb.and([eb('status', '=', 'pending'), eb('updated_at', '>=', leaseEnded)]),
      ]),
    )
    .execute();
  return new Set(rows.map((r) => `${r.recipient}|${r.deadline_key}|${r.lead}`));
}

/** The retry limit of a failed reminder. */
export const MAX_REMINDER_ATTEMPTS = 5;

/**
 * How long a claim holds: a reminder still pending this long after it was claimed belongs to a
 * runner that died between claim and send (kill -9, a crash), and a later run takes it again. A
 * live runner sends within seconds of its claim (its window is a few dozen reminders).
 */
export const REMINDER_LEASE_MS = 10 * 60_000;

/**
 * Claims one reminder before sending it: inserts it as pending, or takes back a failed one, or a
 * pending one whose lease ran out (its runner died). Only one caller wins a key at a time, across
 * restarts, overlapping ticks and processes; a crash can at worst repeat one reminder, never drop it.
 */
export async function claimReminder(
  db: Db,
  key: { recipient: string; deadlineKey: string; lead: string },
  channel: string | null,
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const inserted = await db
    .insertInto('reminder_log')
    .values({
      recipient: key.recipient,
      deadline_key: key.deadlineKey,
      lead: key.lead,
      status: 'pending',
      attempts: 1,
      channel,
      error: null,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.columns(['recipient', 'deadline_key', 'lead']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return true;
  const leaseEnded = new Date(now.getTime() - REMINDER_LEASE_MS).toISOString();
  const retried = await db
    .updateTable('reminder_log')
    .set((eb) => ({ status: 'pending', attempts: eb('attempts', '+', 1), channel, updated_at: at }))
    .where('recipient', '=', key.recipient)
    .where('deadline_key', '=', key.deadlineKey)
    .where('lead', '=', key.lead)
    .where('attempts', '<', MAX_REMINDER_ATTEMPTS)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'failed'),
        eb.and([eb('status', '=', 'pending'), eb('updated_at', '<', leaseEnded)]),
      ]),
    )
    .executeTakeFirst();
  return Number(retried.numUpdatedRows) === 1;
}

export async function finishReminder(
  db: Db,
  key: { recipient: string; deadlineKey: string; lead: string },
  outcome: { status: 'sent' } | { status: 'failed'; error: string },
  now: Date,
): Promise<void> {
  await db
    .updateTable('reminder_log')
    .set({
      status: outcome.status,
      error: outcome.status === 'failed' ? outcome.error.slice(0, 500) : null,
      updated_at: now.toISOString(),
    })
    .where('recipient', '=', key.recipient)
    .where('deadline_key', '=', key.deadlineKey)
    .where('lead', '=', key.lead)
    .execute();
}

export interface ReminderLogRow {
  recipient: string;
  deadlineKey: string;
  lead: string;
  status: string;
  attempts: number;
  channel: string | null;
}

export async function listReminderLog(db: Db): Promise<ReminderLogRow[]> {
  const rows = await db.selectFrom('reminder_log').selectAll().orderBy('created_at').execute();
  return rows.map((r) => ({
    recipient: r.recipient,
    deadlineKey: r.deadline_key,
    lead: r.lead,
    status: r.status,
    attempts: r.attempts,
    channel: r.channel,
  }));
}

export interface OfficerReminderRow {
  officerId: number;
  unitId: number;
  unitCode: string;
  unitName: string;
  province: string;
  frameworkId: string;
  /** The frameworks the unit moves to from a period on. */
  frameworkChanges?: FrameworkChange[];
  /** The unit's NTM commune group, when set. */
  group?: 1 | 2 | 3;
  remindersEnabled: boolean;
  snoozedUntil?: Date;
  dialogState?: unknown;
  dialogUpdatedAt?: Date;
  identities: Array<{ channel: string; externalId: string }>;
}

/**
 * The officers with what reminder planning needs (unit, settings, dialog activity, messenger
 * accounts), a page at a time in the order of their ids: `after` the last id of the previous page,
 * at most `limit` (all when not given).
 */
export async function loadOfficersForReminders(
  db: Db,
  page: { after?: number; limit?: number } = {},
): Promise<OfficerReminderRow[]> {
  const rows = await db
    .selectFrom('officers')
    .innerJoin('units', 'units.id', 'officers.unit_id')
    .leftJoin('officer_settings', 'officer_settings.officer_id', 'officers.id')
    .leftJoin('dialog_states', (join) =>
      // Both operands cast to text: Postgres cannot type a bare parameter passed to concat().
      join.onRef('dialog_states.session_key', '=', (eb) =>
        eb.fn<string>('concat', [
          eb.cast(eb.val('officer:'), 'text'),
          eb.cast(eb.ref('officers.id'), 'text'),
        ]),
      ),
    )
    .select([
      'officers.id as officerId',
      'units.id as unitId',
      'units.code as unitCode',
      'units.name as unitName',
      'units.province as province',
      'units.framework_id as frameworkId',
      'units.framework_changes as frameworkChanges',
      'units.commune_group as communeGroup',
      'officer_settings.reminders_enabled as enabled',
      'officer_settings.snoozed_until as snoozedUntil',
      'dialog_states.state_json as stateJson',
      'dialog_states.updated_at as stateAt',
    ])
    .$if(page.after !== undefined, (q) => q.where('officers.id', '>', page.after ?? 0))
    .orderBy('officers.id')
    .$if(page.limit !== undefined, (q) => q.limit(page.limit ?? 0))
    .execute();
  if (rows.length === 0) return [];
  const first = rows[0]?.officerId ?? 0;
  const last = rows[rows.length - 1]?.officerId ?? 0;
  const identities = await db
    .selectFrom('identities')
    .select(['officer_id', 'channel', 'external_id'])
    .where('officer_id', '>=', first)
    .where('officer_id', '<=', last)
    .execute();
  const byOfficer = new Map<number, Array<{ channel: string; externalId: string }>>();
  for (const i of identities) {
    const list = byOfficer.get(i.officer_id) ?? [];
    list.push({ channel: i.channel, externalId: i.external_id });
    byOfficer.set(i.officer_id, list);
  }
  return rows.map((r) => {
    let dialogState: unknown;
    try {
      dialogState = r.stateJson ? JSON.parse(r.stateJson) : undefined;
    } catch {
      dialogState = undefined;
    }
    return {
      officerId: r.officerId,
      unitId: r.unitId,
      unitCode: r.unitCode,
      unitName: r.unitName,
      province: r.province,
      frameworkId: r.frameworkId,
      ...(r.frameworkChanges
        ? { frameworkChanges: JSON.parse(r.frameworkChanges) as FrameworkChange[] }
        : {}),
      ...(r.communeGroup === 1 || r.communeGroup === 2 || r.communeGroup === 3
        ? { group: r.communeGroup }
        : {}),
      remindersEnabled: r.enabled === null || r.enabled === 1,
      ...(r.snoozedUntil ? { snoozedUntil: new Date(r.snoozedUntil) } : {}),
      ...(dialogState !== undefined ? { dialogState } : {}),
      ...(r.stateAt ? { dialogUpdatedAt: new Date(r.stateAt) } : {}),
      identities: byOfficer.get(r.officerId) ?? [],
    };
  });
}
