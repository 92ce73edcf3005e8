/**
 * Bad input is the visitor's mistake, never a 500: a malformed Origin header, absurd paging
 * numbers; and an unexpected failure on the API is logged with a reference like any other.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../test/web-harness.ts';
import { createApp } from './app.tsx';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test('a malformed Origin header on a form: 403 (CSRF), not 500', async () => {
  const a = t.agent();
  await a.get('/xxgk/apply');
  for (const origin of ['http://[bad', '::::', 'http://']) {
    const res = await a.post('/xxgk/track', { trackingNumber: 'x', queryCode: 'y' }, { headers: { origin } });
    assert.equal(res.status, 403, origin);
    assert.match(await res.text(), /CSRF/, origin);
  }
});

test('paging numbers out of range on the API: 400 with a Chinese message', async () => {
  const a = t.agent();
  for (const q of ['offset=1e300', 'offset=-1', 'offset=abc', 'offset=1.5', 'offset=99999999999']) {
    const res = await a.request(`/api/v1/items?${q}`);
    assert.equal(res.status, 400, q);
    assert.match(((await res.json()) as { error: string }).error, /offset/, q);
  }
  assert.equal((await a.request('/api/v1/items?offset=20&limit=5')).status, 200);
});

test('an unexpected failure on /api/ is logged with a reference, and the answer names it', async () => {
  const logged: string[] = [];
  const services = t.application.services;
  const broken = { ...services, items: { ...services.items, publicList: () => Promise.reject(new Error('数据库连接中断')) } } as typeof services;
  const app = createApp({ services: broken, webConfig: { secureCookies: false, sessionHours: 12, publicUrl: undefined }, pingDatabase: async () => {}, logError: (ref) => logged.push(ref) });
  const res = await app.request('http://localhost/api/v1/items', { headers: { host: 'localhost' } });
  assert.equal(res.status, 500);
  const body = (await res.json()) as { error: string; reference: string };
  assert.equal(logged.length, 1);
  assert.equal(body.reference, logged[0]);
  assert.match(body.error, /系统出现错误/);
});

test('a year that is not a year (fractions, exponents) is ignored as a filter, never a search-engine error', async () => {
  const a = t.agent();
  for (const path of ['/xxgk/search?q=公开&year=-5e-324', '/xxgk/search?q=公开&year=2025.5', '/xxgk/catalogue?year=1e300', '/api/v1/items?year=-5e-324']) {
    const res = await a.request(encodeURI(path));
    assert.equal(res.status, 200, path);
  }
});

test('a database locked past its busy timeout (a long import beside the server): 503 in Chinese with Retry-After, not 500', async () => {
  const services = t.application.services;
  const original = services.requests.submitOnline;
  services.requests.submitOnline = async () => {
    throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
  };
  try {
    const a = t.agent();
    const page = await (await a.get('/xxgk/apply')).text();
    const hidden = Object.fromEntries([...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    const res = await a.post('/xxgk/apply', {
      ...hidden, type: 'natural_person', name: '张晓明', identityKind: '居民身份证', identityNumber: '43128119900307121X',
      phone: '13812345678', address: '黔城镇', description: '黔城镇2026年防汛物资储备清单', formWanted: 'electronic', deliveryMethod: 'online',
    });
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('retry-after'), '10');
    assert.match(await res.text(), /系统正忙/);
    const api = await a.request('/api/v1/deadline?received=2025-09-22');
    assert.equal(api.status, 200, 'other work goes on');
  } finally {
    services.requests.submitOnline = original;
  }
});
