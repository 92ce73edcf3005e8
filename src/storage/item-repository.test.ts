import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompiledQuery } from 'kysely';
import { describeEachDialect } from '../../test/databases.ts';
import { insertPublishedItems } from '../../test/bulk-items.ts';
import type { Database, Dialect } from './database.ts';
import { createItemRepository } from './item-repository.ts';

/** The database with every statement it is sent recorded, compiled. */
function spying(db: Database) {
  const sent: CompiledQuery[] = [];
  const spied = db.withPlugin({
    transformQuery: (args) => {
      sent.push(db.getExecutor().compileQuery(args.node, args.queryId));
      return args.node;
    },
    transformResult: async (args) => args.result,
  });
  return { sent, spied };
}

/** The store's query plan for a statement, as text. */
async function planOf(db: Database, dialect: Dialect, q: CompiledQuery): Promise<string> {
  const explain = CompiledQuery.raw(`${dialect === 'sqlite' ? 'explain query plan' : 'explain'} ${q.sql}`, [...q.parameters]);
  return (await db.executeQuery<Record<string, unknown>>(explain)).rows.map((r) => String(r.detail ?? r['QUERY PLAN'])).join('\n');
}

describeEachDialect('item lists by genre', (ctx) => {
  test('the 政策解读 column and /api/v1/items?genre= read the genre index, not every published version', async () => {
    const agency = { id: 1, path: '/1/' };
    await ctx.db.insertInto('agencies').values({ id: 1, parent_id: null, path: '/1/', kind: 'town_gov', name: '黔城镇人民政府', short_name: '黔城镇', created_at: '2025-01-01T00:00:00.000Z', updated_at: '2025-01-01T00:00:00.000Z' } as never).execute();
    // 5 000 published versions, one in fifty an interpretation (as in a real register).
    await insertPublishedItems(
      ctx.db,
      ctx.dialect,
      Array.from({ length: 5000 }, (_, i) => ({ id: i + 1, agency, genre: i % 50 === 0 ? 'interpretation' : 'notice', publishedOn: `20${String(16 + (i % 10))}-0${String(1 + (i % 9))}-1${String(i % 10)}` })),
    );
    // Every statement the list sends, compiled as it is sent.
    const { sent, spied } = spying(ctx.db);
    const list = await createItemRepository(spied).list({ liveOnly: true, within: ['/1/'], genre: 'interpretation', limit: 20, offset: 0, countCap: 10_000 });
    assert.equal(list.total, 100);
    assert.equal(list.items.length, 20);
    assert.ok(list.items.every((i) => i.genre === 'interpretation'));
    assert.deepEqual(list.items.map((i) => i.publishedOn), [...list.items.map((i) => i.publishedOn)].sort().reverse(), 'newest first');
    // (The plugin also sees the capped count's subquery on its own.)
    const filtered = sent.filter((q) => q.sql.includes('"v"."genre" =') && !sent.some((other) => other.sql !== q.sql && other.sql.includes(q.sql)));
    assert.equal(filtered.length, 2, 'the capped count and the page');
    for (const q of filtered) {
      const plan = await planOf(ctx.db, ctx.dialect, q);
      assert.match(plan, /item_versions_catalogue_genre_idx/, `${q.sql}\n${plan}`);
    }
  });
});

describeEachDialect('a village’s list', (ctx) => {
  test('the 村务公开 page and its capped count read the village’s own rows by the agency index, not every published version', async () => {
    const at = '2025-01-01T00:00:00.000Z';
    for (const [id, parent, path, kind] of [[1, null, '/1/', 'town_gov'], [2, 1, '/1/2/', 'village'], [3, 1, '/1/3/', 'village']] as const) {
      await ctx.db.insertInto('agencies').values({ id, parent_id: parent, path, kind, name: `机构${String(id)}`, short_name: `机构${String(id)}`, created_at: at, updated_at: at } as never).execute();
    }
    // 5 000 published versions, one in fifty the village's.
    await insertPublishedItems(
      ctx.db,
      ctx.dialect,
      Array.from({ length: 5000 }, (_, i) => ({ id: i + 1, agency: i % 50 === 0 ? { id: 2, path: '/1/2/' } : { id: 3, path: '/1/3/' }, publishedOn: `20${String(16 + (i % 10))}-0${String(1 + (i % 9))}-1${String(i % 10)}` })),
    );
    const { sent, spied } = spying(ctx.db);
    const list = await createItemRepository(spied).list({ liveOnly: true, within: ['/1/2/'], agencyId: 2, limit: 20, offset: 0, countCap: 10_000 });
    assert.equal(list.total, 100);
    assert.equal(list.items.length, 20);
    assert.ok(list.items.every((i) => i.agencyPath === '/1/2/'));
    assert.deepEqual(list.items.map((i) => i.publishedOn), [...list.items.map((i) => i.publishedOn)].sort().reverse(), 'newest first');
    const filtered = sent.filter((q) => q.sql.includes('"v"."agency_id" =') && !sent.some((other) => other.sql !== q.sql && other.sql.includes(q.sql)));
    assert.equal(filtered.length, 2, 'the capped count and the page');
    for (const q of filtered) {
      const plan = await planOf(ctx.db, ctx.dialect, q);
      assert.match(plan, /item_versions_agency_list_idx/, `${q.sql}\n${plan}`);
      assert.doesNotMatch(plan, /TEMP B-TREE|Sort/, `${q.sql}\n${plan}`);
    }
  });
});

describeEachDialect('the console’s list of all items', (ctx) => {
  test('/console/items?tab=all reads its page in order off an index (no sort of every version) and caps its count', async () => {
    const at = '2025-01-01T00:00:00.000Z';
    await ctx.db.insertInto('agencies').values({ id: 1, parent_id: null, path: '/1/', kind: 'town_gov', name: '黔城镇人民政府', short_name: '黔城镇', created_at: at, updated_at: at } as never).execute();
    await insertPublishedItems(
      ctx.db,
      ctx.dialect,
      Array.from({ length: 5000 }, (_, i) => ({ id: i + 1, agency: { id: 1, path: '/1/' }, publishedOn: `20${String(16 + (i % 10))}-0${String(1 + (i % 9))}-1${String(i % 10)}` })),
    );
    // Item 4 has a newer draft (no publication date: it sorts by its formation date).
    await ctx.db.insertInto('item_versions').values({ ...(await ctx.db.selectFrom('item_versions').selectAll().where('item_id', '=', 4).executeTakeFirstOrThrow()), version: 2, status: 'draft', published_on: null, formed_on: '2030-01-01' }).execute();
    await ctx.db.updateTable('items').set({ latest_version: 2 }).where('id', '=', 4).execute();
    const { sent, spied } = spying(ctx.db);
    const repo = createItemRepository(spied);
    const list = await repo.list({ within: ['/1/'], limit: 50, offset: 0, countCap: 1000 });
    assert.equal(list.total, 1000);
    assert.equal(list.capped, true);
    assert.equal(list.items.length, 50);
    assert.equal(list.items[0]!.id, '4', 'the draft formed in 2030 first');
    assert.equal((await repo.list({ within: ['/1/'], limit: 50, offset: 0, countCap: 10_000 })).total, 5000);
    const page = sent.find((q) => q.sql.includes('order by coalesce'));
    assert.ok(page);
    const plan = await planOf(ctx.db, ctx.dialect, page);
    assert.match(plan, /item_versions_console_order_idx/, `${page.sql}\n${plan}`);
    assert.doesNotMatch(plan, /TEMP B-TREE|Sort/, `${page.sql}\n${plan}`);
  });
});

describeEachDialect('the sitemap’s reads', (ctx) => {
  test('published items by id range within a subtree, by id, with the highest id; a list with countCap 0 counts nothing', async () => {
    const at = '2025-01-01T00:00:00.000Z';
    for (const [id, parent, path] of [[1, null, '/1/'], [2, 1, '/1/2/'], [3, null, '/3/']] as const) {
      await ctx.db.insertInto('agencies').values({ id, parent_id: parent, path, kind: 'town_gov', name: `机构${String(id)}`, short_name: `机构${String(id)}`, created_at: at, updated_at: at } as never).execute();
    }
    const repo = createItemRepository(ctx.db);
    assert.equal(await repo.lastItemId(), 0);
    await insertPublishedItems(ctx.db, ctx.dialect, Array.from({ length: 30 }, (_, i) => ({ id: i + 1, agency: i % 3 === 2 ? { id: 3, path: '/3/' } : { id: 2, path: '/1/2/' }, publishedOn: '2025-03-05' })));
    // Item 4 has a draft revision beside its published version; item 5 is withdrawn.
    await ctx.db.insertInto('item_versions').values({ ...(await ctx.db.selectFrom('item_versions').selectAll().where('item_id', '=', 4).executeTakeFirstOrThrow()), version: 2, status: 'draft', published_on: null }).execute();
    await ctx.db.updateTable('item_versions').set({ status: 'withdrawn' }).where('item_id', '=', 5).execute();
    assert.equal(await repo.lastItemId(), 30);
    const range = await repo.publishedInIdRange({ within: ['/1/'], afterId: 0, throughId: 10 });
    assert.deepEqual(range.map((r) => r.itemId), [1, 2, 4, 7, 8, 10], 'published, in the subtree, in (0, 10], once each, by id');
    assert.equal(range[0]!.publishedOn, '2025-03-05');
    assert.deepEqual((await repo.publishedInIdRange({ within: ['/1/'], afterId: 10, throughId: 12 })).map((r) => r.itemId), [11]);
    assert.deepEqual(await repo.publishedInIdRange({ within: [], afterId: 0, throughId: 30 }), []);
    const uncounted = await repo.list({ liveOnly: true, within: ['/1/'], limit: 5, countCap: 0 });
    assert.equal(uncounted.items.length, 5);
    assert.equal(uncounted.total, 0);
  });
});
