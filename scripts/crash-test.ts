/**
 * Crash test: a scripted walk-through in a child process (`node bin/cds-bot.js chat --unit X` on a
 * temp database), fed one line at a time, slowly, and killed with SIGKILL at random moments, many
 * times, restarting it each time. Then:
 * - every answer the bot acknowledged ("Ghi nhận K: …" on stdout before the kill) is stored exactly
 *   once: one answers row with the value sent, one history row for it (and no key has two);
 * - every acknowledged khó khăn ("Đã ghi khó khăn, đề xuất của tiêu chí K.") is stored once;
 * - "báo cáo" resumes at the first unanswered criterion.
 *
 * The walk goes through quarter after quarter (2026-Q4, 2026-Q3, …) so that every life has
 * something to do. `npm run crash-test -- --kills 40 --seed 7`; the test suite runs a short form.
 */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { rng } from '../bench/lib.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'bin', 'cds-bot.js');
const UNIT = 'SAP';

/** The criteria of thanh-hoa-xa-2022 in walk order, with how each is answered. */
const QUESTIONS: Array<[string, 'ratio' | 'yesno']> = [
  ...['1.1', '1.2', '1.3', '1.4'].map((k) => [k, 'ratio'] as [string, 'ratio']),
  ...['1.5', '1.6', '1.7', '1.8', '1.9', '1.10', '1.11', '1.12', '1.13', '1.14', '2.1'].map(
    (k) => [k, 'yesno'] as [string, 'yesno'],
  ),
  ['2.2', 'ratio'],
  ['2.3', 'yesno'],
  ['2.4', 'yesno'],
  ['2.5', 'ratio'],
  ['2.6', 'yesno'],
  ['3.1', 'ratio'],
  ['3.2', 'yesno'],
  ['3.3', 'ratio'],
  ['3.4', 'yesno'],
  ['3.5', 'yesno'],
  ['4.1', 'yesno'],
  ['4.2', 'yesno'],
  ['4.3', 'ratio'],
  ...['4.4', '4.5', '4.6', '4.7', '4.8'].map((k) => [k, 'yesno'] as [string, 'yesno']),
];

/** Quarters from 2026-Q4 backwards: the key and how the officer types it. */
function quarters(n: number): Array<{ key: string; typed: string }> {
  const out: Array<{ key: string; typed: string }> = [];
  let year = 2026;
  let q = 4;
  for (let i = 0; i < n; i++) {
    out.push({ key: `${year}-Q${q}`, typed: `Q${q}/${year}` });
    q -= 1;
    if (q === 0) {
      q = 4;
      year -= 1;
    }
  }
  return out;
}

function hash(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619) >>> 0;
  return h;
}

/** The scripted answer to a criterion in a period: mostly met, about a quarter not (khó khăn follows). */
export function scriptedAnswer(period: string, key: string): string {
  const kind = QUESTIONS.find(([k]) => k === key)?.[1];
  const h = hash(`${period}|${key}`);
  const met = h % 4 !== 0;
  if (kind === 'yesno') return met ? 'có' : 'không';
  const d = 10 + (h % 90);
  return `${met ? d : d - 1 - (h % 5)}/${d}`;
}

export function scriptedDifficulty(period: string, key: string): string {
  return `Thiếu kinh phí, thiếu cán bộ cho tiêu chí ${key} (${period})`;
}

export interface CrashOptions {
  /** How many times the chat is killed (each kill is followed by a restart). */
  kills: number;
  seed?: number;
  /** Pause before each line the "officer" types, ms (uniform in the range). */
  typingMs?: [number, number];
  /** How long a life lasts after the chat is ready, ms (uniform); some kills also land during start-up. */
  lifeMs?: [number, number];
  /** Where to keep the database; a temp dir (removed afterwards) by default. */
  dir?: string;
  log?: (line: string) => void;
}

export interface CrashResult {
  seed: number;
  kills: number;
  lives: number;
  killedBeforeReady: number;
  periodsCompleted: number;
  acknowledgedAnswers: number;
  acknowledgedDifficulties: number;
  /** Committed but the process died before printing the acknowledgement: allowed, counted. */
  committedUnacknowledged: number;
  answerRows: number;
  resume: { period: string; expected: string; got: string };
  problems: string[];
  seconds: number;
}

type KillPlan =
  | { when: 'startup'; ms: number }
  | { when: 'time'; ms: number }
  | { when: 'line'; line: number; ms: number };

interface Ack {
  answers: Map<string, string>;
  difficulties: Map<string, string>;
}

const QUESTION_LINE = /^Tiêu chí (\S+) \(\d+\/\d+\) · /;
const ACK_LINE = /^Ghi nhận (\S+?): /;
const DIFFICULTY_PROMPT = /^Khó khăn, đề xuất đối với tiêu chí (\S+)\?/;
const DIFFICULTY_ACK = /^Đã ghi khó khăn(?:, đề xuất)? của tiêu chí (\S+)\./;
/** Silence after which a life that should still be typing is taken as stuck. */
const STALL_MS = 15_000;
// The last answer of a period ("Đã trả lời đủ 33/33 câu quý IV/2026. …") or a period found complete.
const PERIOD_DONE = /^(Đã đi hết các tiêu chí|Đã trả lời đủ \d+\/\d+ câu|.*: đã trả lời đủ \d+\/\d+ câu)/;

/** Runs the kill-and-restart loop and checks the database; never throws for a failed check. */
export async function runCrashTest(opts: CrashOptions): Promise<CrashResult> {
  const started = performance.now();
  const seed = opts.seed ?? Math.floor(Math.random() * 2 ** 31);
  const random = rng(seed);
  const between = ([a, b]: [number, number]) => a + random() * (b - a);
  const typing = opts.typingMs ?? [10, 150];
  const life = opts.lifeMs ?? [200, 3000];
  const log = opts.log ?? (() => {});
  const own = opts.dir === undefined;
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'cds-crash-'));
  const db = join(dir, 'crash.sqlite');
  // Empty values count as unset: the chat runs on this SQLite file, whatever the shell has set.
  const env = {
    ...process.env,
    CDS_DB: db,
    DATABASE_URL: '',
    LOG_LEVEL: 'error',
    TELEGRAM_BOT_TOKEN: '',
    ZALO_BOT_TOKEN: '',
  };
  const periods = quarters(400);
  const ack: Ack = { answers: new Map(), difficulties: new Map() };
  const problems: string[] = [];
  let current = 0;
  let kills = 0;
  let lives = 0;
  let killedBeforeReady = 0;

  const added = spawnSync(
    process.execPath,
    [
      CLI,
      'units',
      'add',
      '--code',
      UNIT,
      '--name',
      'Xã Thử Sập Nguồn',
      '--province',
      'Thanh Hóa',
      '--framework',
      'thanh-hoa-xa-2022',
    ],
    { cwd: ROOT, env, encoding: 'utf8' },
  );
  if (added.status !== 0) throw new Error(`units add failed: ${added.stderr}`);

  /** One life of the chat: types the script, reacting to what it prints; killed after `killAfter` ms unless undefined. */
  const runLife = (killAfter: KillPlan | undefined, firstLine?: string) =>
    new Promise<{ killed: boolean; output: string }>((resolve) => {
      lives++;
      const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [CLI, 'chat', '--unit', UNIT], {
        cwd: ROOT,
        env,
      });
      let output = '';
      let pending = '';
      let ready = false;
      let done = false;
      const timers = new Set<NodeJS.Timeout>();
      const later = (ms: number, fn: () => void) => {
        const t = setTimeout(() => {
          timers.delete(t);
          fn();
        }, ms);
        timers.add(t);
      };
      let typed = 0;
      const type = (line: string) => {
        later(between(typing), () => {
          if (done) return;
          child.stdin.write(`${line}\n`);
          typed++;
          // Right after a line goes in: the kill lands while the bot reads, writes or answers it.
          if (killAfter?.when === 'line' && typed === killAfter.line) later(killAfter.ms, kill);
        });
      };
      const kill = () => {
        if (done) return;
        done = true;
        kills++;
        child.kill('SIGKILL');
      };
      child.stdin.on('error', () => {});
      child.stderr.on('data', () => {});
      if (killAfter?.when === 'startup') later(killAfter.ms, kill);
      const period = () => periods[current] ?? { key: '?', typed: '?' };
      const onLine = (line: string) => {
        if (!ready) {
          ready = true;
          if (killAfter?.when === 'time') later(killAfter.ms, kill);
        }
        const p = period().key;
        const acked = ACK_LINE.exec(line)?.[1];
        const difficultyAcked = DIFFICULTY_ACK.exec(line)?.[1];
        const asked = QUESTION_LINE.exec(line)?.[1];
        const difficultyAsked = DIFFICULTY_PROMPT.exec(line)?.[1];
        if (acked) ack.answers.set(`${p}|${acked}`, scriptedAnswer(p, acked));
        else if (difficultyAcked)
          ack.difficulties.set(`${p}|${difficultyAcked}`, scriptedDifficulty(p, difficultyAcked));
        else if (!killAfter) return;
        else if (asked) type(scriptedAnswer(p, asked));
        else if (difficultyAsked) type(scriptedDifficulty(p, difficultyAsked));
        else if (PERIOD_DONE.test(line)) {
          current++;
          log(`  ${period().typed}`);
          type(`báo cáo ${period().typed}`);
        }
      };
      // A life the script cannot go on with (the chat printed something it does not react to) would
      // wait for its kill forever: after STALL_MS of silence it is ended and said, with what it printed.
      let stall: NodeJS.Timeout | undefined;
      const watch = () => {
        if (stall) clearTimeout(stall);
        if (!killAfter) return;
        stall = setTimeout(() => {
          if (done) return;
          problems.push(
            `life ${lives} stalled (nothing to type, no kill due); it printed last:\n${output.slice(-600)}`,
          );
          done = true;
          child.kill('SIGKILL');
        }, STALL_MS);
      };
      watch();
      child.stdout.on('data', (chunk: Buffer) => {
        watch();
        const text = chunk.toString('utf8');
        output += text;
        pending += text;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const l of lines) onLine(l);
      });
      child.on('close', (_code, signal) => {
        done = true;
        if (stall) clearTimeout(stall);
        for (const t of timers) clearTimeout(t);
        if (signal === 'SIGKILL' && !ready) killedBeforeReady++;
        resolve({ killed: signal === 'SIGKILL', output });
      });
      child.stdin.write(`${firstLine ?? `báo cáo ${period().typed}`}\n`);
      if (!killAfter) child.stdin.end();
    });

  while (kills < opts.kills) {
    const x = random();
    const plan: KillPlan =
      x < 0.2
        ? { when: 'startup', ms: between([0, 1500]) }
        : x < 0.6
          ? { when: 'line', line: 1 + Math.floor(random() * 20), ms: between([0, 4]) }
          : { when: 'time', ms: between(life) };
    const before = ack.answers.size;
    const { killed } = await runLife(plan);
    if (!killed) problems.push(`life ${lives} ended by itself before it was killed`);
    const what =
      plan.when === 'startup'
        ? `${Math.round(plan.ms)} ms after the start`
        : plan.when === 'line'
          ? `${plan.ms.toFixed(1)} ms after typed line ${plan.line}`
          : `${Math.round(plan.ms)} ms after it was ready`;
    log(`life ${lives}: killed ${what}; ${ack.answers.size - before} new acknowledgements`);
  }

  // The last life is not killed: "báo cáo" for the period under way, then end of input.
  const period = periods[current] ?? { key: '?', typed: '?' };
  const final = await runLife(undefined, `báo cáo ${period.typed}`);
  const got =
    /Tiêu chí (\S+) \(\d+\/\d+\)/.exec(final.output)?.[1] ??
    (/đã trả lời đủ/i.test(final.output)
      ? '(all answered)'
      : `(no question in: ${final.output.slice(0, 200)})`);

  // The checks, straight on the database file.
  const sql = new SQLite(db, { readonly: true });
  const rows = sql
    .prepare('SELECT period, question_key AS key, raw_text AS raw, difficulty FROM answers')
    .all() as Array<{ period: string; key: string; raw: string; difficulty: string | null }>;
  const history = sql
    .prepare('SELECT period, question_key AS key, action, raw_text AS raw, difficulty FROM answer_history')
    .all() as Array<{
    period: string;
    key: string;
    action: string;
    raw: string | null;
    difficulty: string | null;
  }>;
  sql.close();
  const byKey = new Map(rows.map((r) => [`${r.period}|${r.key}`, r]));
  const count = (id: string, action: string) =>
    history.filter((h) => `${h.period}|${h.key}` === id && h.action === action).length;
  for (const [id, value] of ack.answers) {
    const row = byKey.get(id);
    if (!row) problems.push(`acknowledged answer ${id} = "${value}" is not stored`);
    else if (row.raw !== value) problems.push(`answer ${id} is "${row.raw}", acknowledged "${value}"`);
    const n = count(id, 'answer');
    if (n !== 1) problems.push(`answer ${id} has ${n} history rows, expected 1`);
  }
  for (const [id, text] of ack.difficulties) {
    const row = byKey.get(id);
    if (row?.difficulty !== text) problems.push(`acknowledged khó khăn of ${id} is not stored`);
    const n = count(id, 'difficulty');
    if (n !== 1) problems.push(`khó khăn of ${id} has ${n} history rows, expected 1`);
  }
  for (const r of rows) {
    const id = `${r.period}|${r.key}`;
    if (r.raw !== scriptedAnswer(r.period, r.key)) problems.push(`answer ${id} "${r.raw}" was never sent`);
    if (count(id, 'answer') > 1) problems.push(`answer ${id} was written ${count(id, 'answer')} times`);
    if (count(id, 'difficulty') > 1) problems.push(`khó khăn of ${id} was written more than once`);
  }
  const answeredInPeriod = new Set(rows.filter((r) => r.period === period.key).map((r) => r.key));
  const expected = QUESTIONS.map(([k]) => k).find((k) => !answeredInPeriod.has(k)) ?? '(all answered)';
  if (got !== expected) problems.push(`"báo cáo ${period.typed}" resumed at ${got}, expected ${expected}`);
  const committedUnacknowledged = rows.filter((r) => !ack.answers.has(`${r.period}|${r.key}`)).length;

  if (own) rmSync(dir, { recursive: true, force: true });
  return {
    seed,
    kills,
    lives,
    killedBeforeReady,
    periodsCompleted: current,
    acknowledgedAnswers: ack.answers.size,
    acknowledgedDifficulties: ack.difficulties.size,
    committedUnacknowledged,
    answerRows: rows.length,
    resume: { period: period.key, expected, got },
    problems,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { kills: { type: 'string', default: '40' }, seed: { type: 'string' } },
  });
  const result = await runCrashTest({
    kills: Number(values.kills),
    ...(values.seed ? { seed: Number(values.seed) } : {}),
    log: (line) => console.log(line),
  });
  console.log(JSON.stringify({ ...result, problems: result.problems.slice(0, 50) }, null, 2));
  if (result.problems.length > 0) {
    console.error(`crash test FAILED: ${result.problems.length} problem(s)`);
    process.exitCode = 1;
  } else {
    console.log(
      `crash test passed: ${result.kills} kills, ${result.acknowledgedAnswers} acknowledged answers stored exactly once, resumed at ${result.resume.got}`,
    );
  }
}
