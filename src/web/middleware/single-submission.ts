/**
 * Forms that must not apply twice. Every form carries a one-time token beside its CSRF token
 * (`CsrfField` renders both). In the console, the first POST with a token claims it; the same form
 * posted again — a double click, a reload of the result, the browser's “resubmit” — is not applied
 * again: the user is sent back to the page the form came from (the current state) with a notice.
 * A post that fails (4xx/5xx) gives its token back. The portal's application form uses its token
 * as the application's idempotency key instead (request-pages.tsx).
 */
import { randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';

export const FORM_TOKEN_FIELD = '_once';
/** The query parameter that makes the console page say the form had been sent already. */
export const RESUBMITTED_PARAM = 'resubmitted';

/** A new random form token (192 bits, URL-safe). */
export function newFormToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The submitted token when it has the shape of one this server issues, else undefined. */
export function formTokenOf(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{32}$/.test(value) ? value : undefined;
}

/**
 * The console's guard. Forms that need no guard (signing in) or that make the repeat harmless
 * themselves (registering a request answers a repeat with the first receipt) are left out.
 */
export function singleSubmission(options: { exempt: ReadonlyArray<string | RegExp> }): MiddlewareHandler<AppEnv> {
  const isExempt = (path: string) => options.exempt.some((e) => (typeof e === 'string' ? e === path : e.test(path)));
  return async (c, next) => {
    if (c.req.method !== 'POST' || isExempt(c.req.path) || !(c.req.header('content-type') ?? '').includes('form')) return next();
    const token = formTokenOf((await c.req.parseBody({ all: true }))[FORM_TOKEN_FIELD]);
    if (!token) return next();
    const forms = c.get('services').formTokens;
    if (!(await forms.claim(token))) return c.redirect(currentStateOf(c.req.path, c.req.header('referer'), c.req.header('host')), 303);
    let applied = false;
    try {
      await next();
      applied = c.res.status < 400;
    } finally {
      if (!applied) await forms.release(token);
    }
  };
}

/**
 * Where the current state of what a form changed is shown: the page the form was on (same-site
 * Referer), else the record the form's path names (`/console/requests/12/command` → `/console/requests/12`).
 */
export function currentStateOf(path: string, referer: string | undefined, host: string | undefined): string {
  let target = path.replace(/^(.*\/[0-9]+)\/[^/]+$/, '$1');
  if (referer) {
    try {
      const url = new URL(referer);
      if (url.host === host && url.pathname.startsWith('/console')) target = url.pathname + url.search;
    } catch {
      // An unreadable Referer: keep the path's record.
    }
  }
  const url = new URL(target, 'http://localhost');
  url.searchParams.set(RESUBMITTED_PARAM, '1');
  return url.pathname + url.search;
}
