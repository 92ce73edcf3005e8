/**
 * A fixed-window rate limit per client address, for the login form and public forms. It lives
 * in process memory: with several web processes each counts its own share, which still caps
 * guessing; the per-account lock-out in sign-in.ts is the durable protection.
 */
import type { MiddlewareHandler } from 'hono';
import { ServiceError } from '../../services/errors.ts';
import type { AppEnv } from '../context.ts';
import { clientAddress } from '../client-address.ts';

/** Limits unsafe requests to `limit` per `windowMs` per client address. */
export function rateLimit(options: { limit: number; windowMs: number; now?: () => number }): MiddlewareHandler<AppEnv> {
  const now = options.now ?? (() => Date.now());
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    // In-process requests (tests) carry no socket; they share one bucket ('local').
    const key = clientAddress(c);
    const t = now();
    const w = windows.get(key);
    if (!w || t - w.start >= options.windowMs) {
      windows.set(key, { start: t, count: 1 });
      if (windows.size > 10_000) for (const [k, v] of windows) if (t - v.start >= options.windowMs) windows.delete(k);
    } else if (++w.count > options.limit) {
      c.header('Retry-After', String(Math.ceil((w.start + options.windowMs - t) / 1000)));
      throw new ServiceError('操作过于频繁，请稍后再试。', 429);
    }
    return next();
  };
}
