/**
 * The deliveries log: each message sent, queued or failed on a channel (portal, WeChat, Weibo, SMS,
 * e-mail, notice board, village WeChat and QQ groups). The channels' outbox worker writes it as it
 * sends; the annual report counts what was sent in the year (the seed's “短信消息152条”).
 */
import { NOT_INTERNAL } from './delivery-queue-repository.ts';
import type { Delivery, DeliveryRepository } from '../services/ports.ts';
import type { Executor } from './database.ts';

/** Creates the delivery repository over a database or transaction. */
export function createDeliveryRepository(db: Executor): DeliveryRepository {
  return {
    async insert(d) {
      const r = await db
        .insertInto('deliveries')
        .values({
          agency_id: d.agencyId,
          channel: d.channel,
          item_id: d.itemId,
          request_id: d.requestId,
          recipient: d.recipient,
          status: d.status,
          sent_at: d.sentAt,
          created_at: d.createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return r.id;
    },
    async sentBetween({ agencyIds, fromAt, toAt }) {
      if (agencyIds.length === 0) return [];
      const rows = await db
        .selectFrom('deliveries')
        .selectAll()
        .where('agency_id', 'in', [...agencyIds])
        .where('status', '=', 'sent')
        .where('sent_at', '>=', fromAt)
        .where('sent_at', '<', toAt)
        .where(NOT_INTERNAL)
        .orderBy('id')
        .execute();
      return rows.map(
        (r): Delivery => ({
          id: r.id,
          agencyId: r.agency_id,
          channel: r.channel as Delivery['channel'],
          itemId: r.item_id,
          requestId: r.request_id,
          recipient: r.recipient,
          status: r.status as Delivery['status'],
          sentAt: r.sent_at,
          createdAt: r.created_at,
        }),
      );
    },
  };
}
