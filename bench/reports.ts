/**
 * The gap report of one unit (chat command and the CLI's data path) and the province matrix
 * (units × 37 criteria × one period): the data part (load the answers, compute every status) and the
 * XLSX writing, timed apart. Baselines from the same run: the engine answering "hướng dẫn" (the fixed
 * cost of any message) and a bare better-sqlite3 read of the same answer rows.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import type { Answer } from '../src/domain/answers/types.js';
import type { Framework } from '../src/domain/catalog/types.js';
import {
  applicableTotal,
  evaluateFramework,
  type RecordedAnswer,
  tally,
} from '../src/domain/evaluation/evaluate.js';
import { formatDate } from '../src/domain/messages/format.js';
import { renderGapReport } from '../src/domain/messages/index.js';
import { buildGapReport } from '../src/domain/report/gaps.js';
import { matrixData, matrixUnits } from '../src/reports/data.js';
import { buildMatrixXlsx } from '../src/reports/matrix.js';
import type { MatrixData } from '../src/reports/types.js';
import { loadAnswers, loadPeriodAnswerLists } from '../src/storage/answers.js';
import type { Db } from '../src/storage/db.js';
import { registerOfficer } from '../src/storage/officers.js';
import { listSubmissionsForPeriod } from '../src/storage/submissions.js';
import { addUnit, findUnitByCode, listUnits, type UnitRecord } from '../src/storage/units.js';
import {
  BENCH_FRAMEWORK_ID,
  BENCH_NOW,
  emit,
  envInt,
  median,
  openApp,
  PERIOD,
  peakRssMb,
  round,
  seedProvince,
  stats,
  tempDir,
  timeRepeated,
} from './lib.js';

/**
 * The loader the matrix had before `loadPeriodAnswerLists` (every answer row parsed into nested maps),
 * kept here to time the previous path in the same run.
 */
async function loadAllAnswers(
  db: Db,
  periods: string[],
): Promise<Map<string, Map<string, Map<string, RecordedAnswer>>>> {
  const result = new Map<string, Map<string, Map<string, RecordedAnswer>>>();
  if (periods.length === 0) return result;
  const rows = await db
    .selectFrom('answers')
    .select(['unit_id', 'framework_id', 'period', 'question_key', 'answer_json'])
    .where('period', 'in', periods)
    .execute();
  for (const r of rows) {
    const scope = `${r.unit_id}|${r.framework_id}`;
    const byPeriod = result.get(scope) ?? new Map<string, Map<string, RecordedAnswer>>();
    result.set(scope, byPeriod);
    const answers = byPeriod.get(r.period) ?? new Map<string, RecordedAnswer>();
    byPeriod.set(r.period, answers);
    answers.set(r.question_key, JSON.parse(r.answer_json) as Answer);
  }
  return result;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function benchReports(dbPath: string, sampleUser: string) {
  const app = await openApp(dbPath);
  const fw = app.frameworks.get(BENCH_FRAMEWORK_ID);
  const unit = await findUnitByCode(app.db, '10000');
  if (!fw || !unit) throw new Error('the province fixture is missing');
  const who = { channel: 'telegram', externalId: sampleUser };
  const scope = { unitId: unit.id, frameworkId: fw.id };
  const info = { code: unit.code, name: unit.name, province: unit.province };

  // Gap report of one unit: what "gaps --unit" does (load + build + render), and the chat command.
  const gapData = async () => {
    const answers = (await loadAnswers(app.db, scope, [PERIOD])).get(PERIOD) ?? new Map();
    return renderGapReport(buildGapReport(fw, info, PERIOD, answers));
  };
  const chatGaps = () => app.engine.handle(who, 'tiêu chí nào chưa đạt?');
  const chatHelp = () => app.engine.handle(who, 'hướng dẫn');
  const reply = (await chatGaps())[0]?.text ?? '';
  if (!reply.includes('Tiêu chí chưa đạt')) throw new Error(`unexpected gap reply: ${reply.slice(0, 200)}`);
  await timeRepeated(30, gapData);
  await timeRepeated(30, chatGaps);
  await timeRepeated(30, chatHelp);
  const n = envInt('BENCH_GAP_RUNS', 300, 50);
  const data = stats(await timeRepeated(n, gapData));
  const chat = stats(await timeRepeated(n, chatGaps));
  const help = stats(await timeRepeated(n, chatHelp));

  // The matrix: 3,321 units × 37 criteria × one period, as `cds-bot overview` does it (the
  // supervisors' overview loads the same way): list the units, load the period's answers and the
  // submissions, compute every status.
  const units = await listUnits(app.db);
  const split = { loadMs: [] as number[], computeMs: [] as number[] };
  const matrixOnce = async (province?: string) => {
    const t = performance.now();
    const [all, answers, submissions] = await Promise.all([
      listUnits(app.db),
      loadPeriodAnswerLists(app.db, PERIOD, province ? { province } : {}),
      listSubmissionsForPeriod(app.db, PERIOD),
    ]);
    const loaded = performance.now();
    const result = matrixData(
      fw,
      PERIOD,
      matrixUnits(province ? all.filter((u) => u.province === province) : all, fw.id, answers, submissions),
      `Tổng hợp kết quả chuyển đổi số · ${fw.name}`,
    );
    split.loadMs.push(loaded - t);
    split.computeMs.push(performance.now() - loaded);
    return result;
  };
  // The path before the matrix had its own loader and evaluator (every answer parsed into nested
  // maps, every unit through evaluateFramework), timed in the same run for comparison; its statuses
  // must equal the new path's.
  const previousOnce = async () => {
    const [all, answers, submissions] = await Promise.all([
      listUnits(app.db),
      loadAllAnswers(app.db, [PERIOD]),
      listSubmissionsForPeriod(app.db, PERIOD),
    ]);
    return all.map((u) => {
      const sub = submissions.get(`${u.id}|${fw.id}`);
      const evs = evaluateFramework(fw, answers.get(`${u.id}|${fw.id}`)?.get(PERIOD) ?? new Map());
      const t = tally(evs);
      return {
        code: u.code,
        submitted: sub ? formatDate(sub.submittedAt) : '',
        statuses: evs.map((e) => e.status),
        met: t.met,
        applicable: applicableTotal(t),
      };
    });
  };
  const raw = new SQLite(dbPath, { readonly: true });
  const rows = Number(
    (raw.prepare('SELECT count(*) AS n FROM answers WHERE period = ?').get(PERIOD) as { n: number }).n,
  );
  raw.close();
  const runs = envInt('BENCH_MATRIX_RUNS', 7, 3);
  // "first" is the very first call of the process: nothing read or compiled before it.
  let matrix: MatrixData | undefined;
  const coldMs = (await timeRepeated(1, async () => (matrix = await matrixOnce())))[0] ?? 0;
  split.loadMs.length = 0;
  split.computeMs.length = 0;
  const dataMs = await timeRepeated(runs, async () => (matrix = await matrixOnce()));
  if (!matrix) throw new Error('no matrix');
  // One province (what `overview --province` and a province supervisor's /tonghop read).
  const province = units[0]?.province ?? '';
  const provinceUnits = units.filter((u) => u.province === province).length;
  const provinceMs = await timeRepeated(runs, () => matrixOnce(province));
  const rssBeforeXlsx = peakRssMb();
  let bytes = 0;
  const built = matrix;
  const xlsxMs = await timeRepeated(Math.min(runs, 3), async () => {
    bytes = (await buildMatrixXlsx(built)).length;
  });
  const rssAfterXlsx = peakRssMb();
  // Last, so that its allocations do not count in the peak RSS figures above.
  const previousMs = await timeRepeated(runs, previousOnce);
  checkSameStatuses(built, await loadAllAnswers(app.db, [PERIOD]), units, fw);
  const cells = built.units.length * built.criteria.length;
  // The CLI loads only the bundled catalogs: its gap report is timed on a commune of a bundled
  // framework (33 criteria), with some answers, added to the same province-sized database.
  const cliUnit = await addUnit(
    app.db,
    { code: 'GAPCLI', name: 'Xã Đo Thời Gian', province: 'Tỉnh 01', frameworkId: 'thanh-hoa-xa-2022' },
    BENCH_NOW,
  );
  const cliOfficer = { channel: 'telegram', externalId: '9999999' };
  await registerOfficer(app.db, cliUnit.id, cliOfficer, BENCH_NOW);
  await app.engine.handle(cliOfficer, '1.1 100; 1.2 95; 1.3 có; 1.4 25.031/37.389; 2.1 80%');
  await app.close();
  // The gap report as a CLI user pays for it: a fresh process (node start, imports, database open)
  // running `cds-bot gaps`, beside the hot figure of the same data path above.
  const cliMs = await timeRepeated(envInt('BENCH_SPAWNS', 5, 3), () => {
    const r = spawnSync(
      process.execPath,
      ['bin/cds-bot.js', 'gaps', '--unit', 'GAPCLI', '--period', PERIOD],
      { cwd: ROOT, env: { ...process.env, CDS_DB: dbPath, LOG_LEVEL: 'silent' }, encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`cds-bot gaps exited ${r.status}: ${r.stderr}`);
  });
  return {
    gap: {
      criteria: fw.groups.reduce((k, g) => k + g.criteria.length, 0),
      dataPathMs: { p50: round(data.p50, 3), p99: round(data.p99, 3) },
      chatCommandMs: { p50: round(chat.p50, 3), p99: round(chat.p99, 3) },
      baselineHelpMs: { p50: round(help.p50, 3), p99: round(help.p99, 3) },
      ratioChatToHelp: round(chat.p50 / help.p50, 2),
      cliProcessMs: round(median(cliMs), 0),
      target: '< 5 ms',
    },
    matrix: {
      units: units.length,
      criteria: built.criteria.length,
      answerRows: rows,
      cells,
      dataMs: {
        first: round(coldMs, 1),
        median: round(median(dataMs), 1),
        max: round(Math.max(...dataMs), 1),
      },
      loadAnswersMs: round(median(split.loadMs), 1),
      computeStatusesMs: round(median(split.computeMs), 1),
      previousPathMs: round(median(previousMs), 1),
      ratioToPreviousPath: round(median(dataMs) / median(previousMs), 2),
      province: { name: province, units: provinceUnits, dataMs: round(median(provinceMs), 1) },
      xlsxMs: round(median(xlsxMs), 0),
      xlsxBytes: bytes,
      peakRssMb: { beforeXlsx: round(rssBeforeXlsx, 0), afterXlsx: round(rssAfterXlsx, 0) },
      target: 'data part < 300 ms',
    },
  };
}

/** Fails the bench if the matrix differs from evaluateFramework on any unit (a fast but wrong path is no result). */
function checkSameStatuses(
  matrix: MatrixData,
  answers: Awaited<ReturnType<typeof loadAllAnswers>>,
  units: UnitRecord[],
  fw: Framework,
) {
  units.forEach((u, i) => {
    const evs = evaluateFramework(fw, answers.get(`${u.id}|${fw.id}`)?.get(PERIOD) ?? new Map());
    const row = matrix.units[i];
    const expected = evs.map((e) => e.status).join(',');
    if (!row || row.code !== u.code || row.statuses.join(',') !== expected) {
      throw new Error(
        `matrix statuses of ${u.code} differ from evaluateFramework: ${row?.statuses} vs ${expected}`,
      );
    }
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let dir: ReturnType<typeof tempDir> | undefined;
  let dbPath = process.env.BENCH_PROVINCE_DB;
  let sampleUser = process.env.BENCH_SAMPLE_USER ?? '1000000';
  if (!dbPath) {
    dir = tempDir('cds-bench-reports-');
    dbPath = `${dir.path}/province.sqlite`;
    const f = await seedProvince(dbPath, {
      units: envInt('BENCH_UNITS', 3321, 300),
      officers: envInt('BENCH_OFFICERS', 10_000, 1000),
    });
    sampleUser = f.sampleUser;
  }
  try {
    const result = await benchReports(dbPath, sampleUser);
    console.log(
      `gap report: CLI process ${result.gap.cliProcessMs} ms, data path p50 ${result.gap.dataPathMs.p50} ms, chat command p50 ${result.gap.chatCommandMs.p50} ms (p99 ${result.gap.chatCommandMs.p99}), "hướng dẫn" p50 ${result.gap.baselineHelpMs.p50} ms`,
    );
    const m = result.matrix;
    console.log(
      `matrix ${m.units} units × ${m.criteria} criteria: data ${m.dataMs.median} ms = load ${m.loadAnswersMs} + statuses ${m.computeStatusesMs} (first ${m.dataMs.first} ms; previous path ${m.previousPathMs} ms, ratio ${m.ratioToPreviousPath}; one province of ${m.province.units} units ${m.province.dataMs} ms), XLSX ${m.xlsxMs} ms, ${m.xlsxBytes} bytes`,
    );
    emit({ reports: result });
  } finally {
    dir?.remove();
  }
}
