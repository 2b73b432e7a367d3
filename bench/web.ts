/**
 * The province's web view at national scale (issue 17): the status list and the matrix page of
 * every unit in scope (an administrator: 3,321 units × 37 criteria), rendered on the server through
 * the real Hono app (session cookie looked up, units filtered by scope, answers loaded, statuses
 * computed, HTML written), timed and weighed. Same-run baseline: the chat's "/tonghop" for the same
 * administrator over the same units (the supervisors' overview the web page replaces).
 */
import type { AppDeps } from '../src/app/types.js';
import { issueWebLink, openWebSession } from '../src/app/web.js';
import { registerPerson } from '../src/storage/officers.js';
import { createWebApp } from '../src/web/server.js';
import { emit, envInt, openApp, PERIOD, round, seedProvince, stats, tempDir, timeRepeated } from './lib.js';

export async function benchWeb(dbPath: string) {
  const app = await openApp(dbPath);
  const now = app.clock();
  const admin = { channel: 'telegram', externalId: 'bench-web-admin' };
  const personId = await registerPerson(app.db, { role: 'admin' }, admin, now);
  const deps: AppDeps = { db: app.db, frameworks: app.frameworks, clock: app.clock, calendar: app.calendar };
  const { url } = await issueWebLink(deps, personId, now);
  const session = await openWebSession(deps, new URL(url).searchParams.get('t') ?? '', now);
  if (!session) throw new Error('no session');
  const web = createWebApp(deps);
  const headers = { cookie: `cds_web=${session.token}` };
  const page = async (path: string) => {
    const res = await web.request(path, { headers });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    return body;
  };
  const list = await page(`/web/?ky=${PERIOD}`);
  const matrix = await page(`/web/ma-tran?ky=${PERIOD}`);
  const units = Number(/(\d[\d.]*) đơn vị/.exec(list)?.[1]?.replace(/\./g, '') ?? 0);
  const overview = async () => (await app.engine.handle(admin, `/tonghop ${PERIOD}`))[0]?.text ?? '';
  const sample = await overview();
  if (!sample.includes('đơn vị')) throw new Error(`unexpected /tonghop reply: ${sample.slice(0, 200)}`);
  const n = envInt('BENCH_WEB_RUNS', 30, 5);
  await timeRepeated(3, () => page(`/web/?ky=${PERIOD}`));
  await timeRepeated(3, overview);
  const ms = (samples: number[]) => {
    const s = stats(samples);
    return { p50: round(s.p50, 1), p90: round(s.p90, 1), max: round(s.max, 1) };
  };
  const listMs = ms(await timeRepeated(n, () => page(`/web/?ky=${PERIOD}`)));
  const filteredMs = ms(await timeRepeated(n, () => page(`/web/?ky=${PERIOD}&tt=not_started&q=xa`)));
  const matrixMs = ms(await timeRepeated(n, () => page(`/web/ma-tran?ky=${PERIOD}`)));
  const baselineMs = ms(await timeRepeated(n, overview));
  await app.close();
  return {
    units,
    criteria: 37,
    list: { ms: listMs, bytes: Buffer.byteLength(list) },
    filtered: { ms: filteredMs },
    matrix: { ms: matrixMs, bytes: Buffer.byteLength(matrix) },
    baselineOverviewMs: baselineMs,
    ratioToOverview: round(listMs.p50 / baselineMs.p50, 2),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let dir: ReturnType<typeof tempDir> | undefined;
  let dbPath = process.env.BENCH_PROVINCE_DB;
  if (!dbPath) {
    dir = tempDir('cds-bench-web-');
    dbPath = `${dir.path}/province.sqlite`;
    await seedProvince(dbPath, {
      units: envInt('BENCH_UNITS', 3321, 300),
      officers: envInt('BENCH_OFFICERS', 10_000, 1000),
    });
  }
  try {
    const r = await benchWeb(dbPath);
    console.log(
      `web view, ${r.units} units × ${r.criteria} criteria: status list p50 ${r.list.ms.p50} ms (${Math.round(r.list.bytes / 1024)} KB), matrix page p50 ${r.matrix.ms.p50} ms (${Math.round(r.matrix.bytes / 1024)} KB), filtered list p50 ${r.filtered.ms.p50} ms; /tonghop in chat p50 ${r.baselineOverviewMs.p50} ms`,
    );
    emit({ web: r });
  } finally {
    dir?.remove();
  }
}
