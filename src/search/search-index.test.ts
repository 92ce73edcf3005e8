import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../test/databases.ts';
import { createSearchIndex, type SearchDocument } from './search-index.ts';
import { normaliseForSearch } from './normalise-text.ts';

const docs: SearchDocument[] = [
  { itemId: 1, agencyId: 2, agencyPath: '/1/2/', title: '黔城镇2017年政府信息公开工作年度报告', body: '本报告依据条例编制。依申请公开：共收到申请3件，其中网上申请1件。发布的每一条主动公开信息均经保密审查。', category: '综合政务', genre: 'report', year: 2018, validity: 'valid', publishedOn: '2018-03-13' },
  { itemId: 2, agencyId: 2, agencyPath: '/1/2/', title: '关于规范依申请公开办理流程的通知', body: '各站所：为规范政府信息公开申请的接收、登记、办理、审核、答复、归档……', category: '综合政务', genre: 'notice', year: 2019, validity: 'valid', publishedOn: '2019-06-01' },
  { itemId: 3, agencyId: 9, agencyPath: '/1/2/9/', title: '板桥村2024年村务公开', body: '村集体收入明细；复议案件0件。保密审查已通过。', category: '农业林业水利', genre: 'notice', year: 2024, validity: 'valid', publishedOn: '2024-07-01' },
  { itemId: 4, agencyId: 5, agencyPath: '/1/5/', title: '其他镇：行政复议案件统计', body: '行政复议案件 2 件，50%_通过率', category: '综合政务', genre: 'statistics', year: 2023, validity: 'repealed', publishedOn: '2023-01-05' },
];

test('normalisation: Traditional to Simplified, full-width to half-width, case', () => {
  assert.equal(normaliseForSearch('依申請公開　ＡＢＣ'), '依申请公开 abc');
});

describeEachDialect('search index', (ctx) => {
  test('substring recall: every item containing the query is found, however words would be segmented', async () => {
    const index = createSearchIndex(ctx.db);
    for (const d of docs) await index.upsert(d);
    const ids = async (q: string, extra: object = {}) => (await index.search({ q, ...extra })).hits.map((h) => h.itemId);
    assert.deepEqual(await ids('依申请公开'), [2, 1], 'title hit first, then newest');
    assert.deepEqual(await ids('保密审查'), [3, 1]);
    assert.deepEqual(await ids('复议案件'), [4, 3], 'title hit (item 4) before the newer body hit (item 3)');
    assert.deepEqual(await ids('议案'), [4, 3], 'two-character queries work too');
    assert.deepEqual(await ids('审'), [3, 2, 1], 'and one character');
    assert.deepEqual(await ids('依申請公開'), [2, 1], 'Traditional characters find Simplified text');
    assert.deepEqual(await ids('50%_'), [4], 'LIKE wildcards are literal');
    assert.deepEqual(await ids('%'), [4]);
    assert.deepEqual(await ids('不存在的词'), []);
  });

  test('filters: agency subtree, category, year, validity; paging and totals', async () => {
    const index = createSearchIndex(ctx.db);
    const r = await index.search({ q: '公开', within: ['/1/2/'] });
    assert.deepEqual(r.hits.map((h) => h.itemId), [3, 2, 1]);
    assert.equal(r.total, 3);
    assert.deepEqual((await index.search({ q: '公开', within: ['/1/2/9/'] })).hits.map((h) => h.itemId), [3]);
    assert.deepEqual((await index.search({ q: '复议', validity: 'repealed' })).hits.map((h) => h.itemId), [4]);
    assert.deepEqual((await index.search({ q: '公开', year: 2019 })).hits.map((h) => h.itemId), [2]);
    assert.deepEqual((await index.search({ q: '公开', category: '农业林业水利' })).hits.map((h) => h.itemId), [3]);
    const page = await index.search({ q: '公开', limit: 1, offset: 1 });
    assert.equal(page.total, 3);
    assert.deepEqual(page.hits.map((h) => h.itemId), [2]);
  });

  test('snippets mark every occurrence; removal and replacement take effect', async () => {
    const index = createSearchIndex(ctx.db);
    const [hit] = (await index.search({ q: '保密审查', within: ['/1/2/9/'] })).hits;
    assert.ok(hit);
    for (const [s, e] of hit.marks) assert.equal(hit.snippet.slice(s, e), '保密审查');
    await index.remove(3);
    assert.deepEqual((await index.search({ q: '保密审查' })).hits.map((h) => h.itemId), [1]);
    await index.upsert({ ...docs[0]!, title: '改名后的年报', body: '无' });
    assert.deepEqual((await index.search({ q: '保密审查' })).hits.map((h) => h.itemId), []);
  });
});
