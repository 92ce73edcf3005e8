/** Users and their role grants: rows ↔ domain objects. */
import { isRole, type RoleGrant } from '../domain/access/roles.ts';
import type { User, UserRepository, UserWithGrants } from '../services/ports.ts';
import { sql } from 'kysely';
import type { Executor } from './database.ts';
import type { UserRow } from './schema.ts';

function toUser(row: UserRow): User {
  return {
    id: row.id,
    agencyId: row.agency_id,
    login: row.login,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    mustChangePassword: row.must_change_password === 1,
    failedLogins: row.failed_logins,
    lockedUntil: row.locked_until,
    disabled: row.disabled === 1,
    lastLoginAt: row.last_login_at,
  };
}

/** Creates the user repository over a database or transaction. */
export function createUserRepository(db: Executor): UserRepository {
  async function grantsFor(userIds: number[]): Promise<Map<number, RoleGrant[]>> {
    const map = new Map<number, RoleGrant[]>();
    if (userIds.length === 0) return map;
    const rows = await db
      .selectFrom('user_roles')
      .innerJoin('agencies', 'agencies.id', 'user_roles.agency_id')
      .select(['user_roles.user_id', 'user_roles.role', 'user_roles.agency_id', 'agencies.path'])
      .where('user_roles.user_id', 'in', userIds)
      .orderBy('user_roles.id')
      .execute();
    for (const r of rows) {
      if (!isRole(r.role)) continue;
      map.set(r.user_id, [...(map.get(r.user_id) ?? []), { role: r.role, agencyId: r.agency_id, agencyPath: r.path }]);
    }
    return map;
  }
  async function withGrants(rows: UserRow[]): Promise<UserWithGrants[]> {
    const grants = await grantsFor(rows.map((r) => r.id));
    return rows.map((r) => ({ ...toUser(r), grants: grants.get(r.id) ?? [] }));
  }
  return {
    async findById(id) {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? (await withGrants([row]))[0] : undefined;
    },
    async findByLogin(login) {
      const row = await db.selectFrom('users').selectAll().where('login', '=', login).executeTakeFirst();
      return row ? (await withGrants([row]))[0] : undefined;
    },
    async list(options) {
      let q = db.selectFrom('users').innerJoin('agencies', 'agencies.id', 'users.agency_id').selectAll('users');
      if (options?.within) {
        const roots = options.within;
        if (roots.length === 0) return [];
        q = q.where((eb) => eb.or(roots.map((p) => eb('agencies.path', 'like', `${p}%`))));
      }
      return withGrants(await q.orderBy('agencies.path').orderBy('users.login').execute());
    },
    async insert(user, at) {
      const row = await db
        .insertInto('users')
        .values({
          agency_id: user.agencyId,
          login: user.login,
          display_name: user.displayName,
          password_hash: user.passwordHash,
          must_change_password: user.mustChangePassword ? 1 : 0,
          failed_logins: 0,
          locked_until: null,
          disabled: 0,
          last_login_at: null,
          created_at: at,
          updated_at: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toUser(row);
    },
    async setGrants(userId, grants) {
      await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
      if (grants.length > 0) {
        await db
          .insertInto('user_roles')
          .values(grants.map((g) => ({ user_id: userId, role: g.role, agency_id: g.agencyId })))
          .execute();
      }
    },
    async update(id, f, at) {
      await db
        .updateTable('users')
        .set({
          ...(f.displayName !== undefined && { display_name: f.displayName }),
          ...(f.passwordHash !== undefined && { password_hash: f.passwordHash }),
          ...(f.mustChangePassword !== undefined && { must_change_password: f.mustChangePassword ? 1 : 0 }),
          ...(f.failedLogins !== undefined && { failed_logins: f.failedLogins }),
          ...(f.lockedUntil !== undefined && { locked_until: f.lockedUntil }),
          ...(f.disabled !== undefined && { disabled: f.disabled ? 1 : 0 }),
          ...(f.lastLoginAt !== undefined && { last_login_at: f.lastLoginAt }),
          ...(f.agencyId !== undefined && { agency_id: f.agencyId }),
          updated_at: at,
        })
        .where('id', '=', id)
        .execute();
    },
    async recordFailedLogin(id, at, policy) {
      const lockLive = sql<boolean>`locked_until is not null and locked_until > ${at}`;
      const next = sql<number>`case when locked_until is not null and locked_until <= ${at} then 1 else failed_logins + 1 end`;
      // Both stores evaluate every SET expression against the row as it was: one atomic step.
      const row = await db
        .updateTable('users')
        .set({
          failed_logins: next,
          locked_until: sql<string | null>`case when ${lockLive} then locked_until when ${next} >= ${policy.maxFailures} then ${policy.lockUntil} else null end`,
          updated_at: at,
        })
        .where('id', '=', id)
        .returning(['failed_logins', 'locked_until'])
        .executeTakeFirstOrThrow();
      return { failedLogins: Number(row.failed_logins), lockedUntil: row.locked_until };
    },
    async recordLogin(id, at) {
      const result = await db
        .updateTable('users')
        .set({ failed_logins: 0, locked_until: null, last_login_at: at, updated_at: at })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async delete(id) {
      await db.deleteFrom('sessions').where('user_id', '=', id).execute();
      await db.deleteFrom('user_roles').where('user_id', '=', id).execute();
      await db.deleteFrom('users').where('id', '=', id).execute();
    },
    async count() {
      const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
