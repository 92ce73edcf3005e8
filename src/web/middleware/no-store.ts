/**
 * Pages that belong to one person must not be kept by a browser, a proxy or the public page cache:
 * the console (staff work on applicants' personal data) and the applicant's own pages (the
 * application form and its receipt with the query code, progress tracking, letters and documents).
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';

/** Whether a path is personal to the visitor: the console, or an applicant's application and tracking pages. */
export function isPrivatePath(path: string): boolean {
  return (
    path === '/console' ||
    path.startsWith('/console/') ||
    path === '/xxgk/apply' ||
    path.startsWith('/xxgk/apply/') ||
    path === '/xxgk/track' ||
    path.startsWith('/xxgk/track/')
  );
}

/** Marks every response on a private path `Cache-Control: no-store` (error pages and redirects included). */
export function noStore(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (isPrivatePath(c.req.path)) c.res.headers.set('Cache-Control', 'no-store');
  };
}
