/**
 * 用户管理 in the console across the agency tree, on both stores: a town administrator reaches only
 * users whose every role lies in the town; the county administrator reaches them all; a station
 * officer reaches none. Every route: the page, reset, disable, roles, delete.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createEmptyDatabase, testDialects } from '../../test/databases.ts';
import { createTestApp, type Agent, type TestApp } from '../../test/web-harness.ts';
import { SYSTEM_ACTOR } from '../services/access-control.ts';
import { createUser } from '../services/manage-users.ts';
import type { Role } from '../domain/access/roles.ts';

for (const dialect of testDialects()) {
  describe(`用户管理 across the tree [${dialect}]`, () => {
    let t: TestApp;
    let drop: () => Promise<void> = async () => {};
    const ids: Record<string, number> = {};
    const agency = { county: 0, town: 0, station: 0 };
    const passwordOf = (login: string) => `Secret-${login.length}#2026x`;

    async function seedUser(login: string, home: number, grants: Array<[Role, number]>): Promise<number> {
      const s = t.application.services;
      const created = await createUser(
        s.deps,
        SYSTEM_ACTOR,
        { login, displayName: login, agencyId: home, password: passwordOf(login), grants: grants.map(([role, agencyId]) => ({ role, agencyId })) },
        { system: true, mustChangePassword: false },
      );
      return created.user.id;
    }
    async function signedInAs(login: string): Promise<Agent> {
      const a = t.agent();
      const res = await a.login(login, passwordOf(login));
      assert.equal(res.status, 303, `${login} signs in`);
      return a;
    }
    /** Every action on a user, as the console submits it. */
    async function tryEverything(a: Agent, userId: number): Promise<Record<string, number>> {
      await a.get('/console');
      const out: Record<string, number> = {};
      out.page = (await a.get(`/console/users/${userId}`)).status;
      out.reset = (await a.post(`/console/users/${userId}/reset-password`, {})).status;
      out.disable = (await a.post(`/console/users/${userId}/disable`, { disabled: '1' })).status;
      out.roles = (await a.post(`/console/users/${userId}/roles`, {})).status;
      out.delete = (await a.post(`/console/users/${userId}/delete`, {})).status;
      return out;
    }

    before(async () => {
      if (dialect === 'postgres') {
        const created = await createEmptyDatabase('postgres');
        drop = created.drop;
        t = await createTestApp({ db: created.db });
      } else {
        t = await createTestApp();
      }
      const all = await t.application.services.agencies.all();
      agency.county = all.find((a) => a.name === '洪江市人民政府')!.id;
      agency.town = all.find((a) => a.name === '黔城镇人民政府')!.id;
      agency.station = all.find((a) => a.name === '黔城镇财政所')!.id;
      ids.townadmin = await seedUser('townadmin', agency.town, [['admin', agency.town]]);
      ids.stationofficer = await seedUser('stationofficer', agency.station, [['officer', agency.station]]);
      ids.countyboss = await seedUser('countyboss', agency.town, [['admin', agency.county]]);
    });
    after(async () => {
      await t.close();
      if (dialect === 'postgres') await drop();
    });

    test('a town administrator cannot reach a county administrator homed in the town: no page, no reset, no disable, no roles, no delete', async () => {
      const town = await signedInAs('townadmin');
      const list = await (await town.get('/console/users')).text();
      assert.ok(!list.includes('countyboss'), 'not listed');
      assert.ok(list.includes('stationofficer'), 'the station officer is');
      const statuses = await tryEverything(town, ids.countyboss!);
      assert.deepEqual(statuses, { page: 404, reset: 404, disable: 404, roles: 404, delete: 404 });
      assert.deepEqual(await tryEverything(town, (await t.application.services.deps.uow.read.users.findByLogin('admin'))!.id), { page: 404, reset: 404, disable: 404, roles: 404, delete: 404 });
      // The county administrator can still sign in with their own password, and is still the county's administrator.
      const boss = await signedInAs('countyboss');
      assert.equal((await boss.get('/console/users')).status, 200);
    });

    test('a station officer reaches no user at all', async () => {
      const station = await signedInAs('stationofficer');
      assert.equal((await station.get('/console/users')).status, 403);
      for (const target of ['stationofficer', 'townadmin', 'countyboss']) {
        const statuses = await tryEverything(station, ids[target]!);
        assert.ok(Object.values(statuses).every((s) => s === 403), `${target}: ${JSON.stringify(statuses)}`);
      }
    });

    test('a town administrator manages a station user; cannot grant a county role; deletes an account created by mistake', async () => {
      const town = await signedInAs('townadmin');
      const worker = await seedUser('stationeditor', agency.station, [['editor', agency.station]]);
      await town.get(`/console/users/${worker}`);
      const reset = await town.post(`/console/users/${worker}/reset-password`, {});
      assert.equal(reset.status, 200);
      assert.match(await reset.text(), /一次性密码/);
      const wider = await town.post(`/console/users/${worker}/roles`, { keep: `editor@${agency.station}`, newRole: 'admin', newAgencyId: String(agency.county) });
      assert.equal(wider.status, 403, 'a county role is wider than the town administrator’s');
      const fine = await town.post(`/console/users/${worker}/roles`, { keep: `editor@${agency.station}`, newRole: 'reviewer', newAgencyId: String(agency.station) });
      assert.equal(fine.status, 303);
      assert.equal((await town.post(`/console/users/${worker}/disable`, { disabled: '1' })).status, 303);
      const deleted = await town.post(`/console/users/${worker}/delete`, {});
      assert.equal(deleted.status, 303);
      assert.equal(await t.application.services.users.get(worker), undefined);
      // Someone who has signed in keeps their account (and the audit log its actor): a Chinese refusal.
      await signedInAs('stationofficer');
      await town.get(`/console/users/${ids.stationofficer}`);
      const refused = await town.post(`/console/users/${ids.stationofficer}/delete`, {});
      assert.equal(refused.status, 409);
      assert.match(await refused.text(), /不能删除/);
    });

    test('the county administrator reaches the county administrator homed in the town', async () => {
      const county = await t.signedIn('admin');
      await county.get(`/console/users/${ids.countyboss}`);
      assert.equal((await county.get(`/console/users/${ids.countyboss}`)).status, 200);
      assert.equal((await county.post(`/console/users/${ids.countyboss}/reset-password`, {})).status, 200);
      assert.equal((await county.post(`/console/users/${ids.countyboss}/disable`, { disabled: '1' })).status, 303);
    });
  });
}
