/** The Hono application: portal, console, API, health check; one error page for every failure. */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { ServiceError } from '../services/errors.ts';
import type { Services } from '../services/services.ts';
import type { AppEnv, WebConfig } from './context.ts';
import { agencyRoutes } from './console/agency-routes.tsx';
import { auditRoutes } from './console/audit-routes.tsx';
import { authRoutes } from './console/auth-routes.tsx';
import { homeRoutes } from './console/home-routes.tsx';
import { userRoutes } from './console/user-routes.tsx';
import { calendarRoutes } from './console/calendar-routes.tsx';
import { itemRoutes } from './console/item-routes.tsx';
import { requestRoutes } from './console/request-routes.tsx';
import { reportRoutes } from './console/report-routes.tsx';
import { deadlineRoutes } from './console/deadline-routes.tsx';
import { ledgerRoutes } from './console/ledger-routes.tsx';
import { assessmentRoutes } from './console/assessment-routes.tsx';
import { trendRoutes } from './console/trend-routes.tsx';
import { deliveryRoutes } from './console/delivery-routes.tsx';
import { channelSettingsRoutes } from './console/channel-settings-routes.tsx';
import { vocabularyRoutes } from './console/vocabulary-routes.tsx';
import { safeLocalPath } from './forms.ts';
import { cookieOptions, CsrfError, sessionAndCsrf, TEXT_SIZE_COOKIE } from './middleware/session.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { rateLimit } from './middleware/rate-limit.ts';
import { isPrivatePath, noStore } from './middleware/no-store.ts';
import { requestInput } from './middleware/request-input.ts';
import type { PageCache } from './middleware/page-cache.ts';
import { portalRoutes } from './portal/portal-routes.tsx';
import { singleSubmission } from './middleware/single-submission.ts';
import { statisticsRoutes } from './portal/statistics-pages.tsx';
import { requestPortalRoutes } from './portal/request-pages.tsx';
import { subscriptionRoutes } from './portal/subscription-pages.tsx';
import { deadlineApiRoutes } from './api/deadline-routes.ts';
import { itemApiRoutes } from './api/item-routes.ts';
import { ErrorPage } from './views/error-page.tsx';

const STYLESHEET = readFileSync(new URL('./static/site.css', import.meta.url), 'utf8');
const FAVICON = readFileSync(new URL('./static/favicon.svg', import.meta.url), 'utf8');

const BUSY_MESSAGE = '系统正忙（可能正在导入或恢复数据），这次提交没有保存，请稍后再试。';

/** Whether a store refused for a lock held too long: SQLite busy/locked, PostgreSQL lock timeout, serialization failure, deadlock. */
export function isBusyError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code === '55P03' || code === '40001' || code === '40P01';
}

/** Paths whose anonymous GET responses are the same for every visitor (portal, public API, feeds). */
export function isPublicPath(path: string): boolean {
  if (isPrivatePath(path)) return false;
  return path === '/' || path.startsWith('/xxgk/') || path.startsWith('/api/v1/items') || path.startsWith('/feeds/') || /^\/sitemap(-[a-z0-9-]+)?\.xml$/.test(path);
}

export interface AppDeps {
  services: Services;
  webConfig: WebConfig;
  pingDatabase: () => Promise<void>;
  /** Login attempts allowed per client address per minute (default 30). */
  loginRateLimit?: number;
  /** The public page cache (none in tests that need fresh pages). */
  pageCache?: PageCache;
  /** Largest upload accepted on the console's upload pages, in bytes (GONGKAI_MAX_UPLOAD_MB; default 20 MB). */
  maxUploadBytes?: number;
  /** Where unexpected errors are reported (stderr by default). */
  logError?: (reference: string, error: unknown) => void;
}

/** Builds the web application. */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const logError = deps.logError ?? ((ref, e) => console.error(`[错误 ${ref}]`, e));

  // The public page cache answers before anything else: a hit needs no session or header work.
  if (deps.pageCache) app.use('*', deps.pageCache.middleware);
  // Inside the cache: the cache sees the no-store mark and keeps nothing personal.
  app.use('*', noStore());
  // Runs after the security headers are set: a page may tighten its own CSP (report documents do).
  app.use('*', async (c, next) => {
    await next();
    const csp = c.get('cspOverride');
    if (csp) c.res.headers.set('Content-Security-Policy', csp);
  });
  app.use('*', securityHeaders());
  app.use('*', async (c, next) => {
    c.set('services', deps.services);
    c.set('webConfig', deps.webConfig);
    c.set('pingDatabase', deps.pingDatabase);
    await next();
  });
  // Bounds and checks bodies and query strings before anything (the CSRF check included) parses them.
  app.use('*', requestInput({ maxUploadBytes: deps.maxUploadBytes ?? 20 * 1048576 }));

  app.get('/static/site.css', (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });

  app.get('/static/favicon.svg', (c) => {
    c.header('Cache-Control', 'public, max-age=604800');
    return c.body(FAVICON, 200, { 'Content-Type': 'image/svg+xml' });
  });
  app.get('/favicon.ico', (c) => c.redirect('/static/favicon.svg', 301));

  app.get('/healthz', async (c) => {
    try {
      await c.get('pingDatabase')();
      return c.json({ status: 'ok', database: 'ok' });
    } catch (e) {
      return c.json({ status: 'error', database: 'unreachable', message: e instanceof Error ? e.message : String(e) }, 503);
    }
  });

  app.use('/console/login', rateLimit({ limit: deps.loginRateLimit ?? 30, windowMs: 60_000 }));
  app.use('*', sessionAndCsrf());

  app.get('/text-size', (c) => {
    const large = c.req.query('size') === 'large';
    setCookie(c, TEXT_SIZE_COOKIE, large ? 'large' : 'normal', cookieOptions(c, 365 * 24 * 3600));
    return c.redirect(safeLocalPath(c.req.query('back'), '/'), 303);
  });

  app.route('/', requestPortalRoutes());
  app.route('/', subscriptionRoutes());
  // Before the portal's catch-all section route (/xxgk/:slug).
  app.route('/', statisticsRoutes());
  app.route('/', portalRoutes());
  app.route('/api/v1', deadlineApiRoutes());
  app.route('/', itemApiRoutes());

  // Everything in the console but the login page needs a signed-in user; a one-time password must be changed first.
  app.use('/console/*', async (c, next) => {
    const path = c.req.path;
    if (path === '/console/login') return next();
    const user = c.get('user');
    if (!user) {
      if (c.req.method === 'GET' || c.req.method === 'HEAD') return c.redirect(`/console/login?next=${encodeURIComponent(path)}`, 303);
      throw new ServiceError('请先登录', 401);
    }
    if (user.mustChangePassword && path !== '/console/account/password' && path !== '/console/logout') {
      return c.redirect('/console/account/password', 303);
    }
    return next();
  });
  // A console form posted twice is applied once (one-time form tokens).
  app.use('/console/*', singleSubmission({ exempt: ['/console/login', '/console/logout', '/console/requests/register', '/console/audit/verify', /^\/console\/requests\/[0-9]+\/fee-preview$/] }));
  app.get('/console/', (c) => c.redirect('/console', 301));
  app.route('/console', authRoutes());
  app.route('/console', homeRoutes());
  app.route('/console/agencies', agencyRoutes());
  app.route('/console/users', userRoutes());
  app.route('/console/audit', auditRoutes());
  app.route('/console/calendar', calendarRoutes());
  app.route('/console/items', itemRoutes());
  app.route('/console', requestRoutes());
  app.route('/console/reports', reportRoutes());
  app.route('/console/deadline', deadlineRoutes());
  app.route('/console/ledgers', ledgerRoutes());
  app.route('/console/assessment', assessmentRoutes());
  app.route('/console/trends', trendRoutes());
  app.route('/console/deliveries/settings', channelSettingsRoutes());
  app.route('/console/deliveries', deliveryRoutes());
  app.route('/console/vocabularies', vocabularyRoutes());

  app.notFound((c) =>
    c.html(<ErrorPage status={404} message="您访问的页面不存在或已被移除。" largeText={c.get('largeText') ?? false} path={c.req.path} />, 404),
  );

  app.onError((err, c) => {
    const largeText = c.get('largeText') ?? false;
    if (c.req.path.startsWith('/api/')) {
      if (err instanceof ServiceError) return c.json({ error: err.message }, err.status);
      if (isBusyError(err)) return c.json({ error: BUSY_MESSAGE }, 503, { 'Retry-After': '10' });
      const reference = randomBytes(4).toString('hex').toUpperCase();
      logError(reference, err);
      return c.json({ error: `系统出现错误，错误编号 ${reference}`, reference }, 500);
    }
    if (err instanceof CsrfError) {
      return c.html(<ErrorPage status={403} message={err.message} largeText={largeText} path={c.req.path} />, 403);
    }
    if (err instanceof ServiceError) {
      return c.html(<ErrorPage status={err.status} message={err.message} largeText={largeText} path={c.req.path} />, err.status);
    }
    if (isBusyError(err)) {
      // The database stayed locked past the busy timeout (a long `gongkai import`, a restore): nothing was saved.
      c.header('Retry-After', '10');
      return c.html(<ErrorPage status={503} message={BUSY_MESSAGE} largeText={largeText} path={c.req.path} />, 503);
    }
    const reference = randomBytes(4).toString('hex').toUpperCase();
    logError(reference, err);
    return c.html(
      <ErrorPage status={500} message="系统暂时无法完成您的请求，请稍后再试；如问题持续，请联系系统管理员。" largeText={largeText} path={c.req.path} reference={reference} />,
      500,
    );
  });

  return app;
}
