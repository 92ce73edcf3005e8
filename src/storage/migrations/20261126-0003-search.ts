/**
 * The search index: normalised text of published items. On PostgreSQL, pg_trgm GIN indexes serve
 * `LIKE '%q%'` (the database must have LC_CTYPE C.UTF-8 or zh_CN.UTF-8: under C, pg_trgm ignores
 * Chinese). On SQLite, an FTS5 table with the trigram tokenizer holds the same text.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../database.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('search_documents')
    .addColumn('item_id', 'integer', (c) => c.primaryKey())
    .addColumn('agency_id', 'integer', (c) => c.notNull())
    .addColumn('agency_path', 'text', (c) => c.notNull())
    .addColumn('title_norm', 'text', (c) => c.notNull())
    .addColumn('body_norm', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('genre', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('validity', 'text', (c) => c.notNull())
    .addColumn('published_on', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('search_documents_published_idx').on('search_documents').columns(['published_on', 'item_id']).execute();
  await db.schema.createIndex('search_documents_agency_idx').on('search_documents').column('agency_path').execute();
  if (dialectOf(db) === 'postgres') {
    await sql`create extension if not exists pg_trgm`.execute(db);
    const ctype = await sql<{ ctype: string }>`select datctype as ctype from pg_database where datname = current_database()`.execute(db);
    const c = ctype.rows[0]?.ctype ?? '';
    if (c === 'C' || c === 'POSIX') {
      throw new Error(`数据库的 LC_CTYPE 为 ${c}，pg_trgm 在此设置下会忽略中文，全文检索无法工作。请用 TEMPLATE template0 LC_CTYPE 'C.UTF-8' LC_COLLATE 'C.UTF-8' 重新创建数据库。`);
    }
    await sql`create index search_documents_title_trgm on search_documents using gin (title_norm gin_trgm_ops)`.execute(db);
    await sql`create index search_documents_body_trgm on search_documents using gin (body_norm gin_trgm_ops)`.execute(db);
  } else {
    await sql`create virtual table search_fts using fts5(title, body, tokenize = 'trigram')`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== 'postgres') await sql`drop table search_fts`.execute(db);
  await db.schema.dropTable('search_documents').execute();
}
