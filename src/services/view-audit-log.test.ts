/**
 * The audit log as staff see it, on both stores: each viewer sees the entries about agencies in
 * their own subtree; entries about the platform itself (holiday calendar, daily checks) only the
 * root's administrators. Older entries get their agency when the column is added (migration 0024).
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../test/databases.ts';
import { fixedClock } from '../../test/clock.ts';
import { testServices } from '../../test/services.ts';
import { SYSTEM_ACTOR } from './access-control.ts';
import { createUser } from './manage-users.ts';
import { actorOf } from './sign-in.ts';
import { ForbiddenError } from './errors.ts';
import type { Actor } from './ports.ts';
import type { Role } from '../domain/access/roles.ts';
import { migrateDownThrough, migrateToLatest } from '../storage/migrate.ts';

describeEachDialect('who sees which audit entries', (ctx) => {
  let s: ReturnType<typeof testServices>;
  const agency = { county: 0, town: 0, station: 0, otherTown: 0 };
  const actors: Record<string, Actor> = {};

  async function seedActor(login: string, home: number, role: Role, at = home): Promise<Actor> {
    const created = await createUser(s.deps, SYSTEM_ACTOR, { login, displayName: `显示名${login}`, agencyId: home, password: `Secret-${login.length}#2026x`, grants: [{ role, agencyId: at }] }, { system: true, mustChangePassword: false });
    return actorOf(created.user);
  }
  /** Every entry the actor can page through, as `entity:action:label`. */
  async function seen(actor: Actor): Promise<string[]> {
    const { entries, total } = await s.audit.visible(actor, 10_000, 0);
    assert.equal(entries.length, total, 'the count is of the same entries');
    return entries.map((e) => e.change);
  }

  before(async () => {
    s = testServices(ctx.db, fixedClock('2026-11-26T02:00:00.000Z'));
    await s.initialise({ demo: true, adminPassword: 'Qiancheng-Root#2026' });
    const all = await s.agencies.all();
    agency.county = all.find((a) => a.name === '洪江市人民政府')!.id;
    agency.town = all.find((a) => a.name === '黔城镇人民政府')!.id;
    agency.station = all.find((a) => a.name === '黔城镇财政所')!.id;
    actors.countyAdmin = actorOf((await s.deps.uow.read.users.findByLogin('admin'))!);
    agency.otherTown = (await s.agencies.create(actors.countyAdmin, { kind: 'town_gov', name: '岔头乡人民政府', parentId: agency.county })).id;
    actors.townOfficer = actorOf((await s.deps.uow.read.users.findByLogin('officer'))!);
    actors.townAdmin = await seedActor('townadmin', agency.town, 'admin');
    actors.countyOfficer = await seedActor('countyofficer', agency.county, 'officer');
    actors.stationOfficer = await seedActor('stationofficer', agency.station, 'officer');
    actors.editor = actorOf((await s.deps.uow.read.users.findByLogin('editor'))!);
    // One entry each about the county, the town, the station, the other town, and the platform.
    await seedActor('county-clerk', agency.county, 'editor');
    await seedActor('town-clerk', agency.town, 'editor');
    await seedActor('station-clerk', agency.station, 'editor');
    await seedActor('other-clerk', agency.otherTown, 'editor');
    await s.deps.uow.transaction((r) => r.audit.append({ actor: SYSTEM_ACTOR, at: '2026-11-26T02:00:00.000Z', entity: 'calendar_year', entityId: 2027, action: 'create', change: { marker: 'platform-entry' } }));
  });

  const has = (changes: string[], marker: string) => changes.some((c) => c.includes(marker));

  test('a town officer sees the town and its stations, not the county, not another town, not the platform', async () => {
    const changes = await seen(actors.townOfficer!);
    assert.ok(has(changes, 'town-clerk') && has(changes, 'station-clerk'));
    assert.ok(!has(changes, 'county-clerk'), 'no county entry');
    assert.ok(!has(changes, 'other-clerk'), 'no other town’s entry');
    assert.ok(!has(changes, 'platform-entry'), 'no platform entry');
    assert.ok(!has(changes, '岔头乡'), 'not even the other town’s creation');
  });

  test('a station officer sees only the station; a town administrator the town without the platform', async () => {
    const station = await seen(actors.stationOfficer!);
    assert.ok(has(station, 'station-clerk') && !has(station, 'town-clerk') && !has(station, 'county-clerk'));
    const townAdmin = await seen(actors.townAdmin!);
    assert.ok(has(townAdmin, 'town-clerk') && !has(townAdmin, 'county-clerk') && !has(townAdmin, 'platform-entry'));
  });

  test('the county officer sees the whole county but not the platform; the county (root) administrator sees everything', async () => {
    const officer = await seen(actors.countyOfficer!);
    assert.ok(['county-clerk', 'town-clerk', 'station-clerk', 'other-clerk'].every((m) => has(officer, m)));
    assert.ok(!has(officer, 'platform-entry'));
    const admin = await seen(actors.countyAdmin!);
    assert.ok(has(admin, 'platform-entry'));
    assert.equal(admin.length, await s.audit.count(), 'every entry');
  });

  test('an editor sees no audit log', async () => {
    await assert.rejects(s.audit.visible(actors.editor!, 50, 0), ForbiddenError);
  });

  test('entries written before the agency column get their agency from what they are about (migration 0024)', async () => {
    assert.ok((await migrateDownThrough(ctx.db, '20261207-0024-audit-agency')).includes('↓ 20261207-0024-audit-agency'));
    await migrateToLatest(ctx.db);
    const changes = await seen(actors.townOfficer!);
    assert.ok(has(changes, 'town-clerk') && !has(changes, 'county-clerk') && !has(changes, 'other-clerk') && !has(changes, 'platform-entry'));
    // Demo items and requests of the town, created before, are the town's again.
    const rows = await ctx.db.selectFrom('audit_log').select(['entity', 'agency_id']).where('entity', 'in', ['user', 'agency']).execute();
    assert.ok(rows.every((r) => r.agency_id !== null), 'users and agencies all resolved');
  });
});
