/** Public email subscriptions (`subscriptions`) and their mailed tokens, kept as hashes (`subscription_tokens`). */
import type { Subscription, SubscriptionRepository, SubscriptionToken } from '../services/ports.ts';
import type { Executor } from './database.ts';
import type { SubscriptionTable } from './schema.ts';

type Row = { [K in keyof SubscriptionTable]: K extends 'id' ? number : SubscriptionTable[K] };

const toSubscription = (r: Row): Subscription => ({
  id: Number(r.id),
  agencyId: Number(r.agency_id),
  email: r.email,
  categoryCode: r.category_code,
  status: r.status as Subscription['status'],
  createdAt: r.created_at,
  confirmedAt: r.confirmed_at,
  unsubscribedAt: r.unsubscribed_at,
  updatedAt: r.updated_at,
});

/** Creates the subscription repository over a database or transaction. */
export function createSubscriptionRepository(db: Executor): SubscriptionRepository {
  return {
    async find(id) {
      const r = await db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toSubscription(r as Row);
    },
    async findTarget(agencyId, email, categoryCode) {
      const r = await db.selectFrom('subscriptions').selectAll().where('agency_id', '=', agencyId).where('email', '=', email).where('category_code', '=', categoryCode).executeTakeFirst();
      return r && toSubscription(r as Row);
    },
    async insert(s) {
      const r = await db
        .insertInto('subscriptions')
        .values({
          agency_id: s.agencyId,
          email: s.email,
          category_code: s.categoryCode,
          status: s.status,
          created_at: s.createdAt,
          confirmed_at: s.confirmedAt,
          unsubscribed_at: s.unsubscribedAt,
          updated_at: s.updatedAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toSubscription(r as Row);
    },
    async setStatus(id, change) {
      await db
        .updateTable('subscriptions')
        .set({ status: change.status, confirmed_at: change.confirmedAt, unsubscribed_at: change.unsubscribedAt, updated_at: change.updatedAt })
        .where('id', '=', id)
        .execute();
    },
    async addToken(token, at) {
      await db
        .insertInto('subscription_tokens')
        .values({ token_hash: token.tokenHash, subscription_id: token.subscriptionId, purpose: token.purpose, expires_at: token.expiresAt, used_at: token.usedAt, created_at: at })
        .execute();
    },
    async findToken(tokenHash) {
      const r = await db.selectFrom('subscription_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      if (!r) return undefined;
      const token: SubscriptionToken & { createdAt: string } = {
        tokenHash: r.token_hash,
        subscriptionId: Number(r.subscription_id),
        purpose: r.purpose as SubscriptionToken['purpose'],
        expiresAt: r.expires_at,
        usedAt: r.used_at,
        createdAt: r.created_at,
      };
      return token;
    },
    async useToken(tokenHash, at) {
      await db.updateTable('subscription_tokens').set({ used_at: at }).where('token_hash', '=', tokenHash).where('used_at', 'is', null).execute();
    },
    async confirmedFor(agencyIds) {
      if (agencyIds.length === 0) return [];
      const rows = await db.selectFrom('subscriptions').selectAll().where('status', '=', 'confirmed').where('agency_id', 'in', [...agencyIds]).orderBy('id').execute();
      return rows.map((r) => toSubscription(r as Row));
    },
    async pendingForEmail(email, from, until) {
      const rows = await db
        .selectFrom('subscriptions')
        .selectAll()
        .where('email', '=', email)
        .where('status', '=', 'pending')
        .where('updated_at', '>=', from)
        .where('updated_at', '<', until)
        .orderBy('id')
        .execute();
      return rows.map((r) => toSubscription(r as Row));
    },
    async countConfirmationsSince(since, email) {
      let q = db.selectFrom('subscription_tokens as t').where('t.purpose', '=', 'confirm').where('t.created_at', '>=', since);
      if (email !== undefined) q = q.innerJoin('subscriptions as s', 's.id', 't.subscription_id').where('s.email', '=', email);
      const r = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
