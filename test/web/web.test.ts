/**
 * The web view through its HTTP interface (Hono's request, no socket): the login a chat gives, the
 * cookie, every page and download for people in and out of scope, the filters, the unit's page.
 */
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app/create-app.js';
import type { AppDeps } from '../../src/app/types.js';
import { parseConfig } from '../../src/config.js';
import type { Identity } from '../../src/domain/access.js';
import { removePerson } from '../../src/storage/officers.js';
import { createWebApp } from '../../src/web/server.js';
import { fixedClock, say, withOfficer } from '../helpers.js';
import { PEOPLE, vn, webProvince } from './fixture.js';

let app: App;
let deps: AppDeps;
let clock: Awaited<ReturnType<typeof webProvince>>['clock'];
let web: ReturnType<typeof createWebApp>;

beforeAll(async () => {
  ({ app, deps, clock } = await webProvince());
  web = createWebApp(deps);
});

/** The link's token from what the chat answered to "web". */
async function linkFor(who: Identity, text = 'web'): Promise<string> {
  const reply = await say(app, who, text);
  const url = reply.match(/https?:\/\/\S+/)?.[0];
  if (!url) throw new Error(`no link in: ${reply}`);
  return new URL(url).searchParams.get('t') ?? '';
}

async function open(token: string) {
  return web.request('/web/dang-nhap', { method: 'POST', body: new URLSearchParams({ t: token }) });
}

/** Logs in as `who` and returns the cookie header to send. */
async function login(who: Identity): Promise<string> {
  const res = await open(await linkFor(who));
  expect(res.status).toBe(303);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function get(path: string, cookie?: string) {
  const res = await web.request(path, cookie ? { headers: { cookie } } : {});
  const type = res.headers.get('content-type') ?? '';
  const body = type.includes('html') ? await res.text() : '';
  const bytes = type.includes('html') ? 0 : (await res.arrayBuffer()).byteLength;
  return { status: res.status, body, bytes, type, res };
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('logging in from the chat', () => {
  it('gives the public address when PUBLIC_URL is set, without the note about this machine', async () => {
    const clock = fixedClock(vn('2026-12-01T09:00'));
    const pub = await createApp(parseConfig({ CDS_DB: ':memory:', PUBLIC_URL: 'https://cds.example.vn' }), {
      clock: clock.now,
      logger: pino({ level: 'silent' }),
    });
    const { who } = await withOfficer(pub);
    const reply = await say(pub, who, 'web');
    expect(reply).toContain('https://cds.example.vn/web/dang-nhap?t=');
    expect(reply).not.toContain('PUBLIC_URL');
    await pub.close();
  });

  it('gives a one-time link in chat, opens a session with a strict cookie, and refuses the link again', async () => {
    const reply = await say(app, PEOPLE.provinceSupervisor, '/web');
    expect(reply).toContain('dùng một lần, hiệu lực 10 phút');
    // No PUBLIC_URL here: the link names this machine, and the reply says where it opens.
    expect(reply).toContain('http://localhost:8080/web/dang-nhap?t=');
    expect(reply).toContain(
      'chỉ mở được trên máy chạy cds-bot, khi trang theo dõi đang chạy (lệnh "npx cds-bot web")',
    );
    const token = new URL(reply.match(/https?:\/\/\S+/)?.[0] ?? '').searchParams.get('t') ?? '';
    // A link preview (GET) shows a button and uses nothing up.
    const preview = await get(`/web/dang-nhap?t=${token}`);
    expect(text(preview.body)).toContain('Đăng nhập');
    const first = await open(token);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/web/');
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^cds_web=[\w-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Secure'); // PUBLIC_URL is https
    expect(cookie).toContain('Path=/web');
    // A working day: 10 hours from 09:00.
    expect(cookie).toContain(`Expires=${new Date(clock.now().getTime() + 10 * 3_600_000).toUTCString()}`);
    const again = await open(token);
    expect(again.status).toBe(403);
    expect(text(await again.text())).toContain('Gõ "web" trong chat');
  });

  it('refuses a link after its 10 minutes, and a session after its working day', async () => {
    const token = await linkFor(PEOPLE.provinceSupervisor);
    clock.set(new Date(clock.now().getTime() + 10 * 60_000 + 1000));
    expect((await open(token)).status).toBe(403);
    const cookie = await login(PEOPLE.provinceSupervisor);
    expect((await get('/web/', cookie)).status).toBe(200);
    clock.set(new Date(clock.now().getTime() + 10 * 3_600_000 + 1000));
    expect((await get('/web/', cookie)).status).toBe(401);
    clock.set(vn('2026-12-05T09:00'));
  });

  it('ends every session when the person types "đăng xuất web" in chat, and on the page\'s button', async () => {
    await say(app, PEOPLE.provinceSupervisor, 'đăng xuất web');
    const one = await login(PEOPLE.provinceSupervisor);
    const two = await login(PEOPLE.provinceSupervisor);
    expect(await say(app, PEOPLE.provinceSupervisor, 'dang xuat web')).toContain(
      '2 phiên đang mở đã kết thúc',
    );
    expect((await get('/web/', one)).status).toBe(401);
    expect((await get('/web/', two)).status).toBe(401);
    const three = await login(PEOPLE.provinceSupervisor);
    const out = await web.request('/web/dang-xuat', { method: 'POST', headers: { cookie: three } });
    expect(out.status).toBe(200);
    expect((await get('/web/', three)).status).toBe(401);
  });

  it('works for an officer in the middle of a question, who sees only their own unit', async () => {
    await say(app, PEOPLE.officerTT, 'báo cáo');
    const cookie = await login(PEOPLE.officerTT);
    const home = await get('/web/', cookie);
    expect(home.status).toBe(303);
    expect(home.res.headers.get('location')).toContain('/web/don-vi/TT');
    // The question still waits: "web" did not answer it.
    expect(await say(app, PEOPLE.officerTT, 'dừng')).not.toContain('Chưa hiểu');
  });

  it('closes the sessions of a removed person', async () => {
    const who = { channel: 'zalo', externalId: 'sup-removed' };
    const { registerPerson } = await import('../../src/storage/officers.js');
    const id = await registerPerson(app.db, { role: 'supervisor', province: 'Thanh Hóa' }, who, clock.now());
    const cookie = await login(who);
    expect((await get('/web/', cookie)).status).toBe(200);
    await removePerson(app.db, id, null, clock.now());
    expect((await get('/web/', cookie)).status).toBe(401);
  });
});

/** Every page and download of a unit, with the unit's code. */
const UNIT_PAGES = (code: string) => [
  `/web/don-vi/${code}`,
  `/web/don-vi/${code}?ky=2026-Q3`,
  `/web/don-vi/${code}/tieu-chi/1.2`,
  `/web/tai-ve/phu-luc/${code}`,
  `/web/tai-ve/phu-luc/${code}?dd=xlsx`,
  `/web/tai-ve/kho-khan/${code}`,
];
const PROVINCE_PAGES = ['/web/', '/web/ma-tran', '/web/bieu-do', '/web/tai-ve/ma-tran'];

describe('scope: every page and download as a person outside it', () => {
  it('asks for a login on every page without a session', async () => {
    for (const path of [...PROVINCE_PAGES, ...UNIT_PAGES('AT')]) {
      const r = await get(path);
      expect(r.status, path).toBe(401);
      expect(r.body).not.toContain('Ái Thượng');
    }
    expect((await get('/web/', 'cds_web=made-up-token-made-up-token-made-up')).status).toBe(401);
  });

  it("refuses Thanh Hóa's units to Quảng Ngãi's supervisor, and shows none of them in the lists", async () => {
    const cookie = await login(PEOPLE.otherSupervisor);
    for (const code of ['AT', 'YN', 'TT', 'XL']) {
      for (const path of UNIT_PAGES(code)) {
        const r = await get(path, cookie);
        expect(r.status, path).toBe(404);
        expect(r.bytes, path).toBe(0);
        expect(r.body).not.toMatch(/Ái Thượng|Yên Nhân|Tân Thành|Xuân Lộc/);
      }
    }
    for (const path of ['/web/', '/web/ma-tran', '/web/bieu-do']) {
      const r = await get(path, cookie);
      expect(r.status).toBe(200);
      expect(r.body).not.toMatch(/Ái Thượng|Yên Nhân|Tân Thành|Xuân Lộc/);
      expect(r.body).toContain(path === '/web/bieu-do' ? '1 đơn vị' : 'Xã Bình An');
    }
  });

  it("refuses an area supervisor the province's other units", async () => {
    const cookie = await login(PEOPLE.areaSupervisor);
    for (const path of [...UNIT_PAGES('YN'), ...UNIT_PAGES('BA')])
      expect((await get(path, cookie)).status, path).toBe(404);
    for (const path of UNIT_PAGES('AT')) expect((await get(path, cookie)).status, path).toBe(200);
    const list = text((await get('/web/', cookie)).body);
    expect(list).toContain('Xã Ái Thượng');
    expect(list).toContain('Xã Tân Thành');
    expect(list).not.toContain('Yên Nhân');
  });

  it("refuses an officer every other unit and the province's pages", async () => {
    const cookie = await login(PEOPLE.officerAT);
    for (const path of [
      ...UNIT_PAGES('YN'),
      ...UNIT_PAGES('BA'),
      '/web/ma-tran',
      '/web/bieu-do',
      '/web/tai-ve/ma-tran',
    ])
      expect((await get(path, cookie)).status, path).toBe(404);
    for (const path of UNIT_PAGES('AT')) expect((await get(path, cookie)).status, path).toBe(200);
  });
});

describe('the province list', () => {
  let cookie: string;
  beforeAll(async () => {
    cookie = await login(PEOPLE.provinceSupervisor);
  });
  const rows = (html: string) => [...html.matchAll(/<tr><td class="hide-sm">(\w+)<\/td>/g)].map((m) => m[1]);

  it("shows each unit's standing, answered x/y and met m/n, with the counts of each standing", async () => {
    const page = text((await get('/web/?ky=2026-Q4', cookie)).body);
    expect(page).toContain('Tình hình báo cáo tỉnh Thanh Hóa — quý IV/2026');
    expect(page).toContain('Hạn nộp 11/12/2026');
    expect(page).toMatch(/AT Xã Ái Thượng nộp đúng hạn \d+\/33 \d+\/\d+ 05\/12\/2026/);
    expect(page).toMatch(/YN Xã Yên Nhân nộp muộn 1\/33 0\/\d+ 12\/12\/2026/);
    expect(page).toMatch(/TT Xã Tân Thành đang báo cáo \d+\/33/);
    expect(page).toMatch(/XL Xã Xuân Lộc không có cán bộ 0\/33/);
    expect(page).toContain('nộp đúng hạn 1 nộp muộn 1 đang báo cáo 1 chưa bắt đầu 0 không có cán bộ 1');
  });

  it('filters by standing, area and a name typed without diacritics; sorts by a column', async () => {
    expect(rows((await get('/web/?tt=late', cookie)).body)).toEqual(['YN']);
    expect(rows((await get(`/web/?khu=${encodeURIComponent('Cụm Bá Thước')}`, cookie)).body)).toEqual([
      'AT',
      'TT',
    ]);
    expect(rows((await get('/web/?q=ai+thuong', cookie)).body)).toEqual(['AT']);
    expect(rows((await get('/web/?xep=code&chieu=desc', cookie)).body)).toEqual(['YN', 'XL', 'TT', 'AT']);
    expect(rows((await get('/web/?xep=name', cookie)).body)).toEqual(['AT', 'TT', 'XL', 'YN']);
    expect(text((await get('/web/?q=khong+co', cookie)).body)).toContain('Không có đơn vị nào khớp');
  });
});

describe("a unit's page", () => {
  it('shows the gaps with targets and results, khó khăn, history across periods, and names only', async () => {
    const cookie = await login(PEOPLE.provinceSupervisor);
    const html = (await get('/web/don-vi/AT?ky=2026-Q4', cookie)).body;
    const page = text(html);
    expect(page).toContain('Xã Ái Thượng (AT)');
    expect(page).toContain('nộp đúng hạn');
    expect(page).toMatch(/1\.2 Tỷ lệ lãnh đạo.*?100% 95%/);
    expect(page).toContain('Quý III/2026');
    expect(page).toContain('Quý IV/2026');
    expect(page).toContain('Nguyễn Thị Hoa');
    expect(html).not.toContain('officer-at');
    expect(html).toContain('href="/web/tai-ve/phu-luc/AT?ky=2026-Q4&amp;dd=docx"');
    expect(html).toContain('data-chart="unit-progress"');
  });

  it('shows the history of a commune merged into the unit', async () => {
    const { addUnit, recordMerger } = await import('../../src/storage/units.js');
    const { storeAsImport } = await import('../helpers.js');
    const { parseAnswer } = await import('../../src/domain/answers/parse.js');
    const { listQuestions } = await import('../../src/domain/catalog/load.js');
    const fw = app.frameworks.get('thanh-hoa-xa-2022');
    const q = fw && listQuestions(fw).find((x) => x.key === '1.1');
    const parsed = q && parseAnswer(q, '100');
    if (!parsed?.ok) throw new Error('no answer');
    const old = await addUnit(
      app.db,
      { code: 'OLD', name: 'Xã Ái Thượng Cũ', province: 'Thanh Hóa', frameworkId: 'thanh-hoa-xa-2022' },
      vn('2025-01-01T08:00'),
    );
    await storeAsImport(
      app.db,
      { unitId: old.id, frameworkId: 'thanh-hoa-xa-2022' },
      [{ type: 'save_answer', period: '2025-Q2', key: '1.1', answer: parsed.answer, raw: '100' }],
      vn('2025-06-01T08:00'),
    );
    await recordMerger(app.db, 'AT', ['OLD'], '2025-07-01', 'whole', vn('2025-07-01T08:00'));
    const cookie = await login(PEOPLE.provinceSupervisor);
    const page = text((await get('/web/don-vi/AT?ky=2026-Q4', cookie)).body);
    expect(page).toContain('Quý II/2025 Xã Ái Thượng Cũ (đơn vị cũ, đã sáp nhập) 1/33 1/33');
    // The old commune is not a unit of quý IV/2026.
    expect(text((await get('/web/?ky=2026-Q4', cookie)).body)).not.toContain('Ái Thượng Cũ');
  });

  it("opens one criterion's answer with its history", async () => {
    const cookie = await login(PEOPLE.provinceSupervisor);
    const page = text((await get('/web/don-vi/AT/tieu-chi/1.2?ky=2026-Q4', cookie)).body);
    expect(page).toContain('Chỉ tiêu 100% Kết quả 95%');
    expect(page).toMatch(
      /01\/09\/2026 · Quý III\/2026 · trả lời 90%.*05\/12\/2026 · Quý IV\/2026 · trả lời 95%/,
    );
  });
});

describe('evidence on the answer page', () => {
  it('lists what was sent as evidence, never the file itself', async () => {
    const reply = await app.engine.handle(PEOPLE.officerTT, {
      type: 'attachment',
      kind: 'photo',
      ref: 'telegram-file-id-1',
      caption: '1.1 danh sách cán bộ có thư điện tử',
    });
    expect(reply.map((r) => r.text).join('\n')).toContain('1.1');
    const cookie = await login(PEOPLE.provinceSupervisor);
    const html = (await get('/web/don-vi/TT/tieu-chi/1.1?ky=2026-Q4', cookie)).body;
    expect(text(html)).toMatch(/Minh chứng 1 minh chứng Ảnh — 1\.1 danh sách cán bộ có thư điện tử/);
    expect(html).not.toContain('telegram-file-id-1');
  });
});

describe('the matrix and the downloads', () => {
  it('colours each cell by status, links it to the answer, and pages the units', async () => {
    const cookie = await login(PEOPLE.provinceSupervisor);
    const html = (await get('/web/ma-tran?ky=2026-Q4', cookie)).body;
    expect(html).toContain('<td class="met"><a href="/web/don-vi/AT/tieu-chi/1.1?ky=2026-Q4">đạt</a></td>');
    expect(html).toContain(
      '<td class="not_met"><a href="/web/don-vi/AT/tieu-chi/1.2?ky=2026-Q4">chưa đạt</a></td>',
    );
    expect(html).toContain('<thead>');
  });

  it('computes one page of the matrix only, in code order', async () => {
    const { matrixView } = await import('../../src/app/web.js');
    const { findActorByIdentity } = await import('../../src/storage/officers.js');
    const actor = await findActorByIdentity(app.db, PEOPLE.provinceSupervisor);
    if (!actor) throw new Error('no supervisor');
    const second = await matrixView(deps, actor, '2026-Q4', { page: 2, pageSize: 3 });
    expect(second).toMatchObject({ total: 4, page: 2, pages: 2, areas: ['Cụm Bá Thước'] });
    expect(second.data?.units.map((u) => u.code)).toEqual(['YN']);
  });

  it("gives the unit's appendix, difficulties report and the matrix as the CLI makes them", async () => {
    const cookie = await login(PEOPLE.provinceSupervisor);
    const docx = await get('/web/tai-ve/phu-luc/AT?ky=2026-Q4', cookie);
    expect(docx.status).toBe(200);
    expect(docx.res.headers.get('content-disposition')).toBe(
      'attachment; filename="phu-luc-AT-2026-Q4.docx"',
    );
    expect(docx.bytes).toBeGreaterThan(5000);
    const xlsx = await get('/web/tai-ve/phu-luc/AT?ky=2026-Q4&dd=xlsx', cookie);
    expect(xlsx.res.headers.get('content-disposition')).toContain('phu-luc-AT-2026-Q4.xlsx');
    const kk = await get('/web/tai-ve/kho-khan/AT?ky=2026-Q4', cookie);
    expect(kk.res.headers.get('content-disposition')).toContain('kho-khan-AT-2026-Q4.docx');
    const matrix = await get('/web/tai-ve/ma-tran?ky=2026-Q4', cookie);
    expect(matrix.res.headers.get('content-disposition')).toContain('tong-hop-2026-Q4.xlsx');
    expect(matrix.bytes).toBeGreaterThan(5000);
  });

  it('serves Chart.js and its own script from the project, never a CDN', async () => {
    const cookie = await login(PEOPLE.provinceSupervisor);
    const html = (await get('/web/bieu-do?ky=2026-Q4', cookie)).body;
    const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toEqual(['/web/tai-nguyen/chart.umd.min.js', '/web/tai-nguyen/app.js']);
    const js = await web.request('/web/tai-nguyen/chart.umd.min.js');
    expect(js.status).toBe(200);
    expect(await js.text()).toContain('Chart.js v4');
    for (const id of ['share', 'histogram', 'timeline', 'progress'])
      expect(html).toContain(`data-chart="${id}"`);
  });
});
