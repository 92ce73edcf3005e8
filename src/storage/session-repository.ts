/** Login sessions kept in the database (by the SHA-256 of the cookie token). */
import type { SessionRepository } from '../services/ports.ts';
import type { Executor } from './database.ts';

/** Creates the session repository over a database or transaction. */
export function createSessionRepository(db: Executor): SessionRepository {
  return {
    async insert(s) {
      await db
        .insertInto('sessions')
        .values({ id: s.id, user_id: s.userId, csrf_token: s.csrfToken, created_at: s.createdAt, expires_at: s.expiresAt, last_seen_at: s.lastSeenAt })
        .execute();
    },
    async findById(id) {
      const r = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
      return r && { id: r.id, userId: r.user_id, csrfToken: r.csrf_token, createdAt: r.created_at, expiresAt: r.expires_at, lastSeenAt: r.last_seen_at };
    },
    async touch(id, lastSeenAt, expiresAt) {
      await db.updateTable('sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id', '=', id).execute();
    },
    async delete(id) {
      await db.deleteFrom('sessions').where('id', '=', id).execute();
    },
    async deleteForUser(userId, exceptId) {
      let q = db.deleteFrom('sessions').where('user_id', '=', userId);
      if (exceptId) q = q.where('id', '!=', exceptId);
      await q.execute();
    },
    async deleteExpired(now) {
      const r = await db.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
