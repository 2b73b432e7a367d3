/**
 * `cds-bot web-link --as` and `cds-bot web`: a link printed for a registered person opens a session
 * on the web view served alone, over a real socket on localhost (no messenger token set).
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/create-app.js';
import { parseConfig } from '../../src/config.js';
import { startWebOnly } from '../../src/main.js';
import { addUnit, cli, register, tempDir } from '../cli/helpers.js';

const dir = tempDir('cds-web-');
const db = join(dir, 'cds.sqlite');
const opened: App[] = [];
afterAll(async () => {
  for (const app of opened) await app.close();
});

describe('cds-bot web-link and web', () => {
  it('prints a one-time link for the person --as names, and refuses without --as', async () => {
    expect((await addUnit(db, 'AT', 'Xã Ái Thượng', 'Thanh Hóa', 'thanh-hoa-xa-2022')).code).toBe(0);
    opened.push(
      await register(db, ['--role', 'supervisor', '--province', 'Thanh Hóa'], {
        channel: 'telegram',
        externalId: '42',
      }),
    );
    const none = await cli(['web-link'], db);
    expect(none.code).not.toBe(0);
    expect(none.err).toContain('--as');
    const link = await cli(['web-link', '--as', 'telegram:42'], db, {
      env: { PUBLIC_URL: 'https://cds.example.vn' },
    });
    expect(link.code).toBe(0);
    expect(link.out).toMatch(/https:\/\/cds\.example\.vn\/web\/dang-nhap\?t=[\w-]{40,}/);
  });

  it('serves the web view alone on HTTP_PORT: "/" leads to it, a printed link logs in, the page lists the units', async () => {
    const { createApp } = await import('../../src/app/create-app.js');
    const { pino } = await import('pino');
    const app = await createApp(parseConfig({ CDS_DB: db, HTTP_PORT: '0', HTTP_HOST: '127.0.0.1' }), {
      logger: pino({ level: 'silent' }),
    });
    opened.push(app);
    const server = await startWebOnly(app);
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const root = await fetch(`${base}/`, { redirect: 'manual' });
      expect(root.status).toBe(302);
      expect(root.headers.get('location')).toBe('/web/');
      const anonymous = await fetch(`${base}/web/`);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.text()).toContain('Gõ &quot;web&quot; trong chat');
      const link = await cli(['web-link', '--as', 'telegram:42'], db);
      const token = new URL(link.out.match(/https?:\/\/\S+/)?.[0] ?? '').searchParams.get('t') ?? '';
      const login = await fetch(`${base}/web/dang-nhap`, {
        method: 'POST',
        body: new URLSearchParams({ t: token }),
        redirect: 'manual',
      });
      expect(login.status).toBe(303);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      expect(login.headers.get('set-cookie')).not.toContain('Secure'); // plain http on this machine
      const page = await fetch(`${base}/web/`, { headers: { cookie } });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await page.text()).toContain('Xã Ái Thượng');
    } finally {
      await server.stop();
    }
  });
});
