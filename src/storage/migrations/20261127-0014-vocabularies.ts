/**
 * Configurable vocabularies (主题分类、体裁、标准目录领域) per agency: an agency with rows for a
 * vocabulary has its own list, which its units inherit; without rows the nearest superior's list (or
 * the defaults) applies. Item versions get the configured 体裁 code beside the statutory genre.
 */
import { sql, type Kysely } from 'kysely';
import { idColumn } from './migration-helpers.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await idColumn(db, db.schema.createTable('vocabulary_terms'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('cascade'))
    .addColumn('vocabulary', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('genre', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('retired', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('vocabulary_terms_code_uq', ['agency_id', 'vocabulary', 'code'])
    .execute();

  await db.schema.alterTable('item_versions').addColumn('kind_code', 'text').execute();
  await sql`update item_versions set kind_code = genre`.execute(db);
  await db.schema.createIndex('item_versions_kind_idx').on('item_versions').columns(['kind_code', 'agency_path']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('item_versions_kind_idx').execute();
  await db.schema.alterTable('item_versions').dropColumn('kind_code').execute();
  await db.schema.dropTable('vocabulary_terms').execute();
}
