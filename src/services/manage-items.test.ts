import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../test/databases.ts';
import { testServices } from '../../test/services.ts';
import { publishItem } from '../../test/publish-item.ts';
import { VALIDITY_STATUSES, validityOn } from '../domain/publishing/index.ts';
import { actorOf } from './sign-in.ts';
import type { Actor } from './ports.ts';

const ID = '43128119900307121X'; // valid GB 11643 check character (synthetic identity)

export function itemForm(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '黔城镇2024年耕地地力保护补贴发放公示',
    summary: '公示2024年耕地地力保护补贴发放对象和金额。',
    documentNumber: '',
    formedOn: '2026-11-20',
    categoryCode: 'agriculture_forestry_water',
    genre: 'public_notice',
    clause: 'art21_agricultural_policy',
    bodyHtml: `<p>经村民代表会议讨论，现将补贴发放名单公示如下：</p><p>张三，身份证号 ${ID}，补贴 1200 元。</p>`,
    disclosure: { attribute: 'proactive' },
    hasElectronicFullText: true,
    ...overrides,
  };
}

describeEachDialect('information registry', (ctx) => {
  let s: ReturnType<typeof testServices>;
  const actors: Record<string, Actor> = {};
  let townId = 0;

  test('setup: demo organisation', async () => {
    s = testServices(ctx.db);
    // The demo organisation and users, without the demo items (this suite counts its own).
    await s.initialise({ demo: true, adminPassword: 'Qiancheng-Root#2026', demoContent: undefined });
    for (const login of ['editor', 'reviewer', 'approver', 'officer', 'admin']) actors[login] = actorOf((await s.deps.uow.read.users.findByLogin(login))!);
    townId = (await s.agencies.all()).find((a) => a.name === '黔城镇人民政府')!.id;
  });

  test('draft → submit (scan finds the ID number) → reviewer masks → review → approval → publication, searchable and masked', async () => {
    const draft = await s.items.create(actors.editor!, townId, itemForm());
    assert.equal(draft.status, 'draft');
    const submitted = await s.items.submit(actors.editor!, Number(draft.id));
    assert.equal(submitted.status, 'scanned');
    assert.equal(submitted.scan?.unresolvedBlocking, 1);
    const { findings } = await s.items.review(actors.reviewer!, Number(draft.id));
    const idFinding = findings.find((f) => f.kind === 'id_card')!;
    assert.equal(idFinding.text, ID);
    await assert.rejects(s.items.passReview(actors.reviewer!, Number(draft.id)), /须处理的发现/);
    await assert.rejects(s.items.decideFinding(actors.editor!, Number(draft.id), idFinding.id, 'mask'), /权限/);
    await s.items.decideFinding(actors.reviewer!, Number(draft.id), idFinding.id, 'mask');
    await s.items.passReview(actors.reviewer!, Number(draft.id));
    await assert.rejects(s.items.publish(actors.editor!, Number(draft.id)), /只有/, 'not approved yet');
    await s.items.approve(actors.approver!, Number(draft.id));
    const published = await s.items.publish(actors.editor!, Number(draft.id));
    assert.equal(published.status, 'published');
    assert.match(published.indexNumber ?? '', /^[0-9A-Z]{18}\/2026-00001$/);
    const pub = await s.items.publicItem(Number(draft.id));
    assert.ok(pub);
    assert.ok(pub.public.bodyHtml.includes('431***********121X'));
    assert.ok(!pub.public.bodyHtml.includes(ID), 'the public never sees the ID number');
    const staff = await s.items.get(actors.reviewer!, Number(draft.id));
    assert.ok(staff.latest.bodyHtml.includes(ID), 'the original is kept for authorised staff');
    const hits = await s.items.search({ q: '耕地地力保护' });
    assert.deepEqual(hits.hits.map((h) => h.itemId), [Number(draft.id)]);
    assert.equal((await s.items.search({ q: ID })).total, 0, 'the masked number is not searchable');
    const audit = await s.deps.uow.read.audit.forEntity('item', draft.id);
    assert.deepEqual(audit.map((e) => e.action).reverse(), ['create', 'submit', 'mask_finding', 'pass_review', 'approve', 'publish']);
  });

  test('nobody sees drafts publicly; separation of duties; withdrawal removes from the portal and search', async () => {
    const draft = await s.items.create(actors.officer!, townId, itemForm({ title: '关于开展森林防火专项检查的通知', bodyHtml: '<p>各村：请做好森林防火工作。</p>', genre: 'notice', clause: null }));
    assert.equal(await s.items.publicItem(Number(draft.id)), undefined);
    assert.equal((await s.items.publicList({})).items.some((i) => i.id === draft.id), false);
    await s.items.submit(actors.officer!, Number(draft.id));
    // The officer drafted it; an officer is no reviewer anyway — the reviewer passes, the approver approves.
    await s.items.passReview(actors.reviewer!, Number(draft.id));
    await s.items.approve(actors.approver!, Number(draft.id));
    await s.items.publish(actors.officer!, Number(draft.id));
    assert.equal((await s.items.search({ q: '森林防火' })).total, 1);
    await assert.rejects(s.items.withdraw(actors.editor!, Number(draft.id), '内容有误'), /只有/);
    await s.items.withdraw(actors.approver!, Number(draft.id), '内容有误，已重新发文');
    assert.equal(await s.items.publicItem(Number(draft.id)), undefined);
    assert.equal((await s.items.search({ q: '森林防火' })).total, 0);
  });

  test('a policy page lists its published interpretations (and not a draft one); an interpretation names its policy', async () => {
    const publish = (overrides: Record<string, unknown>) => publishItem(s, actors, townId, overrides);
    const policy = await publish({ title: '黔城镇农村人居环境整治工作方案', genre: 'notice' });
    const reading = await publish({ title: '《黔城镇农村人居环境整治工作方案》政策解读', genre: 'interpretation', interpretsItemId: String(policy) });
    const draft = Number((await s.items.create(actors.editor!, townId, itemForm({ title: '解读草稿', genre: 'interpretation', interpretsItemId: String(policy), bodyHtml: '<p>草稿。</p>' }))).id);
    const page = await s.items.publicItem(policy);
    assert.deepEqual(page?.interpretations.map((i) => Number(i.id)), [reading], `published only, not the draft ${String(draft)}`);
    assert.equal((await s.items.publicItem(reading))?.policy?.id, String(policy));
    // The search page's live versions, in one query: published ones only, in the order asked for.
    const live = await s.items.liveVersions([reading, draft, policy, 999_999]);
    assert.deepEqual([...live.keys()], [reading, policy]);
    assert.equal(live.get(policy)?.title, '黔城镇农村人居环境整治工作方案');
  });

  test('the catalogue filters by 有效性 on the day, as the item page states it', async () => {
    const today = '2026-11-26'; // the test clock's date in Beijing
    const dates = (effectiveOn: string | null, expiresOn: string | null, repealedOn: string | null) => ({ effectiveOn, expiresOn, repealedOn });
    const cases = {
      无日期: null,
      今日到期: dates(null, today, null),
      昨日到期: dates(null, '2026-11-25', null),
      今日废止: dates(null, null, today),
      到期后废止: dates(null, '2026-11-22', '2026-11-24'),
      明年施行: dates('2027-01-01', null, null),
      今日施行: dates(today, null, null),
    };
    const ids = new Map<number, string>();
    for (const [label, validity] of Object.entries(cases)) {
      ids.set(await publishItem(s, actors, townId, { title: `有效性样例：${label}`, genre: 'notice', validity }), label);
    }
    const expected = (label: string) => {
      const v = cases[label as keyof typeof cases];
      return v === null ? 'valid' : validityOn(v, today);
    };
    for (const status of VALIDITY_STATUSES) {
      const listed = (await s.items.publicList({ validity: status, limit: 100 })).items.filter((i) => ids.has(Number(i.id))).map((i) => ids.get(Number(i.id))!);
      const want = [...ids.values()].filter((label) => expected(label) === status);
      assert.deepEqual(listed.sort(), want.sort(), status);
    }
    assert.deepEqual(VALIDITY_STATUSES.map((st) => [...ids.values()].filter((l) => expected(l) === st).length), [1, 3, 1, 2], 'every status has a case');
  });

  test('a reviewer cannot review a draft they wrote (separation of duties)', async () => {
    const reviewerAsEditor: Actor = { ...actors.reviewer!, grants: [...actors.reviewer!.grants, { role: 'editor', agencyId: townId, agencyPath: actors.reviewer!.grants[0]!.agencyPath }] };
    const draft = await s.items.create(reviewerAsEditor, townId, itemForm({ bodyHtml: '<p>无个人信息。</p>', title: '工作动态' }));
    await s.items.submit(reviewerAsEditor, Number(draft.id));
    await assert.rejects(s.items.passReview(reviewerAsEditor, Number(draft.id)), /不能审查自己的稿件/);
  });

  test('index numbers stay unique under concurrent publication', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 8; i++) {
      const d = await s.items.create(actors.editor!, townId, itemForm({ title: `并发测试 ${i}`, bodyHtml: '<p>内容</p>', formedOn: '2025-06-01' }));
      await s.items.submit(actors.editor!, Number(d.id));
      await s.items.passReview(actors.reviewer!, Number(d.id));
      await s.items.approve(actors.approver!, Number(d.id));
      ids.push(Number(d.id));
    }
    const published = await Promise.all(ids.map((id) => s.items.publish(actors.editor!, id)));
    const numbers = published.map((p) => p.indexNumber!).sort();
    assert.equal(new Set(numbers).size, 8);
    assert.deepEqual(numbers.map((n) => n.slice(-10)), Array.from({ length: 8 }, (_, i) => `2025-0000${i + 1}`));
  });

  test('revision keeps the published version live until the new one is published', async () => {
    const d = await s.items.create(actors.editor!, townId, itemForm({ title: '村务公开：2025年财务收支', bodyHtml: '<p>收入 10 万元。</p>' }));
    const id = Number(d.id);
    await s.items.submit(actors.editor!, id);
    await s.items.passReview(actors.reviewer!, id);
    await s.items.approve(actors.approver!, id);
    await s.items.publish(actors.editor!, id);
    await s.items.revise(actors.editor!, id, '2026-11-25');
    await s.items.edit(actors.editor!, id, itemForm({ title: '村务公开：2025年财务收支（更正）', bodyHtml: '<p>收入 12 万元。</p>', changedOn: '2026-11-25' }));
    assert.match((await s.items.publicItem(id))!.public.title, /2025年财务收支$/, 'version 1 still live');
    await s.items.submit(actors.editor!, id);
    await s.items.passReview(actors.reviewer!, id);
    await s.items.approve(actors.approver!, id);
    await s.items.publish(actors.editor!, id);
    const pub = (await s.items.publicItem(id))!;
    assert.equal(pub.item.version, 2);
    assert.match(pub.public.title, /更正/);
    assert.deepEqual(pub.history.map((h) => h.version), [1, 2]);
    assert.equal(pub.item.indexNumber, (await s.items.get(actors.editor!, id)).indexNumber, 'the index number stays');
  });
});

test('bad input gets Chinese field errors', async () => {
  const { createEmptyDatabase } = await import('../../test/databases.ts');
  const { migrateToLatest } = await import('../storage/migrate.ts');
  const { db, drop } = await createEmptyDatabase('sqlite');
  try {
    await migrateToLatest(db);
    const s = testServices(db);
    await s.initialise({ demo: true, adminPassword: 'Qiancheng-Root#2026' });
    const editor = actorOf((await s.deps.uow.read.users.findByLogin('editor'))!);
    const town = (await s.agencies.all()).find((a) => a.name === '黔城镇人民政府')!;
    await assert.rejects(s.items.create(editor, town.id, itemForm({ title: '', formedOn: '2026-02-30' })), (e: Error & { fieldErrors?: Record<string, string> }) => {
      assert.equal(e.fieldErrors?.title, '请填写信息名称');
      assert.match(e.fieldErrors?.formedOn ?? '', /不是有效日期/);
      return true;
    });
  } finally {
    await drop();
  }
});
