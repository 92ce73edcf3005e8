/* eslint-disable @typescript-eslint/no-explicit-any */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../test/web-harness.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

async function draftViaConsole(title: string, body: string) {
  const editor = await t.signedIn('editor');
  await editor.get('/console/items/new');
  const res = await editor.post('/console/items/new', {
    agencyId: '2', title, summary: '概述', formedOn: '2026-11-20', categoryCode: 'general_affairs', genre: 'notice', attribute: 'proactive', body,
  });
  assert.equal(res.status, 303, await res.text());
  const id = /\/console\/items\/(\d+)/.exec(res.headers.get('location')!)![1]!;
  return { editor, id };
}

test('the demo town has its 2017 output published: the catalogue lists it with index numbers', async () => {
  const html = await (await t.agent().get('/xxgk/catalogue?year=2017')).text();
  assert.match(html, /信息公开目录（共 52 条）/, '43 公文 + 8 news + 1 interpretation formed in 2017');
  assert.match(html, /[0-9A-Z]{18}\/2017-\d{5}/);
  const api: any = await (await t.agent().request('/api/v1/items?year=2017&genre=news')).json();
  assert.equal(api.total, 8);
});

test('the catalogue filters by 有效性 (every demo item is in force: none repealed)', async () => {
  const count = async (query: string) => Number(/信息公开目录（共 (\d+) 条/.exec(await (await t.agent().get(`/xxgk/catalogue${query}`)).text())?.[1]);
  const all = await count('');
  assert.ok(all > 0);
  assert.equal(await count('?validity=valid'), all);
  assert.equal(await count('?validity=repealed'), 0);
  assert.equal(await count('?validity=nonsense'), all, 'an unknown value is no filter');
  assert.match(await (await t.agent().get('/xxgk/catalogue?validity=repealed')).text(), /<option value="repealed" selected/);
});

test('the editor form explains errors in Chinese and keeps what was typed', async () => {
  const editor = await t.signedIn('editor');
  await editor.get('/console/items/new');
  const res = await editor.post('/console/items/new', { agencyId: '2', title: '', summary: '保留的概述', formedOn: '2026-13-01', categoryCode: 'general_affairs', genre: 'notice', attribute: 'proactive', body: '正文' });
  assert.equal(res.status, 400);
  const html = await res.text();
  assert.match(html, /请填写信息名称/);
  assert.match(html, /生成日期不是有效日期/);
  assert.ok(html.includes('保留的概述'));
});

test('anonymous visitors never see drafts: not on the item page, the catalogue, search, the API or an attachment URL', async () => {
  const { id } = await draftViaConsole('内部草稿：机密测试标题', '<p>草稿正文 独一无二的词语甲乙丙</p>');
  const a = t.agent();
  assert.equal((await a.get(`/xxgk/items/${id}`)).status, 404);
  assert.equal((await a.request(`/api/v1/items/${id}`)).status, 404);
  assert.doesNotMatch(await (await a.get('/xxgk/catalogue')).text(), /内部草稿/);
  assert.match(await (await a.get(`/xxgk/search?q=${encodeURIComponent('甲乙丙')}`)).text(), /共找到 0 条/);
  assert.equal((await a.request(`/xxgk/items/${id}/files/${'a'.repeat(64)}`)).status, 404);
  assert.equal((await a.get(`/console/items/${id}`)).status, 303, 'the console wants a login');
});

test('workflow permissions over HTTP: an editor cannot review, approve or publish', async () => {
  const { editor, id } = await draftViaConsole('工作动态：森林防火宣传', '<p>森林防火宣传活动。</p>');
  await editor.get(`/console/items/${id}`);
  assert.equal((await editor.post(`/console/items/${id}/submit`, {})).status, 303);
  for (const action of ['pass-review', 'approve']) {
    const res = await editor.post(`/console/items/${id}/${action}`, {});
    assert.equal(res.status, 403, action);
    assert.match(await res.text(), /只有/);
  }
  const early = await editor.post(`/console/items/${id}/publish`, {});
  assert.equal(early.status, 409, 'editors publish, but only what was approved');
  assert.match(await early.text(), /不能发布/);
  const reviewer = await t.signedIn('reviewer');
  await reviewer.get(`/console/items/${id}`);
  assert.equal((await reviewer.post(`/console/items/${id}/pass-review`, {})).status, 303);
  assert.equal((await reviewer.post(`/console/items/${id}/approve`, {})).status, 403);
});

test('the review screen shows findings highlighted in context; masking is required before review passes', async () => {
  const { editor, id } = await draftViaConsole('补贴发放名单', '<p>王五 身份证 43128119900307121X 电话 13812345678</p>');
  await editor.get(`/console/items/${id}`);
  await editor.post(`/console/items/${id}/submit`, {});
  const reviewer = await t.signedIn('reviewer');
  const page = await (await reviewer.get(`/console/items/${id}`)).text();
  assert.match(page, /<mark>43128119900307121X<\/mark>/);
  assert.match(page, /<mark>13812345678<\/mark>/);
  assert.match(page, /431\*{11}121X/);
  const blocked = await reviewer.post(`/console/items/${id}/pass-review`, {});
  assert.equal(blocked.status, 409);
  assert.match(await blocked.text(), /须处理的发现/);
  const findingIds = [...page.matchAll(/name="findingId" value="([^"]+)"/g)].map((m) => m[1]!);
  assert.equal(findingIds.length, 2);
  const noReason = await reviewer.post(`/console/items/${id}/finding`, { findingId: findingIds[1]!, decision: 'intended', reason: '' });
  assert.equal(noReason.status, 409);
  assert.match(await noReason.text(), /须写明理由/);
  await reviewer.post(`/console/items/${id}/finding`, { findingId: findingIds[0]!, decision: 'mask' });
  await reviewer.post(`/console/items/${id}/finding`, { findingId: findingIds[1]!, decision: 'intended', reason: '本人书面同意公开联系电话' });
  assert.equal((await reviewer.post(`/console/items/${id}/pass-review`, {})).status, 303);
});

test('feeds, sitemap and robots.txt list only published items', async () => {
  const feed = await t.agent().request('/feeds/2.atom');
  assert.equal(feed.headers.get('content-type'), 'application/atom+xml; charset=utf-8');
  const xml = await feed.text();
  assert.match(xml, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
  assert.match(xml, /黔城镇2026年度财政预算公开/);
  assert.doesNotMatch(xml, /内部草稿/);
  const index = await (await t.agent().request('/sitemap.xml')).text();
  let urls = '';
  for (const [, loc] of index.matchAll(/<loc>([^<]+)<\/loc>/g)) urls += await (await t.agent().request(new URL(loc!).pathname)).text();
  assert.ok((urls.match(/<url><loc>[^<]+\/xxgk\/items\/\d+</g) ?? []).length > 70);
  assert.match(await (await t.agent().request('/robots.txt')).text(), /Disallow: \/console/);
});

test('API: paging, filters, bad parameters in Chinese', async () => {
  const a = t.agent();
  const page1: any = await (await a.request('/api/v1/items?limit=5')).json();
  const page2: any = await (await a.request('/api/v1/items?limit=5&offset=5')).json();
  assert.equal(page1.items.length, 5);
  assert.notDeepEqual(page1.items[0].id, page2.items[0].id);
  assert.ok(page1.items[0].indexNumber);
  const one: any = await (await a.request(`/api/v1/items/${page1.items[0].id}`)).json();
  assert.equal(one.id, page1.items[0].id);
  assert.match(one.bodyHtml, /<p>/);
  const bad = await a.request('/api/v1/items?clause=art99');
  assert.equal(bad.status, 400);
  assert.match(((await bad.json()) as any).error, /clause 无效/);
});

test('an administrator sets the index-number template and the guide text; both take effect', async () => {
  const admin = await t.signedIn('admin');
  await admin.get('/console/agencies/2/edit');
  const bad = await admin.post('/console/agencies/2/disclosure', { indexTemplate: '{year}', guideText: '' });
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /索引号模板无效/);
  const ok = await admin.post('/console/agencies/2/disclosure', { indexTemplate: '{code}-{year}-{seq:04}', guideText: '公开查阅点设在镇政务服务中心一楼。', sensitiveWords: '内部传阅\n暂不外传', allowList: '13907450000' });
  assert.equal(ok.status, 303);
  assert.match(await (await t.agent().get('/xxgk/guide')).text(), /公开查阅点设在镇政务服务中心一楼/);
  const { actorOf } = await import('../services/sign-in.ts');
  const s = t.application.services;
  const who = async (login: string) => actorOf((await s.deps.uow.read.users.findByLogin(login))!);
  const item = await s.items.create(await who('editor'), 2, { title: '模板测试', summary: '概述', formedOn: '2026-11-20', categoryCode: 'general_affairs', genre: 'notice', bodyHtml: '<p>正文 值班手机 13907450000。本文暂不外传。</p>', disclosure: { attribute: 'proactive' } });
  const submitted = await s.items.submit(await who('editor'), Number(item.id));
  const { findings } = await s.items.review(await who('reviewer'), Number(item.id));
  assert.deepEqual(findings.map((f) => f.kind), ['sensitive_word'], 'the agency’s sensitive word is flagged; its listed duty phone is not');
  for (const f of findings) await s.items.decideFinding(await who('reviewer'), Number(item.id), f.id, 'intended', '经核实可以公开');
  void submitted;
  await s.items.passReview(await who('reviewer'), Number(item.id));
  await s.items.approve(await who('approver'), Number(item.id));
  const published = await s.items.publish(await who('editor'), Number(item.id));
  assert.match(published.indexNumber!, /^[0-9A-Z]{18}-2026-\d{4}$/);
});
