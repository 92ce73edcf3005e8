/**
 * A cache of what the public sees: anonymous GET responses of the portal, the public API, feeds
 * and the sitemap, kept in memory for a short time and dropped whenever something is published,
 * revised or withdrawn. Pages that carry a form token are never cached (they differ per visitor).
 * With several web processes each keeps its own copy; the TTL bounds how stale another process's
 * copy can be after a publication elsewhere.
 */
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../context.ts';

interface Entry {
  /** Bytes and a plain header object (with X-Cache already set): @hono/node-server writes such a response straight out, without building a web Response. */
  body: Uint8Array;
  headers: Record<string, string>;
  status: number;
  storedAt: number;
}

export interface PageCache {
  middleware: MiddlewareHandler<AppEnv>;
  invalidate(): void;
  readonly size: number;
}

const CACHEABLE_TYPES = /^(text\/html|application\/json|application\/atom\+xml|application\/xml|text\/plain)/;

/**
 * Creates a cache holding at most `maxEntries` responses for `ttlMs` each. Its middleware goes first
 * in the chain, so a hit costs no session lookup or header work: the stored response already carries
 * the security headers. Requests with a session cookie (staff) are never served from or stored in it.
 */
export function createPageCache(options: { maxEntries?: number; ttlMs?: number; now?: () => number; isCacheable?: (path: string) => boolean; sessionCookie?: string; textSizeCookie?: string } = {}): PageCache {
  const isCacheable = options.isCacheable ?? (() => true);
  const sessionCookie = options.sessionCookie ?? 'gk_session';
  const textSizeCookie = options.textSizeCookie ?? 'gk_text';
  const maxEntries = options.maxEntries ?? 2000;
  const ttlMs = options.ttlMs ?? 60_000;
  const now = options.now ?? (() => Date.now());
  const entries = new Map<string, Entry>();
  let generation = 0;
  return {
    get size() {
      return entries.size;
    },
    invalidate() {
      generation += 1;
      entries.clear();
    },
    middleware: async (c, next) => {
      if (c.req.method !== 'GET' || !isCacheable(c.req.path) || getCookie(c, sessionCookie)) return next();
      const key = `${getCookie(c, textSizeCookie) === 'large' ? 'L' : 'N'}${c.req.url}`;
      const hit = entries.get(key);
      if (hit && now() - hit.storedAt < ttlMs) {
        // Refresh its place in the LRU order.
        entries.delete(key);
        entries.set(key, hit);
        return new Response(hit.body, { status: hit.status, headers: hit.headers });
      }
      const startedIn = generation;
      await next();
      const res = c.res;
      const type = res.headers.get('content-type') ?? '';
      if (res.status !== 200 || !CACHEABLE_TYPES.test(type) || startedIn !== generation) return;
      // A page for one visitor only (the application receipt) says so.
      if (/no-store|private/i.test(res.headers.get('cache-control') ?? '')) return;
      const body = new Uint8Array(await res.clone().arrayBuffer());
      if (Buffer.from(body.buffer, body.byteOffset, body.byteLength).includes('name="_csrf"')) return;
      const headers: Record<string, string> = Object.fromEntries([...res.headers].filter(([k]) => k.toLowerCase() !== 'set-cookie'));
      headers['x-cache'] = 'hit';
      entries.set(key, { body, headers, status: res.status, storedAt: now() });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
  };
}
