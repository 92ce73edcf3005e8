/**
 * The information registry (政府信息): one row per item, one per version with the queryable
 * metadata and the version's derived state, the append-only workflow events (the facts), index
 * number sequences per agency and year, extracted attachment text, and the privacy review.
 */
import type { Kysely } from 'kysely';
import { idColumn } from './migration-helpers.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await idColumn(db, db.schema.createTable('items'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('restrict'))
    .addColumn('index_number', 'text', (c) => c.unique())
    .addColumn('latest_version', 'integer', (c) => c.notNull())
    .addColumn('live_version', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('item_versions')
    .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'integer', (c) => c.notNull())
    .addColumn('agency_path', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('document_number', 'text')
    .addColumn('formed_on', 'text', (c) => c.notNull())
    .addColumn('changed_on', 'text')
    .addColumn('published_on', 'text')
    .addColumn('genre', 'text', (c) => c.notNull())
    .addColumn('category_code', 'text', (c) => c.notNull())
    .addColumn('clause', 'text')
    .addColumn('catalogue_domain', 'text')
    .addColumn('interprets_item_id', 'integer')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('item_versions_pk', ['item_id', 'version'])
    .execute();
  await db.schema.createIndex('item_versions_status_idx').on('item_versions').columns(['status', 'agency_path']).execute();
  await db.schema.createIndex('item_versions_published_idx').on('item_versions').columns(['status', 'published_on', 'item_id']).execute();
  await db.schema.createIndex('item_versions_interprets_idx').on('item_versions').column('interprets_item_id').execute();

  await idColumn(db, db.schema.createTable('item_events'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('by_user', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('item_events_item_idx').on('item_events').columns(['item_id', 'version']).execute();

  await db.schema
    .createTable('index_sequences')
    .addColumn('agency_id', 'integer', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('index_sequences_pk', ['agency_id', 'year'])
    .execute();

  await db.schema
    .createTable('attachment_texts')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('privacy_reviews')
    .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('decisions', 'text', (c) => c.notNull())
    .addColumn('scanned_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('privacy_reviews_pk', ['item_id', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['privacy_reviews', 'attachment_texts', 'index_sequences', 'item_events', 'item_versions', 'items']) await db.schema.dropTable(t).execute();
}
