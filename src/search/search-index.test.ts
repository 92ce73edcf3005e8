import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { describeEachDialect } from '../../test/databases.ts';
import { choosePlan, createSearchIndex, type SearchDocument } from './search-index.ts';
import { normaliseForSearch } from './normalise-text.ts';
import { gramsOf, gramsWithin, scopedGramKey } from './search-terms.ts';
import { dialectOf } from '../storage/database.ts';

const docs: SearchDocument[] = [
  { itemId: 1, agencyId: 2, agencyPath: '/1/2/', title: '黔城镇2017年政府信息公开工作年度报告', body: '本报告依据条例编制。依申请公开：共收到申请3件，其中网上申请1件。发布的每一条主动公开信息均经保密审查。', category: '综合政务', genre: 'report', year: 2018, validity: 'valid', publishedOn: '2018-03-13' },
  { itemId: 2, agencyId: 2, agencyPath: '/1/2/', title: '关于规范依申请公开办理流程的通知', body: '各站所：为规范政府信息公开申请的接收、登记、办理、审核、答复、归档……', category: '综合政务', genre: 'notice', year: 2019, validity: 'valid', publishedOn: '2019-06-01' },
  { itemId: 3, agencyId: 9, agencyPath: '/1/2/9/', title: '板桥村2024年村务公开', body: '村集体收入明细；复议案件0件。保密审查已通过。', category: '农业林业水利', genre: 'notice', year: 2024, validity: 'valid', publishedOn: '2024-07-01' },
  { itemId: 4, agencyId: 5, agencyPath: '/1/5/', title: '其他镇：行政复议案件统计', body: '行政复议案件 2 件，50%_通过率', category: '综合政务', genre: 'statistics', year: 2023, validity: 'repealed', publishedOn: '2023-01-05' },
];

test('normalisation: Traditional to Simplified, full-width to half-width, case', () => {
  assert.equal(normaliseForSearch('依申請公開　ＡＢＣ'), '依申请公开 abc');
});

test('the grams a scoped search looks up are held by every text containing the query', () => {
  assert.deepEqual(gramsWithin('低保'), ['低保']);
  assert.deepEqual(gramsWithin('王'), ['王']);
  assert.deepEqual(gramsWithin('保密审查'), ['保密', '密审', '审查']);
  assert.deepEqual(gramsWithin('耕地地力保护补贴'), ['耕地', '地力', '保护', '补贴'], 'a long word: four of its pairs, first and last among them');
  assert.deepEqual(gramsWithin('1 2'), ['1', '2'], 'no two letters together: the characters');
  assert.deepEqual(gramsWithin('、%'), [], 'no letter or digit: no scoped search');
  for (const q of ['保密审查', '耕地地力保护补贴', '黔城镇2017', '1 2', 'a、b']) {
    const held = new Set(gramsOf(`前文${q}后文`));
    assert.ok(gramsWithin(q).every((g) => held.has(g)), q);
  }
  assert.equal(scopedGramKey(9, 't', '保密'), '9t保密');
});

test('PostgreSQL plans a search from the sampled density: walk the sort-key index, a GIN bitmap, or the filter\'s rows', () => {
  const titles = { sample: 2000, total: 1_000_000, rows: 'index' as const, filterIndexed: false };
  const bodies = { sample: 400, total: 1_000_000, rows: 'rows' as const, filterIndexed: false };
  const word = (hits: number) => ({ hits, termHits: hits, filterHits: 0 });
  assert.equal(choosePlan({ ...titles, ...word(140), need: 1001, page: false }), 'walk', '公开 in 7% of titles: counting to the cap walks 14 000 index entries rather than take 70 000 matches from GIN');
  assert.equal(choosePlan({ ...titles, ...word(140), need: 1000, page: true }), 'walk', 'and so does its 50th page');
  assert.equal(choosePlan({ ...bodies, ...word(16), need: 1001, page: false }), 'bitmap', '王 in 4% of bodies: counting by walking would read 25 000 rows; the GIN bitmap stops at 1001');
  assert.equal(choosePlan({ ...bodies, ...word(16), need: 20, page: true }), 'walk', 'but its first page walks 500 rows rather than fetch and sort 40 000');
  assert.equal(choosePlan({ ...titles, ...word(1), need: 20, page: true }), 'bitmap', 'a word in 0.05% of titles: 40 000 entries to walk against 500 rows to sort');
  assert.equal(choosePlan({ ...titles, ...word(0), need: 20, page: true }), 'bitmap', 'nothing among the newest: the bitmap');
  const village = { ...bodies, filterIndexed: true, hits: 0, termHits: 60, filterHits: 0 };
  assert.equal(choosePlan({ ...village, need: 1001, page: false }), 'filter', '低保 (15% of bodies) in one village (0.1%): test the village\'s rows, not 150 000 GIN matches');
  assert.equal(choosePlan({ ...village, filterHits: 7, need: 1001, page: false }), 'bitmap', 'in a town of 17 000 entries the GIN bitmap is cheaper');
  const town = { ...bodies, filterIndexed: true, hits: 2, termHits: 120, filterHits: 7 };
  assert.equal(choosePlan({ ...town, need: 1001, page: false, scopedLists: 14 * 3 }), 'scoped', '保密审查 (30% of bodies) in a town of 14 agencies: 42 short posting lists, not 300 000 GIN matches');
  assert.equal(choosePlan({ ...town, need: 20, page: true, scopedLists: 14 * 3 }), 'walk', 'but its first page walks the town\'s newest entries rather than fetch and sort 5 000 candidates');
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

  test("a search inside a caller's transaction gives the same hits and leaves the transaction's planner settings as they were", async () => {
    const alone = await createSearchIndex(ctx.db).search({ q: '公开', within: ['/1/2/'] });
    await ctx.db.transaction().execute(async (tx) => {
      if (ctx.dialect === 'postgres') await sql`select set_config('enable_seqscan', 'off', true)`.execute(tx);
      const inside = await createSearchIndex(tx).search({ q: '公开', within: ['/1/2/'] });
      assert.deepEqual(inside, alone);
      if (ctx.dialect === 'postgres') {
        const { rows } = await sql<{ s: string; b: string; i: string }>`select current_setting('enable_seqscan') as s, current_setting('enable_bitmapscan') as b, current_setting('enable_indexscan') as i`.execute(tx);
        assert.deepEqual(rows[0], { s: 'off', b: 'on', i: 'on' });
      }
    });
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

/** A seeded PRNG so that a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describeEachDialect('search index against a reference', (ctx) => {
  // A small alphabet makes every query match many documents in title, body, both or neither.
  const ALPHABET = ['公', '开', '申', '请', '审', '查', 'a', 'B', '1', '2', '、', ' ', '%', '開'];
  const rnd = prng(2017);
  const text = (n: number) => Array.from({ length: n }, () => ALPHABET[Math.floor(rnd() * ALPHABET.length)]!).join('');
  const corpus: SearchDocument[] = Array.from({ length: 1300 }, (_, i) => {
    const agency = 3 + Math.floor(rnd() * 4);
    return {
      itemId: i + 1,
      agencyId: agency,
      agencyPath: agency === 6 ? '/1/2/6/' : `/1/${agency}/`,
      title: text(3 + Math.floor(rnd() * 6)),
      body: text(Math.floor(rnd() * 60)),
      category: rnd() < 0.5 ? '综合政务' : '农业、林业、水利',
      genre: rnd() < 0.5 ? 'notice' : 'news',
      year: 2015 + Math.floor(rnd() * 4),
      validity: rnd() < 0.8 ? 'valid' : 'expired',
      publishedOn: `20${15 + Math.floor(rnd() * 4)}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`,
    };
  });

  function reference(q: string, filter: { within?: string[]; year?: number; category?: string; validity?: string; genre?: string }, offset: number, limit: number) {
    const nq = normaliseForSearch(q);
    const rows = corpus
      .map((d) => ({ d, title: normaliseForSearch(d.title), body: normaliseForSearch(d.body) }))
      .filter(({ d, title, body }) => (title.includes(nq) || body.includes(nq)) &&
        (!filter.within || filter.within.some((p) => d.agencyPath.startsWith(p))) && (!filter.year || d.year === filter.year) &&
        (!filter.category || d.category === filter.category) && (!filter.validity || d.validity === filter.validity) && (!filter.genre || d.genre === filter.genre))
      .sort((x, y) => Number(y.title.includes(nq)) - Number(x.title.includes(nq)) || y.d.publishedOn.localeCompare(x.d.publishedOn) || y.d.itemId - x.d.itemId);
    const reachable = Math.min(rows.length, 1000);
    return { total: reachable, capped: rows.length > 1000, ids: rows.slice(offset, Math.min(offset + limit, reachable)).map((r) => r.d.itemId) };
  }

  test('every query, filter and page gives exactly the reference result (exact substrings, title tier first, newest first, capped count)', async () => {
    const index = createSearchIndex(ctx.db);
    await index.upsertMany(corpus);
    const queries = ['公', '公开', '开申请', 'a', 'ab', '1 2', '、', '%', '公開', '审查公开', 'b1', '公a', '请、', '開申'];
    const filters = [{}, { within: ['/1/2/'] }, { within: ['/1/3/', '/1/2/6/'] }, { year: 2016 }, { category: '农业、林业、水利', validity: 'valid' }, { genre: 'news', year: 2018 }];
    let checked = 0;
    for (const q of queries) {
      for (const f of filters) {
        for (const [offset, limit] of [[0, 20], [990, 20], [37, 5]] as const) {
          const want = reference(q, f, offset, limit);
          const got = await index.search({ q, ...f, offset, limit });
          assert.deepEqual(got.hits.map((h) => h.itemId), want.ids, `${q} ${JSON.stringify(f)} ${offset}+${limit}`);
          assert.equal(got.total, want.total, `total of ${q} ${JSON.stringify(f)}`);
          assert.equal(got.capped === true, want.capped, `capped flag of ${q} ${JSON.stringify(f)}`);
          checked++;
        }
      }
    }
    assert.equal(checked, queries.length * filters.length * 3);
    // PostgreSQL picks a plan per tier from a sample; each plan, wherever it applies, gives exactly the reference.
    if (dialectOf(ctx.db) === 'postgres') {
      for (const plan of ['walk', 'bitmap', 'filter', 'scoped'] as const) {
        const forced = createSearchIndex(ctx.db, { plan });
        for (const q of queries) {
          for (const f of filters) {
            for (const [offset, limit] of [[0, 20], [37, 5]] as const) {
              const want = reference(q, f, offset, limit);
              const got = await forced.search({ q, ...f, offset, limit });
              assert.deepEqual(got.hits.map((h) => h.itemId), want.ids, `${plan}: ${q} ${JSON.stringify(f)} ${offset}+${limit}`);
              assert.equal(got.total, want.total, `${plan}: total of ${q} ${JSON.stringify(f)}`);
            }
          }
        }
      }
    }
    assert.ok(reference('公', {}, 0, 1).capped, 'the corpus has a query past the cap');
    const common = await index.search({ q: '公' });
    assert.equal(common.capped, true, 'a character in most documents is counted only up to the cap');
    assert.equal(common.total, 1000);
  });

  test('settle() after a bulk load: PostgreSQL vacuums the index table, outside a transaction only', async () => {
    const index = createSearchIndex(ctx.db);
    await index.settle();
    if (dialectOf(ctx.db) === 'postgres') {
      const visible = await sql<{ n: number }>`select relallvisible as n from pg_class where oid = 'search_documents'::regclass`.execute(ctx.db);
      assert.ok(Number(visible.rows[0]?.n) > 0, 'VACUUM marked the pages all-visible');
      await assert.rejects(() => ctx.db.transaction().execute((tx) => createSearchIndex(tx).settle()), /outside a transaction/);
    }
    assert.equal((await index.search({ q: '公' })).total, 1000, 'searching still works');
  });

  test('removal clears every part of an entry; re-publishing with a new date moves it', async () => {
    const index = createSearchIndex(ctx.db);
    const doc = corpus.find((d) => normaliseForSearch(d.title).includes('审查'))!;
    await index.remove(doc.itemId);
    for (const q of ['审查', '审', normaliseForSearch(doc.title)]) {
      assert.ok(!(await index.search({ q, limit: 100 })).hits.some((h) => h.itemId === doc.itemId), q);
    }
    await index.upsert({ ...doc, title: '审查审查审查', publishedOn: '2030-01-01' });
    const [first] = (await index.search({ q: '审查' })).hits;
    assert.equal(first?.itemId, doc.itemId, 'the newest title hit comes first');
  });
});
