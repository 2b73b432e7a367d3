/**
 * The web view's use cases (issue 17): the login link a chat gives, the browser's session, and what
 * each page shows, every unit filtered by `canSeeUnit` exactly as the chat's supervisor turn does.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type Actor, canSeeUnit } from '../domain/access.js';
import { judgedOn } from '../domain/catalog/groups.js';
import { listQuestions } from '../domain/catalog/load.js';
import type { Framework, Question } from '../domain/catalog/types.js';
import type { WebCommand } from '../domain/dialog/web.js';
import { perFramework } from '../domain/evaluation/statuses.js';
import { unitStatusFor } from '../domain/evaluation/unit-status.js';
import { answerLabel } from '../domain/messages/format.js';
import { msg } from '../domain/messages/index.js';
import { scopeLabel } from '../domain/messages/supervisor.js';
import { deadlineFor } from '../domain/periods/deadlines.js';
import {
  currentQuarter,
  fromKey,
  type Period,
  periodKey,
  previousPeriod,
} from '../domain/periods/periods.js';
import { buildGapReport, type GapReport } from '../domain/report/gaps.js';
import type { HistoryEntry } from '../domain/report/history.js';
import { type Standing, standingOf } from '../domain/report/standing.js';
import { unitAt, unitsAt } from '../domain/units/frameworks.js';
import { activeInPeriod } from '../domain/units/lifecycle.js';
import { matrixData, matrixTitle, matrixUnits } from '../reports/data.js';
import type { MatrixData } from '../reports/types.js';
import {
  type HistoryRow,
  loadAnswers,
  loadEvidence,
  loadHistory,
  loadPeriodAnswerLists,
} from '../storage/answers.js';
import { countOfficersByUnit, findActorById, listAreas, listOfficerNames } from '../storage/officers.js';
import { listSubmissionsForPeriod, loadSubmissions } from '../storage/submissions.js';
import { findUnitByCode, listUnits, type UnitRecord } from '../storage/units.js';
import {
  addWebToken,
  consumeWebLink,
  findWebSession,
  pruneWebTokens,
  revokeWebSession,
  revokeWebTokensOf,
} from '../storage/web-tokens.js';
import { makeDocument, matrixWorkbooks, provinceMatrices } from './documents.js';
import { unitHistory } from './history.js';
import type { AppDeps, OutFile, Outgoing } from './types.js';

/** A login link lives 10 minutes and opens one session. */
export const LINK_MINUTES = 10;
/** A session lasts a working day. */
export const SESSION_HOURS = 10;

/** The SHA-256 of a token: what the database keeps and looks up (the lookup reveals nothing of the token). */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** 256 random bits, URL-safe. */
function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Where the web view is reached: PUBLIC_URL's /web, or this machine's HTTP port. */
export function webBase(deps: Pick<AppDeps, 'webUrl'>): string {
  return (deps.webUrl ?? 'http://localhost:8080').replace(/\/+$/, '');
}

/** A one-time login link for a person; the token is in the returned URL only, never stored or logged. */
export async function issueWebLink(
  deps: AppDeps,
  personId: number,
  now: Date,
): Promise<{ url: string; expiresAt: Date }> {
  await pruneWebTokens(deps.db, now);
  const token = newToken();
  const expiresAt = new Date(now.getTime() + LINK_MINUTES * 60_000);
  await addWebToken(deps.db, { hash: tokenHash(token), kind: 'link', personId, now, expiresAt });
  deps.logger?.info({ personId }, 'web login link issued');
  return { url: `${webBase(deps)}/web/dang-nhap?t=${token}`, expiresAt };
}

/** Opens a session with a login link (once); the session's token goes into the cookie. */
export async function openWebSession(
  deps: AppDeps,
  linkToken: string,
  now: Date,
): Promise<{ token: string; actor: Actor; expiresAt: Date } | undefined> {
  if (linkToken.length < 20 || linkToken.length > 100) return undefined;
  const personId = await consumeWebLink(deps.db, tokenHash(linkToken), now);
  const actor = personId === undefined ? undefined : await findActorById(deps.db, personId);
  if (!actor) return undefined;
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  await addWebToken(deps.db, {
    hash: tokenHash(token),
    kind: 'session',
    personId: actor.personId,
    now,
    expiresAt,
  });
  deps.logger?.info({ personId: actor.personId }, 'web session opened');
  return { token, actor, expiresAt };
}

/** The person of a live session (read anew on every request: a role or scope changed in the meantime applies). */
export async function webActor(deps: AppDeps, sessionToken: string, now: Date): Promise<Actor | undefined> {
  if (sessionToken.length < 20 || sessionToken.length > 100) return undefined;
  const session = await findWebSession(deps.db, tokenHash(sessionToken), now);
  return session ? findActorById(deps.db, session.personId) : undefined;
}

/** Ends the session of a cookie. */
export async function endWebSession(deps: AppDeps, sessionToken: string, now: Date): Promise<void> {
  await revokeWebSession(deps.db, tokenHash(sessionToken), now);
}

/** "web" or "đăng xuất web" in chat, from any registered person. */
export async function webChatTurn(
  deps: AppDeps,
  actor: Actor,
  cmd: WebCommand,
  now: Date,
): Promise<Outgoing[]> {
  if (cmd === 'logout') {
    const ended = await revokeWebTokensOf(deps.db, actor.personId, now);
    deps.logger?.info({ personId: actor.personId, ended }, 'web sessions ended from chat');
    return [{ text: msg.webLoggedOut(ended) }];
  }
  const { url } = await issueWebLink(deps, actor.personId, now);
  const local = /^http:\/\/(localhost|127\.0\.0\.1)[:/]/.test(url);
  const text = msg.webLink(url, LINK_MINUTES, SESSION_HOURS);
  return [{ text: local ? `${text}\n${msg.webLinkLocal()}` : text }];
}

// ---------------------------------------------------------------------------------------------
// What the pages show

/** The period a page asks for ("2026-Q4", "2026"), or the current quarter. */
export function pagePeriod(raw: string | undefined, now: Date): string {
  return raw && fromKey(raw) ? raw : periodKey(currentQuarter(now));
}

/** The last `n` quarters up to `period` (oldest first): the periods a page offers and a chart spans. */
export function recentPeriods(period: string, n: number): string[] {
  const out: string[] = [];
  let p: Period | undefined = fromKey(period);
  for (let i = 0; i < n && p; i++) {
    out.unshift(periodKey(p));
    p = previousPeriod(p);
  }
  return out;
}

/** The label of the actor's scope: "tỉnh Thanh Hóa", "khu vực Cụm Bá Thước", "toàn quốc", or the unit. */
export function actorScopeLabel(actor: Actor, unitName?: string): string {
  if (actor.role === 'officer') return unitName ?? '';
  return scopeLabel(
    actor.role === 'admin'
      ? { role: 'admin' }
      : {
          role: 'supervisor',
          ...(actor.province ? { province: actor.province } : {}),
          ...(actor.area ? { area: actor.area } : {}),
        },
  );
}

/** One row of the province's list. */
export interface WebUnitRow {
  code: string;
  name: string;
  province: string;
  frameworkId: string;
  areas: string[];
  standing: Standing;
  answered: number;
  total: number;
  met: number;
  applicable: number;
  /** In a scored framework: the unit's points, the maximum and its level. */
  score?: { points: number; max: number; level: string | null };
  submittedAt?: Date;
}

export interface ProvinceView {
  period: string;
  scope: string;
  rows: WebUnitRow[];
  /** The named areas that hold units in scope (the area filter's choices). */
  areas: string[];
  frameworks: Array<{ id: string; name: string }>;
  /** The deadline of the period (the base calendar's). */
  due?: Date;
}

/** The units an actor may see that existed in the period, once for each framework it reports on then. */
async function unitsInScope(deps: AppDeps, actor: Actor, period: string): Promise<UnitRecord[]> {
  return (await listUnits(deps.db))
    .filter((u) => canSeeUnit(actor, u) && activeInPeriod(u, period))
    .flatMap((u) => unitsAt(u, period));
}

function provinceFilter(actor: Actor): { province?: string } {
  return actor.role === 'supervisor' && actor.province && !actor.areaUnitCodes
    ? { province: actor.province }
    : {};
}

/** The status list of every unit in scope for a period (also what the charts count). */
export async function provinceView(deps: AppDeps, actor: Actor, period: string): Promise<ProvinceView> {
  const units = await unitsInScope(deps, actor, period);
  const [answers, submissions, officers, areaRows] = await Promise.all([
    loadPeriodAnswerLists(deps.db, period, provinceFilter(actor)),
    listSubmissionsForPeriod(deps.db, period),
    countOfficersByUnit(deps.db),
    listAreas(deps.db),
  ]);
  const areasOf = new Map<string, string[]>();
  for (const r of areaRows) {
    const list = areasOf.get(r.unitCode);
    if (list) list.push(r.area);
    else areasOf.set(r.unitCode, [r.area]);
  }
  const statusOf = perFramework(unitStatusFor);
  const none = { keys: [], answers: [] };
  const rows: WebUnitRow[] = [];
  const frameworks = new Map<string, string>();
  for (const u of units) {
    const installed = deps.frameworks.get(u.frameworkId);
    if (!installed) continue;
    frameworks.set(installed.id, installed.name);
    // Judged with the targets of the unit's commune group and of the period's year.
    const sub = submissions.get(`${u.id}|${u.frameworkId}`);
    const s = statusOf(judgedOn(installed, u.group, period))(
      u,
      answers.get(`${u.id}|${u.frameworkId}`) ?? none,
    );
    rows.push({
      code: u.code,
      name: u.name,
      province: u.province,
      frameworkId: installed.id,
      areas: areasOf.get(u.code) ?? [],
      standing: standingOf({ submission: sub, answered: s.answered, officers: officers.get(u.id) ?? 0 }),
      answered: s.answered,
      total: s.total,
      met: s.met,
      applicable: s.applicable,
      ...(s.score ? { score: s.score } : {}),
      ...(sub ? { submittedAt: sub.submittedAt } : {}),
    });
  }
  const areas = [...new Set(rows.flatMap((r) => r.areas))].sort((a, b) => a.localeCompare(b, 'vi'));
  const p = fromKey(period);
  return {
    period,
    scope: actorScopeLabel(actor),
    rows,
    areas,
    frameworks: [...frameworks].map(([id, name]) => ({ id, name })),
    ...(p ? { due: deadlineFor(p, deps.calendar).due } : {}),
  };
}

/**
 * A unit the actor may see, by code; an unknown and a forbidden unit are the same undefined.
 * `frameworkId` picks one of the frameworks a unit on several reports on in the period (`?bo=`).
 */
export async function visibleUnit(
  deps: AppDeps,
  actor: Actor,
  code: string,
  period: string,
  frameworkId?: string,
): Promise<{ unit: UnitRecord; fw: Framework; several: boolean } | undefined> {
  const found = await findUnitByCode(deps.db, code);
  if (!found || !canSeeUnit(actor, found)) return undefined;
  // The framework the unit reports on in the period (the one asked for, when it is one of them),
  // with its group's and year's targets.
  const all = unitsAt(found, period);
  const unit = all.find((u) => u.frameworkId === frameworkId) ?? unitAt(found, period);
  const installed = deps.frameworks.get(unit.frameworkId);
  return installed
    ? { unit, fw: judgedOn(installed, unit.group, period), several: all.length > 1 }
    : undefined;
}

export interface UnitView {
  unit: UnitRecord;
  framework: Framework;
  /** The unit reports on several frameworks in the period: links name the framework (`?bo=`). */
  several: boolean;
  period: string;
  report: GapReport;
  standing: Standing;
  submittedAt?: Date;
  proposals?: string;
  history: HistoryEntry[];
  people: string[];
}

/** One unit's page: its gaps, results by group, history (predecessors included) and people's names. */
export async function unitView(
  deps: AppDeps,
  actor: Actor,
  code: string,
  period: string,
  frameworkId?: string,
): Promise<UnitView | undefined> {
  const found = await visibleUnit(deps, actor, code, period, frameworkId);
  if (!found) return undefined;
  const { unit, fw } = found;
  const scope = { unitId: unit.id, frameworkId: fw.id };
  const [byPeriod, subs, history, people] = await Promise.all([
    loadAnswers(deps.db, scope, [period]),
    loadSubmissions(deps.db, scope, [period]),
    unitHistory(deps.db, deps.frameworks, unit),
    listOfficerNames(deps.db, unit.id),
  ]);
  const answers = byPeriod.get(period) ?? new Map();
  const report = buildGapReport(
    fw,
    { code: unit.code, name: unit.name, province: unit.province },
    period,
    answers,
  );
  const sub = subs.get(period);
  const answered = listQuestions(fw).filter((q) => answers.has(q.key)).length;
  return {
    unit,
    framework: fw,
    several: found.several,
    period,
    report,
    standing: standingOf({ submission: sub, answered, officers: people.length }),
    ...(sub ? { submittedAt: sub.submittedAt } : {}),
    ...(sub?.proposals ? { proposals: sub.proposals } : {}),
    history,
    people,
  };
}

export interface AnswerView {
  unit: UnitRecord;
  /** The framework's id when the unit reports on several in the period. */
  frameworkId?: string;
  period: string;
  criterion: { code: string; text: string };
  questions: Array<{
    question: Question;
    answer?: { label: string; raw?: string; difficulty?: string; proposal?: string };
    history: Array<HistoryRow & { label: string }>;
    /** The evidence kept for this question in the period: what it is, never the file itself. */
    evidence: Array<{ kind: string; caption?: string; fileName?: string; at: Date }>;
  }>;
}

/** One criterion's answer of a unit for a period, with its history and how much evidence it has. */
export async function answerView(
  deps: AppDeps,
  actor: Actor,
  code: string,
  criterionCode: string,
  period: string,
  frameworkId?: string,
): Promise<AnswerView | undefined> {
  const found = await visibleUnit(deps, actor, code, period, frameworkId);
  if (!found) return undefined;
  const { unit, fw } = found;
  const questions = listQuestions(fw).filter((q) => q.criterion.code === criterionCode);
  const first = questions[0];
  if (!first) return undefined;
  const scope = { unitId: unit.id, frameworkId: fw.id };
  const [byPeriod, history, evidence] = await Promise.all([
    loadAnswers(deps.db, scope, [period]),
    loadHistory(deps.db, scope),
    loadEvidence(deps.db, scope, period),
  ]);
  const answers = byPeriod.get(period) ?? new Map();
  return {
    unit,
    ...(found.several ? { frameworkId: fw.id } : {}),
    period,
    criterion: { code: first.criterion.code, text: first.criterion.text },
    questions: questions.map((q) => {
      const a = answers.get(q.key);
      return {
        question: q,
        ...(a
          ? {
              answer: {
                label: answerLabel(q, a),
                ...(a.raw ? { raw: a.raw } : {}),
                ...(a.difficulty ? { difficulty: a.difficulty } : {}),
                ...(a.proposal ? { proposal: a.proposal } : {}),
              },
            }
          : {}),
        history: history
          .filter((h) => h.questionKey === q.key)
          .map((h) => ({ ...h, label: h.answer ? answerLabel(q, h.answer) : '' })),
        evidence: evidence
          .filter((e) => e.questionKey === q.key)
          .map((e) => ({
            kind: e.kind,
            ...(e.caption ? { caption: e.caption } : {}),
            ...(e.fileName ? { fileName: e.fileName } : {}),
            at: new Date(e.createdAt),
          })),
      };
    }),
  };
}

/** The matrix of the units in scope, one framework (the first in use unless named). */
export interface MatrixView {
  /** The statuses of the page's units only (`data.units`), with every criterion as columns. */
  data?: MatrixData;
  frameworks: Array<{ id: string; name: string }>;
  /** How many units the whole matrix has (over all pages), and the named areas to filter on. */
  total: number;
  page: number;
  pages: number;
  areas: string[];
}

/**
 * One page of the matrix: the units in scope (of an area, when named) of one framework, in code
 * order; only the page's units are computed, so a page costs the same in a province as in the country.
 */
export async function matrixView(
  deps: AppDeps,
  actor: Actor,
  period: string,
  opts: { frameworkId?: string; area?: string; page?: number; pageSize?: number } = {},
): Promise<MatrixView> {
  const [all, areaRows] = await Promise.all([unitsInScope(deps, actor, period), listAreas(deps.db)]);
  const inScope = new Set(all.map((u) => u.code));
  const areas = [...new Set(areaRows.filter((r) => inScope.has(r.unitCode)).map((r) => r.area))].sort(
    (a, b) => a.localeCompare(b, 'vi'),
  );
  const areaCodes = opts.area
    ? new Set(areaRows.filter((r) => r.area === opts.area).map((r) => r.unitCode))
    : undefined;
  const units = areaCodes ? all.filter((u) => areaCodes.has(u.code)) : all;
  const frameworks = [...new Set(units.map((u) => u.frameworkId))]
    .map((id) => deps.frameworks.get(id))
    .filter((f): f is Framework => f !== undefined)
    .map((f) => ({ id: f.id, name: f.name }));
  const fwId = frameworks.find((f) => f.id === opts.frameworkId)?.id ?? frameworks[0]?.id;
  const fw = fwId ? deps.frameworks.get(fwId) : undefined;
  const list = fw ? units.filter((u) => u.frameworkId === fw.id) : [];
  const size = opts.pageSize ?? list.length;
  const pages = Math.max(1, Math.ceil(list.length / Math.max(1, size)));
  const page = Math.min(Math.max(1, opts.page ?? 1), pages);
  const base = { frameworks, total: list.length, page, pages, areas };
  if (!fw) return base;
  const shown = list.slice((page - 1) * size, page * size);
  const [answers, submissions] = await Promise.all([
    loadPeriodAnswerLists(deps.db, period, provinceFilter(actor)),
    listSubmissionsForPeriod(deps.db, period),
  ]);
  const province = actor.role === 'supervisor' ? actor.province : undefined;
  return {
    ...base,
    data: matrixData(fw, period, matrixUnits(shown, fw.id, answers, submissions), matrixTitle(fw, province)),
  };
}

async function areaUnitCodes(deps: AppDeps, area: string): Promise<Set<string>> {
  return new Set((await listAreas(deps.db)).filter((r) => r.area === area).map((r) => r.unitCode));
}

/** The matrix workbook of the units in scope (the CLI's `overview`), or undefined when none. */
export async function matrixDownload(
  deps: AppDeps,
  actor: Actor,
  period: string,
  area?: string,
): Promise<OutFile | undefined> {
  const all = await unitsInScope(deps, actor, period);
  const codes = area ? await areaUnitCodes(deps, area) : undefined;
  const units = codes ? all.filter((u) => codes.has(u.code)) : all;
  if (units.length === 0) return undefined;
  const province = actor.role === 'supervisor' && !actor.areaUnitCodes ? actor.province : undefined;
  const parts = await provinceMatrices(deps.db, deps.frameworks, units, period, province);
  const [book] = await matrixWorkbooks(parts);
  if (!book) return undefined;
  return {
    fileName: `tong-hop-${period}.xlsx`,
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes: book.bytes,
  };
}

/** A unit's appendix (DOCX or XLSX) or difficulties report, as the chat and the CLI make them. */
export async function unitDownload(
  deps: AppDeps,
  actor: Actor,
  code: string,
  req: { kind: 'appendix' | 'difficulties'; format: 'docx' | 'xlsx'; period: string },
  frameworkId?: string,
): Promise<OutFile | undefined> {
  const found = await visibleUnit(deps, actor, code, req.period, frameworkId);
  if (!found) return undefined;
  return makeDocument(deps.db, found.fw, found.unit, req, deps.clock());
}

export interface ChartsView {
  period: string;
  scope: string;
  framework?: { id: string; name: string };
  /** Share of the units meeting each criterion (of those where it applies), in percent. */
  share: Array<{ code: string; text: string; percent: number }>;
  /** How many units met 0, 1, … n criteria. */
  histogram: number[];
  /** Units submitted by day (Vietnam), with the deadline's day. */
  timeline: { days: string[]; cumulative: number[]; due?: string };
  /** Over the last periods: units submitted and the share of criteria met. */
  progress: Array<{ period: string; submitted: number; metPercent: number }>;
  units: number;
}

function vnDay(d: Date): string {
  return new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** The four charts of the units in scope: share per criterion, met counts, submission timeline, progress. */
export async function chartsView(deps: AppDeps, actor: Actor, period: string): Promise<ChartsView> {
  const view = await provinceView(deps, actor, period);
  const { data } = await matrixView(deps, actor, period);
  const share = (data?.criteria ?? []).map((c, i) => {
    let met = 0;
    let applicable = 0;
    for (const u of data?.units ?? []) {
      const s = u.statuses[i];
      if (s === 'not_applicable') continue;
      applicable++;
      if (s === 'met') met++;
    }
    return {
      code: c.code,
      text: c.text,
      percent: applicable ? Math.round((1000 * met) / applicable) / 10 : 0,
    };
  });
  const maxMet = Math.max(0, ...view.rows.map((r) => r.applicable));
  const histogram = new Array<number>(maxMet + 1).fill(0);
  for (const r of view.rows) histogram[r.met] = (histogram[r.met] ?? 0) + 1;
  const byDay = new Map<string, number>();
  for (const r of view.rows)
    if (r.submittedAt) byDay.set(vnDay(r.submittedAt), (byDay.get(vnDay(r.submittedAt)) ?? 0) + 1);
  const due = view.due ? vnDay(view.due) : undefined;
  const days = [...new Set([...byDay.keys(), ...(due ? [due] : [])])].sort();
  let sum = 0;
  const cumulative = days.map((d) => (sum += byDay.get(d) ?? 0));
  const progress = [];
  for (const p of recentPeriods(period, 6)) {
    const v = p === period ? view : await provinceView(deps, actor, p);
    const met = v.rows.reduce((a, r) => a + r.met, 0);
    const applicable = v.rows.reduce((a, r) => a + r.applicable, 0);
    progress.push({
      period: p,
      submitted: v.rows.filter((r) => r.submittedAt).length,
      metPercent: applicable ? Math.round((1000 * met) / applicable) / 10 : 0,
    });
  }
  // Quarters before the first report would only draw zeros.
  while (progress.length > 1 && progress[0]?.submitted === 0 && progress[0]?.metPercent === 0)
    progress.shift();
  return {
    period,
    scope: view.scope,
    ...(data ? { framework: data.framework } : {}),
    share,
    histogram,
    timeline: { days, cumulative, ...(due ? { due } : {}) },
    progress,
    units: view.rows.length,
  };
}
