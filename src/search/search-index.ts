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
 *   the index. PostgreSQL: `pg_trgm` GIN indexes under `LIKE '%q%'`, GIN indexes on the gram
 *   arrays, and sort-key indexes (whole table; within a year) carrying the title and filter columns.
 *   Its planner misjudges trigram and array predicates and does not know that a year or an agency
 *   correlates with the sort key, so each search samples the newest entries and picks the plan by
 *   measured costs (`choosePlan`): walk the sort-key index (a common word), a GIN bitmap (a rarer
 *   one, an old year), the filter's own rows, or — within a town or a village — the agency-scoped
 *   gram index (migration 0020), whose posting lists hold one agency's entries each; it runs in one
 *   transaction holding those settings. Measured at 1M items: README, “检索”.
 *   Short queries with punctuation or spaces (rare) are answered by a scan in sort-key order.
 * - counts stop at {@link SEARCH_RESULT_CAP}: “1000 条以上” is what a reader needs, and counting
 *   every one of 300 000 matches would cost more than the page itself.
 */
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { bulkInsert, bulkInsertInto } from '../storage/bulk-insert.ts';
import { dialectOf, vacuumAnalyze, type Executor } from '../storage/database.ts';
import { escapeLike, normaliseForSearch } from './normalise-text.ts';
import { agencyIdOfPath, facetsOf, facetToken, gramsOf, gramsWithin, isGramQuery, scopedGramKey, sortKeyOf } from './search-terms.ts';
import type { SearchDocument, SearchIndex, SearchQuery, SearchResult } from '../services/ports.ts';

export type { SearchDocument, SearchQuery } from '../services/ports.ts';

/** Results beyond this are neither counted nor paged to; the reader narrows the query instead. */
export const SEARCH_RESULT_CAP = 1000;

/**
 * How many of the newest entries PostgreSQL reads to estimate how dense a word's matches are: title
 * matches are sampled from the sort-key index alone (cheap), body matches from the rows.
 */
const DENSITY_SAMPLE = { title: 2000, body: 400 } as const;

/**
 * What reading costs on PostgreSQL, in microseconds, measured at 1M items on two cores: one entry of
 * the sort-key index walked with the title test (index only), one row walked with the body test
 * (read, decompressed, LIKE), one match from a GIN index into the bitmap, one row fetched from it,
 * one posting list of the agency-scoped gram index looked up (migration 0020).
 */
const COST_US = { walkIndex: 0.5, walkRow: 10, bitmapMatch: 0.3, fetchRow: 5, scopedList: 20 } as const;

/**
 * A search within more agencies than this does not use the agency-scoped gram index (one posting list
 * per agency and gram), nor one within a subtree holding more than this share of the newest entries
 * (the portal of a county searches within the county: all of it, which the index would not narrow).
 */
const SCOPED_MAX_AGENCIES = 64;
const SCOPED_MAX_SHARE = 0.25;

/**
 * How dense a tier's matches are (PostgreSQL): of the newest `sample` entries (within the year, for a
 * search within a year), `hits` match the word and the filters, `termHits` the word, `filterHits` the
 * filters; there are `total` entries (in that year).
 */
export interface Density {
  readonly hits: number;
  readonly termHits: number;
  readonly filterHits: number;
  readonly sample: number;
  readonly total: number;
  /** Entries in the whole table (a GIN bitmap takes the word's matches in every year); `total` when the sample is of the whole table. */
  readonly tableTotal?: number;
  /** Of the sample, how many lie within the agency filter (all when there is none). */
  readonly withinHits?: number;
}

/**
 * How PostgreSQL is told to find a tier's matches: walking the sort-key index, a GIN bitmap of the
 * word, the filter's rows tested one by one, or (within a few agencies) a bitmap of the word's grams
 * under those agencies from the agency-scoped gram index, each candidate then tested for the word.
 */
export type SearchPlan = 'walk' | 'bitmap' | 'filter' | 'scoped';

/**
 * How many entries match the word and the filters. With filters, from the word's density times the
 * filters' (assumed independent): a few thousand entries of one town hold too few matches among the
 * newest for `hits` alone to say much.
 */
export function estimatedMatches(p: Density & { filtered: boolean }): number {
  const share = p.filtered ? (p.termHits / p.sample) * (p.filterHits / p.sample) : p.hits / p.sample;
  return Math.max(p.hits, share * p.total);
}

/**
 * The cheapest plan for finding `need` matches (PostgreSQL), by the costs above: to count a tier up to
 * the cap, or to read a page (`page`: a bitmap must then fetch and sort every match, not only the
 * first `need`). A walk reads about need × sample / hits entries newest first; a bitmap takes every
 * match of the word from the GIN index, then fetches the matches that pass the filters; with
 * `filterIndexed` (one village, one year), the filter's own index gives its rows, each tested for
 * the word. A word in most documents walks; a rarer one or an old year's matches take the bitmap; a
 * common word in one village's few thousand entries tests those.
 */
export function choosePlan(
  p: Density & { need: number; rows: 'index' | 'rows'; page: boolean; filterIndexed: boolean; filtered?: boolean; scopedLists?: number },
): SearchPlan {
  const per = (n: number) => (n / p.sample) * p.total;
  const walk = p.hits === 0 ? Infinity : ((p.need * p.sample) / p.hits) * (p.rows === 'index' ? COST_US.walkIndex : COST_US.walkRow);
  const both = estimatedMatches({ ...p, filtered: p.filtered ?? p.filterIndexed });
  const fetched = p.page ? both : Math.min(both, p.need);
  const bitmap = Math.max(p.termHits, (p.termHits / p.sample) * (p.tableTotal ?? p.total)) * COST_US.bitmapMatch + fetched * COST_US.fetchRow;
  const filter = p.filterIndexed ? per(Math.max(p.filterHits, 0.5)) * (p.rows === 'index' ? COST_US.fetchRow : COST_US.walkRow) : Infinity;
  // The scoped index gives the candidates within the agencies directly; each is then fetched and tested.
  const scoped = p.scopedLists === undefined ? Infinity : p.scopedLists * COST_US.scopedList + fetched * (p.rows === 'index' ? COST_US.fetchRow : COST_US.walkRow);
  if (walk < bitmap && walk < filter && walk < scoped) return 'walk';
  if (scoped < bitmap && scoped < filter) return 'scoped';
  return filter < bitmap ? 'filter' : 'bitmap';
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
export function createSearchIndex(
  db: Executor,
  options: {
    ownTransaction?: boolean;
    /** Tests only: every PostgreSQL tier under this plan where it applies, to check that each plan finds exactly the same hits. */
    plan?: SearchPlan;
  } = {},
): SearchIndex {
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
  /** The columns the sort-key index carries on PostgreSQL (migration 0018): a title-tier walk reads nothing else. */
  const WALK_COLUMNS = sql.raw('sort_key, title_norm, agency_path, year, category, genre, validity');

  /**
   * How many of the newest entries match, and how many entries there are (PostgreSQL): of the whole
   * table (from the statistics), or, for a search within a year, of that year — the walk then reads the
   * year's entries newest first, off the (year, sort_key) index.
   */
  async function densityOf(term: RawBuilder<SqlBool>, filter: RawBuilder<SqlBool>, within: RawBuilder<SqlBool>, needsBody: boolean, year: number | undefined): Promise<Density> {
    const sample = needsBody ? DENSITY_SAMPLE.body : DENSITY_SAMPLE.title;
    const columns = needsBody ? sql`${WALK_COLUMNS}, body_norm` : WALK_COLUMNS;
    const newest =
      year === undefined
        ? sql`select ${columns} from search_documents order by sort_key desc limit ${sample}`
        : sql`select ${columns} from search_documents where year = ${year} order by sort_key desc limit ${sample}`;
    const tableTotal = sql`(select greatest(reltuples, 0)::bigint from pg_class where oid = 'search_documents'::regclass)`;
    const total = year === undefined ? tableTotal : sql`(select count(*) from search_documents where year = ${year})`;
    // The newest entries are read off the sort-key index: never under the bitmap plan, which would sort the whole table for them.
    type Counts = { n: number | string; term: number | string; filter: number | string; within: number | string; total: number | string; table_total: number | string };
    const row = await planned('walk', async (ex) =>
      (
        await sql<Counts>`select count(*) filter (where ${term} and ${filter}) as n, count(*) filter (where ${term}) as term, count(*) filter (where ${filter}) as filter,
            count(*) filter (where ${within}) as within, ${total} as total, ${tableTotal} as table_total
          from (${newest}) d`.execute(ex)
      ).rows[0],
    );
    return {
      hits: Number(row?.n ?? 0),
      termHits: Number(row?.term ?? 0),
      filterHits: Number(row?.filter ?? 0),
      withinHits: Number(row?.within ?? 0),
      sample,
      total: Math.max(Number(row?.total ?? 0), sample),
      tableTotal: Math.max(Number(row?.table_total ?? 0), sample),
    };
  }

  /**
   * Runs a statement with PostgreSQL held to one plan: `walk` reads the sort-key index newest first
   * and stops at the limit (no bitmap, no sequential scan); otherwise a bitmap of the matches from
   * the GIN indexes, then a sort (no walk — one could read a million entries to reach an old year's
   * few thousand). Its estimates for trigram and array predicates are poor and it does not know that
   * a year or an agency correlates with the sort key, so the choice is made here, from a sample.
   */
  let current: string | undefined;
  async function planned<T>(plan: SearchPlan, statement: (ex: Executor) => Promise<T>): Promise<T> {
    // One round trip when the plan changes (the search runs in its own transaction, so the settings end with it).
    // The scoped plan's candidates come from its index alone: a sequential scan would test every row.
    const mode = plan === 'walk' ? { bitmap: 'off', seq: 'off', walk: 'on' } : { bitmap: 'on', seq: plan === 'scoped' ? 'off' : 'on', walk: 'off' };
    const key = `${mode.bitmap}${mode.seq}${mode.walk}`;
    if (current !== key) {
      await sql`select set_config('enable_bitmapscan', ${mode.bitmap}, true), set_config('enable_seqscan', ${mode.seq}, true),
        set_config('enable_indexscan', ${mode.walk}, true), set_config('enable_indexonlyscan', ${mode.walk}, true)`.execute(db);
      current = key;
    }
    return statement(db);
  }

  /**
   * The agencies of the subtrees under `paths`, read from the entries themselves (PostgreSQL): the
   * distinct agency paths under each prefix, found by skipping along the path index, one probe per
   * agency. Undefined past {@link SCOPED_MAX_AGENCIES}.
   */
  async function agenciesWithin(paths: readonly string[]): Promise<number[] | undefined> {
    const ids = new Set<number>();
    for (const p of paths) {
      const found = await planned('walk', (ex) =>
        sql<{ id: number | string }>`with recursive a(path, id) as (
            (select agency_path, agency_id from search_documents where agency_path ~>=~ ${p} order by agency_path using ~<~ limit 1)
            union all
            select n.agency_path, n.agency_id from a cross join lateral
              (select agency_path, agency_id from search_documents where agency_path ~>~ a.path order by agency_path using ~<~ limit 1) n
            where starts_with(a.path, ${p})
          ) select id from a where starts_with(path, ${p}) limit ${SCOPED_MAX_AGENCIES + 1}`.execute(ex),
      );
      for (const r of found.rows) ids.add(Number(r.id));
      if (ids.size > SCOPED_MAX_AGENCIES) return undefined;
    }
    return [...ids];
  }

  /** A tier's test against the agency-scoped gram index: every gram of the word under one of the agencies, and how many posting lists that reads. */
  interface Scoped {
    predicate: RawBuilder<SqlBool>;
    lists: number;
  }

  function sqlTiers(
    indexed: Predicates,
    scanned: Predicates,
    unindexed: Predicates,
    query: SearchQuery,
    scopedFor?: (where: 't' | 'b') => Promise<Scoped | undefined>,
  ): [Tier, Tier] {
    const filters: Array<Expression<SqlBool>> = [];
    // The agency filter is left out under the scoped plan: its keys hold only the subtree's agencies.
    const withinFilter = query.within ? sql<SqlBool>`(${sql.join(query.within.map((p) => sql`d.agency_path like ${`${escapeLike(p)}%`} escape '\\'`), sql` or `)})` : undefined;
    if (withinFilter) filters.push(withinFilter);
    if (query.category) filters.push(sql<SqlBool>`d.category = ${query.category}`);
    if (query.genre) filters.push(sql<SqlBool>`d.genre = ${query.genre}`);
    if (query.year) filters.push(sql<SqlBool>`d.year = ${query.year}`);
    if (query.validity) filters.push(sql<SqlBool>`d.validity = ${query.validity}`);
    const filterIndexed = query.within !== undefined || query.year !== undefined;
    const allFilters = filters.length === 0 ? sql<SqlBool>`true` : sql<SqlBool>`${sql.join(filters, sql` and `)}`;
    const tier = (byIndex: RawBuilder<SqlBool>, byScan: RawBuilder<SqlBool>, unindexed: RawBuilder<SqlBool>, needsBody: boolean, side: 't' | 'b'): Tier => {
      let scopedOnce: Promise<Scoped | undefined> | undefined;
      const scoped = () => (scopedOnce ??= scopedFor ? scopedFor(side) : Promise.resolve(undefined));
      /** The complete test under a plan: the word in the plan's form, and the filters. */
      const where = async (plan: SearchPlan) => {
        if (plan === 'scoped') {
          const keys = (await scoped())!;
          return sql<SqlBool>`${sql.join([keys.predicate, unindexed, ...filters.filter((f) => f !== withinFilter)], sql` and `)}`;
        }
        const p = plan === 'walk' ? byScan : plan === 'filter' ? unindexed : byIndex;
        return sql<SqlBool>`${sql.join([p, ...filters], sql` and `)}`;
      };
      const page = async (ex: Executor, plan: SearchPlan, limit: number, offset: number) =>
        sql<{ k: number | string }>`select d.sort_key as k from search_documents d where ${await where(plan)} order by d.sort_key desc limit ${limit} offset ${offset}`.execute(ex);
      const counted = async (ex: Executor, plan: SearchPlan, cap: number) =>
        Number(
          (
            await sql<{ n: number | string }>`select count(*) as n from (select 1 from search_documents d where ${await where(plan)} ${plan === 'walk' ? sql`order by d.sort_key desc` : sql``} limit ${cap}) s`.execute(ex)
          ).rows[0]?.n ?? 0,
        );
      // The sample is taken once per tier and search, for the count and the page.
      let density: Promise<Density> | undefined;
      /** Every match, newest first, when the count read them all. */
      let known: number[] | undefined;
      const rows = needsBody ? 'rows' : 'index';
      const sampled = () => (density ??= densityOf(byScan, allFilters, withinFilter ?? sql<SqlBool>`true`, needsBody, query.year));
      /** Posting lists the scoped plan would read, when it applies: a subtree of a few agencies holding a small share of the entries. */
      const scopedLists = async (d: Density) => (d.withinHits !== undefined && d.withinHits <= d.sample * SCOPED_MAX_SHARE ? (await scoped())?.lists : undefined);
      const forced = async (): Promise<SearchPlan | undefined> => {
        if (options.plan === 'scoped') return (await scoped()) ? 'scoped' : undefined;
        return options.plan === 'filter' && !filterIndexed ? undefined : options.plan;
      };
      return {
        keys: async (limit, offset, dense) => {
          // SQLite (the scan of short queries with punctuation): the indexed form, in sort-key order.
          if (!postgres) return (await page(db, 'bitmap', limit, offset)).rows.map((r) => Number(r.k));
          // A word in most documents walks the index, which stops at the page; any other tier takes a bitmap and a sort.
          if (known !== undefined) return known.slice(offset, offset + limit);
          const density = await sampled();
          const chosen = choosePlan({ ...density, need: limit + offset, rows, page: true, filterIndexed, filtered: filters.length > 0, scopedLists: await scopedLists(density) });
          // Only a tier past the cap may walk for a page (a sparser one is cheaper to sort than to walk to its end).
          const plan = (await forced()) ?? (chosen === 'walk' && !dense ? 'bitmap' : chosen);
          return (await planned(plan, (ex) => page(ex, plan, limit, offset))).rows.map((r) => Number(r.k));
        },
        count: async (cap) => {
          if (!postgres) return counted(db, 'bitmap', cap);
          // Counting a common word to the cap walks the newest entries until it has found them.
          const density = await sampled();
          const plan = (await forced()) ?? choosePlan({ ...density, need: cap, rows, page: false, filterIndexed, filtered: filters.length > 0, scopedLists: await scopedLists(density) });
          if (plan !== 'walk' && estimatedMatches({ ...density, filtered: filters.length > 0 }) * 1.5 < cap) {
            // Fewer matches than the cap expected: one sorted list of them all gives the count and every page.
            const all = (await planned(plan, (ex) => page(ex, plan, cap, 0))).rows.map((r) => Number(r.k));
            if (all.length < cap) known = all;
            return all.length;
          }
          return planned(plan, (ex) => counted(ex, plan, cap));
        },
      };
    };
    return [
      tier(indexed.title, scanned.title, unindexed.title, false, 't'),
      tier(sql<SqlBool>`${indexed.body} and not (${scanned.title})`, sql<SqlBool>`${scanned.body} and not (${scanned.title})`, sql<SqlBool>`${unindexed.body} and not (${scanned.title})`, true, 'b'),
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
    // The same test in a form no index answers (PostgreSQL's `filter` plan tests the filter's rows one by one).
    const position = sql.raw(postgres ? 'strpos' : 'instr');
    const unindexed: Predicates = {
      title: sql<SqlBool>`${position}(d.title_norm, ${q}) > 0`,
      body: sql<SqlBool>`${position}(d.body_norm, ${q}) > 0`,
    };
    // Within a few agencies, the agency-scoped gram index (migration 0020) may give the candidates.
    const grams = postgres && query.within ? gramsWithin(q) : [];
    let agencies: Promise<number[] | undefined> | undefined;
    const scopedFor =
      grams.length === 0
        ? undefined
        : async (where: 't' | 'b'): Promise<Scoped | undefined> => {
            const ids = await (agencies ??= agenciesWithin(query.within!));
            if (!ids || ids.length === 0) return undefined;
            const keys = sql`search_scoped_grams(d.agency_id, d.title_grams, d.body_grams)`;
            const each = grams.map((g) => sql<SqlBool>`${keys} && ${ids.map((id) => scopedGramKey(id, where, g))}::text[]`);
            return { predicate: sql<SqlBool>`${sql.join(each, sql` and `)}`, lists: ids.length * grams.length };
          };
    if (postgres && isGramQuery(q)) {
      return sqlTiers({ title: sql<SqlBool>`d.title_grams @> array[${q}]::text[]`, body: sql<SqlBool>`d.body_grams @> array[${q}]::text[]` }, like, unindexed, query, scopedFor);
    }
    return sqlTiers(like, like, unindexed, query, scopedFor);
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
        // Hand-built multi-row INSERTs (storage/bulk-insert.ts): the same statements the query builder would make, without building them node by node.
        await bulkInsert(
          db,
          'search_documents',
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
        );
        if (!postgres) {
          await bulkInsertInto(db, 'search_fts', rows.map((r) => ({ rowid: r.sortKey, title: r.title, body: r.body, facets: r.facets })));
          await bulkInsertInto(db, 'search_grams', rows.map((r) => ({ rowid: r.sortKey, title: gramsOf(r.title).join(' '), body: gramsOf(r.body).join(' '), facets: r.facets })));
        }
      }
    },
    /**
     * PostgreSQL, after a bulk load: `VACUUM (ANALYZE)` of the index table. Until autovacuum has run,
     * the new rows are not marked all-visible, so a walk of the sort-key index reads each row instead of
     * the index alone, the GIN indexes keep the new entries in an unsorted pending list, and the
     * planner's statistics do not know them. Measured at 1M freshly loaded items: search p95 219 ms
     * before, 51 ms after (the vacuum took 6 s; after an import of a few thousand items it reads only the
     * new pages). SQLite's FTS5 tables need nothing (they merge their segments as they go).
     */
    settle: () => vacuumAnalyze(db, ['search_documents']),
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
      // PostgreSQL: the whole search in one transaction, which holds the plan settings (see `planned`).
      if (postgres && !options.ownTransaction) {
        const run = (tx: Executor) => createSearchIndex(tx, { ...options, ownTransaction: true }).search(query);
        if (!db.isTransaction) return db.transaction().execute(run);
        // Inside a caller's transaction: its own settings come back afterwards, whatever happens.
        type Settings = { b: string; s: string; i: string; o: string };
        const before = (
          await sql<Settings>`select current_setting('enable_bitmapscan') as b, current_setting('enable_seqscan') as s, current_setting('enable_indexscan') as i, current_setting('enable_indexonlyscan') as o`.execute(db)
        ).rows[0]!;
        try {
          return await run(db);
        } finally {
          await sql`select set_config('enable_bitmapscan', ${before.b}, true), set_config('enable_seqscan', ${before.s}, true), set_config('enable_indexscan', ${before.i}, true), set_config('enable_indexonlyscan', ${before.o}, true)`.execute(db);
        }
      }
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
