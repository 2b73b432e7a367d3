import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/app/turn.js';
import { loadCatalogDir } from '../../src/catalogs.js';
import type { Effect } from '../../src/domain/dialog/protocol.js';
import { DEFAULT_CALENDAR } from '../../src/domain/periods/deadlines.js';
import { loadAnswers, loadEvidenceCounts, loadHistory } from '../../src/storage/answers.js';
import { migrate } from '../../src/storage/db.js';
import { loadDialog, saveDialog } from '../../src/storage/dialog.js';
import { applyEffects } from '../../src/storage/effects.js';
import {
  createInvite,
  findOfficerByIdentity,
  redeemInvite,
  registerOfficer,
} from '../../src/storage/officers.js';
import {
  claimReminder,
  finishReminder,
  getReminderSettings,
  listReminderLog,
  loadOfficersForReminders,
  loadReminderLog,
  MAX_REMINDER_ATTEMPTS,
  updateReminderSettings,
} from '../../src/storage/reminders.js';
import { loadSubmissions, recordSubmission, unlockSubmission } from '../../src/storage/submissions.js';
import { addUnit, countUnits, listUnits } from '../../src/storage/units.js';
import { markProcessed, pruneProcessed } from '../../src/storage/updates.js';
import { storageBackends } from './backends.js';

const now = new Date('2026-11-22T02:00:00Z');
const frameworks = loadCatalogDir();

const answer = (key: string, value: number, raw = String(value), period = '2026-Q4'): Effect => ({
  type: 'save_answer',
  period,
  key,
  answer: { value: { type: 'number', value } },
  raw,
});

describe.each(storageBackends())('storage on $name with the real migrations', (backend) => {
  beforeAll(() => backend.start(), 60_000);
  afterEach(() => backend.cleanup());
  afterAll(() => backend.close());

  async function setup() {
    const db = await backend.open();
    const unit = await addUnit(
      db,
      { code: 'X1', name: 'Xã Một', province: 'Thanh Hóa', frameworkId: 'thanh-hoa-xa-2022' },
      now,
    );
    const who = { channel: 'console', externalId: 'a' };
    const officer = await registerOfficer(db, unit.id, who, now);
    const scope = { unitId: unit.id, frameworkId: 'thanh-hoa-xa-2022' };
    const author = { officerId: officer.officerId, channel: 'console' };
    const save = (effects: Effect[], at = now) =>
      db.transaction().execute((trx) => applyEffects(trx, scope, author, effects, at));
    return { db, unit, who, officer, scope, author, save };
  }

  it('creates every table, refuses a row pointing nowhere, and migrates again at a restart without loss', async () => {
    const { db, unit } = await setup();
    // On Postgres, only this database's schema (a shared server holds other runs' schemas too).
    const own = backend.postgres
      ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s
      : undefined;
    const tables = (await db.introspection.getTables())
      .filter((t) => own === undefined || t.schema === own)
      .map((t) => t.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'answer_history',
        'answers',
        'dialog_states',
        'identities',
        'invites',
        'officers',
        'processed_updates',
        'reminder_log',
        'submissions',
        'units',
      ]),
    );
    await expect(
      db
        .insertInto('officers')
        .values({ unit_id: 999, display_name: null, role: 'officer', created_at: now.toISOString() })
        .execute(),
    ).rejects.toThrow(/foreign key/i);
    await migrate(db, backend.postgres ? 'postgres' : 'sqlite');
    expect((await listUnits(db)).map((u) => u.id)).toEqual([unit.id]);
  });

  it('keeps the khó khăn and the đề xuất of an answer apart, through a new answer, and in the history', async () => {
    const { db, scope, save } = await setup();
    await save([
      answer('2.2', 0),
      { type: 'save_difficulty', period: '2026-Q4', key: '2.2', text: 'Chưa có sản phẩm OCOP' },
      { type: 'save_proposal', period: '2026-Q4', key: '2.2', text: 'Đề nghị tỉnh hỗ trợ quảng bá' },
    ]);
    await save([answer('2.2', 10)]);
    expect((await loadAnswers(db, scope, ['2026-Q4'])).get('2026-Q4')?.get('2.2')).toMatchObject({
      value: { value: 10 },
      difficulty: 'Chưa có sản phẩm OCOP',
      proposal: 'Đề nghị tỉnh hỗ trợ quảng bá',
    });
    expect((await loadHistory(db, scope)).map((h) => [h.action, h.difficulty, h.proposal])).toEqual([
      ['answer', null, null],
      ['difficulty', 'Chưa có sản phẩm OCOP', null],
      ['proposal', null, 'Đề nghị tỉnh hỗ trợ quảng bá'],
      ['answer', null, null],
    ]);
    await expect(save([{ type: 'save_proposal', period: '2026-Q4', key: '2.3', text: 'x' }])).rejects.toThrow(
      /no answer 2.3/,
    );
    await save([{ type: 'submit', period: '2026-Q4', proposals: 'Đề nghị cấp kinh phí lắp camera' }]);
    expect((await loadSubmissions(db, scope, ['2026-Q4'])).get('2026-Q4')?.proposals).toBe(
      'Đề nghị cấp kinh phí lắp camera',
    );
  });

  it('stores an answer with its history, and a new answer replaces it while the history keeps both', async () => {
    const { db, scope, save } = await setup();
    await save([answer('1.4', 70, '70')]);
    await save([answer('1.4', 80, '80%')], new Date(now.getTime() + 60_000));
    const answers = (await loadAnswers(db, scope, ['2026-Q4'])).get('2026-Q4');
    expect(answers?.get('1.4')).toMatchObject({
      value: { value: 80 },
      raw: '80%',
      answeredAt: '2026-11-22T02:01:00.000Z',
    });
    expect((await loadHistory(db, scope)).map((h) => h.raw)).toEqual(['70', '80%']);
  });

  it('keeps periods and units apart', async () => {
    const { db, scope, save } = await setup();
    const other = await addUnit(
      db,
      { code: 'X2', name: 'Xã Hai', province: 'Thanh Hóa', frameworkId: 'thanh-hoa-xa-2022' },
      now,
    );
    await save([answer('1.1', 100, '100', '2026-Q3')]);
    const mine = await loadAnswers(db, scope, ['2026-Q3', '2026-Q4']);
    expect(mine.get('2026-Q3')?.size).toBe(1);
    expect(mine.get('2026-Q4')?.size).toBe(0);
    const theirs = await loadAnswers(db, { unitId: other.id, frameworkId: scope.frameworkId }, ['2026-Q3']);
    expect(theirs.get('2026-Q3')?.size).toBe(0);
  });

  it('counts as plain numbers (Postgres returns count(*) as a string)', async () => {
    const { db, scope, save } = await setup();
    await addUnit(db, { code: 'X2', name: 'Xã Hai', province: 'Thanh Hóa', frameworkId: 'f' }, now);
    expect(await countUnits(db)).toBe(2);
    await save([
      answer('1.1', 100),
      { type: 'save_evidence', period: '2026-Q4', key: '1.1', kind: 'photo', ref: 'a' },
      { type: 'save_evidence', period: '2026-Q4', key: '1.1', kind: 'photo', ref: 'b' },
    ]);
    expect((await loadEvidenceCounts(db, scope, ['2026-Q4'])).get('2026-Q4')?.get('1.1')).toBe(2);
  });

  it('lists units by province then code in byte order, whatever the server locale', async () => {
    const { db } = await setup();
    for (const [code, province] of [
      ['x1', 'Thanh Hóa'],
      ['X2', 'Thanh Hóa'],
      ['H1', 'Hải Phòng'],
      ['H2', 'Hà Nội'],
    ] as const) {
      await addUnit(db, { code, name: code, province, frameworkId: 'f' }, now);
    }
    expect((await listUnits(db)).map((u) => u.code)).toEqual(['H2', 'H1', 'X1', 'X2', 'x1']);
  });

  it('writes nothing when anything in the transaction fails', async () => {
    const { db, scope, author } = await setup();
    await expect(
      db.transaction().execute(async (trx) => {
        await applyEffects(trx, scope, author, [answer('1.1', 100)], now);
        await saveDialog(trx, 'officer:1', { v: 1 }, 0, now);
        throw new Error('crash before commit');
      }),
    ).rejects.toThrow('crash before commit');
    expect((await loadAnswers(db, scope, ['2026-Q4'])).get('2026-Q4')?.size).toBe(0);
    expect(await loadHistory(db, scope)).toEqual([]);
    expect(await loadDialog(db, 'officer:1')).toBeUndefined();
  });

  it('refuses a khó khăn for an answer that does not exist', async () => {
    const { save } = await setup();
    await expect(
      save([{ type: 'save_difficulty', period: '2026-Q4', key: '1.1', text: 'x' }]),
    ).rejects.toThrow(/no answer 1.1/);
  });

  it('keeps the answer history append-only', async () => {
    const { db, scope, save } = await setup();
    await save([answer('1.1', 100)]);
    await expect(db.updateTable('answer_history').set({ raw_text: 'forged' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(db.deleteFrom('answer_history').execute()).rejects.toThrow(/append-only/);
    if (backend.postgres) {
      await expect(sql`truncate answer_history`.execute(db)).rejects.toThrow(/append-only/);
    }
    expect((await loadHistory(db, scope)).map((h) => h.raw)).toEqual(['100']);
  });

  it('saves a dialog state only over the revision it was read at', async () => {
    const { db } = await setup();
    expect(await saveDialog(db, 's', { a: 1 }, 0, now)).toBe(true);
    expect(await saveDialog(db, 's', { a: 2 }, 0, now)).toBe(false);
    expect(await saveDialog(db, 's', { a: 2 }, 1, now)).toBe(true);
    expect(await saveDialog(db, 's', { a: 3 }, 1, now)).toBe(false);
    expect(await loadDialog(db, 's')).toEqual({ state: { a: 2 }, revision: 2 });
  });

  it('lets exactly one of two transactions saving over the same revision commit', async () => {
    const { db } = await setup();
    const attempt = (label: string, revision: number) =>
      db
        .transaction()
        .execute(async (trx) => {
          if (!(await saveDialog(trx, 's', { by: label }, revision, now))) throw new Error('conflict');
        })
        .then(
          () => label,
          () => undefined,
        );
    const first = (await Promise.all([attempt('a', 0), attempt('b', 0)])).filter(Boolean);
    expect(first).toHaveLength(1);
    const second = (await Promise.all([attempt('c', 1), attempt('d', 1)])).filter(Boolean);
    expect(second).toHaveLength(1);
    expect(await loadDialog(db, 's')).toEqual({ state: { by: second[0] }, revision: 2 });
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

  it('locks a submitted period and unlocks it once', async () => {
    const { db, scope, officer } = await setup();
    const due = new Date('2026-12-11T16:59:59Z');
    await recordSubmission(db, scope, '2026-Q4', officer.officerId, now, due);
    expect((await loadSubmissions(db, scope, ['2026-Q4'])).get('2026-Q4')).toMatchObject({
      locked: true,
      onTime: true,
    });
    expect(await unlockSubmission(db, scope, '2026-Q4', officer.officerId, now)).toBe(true);
    expect(await unlockSubmission(db, scope, '2026-Q4', officer.officerId, now)).toBe(false);
    expect((await loadSubmissions(db, scope, ['2026-Q4'])).get('2026-Q4')?.locked).toBe(false);
  });

  it('forgets processed updates older than a cut-off and keeps newer ones', async () => {
    const { db } = await setup();
    await markProcessed(db, 'telegram', 'old', new Date('2026-11-01T00:00:00Z'));
    await markProcessed(db, 'telegram', 'new', new Date('2026-11-21T00:00:00Z'));
    await expect(markProcessed(db, 'telegram', 'new', now)).rejects.toThrow();
    expect(await pruneProcessed(db, new Date('2026-11-15T00:00:00Z'))).toBe(1);
    // The old key may be stored again (it was forgotten), the new one still not.
    await expect(markProcessed(db, 'telegram', 'old', now)).resolves.toBeUndefined();
    await expect(markProcessed(db, 'telegram', 'new', now)).rejects.toThrow();
  });

  describe('reminder claims', () => {
    const key = { recipient: 'officer:1', deadlineKey: '2026-Q4', lead: '7d' };

    it('gives a reminder to exactly one of several claimants racing for it', async () => {
      const { db } = await setup();
      const wins = await Promise.all(Array.from({ length: 6 }, () => claimReminder(db, key, 'zalo', now)));
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect(await loadReminderLog(db, ['2026-Q4'])).toEqual(new Set(['officer:1|2026-Q4|7d']));
    });

    it('takes a failed reminder back for a retry, up to the limit, and never a sent one', async () => {
      const { db } = await setup();
      expect(await claimReminder(db, key, 'zalo', now)).toBe(true);
      for (let attempt = 2; attempt <= MAX_REMINDER_ATTEMPTS; attempt++) {
        await finishReminder(db, key, { status: 'failed', error: 'network down' }, now);
        expect(await loadReminderLog(db, ['2026-Q4'])).toEqual(new Set());
        const retries = await Promise.all([
          claimReminder(db, key, 'zalo', now),
          claimReminder(db, key, 'zalo', now),
        ]);
        expect(retries.filter(Boolean)).toHaveLength(1);
      }
      await finishReminder(db, key, { status: 'failed', error: 'network down' }, now);
      expect(await claimReminder(db, key, 'zalo', now)).toBe(false);
      expect((await listReminderLog(db))[0]).toMatchObject({
        status: 'failed',
        attempts: MAX_REMINDER_ATTEMPTS,
      });

      const other = { ...key, lead: '1d' };
      expect(await claimReminder(db, other, 'zalo', now)).toBe(true);
      await finishReminder(db, other, { status: 'sent' }, now);
      expect(await claimReminder(db, other, 'zalo', now)).toBe(false);
    });

    it("reads each officer's settings and dialog activity for planning", async () => {
      const { db, officer } = await setup();
      await updateReminderSettings(db, officer.officerId, { enabled: false }, now);
      expect(await getReminderSettings(db, officer.officerId)).toEqual({ enabled: false });
      await saveDialog(db, `officer:${officer.officerId}`, { mode: 'x' }, 0, now);
      const [row] = await loadOfficersForReminders(db);
      expect(row).toMatchObject({
        officerId: officer.officerId,
        unitCode: 'X1',
        remindersEnabled: false,
        dialogState: { mode: 'x' },
        dialogUpdatedAt: now,
        identities: [{ channel: 'console', externalId: 'a' }],
      });
      await updateReminderSettings(db, officer.officerId, { enabled: true }, now);
      expect((await loadOfficersForReminders(db))[0]?.remindersEnabled).toBe(true);
    });
  });

  describe('the engine on this database', () => {
    async function engineSetup() {
      const s = await setup();
      const engine = createEngine({
        db: s.db,
        frameworks,
        clock: () => now,
        calendar: DEFAULT_CALENDAR,
        logger: pino({ level: 'silent' }),
      });
      return { ...s, engine };
    }
    const texts = (replies: Array<{ text: string }>) => replies.map((r) => r.text).join('\n');

    it('processes an update delivered twice at once only once', async () => {
      const { db, engine, who, scope } = await engineSetup();
      const results = await Promise.all([
        engine.handle(who, '1.1 80', { dedupKey: 'u-1' }),
        engine.handle(who, '1.1 80', { dedupKey: 'u-1' }),
      ]);
      expect(results.filter((r) => r.length > 0)).toHaveLength(1);
      expect(texts(results.flat())).toContain('1.1: 80%');
      expect((await loadHistory(db, scope)).map((h) => h.raw)).toEqual(['80']);
      expect(await engine.handle(who, '1.1 90', { dedupKey: 'u-1' })).toEqual([]);
      expect((await loadAnswers(db, scope, ['2026-Q4'])).get('2026-Q4')?.get('1.1')?.raw).toBe('80');
    });

    it('keeps both of two messages of one officer processed at once (the second re-runs on the new state)', async () => {
      const { db, engine, who, scope } = await engineSetup();
      const [a, b] = await Promise.all([engine.handle(who, '1.1 100'), engine.handle(who, '1.2 95')]);
      expect(texts(a)).toContain('1.1: 100%');
      expect(texts(b)).toContain('1.2: 95%');
      const answers = (await loadAnswers(db, scope, ['2026-Q4'])).get('2026-Q4');
      expect([...(answers?.keys() ?? [])].sort()).toEqual(['1.1', '1.2']);
      expect(
        (await loadDialog(db, `officer:${(await findOfficerByIdentity(db, who))?.officerId}`))?.revision,
      ).toBe(2);
    });
  });
});
