/**
 * The web view in a real browser (Debian's Chromium through playwright-core): log in through the
 * link the chat gives, filter, open a unit, see its chart drawn, download a file, be refused outside
 * the scope, and fit a phone's width.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/create-app.js';
import { PEOPLE, webProvince } from '../web/fixture.js';
import { chatLink, hasChromium, launch, serveWeb } from './harness.js';

let app: App;
let browser: Browser;
let stop: Array<() => Promise<void>> = [];
let base = '';

beforeAll(async () => {
  if (!hasChromium) return;
  const fixture = await webProvince();
  app = fixture.app;
  const server = await serveWeb(fixture.deps);
  base = server.base;
  const chrome = await launch();
  browser = chrome.browser;
  stop = [chrome.close, server.close, () => app.close()];
}, 60_000);

afterAll(async () => {
  for (const s of stop) await s();
});

/** A fresh browser (no cookie) logged in as `who` through the chat's link. */
async function loggedIn(who: Parameters<typeof chatLink>[1], width = 1366): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(await chatLink(app, who, base));
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(/\/web\/(\?.*)?$|\/web\/don-vi\//);
  return page;
}

const codes = (page: Page) => page.locator('table.list tbody tr td:first-child').allTextContents();

describe.skipIf(!hasChromium)('the web view in Chromium', () => {
  it('logs a supervisor in through the chat link, filters the list, opens a unit and sees its chart drawn', async () => {
    const page = await loggedIn(PEOPLE.provinceSupervisor);
    await expect(page.locator('h1').textContent()).resolves.toContain('Tình hình báo cáo tỉnh Thanh Hóa');
    expect(await codes(page)).toHaveLength(4);
    // Choosing a status applies it at once (the page script submits the form).
    await page.locator('select[name=tt]').selectOption('late');
    await page.waitForURL(/tt=late/);
    expect(await codes(page)).toEqual(['YN']);
    await page.locator('select[name=tt]').selectOption('');
    await page.waitForURL((u) => !u.search.includes('tt=late'));
    await page.locator('input[name=q]').fill('ai thuong');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.waitForURL(/q=ai\+thuong/);
    expect(await codes(page)).toEqual(['AT']);
    await page.getByRole('link', { name: 'Xã Ái Thượng' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Xã Ái Thượng (AT)');
    await page.waitForSelector('canvas#unit-progress[data-drawn="1"]');
    // Drawn: the canvas has coloured pixels, not only a blank box.
    // (Run in the page: a string, as this project's TypeScript has no DOM types.)
    const painted = await page.evaluate(`(() => {
      const c = document.querySelector('canvas#unit-progress');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
      return n;
    })()`);
    expect(painted).toBeGreaterThan(500);
    await page.context().close();
  });

  it('draws the four charts of the province', async () => {
    const page = await loggedIn(PEOPLE.provinceSupervisor);
    await page.getByRole('link', { name: 'Biểu đồ' }).click();
    for (const id of ['share', 'histogram', 'timeline', 'progress'])
      await page.waitForSelector(`canvas#${id}[data-drawn="1"]`);
    await page.context().close();
  });

  it("downloads a unit's appendix and the matrix", async () => {
    const page = await loggedIn(PEOPLE.provinceSupervisor);
    await page.goto(`${base}/web/don-vi/AT?ky=2026-Q4`);
    const [docx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByText('Phụ lục (Word)').click(),
    ]);
    expect(docx.suggestedFilename()).toBe('phu-luc-AT-2026-Q4.docx');
    const bytes = readFileSync((await docx.path()) ?? '');
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    await page.getByRole('link', { name: 'Ma trận', exact: true }).click();
    await page.locator('td.met a').first().click();
    await expect(page.locator('h1').textContent()).resolves.toContain('Tiêu chí 1.1');
    await page.goBack();
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByText('Ma trận (Excel)').click(),
    ]);
    expect(xlsx.suggestedFilename()).toBe('tong-hop-2026-Q4.xlsx');
    await page.context().close();
  });

  it('refuses a unit outside the scope, and an officer the province', async () => {
    const page = await loggedIn(PEOPLE.areaSupervisor);
    const res = await page.goto(`${base}/web/don-vi/YN`);
    expect(res?.status()).toBe(404);
    await expect(page.locator('body').textContent()).resolves.toContain('không thuộc phạm vi theo dõi');
    await page.context().close();
    const officer = await loggedIn(PEOPLE.officerAT);
    expect(officer.url()).toContain('/web/don-vi/AT');
    expect((await officer.goto(`${base}/web/ma-tran`))?.status()).toBe(404);
    await officer.context().close();
    const stranger = await browser.newPage();
    expect((await stranger.goto(`${base}/web/`))?.status()).toBe(401);
    await stranger.close();
  });

  it('fits a phone: no page is wider than the screen', async () => {
    const page = await loggedIn(PEOPLE.provinceSupervisor, 390);
    for (const path of ['/web/', '/web/don-vi/AT', '/web/ma-tran', '/web/bieu-do']) {
      await page.goto(`${base}${path}`);
      const width = await page.evaluate('document.documentElement.scrollWidth');
      expect(width, path).toBeLessThanOrEqual(390);
    }
    await page.context().close();
  });
});
