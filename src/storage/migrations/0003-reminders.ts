import type { Kysely } from 'kysely';
import type { SchemaDialect } from '../dialect.js';

/** Frozen. Deadlines beyond the calendar, per-province calendars, officer settings and the reminder log. */
export async function up(db: Kysely<any>, d: SchemaDialect): Promise<void> {
  await db.schema
    .createTable('adhoc_deadlines')
    .addColumn('id', 'integer', d.id)
    .addColumn('name', d.text, (c) => c.notNull())
    .addColumn('period', d.text, (c) => c.notNull())
    .addColumn('due_date', d.text, (c) => c.notNull())
    .addColumn('province', d.text)
    .addColumn('created_at', d.text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('calendar_overrides')
    .addColumn('province', d.text, (c) => c.primaryKey())
    .addColumn('quarter_due_day', 'integer')
    .addColumn('year_due_month', 'integer')
    .addColumn('year_due_day', 'integer')
    .execute();

  await db.schema
    .createTable('officer_settings')
    .addColumn('officer_id', 'integer', (c) => c.primaryKey().references('officers.id'))
    .addColumn('reminders_enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('snoozed_until', d.text)
    .addColumn('updated_at', d.text, (c) => c.notNull())
    .execute();

  // One row per (recipient, deadline, lead), written before sending: pending → sent / failed.
  await db.schema
    .createTable('reminder_log')
    .addColumn('recipient', d.text, (c) => c.notNull())
    .addColumn('deadline_key', d.text, (c) => c.notNull())
    .addColumn('lead', d.text, (c) => c.notNull())
    .addColumn('status', d.text, (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('channel', d.text)
    .addColumn('error', d.text)
    .addColumn('created_at', d.text, (c) => c.notNull())
    .addColumn('updated_at', d.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('reminder_log_pk', ['recipient', 'deadline_key', 'lead'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['reminder_log', 'officer_settings', 'calendar_overrides', 'adhoc_deadlines']) {
    await db.schema.dropTable(t).execute();
  }
}
