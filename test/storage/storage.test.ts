import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { applyEffects, loadAnswers, loadHistory } from '../../src/storage/answers.js';
import { createDb } from '../../src/storage/db.js';
import { loadDialog, saveDialog } from '../../src/storage/dialog.js';
import {
  createInvite,
  findOfficerByIdentity,
  redeemInvite,
  registerOfficer,
} from '../../src/storage/officers.js';
import { addUnit } from '../../src/storage/units.js';

const now = new Date('2026-11-22T02:00:00Z');

async function setup() {
  const db = await createDb(':memory:');
  const unit = await addUnit(
    db,
    { code: 'X1', name: 'Xã Một', province: 'Thanh Hóa', frameworkId: 'thanh-hoa-xa-2022' },
    now,
  );
  const officer = await registerOfficer(db, unit.id, { channel: 'console', externalId: 'a' }, now);
  return {
    db,
    unit,
    officer,
    scope: { unitId: unit.id, frameworkId: 'thanh-hoa-xa-2022' },
    author: { officerId: officer.officerId, channel: 'console' },
  };
}

describe('storage on SQLite :memory: with the real migrations', () => {
  it('creates every table and turns foreign keys on', async () => {
    const { db } = await setup();
    const tables = await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'table' order by name`.execute(db);
    expect(tables.rows.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        'answer_history',
        'answers',
        'dialog_states',
        'identities',
        'invites',
        'officers',
        'units',
      ]),
    );
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
    expect(fk.rows[0]?.foreign_keys).toBe(1);
    await expect(
      db
        .insertInto('officers')
        .values({ unit_id: 999, display_name: null, role: 'officer', created_at: now.toISOString() })
        .execute(),
    ).rejects.toThrow(/FOREIGN KEY/);
  });

  it('stores an answer with its history, and a new answer replaces it while the history keeps both', async () => {
    const { db, scope, author } = await setup();
    const save = (raw: string, value: number) =>
      db.transaction().execute((trx) =>
        applyEffects(
          trx,
          scope,
          author,
          [
            {
              type: 'save_answer',
              period: '2026-Q4',
              key: '1.4',
              answer: { value: { type: 'number', value } },
              raw,
            },
          ],
          now,
        ),
      );
    await save('70', 70);
    await save('80%', 80);
    const answers = (await loadAnswers(db, scope, ['2026-Q4'])).get('2026-Q4');
    expect(answers?.get('1.4')).toMatchObject({ value: { value: 80 }, raw: '80%' });
    expect((await loadHistory(db, scope)).map((h) => h.raw)).toEqual(['70', '80%']);
  });

  it('keeps periods and units apart', async () => {
    const { db, scope, author } = await setup();
    const other = await addUnit(
      db,
      { code: 'X2', name: 'Xã Hai', province: 'Thanh Hóa', frameworkId: 'thanh-hoa-xa-2022' },
      now,
    );
    await db.transaction().execute((trx) =>
      applyEffects(
        trx,
        scope,
        author,
        [
          {
            type: 'save_answer',
            period: '2026-Q3',
            key: '1.1',
            answer: { value: { type: 'number', value: 100 } },
            raw: '100',
          },
        ],
        now,
      ),
    );
    const mine = await loadAnswers(db, scope, ['2026-Q3', '2026-Q4']);
    expect(mine.get('2026-Q3')?.size).toBe(1);
    expect(mine.get('2026-Q4')?.size).toBe(0);
    const theirs = await loadAnswers(db, { unitId: other.id, frameworkId: scope.frameworkId }, ['2026-Q3']);
    expect(theirs.get('2026-Q3')?.size).toBe(0);
  });

  it('writes nothing when anything in the transaction fails', async () => {
    const { db, scope, author } = await setup();
    await expect(
      db.transaction().execute(async (trx) => {
        await applyEffects(
          trx,
          scope,
          author,
          [
            {
              type: 'save_answer',
              period: '2026-Q4',
              key: '1.1',
              answer: { value: { type: 'number', value: 100 } },
              raw: '100',
            },
          ],
          now,
        );
        await saveDialog(trx, 'officer:1', { v: 1 }, 0, now);
        throw new Error('crash before commit');
      }),
    ).rejects.toThrow('crash before commit');
    expect((await loadAnswers(db, scope, ['2026-Q4'])).get('2026-Q4')?.size).toBe(0);
    expect(await loadHistory(db, scope)).toEqual([]);
    expect(await loadDialog(db, 'officer:1')).toBeUndefined();
  });

  it('refuses a khó khăn for an answer that does not exist', async () => {
    const { db, scope, author } = await setup();
    await expect(
      db
        .transaction()
        .execute((trx) =>
          applyEffects(
            trx,
            scope,
            author,
            [{ type: 'save_difficulty', period: '2026-Q4', key: '1.1', text: 'x' }],
            now,
          ),
        ),
    ).rejects.toThrow(/no answer 1.1/);
  });

  it('keeps the answer history append-only', async () => {
    const { db, scope, author } = await setup();
    await db.transaction().execute((trx) =>
      applyEffects(
        trx,
        scope,
        author,
        [
          {
            type: 'save_answer',
            period: '2026-Q4',
            key: '1.1',
            answer: { value: { type: 'number', value: 100 } },
            raw: '100',
          },
        ],
        now,
      ),
    );
    await expect(db.updateTable('answer_history').set({ raw_text: 'forged' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(db.deleteFrom('answer_history').execute()).rejects.toThrow(/append-only/);
  });

  it('saves a dialog state only over the revision it was read at', async () => {
    const { db } = await setup();
    expect(await saveDialog(db, 's', { a: 1 }, 0, now)).toBe(true);
    expect(await saveDialog(db, 's', { a: 2 }, 0, now)).toBe(false);
    expect(await saveDialog(db, 's', { a: 2 }, 1, now)).toBe(true);
    expect(await saveDialog(db, 's', { a: 3 }, 1, now)).toBe(false);
    expect(await loadDialog(db, 's')).toEqual({ state: { a: 2 }, revision: 2 });
  });

  it('uses an invite once, and never after it expires', async () => {
    const { db, unit } = await setup();
    const later = new Date(now.getTime() + 86_400_000);
    await createInvite(db, unit.id, 'ABCDEFGH', now, later);
    await createInvite(db, unit.id, 'HGFEDCBA', now, later);
    const first = await redeemInvite(db, 'ABCDEFGH', { channel: 'telegram', externalId: '42' }, now);
    expect(first).toMatchObject({ role: 'officer', unitId: unit.id });
    expect(await findOfficerByIdentity(db, { channel: 'telegram', externalId: '42' })).toMatchObject({
      unitId: unit.id,
    });
    expect(
      await redeemInvite(db, 'ABCDEFGH', { channel: 'telegram', externalId: '43' }, now),
    ).toBeUndefined();
    expect(
      await redeemInvite(db, 'HGFEDCBA', { channel: 'zalo', externalId: 'z' }, new Date(later.getTime() + 1)),
    ).toBeUndefined();
    expect(await redeemInvite(db, 'ZZZZZZZZ', { channel: 'zalo', externalId: 'z' }, now)).toBeUndefined();
  });
});
