/**
 * The channels' outbox over the `deliveries` table: queuing with idempotency keys, leasing due
 * messages to workers (FOR UPDATE SKIP LOCKED on PostgreSQL; on SQLite the single writer makes the
 * claiming UPDATE atomic), guarded state transitions, the per-delivery event log, counts for the
 * annual report, and opt-outs.
 */
import { sql, type SqlBool } from 'kysely';
import type {
  DeliveryChange,
  DeliveryLogEvent,
  DeliveryQueueRepository,
  OutboxChannel,
  QueuedDelivery,
  QueuedDeliveryStatus,
} from '../services/ports.ts';
import { dialectOf, type Executor } from './database.ts';
import type { DB } from './schema.ts';
import type { Selectable } from 'kysely';

type DeliveryRow = Selectable<DB['deliveries']>;

function toDelivery(r: DeliveryRow): QueuedDelivery {
  return {
    id: r.id,
    agencyId: r.agency_id,
    channel: r.channel as OutboxChannel,
    itemId: r.item_id,
    requestId: r.request_id,
    recipient: r.recipient,
    template: r.template,
    payload: JSON.parse(r.payload || '{}') as Record<string, unknown>,
    idempotencyKey: r.idempotency_key ?? `delivery:${r.id}`,
    status: r.status as QueuedDeliveryStatus,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    lockedBy: r.locked_by,
    lockedUntil: r.locked_until,
    providerMessageId: r.provider_message_id,
    output: r.output,
    sentAt: r.sent_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const COLUMNS: Record<Exclude<keyof DeliveryChange, never>, keyof DeliveryRow> = {
  status: 'status',
  attempts: 'attempts',
  nextAttemptAt: 'next_attempt_at',
  lastError: 'last_error',
  lockedBy: 'locked_by',
  lockedUntil: 'locked_until',
  providerMessageId: 'provider_message_id',
  output: 'output',
  sentAt: 'sent_at',
  updatedAt: 'updated_at',
};

/**
 * Reminders to the office's own staff (templates `staff_…`, src/services/staff-reminders.ts) are
 * internal mail: they are neither publications nor an account's update, so the channel counts
 * (and the annual report's) and the 一周一更新 check leave them out.
 */
export const NOT_INTERNAL = sql<SqlBool>`substr(template, 1, 6) <> 'staff_'`;

/** Payload keys holding one-time links (src/services/manage-subscriptions.ts). */
const TOKEN_KEYS = ['confirmPath', 'unsubscribePath', 'oneClickUnsubscribePath'];

/** Creates the delivery queue repository over a database or transaction. */
export function createDeliveryQueueRepository(db: Executor): DeliveryQueueRepository {
  const postgres = dialectOf(db) === 'postgres';

  async function appendEvent(deliveryId: number, type: DeliveryLogEvent['type'], detail: string, at: string): Promise<void> {
    await db.insertInto('delivery_events').values({ delivery_id: deliveryId, type, detail, at }).execute();
  }

  /**
   * A subscription e-mail carries one-time links (confirm, unsubscribe) whose tokens are stored
   * only as hashes elsewhere; once the message is sent the payload keeps no copy (a cancelled one
   * keeps them, so that a retry still carries working links), so
   * the database or a backup cannot be used to confirm or unsubscribe for someone else.
   */
  async function dropTokens(id: number): Promise<void> {
    const row = await db.selectFrom('deliveries').select('payload').where('id', '=', id).executeTakeFirst();
    if (!row) return;
    const payload = JSON.parse(row.payload) as Record<string, unknown>;
    const kept = Object.fromEntries(Object.entries(payload).filter(([k]) => !TOKEN_KEYS.includes(k)));
    if (Object.keys(kept).length !== Object.keys(payload).length) await db.updateTable('deliveries').set({ payload: JSON.stringify(kept) }).where('id', '=', id).execute();
  }

  return {
    async enqueue(d) {
      const status = d.status ?? 'queued';
      const row = await db
        .insertInto('deliveries')
        .values({
          agency_id: d.agencyId,
          channel: d.channel,
          item_id: d.itemId ?? null,
          request_id: d.requestId ?? null,
          recipient: d.recipient,
          status,
          sent_at: d.sentAt ?? null,
          created_at: d.at,
          idempotency_key: d.idempotencyKey,
          template: d.template,
          payload: JSON.stringify(d.payload),
          attempts: 0,
          next_attempt_at: status === 'queued' ? d.at : null,
          updated_at: d.at,
        })
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) return null;
      await appendEvent(row.id, status === 'sent' ? 'sent' : 'queued', '', d.at);
      return row.id;
    },

    async find(id) {
      const r = await db.selectFrom('deliveries').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toDelivery(r);
    },

    async findByKey(key) {
      const r = await db.selectFrom('deliveries').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
      return r && toDelivery(r);
    },

    async list(f) {
      let q = db.selectFrom('deliveries');
      if (f.agencyIds) q = f.agencyIds.length ? q.where('agency_id', 'in', [...f.agencyIds]) : q.where(sql<boolean>`1 = 0`);
      if (f.itemId !== undefined) q = q.where('item_id', '=', f.itemId);
      if (f.requestId !== undefined) q = q.where('request_id', '=', f.requestId);
      if (f.channel) q = q.where('channel', '=', f.channel);
      if (f.statuses?.length) q = q.where('status', 'in', [...f.statuses]);
      // The same period rule as `counts`, so that each count opens exactly its messages.
      if (f.fromAt !== undefined || f.toAt !== undefined) {
        const fromAt = f.fromAt ?? '';
        const toAt = f.toAt ?? '9999';
        q = q.where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'sent'), eb('sent_at', '>=', fromAt), eb('sent_at', '<', toAt)]),
            eb.and([eb('status', '!=', 'sent'), eb('created_at', '>=', fromAt), eb('created_at', '<', toAt)]),
          ]),
        );
      }
      const total = (await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
      const rows = await q
        .selectAll()
        .orderBy('id', 'desc')
        .limit(f.limit ?? 100)
        .offset(f.offset ?? 0)
        .execute();
      return { total: Number(total), items: rows.map(toDelivery) };
    },

    async events(deliveryId) {
      const rows = await db.selectFrom('delivery_events').selectAll().where('delivery_id', '=', deliveryId).orderBy('id').execute();
      return rows.map((r) => ({ id: r.id, deliveryId: r.delivery_id, type: r.type as DeliveryLogEvent['type'], detail: r.detail, at: r.at }));
    },

    appendEvent,

    async claim({ workerId, now, leaseUntil, limit, channels }) {
      if (channels.length === 0) return [];
      let due = db
        .selectFrom('deliveries')
        .select('id')
        .where('status', '=', 'queued')
        .where('channel', 'in', [...channels])
        .where('next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit);
      // Another worker's rows are skipped rather than waited for, and never claimed twice.
      if (postgres) due = due.forUpdate().skipLocked();
      const rows = await db
        .updateTable('deliveries')
        .set({ locked_by: workerId, locked_until: leaseUntil, updated_at: now })
        .where('id', 'in', due)
        .returningAll()
        .execute();
      return rows.map(toDelivery).sort((a, b) => a.id - b.id);
    },

    async expiredSending(now, limit) {
      const rows = await db
        .selectFrom('deliveries')
        .selectAll()
        .where('status', '=', 'sending')
        .where('locked_until', '<', now)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toDelivery);
    },

    async transition(id, expected, change) {
      const set: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(change)) {
        if (value !== undefined) set[COLUMNS[key as keyof DeliveryChange]] = value;
      }
      let q = db.updateTable('deliveries').set(set).where('id', '=', id).where('status', 'in', [...expected.statuses]);
      if (expected.lockedBy !== undefined) q = expected.lockedBy === null ? q.where('locked_by', 'is', null) : q.where('locked_by', '=', expected.lockedBy);
      const result = await q.executeTakeFirst();
      const moved = Number(result.numUpdatedRows) === 1;
      if (moved && change.status === 'sent') await dropTokens(id);
      return moved;
    },

    async countSentTo(channel, recipient, sinceAt) {
      const r = await db
        .selectFrom('deliveries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('channel', '=', channel)
        .where('recipient', '=', recipient)
        .where('status', '=', 'sent')
        .where('sent_at', '>', sinceAt)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    async counts({ agencyIds, fromAt, toAt }) {
      const scoped = agencyIds ? (agencyIds.length ? [...agencyIds] : [-1]) : undefined;
      let sent = db
        .selectFrom('deliveries')
        .select(['agency_id', 'channel', 'status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('status', '=', 'sent')
        .where('sent_at', '>=', fromAt)
        .where('sent_at', '<', toAt)
        .where(NOT_INTERNAL);
      let other = db
        .selectFrom('deliveries')
        .select(['agency_id', 'channel', 'status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('status', '!=', 'sent')
        .where('created_at', '>=', fromAt)
        .where('created_at', '<', toAt)
        .where(NOT_INTERNAL);
      if (scoped) {
        sent = sent.where('agency_id', 'in', scoped);
        other = other.where('agency_id', 'in', scoped);
      }
      const rows = [...(await sent.groupBy(['agency_id', 'channel', 'status']).execute()), ...(await other.groupBy(['agency_id', 'channel', 'status']).execute())];
      return rows.map((r) => ({ agencyId: r.agency_id, channel: r.channel, status: r.status, count: Number(r.n) }));
    },

    async lastSent(agencyIds) {
      let q = db
        .selectFrom('deliveries')
        .select(['agency_id', 'channel', (eb) => eb.fn.max('sent_at').as('last')])
        .where('status', '=', 'sent')
        .where(NOT_INTERNAL);
      if (agencyIds) q = q.where('agency_id', 'in', agencyIds.length ? [...agencyIds] : [-1]);
      const rows = await q.groupBy(['agency_id', 'channel']).execute();
      return rows.filter((r) => r.last !== null).map((r) => ({ agencyId: r.agency_id, channel: r.channel, lastSentAt: String(r.last) }));
    },

    async optOut(channel, recipient, reason, at) {
      await db
        .insertInto('channel_opt_outs')
        .values({ channel, recipient, reason, at })
        .onConflict((oc) => oc.columns(['channel', 'recipient']).doUpdateSet({ reason, at }))
        .execute();
    },

    async optIn(channel, recipient) {
      await db.deleteFrom('channel_opt_outs').where('channel', '=', channel).where('recipient', '=', recipient).execute();
    },

    async isOptedOut(channel, recipient) {
      return (await db.selectFrom('channel_opt_outs').select('recipient').where('channel', '=', channel).where('recipient', '=', recipient).executeTakeFirst()) !== undefined;
    },
  };
}
