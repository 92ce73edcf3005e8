import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../test/databases.ts';
import { testServices } from '../../test/services.ts';
import { actorOf } from './sign-in.ts';
import type { Actor } from './ports.ts';
import type { Agency } from '../domain/organisations/agency.ts';

function itemForm(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '关于召开2026年冬季森林防火工作会议的通知',
    summary: '通知各村（社区）参加森林防火工作会议。',
    formedOn: '2026-11-20',
    categoryCode: 'general_affairs',
    genre: 'notice',
    bodyHtml: '<p>定于11月30日召开森林防火工作会议。</p>',
    disclosure: { attribute: 'proactive' },
    ...overrides,
  };
}

describeEachDialect('configurable vocabularies', (ctx) => {
  let s: ReturnType<typeof testServices>;
  const actors: Record<string, Actor> = {};
  let town: Agency;
  let village: Agency;
  let station: Agency;

  test('setup: demo organisation', async () => {
    s = testServices(ctx.db);
    await s.initialise({ demo: true, adminPassword: 'Qiancheng-Root#2026', demoContent: undefined });
    for (const login of ['editor', 'officer', 'admin', 'reviewer']) actors[login] = actorOf((await s.deps.uow.read.users.findByLogin(login))!);
    const all = await s.agencies.all();
    town = all.find((a) => a.name === '黔城镇人民政府')!;
    village = all.find((a) => a.kind === 'village' && a.path.startsWith(town.path))!;
    station = all.find((a) => a.kind !== 'village' && a.parentId === town.id)!;
  });

  test('without configuration every agency has the defaults (26 catalogue domains)', async () => {
    const v = await s.vocabularies.forAgency(village.id);
    assert.equal(v.catalogueDomains.entries.length, 26);
    assert.equal(v.categories.entries[1]?.label, '综合政务');
    assert.equal(v.kinds.entries.find((e) => e.code === 'notice')?.label, '通知');
  });

  test('only administrators and the office configure vocabularies', async () => {
    await assert.rejects(s.vocabularies.edit(actors.editor!, town.id, 'category', { type: 'add', label: '乡村振兴' }), /权限/);
    await assert.rejects(s.vocabularies.view(actors.reviewer!, town.id, 'kind'), /权限/);
    await assert.rejects(s.vocabularies.edit(actors.officer!, town.id, 'colours', { type: 'add', label: '红' }), /没有这个词表/);
  });

  test('the town adds a category and a kind: its units inherit them, the item form takes them, the kind counts as its genre', async () => {
    await s.vocabularies.edit(actors.officer!, town.id, 'category', { type: 'add', label: '乡村振兴', parentCode: '', genre: '' });
    await s.vocabularies.edit(actors.officer!, town.id, 'kind', { type: 'add', label: '会议通知', genre: 'notice' });
    const code = `a${town.id}-1`;
    const inherited = await s.vocabularies.forAgency(village.id);
    assert.equal(inherited.categories.entries.at(-1)?.label, '乡村振兴');
    assert.equal(inherited.categories.entries.at(-1)?.code, code);
    assert.equal(inherited.kinds.entries.at(-1)?.genre, 'notice');

    const item = await s.items.create(actors.editor!, village.id, itemForm({ categoryCode: code, genre: code }));
    assert.equal(item.categoryCode, code);
    assert.equal(item.kindCode, code);
    assert.equal(item.genre, 'notice', 'the annual report counts it as a 通知 (公文)');
    const view = await s.vocabularies.view(actors.officer!, town.id, 'kind');
    assert.equal(view.own, true);
    assert.equal(view.usage.get(code), 1);

    const audit = await s.deps.uow.read.audit.forEntity('agency', town.id);
    const added = audit.find((e) => e.action === 'vocabulary_add' && (JSON.parse(e.change) as { vocabulary: string }).vocabulary === 'kind');
    assert.ok(added, 'the addition is audited');
    assert.equal((JSON.parse(added.change) as { copiedFrom: string }).copiedFrom, 'defaults', 'the first edit copies the defaults');
    assert.equal((await s.audit.verify(actors.admin!)).problem, undefined);
  });

  test('a term in use cannot be deleted; retired, it stays on old items (which can still be edited) but is refused for new ones', async () => {
    const code = `a${town.id}-1`;
    await assert.rejects(s.vocabularies.edit(actors.officer!, town.id, 'category', { type: 'remove', code }), /已有 1 条信息使用，不能删除/);
    await s.vocabularies.edit(actors.officer!, town.id, 'category', { type: 'retire', code });
    await assert.rejects(s.items.create(actors.editor!, village.id, itemForm({ categoryCode: code })), /该主题分类已停用/);
    const existing = (await s.items.listForStaff(actors.editor!, { limit: 50 })).items.find((i) => i.categoryCode === code)!;
    const edited = await s.items.edit(actors.editor!, Number(existing.id), itemForm({ title: '关于召开森林防火工作会议的通知（修改）', categoryCode: code, genre: code }));
    assert.equal(edited.categoryCode, code, 'the old item keeps its retired term');
    // An unused term is deleted outright.
    await s.vocabularies.edit(actors.officer!, town.id, 'category', { type: 'add', label: '临时分类' });
    await s.vocabularies.edit(actors.officer!, town.id, 'category', { type: 'remove', code: `a${town.id}-2` });
    const after = await s.vocabularies.forAgency(town.id);
    assert.equal(after.categories.entries.some((e) => e.label === '临时分类'), false);
    assert.equal(after.categories.entries.find((e) => e.code === code)?.retired, true);
  });

  test('rename and reorder persist in order on both stores', async () => {
    const before = (await s.vocabularies.forAgency(town.id)).catalogueDomains.entries.map((e) => e.code);
    await s.vocabularies.edit(actors.admin!, town.id, 'catalogue_domain', { type: 'move', code: before[1], direction: 'up' });
    await s.vocabularies.edit(actors.admin!, town.id, 'catalogue_domain', { type: 'rename', code: 'land_expropriation', label: '农村集体土地征收' });
    const after = (await s.vocabularies.forAgency(village.id)).catalogueDomains.entries;
    assert.deepEqual(after.slice(0, 2).map((e) => e.code), [before[1], before[0]]);
    assert.equal(after.find((e) => e.code === 'land_expropriation')?.label, '农村集体土地征收');
  });

  test('a unit may keep its own list; it goes back to inheriting only if nothing it uses would disappear', async () => {
    await s.vocabularies.edit(actors.officer!, station.id, 'category', { type: 'add', label: '站所专用' });
    const own = await s.vocabularies.view(actors.officer!, station.id, 'category');
    assert.equal(own.own, true);
    assert.equal((await s.vocabularies.forAgency(station.id)).categories.entries.at(-1)?.label, '站所专用');
    assert.equal((await s.vocabularies.forAgency(village.id)).categories.entries.some((e) => e.label === '站所专用'), false, 'siblings are not affected');

    const stationCode = `a${station.id}-1`;
    const item = await s.items.create(actors.editor!, station.id, itemForm({ categoryCode: stationCode }));
    await assert.rejects(s.vocabularies.inherit(actors.officer!, station.id, 'category'), /不能恢复沿用.*站所专用/);
    // Once the draft is moved to an inherited term, the station can inherit again.
    await s.items.edit(actors.editor!, Number(item.id), itemForm({ categoryCode: 'general_affairs' }));
    await s.vocabularies.inherit(actors.officer!, station.id, 'category');
    assert.equal((await s.vocabularies.view(actors.officer!, station.id, 'category')).own, false);
    assert.equal((await s.vocabularies.forAgency(station.id)).categories.entries.some((e) => e.label === '站所专用'), false);
  });

  test('a unit with no own list cannot "go back" to inheriting', async () => {
    await assert.rejects(s.vocabularies.inherit(actors.officer!, village.id, 'kind'), /没有单独设置体裁/);
    await s.vocabularies.edit(actors.officer!, village.id, 'kind', { type: 'rename', code: 'news', label: '村务动态' });
    assert.equal((await s.vocabularies.forAgency(village.id)).kinds.entries.find((e) => e.code === 'news')?.label, '村务动态');
    await s.vocabularies.inherit(actors.officer!, village.id, 'kind');
    assert.equal((await s.vocabularies.forAgency(village.id)).kinds.entries.find((e) => e.code === 'news')?.label, '工作动态');
    const audit = await s.deps.uow.read.audit.forEntity('agency', village.id);
    assert.deepEqual(audit.map((e) => e.action).slice(0, 2), ['vocabulary_inherit', 'vocabulary_rename']);
  });

  test('the public catalogue filters offer the town’s terms and the ones its units added', async () => {
    await s.vocabularies.edit(actors.officer!, village.id, 'category', { type: 'add', label: '村级专用' });
    const subtree = (await s.agencies.all()).filter((a) => a.path.startsWith(town.path)).map((a) => a.id);
    const filters = await s.vocabularies.catalogueFilters(town, subtree);
    const labels = filters.categories.entries.map((e) => e.label);
    assert.ok(labels.includes('乡村振兴'), 'retired terms stay filterable: old items carry them');
    assert.ok(labels.includes('村级专用'));
    assert.ok(!labels.includes('站所专用'), 'a list the station gave up is gone');
    assert.equal(new Set(filters.categories.entries.map((e) => e.code)).size, filters.categories.entries.length);
  });

  test('concurrent additions at one agency each get their own code (no lost update)', async () => {
    const labels = ['并发甲', '并发乙', '并发丙', '并发丁'];
    await Promise.all(labels.map((label) => s.vocabularies.edit(actors.admin!, town.id, 'catalogue_domain', { type: 'add', label })));
    const entries = (await s.vocabularies.forAgency(town.id)).catalogueDomains.entries;
    for (const label of labels) assert.ok(entries.some((e) => e.label === label), label);
    assert.equal(new Set(entries.map((e) => e.code)).size, entries.length);
  });
});
