/**
 * Several instances on PostgreSQL: the deadline-day surge (bench/surge.ts) on a PostgreSQL database,
 * served by one bot process, then by two sharing the officers (as two webhook instances behind a
 * load balancer would), against one fake Bot API process. Each pass on a fresh schema seeded with
 * the same fixture. Needs a server: BENCH_PG_URL or TEST_DATABASE_URL (e.g.
 * postgres://postgres@127.0.0.1:5432/test); the user must be allowed to create schemas.
 *
 * BENCH_PG_UNITS (700), BENCH_PG_OFFICERS (2,100) size the fixture; BENCH_PG_SURGE_OFFICERS (600)
 * officers report at pauses of BENCH_PG_THINK_MIN_MS–MAX_MS (2–4 s): more than one process serves.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startFakeBotApiProcess } from './fake-bot-api.js';
import { emit, envInt, RESULT_MARKER, round, seedProvince, stats } from './lib.js';

const BASE = process.env.BENCH_PG_URL || process.env.TEST_DATABASE_URL;

async function freshSchema(base: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `cds_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create schema "${schema}"`);
  await admin.end();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop schema if exists "${schema}" cascade`);
      await c.end();
    },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: a child's JSON result, read field by field.
type Json = any;

function surgeChild(env: Record<string, string>): Promise<Json> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...process.execArgv, 'bench/surge.ts'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    p.on('error', reject);
    p.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(RESULT_MARKER));
      if (code !== 0 || !line) reject(new Error(`surge child exited with ${code}`));
      else resolve(JSON.parse(line.slice(RESULT_MARKER.length)).surge);
    });
  });
}

async function pass(instances: number, fixture: { units: number; officers: number }) {
  const surgeOfficers = envInt('BENCH_PG_SURGE_OFFICERS', 600, 200);
  const schema = await freshSchema(BASE as string);
  try {
    await seedProvince(schema.url, fixture);
    const api = await startFakeBotApiProcess({ everyChatWrote: true });
    const started = performance.now();
    const children = await Promise.all(
      Array.from({ length: instances }, (_, k) =>
        surgeChild({
          BENCH_PROVINCE_DB: schema.url,
          BENCH_FAKE_URL: api.url,
          BENCH_SURGE_SHARD: `${k}/${instances}`,
          BENCH_SURGE_LATENCY_FILE: join(tmpdir(), `cds-bench-latencies-${process.pid}-${k}.json`),
          BENCH_SURGE_OFFICERS: String(surgeOfficers),
          BENCH_SURGE_THINK_MIN_MS: String(envInt('BENCH_PG_THINK_MIN_MS', 2000)),
          BENCH_SURGE_THINK_MAX_MS: String(envInt('BENCH_PG_THINK_MAX_MS', 4000)),
        }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    await api.close();
    const latencies: number[] = children.flatMap((_, k) => {
      const file = join(tmpdir(), `cds-bench-latencies-${process.pid}-${k}.json`);
      const list = JSON.parse(readFileSync(file, 'utf8')) as number[];
      rmSync(file);
      return list;
    });
    const updates = children.reduce((n, c) => n + c.updates, 0);
    const offered = children.reduce((n, c) => n + c.offeredPerSecond, 0);
    const served = updates / Math.max(...children.map((c) => c.seconds as number));
    const s = stats(latencies);
    return {
      label: `${instances} instance${instances > 1 ? 's' : ''} on PostgreSQL`,
      instances,
      officers: surgeOfficers,
      updates,
      seconds: round(seconds, 1),
      offeredPerSecond: round(offered, 1),
      throughputPerSecond: round(served, 1),
      ratioToOffered: round(served / offered, 3),
      latencyMs: { p50: round(s.p50, 1), p95: round(s.p95, 1), p99: round(s.p99, 1), max: round(s.max, 1) },
      coresUsed: round(
        children.reduce((n, c) => n + c.coresUsed, 0),
        2,
      ),
      cpuMsPerMessage: round(children.reduce((n, c) => n + c.cpuMsPerMessage * c.updates, 0) / updates, 2),
      rejected429: api.stats.rejected,
      lostReplies: children.reduce((n, c) => n + c.lostReplies, 0),
      lostSamples: children.flatMap((c) => c.lostSamples as string[]).slice(0, 3),
    };
  } finally {
    await schema.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!BASE) {
    console.log('instances: skipped (set BENCH_PG_URL or TEST_DATABASE_URL to a PostgreSQL server)');
    emit({ instances: { skipped: true } });
  } else {
    const fixture = {
      units: envInt('BENCH_PG_UNITS', 700, 300),
      officers: envInt('BENCH_PG_OFFICERS', 2100, 1000),
    };
    const passes = [];
    for (const n of [1, 2]) {
      const r = await pass(n, fixture);
      console.log(
        `surge, ${r.label}: ${r.officers} officers, ${r.updates} messages in ${r.seconds} s; offered ${r.offeredPerSecond}/s, served ${r.throughputPerSecond}/s (× ${r.ratioToOffered}); latency p50 ${r.latencyMs.p50} ms, p95 ${r.latencyMs.p95} ms, p99 ${r.latencyMs.p99} ms; ${r.coresUsed} cores, CPU ${r.cpuMsPerMessage} ms/message; 429s ${r.rejected429}; lost ${r.lostReplies} ${r.lostSamples.join(' | ').slice(0, 400)}`,
      );
      passes.push(r);
    }
    emit({ instances: { fixture, passes } });
  }
  process.exit(0);
}
