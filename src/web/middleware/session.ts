/**
 * Session and CSRF. The session cookie carries a random token (the database keeps only its
 * hash). Forms carry a CSRF token: the session's own token when signed in (synchroniser
 * token), otherwise a random token also kept in an HttpOnly cookie (double submit). Every
 * unsafe request must present it, and a cross-site Origin is refused outright.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { actorOf } from '../../services/sign-in.ts';
import type { AppEnv } from '../context.ts';

export const SESSION_COOKIE = 'gk_session';
export const CSRF_COOKIE = 'gk_csrf';
export const TEXT_SIZE_COOKIE = 'gk_text';

export class CsrfError extends Error {
  constructor() {
    super('表单已过期或来源不明（CSRF 校验失败）。请返回上一页，刷新后重新提交。');
  }
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The host of an Origin header; undefined when it is not a URL (a forged or broken header, refused like a foreign one). */
function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

/** Resolves the session and prepares the CSRF token; verifies the token on unsafe methods. */
export function sessionAndCsrf(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const services = c.get('services');
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const resolved = await services.resolveSession(token);
      if (resolved) {
        c.set('user', resolved.user);
        c.set('session', resolved.session);
        c.set('actor', actorOf(resolved.user));
      } else {
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
      }
    }
    c.set('largeText', getCookie(c, TEXT_SIZE_COOKIE) === 'large');
    let anonymousToken = getCookie(c, CSRF_COOKIE);
    if (!anonymousToken || anonymousToken.length < 20) {
      anonymousToken = randomBytes(24).toString('base64url');
      setCookie(c, CSRF_COOKIE, anonymousToken, cookieOptions(c));
    }
    const session = c.get('session');
    c.set('csrfToken', session ? session.csrfToken : anonymousToken);

    if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method) && !c.req.path.startsWith('/api/')) {
      const origin = c.req.header('origin');
      if (origin && origin !== 'null' && hostOf(origin) !== c.req.header('host')) throw new CsrfError();
      const type = c.req.header('content-type') ?? '';
      const submitted =
        c.req.header('x-csrf-token') ??
        (type.includes('form') ? String((await c.req.parseBody({ all: true }))['_csrf'] ?? '') : '');
      if (!submitted || !sameToken(submitted, c.get('csrfToken'))) throw new CsrfError();
    }
    await next();
  };
}

/** Cookie attributes: HttpOnly, SameSite=Lax, Secure when configured. */
export function cookieOptions(c: Context<AppEnv>, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax' as const,
    secure: c.get('webConfig').secureCookies,
    ...(maxAgeSeconds !== undefined && { maxAge: maxAgeSeconds }),
  };
}
