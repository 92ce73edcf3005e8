/**
 * Letter templates per agency (文书模板), every saved version kept — a reset to the built-in wording is
 * a version too — and the office's decisions on suggestions to publish proactively what several
 * applicants asked for (条例第四十四条): made into a draft item, or dismissed.
 */
import type { Kysely } from 'kysely';
import { idColumn } from './migration-helpers.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await idColumn(db, db.schema.createTable('letter_templates'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('cascade'))
    .addColumn('template_key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // 1: this version drops the agency's own wording (the agency inherits, or uses the built-in one).
    .addColumn('is_reset', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('letter_templates_key_version_idx').on('letter_templates').columns(['agency_id', 'template_key', 'version']).unique().execute();

  await idColumn(db, db.schema.createTable('request_suggestion_decisions'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('cascade'))
    // The requests of the cluster decided on (JSON array of request ids).
    .addColumn('request_ids', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('item_id', 'integer', (c) => c.references('items.id').onDelete('set null'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('request_suggestion_decisions_agency_idx').on('request_suggestion_decisions').column('agency_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('request_suggestion_decisions').execute();
  await db.schema.dropTable('letter_templates').execute();
}
