/**
 * A quarter after a complete quarter (issue 19): officers of new communes on thanh-hoa-xa-2022,
 * each with quý III/2026 on record, report quý IV/2026 with four criteria changed, reacting to what
 * the bot says ("1. Giữ tất cả", "như cũ" where nothing changed, "1. Có, nộp"), through the
 * production Telegram bot (handler, limiter, auto-retry, rendering) to the fake Bot API in its own
 * process. The baseline, in the same run and the same way: as many officers of communes with no
 * quarter before walk the whole report (bench/walkthrough.ts's walk, khó khăn after unmet answers).
 * Figures: the messages an officer sends for a report, and how long they wait for the bot's replies
 * over it (Telegram's pace of one message a second per chat included), with their ratios.
 */
import { parseAnswer } from '../src/domain/answers/parse.js';
import { listQuestions } from '../src/domain/catalog/load.js';
import type { Question } from '../src/domain/catalog/types.js';
import type { Effect } from '../src/domain/dialog/protocol.js';
import { writeEffects } from '../src/storage/effects.js';
import { startFake } from './fake-bot-api.js';
import {
  BENCH_NOW,
  emit,
  envInt,
  openApp,
  round,
  seedWalkers,
  stats,
  tempDir,
  WALK_FRAMEWORK_ID,
} from './lib.js';
import { pool, productionBot, roundStats, textUpdate, walk } from './walkthrough.js';

/** Quý III/2026 as reported: figures (some unmet, with khó khăn) and Có/Không. */
const Q3: Record<string, [string, string?]> = {
  '1.1': ['19/20', 'Còn 1 cán bộ chưa được cấp hộp thư'],
  '1.2': ['100%'],
  '1.3': ['85%', 'Chưa có chữ ký số cho bộ phận một cửa'],
  '1.4': ['25.031/37.389', 'Thiếu máy quét tài liệu'],
  '1.8': ['không', 'Chưa có kinh phí'],
  '2.2': ['100%'],
  '2.5': ['1.200/1.500', 'Người dân chưa quen gắn mã địa chỉ'],
  '2.6': ['đang thực hiện', 'Đang chờ doanh nghiệp viễn thông khảo sát'],
  '3.1': ['60%'],
  '3.3': ['45%', 'Người dân chưa quen thanh toán điện tử'],
  '4.3': ['100%'],
  '4.8': ['không', 'Chưa có camera an ninh'],
};
/** What changed in quý IV/2026: four criteria; everything else is "như cũ". */
const CHANGED: Record<string, string> = {
  '1.1': '20/20',
  '1.4': '30.112/37.389 - khó khăn như cũ',
  '1.8': 'có',
  '3.3': '52%',
};
const QUESTION = /Tiêu chí (\S+) \((\d+)\/(\d+)/g;

/** Stores quý III/2026 for each commune, parsed by the real parser, as the engine writes answers. */
async function seedLastQuarter(
  app: Awaited<ReturnType<typeof openApp>>,
  users: number[],
  questions: Question[],
) {
  const effects: Effect[] = [];
  for (const q of questions) {
    const [text, difficulty] = Q3[q.key] ?? ['có'];
    const parsed = parseAnswer(q, text);
    if (!parsed.ok) throw new Error(`${q.key} ${text}: ${parsed.reason}`);
    effects.push({ type: 'save_answer', period: '2026-Q3', key: q.key, answer: parsed.answer, raw: text });
    if (difficulty)
      effects.push({ type: 'save_difficulty', period: '2026-Q3', key: q.key, text: difficulty });
  }
  for (const u of users) {
    const unit = await app.db
      .selectFrom('units')
      .select('id')
      .where('code', '=', `W${u}`)
      .executeTakeFirstOrThrow();
    const scope = { unitId: unit.id, frameworkId: WALK_FRAMEWORK_ID };
    await writeEffects(app.db, scope, { officerId: null, channel: 'import' }, effects, BENCH_NOW);
  }
}

type Bot = ReturnType<typeof productionBot>;

/** One officer reports quý IV/2026 after quý III/2026, reacting to the bot; returns the messages sent. */
async function quarter(tg: Bot, userId: number, latencies: number[], onUpdate: (u: number) => void) {
  let text = 'báo cáo';
  for (let sent = 1; sent <= 60; sent++) {
    onUpdate(userId);
    const t = performance.now();
    await tg.bot.handleUpdate(textUpdate(userId, text));
    latencies.push(performance.now() - t);
    const out = tg.recorder.take(userId);
    if (out.includes('Đã nộp báo cáo')) return sent;
    if (out.includes('Giữ nguyên kết quả')) text = '1';
    else if (out.includes('Xác nhận nộp báo cáo?')) text = '1';
    else if (out.includes('Giữ nguyên cho kỳ này?')) text = '1';
    else if (out.includes('Khó khăn, đề xuất đối với tiêu chí')) text = 'bỏ qua';
    else {
      const key = [...out.matchAll(QUESTION)].pop()?.[1];
      if (!key) throw new Error(`officer ${userId}: unexpected reply ${JSON.stringify(out.slice(0, 300))}`);
      text = CHANGED[key] ?? 'như cũ';
    }
  }
  throw new Error(`officer ${userId}: the report did not end`);
}

export async function benchQuarter() {
  const officers = envInt('BENCH_QUARTER_OFFICERS', 100, 20);
  const concurrency = Math.min(officers, 50);
  const dir = tempDir('cds-bench-quarter-');
  try {
    const app = await openApp(`${dir.path}/quarter.sqlite`);
    const fw = app.frameworks.get(WALK_FRAMEWORK_ID);
    if (!fw) throw new Error(`framework ${WALK_FRAMEWORK_ID} missing`);
    const questions = listQuestions(fw);
    const byKey = new Map(questions.map((q) => [q.key, q]));
    const after = await seedWalkers(app, officers, 700_000);
    const first = await seedWalkers(app, officers, 800_000);
    await seedLastQuarter(app, after, questions);

    const run = async (
      label: string,
      users: number[],
      one: (tg: Bot, u: number, lat: number[], w: (u: number) => void) => Promise<number>,
    ) => {
      const api = await startFake();
      const tg = productionBot(app, api.url);
      const latencies: number[] = [];
      const messages: number[] = [];
      await pool(users, concurrency, async (u) => {
        messages.push(await one(tg, u, latencies, api.wrote));
      });
      await api.close();
      return {
        label,
        officers: users.length,
        messagesPerReport: round(messages.reduce((a, b) => a + b, 0) / messages.length, 1),
        maxMessages: Math.max(...messages),
        // What the officer waits for the bot's replies over a whole report (Telegram's one message a
        // second per chat included, as the fake API enforces it).
        waitSecondsPerReport: round(latencies.reduce((a, b) => a + b, 0) / 1000 / users.length, 1),
        latency: roundStats(stats(latencies)),
      };
    };
    const baseline = await run(
      'first quarter, every criterion walked',
      first,
      async (tg, u, lat, w) => (await walk(tg.bot, tg.recorder, u, byKey, lat, { onUpdate: w })).length,
    );
    const carried = await run('the quarter after, four criteria changed', after, quarter);
    await app.close();
    return {
      baseline,
      carried,
      messageRatio: round(carried.messagesPerReport / baseline.messagesPerReport, 3),
      waitRatio: round(carried.waitSecondsPerReport / baseline.waitSecondsPerReport, 3),
      target: '≤ 15 messages for a 33-criterion quarter with 4 changes',
    };
  } finally {
    dir.remove();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchQuarter();
  for (const p of [r.baseline, r.carried]) {
    console.log(
      `${p.label}: ${p.officers} officers, ${p.messagesPerReport} messages a report (at most ${p.maxMessages}), ${p.waitSecondsPerReport} s waiting for replies a report (p50 ${p.latency.p50} ms, p99 ${p.latency.p99} ms a message)`,
    );
  }
  console.log(`messages ratio ${r.messageRatio}, waiting ratio ${r.waitRatio}`);
  emit({ quarter: r });
}
