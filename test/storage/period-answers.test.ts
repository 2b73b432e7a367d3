/**
 * The bulk read of one period for the province matrix and the supervisors' overview
 * (`loadPeriodAnswerLists`), on every backend: it must give each unit exactly the answers its own
 * report reads (`loadAnswers`), whatever the answers hold, and nothing of another period.
 */
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/domain/answers/types.js';
import type { Effect } from '../../src/domain/dialog/protocol.js';
import { answerMapOf } from '../../src/domain/evaluation/statuses.js';
import { loadAnswers, loadPeriodAnswerLists } from '../../src/storage/answers.js';
import type { Db } from '../../src/storage/db.js';
import { applyEffects } from '../../src/storage/effects.js';
import { addUnit } from '../../src/storage/units.js';
import { storeAsImport } from '../helpers.js';
import { storageBackends } from './backends.js';

const now = new Date('2026-11-22T02:00:00Z');

const save = (period: string, key: string, answer: Answer): Effect => ({
  type: 'save_answer',
  period,
  key,
  answer,
  raw: 'x',
});

/** What loadAnswers gives, without the raw text, khó khăn and time the matrix does not read. */
function parsedOnly(map: ReadonlyMap<string, Answer>): Map<string, Answer> {
  return new Map(
    [...map].map(([k, { value, note }]) => [k, { value, ...(note === undefined ? {} : { note }) }]),
  );
}

describe.each(storageBackends())('loadPeriodAnswerLists on $name', (backend) => {
  beforeAll(() => backend.start(), 60_000);
  afterEach(() => backend.cleanup());
  afterAll(() => backend.close());

  async function unitWith(db: Db, code: string, frameworkId: string, effects: Effect[]) {
    const unit = await addUnit(db, { code, name: `Xã ${code}`, province: 'Thanh Hóa', frameworkId }, now);
    await storeAsImport(db, { unitId: unit.id, frameworkId }, effects, now);
    return unit;
  }

  it("gives every unit the answers of its own report for that period, and nothing of another's", async () => {
    const db = await backend.open();
    const yes: Answer = { value: { type: 'yesno', yes: true } };
    const tricky: Answer[] = [
      { value: { type: 'number', value: 95, numerator: 19, denominator: 20, declared: 'not_met' } },
      // What a packed read must survive in a remark: quotes, backslashes, newlines, Vietnamese,
      // emoji; the separators themselves as control characters are removed before anything is stored.
      {
        value: { type: 'text', text: 'Đã ban hành "Kế hoạch 12/KH-UBND"' },
        note: 'a\u001fb\u001ec\\d\ne 👍',
      },
      { value: { type: 'status', status: 'not_applicable' } },
      { value: { type: 'number', value: 0.1 + 0.2, approximate: true } },
    ];
    const a = await unitWith(db, 'A', 'thanh-hoa-xa-2022', [
      save('2026-Q4', '1.1', tricky[0] as Answer),
      save('2026-Q4', '1.2', tricky[1] as Answer),
      save('2026-Q4', '1.3', yes),
      save('2026-Q3', '1.4', yes),
    ]);
    const b = await unitWith(db, 'B', 'ntm-nang-cao-tttt', [
      save('2026-Q4', '8.4đ', tricky[2] as Answer),
      save('2026-Q4', '8.3c', tricky[3] as Answer),
      save('2026-Q4', '8.1', yes),
    ]);
    await unitWith(db, 'C', 'thanh-hoa-xa-2022', [save('2026-Q3', '1.1', yes)]);

    const lists = await loadPeriodAnswerLists(db, '2026-Q4');
    expect([...lists.keys()].sort()).toEqual(
      [`${a.id}|thanh-hoa-xa-2022`, `${b.id}|ntm-nang-cao-tttt`].sort(),
    );
    for (const [unit, frameworkId] of [
      [a, 'thanh-hoa-xa-2022'],
      [b, 'ntm-nang-cao-tttt'],
    ] as const) {
      const own = (await loadAnswers(db, { unitId: unit.id, frameworkId }, ['2026-Q4'])).get('2026-Q4');
      expect(answerMapOf(lists.get(`${unit.id}|${frameworkId}`))).toEqual(parsedOnly(own ?? new Map()));
    }
    expect(answerMapOf(lists.get(`${a.id}|thanh-hoa-xa-2022`)).get('1.2')).toEqual({
      ...tricky[1],
      note: 'abc\\d\ne 👍',
    });
    // A period nobody answered: nothing, not an error.
    expect((await loadPeriodAnswerLists(db, '2025-Q1')).size).toBe(0);
  });

  it('shows a changed answer as it now stands', async () => {
    const db = await backend.open();
    const unit = await unitWith(db, 'A', 'thanh-hoa-xa-2022', [
      save('2026-Q4', '1.1', { value: { type: 'number', value: 80 } }),
    ]);
    await db
      .transaction()
      .execute((trx) =>
        applyEffects(
          trx,
          { unitId: unit.id, frameworkId: 'thanh-hoa-xa-2022' },
          { officerId: null, channel: 'import' },
          [save('2026-Q4', '1.1', { value: { type: 'number', value: 100 } })],
          now,
        ),
      );
    const list = (await loadPeriodAnswerLists(db, '2026-Q4')).get(`${unit.id}|thanh-hoa-xa-2022`);
    expect(list).toEqual({ keys: ['1.1'], answers: [{ value: { type: 'number', value: 100 } }] });
  });

  it.runIf(backend.name === 'sqlite')(
    'reads one period through its index, so past quarters do not slow the overview down',
    async () => {
      const db = await backend.open();
      const plan = await sql<{ detail: string }>`explain query plan
        select unit_id, framework_id, question_key from answers where period = '2026-Q4'`.execute(db);
      expect(plan.rows.map((r) => r.detail).join('; ')).toContain('answers_by_period');
    },
  );
});
