/**
 * The province matrix computes its statuses on a fast path (answers packed per unit by the database,
 * a per-framework plan, no evaluation object per cell). These tests hold it to the per-unit
 * evaluation a unit's own report uses (`evaluateFramework`): every cell, every "Đạt M/N", for
 * answers of every kind, composites with sub-points, không áp dụng, unanswered questions, answers to
 * questions a framework does not have, and units of different frameworks in one database.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalogDir } from '../../src/catalogs.js';
import type { Answer, AnswerValue } from '../../src/domain/answers/types.js';
import { listQuestions } from '../../src/domain/catalog/load.js';
import type { Framework, Target } from '../../src/domain/catalog/types.js';
import { applicableTotal, evaluateFramework, tally } from '../../src/domain/evaluation/evaluate.js';
import { type AnswerList, answerMapOf, statusesFor } from '../../src/domain/evaluation/statuses.js';
import { matrixData } from '../../src/reports/data.js';
import { loadAnswers, loadPeriodAnswerLists } from '../../src/storage/answers.js';
import { createDb } from '../../src/storage/db.js';
import { applyEffects } from '../../src/storage/effects.js';
import { addUnit } from '../../src/storage/units.js';

const now = new Date('2026-11-22T02:00:00Z');
const catalogs = loadCatalogDir();

const target = (op: Target['op'], value?: number): Target => ({
  op,
  text: value === undefined ? '' : String(value),
  ...(value === undefined ? {} : { value }),
});

/**
 * Every kind of target the evaluation knows, which the bundled catalogs do not all use: "trên" (>),
 * "=", `provided` text, `self`, composites mixing them, a composite without sub-points.
 */
const SYNTHETIC: Framework = {
  id: 'test-all-ops',
  name: 'Bộ kiểm thử',
  level: 'xa',
  version: '1',
  source: 'test',
  complete: true,
  groups: [
    {
      code: '1',
      name: 'Nhóm một',
      criteria: [
        { code: '1.1', text: 'Tỷ lệ', kind: 'percent', target: target('>=', 80) },
        { code: '1.2', text: 'Trên', kind: 'ratio', target: target('>', 50), unit: 'thôn' },
        { code: '1.3', text: 'Bằng', kind: 'count', target: target('=', 3), unit: 'điểm' },
        { code: '1.4', text: 'Có', kind: 'yesno', target: target('yes') },
        { code: '1.5', text: 'Văn bản', kind: 'text', target: target('provided') },
        { code: '1.6', text: 'Tự đánh giá', kind: 'ratio', target: target('self') },
      ],
    },
    {
      code: '2',
      name: 'Nhóm hai',
      criteria: [
        {
          code: '2.1',
          text: 'Tổng hợp',
          kind: 'composite',
          target: target('all'),
          parts: [
            { code: 'a', text: 'a', kind: 'ratio', target: target('>=', 100), unit: 'hồ sơ' },
            { code: 'b', text: 'b', kind: 'yesno', target: target('yes') },
            { code: 'c', text: 'c', kind: 'count', target: target('>=', 2), unit: 'sản phẩm' },
            { code: 'đ', text: 'đ', kind: 'percent', target: target('self') },
          ],
        },
        // A composite whose sub-points are not transcribed: không áp dụng whatever is answered.
        { code: '2.2', text: 'Chưa có ý', kind: 'composite', target: target('all') },
        { code: '2.10', text: 'Mã dài', kind: 'text', target: target('provided') },
      ],
    },
  ],
};

/** Frameworks with composites (ntm-nang-cao-tttt: 8.3 a–c, 8.4 a–đ), a large one, and every op. */
const FRAMEWORKS: Framework[] = [
  catalogs.get('ntm-nang-cao-tttt') as Framework,
  catalogs.get('thanh-hoa-xa-2022') as Framework,
  SYNTHETIC,
];

const declared = fc.option(fc.constantFrom('met' as const, 'not_met' as const), { nil: undefined });

/** Any answer value, thresholds and their neighbours included, x/y counts or not. */
const value: fc.Arbitrary<AnswerValue> = fc.oneof(
  fc
    .record({
      value: fc.oneof(
        fc.constantFrom(0, 1, 2, 3, 49.99, 50, 50.0000000001, 79.9, 80, 99.5, 100),
        fc.double({ min: 0, max: 150, noNaN: true }),
      ),
      counts: fc.option(
        fc
          .tuple(fc.nat(60), fc.integer({ min: 1, max: 60 }))
          .map(([n, d]) => ({ numerator: Math.min(n, d), denominator: d })),
        { nil: undefined },
      ),
      approximate: fc.boolean(),
      declared,
    })
    .map(({ value, counts, approximate, declared }) => ({
      type: 'number' as const,
      value: counts ? (counts.numerator / counts.denominator) * 100 : value,
      ...(counts ?? {}),
      ...(approximate ? { approximate } : {}),
      ...(declared ? { declared } : {}),
    })),
  fc.boolean().map((yes) => ({ type: 'yesno' as const, yes })),
  fc
    .record({ text: fc.constantFrom('', '   ', 'Đã ban hành kế hoạch', 'có'), declared })
    .map(({ text, declared }) => ({ type: 'text' as const, text, ...(declared ? { declared } : {}) })),
  fc
    .record({
      status: fc.constantFrom('in_progress' as const, 'unknown' as const, 'not_applicable' as const),
      needsGuidance: fc.boolean(),
    })
    .map(({ status, needsGuidance }) => ({
      type: 'status' as const,
      status,
      ...(needsGuidance ? { needsGuidance } : {}),
    })),
);

/** A remark after the value, with what a packed read must survive: quotes, newlines, control characters. */
const note = fc.option(
  fc.oneof(
    fc.constantFrom('ghi chú "trích"', 'dòng 1\ndòng 2', 'a\u001fb\u001ec', 'C:\\thư mục', '8.4đ 100%'),
    fc.string({ unit: 'binary', maxLength: 20 }),
  ),
  { nil: undefined },
);

const answer: fc.Arbitrary<Answer> = fc
  .record({ value, note })
  .map(({ value, note }) => ({ value, ...(note === undefined ? {} : { note }) }));

/** Keys that belong to no framework here, or to another one. */
const STRAY_KEYS = ['9.9', '8.3', '2.1', '1.10', '2.1e'];

/** A unit's answers under `fw`: any subset of its questions, a few stray keys. */
function answersFor(fw: Framework): fc.Arbitrary<Array<[string, Answer]>> {
  const keys = [...new Set([...listQuestions(fw).map((q) => q.key), ...STRAY_KEYS])];
  return fc.uniqueArray(fc.tuple(fc.constantFrom(...keys), answer), {
    selector: ([k]) => k,
    maxLength: keys.length,
  });
}

const unitArb = fc
  .nat(FRAMEWORKS.length - 1)
  .chain((f) =>
    fc.record({ f: fc.constant(f), answers: answersFor(FRAMEWORKS[f] as Framework), other: fc.boolean() }),
  );

/** What a unit's own report shows: the per-unit evaluation. */
function expected(fw: Framework, answers: ReadonlyMap<string, Answer>) {
  const evs = evaluateFramework(fw, answers);
  const t = tally(evs);
  return { statuses: evs.map((e) => e.status), met: t.met, applicable: applicableTotal(t) };
}

describe('the matrix statuses equal the per-unit evaluation', () => {
  it('for any answers of any framework, given as a map or as lists', () => {
    fc.assert(
      fc.property(unitArb, ({ f, answers }) => {
        const fw = FRAMEWORKS[f] as Framework;
        const map = new Map(answers);
        const list: AnswerList = { keys: answers.map(([k]) => k), answers: answers.map(([, a]) => a) };
        const want = expected(fw, map);
        const statusesOf = statusesFor(fw);
        expect(statusesOf(map)).toEqual(want);
        expect(statusesOf(list)).toEqual(want);
        // The evaluator keeps scratch space between units: nothing of one unit leaks into the next.
        expect(statusesOf({ keys: [], answers: [] })).toEqual(expected(fw, new Map()));
        expect(statusesOf(list)).toEqual(want);
        expect(answerMapOf(list)).toEqual(map);
      }),
      { numRuns: 500 },
    );
  });

  it('for the whole path on SQLite: stored answers of units of different frameworks, read back packed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(unitArb, { minLength: 1, maxLength: 6 }), async (units) => {
        const db = await createDb(':memory:');
        try {
          const stored = [];
          for (const [i, u] of units.entries()) {
            const fw = FRAMEWORKS[u.f] as Framework;
            const unit = await addUnit(
              db,
              { code: `U${i}`, name: `Xã ${i}`, province: 'Thanh Hóa', frameworkId: fw.id },
              now,
            );
            const write = (frameworkId: string, period: string, answers: Array<[string, Answer]>) =>
              db.transaction().execute((trx) =>
                applyEffects(
                  trx,
                  { unitId: unit.id, frameworkId },
                  { officerId: null, channel: 'import' },
                  answers.map(([key, answer]) => ({
                    type: 'save_answer' as const,
                    period,
                    key,
                    answer,
                    raw: 'x',
                  })),
                  now,
                ),
              );
            await write(fw.id, '2026-Q4', u.answers);
            if (u.other) {
              // Answers of another period, and of another framework the unit was once under:
              // neither may show in this period's matrix.
              const met: Answer = { value: { type: 'yesno', yes: true } };
              const all = listQuestions(fw).map((q): [string, Answer] => [q.key, met]);
              await write(fw.id, '2026-Q3', all);
              await write('thanh-hoa-xa-2023', '2026-Q4', all);
            }
            stored.push({ unit, fw });
          }
          const lists = await loadPeriodAnswerLists(db, '2026-Q4');
          for (const fw of FRAMEWORKS) {
            const mine = stored.filter((s) => s.fw === fw);
            if (mine.length === 0) continue;
            const data = matrixData(
              fw,
              '2026-Q4',
              mine.map(({ unit }) => ({
                unit: { code: unit.code, name: unit.name, province: unit.province },
                answers: lists.get(`${unit.id}|${fw.id}`) ?? new Map(),
              })),
              'Tổng hợp',
            );
            expect(data.criteria.map((c) => c.code)).toEqual(
              fw.groups.flatMap((g) => g.criteria.map((c) => c.code)),
            );
            for (const [i, { unit }] of mine.entries()) {
              const own = await loadAnswers(db, { unitId: unit.id, frameworkId: fw.id }, ['2026-Q4']);
              const want = expected(fw, own.get('2026-Q4') ?? new Map());
              expect(data.units[i]).toEqual({ code: unit.code, name: unit.name, submitted: '', ...want });
            }
          }
        } finally {
          await db.destroy();
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
