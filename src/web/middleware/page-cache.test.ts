import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Hono } from 'hono';
import { createPageCache } from './page-cache.ts';
import type { AppEnv } from '../context.ts';

test('public pages are cached for anonymous visitors, dropped on invalidation, never when they carry a form token', async () => {
  let t = 0;
  const cache = createPageCache({ ttlMs: 1000, now: () => t, maxEntries: 2 });
  let renders = 0;
  const app = new Hono<AppEnv>();
  app.use('*', cache.middleware);
  app.get('/page', (c) => c.html(`<p>render ${++renders}</p>`));
  app.get('/form', (c) => c.html(`<input type="hidden" name="_csrf" value="${++renders}">`));
  const get = async (path: string, headers: Record<string, string> = {}) => (await app.request(path, { headers })).text();

  assert.equal(await get('/page'), '<p>render 1</p>');
  assert.equal(await get('/page'), '<p>render 1</p>', 'second visit is served from the cache');
  assert.equal(await get('/page', { cookie: 'gk_text=large' }), '<p>render 2</p>', 'large-text pages are cached separately');
  assert.equal(await get('/page', { cookie: 'gk_session=abc' }), '<p>render 3</p>', 'signed-in staff always get a fresh page');
  cache.invalidate();
  assert.equal(await get('/page'), '<p>render 4</p>', 'publication drops the cache');
  t = 2000;
  assert.equal(await get('/page'), '<p>render 5</p>', 'entries expire');
  assert.notEqual(await get('/form'), await get('/form'), 'pages with a CSRF token are not cached');
  assert.ok(cache.size <= 2);
});

test('a response marked no-store or private is never cached, even on a cacheable path', async () => {
  const cache = createPageCache();
  let renders = 0;
  const app = new Hono<AppEnv>();
  app.use('*', cache.middleware);
  app.get('/no-store', (c) => c.html(`<p>${++renders}</p>`, 200, { 'Cache-Control': 'no-store' }));
  app.get('/private', (c) => c.html(`<p>${++renders}</p>`, 200, { 'Cache-Control': 'private, max-age=60' }));
  const get = async (path: string) => (await app.request(path)).text();
  assert.notEqual(await get('/no-store'), await get('/no-store'));
  assert.notEqual(await get('/private'), await get('/private'));
  assert.equal(cache.size, 0);
});

test('the key is the canonical URL: unknown parameters and their order do not matter, and the page is rendered for the canonical URL', async () => {
  const cache = createPageCache({
    // Only `page` is read; page=1 is the default.
    canonicalUrl: (url) => {
      const page = url.searchParams.get('page');
      return `${url.origin}${url.pathname}${page && page !== '1' ? `?page=${page}` : ''}`;
    },
  });
  let renders = 0;
  const app = new Hono<AppEnv>();
  app.use('*', cache.middleware);
  app.get('/list', (c) => c.html(`<p>render ${++renders} of ${c.req.url}</p>`));
  const get = async (path: string) => (await app.request(path)).text();

  assert.equal(await get('/list?u=1&page=1'), '<p>render 1 of http://localhost/list</p>', 'the handler sees the canonical URL, without what the visitor appended');
  assert.equal(await get('/list'), '<p>render 1 of http://localhost/list</p>');
  assert.equal(await get('/list?u=2'), '<p>render 1 of http://localhost/list</p>', 'a junk parameter is a hit');
  assert.equal(await get('/list?page=2&u=1'), '<p>render 2 of http://localhost/list?page=2</p>');
  assert.equal(await get('/list?x=y&page=2'), '<p>render 2 of http://localhost/list?page=2</p>', 'order does not matter');
  assert.equal(renders, 2);
});

test('concurrent misses for one key render once (single flight); an uncacheable response is rendered for each', async () => {
  const cache = createPageCache();
  let renders = 0;
  let forms = 0;
  const app = new Hono<AppEnv>();
  app.use('*', cache.middleware);
  app.get('/slow', async (c) => {
    renders += 1;
    await new Promise((r) => setTimeout(r, 20));
    return c.html(`<p>render ${renders}</p>`);
  });
  app.get('/form', async (c) => {
    const token = ++forms;
    await new Promise((r) => setTimeout(r, 20));
    return c.html(`<input type="hidden" name="_csrf" value="${token}">`);
  });
  const text = async (path: string) => (await app.request(path)).text();
  const bodies = await Promise.all(Array.from({ length: 10 }, () => text('/slow')));
  assert.equal(renders, 1, 'ten concurrent visitors, one rendering');
  assert.deepEqual(new Set(bodies), new Set(['<p>render 1</p>']));
  const forMany = await Promise.all(Array.from({ length: 3 }, () => text('/form')));
  assert.equal(forms, 3, 'pages with a form token are never shared');
  assert.equal(new Set(forMany).size, 3);
});
