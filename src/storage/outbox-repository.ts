/**
 * The outbox: messages to applicants written in the same transaction as the change they announce,
 * delivered later by a channel adapter (the jobs worker). Only queuing lives here for now.
 */
import type { OutboxMessage, OutboxRepository } from '../services/ports.ts';
import type { Executor } from './database.ts';

/** Creates the outbox repository over a database or transaction. */
export function createOutboxRepository(db: Executor): OutboxRepository {
  return {
    async enqueue(m) {
      await db
        .insertInto('outbox_messages')
        .values({ request_id: m.requestId, channel: m.channel, recipient: m.recipient, template: m.template, payload: JSON.stringify(m.payload), status: 'queued', created_at: m.createdAt })
        .execute();
    },
    async forRequest(requestId) {
      const rows = await db.selectFrom('outbox_messages').selectAll().where('request_id', '=', requestId).orderBy('id').execute();
      return rows.map((r) => ({
        id: r.id,
        requestId: r.request_id,
        channel: r.channel as OutboxMessage['channel'],
        recipient: r.recipient,
        template: r.template,
        payload: JSON.parse(r.payload) as Record<string, unknown>,
        status: r.status,
        createdAt: r.created_at,
      }));
    },
  };
}
