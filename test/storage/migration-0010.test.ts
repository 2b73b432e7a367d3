/**
 * Migration 0010 on a database written before it (units, people, answers of several periods, one
 * kept from the period before, their history, a submission): every row is kept exactly, units have
 * no commune group until the administrator sets one. On SQLite and PGlite (and PostgreSQL with
 * TEST_DATABASE_URL).
 */
import type { Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadAnswers } from '../../src/storage/answers.js';
import { migrate } from '../../src/storage/db.js';
import { findUnitByCode, setUnitGroup } from '../../src/storage/units.js';
import { storageBackends } from './backends.js';

const at = '2026-10-05T02:00:00.000Z';

// biome-ignore lint/suspicious/noExplicitAny: the tables as they were before 0010, not the current schema
type Before = Kysely<any>;

async function seedBefore(db: Before): Promise<void> {
  await db
    .insertInto('units')
    .values(
      [
        ['26620', 'Xã Ái Thượng'],
        ['14950', 'Xã Điền Lư'],
      ].map(([code, name]) => ({
        code,
        name,
        province: 'Thanh Hóa',
        framework_id: 'thanh-hoa-xa-2022',
        valid_from: null,
        valid_to: null,
        successor_code: null,
        created_at: at,
      })),
    )
    .execute();
  const [first, second] = (await db
    .selectFrom('units')
    .select(['id', 'code'])
    .orderBy('id')
    .execute()) as Array<{
    id: number;
    code: string;
  }>;
  if (!first || !second) throw new Error('units not inserted');
  await db
    .insertInto('officers')
    .values({
      unit_id: first.id,
      display_name: null,
      role: 'officer',
      scope_province: null,
      scope_area: null,
      created_at: at,
    })
    .execute();
  const officer = (await db.selectFrom('officers').select('id').executeTakeFirstOrThrow()).id;
  const answer = (
    unit: number,
    period: string,
    key: string,
    json: string,
    raw: string,
    extra: object = {},
  ) => ({
    unit_id: unit,
    framework_id: 'thanh-hoa-xa-2022',
    period,
    question_key: key,
    answer_json: json,
    raw_text: raw,
    difficulty: null,
    proposal: null,
    carried_from: null,
    officer_id: officer,
    channel: 'zalo',
    answered_at: at,
    updated_at: at,
    ...extra,
  });
  await db
    .insertInto('answers')
    .values([
      answer(first.id, '2026-Q3', '1.1', '{"value":{"type":"number","value":100}}', '100%'),
      answer(
        first.id,
        '2026-Q3',
        '1.2',
        '{"value":{"type":"number","value":66.95,"numerator":25031,"denominator":37389}}',
        '25.031/37.389',
        {
          difficulty: 'Thiếu máy quét',
          proposal: 'Đề nghị hỗ trợ 01 máy quét',
        },
      ),
      answer(first.id, '2026-Q4', '1.1', '{"value":{"type":"number","value":100}}', 'như cũ', {
        carried_from: '2026-Q3',
      }),
      answer(second.id, '2026-Q4', '1.5', '{"value":{"type":"yesno","yes":true}}', 'Có'),
    ])
    .execute();
  await db
    .insertInto('answer_history')
    .values({
      unit_id: first.id,
      framework_id: 'thanh-hoa-xa-2022',
      period: '2026-Q3',
      question_key: '1.1',
      action: 'set',
      answer_json: '{"value":{"type":"number","value":100}}',
      raw_text: '100%',
      difficulty: null,
      proposal: null,
      carried_from: null,
      officer_id: officer,
      channel: 'zalo',
      recorded_at: at,
    })
    .execute();
  await db
    .insertInto('submissions')
    .values({
      unit_id: first.id,
      framework_id: 'thanh-hoa-xa-2022',
      period: '2026-Q3',
      submitted_at: at,
      submitted_by: officer,
      due_at: null,
      locked: 1,
      unlocked_at: null,
      unlocked_by: null,
      proposals: null,
    })
    .execute();
}

describe.each(storageBackends())('migration 0010 on $name', (backend) => {
  beforeAll(() => backend.start());
  afterEach(() => backend.cleanup());
  afterAll(() => backend.close());

  it('keeps every answer, its history and the submission; units have no group until one is set', async () => {
    const db = await backend.open('0009-carried-answers');
    await seedBefore(db as unknown as Before);
    const snapshot = async () => ({
      answers: await db
        .selectFrom('answers')
        .selectAll()
        .orderBy(['unit_id', 'period', 'question_key'])
        .execute(),
      history: await db.selectFrom('answer_history').selectAll().orderBy('id').execute(),
      submissions: await db.selectFrom('submissions').selectAll().execute(),
      units: await db
        .selectFrom('units')
        .select(['id', 'code', 'name', 'framework_id'])
        .orderBy('id')
        .execute(),
    });
    const before = await snapshot();
    await migrate(db, backend.postgres ? 'postgres' : 'sqlite');
    expect(await snapshot()).toEqual(before);
    expect(before.answers).toHaveLength(4);

    const unit = await findUnitByCode(db, '26620');
    expect(unit?.group).toBeUndefined();
    expect(unit?.frameworkChanges).toBeUndefined();
    expect(unit?.frameworkId).toBe('thanh-hoa-xa-2022');
    const loaded = await loadAnswers(db, { unitId: unit?.id ?? 0, frameworkId: 'thanh-hoa-xa-2022' }, [
      '2026-Q3',
      '2026-Q4',
    ]);
    expect(loaded.get('2026-Q3')?.get('1.2')).toMatchObject({
      difficulty: 'Thiếu máy quét',
      value: { numerator: 25031 },
    });
    expect(loaded.get('2026-Q4')?.get('1.1')).toMatchObject({ carriedFrom: '2026-Q3' });

    await setUnitGroup(db, unit?.id ?? 0, 2);
    expect((await findUnitByCode(db, '26620'))?.group).toBe(2);
    expect((await findUnitByCode(db, '14950'))?.group).toBeUndefined();
  });
});
