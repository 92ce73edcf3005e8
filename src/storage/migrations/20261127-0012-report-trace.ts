/**
 * The annual report at county scale: `item_versions.full_text` holds the version's “全文电子化” flag
 * (until now only inside the JSON state) so the store can count a year's 公文 and their full-text rate
 * in SQL, and indexes over the columns those counts read let them run from the indexes alone.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../database.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('item_versions').addColumn('full_text', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // Backfill from the JSON state (the one place each store spells JSON access its own way).
  if (dialectOf(db) === 'postgres') {
    await sql`update item_versions set full_text = 1 where (state::json ->> 'hasElectronicFullText') = 'true'`.execute(db);
  } else {
    await sql`update item_versions set full_text = 1 where json_extract(state, '$.hasElectronicFullText') = 1`.execute(db);
  }
  // The versions published in a year (the candidates for 本年首次发布), then each candidate's versions
  // with the columns the counts read, so neither step reads the table's rows and their JSON.
  await db.schema.createIndex('item_versions_report_year_idx').on('item_versions').columns(['published_on', 'agency_id', 'item_id']).execute();
  await db.schema
    .createIndex('item_versions_report_item_idx')
    .on('item_versions')
    .columns(['item_id', 'version', 'agency_id', 'published_on', 'genre', 'full_text'])
    .execute();
  // 规章 and 行政规范性文件 are read one by one; requests still open or closed in the year are read, not the whole history.
  await db.schema.createIndex('item_versions_genre_idx').on('item_versions').columns(['genre', 'item_id']).execute();
  await db.schema.createIndex('requests_closed_idx').on('requests').columns(['closed_on']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of ['requests_closed_idx', 'item_versions_genre_idx', 'item_versions_report_item_idx', 'item_versions_report_year_idx']) await db.schema.dropIndex(index).execute();
  await db.schema.alterTable('item_versions').dropColumn('full_text').execute();
}
