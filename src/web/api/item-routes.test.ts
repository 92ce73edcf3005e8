/* eslint-disable @typescript-eslint/no-explicit-any */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/web-harness.ts';
import { insertPublishedItems } from '../../../test/bulk-items.ts';
import { publishItem } from '../../../test/publish-item.ts';
import { parseXml, type XmlElement } from '../../../test/xml.ts';
import { actorOf } from '../../services/sign-in.ts';
import { PORTAL_AGENCY_SETTING } from '../../services/initialise-database.ts';
import { createApp } from '../app.tsx';
import { API_COUNT_CAP } from './item-routes.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const locs = (root: XmlElement) => root.children.map((e) => e.children.find((c) => c.name === 'loc')!.text);

async function portal() {
  const services = t.application.services;
  const all = await services.agencies.all();
  const homeId = Number(await services.settings.get(PORTAL_AGENCY_SETTING));
  const home = all.find((a) => a.id === homeId)!;
  return { all, home };
}

test('the sitemap is an index of files no longer than the limit, listing every published item of the portal once and every agency’s pages', async () => {
  // Files of 5 URLs: the demo town's published items span many.
  const app = createApp({ services: t.application.services, webConfig: { secureCookies: false, sessionHours: 12, publicUrl: 'https://gk.example.cn', sitemapUrlsPerFile: 5 }, pingDatabase: async () => {} });
  const get = async (path: string) => {
    const res = await app.request(path);
    assert.equal(res.status, 200, path);
    assert.equal(res.headers.get('content-type'), 'application/xml; charset=utf-8');
    return parseXml(await res.text());
  };
  const index = await get('/sitemap.xml');
  assert.equal(index.name, 'sitemapindex');
  const files = locs(index);
  assert.equal(files[0], 'https://gk.example.cn/sitemap-pages.xml');
  const lastId = await t.application.services.items.lastItemId();
  assert.equal(files.length, 1 + Math.ceil(lastId / 5));
  const { all, home } = await portal();
  const itemUrls: string[] = [];
  for (const file of files.slice(1)) {
    const urlset = await get(new URL(file).pathname);
    assert.equal(urlset.name, 'urlset');
    assert.ok(urlset.children.length <= 5, file);
    for (const u of urlset.children) assert.match(u.children.find((c) => c.name === 'lastmod')!.text, /^\d{4}-\d{2}-\d{2}$/);
    itemUrls.push(...locs(urlset));
  }
  const published = await t.application.db.selectFrom('item_versions').select('item_id').where('status', '=', 'published').where('agency_path', 'like', `${home.path}%`).orderBy('item_id').execute();
  assert.ok(published.length > 70);
  assert.deepEqual(itemUrls, published.map((r) => `https://gk.example.cn/xxgk/items/${String(r.item_id)}`), 'every published item once, in id order');
  const pages = locs(await get('/sitemap-pages.xml'));
  const village = all.find((a) => a.name === '板桥村')!;
  const station = all.find((a) => a.name === '黔城镇财政所')!;
  for (const p of ['/', '/xxgk/catalogue', '/xxgk/interpretations', `/xxgk/village-affairs/${String(village.id)}`, `/xxgk/catalogue?agency=${String(station.id)}`, `/xxgk/catalogue?agency=${String(village.id)}`]) {
    assert.ok(pages.includes(`https://gk.example.cn${p}`), p);
  }
  assert.ok(pages.some((p) => /\/xxgk\/annual-reports\/\d+$/.test(p)), 'published annual reports');
  assert.equal((await app.request('/sitemap-items-0.xml')).status, 404);
  assert.equal((await app.request('/sitemap-other.xml')).status, 404);
});

test('the default sitemap index is served (and cached) at /sitemap.xml, and robots.txt names it', async () => {
  const index = parseXml(await (await t.agent().request('/sitemap.xml')).text());
  assert.equal(index.name, 'sitemapindex');
  assert.equal(locs(index).length, 2, 'the pages and, at 10 000 ids a file, one file of items');
  assert.equal((await t.agent().request('/sitemap-items-1.xml')).headers.get('x-cache'), null);
  assert.equal((await t.agent().request('/sitemap-items-1.xml')).headers.get('x-cache'), 'hit');
  assert.match(await (await t.agent().request('/robots.txt')).text(), /Sitemap: http:\/\/localhost\/sitemap\.xml/);
});

test('feeds stay well-formed whatever a title holds, and name themselves in rel="self"', async () => {
  const s = t.application.services;
  const actors = Object.fromEntries(await Promise.all(['editor', 'reviewer', 'approver'].map(async (l) => [l, actorOf((await s.deps.uow.read.users.findByLogin(l))!)])));
  const { home } = await portal();
  await publishItem(s, actors, home.id, { title: '关于\u000b做好\u0001防汛工作的通知 <重要> & “紧急”', summary: '概述\u001f。', categoryCode: 'general_affairs' });
  for (const path of [`/feeds/${String(home.id)}.atom`, `/feeds/${String(home.id)}.atom?category=general_affairs`]) {
    const feed = parseXml(await (await t.agent().request(path)).text());
    const self = feed.children.find((e) => e.name === 'link' && e.attributes.rel === 'self')!;
    assert.equal(self.attributes.href, `http://localhost${path}`);
    assert.equal(feed.children.find((e) => e.name === 'id')!.text, `http://localhost${path}`);
    const titles = feed.children.filter((e) => e.name === 'entry').map((e) => e.children.find((c) => c.name === 'title')!.text);
    assert.equal(titles[0], '关于做好防汛工作的通知 <重要> & “紧急”');
  }
});

test('the API counts to 10 000 and says so; deeper offsets are refused in Chinese', async () => {
  const { home } = await portal();
  const first = (await t.application.services.items.lastItemId()) + 1;
  await insertPublishedItems(t.application.db, 'sqlite', Array.from({ length: API_COUNT_CAP + 1 }, (_, i) => ({ id: first + i, agency: home })));
  t.application.services.deps.onPublicChange?.();
  const a = t.agent();
  const list: any = await (await a.request('/api/v1/items?limit=5')).json();
  assert.equal(list.total, API_COUNT_CAP);
  assert.equal(list.capped, true);
  assert.equal(list.items.length, 5);
  const deep = await a.request(`/api/v1/items?offset=${String(API_COUNT_CAP)}`);
  assert.equal(deep.status, 400);
  assert.match(((await deep.json()) as any).error, /offset 不能超过 9999/);
  const feed = parseXml(await (await a.request(`/feeds/${String(home.id)}.atom`)).text());
  assert.equal(feed.children.filter((e) => e.name === 'entry').length, 50);
});
