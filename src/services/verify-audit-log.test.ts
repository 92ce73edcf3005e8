import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../test/databases.ts';
import { fixedClock } from '../../test/clock.ts';
import { testServices } from '../../test/services.ts';
import { canonicalJson, computeEntryHash, GENESIS_HASH } from '../domain/audit/hash-chain.ts';
import { sha256Hex } from '../storage/audit-repository.ts';
import type { Database } from '../storage/database.ts';
import { actorOf } from './sign-in.ts';
import { parseAuditAnchor } from './verify-audit-log.ts';
import type { Actor } from './ports.ts';

/** What someone with write access to the database does: recompute every hash and the head, so that plain verification passes. */
async function rechain(db: Database): Promise<void> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  let prev = GENESIS_HASH;
  for (const r of rows) {
    const hash = computeEntryHash({ seq: r.seq, at: r.at, actorId: r.actor_id, actorLabel: r.actor_label, entity: r.entity, entityId: r.entity_id, action: r.action, change: r.change, prevHash: prev }, sha256Hex);
    await db.updateTable('audit_log').set({ prev_hash: prev, hash }).where('seq', '=', r.seq).execute();
    prev = hash;
  }
  await db.updateTable('audit_head').set({ last_seq: rows.at(-1)?.seq ?? 0, last_hash: prev }).where('id', '=', 1).execute();
}

describeEachDialect('audit anchors: a signed chain head kept outside the system', (ctx) => {
  const clock = fixedClock('2026-12-07T08:00:00.000Z');
  let s: ReturnType<typeof testServices>;
  let admin: Actor;
  let root = 0;

  test('setup', async () => {
    s = testServices(ctx.db, clock);
    await s.initialise({ demo: false, adminPassword: 'Qiancheng-Root#2026' });
    admin = actorOf((await s.deps.uow.read.users.findByLogin('admin'))!);
    root = (await s.agencies.all())[0]!.id;
    for (const name of ['甲镇人民政府', '乙镇人民政府']) await s.agencies.create(admin, { kind: 'town_gov', name, parentId: root });
  });

  test('round trip: the anchor verifies now, after more entries, and when copied with line breaks; a changed anchor does not', async () => {
    const { anchor, text } = await s.audit.anchor();
    const head = await s.deps.uow.read.audit.head();
    assert.deepEqual([anchor.seq, anchor.hash, anchor.at], [head.lastSeq, head.lastHash, '2026-12-07T08:00:00.000Z']);
    assert.match(text, /^GKAUDIT1 seq=\d+ at=\S+ hash=[0-9a-f]{64} mac=[0-9a-f]{64}$/);
    assert.equal((await s.audit.verifyAnchor(text)).ok, true);
    await s.agencies.create(admin, { kind: 'town_gov', name: '丙镇人民政府', parentId: root });
    assert.equal((await s.audit.verifyAnchor(text.replace(' hash=', '\n  hash='))).ok, true, 'later entries do not matter; spacing as copied by hand is fine');
    const forged = text.replace(/seq=\d+/, `seq=${anchor.seq - 1}`);
    const r = await s.audit.verifyAnchor(forged);
    assert.equal(r.ok, false);
    assert.equal(r.problem?.kind, 'anchor_mac');
    assert.match(r.problem!.message, /签名（校验码）不符/);
    const otherKey = testServices(ctx.db, clock, { secretKey: 'b'.repeat(64) });
    assert.equal((await otherKey.audit.verifyAnchor(text)).problem?.kind, 'anchor_mac', 'an anchor made under another key');
    await assert.rejects(s.audit.verifyAnchor('第 12 条 abc'), /锚点格式无效/);
    assert.deepEqual(parseAuditAnchor(`  ${text}\n`), anchor);
  });

  test('a rewrite of an earlier entry with the whole chain recomputed passes plain verification but fails the anchor', async () => {
    const { text, anchor } = await s.audit.anchor();
    const victim = await ctx.db.selectFrom('audit_log').select(['seq', 'change']).where('seq', '=', 2).executeTakeFirstOrThrow();
    await ctx.db.updateTable('audit_log').set({ change: canonicalJson({ ...(JSON.parse(victim.change) as object), rewritten: true }) }).where('seq', '=', 2).execute();
    await rechain(ctx.db);
    assert.equal((await s.audit.verify()).ok, true, 'the plain chain cannot tell');
    const r = await s.audit.verifyAnchor(text);
    assert.equal(r.ok, false);
    assert.equal(r.problem?.kind, 'anchor_mismatch');
    assert.match(r.problem!.message, new RegExp(`第 ${anchor.seq} 条记录的哈希与锚点不符`));
  });

  test('a tail truncation below the anchor (head row rewritten to match) fails the anchor', async () => {
    const { text, anchor } = await s.audit.anchor();
    await ctx.db.deleteFrom('audit_log').where('seq', '>=', anchor.seq - 1).execute();
    await rechain(ctx.db);
    assert.equal((await s.audit.verify()).ok, true, 'the plain chain cannot tell');
    const r = await s.audit.verifyAnchor(text);
    assert.equal(r.problem?.kind, 'anchor_missing');
    assert.match(r.problem!.message, /截断/);
    // Truncated and then refilled with new entries up to the anchored number: the hash differs.
    await s.agencies.create(admin, { kind: 'town_gov', name: '丁镇人民政府', parentId: root });
    await s.agencies.create(admin, { kind: 'town_gov', name: '戊镇人民政府', parentId: root });
    assert.ok((await s.deps.uow.read.audit.head()).lastSeq >= anchor.seq);
    assert.equal((await s.audit.verifyAnchor(text)).problem?.kind, 'anchor_mismatch');
  });

  test('no anchor is signed over a broken chain', async () => {
    await ctx.db.updateTable('audit_log').set({ action: 'forged' }).where('seq', '=', 1).execute();
    await assert.rejects(s.audit.anchor(), /审计日志校验失败，不能生成锚点/);
  });
});
