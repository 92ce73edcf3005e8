import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { describeEachDialect, createEmptyDatabase, testDialects } from '../../test/databases.ts';
import { fixedClock } from '../../test/clock.ts';
import { testServices } from '../../test/services.ts';
import { SYSTEM_ACTOR } from '../services/access-control.ts';
import { actorOf } from '../services/sign-in.ts';
import { createUnitOfWork } from './unit-of-work.ts';
import { migrateAllDown, migrateToLatest, migrations } from './migrate.ts';

for (const dialect of testDialects()) {
  test(`migrations go up, down and up again [${dialect}]`, async () => {
    const { db, drop } = await createEmptyDatabase(dialect);
    try {
      const names = Object.keys(migrations);
      assert.deepEqual(names, [...names].sort(), 'the list is kept in name (timestamp) order');
      assert.ok(names.length >= 8 && names[0] === '20261126-0001-foundation');
      assert.deepEqual(await migrateToLatest(db), names.map((n) => `↑ ${n}`), 'every migration applies, in order');
      assert.deepEqual(await migrateToLatest(db), [], 'a second run applies nothing');
      await migrateAllDown(db);
      await assert.rejects(sql`select count(*) from agencies`.execute(db));
      await migrateToLatest(db);
      const r = await sql<{ n: number }>`select count(*) as n from audit_head`.execute(db);
      assert.equal(Number(r.rows[0]!.n), 1);
    } finally {
      await drop();
    }
  });
}

describeEachDialect('foundation storage', (ctx) => {
  const services = () => testServices(ctx.db, fixedClock('2026-11-26T08:00:00.000Z'));

  test('first start creates the demo organisation, admin and one user per role, once', async () => {
    const s = services();
    const result = await s.initialise({ demo: true });
    assert.equal(result.created, true);
    assert.deepEqual(result.credentials.map((c) => c.login), ['admin', 'officer', 'editor', 'reviewer', 'approver']);
    assert.match(result.credentials[0]!.password!, /^[A-Za-z0-9]{16}$/);
    const agencies = await s.agencies.all();
    const town = agencies.find((a) => a.name === '黔城镇人民政府')!;
    assert.equal(town.phone, '0745-7731916');
    assert.equal(town.postcode, '418100');
    assert.equal(agencies.filter((a) => a.parentId === town.id && (a.kind === 'village' || a.kind === 'community')).length, 15);
    for (const name of ['板桥村', '三江村', '芙蓉社区', '黔城镇财政所']) assert.ok(agencies.some((a) => a.name === name), name);
    // Parents come before children in tree order.
    assert.equal(agencies[0]!.name, '洪江市人民政府');
    assert.equal((await s.initialise({ demo: true })).created, false, 'a second start changes nothing');
    assert.equal((await s.agencies.all()).length, agencies.length);
  });

  test('subtree queries by materialised path', async () => {
    const s = services();
    const all = await s.agencies.all();
    const town = all.find((a) => a.name === '黔城镇人民政府')!;
    const officer = (await ctx.db.selectFrom('users').select('id').where('login', '=', 'officer').executeTakeFirstOrThrow()).id;
    const user = (await s.users.get(officer))!;
    assert.deepEqual(user.grants.map((g) => [g.role, g.agencyPath]), [['officer', town.path]]);
    const uow = createUnitOfWork(ctx.db);
    const within = await uow.read.agencies.list({ within: [town.path] });
    assert.equal(within.length, all.length - 1, 'everything but the city');
  });

  test('every state change is in the audit log and the chain verifies; a direct edit is caught', async () => {
    const s = services();
    const before = await s.audit.count();
    assert.ok(before >= 27, `initialisation was audited (${before} entries)`);
    assert.deepEqual(await s.audit.verify(), { ok: true, checked: before });
    const victim = Math.floor(before / 2);
    await ctx.db.updateTable('audit_log').set({ change: '{"name":"篡改"}' }).where('seq', '=', victim).execute();
    const result = await s.audit.verify();
    assert.equal(result.ok, false);
    assert.equal(result.problem?.seq, victim);
    assert.equal(result.problem?.kind, 'hash_mismatch');
  });

  test('deleting the newest audit entries behind the back of the application is caught', async () => {
    const s = services();
    const last = await s.audit.count();
    await ctx.db.deleteFrom('audit_log').where('seq', '>=', Math.floor(last / 2)).execute();
    const result = await s.audit.verify();
    assert.equal(result.ok, false);
    assert.equal(result.problem?.kind, 'head_mismatch');
  });

  test('a failed use case rolls back its change and its audit entry together', async () => {
    const s = services();
    const count = await s.audit.count();
    const agencies = await s.agencies.all();
    const admin = (await createUnitOfWork(ctx.db).read.users.findByLogin('admin'))!;
    await assert.rejects(
      s.agencies.create(actorOf(admin), { kind: 'village', name: '错误村', parentId: agencies[0]!.id }),
      /不能设在/,
    );
    await assert.rejects(
      s.agencies.create(actorOf(admin), { kind: 'town_gov', name: '重复镇', parentId: agencies[0]!.id, creditCode: agencies[1]!.creditCode }),
      /已被其他机构使用/,
    );
    assert.equal(await s.audit.count(), count);
    assert.equal((await s.agencies.all()).length, agencies.length);
  });
});

describeEachDialect('first start without demo data', (ctx) => {
  test('GONGKAI_DEMO=0: one root agency and the administrator, no demo users', async () => {
    const s = testServices(ctx.db, fixedClock('2026-11-26T08:00:00.000Z'));
    const result = await s.initialise({ demo: false, adminPassword: 'Qiancheng-Root#2026' });
    assert.deepEqual(result.credentials.map((c) => [c.login, c.password]), [['admin', undefined]]);
    assert.deepEqual((await s.agencies.all()).map((a) => a.name), ['本级人民政府']);
    const logins = await ctx.db.selectFrom('users').select('login').execute();
    assert.deepEqual(logins.map((r) => r.login), ['admin']);
  });
});

describeEachDialect('audit chain under concurrency', (ctx) => {
  test('parallel transactions each append and the chain stays intact', async () => {
    const uow = createUnitOfWork(ctx.db);
    const at = '2026-11-26T08:00:00.000Z';
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        uow.transaction((repos) => repos.audit.append({ actor: SYSTEM_ACTOR, at, entity: 'test', entityId: i, action: 'ping', change: { i } })),
      ),
    );
    const { checked, problem } = await uow.read.audit.verify();
    assert.equal(problem, undefined);
    assert.equal(checked, 20);
  });
});
