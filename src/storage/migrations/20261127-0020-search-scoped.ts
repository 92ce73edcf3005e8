/**
 * PostgreSQL: a common word within one town or village. Its trigram and gram posting lists cover the
 * whole table (a four-character word in a third of a million bodies), so a GIN bitmap of the word
 * costs ~30 ms at 1M items before the town's few hundred matches are left; testing the town's 17 000
 * rows one by one costs more. This index keys each entry's one- and two-character grams by its agency
 * and by where they occur — `9t保密` in the title of an entry of agency 9, `9b保密` in its body — so
 * the posting list of a gram within one agency holds only that agency's entries, and a search within
 * a town asks for the word's grams under each of the town's agencies (a dozen or so). An expression
 * index: nothing more is stored in the rows. SQLite is unchanged (its FTS5 tables carry agency facets
 * inside the full-text index already).
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../database.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql`create or replace function search_scoped_grams(agency integer, title_grams text[], body_grams text[]) returns text[]
    language sql immutable strict parallel safe
    as $$ select array(select agency::text || 't' || g from unnest(title_grams) g union all select agency::text || 'b' || g from unnest(body_grams) g) $$`.execute(db);
  await sql`create index search_documents_scoped_grams on search_documents using gin (search_scoped_grams(agency_id, title_grams, body_grams))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql`drop index search_documents_scoped_grams`.execute(db);
  await sql`drop function search_scoped_grams(integer, text[], text[])`.execute(db);
}
