/**
 * Serving a rendered report document: the HTML report carries its own <style>, so its response
 * gets a CSP that allows exactly that stylesheet by hash and nothing else (no script at all).
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { AppEnv } from './context.ts';

/** Responds with a standalone HTML report under a CSP pinned to its stylesheet's hash. */
export function serveReportHtml(c: Context<AppEnv>, html: string): Response {
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
  c.set('cspOverride', `default-src 'none'; style-src ${styles.join(' ') || "'none'"}; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`);
  return c.html(html.startsWith('<!DOCTYPE') ? html : `<!DOCTYPE html>${html}`);
}
