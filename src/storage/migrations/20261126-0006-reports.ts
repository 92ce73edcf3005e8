/**
 * The annual report (政府信息公开工作年度报告): one row per version of an agency's report for a year —
 * a draft with the inputs staff enter, a finalised version frozen with its content hash, or a version
 * superseded by a correction (`supersedes_id` links the correction to what it corrects); and the
 * deliveries log of what was sent on each channel (the report counts the messages, e.g. 短信消息152条),
 * which the channels' outbox worker writes as it sends.
 */
import type { Kysely } from 'kysely';
import { idColumn } from './migration-helpers.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await idColumn(db, db.schema.createTable('annual_reports'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('restrict'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('include_subunits', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('manual_inputs', 'text', (c) => c.notNull())
    .addColumn('compiled', 'text')
    .addColumn('content_hash', 'text')
    .addColumn('finalised_at', 'text')
    .addColumn('finalised_by', 'text')
    .addColumn('supersedes_id', 'integer', (c) => c.references('annual_reports.id').onDelete('restrict'))
    .addColumn('published', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('annual_reports_agency_year_idx').on('annual_reports').columns(['agency_id', 'year', 'status']).execute();
  await db.schema.createIndex('annual_reports_published_idx').on('annual_reports').columns(['published', 'year']).execute();

  await idColumn(db, db.schema.createTable('deliveries'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('restrict'))
    // 'portal' | 'wechat' | 'weibo' | 'sms' | 'email' | 'notice_board' | 'village_wechat' | 'qq_group'
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('item_id', 'integer', (c) => c.references('items.id').onDelete('set null'))
    .addColumn('request_id', 'integer', (c) => c.references('requests.id').onDelete('set null'))
    .addColumn('recipient', 'text', (c) => c.notNull())
    // 'sent' | 'failed' | 'queued'
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deliveries_agency_sent_idx').on('deliveries').columns(['agency_id', 'status', 'sent_at']).execute();
  await db.schema.createIndex('deliveries_item_idx').on('deliveries').column('item_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['deliveries', 'annual_reports']) await db.schema.dropTable(t).execute();
}
