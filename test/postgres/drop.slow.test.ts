/**
 * Database drops survived (issue 16): the service runs as a process of its own on a real PostgreSQL
 * server (Zalo by long polling against the local fake), officers report, and meanwhile every
 * connection the service holds is terminated again and again (pg_terminate_backend, as a failover,
 * a network blip or an idle-session timeout would end it). The process must stay up, every message
 * gets an answer (the acknowledgement, or the short apology, after which the officer sends it again),
 * and every acknowledged answer is stored exactly once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/create-app.js';
import { parseConfig } from '../../src/config.js';
import { msg } from '../../src/domain/messages/index.js';
import { registerOfficer } from '../../src/storage/officers.js';
import { addUnit } from '../../src/storage/units.js';
import { type FakeZalo, startFakeZalo, textUpdate } from '../fakes/zalo-server.js';
import { freshPostgresSchema, TEST_DATABASE_URL } from '../storage/backends.js';

const BIN = resolve(import.meta.dirname, '..', '..', 'bin', 'cds-bot.js');
const OFFICERS = 6;
const ROUNDS = 5;
const KEYS = ['8.1', '8.2', '8.3', '8.4'];

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The next message the bot sends to `chat` after the `seen` it had, or undefined after `ms`. */
async function nextText(fake: FakeZalo, chat: string, seen: number, ms: number): Promise<string | undefined> {
  const end = Date.now() + ms;
  while (fake.textsTo(chat).length <= seen) {
    if (Date.now() > end) return undefined;
    await new Promise((r) => setTimeout(r, 10));
  }
  return fake.textsTo(chat)[seen];
}

describe('PostgreSQL connections terminated in a loop while officers report', () => {
  it.skipIf(!TEST_DATABASE_URL)(
    'keeps the process up and stores every acknowledged answer exactly once',
    async () => {
      const base = TEST_DATABASE_URL as string;
      const schema = await freshPostgresSchema(base);
      cleanups.push(schema.drop);
      const appName = `cds-drop-${randomBytes(4).toString('hex')}`;
      const url = new URL(schema.url);
      url.searchParams.set('application_name', appName);
      const databaseUrl = url.toString();

      // The units and officers, written before the service starts.
      const seed = await createApp(parseConfig({ DATABASE_URL: databaseUrl }), {
        logger: pino({ level: 'silent' }),
      });
      const officers: Array<{ chat: string; unitId: number }> = [];
      for (let i = 0; i < OFFICERS; i++) {
        const unit = await addUnit(
          seed.db,
          { code: `D${i}`, name: `Xã Thử ${i}`, province: 'Quảng Ngãi', frameworkId: 'ntm-tieu-chi-8' },
          new Date(),
        );
        const chat = `d${i}`.padEnd(20, '0');
        await registerOfficer(seed.db, unit.id, { channel: 'zalo', externalId: chat }, new Date());
        officers.push({ chat, unitId: unit.id });
      }
      await seed.close();

      const fake = await startFakeZalo();
      cleanups.push(() => fake.close());
      let stderr = '';
      const service: ChildProcess = spawn(process.execPath, [BIN, 'run'], {
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          ZALO_BOT_TOKEN: fake.token,
          ZALO_API_BASE: fake.baseUrl,
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      service.stderr?.on('data', (d) => {
        stderr += String(d);
      });
      const exited = new Promise<number | null>((done) => service.on('exit', (code) => done(code)));
      cleanups.push(() => {
        if (service.exitCode === null) service.kill('SIGKILL');
        return exited;
      });
      await fake.waitFor(() => fake.waitingPolls > 0, 20_000, 'the service to poll');

      // The killer: every 40 ms, end every connection the service holds (in use or idle).
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      cleanups.push(() => admin.end());
      let killing = true;
      let terminated = 0;
      const killer = (async () => {
        while (killing) {
          const r = await admin.query(
            'select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = $1',
            [appName],
          );
          terminated += r.rowCount ?? 0;
          await new Promise((r) => setTimeout(r, 40));
        }
      })();

      // Each officer answers 8.1–8.4, round after round, the value changing each time; an apology
      // means "send it again", as a person would.
      const acks = new Map<string, string[]>();
      let apologies = 0;
      const unexpected: string[] = [];
      const reporting = Promise.all(
        officers.map(async ({ chat }) => {
          for (let round = 0; round < ROUNDS; round++) {
            for (const [k, key] of KEYS.entries()) {
              const value = (round + k) % 2 === 0 ? 'có' : 'không';
              for (let attempt = 1; ; attempt++) {
                const seen = fake.textsTo(chat).length;
                fake.enqueue(textUpdate(chat, `${key} ${value}`));
                const reply = await nextText(fake, chat, seen, 30_000);
                if (reply === undefined)
                  throw new Error(`no reply to ${chat} ${key} ${value}: ${stderr.slice(-2000)}`);
                if (reply === msg.apology() && attempt < 20) {
                  apologies++;
                  continue;
                }
                const shown = value === 'có' ? 'Có' : 'Không';
                if (reply.includes(`Đã ghi 1 câu trả lời`) && reply.includes(`${key}: ${shown}`)) {
                  const list = acks.get(`${chat}|${key}`) ?? [];
                  list.push(value);
                  acks.set(`${chat}|${key}`, list);
                } else unexpected.push(reply);
                break;
              }
            }
          }
        }),
      );
      try {
        await reporting;
      } finally {
        killing = false;
        await killer;
      }

      expect(unexpected).toEqual([]);
      expect(service.exitCode).toBeNull();
      expect(terminated).toBeGreaterThan(0);

      // Straight on the database: each acknowledged answer once in the history, the last one stored.
      const check = new pg.Client({ connectionString: schema.url });
      await check.connect();
      cleanups.push(() => check.end());
      for (const { chat, unitId } of officers) {
        for (const key of KEYS) {
          const acked = acks.get(`${chat}|${key}`) ?? [];
          expect(acked).toHaveLength(ROUNDS);
          const history = await check.query(
            `select answer_json from answer_history where unit_id = $1 and question_key = $2 and action = 'answer' order by id`,
            [unitId, key],
          );
          const yes = history.rows.map((r) => (JSON.parse(r.answer_json).value.yes ? 'có' : 'không'));
          expect(yes).toEqual(acked);
          const stored = await check.query(
            'select answer_json from answers where unit_id = $1 and question_key = $2',
            [unitId, key],
          );
          expect(stored.rowCount).toBe(1);
          expect(JSON.parse(stored.rows[0].answer_json).value.yes ? 'có' : 'không').toBe(acked.at(-1));
        }
      }
      // Still serving after the storm.
      const seen = fake.textsTo(officers[0]?.chat ?? '').length;
      fake.enqueue(textUpdate(officers[0]?.chat ?? '', 'tiến độ'));
      expect(await nextText(fake, officers[0]?.chat ?? '', seen, 20_000)).toBeDefined();
      console.info(
        `drop test: ${terminated} connections terminated, ${apologies} apologies, ${OFFICERS * ROUNDS * KEYS.length} answers acknowledged`,
      );
    },
    240_000,
  );
});
