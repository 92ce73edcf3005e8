/**
 * Disclosure on request (依申请公开): one row per request with the queryable columns and the derived
 * RequestState as JSON, the append-only events (the facts), the per-year tracking-number sequence,
 * the register of administrative reconsideration and litigation (复议/诉讼), and a minimal outbox of
 * notices to applicants. Fee counts per applicant and month are derived from `requests`.
 */
import type { Kysely } from 'kysely';
import { idColumn } from './migration-helpers.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await idColumn(db, db.schema.createTable('requests'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('restrict'))
    .addColumn('agency_path', 'text', (c) => c.notNull())
    .addColumn('tracking_number', 'text', (c) => c.notNull().unique())
    .addColumn('query_code_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('applicant_type', 'text', (c) => c.notNull())
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('applicant_key', 'text')
    .addColumn('pieces', 'integer', (c) => c.notNull())
    .addColumn('submitted_on', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text')
    .addColumn('due_on', 'text')
    .addColumn('provisional', 'integer', (c) => c.notNull())
    .addColumn('closed_on', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('record', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('requests_queue_idx').on('requests').columns(['status', 'agency_path', 'due_on']).execute();
  await db.schema.createIndex('requests_applicant_idx').on('requests').columns(['applicant_key', 'received_on']).execute();
  await db.schema.createIndex('requests_received_idx').on('requests').columns(['received_on']).execute();

  await idColumn(db, db.schema.createTable('request_events'))
    .addColumn('request_id', 'integer', (c) => c.notNull().references('requests.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('by_user', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  // One event per version: a second writer of the same version fails even before the optimistic check on `requests`.
  await db.schema.createIndex('request_events_request_version_idx').on('request_events').columns(['request_id', 'version']).unique().execute();

  await db.schema
    .createTable('request_sequences')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .execute();

  await idColumn(db, db.schema.createTable('appeals'))
    .addColumn('request_id', 'integer', (c) => c.references('requests.id').onDelete('set null'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('restrict'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('filed_on', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('closed_on', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('appeals_agency_idx').on('appeals').columns(['agency_id', 'filed_on']).execute();
  await db.schema.createIndex('appeals_request_idx').on('appeals').column('request_id').execute();

  await idColumn(db, db.schema.createTable('outbox_messages'))
    .addColumn('request_id', 'integer', (c) => c.references('requests.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbox_messages_status_idx').on('outbox_messages').columns(['status', 'id']).execute();
  await db.schema.createIndex('outbox_messages_request_idx').on('outbox_messages').column('request_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['outbox_messages', 'appeals', 'request_sequences', 'request_events', 'requests']) await db.schema.dropTable(t).execute();
}
