/**
 * How many SQL statements an uncached portal page runs, counted through Kysely's log hook: a
 * deterministic guard against N+1 regressions (a search page used to read each hit's version on its
 * own — 31 statements; a catalogue page looked each vocabulary up twice — 12). Agencies, settings and
 * vocabularies are held in memory after the first page (storage/reference-cache.ts), so a page reads
 * only what it shows; a change to them shows on the next page.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase } from '../../storage/database.ts';
import { createTestApp, type TestApp } from '../../../test/web-harness.ts';

let t: TestApp;
let statements = 0;
let itemId = '';
before(async () => {
  const db = openDatabase({ sqlitePath: ':memory:', log: (e) => { if (e.level === 'query') statements++; } });
  t = await createTestApp({ db });
  itemId = /href="\/xxgk\/items\/(\d+)"/.exec(await (await t.agent().get('/xxgk/catalogue')).text())![1]!;
});
after(() => t.close());

/** GETs a public page past the page cache; returns its text and the statements it ran. */
async function uncached(path: string): Promise<{ statements: number; body: string }> {
  t.application.services.deps.onPublicChange?.();
  const before = statements;
  const res = await t.agent().request(path);
  const body = await res.text();
  assert.equal(res.status, 200, `${path}: ${res.status}`);
  return { statements: statements - before, body };
}

test('an uncached catalogue, item or search page runs a few statements, not one per row or per vocabulary', async () => {
  const search = `/xxgk/search?q=${encodeURIComponent('政府')}`;
  for (const path of ['/xxgk/catalogue', `/xxgk/items/${itemId}`, search]) await uncached(path);
  const catalogue = await uncached('/xxgk/catalogue?page=2');
  assert.ok(catalogue.statements <= 4, `catalogue: ${catalogue.statements} statements`);
  const item = await uncached(`/xxgk/items/${itemId}`);
  assert.ok(item.statements <= 5, `item: ${item.statements} statements`);
  const found = await uncached(search);
  assert.ok((found.body.match(/<li>/g) ?? []).length >= 10, 'the search finds a page of hits');
  assert.ok(found.statements <= 5, `search: ${found.statements} statements`);
});

test('a renamed category shows on the next page, though vocabularies are held in memory', async () => {
  const townId = (await t.application.services.agencies.all()).find((a) => a.name === '黔城镇人民政府')!.id;
  assert.ok((await uncached('/xxgk/catalogue')).body.includes('>农业、林业、水利<'));
  const officer = await t.signedIn('officer');
  const page = `/console/vocabularies/${townId}/category`;
  await officer.get(page);
  assert.equal((await officer.post(page, { type: 'rename', code: 'agriculture_forestry_water', label: '农林水利' })).status, 303);
  const after = (await uncached('/xxgk/catalogue')).body;
  assert.ok(after.includes('>农林水利<'), 'the new label');
  assert.ok(!after.includes('>农业、林业、水利<'), 'not the old one');
});
