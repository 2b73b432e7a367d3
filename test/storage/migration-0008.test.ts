/**
 * Migration 0008 on a database written before it: provinces spelt "Thanh Hoá", "thanh hoa",
 * "Tỉnh Thanh Hóa" become the official "Thanh Hóa" in every table that names one; what cannot be
 * mapped is left as it was and reported; no row is dropped; the mergers recorded so far become
 * predecessors. On SQLite and PGlite (and PostgreSQL with TEST_DATABASE_URL).
 */
import type { Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { canSeeUnit } from '../../src/domain/access.js';
import { type Db, migrate } from '../../src/storage/db.js';
import { findActorByIdentity } from '../../src/storage/officers.js';
import { findUnitByCode } from '../../src/storage/units.js';
import { storageBackends } from './backends.js';

const at = '2026-01-05T02:00:00.000Z';

/** What a database held before 0008: the same province written five ways, and one former province. */
// biome-ignore lint/suspicious/noExplicitAny: the tables as they were before 0008, not the current schema
async function seedBefore(db: Kysely<any>): Promise<void> {
  const unit = (code: string, name: string, province: string, extra: object = {}) => ({
    code,
    name,
    province,
    framework_id: 'thanh-hoa-xa-2022',
    valid_from: null,
    valid_to: null,
    successor_code: null,
    created_at: at,
    ...extra,
  });
  await db
    .insertInto('units')
    .values([
      unit('14950', 'Xã Điền Lư', 'Thanh Hoá'),
      unit('14944', 'Xã Ái Thượng', 'thanh hoa', { valid_to: '2025-07-01', successor_code: '14950' }),
      unit('14935', 'Xã Điền Trung', 'Thanh Hóa'),
      unit('16000', 'Xã Mẫu', 'Tỉnh Thanh Hóa'),
      unit('19000', 'Xã Quảng Bình Cũ', 'Quảng Bình'),
      unit('00004', 'Phường Ba Đình', 'Hà Nội'),
    ])
    .execute();
  const ids = new Map(
    (await db.selectFrom('units').select(['id', 'code']).execute()).map((r) => [
      r.code as string,
      r.id as number,
    ]),
  );
  const person = (role: string, unitCode: string | null, scope: string | null) => ({
    unit_id: unitCode ? ids.get(unitCode) : null,
    display_name: null,
    role,
    scope_province: scope,
    scope_area: null,
    created_at: at,
  });
  await db
    .insertInto('officers')
    .values([
      person('officer', '14944', null),
      person('supervisor', null, 'thanh hoa'),
      person('supervisor', null, 'Thanh Hoá'),
      person('supervisor', null, 'Quảng Bình'),
    ])
    .execute();
  const people = (await db.selectFrom('officers').select('id').orderBy('id').execute()).map(
    (r) => r.id as number,
  );
  await db
    .insertInto('identities')
    .values(
      ['officer-ai-thuong', 'sup-1', 'sup-2', 'sup-qb'].map((externalId, i) => ({
        channel: 'zalo',
        external_id: externalId,
        officer_id: people[i],
        display_name: null,
        created_at: at,
      })),
    )
    .execute();
  await db
    .insertInto('invites')
    .values({
      code: 'ABCDEFGH',
      unit_id: null,
      role: 'supervisor',
      scope_province: 'THANH HOA',
      scope_area: null,
      created_at: at,
      expires_at: '2026-02-01T00:00:00.000Z',
      used_at: null,
      used_by_officer_id: null,
    })
    .execute();
  await db
    .insertInto('answers')
    .values({
      unit_id: ids.get('14944'),
      framework_id: 'thanh-hoa-xa-2022',
      period: '2023',
      question_key: '1.1',
      answer_json: '{"value":{"type":"number","value":100}}',
      raw_text: '100',
      difficulty: null,
      officer_id: people[0],
      channel: 'zalo',
      answered_at: at,
      updated_at: at,
      proposal: null,
    })
    .execute();
  await db
    .insertInto('adhoc_deadlines')
    .values([
      {
        name: 'Báo cáo 9 tháng',
        period: '2025-Q3',
        due_date: '2025-09-20',
        province: 'Thanh Hoá',
        created_at: at,
      },
      { name: 'Báo cáo năm', period: '2025', due_date: '2025-11-15', province: null, created_at: at },
    ])
    .execute();
  await db
    .insertInto('calendar_overrides')
    .values([
      { province: 'Thanh Hoá', quarter_due_day: 12, year_due_month: null, year_due_day: null },
      { province: 'thanh hoa', quarter_due_day: 15, year_due_month: null, year_due_day: null },
    ])
    .execute();
  await db
    .insertInto('province_document_settings')
    .values({
      province: 'thanh hoa',
      recipients: 'Sở Khoa học và Công nghệ tỉnh Thanh Hóa',
      basis: null,
      updated_at: at,
    })
    .execute();
}

const count = async (
  db: Db,
  table: 'units' | 'officers' | 'invites' | 'answers' | 'adhoc_deadlines' | 'calendar_overrides',
) =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe.each(storageBackends())('migration 0008 on $name', (backend) => {
  beforeAll(() => backend.start());
  afterEach(() => backend.cleanup());
  afterAll(() => backend.close());

  it('maps every spelling of a province to the official name, keeps every row and reports the rest', async () => {
    const db = await backend.open('0007-document-settings');
    await seedBefore(db as unknown as Parameters<typeof seedBefore>[0]);
    const before = {
      units: await count(db, 'units'),
      officers: await count(db, 'officers'),
      invites: await count(db, 'invites'),
      answers: await count(db, 'answers'),
      adhoc: await count(db, 'adhoc_deadlines'),
      overrides: await count(db, 'calendar_overrides'),
    };
    await migrate(db, backend.postgres ? 'postgres' : 'sqlite');

    expect({
      units: await count(db, 'units'),
      officers: await count(db, 'officers'),
      invites: await count(db, 'invites'),
      answers: await count(db, 'answers'),
      adhoc: await count(db, 'adhoc_deadlines'),
      overrides: await count(db, 'calendar_overrides'),
    }).toEqual(before);

    const units = await db.selectFrom('units').select(['code', 'province']).orderBy('code').execute();
    expect(units).toEqual([
      { code: '00004', province: 'Thành phố Hà Nội' },
      { code: '14935', province: 'Thanh Hóa' },
      { code: '14944', province: 'Thanh Hóa' },
      { code: '14950', province: 'Thanh Hóa' },
      { code: '16000', province: 'Thanh Hóa' },
      { code: '19000', province: 'Quảng Bình' },
    ]);
    const scopes = await db.selectFrom('officers').select('scope_province').orderBy('id').execute();
    expect(scopes.map((s) => s.scope_province)).toEqual([null, 'Thanh Hóa', 'Thanh Hóa', 'Quảng Bình']);
    expect(
      (await db.selectFrom('invites').select('scope_province').executeTakeFirstOrThrow()).scope_province,
    ).toBe('Thanh Hóa');
    const adhoc = await db.selectFrom('adhoc_deadlines').select('province').orderBy('id').execute();
    expect(adhoc.map((a) => a.province)).toEqual(['Thanh Hóa', null]);
    // Two overrides of one province: the first takes the official name, the second is left and reported.
    const overrides = await db
      .selectFrom('calendar_overrides')
      .selectAll()
      .orderBy('quarter_due_day')
      .execute();
    expect(overrides.map((o) => [o.province, o.quarter_due_day])).toEqual([
      ['Thanh Hóa', 12],
      ['thanh hoa', 15],
    ]);
    expect(
      (await db.selectFrom('province_document_settings').select('province').executeTakeFirstOrThrow())
        .province,
    ).toBe('Thanh Hóa');

    const fixes = await db
      .selectFrom('province_fixes')
      .select(['table_name', 'old_value', 'new_value', 'row_count', 'outcome'])
      .execute();
    expect(fixes).toEqual(
      expect.arrayContaining([
        {
          table_name: 'units',
          old_value: 'Thanh Hoá',
          new_value: 'Thanh Hóa',
          row_count: 1,
          outcome: 'mapped',
        },
        {
          table_name: 'units',
          old_value: 'thanh hoa',
          new_value: 'Thanh Hóa',
          row_count: 1,
          outcome: 'mapped',
        },
        {
          table_name: 'units',
          old_value: 'Tỉnh Thanh Hóa',
          new_value: 'Thanh Hóa',
          row_count: 1,
          outcome: 'mapped',
        },
        {
          table_name: 'units',
          old_value: 'Hà Nội',
          new_value: 'Thành phố Hà Nội',
          row_count: 1,
          outcome: 'mapped',
        },
        { table_name: 'units', old_value: 'Quảng Bình', new_value: null, row_count: 1, outcome: 'unknown' },
        {
          table_name: 'officers',
          old_value: 'Quảng Bình',
          new_value: null,
          row_count: 1,
          outcome: 'unknown',
        },
        {
          table_name: 'calendar_overrides',
          old_value: 'thanh hoa',
          new_value: null,
          row_count: 1,
          outcome: 'duplicate',
        },
      ]),
    );
    expect(fixes.filter((f) => f.outcome !== 'mapped')).toHaveLength(3);

    // The merger recorded before: Ái Thượng is a whole predecessor of Điền Lư.
    const preds = await db.selectFrom('unit_predecessors').selectAll().execute();
    expect(preds.map((p) => [p.unit_code, p.old_code, p.old_name, p.share, p.source])).toEqual([
      ['14950', '14944', 'Xã Ái Thượng', 'whole', 'manual'],
    ]);

    // The domain rule holds again: a supervisor of "thanh hoa" sees every unit of Thanh Hóa.
    const sup = await findActorByIdentity(db, { channel: 'zalo', externalId: 'sup-1' });
    for (const code of ['14950', '14944', '14935', '16000']) {
      const u = await findUnitByCode(db, code);
      expect(sup && u && canSeeUnit(sup, u)).toBe(true);
    }
  });
});
