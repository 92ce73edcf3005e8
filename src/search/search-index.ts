/**
 * The full-text index of published items, with exact substring semantics on both stores
 * (architecture.md, “Search”): SQLite uses an FTS5 `trigram` table to find candidates for queries
 * of 3+ characters and a scan for 1–2 characters; PostgreSQL uses `pg_trgm` GIN indexes under
 * `LIKE '%q%'`. The final match and the ranking (title hits first, then newest) are the same SQL
 * on both, so both stores return identical hits in identical order.
 */
import { sql } from 'kysely';
import { dialectOf, type Executor } from '../storage/database.ts';
import { escapeLike, normaliseForSearch } from './normalise-text.ts';
import type { SearchDocument, SearchIndex, SearchQuery, SearchResult } from '../services/ports.ts';

export type { SearchDocument, SearchQuery } from '../services/ports.ts';

const SNIPPET_RADIUS = 40;

function snippetOf(body: string, q: string): { snippet: string; marks: Array<[number, number]> } {
  const at = body.indexOf(q);
  if (at < 0) return { snippet: body.slice(0, SNIPPET_RADIUS * 2), marks: [] };
  const start = Math.max(0, at - SNIPPET_RADIUS);
  const end = Math.min(body.length, at + q.length + SNIPPET_RADIUS);
  const snippet = (start > 0 ? '…' : '') + body.slice(start, end) + (end < body.length ? '…' : '');
  const offset = start > 0 ? 1 - start : -start;
  const marks: Array<[number, number]> = [];
  for (let i = body.indexOf(q, start); i >= 0 && i + q.length <= end; i = body.indexOf(q, i + q.length)) marks.push([i + offset, i + offset + q.length]);
  return { snippet, marks };
}

/** Creates the search index over a database or transaction. */
export function createSearchIndex(db: Executor): SearchIndex {
  const postgres = dialectOf(db) === 'postgres';
  return {
    /** Adds or replaces an item's entry (call in the transaction that publishes it). */
    async upsert(doc: SearchDocument): Promise<void> {
      const row = {
        item_id: doc.itemId,
        agency_id: doc.agencyId,
        agency_path: doc.agencyPath,
        title_norm: normaliseForSearch(doc.title),
        body_norm: normaliseForSearch(doc.body),
        category: doc.category,
        genre: doc.genre,
        year: doc.year,
        validity: doc.validity,
        published_on: doc.publishedOn,
      };
      await db.deleteFrom('search_documents').where('item_id', '=', doc.itemId).execute();
      await db.insertInto('search_documents').values(row).execute();
      if (!postgres) {
        await sql`delete from search_fts where rowid = ${doc.itemId}`.execute(db);
        await sql`insert into search_fts (rowid, title, body) values (${doc.itemId}, ${row.title_norm}, ${row.body_norm})`.execute(db);
      }
    },
    /** Removes an item (withdrawn, or unpublished for revision). */
    async remove(itemId: number): Promise<void> {
      await db.deleteFrom('search_documents').where('item_id', '=', itemId).execute();
      if (!postgres) await sql`delete from search_fts where rowid = ${itemId}`.execute(db);
    },
    /** Finds items containing the query as a substring of title or body. */
    async search(query: SearchQuery): Promise<SearchResult> {
      const q = normaliseForSearch(query.q);
      if (!q) return { total: 0, hits: [] };
      const pattern = `%${escapeLike(q)}%`;
      let base = db.selectFrom('search_documents as d');
      if (!postgres && [...q].length >= 3) {
        // FTS5 trigram: a quoted phrase matches exactly the documents containing the substring.
        const phrase = `"${q.replace(/"/g, '""')}"`;
        base = base.where(sql<boolean>`d.item_id in (select rowid from search_fts where search_fts match ${phrase})`);
      }
      base = base.where((eb) =>
        eb.or([eb(sql`d.title_norm`, 'like', sql`${pattern} escape '\\'`), eb(sql`d.body_norm`, 'like', sql`${pattern} escape '\\'`)]),
      );
      if (query.within) {
        const roots = query.within;
        if (roots.length === 0) return { total: 0, hits: [] };
        base = base.where((eb) => eb.or(roots.map((p) => eb('d.agency_path', 'like', `${escapeLike(p)}%`))));
      }
      if (query.category) base = base.where('d.category', '=', query.category);
      if (query.genre) base = base.where('d.genre', '=', query.genre);
      if (query.year) base = base.where('d.year', '=', query.year);
      if (query.validity) base = base.where('d.validity', '=', query.validity);
      const titleMatch = sql<number>`case when d.title_norm like ${pattern} escape '\\' then 1 else 0 end`;
      const [countRow, rows] = await Promise.all([
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        base
          .select(['d.item_id', 'd.published_on', 'd.body_norm', 'd.title_norm', titleMatch.as('title_match')])
          .orderBy('title_match', 'desc')
          .orderBy('d.published_on', 'desc')
          .orderBy('d.item_id', 'desc')
          .limit(Math.min(query.limit ?? 20, 100))
          .offset(query.offset ?? 0)
          .execute(),
      ]);
      return {
        total: Number(countRow.n),
        hits: rows.map((r) => ({
          itemId: r.item_id,
          titleMatch: Number(r.title_match) === 1,
          publishedOn: r.published_on,
          ...snippetOf(r.body_norm, q),
        })),
      };
    },
  };
}

