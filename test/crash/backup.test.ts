import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { backupSqlite } from '../../src/storage/backup.js';
import { registerOfficer } from '../../src/storage/officers.js';
import { addUnit } from '../../src/storage/units.js';
import { fixedClock, testApp } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'cds-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RATIOS = new Set(['1.1', '1.2', '1.3', '1.4', '2.2', '2.5', '3.1', '3.3', '4.3']);
const KEYS = [
  ...['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8', '1.9', '1.10', '1.11', '1.12', '1.13', '1.14'],
  ...['2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '3.1', '3.2', '3.3', '3.4', '3.5'],
  ...['4.1', '4.2', '4.3', '4.4', '4.5', '4.6', '4.7', '4.8'],
];

interface Write {
  unit: number;
  key: string;
  raw: string;
}

describe('backupSqlite', () => {
  it('takes a consistent copy while another connection keeps writing answers through the engine', async () => {
    const file = join(dir, 'live.sqlite');
    const app = await testApp(fixedClock(), file);
    const people: Array<{ unitId: number; who: { channel: string; externalId: string } }> = [];
    for (let i = 0; i < 60; i++) {
      const unit = await addUnit(
        app.db,
        { code: `B${i}`, name: `Xã Sao Lưu ${i}`, province: 'Thanh Hóa', frameworkId: 'thanh-hoa-xa-2022' },
        app.clock(),
      );
      const who = { channel: 'zalo', externalId: `b${i}` };
      await registerOfficer(app.db, unit.id, who, app.clock());
      people.push({ unitId: unit.id, who });
    }
    // Older periods' history, so the file has a few thousand pages and the copy takes many steps.
    await app.db.transaction().execute(async (trx) => {
      for (let batch = 0; batch < 40; batch++) {
        await trx
          .insertInto('answer_history')
          .values(
            Array.from({ length: 500 }, (_, i) => ({
              unit_id: people[i % people.length]?.unitId ?? 1,
              framework_id: 'thanh-hoa-xa-2022',
              period: `20${10 + (batch % 10)}-Q${1 + (i % 4)}`,
              question_key: KEYS[i % KEYS.length] ?? '1.1',
              action: 'answer',
              answer_json: JSON.stringify({ value: { type: 'yesno', yes: true } }),
              raw_text: `có (bản ghi cũ ${batch}-${i}) ${'x'.repeat(60)}`,
              difficulty: null,
              officer_id: null,
              channel: 'import',
              recorded_at: new Date(Date.UTC(2015, 0, 1)).toISOString(),
            })),
          )
          .execute();
      }
    });

    // The writer: one answer per message, each to a new (unit, criterion), acknowledged in order.
    const acked: Write[] = [];
    let stop = false;
    const writer = (async () => {
      for (let n = 0; !stop && n < people.length * KEYS.length; n++) {
        const person = people[n % people.length];
        const key = KEYS[Math.floor(n / people.length)];
        if (!person || !key) break;
        const raw = RATIOS.has(key) ? `${n % 21}/20` : n % 3 === 0 ? 'không' : 'có';
        const replies = await app.engine.handle(person.who, `${key} ${raw}`);
        const text = replies.map((r) => r.text).join('\n');
        if (!text.startsWith('Đã ghi 1 câu trả lời')) throw new Error(`not recorded: ${key} ${raw}: ${text}`);
        acked.push({ unit: person.unitId, key, raw });
        // Messages arrive from the network: the next one comes in a later turn of the event loop.
        await new Promise((r) => setImmediate(r));
      }
    })();
    while (acked.length < 150) await new Promise((r) => setTimeout(r, 5));

    const dest = join(dir, 'copies', 'backup.sqlite');
    const before = acked.length;
    const { pages } = await backupSqlite(file, dest, { pagesPerStep: 8 });
    const after = acked.length;
    stop = true;
    await writer;
    await app.close();
    expect(pages).toBeGreaterThan(500);
    expect(after, 'answers were committed while the backup ran').toBeGreaterThan(before);

    const copy = new SQLite(dest, { readonly: true });
    expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    const rows = copy
      .prepare(
        "SELECT unit_id AS unit, question_key AS key, raw_text AS raw FROM answers WHERE period = '2026-Q4'",
      )
      .all() as Write[];
    const history = copy
      .prepare("SELECT count(*) AS n FROM answer_history WHERE period = '2026-Q4'")
      .get() as { n: number };
    copy.close();
    expect(existsSync(`${dest}-wal`)).toBe(false);

    // Every answer acknowledged before the backup began is in it, with its value...
    const stored = new Map(rows.map((r) => [`${r.unit}|${r.key}`, r.raw]));
    for (const w of acked.slice(0, before)) expect(stored.get(`${w.unit}|${w.key}`)).toBe(w.raw);
    // ...and the copy is one moment of the database: exactly the first k writes, each with its history row.
    const k = rows.length;
    expect(k).toBeGreaterThanOrEqual(before);
    expect(k).toBeLessThanOrEqual(acked.length);
    expect(new Map(acked.slice(0, k).map((w) => [`${w.unit}|${w.key}`, w.raw]))).toEqual(stored);
    expect(history.n).toBe(k);

    // Restoring is opening the copy: the bot starts on it and has the answers.
    const restored = await testApp(fixedClock(), dest);
    const first = acked[0];
    expect(first).toBeDefined();
    const back = await restored.db
      .selectFrom('answers')
      .select('raw_text')
      .where('unit_id', '=', first?.unit ?? 0)
      .where('question_key', '=', first?.key ?? '')
      .executeTakeFirst();
    expect(back?.raw_text).toBe(first?.raw);
    await restored.close();
  });

  it('refuses to copy a database onto itself, a missing database, or over a live one', async () => {
    const file = join(dir, 'small.sqlite');
    const app = await testApp(fixedClock(), file);
    await app.close();
    await expect(backupSqlite(file, file)).rejects.toThrow(/another file/);
    await expect(backupSqlite(join(dir, 'missing.sqlite'), join(dir, 'x.sqlite'))).rejects.toThrow(
      /no database/,
    );
    const live = join(dir, 'live-target.sqlite');
    writeFileSync(`${live}-wal`, '');
    await expect(backupSqlite(file, live)).rejects.toThrow(/in use/);
    const notDb = join(dir, 'not-a-db.sqlite');
    writeFileSync(notDb, 'this is not a database, just text that is long enough to have a header');
    await expect(backupSqlite(notDb, join(dir, 'y.sqlite'))).rejects.toThrow();
    expect(existsSync(join(dir, 'y.sqlite'))).toBe(false);
    expect((await backupSqlite(file, join(dir, 'ok.sqlite'))).pages).toBeGreaterThan(0);
  });
});
