/**
 * Who may manage whom, across the tree (county 洪江市 → town 黔城镇 → station 财政所, and a second
 * town): you may act on a user only if every role the user holds lies inside your own subtree,
 * and you never hand out a role wider than your own.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../test/databases.ts';
import { fixedClock } from '../../test/clock.ts';
import { testServices } from '../../test/services.ts';
import { SYSTEM_ACTOR } from './access-control.ts';
import { createUser } from './manage-users.ts';
import { actorOf } from './sign-in.ts';
import { ConflictError, ForbiddenError } from './errors.ts';
import type { Actor } from './ports.ts';
import type { Role } from '../domain/access/roles.ts';

describeEachDialect('user management across the agency tree', (ctx) => {
  let s: ReturnType<typeof testServices>;
  const ids: Record<string, number> = {};
  const actors: Record<string, Actor> = {};
  const agency = { county: 0, town: 0, station: 0, otherTown: 0 };

  /** Creates a user as the system (no permission check), with roles. */
  async function seedUser(login: string, home: number, grants: Array<[Role, number]>): Promise<number> {
    const created = await createUser(
      s.deps,
      SYSTEM_ACTOR,
      { login, displayName: login, agencyId: home, password: `Secret-${login.length}#2026x`, grants: grants.map(([role, agencyId]) => ({ role, agencyId })) },
      { system: true, mustChangePassword: false },
    );
    return created.user.id;
  }
  const actorFor = async (login: string) => actorOf((await s.users.get(ids[login]!))!);

  before(async () => {
    s = testServices(ctx.db, fixedClock('2026-11-26T02:00:00.000Z'));
    await s.initialise({ demo: true, adminPassword: 'Qiancheng-Root#2026' });
    const all = await s.agencies.all();
    agency.county = all.find((a) => a.name === '洪江市人民政府')!.id;
    agency.town = all.find((a) => a.name === '黔城镇人民政府')!.id;
    agency.station = all.find((a) => a.name === '黔城镇财政所')!.id;
    ids.admin = (await s.deps.uow.read.users.findByLogin('admin'))!.id;
    actors.county = actorOf((await s.users.get(ids.admin))!);
    agency.otherTown = (await s.agencies.create(actors.county, { kind: 'town_gov', name: '岔头乡人民政府', parentId: agency.county })).id;
    ids.townadmin = await seedUser('townadmin', agency.town, [['admin', agency.town]]);
    ids.otheradmin = await seedUser('otheradmin', agency.otherTown, [['admin', agency.otherTown]]);
    ids.stationofficer = await seedUser('stationofficer', agency.station, [['officer', agency.station]]);
    // A county administrator whose home agency is the town: the assessor's takeover target.
    ids.countyboss = await seedUser('countyboss', agency.town, [['admin', agency.county]]);
    // A town editor who also holds a role at the county.
    ids.mixed = await seedUser('mixed', agency.town, [['editor', agency.town], ['editor', agency.county]]);
    actors.town = await actorFor('townadmin');
    actors.other = await actorFor('otheradmin');
    actors.station = await actorFor('stationofficer');
  });

  const attempts = (actor: Actor, userId: number) => ({
    reset: () => s.users.resetPassword(actor, userId),
    disable: () => s.users.setDisabled(actor, userId, true),
    roles: () => s.users.setRoles(actor, userId, []),
    delete: () => s.users.remove(actor, userId),
  });

  test('a town administrator cannot reset, disable, change the roles of or delete a county administrator homed in the town', async () => {
    for (const [name, attempt] of Object.entries(attempts(actors.town!, ids.countyboss!))) {
      await assert.rejects(attempt(), ForbiddenError, name);
    }
    const boss = (await s.users.get(ids.countyboss!))!;
    assert.equal(boss.disabled, false);
    assert.deepEqual(boss.grants.map((g) => [g.role, g.agencyId]), [['admin', agency.county]], 'the county role is intact');
    assert.ok(!(await s.users.list(actors.town!)).some((u) => u.id === ids.countyboss), 'and the town administrator does not list them');
  });

  test('nor anybody who holds a single role outside the town (an editor also at the county)', async () => {
    for (const [name, attempt] of Object.entries(attempts(actors.town!, ids.mixed!))) {
      await assert.rejects(attempt(), ForbiddenError, name);
    }
  });

  test('a town administrator cannot act on the county administrator, nor on another town’s users', async () => {
    for (const [name, attempt] of Object.entries(attempts(actors.town!, ids.admin!))) await assert.rejects(attempt(), ForbiddenError, `county admin: ${name}`);
    for (const [name, attempt] of Object.entries(attempts(actors.other!, ids.stationofficer!))) await assert.rejects(attempt(), ForbiddenError, `other town: ${name}`);
    for (const [name, attempt] of Object.entries(attempts(actors.town!, ids.otheradmin!))) await assert.rejects(attempt(), ForbiddenError, `other town's admin: ${name}`);
  });

  test('a station officer manages nobody, not even themselves or their station', async () => {
    await assert.rejects(s.users.list(actors.station!), ForbiddenError);
    for (const target of ['stationofficer', 'townadmin', 'countyboss']) {
      for (const [name, attempt] of Object.entries(attempts(actors.station!, ids[target]!))) await assert.rejects(attempt(), ForbiddenError, `${target}: ${name}`);
    }
    await assert.rejects(s.users.create(actors.station!, { login: 'sneaky', displayName: 'x', agencyId: agency.station, grants: [{ role: 'admin', agencyId: agency.station }] }), ForbiddenError);
  });

  test('no role wider than one’s own: not at the county, not at another town', async () => {
    await assert.rejects(s.users.setRoles(actors.town!, ids.stationofficer!, [{ role: 'admin', agencyId: agency.county }]), ForbiddenError);
    await assert.rejects(s.users.setRoles(actors.town!, ids.stationofficer!, [{ role: 'officer', agencyId: agency.otherTown }]), ForbiddenError);
    await assert.rejects(s.users.create(actors.town!, { login: 'newboss', displayName: 'x', agencyId: agency.town, grants: [{ role: 'admin', agencyId: agency.county }] }), ForbiddenError);
    assert.equal(await s.deps.uow.read.users.findByLogin('newboss'), undefined);
    const station = (await s.users.get(ids.stationofficer!))!;
    assert.deepEqual(station.grants.map((g) => [g.role, g.agencyId]), [['officer', agency.station]], 'refused changes change nothing');
  });

  test('inside the subtree a town administrator resets, disables, changes roles and deletes', async () => {
    const worker = await seedUser('stationeditor', agency.station, [['editor', agency.station]]);
    assert.ok((await s.users.list(actors.town!)).some((u) => u.id === worker));
    assert.match(await s.users.resetPassword(actors.town!, worker), /^[A-Za-z0-9]{16}$/);
    await s.users.setDisabled(actors.town!, worker, true);
    await s.users.setDisabled(actors.town!, worker, false);
    const changed = await s.users.setRoles(actors.town!, worker, [{ role: 'reviewer', agencyId: agency.station }, { role: 'admin', agencyId: agency.town }]);
    assert.deepEqual(changed.grants.map((g) => g.role).sort(), ['admin', 'reviewer']);
    await s.users.remove(actors.town!, worker);
    assert.equal(await s.users.get(worker), undefined);
    const entries = await s.deps.uow.read.audit.forEntity('user', worker);
    assert.deepEqual(entries.map((e) => e.action).reverse(), ['create', 'reset_password', 'disable', 'enable', 'set_roles', 'delete']);
  });

  test('the county administrator manages everybody in the county, including the county administrator homed in the town', async () => {
    const victim = await seedUser('victim', agency.otherTown, [['officer', agency.otherTown]]);
    await s.users.resetPassword(actors.county!, ids.countyboss!);
    await s.users.setDisabled(actors.county!, ids.mixed!, true);
    await s.users.setRoles(actors.county!, ids.mixed!, [{ role: 'editor', agencyId: agency.town }]);
    await s.users.remove(actors.county!, victim);
    assert.equal(await s.users.get(victim), undefined);
    // Having taken the county role away, the town administrator may manage the former mixed user.
    await s.users.setDisabled(actors.town!, ids.mixed!, false);
  });

  test('deletion: never oneself, and never someone who has acted (their audit trail names them) — disable them instead', async () => {
    await assert.rejects(s.users.remove(actors.county!, ids.admin!), /不能删除自己的账号/);
    // townadmin acted: it created nothing yet, so sign in once to leave a trail.
    await s.signIn('stationofficer', 'Secret-14#2026x');
    await assert.rejects(s.users.remove(actors.town!, ids.stationofficer!), ConflictError);
    assert.ok(await s.users.get(ids.stationofficer!));
  });
});
