/**
 * The outbox of notices to applicants: each message is written in the same transaction as the
 * change it announces, together with its delivery in the channels' queue (`deliveries`, key
 * `request-notice:<id>`), which the outbox worker sends. `forRequest` reports the delivery's status.
 */
import type { OutboxMessage, OutboxRepository } from '../services/ports.ts';
import type { Executor } from './database.ts';
import { createDeliveryQueueRepository } from './delivery-queue-repository.ts';

/** The idempotency key of the delivery of an applicant notice. */
export const requestNoticeKey = (outboxId: number): string => `request-notice:${outboxId}`;

/** Creates the outbox repository over a database or transaction. */
export function createOutboxRepository(db: Executor): OutboxRepository {
  const queue = createDeliveryQueueRepository(db);
  return {
    async enqueue(m) {
      const { id } = await db
        .insertInto('outbox_messages')
        .values({ request_id: m.requestId, channel: m.channel, recipient: m.recipient, template: m.template, payload: JSON.stringify(m.payload), status: 'queued', created_at: m.createdAt })
        .returning('id')
        .executeTakeFirstOrThrow();
      const request = m.requestId === null ? undefined : await db.selectFrom('requests').select('agency_id').where('id', '=', m.requestId).executeTakeFirst();
      if (!request) return;
      await queue.enqueue({
        agencyId: request.agency_id,
        channel: m.channel,
        requestId: m.requestId,
        recipient: m.recipient,
        template: m.template,
        payload: m.payload,
        idempotencyKey: requestNoticeKey(id),
        at: m.createdAt,
      });
    },
    async forRequest(requestId) {
      const rows = await db.selectFrom('outbox_messages').selectAll().where('request_id', '=', requestId).orderBy('id').execute();
      const deliveries = await db.selectFrom('deliveries').select(['idempotency_key', 'status']).where('request_id', '=', requestId).execute();
      const statusOf = new Map(deliveries.map((d) => [d.idempotency_key, d.status]));
      return rows.map((r) => ({
        id: r.id,
        requestId: r.request_id,
        channel: r.channel as OutboxMessage['channel'],
        recipient: r.recipient,
        template: r.template,
        payload: JSON.parse(r.payload) as Record<string, unknown>,
        status: statusOf.get(requestNoticeKey(r.id)) ?? r.status,
        createdAt: r.created_at,
      }));
    },
  };
}
