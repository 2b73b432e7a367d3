/**
 * Shared pieces of the benchmarks: flags, statistics, a seeded random source, the synthetic
 * 37-criterion framework and the fixtures (a province on a file-backed SQLite in WAL).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { type App, createApp } from '../src/app/create-app.js';
import { parseConfig } from '../src/config.js';
import { parseAnswer } from '../src/domain/answers/parse.js';
import { listQuestions } from '../src/domain/catalog/load.js';
import type { Criterion, Framework, Question } from '../src/domain/catalog/types.js';

/** 22/11/2026 09:00 in Vietnam: inside quý IV/2026, before its deadline (11/12). */
export const BENCH_NOW = new Date('2026-11-22T02:00:00Z');
export const PERIOD = '2026-Q4';
/** Reminders are due for every unfinished unit then: 7 days before the quarter's deadline, 08:00. */
export const REMINDER_AT = new Date('2026-12-04T01:00:00Z');
export const BENCH_FRAMEWORK_ID = 'bench-xa-37';
export const WALK_FRAMEWORK_ID = 'thanh-hoa-xa-2022';

/** BENCH_QUICK=1 scales every count down for a smoke run; the default is the full figure. */
export const QUICK = process.env.BENCH_QUICK === '1';
/** BENCH_FULL=1 runs the reminder fan-out in real time (about 7 minutes for 10,000). */
export const FULL = process.env.BENCH_FULL === '1';

/** A positive integer from the environment, else the default (quick or full). */
export function envInt(name: string, full: number, quick = full): number {
  const raw = process.env[name];
  const n = raw === undefined ? Number.NaN : Number(raw);
  return Number.isInteger(n) && n > 0 ? n : QUICK ? quick : full;
}

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface Stats {
  n: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles of a sample (milliseconds in, milliseconds out). */
export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? 0;
  const mean = s.reduce((a, b) => a + b, 0) / Math.max(1, s.length);
  return {
    n: s.length,
    mean,
    p50: at(0.5),
    p90: at(0.9),
    p95: at(0.95),
    p99: at(0.99),
    max: s[s.length - 1] ?? 0,
  };
}

export function median(xs: number[]): number {
  return stats(xs).p50;
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Runs `fn` `times` times and returns the durations in ms. */
export async function timeRepeated(times: number, fn: () => Promise<unknown> | unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

/** A small deterministic random source (mulberry32), so two runs seed the same data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A real app on a file database (WAL, the real migrations and catalogs), silent, at a fixed time. */
export async function openApp(dbPath: string, now: Date = BENCH_NOW): Promise<App> {
  // A postgres:// URL: the same fixture on PostgreSQL (the several-instances figures).
  const location = /^postgres(ql)?:\/\//.test(dbPath) ? { DATABASE_URL: dbPath } : { CDS_DB: dbPath };
  const app = await createApp(parseConfig(location), {
    clock: () => now,
    logger: pino({ level: 'silent' }),
  });
  installBenchFramework(app.frameworks);
  return app;
}

/**
 * A 37-criterion commune framework, as large as QĐ 1829/QĐ-UBND (whose full text is not bundled):
 * the 33 criteria of thanh-hoa-xa-2022 plus the 4 NTM nâng cao items (two composites with
 * sub-points) as group 5, so 43 questions of every kind the parser knows.
 */
export function benchFramework(frameworks: ReadonlyMap<string, Framework>): Framework {
  const base = frameworks.get(WALK_FRAMEWORK_ID);
  const ntm = frameworks.get('ntm-nang-cao-tttt');
  if (!base || !ntm) throw new Error('bundled catalogs thanh-hoa-xa-2022 and ntm-nang-cao-tttt are needed');
  const extra: Criterion[] = ntm.groups
    .flatMap((g) => g.criteria)
    .map((c, i) => ({ ...structuredClone(c), code: `5.${i + 1}` }));
  const fw: Framework = {
    ...structuredClone(base),
    id: BENCH_FRAMEWORK_ID,
    name: 'Bộ tiêu chí thử tải cấp xã (37 tiêu chí)',
    groups: [
      ...structuredClone(base.groups),
      { code: '5', name: 'Thông tin và truyền thông (NTM nâng cao)', criteria: extra },
    ],
  };
  const criteria = fw.groups.reduce((n, g) => n + g.criteria.length, 0);
  if (criteria !== 37) throw new Error(`bench framework has ${criteria} criteria, expected 37`);
  return fw;
}

export function installBenchFramework(frameworks: Map<string, Framework>): Framework {
  const existing = frameworks.get(BENCH_FRAMEWORK_ID);
  if (existing) return existing;
  const fw = benchFramework(frameworks);
  frameworks.set(fw.id, fw);
  return fw;
}

/** An answer as an officer would type it for a question (most met, some not, a few unknown). */
export function answerText(q: Question, r: () => number): string {
  const x = r();
  const self = q.target.op === 'self' ? (x < 0.7 ? ' đạt' : ' chưa đạt') : '';
  switch (q.kind) {
    case 'ratio': {
      const d = 10 + Math.floor(r() * 500);
      const n = x < 0.7 ? d : Math.floor(r() * d);
      return `${n}/${d}${self}`;
    }
    case 'percent':
      return `${x < 0.7 ? 100 : Math.round(r() * 1000) / 10}%${self}`;
    case 'count':
      return `${x < 0.8 ? 1 + Math.floor(r() * 20) : 0}${self}`;
    case 'yesno':
      return x < 0.7 ? 'có' : x < 0.85 ? 'không' : x < 0.95 ? 'đang thực hiện' : 'chưa rõ';
    default:
      return 'Đã triển khai, có văn bản kèm theo';
  }
}

export interface ProvinceFixture {
  dbPath: string;
  units: number;
  officers: number;
  answers: number;
  /** An officer (Telegram user id) of unit 1, for the gap report. */
  sampleUser: string;
}

/**
 * A province-sized database: `units` communes on the 37-criterion framework, `officers` officers
 * on Telegram spread over them, and the answers of quý IV/2026 (every unit leaves at least one
 * question open, so every officer is due a reminder). Answers are parsed by the real parser and
 * written with their history rows, like the engine writes them; batched for speed.
 */
export async function seedProvince(
  dbPath: string,
  opts: { units: number; officers: number; seed?: number },
): Promise<ProvinceFixture> {
  const app = await openApp(dbPath);
  const fw = installBenchFramework(app.frameworks);
  const questions = listQuestions(fw);
  const r = rng(opts.seed ?? 7);
  const at = BENCH_NOW.toISOString();
  const provinces = Array.from({ length: 34 }, (_, i) => `Tỉnh ${String(i + 1).padStart(2, '0')}`);
  let answers = 0;
  await app.db.transaction().execute(async (trx) => {
    for (let start = 0; start < opts.units; start += 500) {
      const rows = [];
      for (let i = start; i < Math.min(opts.units, start + 500); i++) {
        rows.push({
          code: String(10_000 + i),
          name: `Xã Thử ${i + 1}`,
          province: provinces[i % provinces.length] ?? 'Thanh Hóa',
          framework_id: fw.id,
          valid_from: null,
          valid_to: null,
          successor_code: null,
          created_at: at,
        });
      }
      await trx.insertInto('units').values(rows).execute();
    }
    const unitIds = (await trx.selectFrom('units').select('id').orderBy('id').execute()).map((u) => u.id);
    for (let start = 0; start < opts.officers; start += 500) {
      const end = Math.min(opts.officers, start + 500);
      const people = [];
      for (let i = start; i < end; i++) {
        people.push({
          unit_id: unitIds[i % unitIds.length] ?? null,
          display_name: `Cán bộ ${i + 1}`,
          role: 'officer',
          scope_province: null,
          scope_area: null,
          created_at: at,
        });
      }
      const ids = await trx.insertInto('officers').values(people).returning('id').execute();
      await trx
        .insertInto('identities')
        .values(
          ids.map((o, k) => ({
            channel: 'telegram',
            external_id: String(1_000_000 + start + k),
            officer_id: o.id,
            display_name: `Cán bộ ${start + k + 1}`,
            created_at: at,
          })),
        )
        .execute();
    }
    const officerOfUnit = new Map<number, number>();
    for (const o of await trx.selectFrom('officers').select(['id', 'unit_id']).orderBy('id').execute()) {
      if (o.unit_id !== null && !officerOfUnit.has(o.unit_id)) officerOfUnit.set(o.unit_id, o.id);
    }
    let batch: Array<{ unit: number; q: Question; raw: string; json: string }> = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const base = (b: (typeof batch)[number]) => ({
        unit_id: b.unit,
        framework_id: fw.id,
        period: PERIOD,
        question_key: b.q.key,
        officer_id: officerOfUnit.get(b.unit) ?? null,
        channel: 'telegram',
      });
      await trx
        .insertInto('answers')
        .values(
          batch.map((b) => ({
            ...base(b),
            answer_json: b.json,
            raw_text: b.raw,
            difficulty: null,
            answered_at: at,
            updated_at: at,
          })),
        )
        .execute();
      await trx
        .insertInto('answer_history')
        .values(
          batch.map((b) => ({
            ...base(b),
            action: 'answer',
            answer_json: b.json,
            raw_text: b.raw,
            difficulty: null,
            recorded_at: at,
          })),
        )
        .execute();
      answers += batch.length;
      batch = [];
    };
    for (const unit of unitIds) {
      // Mid-quarter: between half and all-but-one of the questions answered.
      const answered = Math.floor(questions.length * (0.5 + r() * 0.5)) - 1;
      for (const q of questions.slice(0, Math.max(1, answered))) {
        const raw = answerText(q, r);
        const parsed = parseAnswer(q, raw);
        if (!parsed.ok) throw new Error(`bench answer "${raw}" refused for ${q.key}: ${parsed.reason}`);
        batch.push({ unit, q, raw, json: JSON.stringify(parsed.answer) });
        if (batch.length >= 400) await flush();
      }
    }
    await flush();
  });
  // A real dialog state (a walk paused at some question) for every officer: one is made through the
  // engine, the others get a copy, so the reminder planner reads as many states as in production.
  const sampleUser = '1000000';
  await app.engine.handle({ channel: 'telegram', externalId: sampleUser }, 'báo cáo');
  await app.engine.handle({ channel: 'telegram', externalId: sampleUser }, 'dừng');
  const state = await app.db.selectFrom('dialog_states').selectAll().executeTakeFirstOrThrow();
  const officerIds = (await app.db.selectFrom('officers').select('id').execute()).map((o) => o.id);
  await app.db.transaction().execute(async (trx) => {
    for (let start = 0; start < officerIds.length; start += 500) {
      await trx
        .insertInto('dialog_states')
        .values(
          officerIds.slice(start, start + 500).map((id) => ({
            session_key: `officer:${id}`,
            state_json: state.state_json,
            revision: 1,
            updated_at: state.updated_at,
          })),
        )
        .onConflict((oc) => oc.column('session_key').doNothing())
        .execute();
    }
  });
  await app.close();
  return { dbPath, units: opts.units, officers: opts.officers, answers, sampleUser };
}

/** Units and Telegram officers (user ids from `firstUserId`) for walk-throughs on thanh-hoa-xa-2022. */
export async function seedWalkers(app: App, count: number, firstUserId: number): Promise<number[]> {
  const at = BENCH_NOW.toISOString();
  const users: number[] = [];
  await app.db.transaction().execute(async (trx) => {
    for (let i = 0; i < count; i++) {
      const userId = firstUserId + i;
      const unit = await trx
        .insertInto('units')
        .values({
          code: `W${userId}`,
          name: `Xã Đi Bộ ${userId}`,
          province: 'Thanh Hóa',
          framework_id: WALK_FRAMEWORK_ID,
          valid_from: null,
          valid_to: null,
          successor_code: null,
          created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const officer = await trx
        .insertInto('officers')
        .values({
          unit_id: unit.id,
          display_name: `Cán bộ ${userId}`,
          role: 'officer',
          scope_province: null,
          scope_area: null,
          created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('identities')
        .values({
          channel: 'telegram',
          external_id: String(userId),
          officer_id: officer.id,
          display_name: `Cán bộ ${userId}`,
          created_at: at,
        })
        .execute();
      users.push(userId);
    }
  });
  return users;
}

/** Where a child benchmark writes its result: the last stdout line, as JSON after this marker. */
export const RESULT_MARKER = 'BENCH_RESULT ';

export function emit(result: unknown): void {
  process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
