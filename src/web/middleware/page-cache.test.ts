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
