/** The pages' frame: escaping, the layout with its navigation, and small parts every page uses. */
import type { Actor } from '../domain/access.js';
import { WEB } from '../domain/messages/index.js';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function esc(value: string | number | undefined | null): string {
  const s = value === undefined || value === null ? '' : String(value);
  return /[&<>"']/.test(s) ? s.replace(/[&<>"']/g, (c) => ESC[c] ?? c) : s;
}

/** A query string from the values that are set, escaped for an attribute ("?ky=2026-Q4&amp;tt=late"). */
export function query(params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length > 0 ? `?${parts.join('&amp;')}` : '';
}

export const BASE = '/web';
export const ASSETS = `${BASE}/tai-nguyen`;

export interface LayoutOptions {
  title: string;
  actor?: Actor;
  /** The officer's own unit: their only page. */
  ownUnit?: string;
  /** Which navigation link is the current page. */
  current?: 'province' | 'matrix' | 'charts' | 'unit';
  period?: string;
  /** Loads Chart.js and the page script (pages with charts). */
  charts?: boolean;
}

/** A whole page: header with navigation and logout, the content, the scripts it needs. */
export function layout(o: LayoutOptions, body: string): string {
  const k = o.period ? query({ ky: o.period }) : '';
  const nav: string[] = [];
  if (o.actor && o.actor.role !== 'officer') {
    const link = (key: LayoutOptions['current'], href: string, label: string) =>
      `<a href="${href}"${o.current === key ? ' aria-current="page"' : ''}>${esc(label)}</a>`;
    nav.push(
      link('province', `${BASE}/${k}`, WEB.navProvince),
      link('matrix', `${BASE}/ma-tran${k}`, WEB.navMatrix),
      link('charts', `${BASE}/bieu-do${k}`, WEB.charts),
    );
  } else if (o.ownUnit) {
    nav.push(
      `<a href="${BASE}/don-vi/${encodeURIComponent(o.ownUnit)}${k}" aria-current="page">${esc(o.ownUnit)}</a>`,
    );
  }
  const logout = o.actor
    ? `<form method="post" action="${BASE}/dang-xuat" class="logout"><button type="submit">${esc(WEB.logout)}</button></form>`
    : '';
  const scripts = o.charts
    ? `<script src="${ASSETS}/chart.umd.min.js" defer></script><script src="${ASSETS}/app.js" defer></script>`
    : `<script src="${ASSETS}/app.js" defer></script>`;
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(o.title)} · ${esc(WEB.siteTitle)}</title><link rel="stylesheet" href="${ASSETS}/style.css">${scripts}</head><body><header class="top"><a class="brand" href="${BASE}/${k}">${esc(WEB.siteTitle)}</a><nav>${nav.join('')}</nav>${logout}</header><main>${body}</main></body></html>`;
}

/** A page that only says something (not logged in, not found, link used). */
export function notice(title: string, text: string, actor?: Actor): string {
  return layout(
    { title, ...(actor ? { actor } : {}) },
    `<h1>${esc(title)}</h1><p class="notice">${esc(text)}</p>`,
  );
}

/** A chart's canvas with its data for the page script; `fallback` is the same data as a table. */
export function chart(id: string, title: string, spec: unknown, fallback: string): string {
  const json = JSON.stringify(spec).replace(/</g, '\\u003c');
  return `<figure class="chart"><figcaption>${esc(title)}</figcaption><div class="canvas"><canvas id="${esc(id)}" role="img" aria-label="${esc(title)}"></canvas></div><script type="application/json" data-chart="${esc(id)}">${json}</script>${
    fallback
      ? `<details><summary>${esc(WEB.chartData)}</summary>${fallback}</details>`
      : `<noscript><p class="muted">${esc(WEB.chartsNeedJs)}</p></noscript>`
  }</figure>`;
}
