/**
 * Reminders are never lost (issue 16): `cds-bot reminders run` is killed with SIGKILL in the middle
 * of a fan-out, several times; a last run after the claims' lease has run out sends what the killed
 * runs had claimed and not sent. Every due reminder is then sent, and duplicates (a reminder sent
 * just before a kill, not yet marked sent) are bounded by the kills: at most the claimed window of
 * each killed run, and never more than two to one person.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/create-app.js';
import { parseConfig } from '../../src/config.js';
import { registerOfficer } from '../../src/storage/officers.js';
import { listReminderLog } from '../../src/storage/reminders.js';
import { addUnit } from '../../src/storage/units.js';
import { startFakeZalo } from '../fakes/zalo-server.js';

const BIN = resolve(import.meta.dirname, '..', '..', 'bin', 'cds-bot.js');
const dir = mkdtempSync(join(tmpdir(), 'cds-remkill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OFFICERS = 240;
const KILLS = 4;
/** Reminders a run claims ahead of sending, per channel (src/app/reminders.ts). */
const WINDOW = 32;
/** 08:00 seven days before quý IV/2026's deadline: every officer is due a reminder. */
const AT = new Date('2026-12-04T08:00:00+07:00');
const LATER = (minutes: number) => new Date(AT.getTime() + minutes * 60_000).toISOString();

describe('reminders run killed with SIGKILL during a fan-out', () => {
  it('sends every due reminder after a last run, with duplicates bounded by the kills', async () => {
    const db = join(dir, 'kill.sqlite');
    const seed = await createApp(parseConfig({ CDS_DB: db }), { logger: pino({ level: 'silent' }) });
    const chats: string[] = [];
    for (let i = 0; i < OFFICERS; i++) {
      const unit = await addUnit(
        seed.db,
        { code: `K${i}`, name: `Xã ${i}`, province: 'Quảng Ngãi', frameworkId: 'ntm-tieu-chi-8' },
        new Date(),
      );
      const chat = `k${String(i).padStart(19, '0')}`;
      await registerOfficer(seed.db, unit.id, { channel: 'zalo', externalId: chat }, new Date());
      chats.push(chat);
    }
    await seed.close();
    const fake = await startFakeZalo();
    const env = {
      ...process.env,
      CDS_DB: db,
      ZALO_BOT_TOKEN: fake.token,
      ZALO_API_BASE: fake.baseUrl,
      ZALO_RATE_PER_SECOND: '50',
      LOG_LEVEL: 'silent',
    };
    const run = (at: string): { child: ChildProcess; done: Promise<number | null> } => {
      const child = spawn(process.execPath, [BIN, 'reminders', 'run', '--at', at], {
        env,
        stdio: 'ignore',
      });
      return { child, done: new Promise((r) => child.on('exit', (code) => r(code))) };
    };

    let killed = 0;
    for (let k = 0; k < KILLS; k++) {
      const before = fake.sent.length;
      const { child, done } = run(AT.toISOString());
      // Kill it once it is sending: after a few more messages went out, a different number each time
      // (each killed run also holds a window of claims: 240 officers leave the fourth run 1.5 s of sending).
      const after = 3 + k * 9;
      await fake.waitFor(
        () => fake.sent.length >= before + after || child.exitCode !== null,
        30_000,
        'the run to send',
      );
      if (child.exitCode === null) {
        child.kill('SIGKILL');
        killed++;
      }
      await done;
    }
    expect(killed).toBe(KILLS);
    // Claims of the killed runs are still pending: a run within their lease leaves them alone…
    const within = run(LATER(5));
    expect(await within.done).toBe(0);
    // …and one after it takes them back and sends them.
    const last = run(LATER(11));
    expect(await last.done).toBe(0);

    const perChat = new Map<string, number>();
    for (const s of fake.sent) perChat.set(s.chat_id, (perChat.get(s.chat_id) ?? 0) + 1);
    const missing = chats.filter((c) => !perChat.has(c));
    expect(missing).toEqual([]);
    const duplicates = [...perChat.values()].reduce((n, count) => n + count - 1, 0);
    expect(Math.max(...perChat.values())).toBeLessThanOrEqual(2);
    expect(duplicates).toBeLessThanOrEqual(KILLS * WINDOW);

    const check = await createApp(parseConfig({ CDS_DB: db }), { logger: pino({ level: 'silent' }) });
    const log = await listReminderLog(check.db);
    await check.close();
    expect(log.filter((r) => r.status !== 'sent')).toEqual([]);
    expect(log).toHaveLength(OFFICERS);
    // A run after everything was sent sends nothing more.
    const sentBefore = fake.sent.length;
    expect(await run(LATER(12)).done).toBe(0);
    expect(fake.sent.length).toBe(sentBefore);
    await fake.close();
    console.info(`reminder kill test: ${killed} kills, ${duplicates} duplicates of ${OFFICERS}`);
  }, 180_000);
});
