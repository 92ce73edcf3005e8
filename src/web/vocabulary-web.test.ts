import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../test/web-harness.ts';

let t: TestApp;
let townId = 0;
before(async () => {
  t = await createTestApp();
  townId = (await t.application.services.agencies.all()).find((a) => a.name === '黔城镇人民政府')!.id;
});
after(() => t.close());

test('the office adds a category on the 信息分类设置 screen; the item form, the portal filters and the guide offer it', async () => {
  const officer = await t.signedIn('officer');
  const index = await (await officer.get('/console/vocabularies')).text();
  assert.match(index, /<h1>信息分类设置<\/h1>/);
  assert.match(index, /默认设置/);
  const page = `/console/vocabularies/${townId}/category`;
  const screen = await (await officer.get(page)).text();
  assert.match(screen, /当前：<strong>默认设置<\/strong>/);
  const added = await officer.post(page, { type: 'add', label: '乡村振兴', parentCode: '' });
  assert.equal(added.status, 303, await added.text());
  assert.equal(added.headers.get('location'), `${page}?done=add`);
  const after = await (await officer.get(`${page}?done=add`)).text();
  assert.match(after, /已新增/);
  assert.match(after, /本机构单独设置/);
  assert.ok(after.includes(`a${townId}-1`));

  const editor = await t.signedIn('editor');
  const form = await (await editor.get('/console/items/new')).text();
  assert.match(form, new RegExp(`<option value="a${townId}-1">乡村振兴</option>`));
  const filters = await (await t.agent().get('/xxgk/catalogue')).text();
  assert.match(filters, /乡村振兴/);
  assert.match(await (await t.agent().get('/xxgk/guide')).text(), /主题分类：[^<]*乡村振兴/);
});

test('bad input is explained in Chinese and what was typed is kept; a term in use is not deleted', async () => {
  const officer = await t.signedIn('officer');
  const page = `/console/vocabularies/${townId}/kind`;
  await officer.get(page);
  const missing = await officer.post(page, { type: 'add', label: '会议通知', genre: '' });
  assert.equal(missing.status, 400);
  const html = await missing.text();
  assert.match(html, /请选择新体裁在年度报告中按哪一类统计/);
  assert.match(html, /value="会议通知"/);
  const inUse = await officer.post(page, { type: 'remove', code: 'notice' });
  assert.equal(inUse.status, 400);
  assert.match(await inUse.text(), /已有 \d+ 条信息使用，不能删除/);
  const unknown = await officer.get(`/console/vocabularies/${townId}/colours`);
  assert.equal(unknown.status, 404);
});

test('a retired kind disappears from the item form but old items still show it; editors and reviewers cannot configure', async () => {
  const officer = await t.signedIn('officer');
  const page = `/console/vocabularies/${townId}/kind`;
  await officer.get(page);
  assert.equal((await officer.post(page, { type: 'rename', code: 'news', label: '镇村动态' })).status, 303);
  assert.equal((await officer.post(page, { type: 'retire', code: 'news' })).status, 303);
  const editor = await t.signedIn('editor');
  const form = await (await editor.get('/console/items/new')).text();
  assert.doesNotMatch(form, /镇村动态/);
  // A published demo news item now shows the renamed label on the portal and in the API.
  const api = (await (await t.agent().request('/api/v1/items?genre=news&limit=1')).json()) as { items: Array<{ id: number; genre: { code: string }; kind: { code: string; label: string } }> };
  const item = api.items[0]!;
  assert.equal(item.genre.code, 'news');
  assert.deepEqual(item.kind, { code: 'news', label: '镇村动态' });
  assert.match(await (await t.agent().get(`/xxgk/items/${item.id}`)).text(), /<th scope="row">体裁<\/th>\s*<td>镇村动态<\/td>/);

  for (const role of ['editor', 'reviewer', 'approver'] as const) {
    const a = await t.signedIn(role);
    assert.equal((await a.get('/console/vocabularies')).status, 403, role);
    await a.get('/console');
    assert.equal((await a.post(page, { type: 'add', label: '越权体裁', genre: 'news' })).status, 403, role);
  }
  const audit = await (await (await t.signedIn('admin')).get('/console/audit')).text();
  assert.match(audit, /vocabulary_retire/);
});
