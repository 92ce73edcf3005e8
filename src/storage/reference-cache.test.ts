import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AgencyInput } from '../domain/organisations/agency.ts';
import type { Repositories } from '../services/ports.ts';
import { describeEachDialect } from '../../test/databases.ts';
import { createReferenceCache } from './reference-cache.ts';
import { createUnitOfWork } from './unit-of-work.ts';

const town = (name: string, parentId: number | null = null): AgencyInput => ({
  parentId, kind: 'town_gov', name, shortName: '', creditCode: null, orgCode: null, address: '', postcode: '', phone: '', fax: '', email: '', officeHours: '', disclosureOffice: '', sortOrder: 0,
});

describeEachDialect('reference cache', (ctx) => {
  test('reads outside transactions come from memory; a committed write shows at once, a rolled-back one never', async () => {
    const uow = createUnitOfWork(ctx.db);
    const at = '2026-11-26T00:00:00.000Z';
    const root = await uow.transaction((r) => r.agencies.insert(town('甲镇'), null, at));
    assert.deepEqual((await uow.read.agencies.list()).map((a) => a.name), ['甲镇']);
    // Written behind the cache's back (as another process would): not seen until the cache is dropped.
    await ctx.db.updateTable('agencies').set({ name: '乙镇' }).where('id', '=', root.id).execute();
    assert.equal((await uow.read.agencies.findById(root.id))?.name, '甲镇', 'held in memory');
    await uow.transaction((r) => r.agencies.update(root.id, town('丙镇'), at));
    assert.equal((await uow.read.agencies.findById(root.id))?.name, '丙镇');
    assert.deepEqual((await uow.read.agencies.list()).map((a) => a.name), ['丙镇']);

    assert.equal(await uow.read.settings.get('k'), undefined);
    await assert.rejects(uow.transaction(async (r) => { await r.settings.set('k', 'v1', at); throw new Error('rolled back'); }), /rolled back/);
    assert.equal(await uow.read.settings.get('k'), undefined);
    await uow.transaction((r) => r.settings.set('k', 'v2', at));
    assert.equal(await uow.read.settings.get('k'), 'v2');
    await uow.read.settings.set('k', 'v3', at);
    assert.equal(await uow.read.settings.get('k'), 'v3', 'a write outside a transaction drops it too');

    assert.deepEqual(await uow.read.vocabularies.termsOf('category', [root.id]), new Map());
    await uow.transaction((r) => r.vocabularies.replace(root.id, 'category', [{ code: 'a', label: '甲', parentCode: null }], at));
    assert.deepEqual((await uow.read.vocabularies.termsOf('category', [root.id])).get(root.id)?.map((e) => e.label), ['甲']);
    assert.equal((await uow.read.vocabularies.allTermsOf([root.id])).get(root.id)?.get('category')?.length, 1);
    await uow.transaction((r) => r.vocabularies.clear(root.id, 'category'));
    assert.deepEqual(await uow.read.vocabularies.termsOf('category', [root.id]), new Map());
  });
});

test('a read under way while the cache is dropped is not kept; entries live at most the TTL', async () => {
  let now = 0;
  const cache = createReferenceCache({ ttlMs: 1000, now: () => now });
  let reads = 0;
  let value = 'old';
  let gate: Promise<void> | undefined;
  const base = { settings: { get: async () => { reads++; const v = value; await gate; return v; }, set: async () => {} } } as unknown as Repositories;
  const repos = cache.cached({ ...base, agencies: {} as never, vocabularies: {} as never, backup: {} as never });
  let open = () => {};
  gate = new Promise((resolve) => (open = resolve));
  const slow = repos.settings.get('k');
  value = 'new';
  cache.clear();
  open();
  assert.equal(await slow, 'old');
  gate = undefined;
  assert.equal(await repos.settings.get('k'), 'new', 'read again: the stale answer was not kept');
  assert.equal(await repos.settings.get('k'), 'new');
  assert.equal(reads, 2);
  value = 'newer';
  now = 1001;
  assert.equal(await repos.settings.get('k'), 'newer', 'past the TTL');
  assert.equal(reads, 3);
});
