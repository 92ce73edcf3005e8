/**
 * Search at a provincial scale (src/search/search-terms.ts explains the parts): every entry gets a
 * sort key (newest first) and its one- and two-character grams.
 * - SQLite: the trigram FTS5 table becomes contentless (the text is already in search_documents),
 *   keyed by the sort key and with a facets column; a second contentless FTS5 table holds the
 *   grams (`unicode61`, detail=column: single-token queries need no positions).
 * - PostgreSQL: `sort_key` with a unique b-tree index, and `title_grams` / `body_grams` text[]
 *   columns with GIN indexes beside the existing pg_trgm indexes.
 * Existing entries are rebuilt from search_documents.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../database.ts';
import { facetsOf, gramsOf, sortKeyOf } from '../../search/search-terms.ts';

interface Row {
  item_id: number;
  agency_path: string;
  title_norm: string;
  body_norm: string;
  category: string;
  genre: string;
  year: number;
  validity: string;
  published_on: string;
}

const BATCH = 500;

async function* rowsOf(db: Kysely<unknown>): AsyncGenerator<Row[]> {
  let after = -1;
  for (;;) {
    const rows = (
      await sql<Row>`select item_id, agency_path, title_norm, body_norm, category, genre, year, validity, published_on
        from search_documents where item_id > ${after} order by item_id limit ${BATCH}`.execute(db)
    ).rows;
    if (rows.length === 0) return;
    yield rows;
    after = Number(rows[rows.length - 1]!.item_id);
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  if (postgres) {
    await sql`alter table search_documents add column sort_key bigint`.execute(db);
    await sql`alter table search_documents add column title_grams text[] not null default '{}'`.execute(db);
    await sql`alter table search_documents add column body_grams text[] not null default '{}'`.execute(db);
  } else {
    await sql`alter table search_documents add column sort_key integer`.execute(db);
    await sql`drop table search_fts`.execute(db);
    await sql`create virtual table search_fts using fts5(title, body, facets, tokenize = 'trigram', content = '', contentless_delete = 1)`.execute(db);
    await sql`create virtual table search_grams using fts5(title, body, facets, tokenize = 'unicode61 remove_diacritics 0', content = '', contentless_delete = 1, detail = column)`.execute(db);
  }
  for await (const rows of rowsOf(db)) {
    for (const r of rows) {
      const key = sortKeyOf(r.published_on, Number(r.item_id));
      const facets = facetsOf({ agencyPath: r.agency_path, year: Number(r.year), category: r.category, genre: r.genre, validity: r.validity });
      if (postgres) {
        await sql`update search_documents set sort_key = ${key}, title_grams = ${gramsOf(r.title_norm)}, body_grams = ${gramsOf(r.body_norm)} where item_id = ${r.item_id}`.execute(db);
      } else {
        await sql`update search_documents set sort_key = ${key} where item_id = ${r.item_id}`.execute(db);
        await sql`insert into search_fts (rowid, title, body, facets) values (${key}, ${r.title_norm}, ${r.body_norm}, ${facets})`.execute(db);
        await sql`insert into search_grams (rowid, title, body, facets) values (${key}, ${gramsOf(r.title_norm).join(' ')}, ${gramsOf(r.body_norm).join(' ')}, ${facets})`.execute(db);
      }
    }
  }
  await sql`create unique index search_documents_sort_key on search_documents (sort_key)`.execute(db);
  await sql`create index search_documents_year on search_documents (year)`.execute(db);
  if (postgres) {
    await sql`alter table search_documents alter column sort_key set not null`.execute(db);
    await sql`create index search_documents_title_grams on search_documents using gin (title_grams)`.execute(db);
    await sql`create index search_documents_body_grams on search_documents using gin (body_grams)`.execute(db);
    // Subtree filters are LIKE 'path%': under a C.UTF-8 collation only a pattern-ops index serves them.
    await sql`create index search_documents_agency_prefix on search_documents (agency_path text_pattern_ops)`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  await sql`drop index search_documents_sort_key`.execute(db);
  await sql`drop index search_documents_year`.execute(db);
  if (postgres) {
    await sql`drop index search_documents_title_grams`.execute(db);
    await sql`drop index search_documents_body_grams`.execute(db);
    await sql`drop index search_documents_agency_prefix`.execute(db);
    await sql`alter table search_documents drop column title_grams`.execute(db);
    await sql`alter table search_documents drop column body_grams`.execute(db);
    await sql`alter table search_documents drop column sort_key`.execute(db);
    return;
  }
  await sql`drop table search_grams`.execute(db);
  await sql`drop table search_fts`.execute(db);
  await sql`alter table search_documents drop column sort_key`.execute(db);
  await sql`create virtual table search_fts using fts5(title, body, tokenize = 'trigram')`.execute(db);
  await sql`insert into search_fts (rowid, title, body) select item_id, title_norm, body_norm from search_documents`.execute(db);
}
