import { type Kysely, sql } from 'kysely';
import { readProvince } from '../../domain/units/provinces.js';
import type { SchemaDialect } from '../dialect.js';

/**
 * Frozen once released. Onboarding a province (issue 14):
 *
 * - Every stored province name becomes one of the 34 official ones (units, supervisors' scopes,
 *   invites, ad hoc deadlines, calendar overrides, document settings): "Thanh Hoá", "thanh hoa" and
 *   "Tỉnh Thanh Hóa" become "Thanh Hóa". A name that cannot be read as an official province (a
 *   province merged in 2025, a typo) is left as it is, and a row whose new name would duplicate a
 *   row already there (a calendar override of both "Thanh Hoá" and "Thanh Hóa") is left too: nothing
 *   is dropped. Each name changed or left is written to `province_fixes`, which `cds-bot provinces
 *   check` shows.
 * - `unit_predecessors`: the communes that went into a unit (the 2025 mergers, old code, old name,
 *   whole or part), from the official mapping or an administrator; filled here from the mergers
 *   recorded so far (`units.successor_code`).
 * - People can be removed (`officers.removed_at`, `removed_by`) and invites revoked (`invites.revoked_at`).
 */

/** The official provinces from 1/7/2025 (dvhc/provinces.csv), copied so this migration never changes. */
const PROVINCES_2025 = [
  ['01', 'Thành phố Hà Nội'],
  ['04', 'Cao Bằng'],
  ['08', 'Tuyên Quang'],
  ['11', 'Điện Biên'],
  ['12', 'Lai Châu'],
  ['14', 'Sơn La'],
  ['15', 'Lào Cai'],
  ['19', 'Thái Nguyên'],
  ['20', 'Lạng Sơn'],
  ['22', 'Quảng Ninh'],
  ['24', 'Bắc Ninh'],
  ['25', 'Phú Thọ'],
  ['31', 'Thành phố Hải Phòng'],
  ['33', 'Hưng Yên'],
  ['37', 'Ninh Bình'],
  ['38', 'Thanh Hóa'],
  ['40', 'Nghệ An'],
  ['42', 'Hà Tĩnh'],
  ['44', 'Quảng Trị'],
  ['46', 'Thành phố Huế'],
  ['48', 'Thành phố Đà Nẵng'],
  ['51', 'Quảng Ngãi'],
  ['52', 'Gia Lai'],
  ['56', 'Khánh Hòa'],
  ['66', 'Đắk Lắk'],
  ['68', 'Lâm Đồng'],
  ['75', 'Đồng Nai'],
  ['79', 'Thành phố Hồ Chí Minh'],
  ['80', 'Tây Ninh'],
  ['82', 'Đồng Tháp'],
  ['86', 'Vĩnh Long'],
  ['91', 'An Giang'],
  ['92', 'Thành phố Cần Thơ'],
  ['96', 'Cà Mau'],
].map(([code, name]) => ({ code: code as string, name: name as string }));

/** The tables and columns holding a province's name; `unique` when the name is the row's key. */
const PROVINCE_COLUMNS = [
  { table: 'units', column: 'province', unique: false },
  { table: 'officers', column: 'scope_province', unique: false },
  { table: 'invites', column: 'scope_province', unique: false },
  { table: 'adhoc_deadlines', column: 'province', unique: false },
  { table: 'calendar_overrides', column: 'province', unique: true },
  { table: 'province_document_settings', column: 'province', unique: true },
] as const;

export async function up(db: Kysely<any>, d: SchemaDialect): Promise<void> {
  await db.schema.alterTable('officers').addColumn('removed_at', d.text).execute();
  await db.schema.alterTable('officers').addColumn('removed_by', 'integer').execute();
  await db.schema.alterTable('invites').addColumn('revoked_at', d.text).execute();

  await db.schema
    .createTable('unit_predecessors')
    .addColumn('unit_code', d.text, (c) => c.notNull())
    .addColumn('old_code', d.text, (c) => c.notNull())
    .addColumn('old_name', d.text, (c) => c.notNull())
    .addColumn('old_province', d.text)
    // 'whole': the old commune went entirely into this one; 'part': it was split among several.
    .addColumn('share', d.text, (c) => c.notNull())
    // 'official' (dvhc/old-to-new.csv) or 'manual' (an administrator's correction, kept on re-import).
    .addColumn('source', d.text, (c) => c.notNull())
    // An official row an administrator took back: kept, so that recording the mapping again skips it.
    .addColumn('removed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('valid_to', d.text)
    .addColumn('updated_at', d.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_predecessors_pk', ['unit_code', 'old_code'])
    .execute();
  await db.schema
    .createIndex('unit_predecessors_by_old')
    .on('unit_predecessors')
    .column('old_code')
    .execute();

  await db.schema
    .createTable('province_fixes')
    .addColumn('id', 'integer', d.id)
    .addColumn('table_name', d.text, (c) => c.notNull())
    .addColumn('old_value', d.text, (c) => c.notNull())
    // Null: left as it was (not an official province, or the official name's row is already there).
    .addColumn('new_value', d.text)
    .addColumn('row_count', 'integer', (c) => c.notNull())
    // 'mapped', 'unknown' or 'duplicate'.
    .addColumn('outcome', d.text, (c) => c.notNull())
    .addColumn('created_at', d.text, (c) => c.notNull())
    .execute();

  const now = new Date().toISOString();
  // The mergers recorded so far: each merged unit is a whole predecessor of its successor.
  const merged = await db
    .selectFrom('units')
    .select(['code', 'name', 'province', 'successor_code', 'valid_to'])
    .where('successor_code', 'is not', null)
    .execute();
  for (const u of merged) {
    await db
      .insertInto('unit_predecessors')
      .values({
        unit_code: u.successor_code,
        old_code: u.code,
        old_name: u.name,
        old_province: u.province,
        share: 'whole',
        source: 'manual',
        removed: 0,
        valid_to: u.valid_to,
        updated_at: now,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  for (const { table, column, unique } of PROVINCE_COLUMNS) {
    const rows = await db
      .selectFrom(table)
      .select([sql.ref<string>(column).as('value'), (eb) => eb.fn.countAll<number>().as('n')])
      .where(column, 'is not', null)
      .groupBy(column)
      .execute();
    const present = new Set(rows.map((r) => r.value as string));
    // In a fixed order (the databases group in their own), so that the same rows win everywhere.
    rows.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    for (const { value, n } of rows) {
      const reading = readProvince(value, PROVINCES_2025);
      const official = reading.ok ? reading.province.name : undefined;
      if (official === value) continue;
      const duplicate = official !== undefined && unique && present.has(official);
      if (official !== undefined && !duplicate) {
        await db
          .updateTable(table)
          .set({ [column]: official })
          .where(column, '=', value)
          .execute();
        if (unique) present.add(official);
      }
      await db
        .insertInto('province_fixes')
        .values({
          table_name: table,
          old_value: value,
          new_value: official !== undefined && !duplicate ? official : null,
          row_count: Number(n),
          outcome: official === undefined ? 'unknown' : duplicate ? 'duplicate' : 'mapped',
          created_at: now,
        })
        .execute();
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('province_fixes').execute();
  await db.schema.dropTable('unit_predecessors').execute();
  await db.schema.alterTable('invites').dropColumn('revoked_at').execute();
  await db.schema.alterTable('officers').dropColumn('removed_by').execute();
  await db.schema.alterTable('officers').dropColumn('removed_at').execute();
}
