/**
 * An answer kept from the period before (migration 0009), on every backend: it is stored as an
 * answer of the new period with the period it came from, in the answer and in its history; answered
 * again, it is the officer's own and the mark is gone.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Effect } from '../../src/domain/dialog/protocol.js';
import { loadAnswers, loadHistory } from '../../src/storage/answers.js';
import { addUnit } from '../../src/storage/units.js';
import { storeAsImport } from '../helpers.js';
import { storageBackends } from './backends.js';

const now = new Date('2026-11-22T02:00:00Z');
const FW = 'thanh-hoa-xa-2022';

describe.each(storageBackends())('answers kept from last period on $name', (backend) => {
  beforeAll(() => backend.start(), 60_000);
  afterEach(() => backend.cleanup());
  afterAll(() => backend.close());

  it('stores where a kept answer came from, and forgets it once the answer is given anew', async () => {
    const db = await backend.open();
    const unit = await addUnit(db, { code: 'K', name: 'Xã K', province: 'Thanh Hóa', frameworkId: FW }, now);
    const scope = { unitId: unit.id, frameworkId: FW };
    const kept: Effect[] = [
      {
        type: 'save_answer',
        period: '2026-Q4',
        key: '1.3',
        answer: { value: { type: 'number', value: 85 } },
        raw: '85%',
        carriedFrom: '2026-Q3',
      },
      { type: 'save_difficulty', period: '2026-Q4', key: '1.3', text: 'Chưa có chữ ký số' },
    ];
    await storeAsImport(db, scope, kept, now);
    const first = (await loadAnswers(db, scope, ['2026-Q4'])).get('2026-Q4')?.get('1.3');
    expect(first).toMatchObject({
      value: { value: 85 },
      carriedFrom: '2026-Q3',
      difficulty: 'Chưa có chữ ký số',
    });

    await storeAsImport(
      db,
      scope,
      [
        {
          type: 'save_answer',
          period: '2026-Q4',
          key: '1.3',
          answer: { value: { type: 'number', value: 90 } },
          raw: '90',
        },
      ],
      now,
    );
    const again = (await loadAnswers(db, scope, ['2026-Q4'])).get('2026-Q4')?.get('1.3');
    expect(again?.value).toMatchObject({ value: 90 });
    expect(again?.carriedFrom).toBeUndefined();
    const history = (await loadHistory(db, scope, '2026-Q4')).filter((h) => h.action === 'answer');
    expect(history.map((h) => h.carriedFrom)).toEqual(['2026-Q3', null]);
  });
});
