/** The pages, rendered on the server from what src/app/web.ts computed. Strings only: fast at 3,321 units. */
import type { AnswerView, ChartsView, MatrixView, ProvinceView, UnitView, WebUnitRow } from '../app/web.js';
import type { Actor } from '../domain/access.js';
import { fold } from '../domain/answers/normalize.js';
import {
  formatDate,
  formatDateTime,
  periodLabel,
  periodTitle,
  STATUS_LABEL,
  targetLabel,
} from '../domain/messages/format.js';
import { STANDING_LABEL, WEB } from '../domain/messages/index.js';
import { STANDINGS, type Standing } from '../domain/report/standing.js';
import { MATRIX_LABELS, type MatrixStatus } from '../reports/matrix-labels.js';
import { BASE, chart, esc, layout, query } from './html.js';

export const LIST_PAGE_SIZE = 300;
export const MATRIX_PAGE_SIZE = 100;

/** A unit's page; `bo`: the framework, for a unit that reports on several in the period. */
const unitHref = (code: string, period: string, bo?: string) =>
  `${BASE}/don-vi/${encodeURIComponent(code)}${query({ ky: period, bo })}`;

function periodSelect(period: string, periods: readonly string[]): string {
  const options = periods.includes(period) ? periods : [...periods, period];
  return `<label>${esc(WEB.period)}<select name="ky">${options
    .map((p) => `<option value="${esc(p)}"${p === period ? ' selected' : ''}>${esc(periodTitle(p))}</option>`)
    .join('')}</select></label>`;
}

/** A table cell labelled for the phone's stacked layout; empty when there is nothing to show. */
function cell(label: string, value: string | null | undefined): string {
  return value ? `<td data-l="${esc(label)}">${esc(value)}</td>` : '<td></td>';
}

function standingBadge(s: Standing): string {
  return `<span class="st ${s}">${esc(STANDING_LABEL[s])}</span>`;
}

// ---------------------------------------------------------------------------------------------
// The province (or area) list

export interface ListQuery {
  area?: string;
  status?: Standing;
  framework?: string;
  q?: string;
  sort?: 'code' | 'name' | 'status' | 'answered' | 'met' | 'score' | 'submitted';
  dir?: 'asc' | 'desc';
  page: number;
}

const SORTS: Record<NonNullable<ListQuery['sort']>, (a: WebUnitRow, b: WebUnitRow) => number> = {
  code: (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  name: (a, b) => a.name.localeCompare(b.name, 'vi'),
  status: (a, b) => STANDINGS.indexOf(a.standing) - STANDINGS.indexOf(b.standing),
  answered: (a, b) => a.answered / (a.total || 1) - b.answered / (b.total || 1),
  met: (a, b) => a.met / (a.applicable || 1) - b.met / (b.applicable || 1),
  score: (a, b) => (a.score?.points ?? -1) - (b.score?.points ?? -1),
  submitted: (a, b) => (a.submittedAt?.getTime() ?? Infinity) - (b.submittedAt?.getTime() ?? Infinity),
};

/** The rows a query keeps, sorted (the list and its tests share it). */
export function filterRows(rows: readonly WebUnitRow[], q: ListQuery): WebUnitRow[] {
  const needle = q.q ? fold(q.q) : '';
  const kept = rows.filter(
    (r) =>
      (!q.area || r.areas.includes(q.area)) &&
      (!q.status || r.standing === q.status) &&
      (!q.framework || r.frameworkId === q.framework) &&
      (!needle || fold(r.name).includes(needle) || fold(r.code).includes(needle)),
  );
  const by = SORTS[q.sort ?? 'status'];
  const sign = q.dir === 'desc' ? -1 : 1;
  // Ties in the code order, so a page is the same page on every load.
  return kept.sort((a, b) => sign * by(a, b) || SORTS.code(a, b));
}

export function provincePage(
  actor: Actor,
  view: ProvinceView,
  q: ListQuery,
  periods: readonly string[],
): string {
  const { period } = view;
  const rows = filterRows(view.rows, q);
  const pages = Math.max(1, Math.ceil(rows.length / LIST_PAGE_SIZE));
  const page = Math.min(Math.max(1, q.page), pages);
  const shown = rows.slice((page - 1) * LIST_PAGE_SIZE, page * LIST_PAGE_SIZE);
  const keep = { ky: period, khu: q.area, tt: q.status, bo: q.framework, q: q.q, xep: q.sort, chieu: q.dir };
  const counts = new Map<Standing, number>();
  // The counts follow the area and the framework chosen (the status chips filter on top of them).
  const inArea = view.rows.filter(
    (r) => (!q.area || r.areas.includes(q.area)) && (!q.framework || r.frameworkId === q.framework),
  );
  for (const r of inArea) counts.set(r.standing, (counts.get(r.standing) ?? 0) + 1);
  const chips = STANDINGS.map(
    (s) =>
      `<a class="chip" href="${BASE}/${query({ ...keep, tt: q.status === s ? undefined : s })}"${q.status === s ? ' aria-current="true"' : ''}><span class="st ${s}">${esc(STANDING_LABEL[s])}</span><b>${counts.get(s) ?? 0}</b></a>`,
  ).join('');
  const filters = [
    `<form class="filters" method="get" action="${BASE}/">`,
    periodSelect(period, periods),
    view.areas.length > 0
      ? `<label>${esc(WEB.area)}<select name="khu"><option value="">${esc(WEB.allAreas)}</option>${view.areas
          .map((a) => `<option${a === q.area ? ' selected' : ''}>${esc(a)}</option>`)
          .join('')}</select></label>`
      : '',
    `<label>${esc(WEB.status)}<select name="tt"><option value="">${esc(WEB.allStatuses)}</option>${STANDINGS.map(
      (s) => `<option value="${s}"${s === q.status ? ' selected' : ''}>${esc(STANDING_LABEL[s])}</option>`,
    ).join('')}</select></label>`,
    view.frameworks.length > 1
      ? `<label>Bộ tiêu chí<select name="bo"><option value="">${esc(WEB.allStatuses)}</option>${view.frameworks
          .map(
            (f) =>
              `<option value="${esc(f.id)}"${f.id === q.framework ? ' selected' : ''}>${esc(f.name)}</option>`,
          )
          .join('')}</select></label>`
      : '',
    `<label>${esc(WEB.search)}<input type="search" name="q" value="${esc(q.q)}"></label>`,
    q.sort ? `<input type="hidden" name="xep" value="${esc(q.sort)}">` : '',
    q.dir ? `<input type="hidden" name="chieu" value="${esc(q.dir)}">` : '',
    `<button class="primary" type="submit">${esc(WEB.filter)}</button></form>`,
  ].join('');
  const head = (key: NonNullable<ListQuery['sort']>, label: string, cls = '') => {
    const active = (q.sort ?? 'status') === key;
    const dir = active && q.dir !== 'desc' ? 'desc' : 'asc';
    const mark = active ? (q.dir === 'desc' ? 'desc' : 'asc') : '';
    return `<th${cls ? ` class="${cls}"` : ''}><a class="${mark}" href="${BASE}/${query({ ...keep, xep: key, chieu: dir })}">${esc(label)}</a></th>`;
  };
  // Shown when every row has points (one scored framework, or the filter on it): points of
  // different frameworks side by side, or beside units without any, would not compare.
  const scored = shown.length > 0 && shown.every((r) => r.score);
  // Points over the level on two lines, so that the column fits a phone's width.
  const scoreCell = (r: WebUnitRow) =>
    scored
      ? `<td class="n">${r.score ? WEB.scoreCell(r.score).split(' · ').map(esc).join('<br>') : ''}</td>`
      : '';
  // A unit on several frameworks has a row each: its link names the framework.
  const several = new Set(
    shown.filter((r, i) => shown.findIndex((x) => x.code === r.code) !== i).map((r) => r.code),
  );
  const body = shown
    .map(
      (r) =>
        `<tr><td class="hide-sm">${esc(r.code)}</td><td><a href="${unitHref(r.code, period, several.has(r.code) ? r.frameworkId : undefined)}">${esc(r.name)}</a></td><td>${standingBadge(r.standing)}</td><td class="n">${r.answered}/${r.total}</td><td class="n">${r.met}/${r.applicable}</td>${scoreCell(r)}<td class="n hide-sm">${r.submittedAt ? formatDate(r.submittedAt) : ''}</td></tr>`,
    )
    .join('');
  const pager =
    pages > 1
      ? `<div class="pager">${page > 1 ? `<a href="${BASE}/${query({ ...keep, trang: page - 1 })}">${esc(WEB.previous)}</a>` : ''}<span>${esc(WEB.page(page, pages))}</span>${page < pages ? `<a href="${BASE}/${query({ ...keep, trang: page + 1 })}">${esc(WEB.next)}</a>` : ''}</div>`
      : '';
  const title = WEB.scopeTitle(`${WEB.province} ${view.scope}`, period);
  return layout(
    { title, actor, current: 'province', period },
    [
      `<h1>${esc(title)}</h1>`,
      `<p class="muted">${esc(WEB.units(inArea.length))}${view.due ? ` · ${esc(WEB.deadline(formatDate(view.due)))}` : ''}</p>`,
      `<div class="chips">${chips}</div>`,
      filters,
      `<div class="downloads"><a href="${BASE}/tai-ve/ma-tran${query({ ky: period, khu: q.area })}">${esc(WEB.matrixXlsx)}</a></div>`,
      `<p class="muted" id="count">${esc(WEB.shown(shown.length, rows.length))}</p>`,
      rows.length === 0
        ? `<p class="notice">${esc(WEB.noRows)}</p>`
        : `<div class="wrap"><table class="list"><thead><tr>${head('code', WEB.code, 'hide-sm')}${head('name', WEB.unitName)}${head('status', WEB.status)}${head('answered', WEB.answered, 'n')}${head('met', WEB.met, 'n')}${scored ? head('score', WEB.score, 'n') : ''}${head('submitted', WEB.submittedAt, 'n hide-sm')}</tr></thead><tbody>${body}</tbody></table></div>`,
      pager,
    ].join(''),
  );
}

// ---------------------------------------------------------------------------------------------
// One unit

export function unitPage(actor: Actor, v: UnitView, periods: readonly string[]): string {
  const { unit, period, report } = v;
  const code = encodeURIComponent(unit.code);
  const bo = v.several ? v.framework.id : undefined;
  const dl = (kind: string, format: string, label: string) =>
    `<a href="${BASE}/tai-ve/${kind}/${code}${query({ ky: period, dd: format, bo })}" download>${esc(label)}</a>`;
  const gaps =
    report.gaps.length === 0
      ? `<p>${esc(WEB.noGaps)}</p>`
      : `<div class="wrap"><table class="stack"><thead><tr><th>${esc(WEB.criterion)}</th><th>${esc(WEB.target)}</th><th>${esc(WEB.result)}</th><th>${esc(WEB.shortfall)}</th><th>${esc(WEB.difficulty)}</th><th>${esc(WEB.proposal)}</th></tr></thead><tbody>${report.gaps
          .map(
            (g) =>
              `<tr><td><a href="${BASE}/don-vi/${code}/tieu-chi/${encodeURIComponent(g.code)}${query({ ky: period, bo })}"><b>${esc(g.code)}</b></a> ${esc(g.text)}<br><span class="muted">${esc(STATUS_LABEL[g.status])}</span></td>${cell(WEB.target, g.target)}${cell(WEB.result, g.result)}${cell(WEB.shortfall, g.shortfall)}${cell(WEB.difficulty, g.difficulty)}${cell(WEB.proposal, g.proposal)}</tr>`,
          )
          .join('')}</tbody></table></div>`;
  const groups = `<div class="wrap"><table><thead><tr><th>${esc(WEB.group)}</th><th class="n">${esc(WEB.met)}</th></tr></thead><tbody>${report.groups
    .map((g) => `<tr><td>${esc(g.code)}. ${esc(g.name)}</td><td class="n">${g.met}/${g.total}</td></tr>`)
    .join('')}</tbody></table></div>`;
  const history = [...v.history].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  const historyTable =
    history.length === 0
      ? `<p>${esc(WEB.noHistory)}</p>`
      : `<div class="wrap"><table class="stack"><thead><tr><th>${esc(WEB.period)}</th><th>${esc(WEB.unitName)}</th><th class="n">${esc(WEB.answered)}</th><th class="n">${esc(WEB.met)}</th></tr></thead><tbody>${history
          .map(
            (h) =>
              `<tr><td>${esc(periodTitle(h.period))}</td><td>${esc(h.predecessor ? WEB.predecessor(h.unitName) : h.unitName)}</td><td class="n" data-l="${esc(WEB.answered)}">${h.answered}/${h.total}</td><td class="n" data-l="${esc(WEB.met)}">${h.met}/${h.applicable}</td></tr>`,
          )
          .join('')}</tbody></table></div>`;
  const own = history.filter((h) => !h.predecessor);
  const line = chart(
    'unit-progress',
    WEB.chartUnitProgress,
    {
      type: 'line',
      data: {
        labels: own.map((h) => periodTitle(h.period)),
        datasets: [
          {
            label: WEB.metCount,
            data: own.map((h) => h.met),
            borderColor: '#0b57d0',
            backgroundColor: '#0b57d0',
          },
        ],
      },
      options: { scales: { y: { beginAtZero: true, suggestedMax: report.applicable } } },
    },
    '',
  );
  const title = `${unit.name} (${unit.code})`;
  const facts = [
    `<span>${standingBadge(v.standing)}</span>`,
    `<span>${esc(WEB.answered)}: <b>${report.totals.met + report.totals.notMet + report.totals.inProgress + report.totals.unknown + report.totals.notApplicable}/${report.totals.criteria}</b> tiêu chí</span>`,
    `<span>${esc(WEB.met)}: <b>${report.totals.met}/${report.applicable}</b></span>`,
    ...(report.score ? [`<span>${esc(WEB.score)}: <b>${esc(WEB.scoreCell(report.score))}</b></span>`] : []),
    v.submittedAt ? `<span>${esc(WEB.submittedAt)}: ${esc(formatDateTime(v.submittedAt))}</span>` : '',
  ].join('');
  return layout(
    {
      title,
      actor,
      current: 'unit',
      period,
      charts: true,
      ...(actor.role === 'officer' ? { ownUnit: unit.code } : {}),
    },
    [
      actor.role !== 'officer'
        ? `<p><a href="${BASE}/${query({ ky: period })}">${esc(WEB.back)}</a></p>`
        : '',
      `<h1>${esc(title)}</h1>`,
      `<p class="muted">${esc(unit.province)} · ${esc(v.framework.name)} · ${esc(periodTitle(period))}</p>`,
      `<form class="filters" method="get" action="${BASE}/don-vi/${code}">${periodSelect(period, periods)}<button class="primary" type="submit">${esc(WEB.filter)}</button></form>`,
      `<div class="facts">${facts}</div>`,
      `<h2>${esc(WEB.downloads)}</h2><div class="downloads">${dl('phu-luc', 'docx', WEB.appendixDocx)}${dl('phu-luc', 'xlsx', WEB.appendixXlsx)}${dl('kho-khan', 'docx', WEB.difficultiesDocx)}</div>`,
      `<h2>${esc(WEB.gaps)} (${report.gaps.length})</h2>`,
      gaps,
      v.proposals ? `<h2>${esc(WEB.proposals)}</h2><p class="answer">${esc(v.proposals)}</p>` : '',
      `<h2>${esc(WEB.results)}</h2>`,
      groups,
      `<h2>${esc(WEB.history)}</h2>`,
      line,
      historyTable,
      `<h2>${esc(WEB.people)}</h2>`,
      v.people.length > 0
        ? `<ul class="people">${v.people.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>`
        : `<p>${esc(WEB.noPeople)}</p>`,
    ].join(''),
  );
}

// ---------------------------------------------------------------------------------------------
// One criterion's answer with its history

const ACTION_LABEL: Record<string, string> = {
  answer: 'trả lời',
  difficulty: 'khó khăn',
  proposal: 'đề xuất',
  clear: 'xóa',
};

export function answerPage(actor: Actor, v: AnswerView): string {
  const code = encodeURIComponent(v.unit.code);
  const blocks = v.questions.map((q) => {
    const a = q.answer;
    const rows = q.history
      .map(
        (h) =>
          `<tr><td>${esc(formatDateTime(new Date(h.recordedAt)))} · ${esc(periodTitle(h.period))} · ${esc(ACTION_LABEL[h.action] ?? h.action)}</td><td>${h.label ? `<b>${esc(h.label)}</b> ` : ''}${h.raw && h.raw !== h.label ? `<span class="muted">“${esc(h.raw)}”</span>` : ''}${h.carriedFrom ? ` <span class="muted">(${esc(WEB.carriedFrom(h.carriedFrom))})</span>` : ''}</td>${cell(WEB.difficulty, h.difficulty)}<td class="hide-sm">${esc(h.channel)}</td></tr>`,
      )
      .join('');
    return `<section class="answer"><h2>${esc(q.question.key)}${q.question.part ? ` — ${esc(q.question.text)}` : ''}</h2><dl><dt>${esc(WEB.target)}</dt><dd>${esc(targetLabel(q.question))}</dd><dt>${esc(WEB.result)}</dt><dd>${a ? `<b>${esc(a.label)}</b>${a.raw ? ` <span class="muted">(“${esc(a.raw)}”)</span>` : ''}` : esc(WEB.noAnswer)}</dd>${a?.difficulty ? `<dt>${esc(WEB.difficulty)}</dt><dd>${esc(a.difficulty)}</dd>` : ''}${a?.proposal ? `<dt>${esc(WEB.proposal)}</dt><dd>${esc(a.proposal)}</dd>` : ''}<dt>Minh chứng</dt><dd>${esc(WEB.evidence(q.evidence.length))}${q.evidence.length > 0 ? `<ul class="people">${q.evidence.map((e) => `<li>${esc(WEB.evidenceKind(e.kind))}${e.fileName ? ` “${esc(e.fileName)}”` : ''}${e.caption ? ` — ${esc(e.caption)}` : ''} <span class="muted">(${esc(formatDateTime(e.at))})</span></li>`).join('')}</ul>` : ''}</dd></dl><h3>${esc(WEB.answerHistory)}</h3>${rows ? `<div class="wrap"><table class="stack"><thead><tr><th>Thời điểm · ${esc(WEB.period)} · thao tác</th><th>${esc(WEB.result)}</th><th>${esc(WEB.difficulty)}</th><th class="hide-sm">Kênh</th></tr></thead><tbody>${rows}</tbody></table></div>` : `<p>${esc(WEB.noAnswer)}</p>`}</section>`;
  });
  const title = `${WEB.answerOf(v.criterion.code)} · ${v.unit.name}`;
  return layout(
    {
      title,
      actor,
      current: 'unit',
      period: v.period,
      ...(actor.role === 'officer' ? { ownUnit: v.unit.code } : {}),
    },
    [
      `<p><a href="${BASE}/don-vi/${code}${query({ ky: v.period, bo: v.frameworkId })}">${esc(WEB.back)}</a></p>`,
      `<h1>${esc(v.unit.name)}: ${esc(WEB.answerOf(v.criterion.code))} — ${esc(periodLabel(v.period))}</h1>`,
      `<p>${esc(v.criterion.text)}</p>`,
      ...blocks,
    ].join(''),
  );
}

// ---------------------------------------------------------------------------------------------
// The matrix

export function matrixPage(
  actor: Actor,
  view: MatrixView,
  opts: { period: string; periods: readonly string[]; area?: string; framework?: string },
): string {
  const { period } = opts;
  const { data, page, pages } = view;
  const shown = data?.units ?? [];
  const total = view.total;
  const keep = { ky: period, khu: opts.area, bo: opts.framework };
  const criteria = data?.criteria ?? [];
  const k = `?ky=${encodeURIComponent(period)}${opts.framework ? `&amp;bo=${encodeURIComponent(opts.framework)}` : ''}`;
  const labels = MATRIX_LABELS as Record<string, { label: string }>;
  const rows = shown
    .map((u) => {
      const c = encodeURIComponent(u.code);
      const cells = u.statuses
        .map((s, i) => {
          const label = labels[s]?.label ?? '';
          const crit = criteria[i]?.code ?? '';
          return `<td class="${s}"><a href="${BASE}/don-vi/${c}/tieu-chi/${crit}${k}">${label || '·'}</a></td>`;
        })
        .join('');
      return `<tr><td class="u"><a href="${BASE}/don-vi/${c}${k}">${esc(u.name)}</a></td>${cells}<td class="n">${u.met}/${u.applicable}</td></tr>`;
    })
    .join('');
  const groupRow = (data?.groups ?? [])
    .map((g) => `<th colspan="${g.criteria.length}" title="${esc(g.name)}">${esc(g.code)}</th>`)
    .join('');
  const codeRow = criteria.map((c) => `<th title="${esc(c.text)}">${esc(c.code)}</th>`).join('');
  const legend = (Object.keys(MATRIX_LABELS) as MatrixStatus[])
    .map((s) => {
      const label = MATRIX_LABELS[s].label || '·';
      return `<span class="${s}">${esc(label === STATUS_LABEL[s] ? label : `${label} = ${STATUS_LABEL[s]}`)}</span>`;
    })
    .join('');
  const pager =
    pages > 1
      ? `<div class="pager">${page > 1 ? `<a href="${BASE}/ma-tran${query({ ...keep, trang: page - 1 })}">${esc(WEB.previous)}</a>` : ''}<span>${esc(WEB.page(page, pages))} · ${esc(WEB.units(total))}</span>${page < pages ? `<a href="${BASE}/ma-tran${query({ ...keep, trang: page + 1 })}">${esc(WEB.next)}</a>` : ''}</div>`
      : `<div class="pager">${esc(WEB.units(total))}</div>`;
  const filters = [
    `<form class="filters" method="get" action="${BASE}/ma-tran">`,
    periodSelect(period, opts.periods),
    view.areas.length > 0
      ? `<label>${esc(WEB.area)}<select name="khu"><option value="">${esc(WEB.allAreas)}</option>${view.areas
          .map((a) => `<option${a === opts.area ? ' selected' : ''}>${esc(a)}</option>`)
          .join('')}</select></label>`
      : '',
    view.frameworks.length > 1
      ? `<label>Bộ tiêu chí<select name="bo">${view.frameworks
          .map(
            (f) =>
              `<option value="${esc(f.id)}"${f.id === data?.framework.id ? ' selected' : ''}>${esc(f.name)}</option>`,
          )
          .join('')}</select></label>`
      : '',
    `<button class="primary" type="submit">${esc(WEB.filter)}</button></form>`,
  ].join('');
  const title = `${WEB.matrix} — ${periodLabel(period)}`;
  return layout(
    { title, actor, current: 'matrix', period },
    [
      `<h1>${esc(title)}</h1>`,
      data ? `<p class="muted">${esc(data.framework.name)}</p>` : '',
      filters,
      `<div class="downloads"><a href="${BASE}/tai-ve/ma-tran${query({ ky: period, khu: opts.area })}" download>${esc(WEB.matrixXlsx)}</a></div>`,
      `<div class="legend">${legend}</div>`,
      pager,
      `<div class="wrap m-wrap"><table class="m"><thead><tr><th class="u" rowspan="2">${esc(WEB.unitName)}</th>${groupRow}<th rowspan="2">${esc(WEB.met)}</th></tr><tr>${codeRow}</tr></thead><tbody>${rows}</tbody></table></div>`,
    ].join(''),
  );
}

// ---------------------------------------------------------------------------------------------
// The charts

function dataTable(head: string[], rows: Array<Array<string | number>>): string {
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

export function chartsPage(actor: Actor, v: ChartsView, periods: readonly string[]): string {
  const blue = '#0b57d0';
  const share = chart(
    'share',
    WEB.chartShare,
    {
      type: 'bar',
      data: {
        labels: v.share.map((s) => s.code),
        datasets: [{ label: WEB.metShare, data: v.share.map((s) => s.percent), backgroundColor: blue }],
      },
      options: { scales: { y: { beginAtZero: true, max: 100 } }, plugins: { legend: { display: false } } },
    },
    dataTable(
      [WEB.criterion, WEB.metShare],
      v.share.map((s) => [s.code, s.percent]),
    ),
  );
  const progress = chart(
    'progress',
    WEB.chartProgress,
    {
      type: 'line',
      data: {
        labels: v.progress.map((p) => periodTitle(p.period)),
        datasets: [
          {
            label: WEB.unitsSubmitted,
            data: v.progress.map((p) => p.submitted),
            borderColor: blue,
            backgroundColor: blue,
            yAxisID: 'y',
          },
          {
            label: WEB.metShare,
            data: v.progress.map((p) => p.metPercent),
            borderColor: '#1e8e3e',
            backgroundColor: '#1e8e3e',
            yAxisID: 'y1',
          },
        ],
      },
      options: {
        scales: {
          y: { beginAtZero: true, position: 'left' },
          y1: { beginAtZero: true, max: 100, position: 'right', grid: { drawOnChartArea: false } },
        },
      },
    },
    dataTable(
      [WEB.period, WEB.unitsSubmitted, WEB.metShare],
      v.progress.map((p) => [periodTitle(p.period), p.submitted, p.metPercent]),
    ),
  );
  const histogram = chart(
    'histogram',
    WEB.chartHistogram,
    {
      type: 'bar',
      data: {
        labels: v.histogram.map((_, i) => String(i)),
        datasets: [
          {
            label: WEB.unitsCount,
            data: v.histogram,
            backgroundColor: '#7b61ff',
            barPercentage: 1,
            categoryPercentage: 1,
          },
        ],
      },
      options: {
        plugins: { legend: { display: false } },
        scales: {
          x: { title: { display: true, text: WEB.metCount } },
          y: { beginAtZero: true, title: { display: true, text: WEB.unitsCount } },
        },
      },
    },
    dataTable(
      [WEB.metCount, WEB.unitsCount],
      v.histogram.map((n, i) => [i, n]),
    ),
  );
  const dueIndex = v.timeline.due ? v.timeline.days.indexOf(v.timeline.due) : -1;
  const timeline = chart(
    'timeline',
    WEB.chartTimeline,
    {
      type: 'bar',
      data: {
        labels: v.timeline.days.map((d) => `${d.slice(8, 10)}/${d.slice(5, 7)}`),
        datasets: [
          {
            label: WEB.unitsSubmitted,
            data: v.timeline.cumulative,
            backgroundColor: v.timeline.days.map((d) =>
              v.timeline.due && d > v.timeline.due ? '#e37400' : blue,
            ),
          },
        ],
      },
      options: {
        plugins: {
          legend: { display: false },
          subtitle:
            dueIndex >= 0
              ? {
                  display: true,
                  text: WEB.deadlineLegend(formatDate(new Date(`${v.timeline.due}T00:00:00Z`))),
                }
              : { display: false },
        },
        scales: { y: { beginAtZero: true, suggestedMax: v.units } },
      },
    },
    dataTable(
      ['Ngày', WEB.unitsSubmitted],
      v.timeline.days.map((d, i) => [
        `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}${d === v.timeline.due ? ' (hạn nộp)' : ''}`,
        v.timeline.cumulative[i] ?? 0,
      ]),
    ),
  );
  const title = `${WEB.charts} ${v.scope} — ${periodLabel(v.period)}`;
  return layout(
    { title, actor, current: 'charts', period: v.period, charts: true },
    [
      `<h1>${esc(title)}</h1>`,
      `<p class="muted">${esc(WEB.units(v.units))}${v.framework ? ` · ${esc(v.framework.name)}` : ''}</p>`,
      `<form class="filters" method="get" action="${BASE}/bieu-do">${periodSelect(v.period, periods)}<button class="primary" type="submit">${esc(WEB.filter)}</button></form>`,
      `<div class="charts">${share}${histogram}${timeline}${progress}</div>`,
    ].join(''),
  );
}
