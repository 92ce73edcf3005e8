/**
 * The channels' outbox: the deliveries log of migration 0006 becomes a queue the worker drains —
 * an idempotency key per message (unique), attempts and the next attempt's time for backoff, the
 * provider's last error, a lease (locked_by/locked_until) so that a crashed worker's claim expires,
 * and a per-delivery event log (queued, sent, failed, retry …). Beside it: each agency's channel
 * accounts (settings and secrets) and the recipients who opted out.
 */
import { sql, type Kysely } from 'kysely';
import { idColumn } from './migration-helpers.ts';

const ADDED: Array<[string, 'text' | 'integer', string | number | null]> = [
  ['idempotency_key', 'text', null],
  ['template', 'text', ''],
  ['payload', 'text', '{}'],
  ['attempts', 'integer', 0],
  ['next_attempt_at', 'text', null],
  ['last_error', 'text', null],
  ['locked_by', 'text', null],
  ['locked_until', 'text', null],
  ['provider_message_id', 'text', null],
  ['output', 'text', null],
  ['updated_at', 'text', null],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, type, fallback] of ADDED) {
    await db.schema
      .alterTable('deliveries')
      .addColumn(name, type, (c) => (fallback === null ? c : c.notNull().defaultTo(fallback)))
      .execute();
  }
  // Unique where present: rows logged before the outbox (or by the report's demo data) have none.
  await db.schema.createIndex('deliveries_idempotency_key_idx').on('deliveries').column('idempotency_key').unique().execute();
  await db.schema.createIndex('deliveries_queue_idx').on('deliveries').columns(['status', 'next_attempt_at', 'id']).execute();
  await db.schema.createIndex('deliveries_request_idx').on('deliveries').column('request_id').execute();
  await db.schema.createIndex('deliveries_recipient_idx').on('deliveries').columns(['channel', 'recipient', 'sent_at']).execute();

  await idColumn(db, db.schema.createTable('delivery_events'))
    .addColumn('delivery_id', 'integer', (c) => c.notNull().references('deliveries.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('delivery_events_delivery_idx').on('delivery_events').columns(['delivery_id', 'id']).execute();

  await db.schema
    .createTable('channel_settings')
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('secrets', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('channel_settings_pk', ['agency_id', 'channel'])
    .execute();

  await db.schema
    .createTable('channel_opt_outs')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('channel_opt_outs_pk', ['channel', 'recipient'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('channel_opt_outs').execute();
  await db.schema.dropTable('channel_settings').execute();
  await db.schema.dropTable('delivery_events').execute();
  for (const index of ['deliveries_recipient_idx', 'deliveries_request_idx', 'deliveries_queue_idx', 'deliveries_idempotency_key_idx']) {
    await db.schema.dropIndex(index).execute();
  }
  // 0006 knows only sent, failed and queued.
  await sql`update deliveries set status = 'queued' where status in ('sending', 'manual')`.execute(db);
  await sql`update deliveries set status = 'failed' where status = 'cancelled'`.execute(db);
  for (const [name] of [...ADDED].reverse()) await db.schema.alterTable('deliveries').dropColumn(name).execute();
}
