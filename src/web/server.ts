/**
 * The web view on Hono: the login with a chat-issued link, the session cookie, the pages and the
 * downloads. Every page and download resolves the person from the cookie on each request and
 * reads only what their scope allows (src/app/web.ts filters with `canSeeUnit`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppDeps, OutFile } from '../app/types.js';
import {
  answerView,
  chartsView,
  endWebSession,
  matrixDownload,
  matrixView,
  openWebSession,
  pagePeriod,
  provinceView,
  recentPeriods,
  unitDownload,
  unitView,
  webActor,
} from '../app/web.js';
import type { Actor } from '../domain/access.js';
import { WEB } from '../domain/messages/index.js';
import { STANDINGS, type Standing } from '../domain/report/standing.js';
import { chartJsFile, SCRIPT, STYLE } from './assets.js';
import { BASE, esc, layout, notice } from './html.js';
import {
  answerPage,
  chartsPage,
  type ListQuery,
  MATRIX_PAGE_SIZE,
  matrixPage,
  provincePage,
  unitPage,
} from './pages.js';

export const COOKIE = 'cds_web';

type Env = { Variables: { actor: Actor } };

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** The web view as a Hono app (routes under /web). */
export function createWebApp(deps: AppDeps): Hono<Env> {
  const secure = (deps.webUrl ?? '').startsWith('https:');
  const app = new Hono<Env>({ strict: false }).basePath(BASE);
  const now = () => deps.clock();

  app.use('*', async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.header(k, v);
    if (!c.res.headers.get('cache-control')) c.header('cache-control', 'no-store');
  });

  app.onError((err, c) => {
    deps.logger?.error({ err: err.message, path: c.req.routePath }, 'web page failed');
    return c.html(notice(WEB.failedTitle, WEB.failed), 500);
  });

  // Files of the pages: the stylesheet, the page script and Chart.js, from the project itself.
  const asset = (body: string | Buffer, type: string) => (c: Context) =>
    c.body(typeof body === 'string' ? body : new Uint8Array(body), 200, {
      'content-type': type,
      'cache-control': 'public, max-age=3600',
    });
  app.get('/tai-nguyen/style.css', asset(STYLE, 'text/css; charset=utf-8'));
  app.get('/tai-nguyen/app.js', asset(SCRIPT, 'text/javascript; charset=utf-8'));
  app.get('/tai-nguyen/chart.umd.min.js', (c) => asset(chartJsFile(), 'text/javascript; charset=utf-8')(c));

  // The link from the chat shows a button: a messenger's link preview (a GET) must not use it up.
  app.get('/dang-nhap', (c) => {
    const t = c.req.query('t') ?? '';
    return c.html(
      layout(
        { title: WEB.login },
        `<h1>${esc(WEB.login)}</h1><p>${esc(WEB.loginHint)}</p><form method="post" action="${BASE}/dang-nhap"><input type="hidden" name="t" value="${esc(t)}"><button class="primary" type="submit">${esc(WEB.login)}</button></form>`,
      ),
    );
  });
  app.post('/dang-nhap', async (c) => {
    const form = await c.req.parseBody();
    const t = typeof form.t === 'string' ? form.t : '';
    const session = await openWebSession(deps, t, now());
    if (!session) return c.html(notice(WEB.loginExpiredTitle, WEB.loginExpired), 403);
    setCookie(c, COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure,
      path: BASE,
      expires: session.expiresAt,
    });
    return c.redirect(`${BASE}/`, 303);
  });
  app.post('/dang-xuat', async (c) => {
    const token = getCookie(c, COOKIE);
    if (token) await endWebSession(deps, token, now());
    deleteCookie(c, COOKIE, { path: BASE, secure, httpOnly: true, sameSite: 'Strict' });
    return c.html(notice(WEB.loggedOutTitle, WEB.loggedOut));
  });

  // Everything else needs a live session.
  app.use('*', async (c, next) => {
    const token = getCookie(c, COOKIE);
    const actor = token ? await webActor(deps, token, now()) : undefined;
    if (!actor) return c.html(notice(WEB.needLoginTitle, WEB.needLogin), 401);
    c.set('actor', actor);
    await next();
  });

  const notFound = (c: Context<Env>) => c.html(notice(WEB.notFoundTitle, WEB.notFound, c.get('actor')), 404);
  const periodOf = (c: Context<Env>) => pagePeriod(c.req.query('ky'), now());
  const periodsAround = (period: string) => {
    const current = pagePeriod(undefined, now());
    return [...new Set([...recentPeriods(current, 8), period])].sort().reverse();
  };
  const page = (c: Context<Env>) => Math.max(1, Number.parseInt(c.req.query('trang') ?? '1', 10) || 1);

  app.get('/', async (c) => {
    const actor = c.get('actor');
    const period = periodOf(c);
    if (actor.role === 'officer') {
      const own = (await provinceView(deps, actor, period)).rows[0];
      return own
        ? c.redirect(`${BASE}/don-vi/${encodeURIComponent(own.code)}?ky=${period}`, 303)
        : notFound(c);
    }
    const tt = c.req.query('tt');
    const sort = c.req.query('xep');
    const q: ListQuery = {
      page: page(c),
      ...(c.req.query('khu') ? { area: c.req.query('khu') as string } : {}),
      ...(tt && STANDINGS.includes(tt as Standing) ? { status: tt as Standing } : {}),
      ...(c.req.query('bo') ? { framework: c.req.query('bo') as string } : {}),
      ...(c.req.query('q') ? { q: (c.req.query('q') as string).slice(0, 100) } : {}),
      ...(sort && ['code', 'name', 'status', 'answered', 'met', 'score', 'submitted'].includes(sort)
        ? { sort: sort as NonNullable<ListQuery['sort']> }
        : {}),
      ...(c.req.query('chieu') === 'desc' ? { dir: 'desc' as const } : {}),
    };
    return c.html(provincePage(actor, await provinceView(deps, actor, period), q, periodsAround(period)));
  });

  app.get('/don-vi/:code', async (c) => {
    const period = periodOf(c);
    const v = await unitView(
      deps,
      c.get('actor'),
      c.req.param('code'),
      period,
      c.req.query('bo') || undefined,
    );
    return v ? c.html(unitPage(c.get('actor'), v, periodsAround(period))) : notFound(c);
  });

  app.get('/don-vi/:code/tieu-chi/:criterion', async (c) => {
    const v = await answerView(
      deps,
      c.get('actor'),
      c.req.param('code'),
      c.req.param('criterion'),
      periodOf(c),
      c.req.query('bo') || undefined,
    );
    return v ? c.html(answerPage(c.get('actor'), v)) : notFound(c);
  });

  app.get('/ma-tran', async (c) => {
    const actor = c.get('actor');
    if (actor.role === 'officer') return notFound(c);
    const period = periodOf(c);
    const area = c.req.query('khu') || undefined;
    const framework = c.req.query('bo') || undefined;
    const view = await matrixView(deps, actor, period, {
      page: page(c),
      pageSize: MATRIX_PAGE_SIZE,
      ...(framework ? { frameworkId: framework } : {}),
      ...(area ? { area } : {}),
    });
    return c.html(
      matrixPage(actor, view, {
        period,
        periods: periodsAround(period),
        ...(area ? { area } : {}),
        ...(framework ? { framework } : {}),
      }),
    );
  });

  app.get('/bieu-do', async (c) => {
    const actor = c.get('actor');
    if (actor.role === 'officer') return notFound(c);
    const period = periodOf(c);
    return c.html(chartsPage(actor, await chartsView(deps, actor, period), periodsAround(period)));
  });

  const sendFile = (c: Context<Env>, file: OutFile | undefined) => {
    if (!file) return notFound(c);
    return c.body(new Uint8Array(file.bytes), 200, {
      'content-type': file.mime,
      'content-disposition': `attachment; filename="${file.fileName}"`,
      'cache-control': 'no-store',
    });
  };
  app.get('/tai-ve/phu-luc/:code', async (c) => {
    const format = c.req.query('dd') === 'xlsx' ? 'xlsx' : 'docx';
    return sendFile(
      c,
      await unitDownload(
        deps,
        c.get('actor'),
        c.req.param('code'),
        {
          kind: 'appendix',
          format,
          period: periodOf(c),
        },
        c.req.query('bo') || undefined,
      ),
    );
  });
  app.get('/tai-ve/kho-khan/:code', async (c) =>
    sendFile(
      c,
      await unitDownload(
        deps,
        c.get('actor'),
        c.req.param('code'),
        {
          kind: 'difficulties',
          format: 'docx',
          period: periodOf(c),
        },
        c.req.query('bo') || undefined,
      ),
    ),
  );
  app.get('/tai-ve/ma-tran', async (c) => {
    const actor = c.get('actor');
    if (actor.role === 'officer') return notFound(c);
    return sendFile(c, await matrixDownload(deps, actor, periodOf(c), c.req.query('khu') || undefined));
  });

  app.notFound((c) => c.html(notice(WEB.notFoundTitle, WEB.notFound), 404));
  return app;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/** What the web view needs of an HTTP server: the bot's own (src/bot/http.ts) fits. */
export interface Routes {
  route(method: 'GET' | 'POST', path: string, handler: Handler): void;
  routePrefix(method: 'GET' | 'POST', prefix: string, handler: Handler): void;
}

/** Serves the web view on the bot's HTTP server (under /web/; "/" and "/web" lead there). */
export function mountWeb(http: Routes, deps: AppDeps): void {
  const listener = getRequestListener(createWebApp(deps).fetch);
  for (const method of ['GET', 'POST'] as const) http.routePrefix(method, `${BASE}/`, listener);
  const home: Handler = (_req, res) => {
    res.writeHead(302, { location: `${BASE}/` }).end();
  };
  http.route('GET', '/', home);
  http.route('GET', BASE, home);
}
