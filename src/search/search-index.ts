/**
 * The full-text index of published items, with exact substring semantics on both stores
 * (architecture.md, “Search”). A query's results are two tiers — items whose title contains it,
 * then items where only the body (with attachment text) does — each newest first; both stores
 * return the same hits in the same order.
 *
 * Built to stay fast at a million items (src/search/search-terms.ts):
 * - every entry has a sort key, newest first; the tiers are read in sort-key order and reading
 *   stops at the page, so a common word costs no more than a rare one;
 * - SQLite: an FTS5 `trigram` table answers queries of 3+ characters and an FTS5 table of
 *   one- and two-character grams the shorter ones; both carry the facets, so filters run inside
 *   the index. PostgreSQL: `pg_trgm` GIN indexes under `LIKE '%q%'` and GIN indexes on the gram
 *   arrays; a page of a word with more matches than the cap walks the sort-key index when a sample of
 *   the newest entries says that is cheaper than a bitmap of every match (the GIN index otherwise).
 *   Short queries with punctuation or spaces (rare) are answered by a scan in sort-key order.
 * - counts stop at {@link SEARCH_RESULT_CAP}: “1000 条以上” is what a reader needs, and counting
 *   every one of 300 000 matches would cost more than the page itself.
 */
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { dialectOf, type Executor } from '../storage/database.ts';
import { escapeLike, normaliseForSearch } from './normalise-text.ts';
import { agencyIdOfPath, facetsOf, facetToken, gramsOf, isGramQuery, sortKeyOf } from './search-terms.ts';
import type { SearchDocument, SearchIndex, SearchQuery, SearchResult } from '../services/ports.ts';

export type { SearchDocument, SearchQuery } from '../services/ports.ts';

/** Results beyond this are neither counted nor paged to; the reader narrows the query instead. */
export const SEARCH_RESULT_CAP = 1000;

/** How many of the newest entries PostgreSQL reads to estimate how dense a common word's matches are. */
const DENSITY_SAMPLE = 2000;

/**
 * Whether walking the sort-key index beats a bitmap of every match, for a tier with more matches than
 * the cap (PostgreSQL). Of the newest `sample` entries `hits` match: a walk reads about
 * need × sample / hits entries to fill the page; a bitmap reads every match, about
 * hits / sample × total. A word in most documents walks; one in a few thousand of a million, or a page
 * deep into a sparser word, takes the bitmap.
 */
export function walkBeatsBitmap(p: { need: number; hits: number; sample: number; total: number }): boolean {
  if (p.hits === 0) return false;
  const walked = (p.need * p.sample) / p.hits;
  const bitmapped = Math.max(SEARCH_RESULT_CAP + 1, (p.hits / p.sample) * p.total);
  return walked < bitmapped;
}

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

/** An FTS5 string literal (a phrase for the trigram table, a single token for the gram table). */
function ftsString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** A tier of results: how to list its sort keys (newest first) and how to count them (up to the cap). */
interface Tier {
  /** `dense`: the tier has more matches than the cap, so reading the sort-key index in order finds a page at once. */
  keys(limit: number, offset: number, dense: boolean): Promise<number[]>;
  count(cap: number): Promise<number>;
}

/** Creates the search index over a database or transaction. */
export function createSearchIndex(db: Executor): SearchIndex {
  const postgres = dialectOf(db) === 'postgres';

  /** SQLite: a tier is an FTS5 MATCH expression over the trigram or gram table. */
  function ftsTiers(table: 'search_fts' | 'search_grams', term: string, query: SearchQuery): [Tier, Tier] {
    const facet = (token: string) => `facets : ${ftsString(token)}`;
    const filters: string[] = [];
    if (query.within) {
      const ids = query.within.map(agencyIdOfPath).filter((x): x is string => x !== undefined);
      filters.push(`(${ids.map((id) => facet(facetToken.agency(id))).join(' OR ')})`);
    }
    if (query.category) filters.push(facet(facetToken.category(query.category)));
    if (query.genre) filters.push(facet(facetToken.genre(query.genre)));
    if (query.year) filters.push(facet(facetToken.year(query.year)));
    if (query.validity) filters.push(facet(facetToken.validity(query.validity)));
    const and = filters.map((f) => ` AND ${f}`).join('');
    const tier = (match: string): Tier => ({
      keys: async (limit, offset) =>
        (await sql<{ k: number }>`select rowid as k from ${sql.table(table)} where ${sql.table(table)} match ${match} order by rowid desc limit ${limit} offset ${offset}`.execute(db)).rows.map((r) => Number(r.k)),
      count: async (cap) =>
        Number((await sql<{ n: number }>`select count(*) as n from (select 1 from ${sql.table(table)} where ${sql.table(table)} match ${match} limit ${cap})`.execute(db)).rows[0]?.n ?? 0),
    });
    return [tier(`(title : ${term})${and}`), tier(`(body : ${term} NOT title : ${term})${and}`)];
  }

  /**
   * PostgreSQL, and SQLite's scan for short queries with punctuation: predicates over
   * search_documents. `indexed` are the forms an index answers (a bitmap of the matches);
   * `scanned` the forms that are cheapest to test row by row while walking the sort-key index
   * (LIKE on the text, never a large gram array). Both select exactly the same rows.
   */
  interface Predicates {
    title: RawBuilder<SqlBool>;
    body: RawBuilder<SqlBool>;
  }
  /**
   * PostgreSQL's estimates for trigram and array predicates are poor, so the choice between walking the
   * sort-key index and a bitmap of the matches is made from a sample: how many of the newest entries
   * match (the filters included), against the table's size from the statistics.
   */
  async function walkPays(predicate: RawBuilder<SqlBool>, need: number): Promise<boolean> {
    const hits = Number(
      (await sql<{ n: number | string }>`select count(*) as n from (select * from search_documents order by sort_key desc limit ${DENSITY_SAMPLE}) d where ${predicate}`.execute(db)).rows[0]?.n ?? 0,
    );
    const total = Number((await sql<{ n: number | string }>`select greatest(reltuples, 0)::bigint as n from pg_class where oid = 'search_documents'::regclass`.execute(db)).rows[0]?.n ?? 0);
    return walkBeatsBitmap({ need, hits, sample: DENSITY_SAMPLE, total: Math.max(total, DENSITY_SAMPLE) });
  }

  function sqlTiers(indexed: Predicates, scanned: Predicates, query: SearchQuery): [Tier, Tier] {
    const filters: Array<Expression<SqlBool>> = [];
    if (query.within) filters.push(sql<SqlBool>`(${sql.join(query.within.map((p) => sql`d.agency_path like ${`${escapeLike(p)}%`} escape '\\'`), sql` or `)})`);
    if (query.category) filters.push(sql<SqlBool>`d.category = ${query.category}`);
    if (query.genre) filters.push(sql<SqlBool>`d.genre = ${query.genre}`);
    if (query.year) filters.push(sql<SqlBool>`d.year = ${query.year}`);
    if (query.validity) filters.push(sql<SqlBool>`d.validity = ${query.validity}`);
    const tier = (byIndex: RawBuilder<SqlBool>, byScan: RawBuilder<SqlBool>): Tier => {
      const where = (p: RawBuilder<SqlBool>) => sql<SqlBool>`${sql.join([p, ...filters], sql` and `)}`;
      const page = (ex: Executor, p: RawBuilder<SqlBool>, limit: number, offset: number) =>
        sql<{ k: number | string }>`select d.sort_key as k from search_documents d where ${where(p)} order by d.sort_key desc limit ${limit} offset ${offset}`.execute(ex);
      return {
        keys: async (limit, offset, dense) => {
          if (!postgres || !dense || !(await walkPays(where(byScan), limit + offset))) return (await page(db, byIndex, limit, offset)).rows.map((r) => Number(r.k));
          // A word in most documents: PostgreSQL's estimates for array and trigram predicates often
          // prefer a bitmap of every match and a sort; walking the sort-key index stops at the page.
          const walk = async (tx: Executor) => {
            await sql`set local enable_bitmapscan = off`.execute(tx);
            const rows = (await page(tx, byScan, limit, offset)).rows;
            await sql`set local enable_bitmapscan = on`.execute(tx);
            return rows.map((r) => Number(r.k));
          };
          return db.isTransaction ? walk(db) : db.transaction().execute(walk);
        },
        count: async (cap) =>
          Number((await sql<{ n: number | string }>`select count(*) as n from (select 1 from search_documents d where ${where(byIndex)} limit ${cap}) s`.execute(db)).rows[0]?.n ?? 0),
      };
    };
    return [
      tier(indexed.title, scanned.title),
      tier(sql<SqlBool>`${indexed.body} and not (${scanned.title})`, sql<SqlBool>`${scanned.body} and not (${scanned.title})`),
    ];
  }

  function tiersFor(q: string, query: SearchQuery): [Tier, Tier] {
    if (!postgres && [...q].length >= 3) return ftsTiers('search_fts', ftsString(q), query);
    if (!postgres && isGramQuery(q)) return ftsTiers('search_grams', ftsString(q), query);
    const pattern = `%${escapeLike(q)}%`;
    const like: Predicates = {
      title: sql<SqlBool>`d.title_norm like ${pattern} escape '\\'`,
      body: sql<SqlBool>`d.body_norm like ${pattern} escape '\\'`,
    };
    if (postgres && isGramQuery(q)) {
      return sqlTiers({ title: sql<SqlBool>`d.title_grams @> array[${q}]::text[]`, body: sql<SqlBool>`d.body_grams @> array[${q}]::text[]` }, like, query);
    }
    return sqlTiers(like, like, query);
  }

  return {
    /** Adds or replaces an item's entry (call in the transaction that publishes it). */
    async upsert(doc: SearchDocument): Promise<void> {
      await this.upsertMany([doc]);
    },
    /** Adds or replaces many entries, a few statements per 500 (the ledger import writes thousands of items at once). */
    async upsertMany(docs: readonly SearchDocument[]): Promise<void> {
      for (let i = 0; i < docs.length; i += 500) {
        const part = docs.slice(i, i + 500);
        const ids = part.map((d) => d.itemId);
        const old = await db.selectFrom('search_documents').select('sort_key').where('item_id', 'in', ids).execute();
        if (old.length > 0) {
          await db.deleteFrom('search_documents').where('item_id', 'in', ids).execute();
          if (!postgres) {
            const keys = sql.join(old.map((r) => Number(r.sort_key)));
            await sql`delete from search_fts where rowid in (${keys})`.execute(db);
            await sql`delete from search_grams where rowid in (${keys})`.execute(db);
          }
        }
        const rows = part.map((doc) => ({ doc, title: normaliseForSearch(doc.title), body: normaliseForSearch(doc.body), sortKey: sortKeyOf(doc.publishedOn, doc.itemId), facets: facetsOf(doc) }));
        await db
          .insertInto('search_documents')
          .values(
            rows.map(({ doc, title, body, sortKey }) => ({
              item_id: doc.itemId,
              agency_id: doc.agencyId,
              agency_path: doc.agencyPath,
              title_norm: title,
              body_norm: body,
              category: doc.category,
              genre: doc.genre,
              year: doc.year,
              validity: doc.validity,
              published_on: doc.publishedOn,
              sort_key: sortKey,
              ...(postgres ? { title_grams: gramsOf(title), body_grams: gramsOf(body) } : {}),
            })),
          )
          .execute();
        if (!postgres) {
          await sql`insert into search_fts (rowid, title, body, facets) values ${sql.join(rows.map((r) => sql`(${r.sortKey}, ${r.title}, ${r.body}, ${r.facets})`))}`.execute(db);
          await sql`insert into search_grams (rowid, title, body, facets) values ${sql.join(rows.map((r) => sql`(${r.sortKey}, ${gramsOf(r.title).join(' ')}, ${gramsOf(r.body).join(' ')}, ${r.facets})`))}`.execute(db);
        }
      }
    },
    /** Removes an item (withdrawn, or unpublished for revision). */
    async remove(itemId: number): Promise<void> {
      const existing = await db.selectFrom('search_documents').select('sort_key').where('item_id', '=', itemId).executeTakeFirst();
      if (!existing) return;
      await db.deleteFrom('search_documents').where('item_id', '=', itemId).execute();
      if (!postgres) {
        const key = Number(existing.sort_key);
        await sql`delete from search_fts where rowid = ${key}`.execute(db);
        await sql`delete from search_grams where rowid = ${key}`.execute(db);
      }
    },
    /** Finds items containing the query as a substring of title or body: title hits first, then newest. */
    async search(query: SearchQuery): Promise<SearchResult> {
      const q = normaliseForSearch(query.q);
      if (!q || (query.within && query.within.length === 0)) return { total: 0, hits: [] };
      const limit = Math.max(0, Math.min(query.limit ?? 20, 100));
      const offset = Math.max(0, query.offset ?? 0);
      const [titleTier, bodyTier] = tiersFor(q, query);
      // Each count stops one past the cap; when the titles alone pass it, the bodies need not be counted.
      const inTitle = await titleTier.count(SEARCH_RESULT_CAP + 1);
      const inBodyOnly = inTitle > SEARCH_RESULT_CAP ? 0 : await bodyTier.count(SEARCH_RESULT_CAP + 1 - inTitle);
      const capped = inTitle + inBodyOnly > SEARCH_RESULT_CAP;
      const reachable = Math.min(inTitle + inBodyOnly, SEARCH_RESULT_CAP);
      const want = Math.max(0, Math.min(limit, reachable - offset));
      const keys: Array<{ key: number; titleMatch: boolean }> = [];
      if (want > 0 && offset < inTitle) {
        for (const key of await titleTier.keys(want, offset, inTitle > SEARCH_RESULT_CAP)) keys.push({ key, titleMatch: true });
      }
      if (keys.length < want) {
        const bodyOffset = Math.max(0, offset - inTitle);
        for (const key of await bodyTier.keys(want - keys.length, bodyOffset, capped)) keys.push({ key, titleMatch: false });
      }
      const rows = keys.length
        ? await db
            .selectFrom('search_documents')
            .select(['item_id', 'sort_key', 'published_on', 'body_norm'])
            .where('sort_key', 'in', keys.map((k) => k.key))
            .execute()
        : [];
      const byKey = new Map(rows.map((r) => [Number(r.sort_key), r]));
      return {
        total: reachable,
        ...(capped ? { capped: true } : {}),
        hits: keys.flatMap(({ key, titleMatch }) => {
          const r = byKey.get(key);
          return r ? [{ itemId: r.item_id, titleMatch, publishedOn: r.published_on, ...snippetOf(r.body_norm, q) }] : [];
        }),
      };
    },
  };
}
