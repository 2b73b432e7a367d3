/**
 * `npm run screenshots [-- <folder>]`: fills a demo province (36 communes of Thanh Hóa, two areas,
 * three quarters of answers, submissions on time and late, khó khăn), serves the web view, logs in
 * through the link the chat gives a supervisor and an officer, and writes a PNG of every page at a
 * phone's width (390 px) and a laptop's (1366 px) to <folder> (default screenshots/), to be looked
 * at before a change to the pages is done. Needs Debian's Chromium (/usr/bin/chromium).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { rng } from '../bench/lib.js';
import { createApp } from '../src/app/create-app.js';
import type { AppDeps } from '../src/app/types.js';
import { parseConfig } from '../src/config.js';
import { parseAnswer } from '../src/domain/answers/parse.js';
import { listQuestions } from '../src/domain/catalog/load.js';
import { frameworkSchema } from '../src/domain/catalog/schema.js';
import type { Framework } from '../src/domain/catalog/types.js';
import type { Effect } from '../src/domain/dialog/protocol.js';
import { writeEffects } from '../src/storage/effects.js';
import { registerOfficer, registerPerson, setArea } from '../src/storage/officers.js';
import { recordSubmission } from '../src/storage/submissions.js';
import { addUnit } from '../src/storage/units.js';
import { chatLink, launch, serveWeb } from '../test/browser/harness.js';

const out = resolve(process.argv[2] ?? 'screenshots');
const vn = (iso: string) => new Date(`${iso}+07:00`);
const NAMES = [
  'Ái Thượng',
  'Ban Công',
  'Cổ Lũng',
  'Điền Lư',
  'Điền Quang',
  'Hạ Trung',
  'Lâm Xa',
  'Lũng Cao',
  'Lương Ngoại',
  'Thành Lâm',
  'Thiết Ống',
  'Văn Nho',
  'Cao Ngọc',
  'Minh Sơn',
  'Nguyệt Ấn',
  'Ngọc Liên',
  'Phúc Thịnh',
  'Quang Trung',
  'Thạch Lập',
  'Vân Am',
  'Kiên Thọ',
  'Lộc Thịnh',
  'Mỹ Tân',
  'Phùng Giáo',
  'Yên Nhân',
  'Xuân Lộc',
  'Tân Thành',
  'Hải Châu',
  'Nga Sơn',
  'Hoằng Hóa',
  'Quảng Xương',
  'Tĩnh Gia',
  'Nông Cống',
  'Triệu Sơn',
  'Thọ Xuân',
  'Vĩnh Lộc',
];
const DIFFICULTIES = [
  'Thiếu máy tính cho cán bộ. Đề nghị tỉnh hỗ trợ 2 máy tính.',
  'Cán bộ chưa được cấp chữ ký số cá nhân.',
  'Đường truyền Internet ở các thôn vùng cao còn chập chờn.',
  'Người dân cao tuổi chưa quen dùng điện thoại thông minh.',
];

const clock = { now: vn('2026-12-14T09:00') };
const app = await createApp(parseConfig({ CDS_DB: ':memory:' }), {
  clock: () => clock.now,
  logger: pino({ level: 'silent' }),
});
const fw = app.frameworks.get('thanh-hoa-xa-2022');
if (!fw) throw new Error('framework thanh-hoa-xa-2022 missing');
const questions = listQuestions(fw);
const r = rng(17);
const periods = [
  { key: '2026-Q2', p: 0.45, due: vn('2026-06-11T23:59:59'), start: vn('2026-06-02T09:00') },
  { key: '2026-Q3', p: 0.6, due: vn('2026-09-11T23:59:59'), start: vn('2026-09-02T09:00') },
  { key: '2026-Q4', p: 0.72, due: vn('2026-12-11T23:59:59'), start: vn('2026-12-01T09:00') },
];

function answerFor(kind: string, met: boolean): string {
  switch (kind) {
    case 'ratio': {
      const d = 10 + Math.floor(r() * 40);
      return `${met ? d : Math.floor(r() * d)}/${d}`;
    }
    case 'percent':
      return met ? '100%' : `${Math.round(r() * 900) / 10}%`;
    case 'count':
      return met ? String(1 + Math.floor(r() * 10)) : '0';
    default:
      return met ? 'có' : r() < 0.7 ? 'không' : 'đang thực hiện';
  }
}

const codes: string[] = [];
for (const [i, name] of NAMES.entries()) {
  const code = String(16000 + i * 3);
  codes.push(code);
  const unit = await addUnit(
    app.db,
    { code, name: `Xã ${name}`, province: 'Thanh Hóa', frameworkId: fw.id },
    vn('2026-01-01T08:00'),
  );
  const hasOfficer = i % 12 !== 11;
  if (hasOfficer)
    await registerOfficer(
      app.db,
      unit.id,
      { channel: i % 2 ? 'zalo' : 'telegram', externalId: `o${i}`, displayName: `Cán bộ ${name}` },
      clock.now,
    );
  if (!hasOfficer) continue;
  for (const [pi, period] of periods.entries()) {
    const last = pi === periods.length - 1;
    // This quarter: some have not started, some are half way.
    const share = last && i % 7 === 3 ? 0 : last && i % 5 === 2 ? 0.5 : 1;
    const effects: Effect[] = [];
    for (const q of questions) {
      if (r() > share) continue;
      const met = r() < period.p + (i % 4) * 0.05;
      const raw = answerFor(q.kind, met);
      const parsed = parseAnswer(q, raw);
      if (!parsed.ok) continue;
      effects.push({ type: 'save_answer', period: period.key, key: q.key, answer: parsed.answer, raw });
      if (!met && r() < 0.35)
        effects.push({
          type: 'save_difficulty',
          period: period.key,
          key: q.key,
          text: DIFFICULTIES[Math.floor(r() * 4)] ?? '',
        });
    }
    const at = new Date(period.start.getTime() + i * 6 * 3_600_000);
    await writeEffects(
      app.db,
      { unitId: unit.id, frameworkId: fw.id },
      { officerId: null, channel: 'zalo' },
      effects,
      at,
    );
    if (share === 1 && (!last || i % 3 !== 1)) {
      const submitted = new Date(
        period.due.getTime() + (i % 6 === 5 ? 2 : -(i % 9)) * 86_400_000 - 5 * 3_600_000,
      );
      await recordSubmission(
        app.db,
        { unitId: unit.id, frameworkId: fw.id },
        period.key,
        null,
        submitted,
        period.due,
      );
    }
  }
}
// A scored index of 2026 with targets per NTM commune group beside it: six communes report on it too.
const index = frameworkSchema.parse({
  id: 'chi-so-cds-xa-2026',
  name: 'Bộ chỉ số chuyển đổi số cấp xã năm 2026',
  level: 'xa',
  version: '1',
  source: 'mẫu để xem trang',
  complete: true,
  levels: [
    { name: 'Mức 1', from: 0 },
    { name: 'Mức 2', from: 50 },
    { name: 'Mức 3', from: 80 },
  ],
  groups: [
    {
      code: 'I',
      name: 'Hạ tầng số',
      criteria: [
        {
          code: '1.1',
          text: 'Tỷ lệ hồ sơ thủ tục hành chính giải quyết trực tuyến toàn trình',
          kind: 'percent',
          target: { op: 'self', text: '', assumed: 'theo nhóm' },
          byGroup: {
            '1': { op: '>=', value: 80, text: '≥ 80%' },
            '2': { op: '>=', value: 70, text: '≥ 70%' },
            '3': { op: '>=', value: 50, text: '≥ 50%' },
          },
          points: 40,
          scoring: 'proportional',
        },
        {
          code: '1.2',
          text: 'Có điểm wifi công cộng tại trung tâm xã',
          kind: 'yesno',
          target: { op: 'yes', text: 'Có' },
          points: 30,
        },
        {
          code: '1.3',
          text: 'Tỷ lệ hộ gia đình chưa có kết nối Internet cáp quang',
          kind: 'percent',
          target: { op: '<', value: 5, text: 'dưới 5%' },
          points: 30,
        },
      ],
    },
  ],
}) as Framework;
(app.frameworks as Map<string, Framework>).set(index.id, index);
const scoredAnswers = [
  '1.1 85%; 1.2 có; 1.3 3%',
  '1.1 60%; 1.2 có; 1.3 7%',
  '1.1 72%; 1.2 không; 1.3 4,5%',
  '1.1 40%; 1.2 có; 1.3 2%',
  '1.1 55%; 1.2 không; 1.3 9%',
  '1.1 90%; 1.2 có; 1.3 1%',
];
const indexQuestions = new Map(listQuestions(index).map((q) => [q.key, q]));
for (const [i, line] of scoredAnswers.entries()) {
  const code = String(16200 + i);
  const unit = await addUnit(
    app.db,
    {
      code,
      name: `Xã ${NAMES[i * 5] ?? ''} Mới`,
      province: 'Thanh Hóa',
      frameworkId: index.id,
      group: ((i % 3) + 1) as 1 | 2 | 3,
    },
    vn('2026-01-01T08:00'),
  );
  await registerOfficer(
    app.db,
    unit.id,
    { channel: 'zalo', externalId: `s${i}`, displayName: `Cán bộ ${i}` },
    clock.now,
  );
  const effects: Effect[] = line.split('; ').flatMap((part): Effect[] => {
    const [key = '', raw = ''] = part.split(' ');
    const q = indexQuestions.get(key);
    const parsed = q ? parseAnswer(q, raw) : undefined;
    return parsed?.ok ? [{ type: 'save_answer', period: '2026-Q4', key, answer: parsed.answer, raw }] : [];
  });
  await writeEffects(
    app.db,
    { unitId: unit.id, frameworkId: index.id },
    { officerId: null, channel: 'zalo' },
    effects,
    vn('2026-12-05T09:00'),
  );
}

await setArea(app.db, 'Cụm Bá Thước', codes.slice(0, 12));
await setArea(app.db, 'Cụm Ngọc Lặc', codes.slice(12, 24));
const supervisor = { channel: 'telegram', externalId: 'sup', displayName: 'Lê Văn Sở' };
await registerPerson(app.db, { role: 'supervisor', province: 'Thanh Hóa' }, supervisor, clock.now);
const officer = { channel: 'telegram', externalId: 'o0' };

const deps: AppDeps = {
  db: app.db,
  frameworks: app.frameworks,
  clock: () => clock.now,
  calendar: app.calendar,
};
const server = await serveWeb(deps);
const chrome = await launch();
mkdirSync(out, { recursive: true });
const unit = codes[0] ?? '';
const pages: Array<[string, string]> = [
  ['1-danh-sach', '/web/?ky=2026-Q4'],
  ['2-danh-sach-nop-muon', `/web/?ky=2026-Q4&tt=late`],
  ['3-don-vi', `/web/don-vi/${unit}?ky=2026-Q4`],
  ['4-tra-loi', `/web/don-vi/${unit}/tieu-chi/1.4?ky=2026-Q4`],
  ['5-ma-tran', '/web/ma-tran?ky=2026-Q4'],
  ['6-bieu-do', '/web/bieu-do?ky=2026-Q4'],
  ['9-danh-sach-chi-so', `/web/?ky=2026-Q4&bo=chi-so-cds-xa-2026`],
  ['9-don-vi-chi-so', `/web/don-vi/16200?ky=2026-Q4&bo=chi-so-cds-xa-2026`],
];
try {
  for (const width of [390, 1366]) {
    const context = await chrome.browser.newContext({ viewport: { width, height: width < 500 ? 844 : 900 } });
    const page = await context.newPage();
    await page.goto(await chatLink(app, supervisor, server.base));
    await page.screenshot({ path: join(out, `0-dang-nhap-${width}.png`) });
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/web\/$/);
    for (const [name, path] of pages) {
      await page.goto(`${server.base}${path}`);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(150);
      await page.screenshot({ path: join(out, `${name}-${width}.png`), fullPage: !name.includes('ma-tran') });
      console.log(`${name}-${width}.png`);
    }
    const own = await chrome.browser.newContext({ viewport: { width, height: 900 } });
    const p2 = await own.newPage();
    await p2.goto(await chatLink(app, officer, server.base));
    await p2.getByRole('button', { name: 'Đăng nhập' }).click();
    await p2.waitForURL(/don-vi/);
    await p2.waitForTimeout(150);
    await p2.screenshot({ path: join(out, `7-can-bo-${width}.png`), fullPage: true });
    await p2.goto(`${server.base}/web/ma-tran`);
    await p2.screenshot({ path: join(out, `8-ngoai-pham-vi-${width}.png`) });
    await own.close();
    await context.close();
  }
  console.log(`screenshots in ${out}`);
} finally {
  await chrome.close();
  await server.close();
  await app.close();
}
