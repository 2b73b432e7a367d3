/**
 * `npm run bench`: seeds a province (3,321 units, 10,000 officers, the answers of one quarter) on a
 * file-backed SQLite in WAL under a temp dir, runs every benchmark in a fresh child process on its
 * own copy, prints the figures, writes bench/results.json and the table in docs/PERFORMANCE.md.
 *
 * BENCH_QUICK=1: small counts, a smoke run (results go to the temp dir; the doc is left alone).
 * BENCH_FULL=1: also the reminder fan-out in real time through the production sender (~7 min more).
 * Timings are never asserted: the machine is noisy; every figure comes with a baseline measured in
 * the same run, and the ratio is what to compare between machines.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FULL, QUICK, RESULT_MARKER, tempDir } from './lib.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOC = join(ROOT, 'docs', 'PERFORMANCE.md');
export const TABLE_START = '<!-- bench:table:start -->';
export const TABLE_END = '<!-- bench:table:end -->';

/** Runs one benchmark file in a fresh node (tsx); passes its output through; returns its result. */
function child(
  file: string,
  opts: { env?: Record<string, string>; flags?: string[]; args?: string[] } = {},
): Promise<Json> {
  return new Promise((resolve, reject) => {
    const argv = [...(opts.flags ?? []), '--import', 'tsx', join('bench', file), ...(opts.args ?? [])];
    const p = spawn(process.execPath, argv, {
      cwd: ROOT,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      out += text;
      for (const line of text.split('\n'))
        if (line && !line.startsWith(RESULT_MARKER)) console.log(`  ${line}`);
    });
    p.on('error', reject);
    p.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(RESULT_MARKER));
      if (code !== 0 || !line) {
        resolve({ error: `bench/${file} exited with ${code}${line ? '' : ' without a result'}` });
        return;
      }
      resolve(JSON.parse(line.slice(RESULT_MARKER.length)));
    });
  });
}

// biome-ignore lint/suspicious/noExplicitAny: the children's JSON results, read field by field below.
type Json = any;

const fmt = (x: unknown, unit = '') => (typeof x === 'number' ? `${x.toLocaleString('en-US')}${unit}` : '–');
const verdict = (ok: boolean | undefined) => (ok === undefined ? '–' : ok ? '**met**' : '**missed**');

/** The results as the Markdown table of docs/PERFORMANCE.md. */
export function renderTable(r: Json): string {
  const rows: string[][] = [];
  for (const p of r.walkthrough?.passes ?? []) {
    rows.push([
      `Walk-through, ${p.label}: ${fmt(p.officers)} officers, ${fmt(p.updates)} updates (${fmt(p.unexpectedReplies)} unexpected replies)`,
      '≥ 0.5 × echo bot',
      `${fmt(p.bot.updatesPerSecond)} upd/s; p50 ${fmt(p.bot.latency.p50)} ms, p99 ${fmt(p.bot.latency.p99)} ms; 429s ${fmt(p.bot.rejected429)}`,
      `echo bot with auto-retry ${fmt(p.echo.updatesPerSecond)} upd/s (p50 ${fmt(p.echo.latency.p50)} ms, p99 ${fmt(p.echo.latency.p99)} ms; 429s ${fmt(p.echo.rejected429)})`,
      fmt(p.ratio),
      verdict(p.ratio >= 0.5),
    ]);
  }
  const qr = r.quarter;
  if (qr) {
    rows.push([
      `A quarter after a complete quarter, ${fmt(qr.carried.officers)} officers on Telegram (33 criteria, 4 changed: "giữ tất cả", "như cũ")`,
      '≤ 15 messages a report',
      `${fmt(qr.carried.messagesPerReport)} messages (at most ${fmt(qr.carried.maxMessages)}); ${fmt(qr.carried.waitSecondsPerReport)} s waiting for replies`,
      `first quarter, every criterion walked: ${fmt(qr.baseline.messagesPerReport)} messages; ${fmt(qr.baseline.waitSecondsPerReport)} s`,
      fmt(qr.messageRatio),
      verdict(qr.carried.maxMessages <= 15),
    ]);
  }
  for (const sg of r.surge ?? []) {
    rows.push([
      `Deadline-day surge, ${sg.label}: ${fmt(sg.officers)} officers reporting (pauses ${sg.thinkMs?.[0] / 1000}–${sg.thinkMs?.[1] / 1000} s), ${fmt(sg.updates)} messages`,
      'p99 < 2 s, 0 lost, ≥ 0.8 × offered',
      `${fmt(sg.throughputPerSecond)} msg/s; p50 ${fmt(sg.latencyMs.p50)} ms, p95 ${fmt(sg.latencyMs.p95)} ms, p99 ${fmt(sg.latencyMs.p99)} ms; 429s ${fmt(sg.rejected429)}; lost ${fmt(sg.lostReplies)}${sg.fanOut ? `; reminders sent meanwhile ${fmt(sg.fanOut.bulkSentDuringSurge)} (${fmt(sg.fanOut.perSecondDuringSurge)}/s)` : ''}; bot process ${fmt(sg.coresUsed)} cores, ${fmt(sg.cpuMsPerMessage)} ms CPU and ${fmt(sg.callsPerMessage)} API calls a message`,
      `offered ${fmt(sg.offeredPerSecond)} msg/s (all within the fake API's limits at this pace)`,
      fmt(sg.ratioToOffered),
      verdict(sg.latencyMs.p99 < 2000 && sg.lostReplies === 0 && sg.ratioToOffered >= 0.8),
    ]);
  }
  for (const ip of r.instances?.passes ?? []) {
    rows.push([
      `Surge on PostgreSQL, ${ip.label}: ${fmt(ip.officers)} officers (pauses 2–4 s), ${fmt(ip.updates)} messages`,
      'p99 < 2 s, 0 lost, ≥ 0.8 × offered',
      `${fmt(ip.throughputPerSecond)} msg/s; p50 ${fmt(ip.latencyMs.p50)} ms, p95 ${fmt(ip.latencyMs.p95)} ms, p99 ${fmt(ip.latencyMs.p99)} ms; 429s ${fmt(ip.rejected429)}; lost ${fmt(ip.lostReplies)}; bot processes ${fmt(ip.coresUsed)} cores, ${fmt(ip.cpuMsPerMessage)} ms CPU a message`,
      `offered ${fmt(ip.offeredPerSecond)} msg/s`,
      fmt(ip.ratioToOffered),
      verdict(ip.latencyMs.p99 < 2000 && ip.lostReplies === 0 && ip.ratioToOffered >= 0.8),
    ]);
  }
  const g = r.reports?.gap;
  if (g) {
    rows.push([
      `Gap report, one unit (${g.criteria} criteria), chat command "tiêu chí nào chưa đạt?"`,
      '< 5 ms',
      `p50 ${fmt(g.chatCommandMs.p50)} ms, p99 ${fmt(g.chatCommandMs.p99)} ms`,
      `"hướng dẫn" p50 ${fmt(g.baselineHelpMs.p50)} ms`,
      fmt(g.ratioChatToHelp),
      verdict(g.chatCommandMs.p50 < 5),
    ]);
    rows.push([
      'Gap report, data path (load answers, build, render), hot',
      '< 5 ms',
      `p50 ${fmt(g.dataPathMs.p50)} ms, p99 ${fmt(g.dataPathMs.p99)} ms`,
      '',
      '',
      verdict(g.dataPathMs.p50 < 5),
    ]);
    rows.push([
      'Gap report as the CLI user pays it: `cds-bot gaps --unit …` in a fresh process',
      '(reported)',
      `${fmt(g.cliProcessMs)} ms wall`,
      'the hot data path above',
      '',
      '–',
    ]);
  }
  const m = r.reports?.matrix;
  if (m) {
    rows.push([
      `Matrix data part: ${fmt(m.units)} units × ${m.criteria} criteria × 1 period (${fmt(m.answerRows)} answers)`,
      '< 300 ms',
      `median ${fmt(m.dataMs.median)} ms (first call ${fmt(m.dataMs.first)}, max ${fmt(m.dataMs.max)}); load ${fmt(m.loadAnswersMs)} + statuses ${fmt(m.computeStatusesMs)}`,
      `the previous path, same statuses checked: ${fmt(m.previousPathMs)} ms`,
      fmt(m.ratioToPreviousPath),
      verdict(m.dataMs.median < 300),
    ]);
    if (m.province)
      rows.push([
        `Matrix data part, one province (${m.province.name}: ${fmt(m.province.units)} units), as \`overview --province\` and /tonghop read it`,
        'grows with the province',
        `median ${fmt(m.province.dataMs)} ms`,
        `all ${fmt(m.units)} units ${fmt(m.dataMs.median)} ms`,
        fmt(m.dataMs.median ? Math.round((m.province.dataMs / m.dataMs.median) * 1000) / 1000 : undefined),
        verdict(m.province.dataMs < m.dataMs.median * (2 * (m.province.units / m.units) + 0.1)),
      ]);
    rows.push([
      'Matrix XLSX writing (exceljs)',
      '(reported apart)',
      `${fmt(m.xlsxMs)} ms, ${fmt(Math.round(m.xlsxBytes / 1024))} KB; peak RSS ${fmt(m.peakRssMb.afterXlsx)} MB`,
      '',
      '',
      '–',
    ]);
  }
  const w = r.web;
  if (w) {
    rows.push([
      `Web view, province page: ${fmt(w.units)} units × ${w.criteria} criteria, rendered on the server (status list, 300 a page)`,
      '< 300 ms, < 1 MB',
      `p50 ${fmt(w.list.ms.p50)} ms (p90 ${fmt(w.list.ms.p90)}), ${fmt(Math.round(w.list.bytes / 1024))} KB; filtered ${fmt(w.filtered.ms.p50)} ms`,
      `/tonghop in chat, same units: ${fmt(w.baselineOverviewMs.p50)} ms`,
      fmt(w.ratioToOverview),
      verdict(w.list.ms.p50 < 300 && w.list.bytes < 1024 * 1024),
    ]);
    rows.push([
      `Web view, matrix page: ${fmt(w.units)} units × ${w.criteria} criteria computed, 100 units a page`,
      '< 300 ms, < 1 MB',
      `p50 ${fmt(w.matrix.ms.p50)} ms (p90 ${fmt(w.matrix.ms.p90)}), ${fmt(Math.round(w.matrix.bytes / 1024))} KB`,
      `/tonghop in chat, same units: ${fmt(w.baselineOverviewMs.p50)} ms`,
      fmt(
        w.baselineOverviewMs.p50
          ? Math.round((w.matrix.ms.p50 / w.baselineOverviewMs.p50) * 100) / 100
          : undefined,
      ),
      verdict(w.matrix.ms.p50 < 300 && w.matrix.bytes < 1024 * 1024),
    ]);
  }
  const rem = r.reminders;
  if (rem) {
    rows.push([
      `Reminder planning, ${fmt(rem.planning.officers)} officers`,
      '',
      `p50 ${fmt(rem.planning.p50Ms)} ms`,
      '',
      '',
      '–',
    ]);
    for (const f of rem.runs ?? []) {
      rows.push([
        `Reminder fan-out, ${fmt(f.planned)} officers, ${f.label}`,
        `≤ 1.05 × ${fmt(f.floorSeconds)} s, 0 rejected`,
        `${fmt(f.totalSeconds)} s; sent ${fmt(f.sent)}, failed ${fmt(f.failed)}, 429s ${fmt(f.rejected429)}, duplicates ${fmt(f.duplicates)}`,
        `floor N/30 = ${fmt(f.floorSeconds)} s; N/pace = ${fmt(f.paceFloorSeconds)} s (× ${fmt(f.ratioToPaceFloor)})`,
        fmt(f.ratioToFloor),
        verdict(f.ratioToFloor <= 1.05 && f.rejected429 === 0 && f.failed === 0),
      ]);
    }
  }
  for (const [label, mem] of [
    [
      `compiled JS as \`npm start\` runs it: node ${(r.startup?.execArgv ?? []).filter((a: string) => a.startsWith('--') && a !== '--expose-gc' && !a.startsWith('--input-type')).join(' ')}`,
      r.memory,
    ],
    ['through tsx, default V8 settings, as before the build', r.memoryTsx],
  ] as const) {
    if (!mem) continue;
    rows.push([
      `Peak RSS, ${fmt(mem.officers)} officers registered, serving (${label}): a reminder run of ${fmt(mem.plannedReminders)} reminders (planned and sent a page of 2,000 officers at a time), ${mem.walkers} walk-throughs (${fmt(mem.updates)} updates)`,
      '< 150 MB',
      `${fmt(mem.peakRssMb)} MB (after createApp ${fmt(mem.peakRssByPhaseMb?.afterCreateApp)}, after plan ${fmt(mem.peakRssByPhaseMb?.afterPlan)}); heap kept after GC ${fmt(mem.afterFullGc?.heapUsedMb)} MB`,
      `RSS after the imports ${fmt(mem.rssAfterImportsMb)} MB (${mem.runtime === 'tsx' ? 'node + tsx' : 'node'} alone ${fmt(mem.rssAtBootMb)} MB); walk-throughs ${fmt(mem.walkUpdatesPerSecond)} upd/s`,
      fmt(mem.ratioToImports),
      verdict(mem.peakRssMb < 150),
    ]);
  }
  const s = r.startup;
  if (s) {
    rows.push([
      `Start-up to ready, ${fmt(s.officers)} officers: process start → createApp, Telegram started, first reminder plan`,
      '',
      `${fmt(s.timeToReadyMs)} ms (${s.runtime === 'tsx' ? 'node + tsx' : 'node'} ${fmt(s.nodeAndTsxBootMs)}, imports ${fmt(s.importsMs)}, createApp ${fmt(s.createAppFirstMs)} first / ${fmt(s.createAppWarmMs)} warm, Telegram start-up calls ${fmt(s.telegramStartMs)}, first reminder plan ${fmt(s.firstPlanMs)})`,
      '',
      '',
      '–',
    ]);
    rows.push([
      '`node bin/cds-bot.js --help` wall time',
      '',
      `${fmt(s.help.wallMs)} ms`,
      `\`node -e 0\` ${fmt(s.help.baselineNodeMs)} ms; \`node --import tsx -e 0\` ${fmt(s.help.baselineNodeTsxMs)} ms`,
      fmt(s.help.ratioToNode),
      '–',
    ]);
  }
  const head = ['what', 'target', 'measured', 'baseline (same run)', 'ratio', 'target met?'];
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [
    `Run ${r.generatedAt} (${r.mode}), ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGb} GB, Node ${r.machine.node}; ${fmt(r.durationSeconds)} s in all.${Object.entries(
      r.rerun ?? {},
    )
      .map(([part, at]) => ` The ${part} rows were measured again on their own at ${at}.`)
      .join('')}`,
    '',
    line(head),
    line(head.map(() => '---')),
    ...rows.map(line),
  ].join('\n');
}

function writeDoc(table: string): void {
  let doc: string;
  try {
    doc = readFileSync(DOC, 'utf8');
  } catch {
    doc = `# Performance\n\n${TABLE_START}\n${TABLE_END}\n`;
  }
  const start = doc.indexOf(TABLE_START);
  const end = doc.indexOf(TABLE_END);
  if (start < 0 || end < start) doc = `${doc.trimEnd()}\n\n${TABLE_START}\n${TABLE_END}\n`;
  const s = doc.indexOf(TABLE_START) + TABLE_START.length;
  writeFileSync(DOC, `${doc.slice(0, s)}\n${table}\n${doc.slice(doc.indexOf(TABLE_END))}`);
}

async function main() {
  const started = performance.now();
  const dir = tempDir('cds-bench-');
  const results: Json = {
    generatedAt: new Date().toISOString(),
    mode: QUICK ? 'quick' : FULL ? 'full (BENCH_FULL=1)' : 'default',
    machine: {
      node: process.versions.node,
      platform: `${process.platform} ${process.arch}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? '?',
      memoryGb: Math.round(totalmem() / 1024 ** 3),
    },
  };
  const errors: string[] = [];
  const merge = (name: string, r: Json) => {
    if (r?.error) errors.push(`${name}: ${r.error}`);
    else Object.assign(results, r);
  };
  try {
    const fixtureDb = join(dir.path, 'province.sqlite');
    console.log(`seeding the province fixture (${dir.path})`);
    results.fixture = (await child('seed.ts', { args: [fixtureDb] })).fixture;
    const copyOf = (from: string, name: string) => {
      const path = join(dir.path, `${name}.sqlite`);
      copyFileSync(from, path);
      return path;
    };
    /** Each benchmark gets its own copy: a walk-through or a fan-out must not change what the next sees. */
    const copy = (name: string) => {
      const path = join(dir.path, `${name}.sqlite`);
      copyFileSync(fixtureDb, path);
      return { BENCH_PROVINCE_DB: path, BENCH_SAMPLE_USER: String(results.fixture?.sampleUser ?? '1000000') };
    };
    // The service runs with production's V8 flags (npm start): every pass of the send path with them.
    const { nodeFlags } = await import('../bin/build.js');
    console.log('walk-through throughput (production bot vs a bare grammY echo bot, same fake Bot API)');
    merge('walkthrough', await child('walkthrough.ts', { flags: nodeFlags(), env: copy('walk') }));
    console.log('a quarter after a complete quarter, against the first quarter walked in full');
    merge('quarter', await child('quarter.ts', { flags: nodeFlags() }));
    console.log('deadline-day surge, officers alone, then with the reminder fan-out');
    results.surge = [];
    // The issue's 2,000 officers at once, alone and with the fan-out; then 600 with the fan-out: what
    // one process serves within the targets on this machine (docs/PERFORMANCE.md, in plain words).
    for (const [name, args, officers] of [
      ['surge', [], undefined],
      ['surge-fan-out', ['--fan-out'], undefined],
      ['surge-600-fan-out', ['--fan-out'], '600'],
    ] as const) {
      const env = { ...copy(name), ...(officers && !QUICK ? { BENCH_SURGE_OFFICERS: officers } : {}) };
      const r = await child('surge.ts', { flags: nodeFlags(), env, args: [...args] });
      if (r.error) merge(name, r);
      else results.surge.push(r.surge);
    }
    console.log('the surge on PostgreSQL, one instance then two (needs BENCH_PG_URL or TEST_DATABASE_URL)');
    merge('instances', await child('instances.ts', { flags: nodeFlags() }));
    console.log('gap report and matrix');
    merge('reports', await child('reports.ts', { env: copy('reports') }));
    console.log('the web view: the province page and the matrix page, rendered on the server');
    merge('web', await child('web.ts', { env: copy('web') }));
    console.log('reminder planning and fan-out');
    merge('reminders', await child('reminders.ts', { flags: nodeFlags(), env: copy('reminders') }));
    console.log('start-up and peak RSS');
    // Memory is measured with 30,000 officers registered (the target's size): a fixture of its own.
    const big = join(dir.path, 'officers-30k.sqlite');
    const bigOfficers = QUICK ? '3000' : '30000';
    await child('seed.ts', { args: [big], env: { BENCH_OFFICERS: bigOfficers } });
    merge(
      'startup',
      await child('startup.ts', {
        env: { BENCH_PROVINCE_DB: copyOf(big, 'officers-30k-a'), BENCH_SAMPLE_USER: '1000000' },
        flags: ['--expose-gc'],
      }),
    );
    console.log('peak RSS again through tsx with the default V8 settings (how it ran before the build)');
    const tsx = await child('startup.ts', {
      env: {
        BENCH_PROVINCE_DB: copyOf(big, 'officers-30k-b'),
        BENCH_SPAWNS: '1',
        BENCH_STARTUP_RUNTIME: 'tsx',
      },
      flags: ['--expose-gc'],
    });
    if (tsx.error) merge('through tsx', tsx);
    else results.memoryTsx = tsx.memory;
  } finally {
    dir.remove();
  }
  if (errors.length > 0) results.errors = errors;
  results.durationSeconds = Math.round((performance.now() - started) / 1000);
  const table = renderTable(results);
  console.log(`\n${table}\n`);
  // A quick run's figures are not the real ones: they go to the temp dir, not into the repository.
  const out = QUICK ? join(tmpdir(), 'cds-bench-results.quick.json') : join(ROOT, 'bench', 'results.json');
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`wrote ${out}`);
  if (!QUICK) {
    writeDoc(table);
    console.log(`updated the table in ${DOC}`);
  }
  if (errors.length > 0) {
    console.error(`benchmarks that failed:\n  ${errors.join('\n  ')}`);
    process.exitCode = 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
