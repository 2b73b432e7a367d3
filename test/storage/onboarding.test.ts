/**
 * The storage of a province's onboarding (migration 0008's tables and columns), on SQLite and
 * PGlite (and PostgreSQL with TEST_DATABASE_URL): units added in bulk, predecessors from the
 * mapping and an administrator's corrections, units ended, people removed, invites revoked, and
 * province names renamed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  addToArea,
  countOfficersByUnit,
  createInvite,
  findActorByIdentity,
  findInvite,
  listAreaUnits,
  listInvites,
  listPeople,
  listRemovedPersonIds,
  redeemInvite,
  registerOfficer,
  registerPerson,
  removePerson,
  revokeInvites,
} from '../../src/storage/officers.js';
import { listProvinceNames, renameProvince } from '../../src/storage/provinces.js';
import {
  addUnits,
  closeUnits,
  findUnitsByCodes,
  listClosedUnitIds,
  listPredecessorRows,
  listPredecessors,
  listSuccessorRows,
  recordOfficialPredecessors,
  removePredecessor,
  setPredecessor,
} from '../../src/storage/units.js';
import { storageBackends } from './backends.js';

const now = new Date('2026-11-22T02:00:00Z');
const th = (code: string, name: string) => ({
  code,
  name,
  province: 'Thanh Hóa',
  frameworkId: 'thanh-hoa-xa-2023',
});

describe.each(storageBackends())('onboarding storage on $name', (backend) => {
  beforeAll(() => backend.start());
  afterEach(() => backend.cleanup());
  afterAll(() => backend.close());

  it('adds units in bulk, records predecessors, keeps corrections, and ends old units', async () => {
    const db = await backend.open();
    const many = Array.from({ length: 450 }, (_, i) => th(`N${String(i).padStart(4, '0')}`, `Xã ${i}`));
    expect(await addUnits(db, many, now)).toHaveLength(450);
    await addUnits(
      db,
      [th('14950', 'Xã Điền Lư'), th('14944', 'Xã Ái Thượng'), th('14935', 'Xã Điền Trung')],
      now,
    );
    expect([...(await findUnitsByCodes(db, ['14950', 'N0001', 'nope'])).keys()].sort()).toEqual([
      '14950',
      'N0001',
    ]);

    const official = [
      {
        unitCode: '14950',
        oldCode: '14944',
        oldName: 'Xã Ái Thượng',
        share: 'whole' as const,
        validTo: '2025-07-01',
      },
      {
        unitCode: '14950',
        oldCode: '14935',
        oldName: 'Xã Điền Trung',
        share: 'whole' as const,
        validTo: '2025-07-01',
      },
      {
        unitCode: '14950',
        oldCode: '99001',
        oldName: 'Xã Không Có',
        share: 'part' as const,
        validTo: '2025-07-01',
      },
    ];
    expect(await recordOfficialPredecessors(db, official, now)).toBe(3);
    expect(await recordOfficialPredecessors(db, official, now)).toBe(0);
    // An administrator takes one back and changes another: recording the mapping again keeps both.
    expect(await removePredecessor(db, '14950', '99001', now)).toBe(true);
    expect(await removePredecessor(db, '14950', '99001', now)).toBe(false);
    await setPredecessor(
      db,
      { unitCode: '14950', oldCode: '14935', oldName: 'Xã Điền Trung', share: 'part' },
      now,
    );
    await recordOfficialPredecessors(db, official, now);
    expect((await listPredecessorRows(db, ['14950'])).map((r) => [r.oldCode, r.share, r.source])).toEqual([
      ['14935', 'part', 'manual'],
      ['14944', 'whole', 'official'],
    ]);
    expect((await listSuccessorRows(db, '14944')).map((r) => r.unitCode)).toEqual(['14950']);
    // Only units of the database show in the history, with their share.
    expect((await listPredecessors(db, '14950')).map((u) => [u.code, u.share])).toEqual([
      ['14935', 'part'],
      ['14944', 'whole'],
    ]);

    expect(
      await closeUnits(db, [
        { code: '14944', validTo: '2025-07-01', successorCode: '14950' },
        { code: '14935', validTo: '2025-07-01' },
      ]),
    ).toBe(2);
    // An ended unit keeps its day.
    expect(await closeUnits(db, [{ code: '14944', validTo: '2026-01-01' }])).toBe(0);
    const closed = await listClosedUnitIds(db, '2026-11-22');
    const units = await findUnitsByCodes(db, ['14944', '14935', '14950']);
    expect([...closed].sort()).toEqual([units.get('14935')?.id, units.get('14944')?.id].sort());
    expect((await listClosedUnitIds(db, '2025-06-30')).size).toBe(0);

    await addToArea(db, 'Cụm Bá Thước', ['14950']);
    await addToArea(db, 'Cụm Bá Thước', ['14950', 'N0001']);
    expect(await listAreaUnits(db, 'Cụm Bá Thước')).toEqual(['14950', 'N0001']);
  });

  it('removes a person at once and keeps them on record; counts the officers of each unit', async () => {
    const db = await backend.open();
    const [a, b] = await addUnits(db, [th('A', 'Xã A'), th('B', 'Xã B')], now);
    const alice = { channel: 'zalo', externalId: 'alice' };
    const o = await registerOfficer(db, a!.id, alice, now);
    await registerOfficer(db, a!.id, { channel: 'telegram', externalId: '1' }, now);
    const sup = await registerPerson(
      db,
      { role: 'supervisor', province: 'Thanh Hóa' },
      { channel: 'zalo', externalId: 's' },
      now,
    );
    expect(Object.fromEntries(await countOfficersByUnit(db))).toEqual({ [a!.id]: 2 });
    const people = await listPeople(db);
    expect(
      people.map((p) => [p.role, p.unit?.code, p.province, p.identities.map((i) => i.externalId)]),
    ).toEqual([
      ['officer', 'A', undefined, ['alice']],
      ['officer', 'A', undefined, ['1']],
      ['supervisor', undefined, 'Thanh Hóa', ['s']],
    ]);
    await db
      .insertInto('link_codes')
      .values({
        code: 'LINKLINK',
        officer_id: o.officerId,
        created_at: now.toISOString(),
        expires_at: '2030-01-01T00:00:00Z',
        used_at: null,
      })
      .execute();

    expect(await removePerson(db, o.officerId, sup, now)).toBe(true);
    expect(await removePerson(db, o.officerId, sup, now)).toBe(false);
    expect(await findActorByIdentity(db, alice)).toBeUndefined();
    expect((await listPeople(db)).map((p) => p.id)).not.toContain(o.officerId);
    expect([...(await listRemovedPersonIds(db))]).toEqual([o.officerId]);
    expect(Object.fromEntries(await countOfficersByUnit(db))).toEqual({ [a!.id]: 1 });
    const row = await db
      .selectFrom('officers')
      .selectAll()
      .where('id', '=', o.officerId)
      .executeTakeFirstOrThrow();
    expect([row.removed_at, row.removed_by]).toEqual([now.toISOString(), sup]);
    const link = await db.selectFrom('link_codes').select('used_at').executeTakeFirstOrThrow();
    expect(link.used_at).toBe(now.toISOString());
    expect(b).toBeDefined();
  });

  it('lists invites with their unit and revokes unused ones only', async () => {
    const db = await backend.open();
    const [a] = await addUnits(db, [th('A', 'Xã A')], now);
    const week = new Date(now.getTime() + 7 * 86_400_000);
    await createInvite(db, a!.id, 'AAAAAAAA', now, week);
    await createInvite(db, a!.id, 'BBBBBBBB', now, week);
    await createInvite(db, { role: 'supervisor', province: 'Thanh Hóa' }, 'CCCCCCCC', now, week);
    await redeemInvite(db, 'BBBBBBBB', { channel: 'zalo', externalId: 'b' }, now);
    expect(await revokeInvites(db, ['AAAAAAAA', 'BBBBBBBB'], now)).toEqual(['AAAAAAAA']);
    expect(await redeemInvite(db, 'AAAAAAAA', { channel: 'zalo', externalId: 'late' }, now)).toBeUndefined();
    const all = await listInvites(db);
    expect(
      all
        .map((i) => [i.code, i.role, i.unit?.code, i.province, Boolean(i.usedAt), Boolean(i.revokedAt)])
        .sort(),
    ).toEqual([
      ['AAAAAAAA', 'officer', 'A', undefined, false, true],
      ['BBBBBBBB', 'officer', 'A', undefined, true, false],
      ['CCCCCCCC', 'supervisor', undefined, 'Thanh Hóa', false, false],
    ]);
    expect((await findInvite(db, 'CCCCCCCC'))?.province).toBe('Thanh Hóa');
    expect(await findInvite(db, 'ZZZZZZZZ')).toBeUndefined();
  });

  it('renames a province name everywhere, keeping a keyed row whose official name is there already', async () => {
    const db = await backend.open();
    await addUnits(db, [{ ...th('Q1', 'Xã Q'), province: 'Quảng Bình' }], now);
    await registerPerson(
      db,
      { role: 'supervisor', province: 'Quảng Bình' },
      { channel: 'zalo', externalId: 'qb' },
      now,
    );
    await db
      .insertInto('calendar_overrides')
      .values({ province: 'Quảng Bình', quarter_due_day: 12, year_due_month: null, year_due_day: null })
      .execute();
    await db
      .insertInto('calendar_overrides')
      .values({ province: 'Quảng Trị', quarter_due_day: 15, year_due_month: null, year_due_day: null })
      .execute();
    expect((await listProvinceNames(db)).map((n) => [n.table, n.value, n.rows])).toEqual([
      ['calendar_overrides', 'Quảng Bình', 1],
      ['calendar_overrides', 'Quảng Trị', 1],
      ['officers', 'Quảng Bình', 1],
      ['units', 'Quảng Bình', 1],
    ]);
    expect(await renameProvince(db, 'Quảng Bình', 'Quảng Trị')).toEqual({
      rows: 2,
      kept: ['calendar_overrides'],
    });
    expect((await listProvinceNames(db)).map((n) => [n.table, n.value])).toEqual([
      ['calendar_overrides', 'Quảng Bình'],
      ['calendar_overrides', 'Quảng Trị'],
      ['officers', 'Quảng Trị'],
      ['units', 'Quảng Trị'],
    ]);
  });
});
