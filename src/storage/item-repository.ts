/**
 * The information registry: items, their versions (queryable metadata + the derived ItemState as
 * JSON), the append-only workflow events, index-number sequences, attachment text and the
 * privacy review of each version. Rows are mapped to domain objects here and never leave.
 */
import { sql, type SqlBool } from 'kysely';
import type { ItemEvent, ItemState } from '../domain/publishing/index.ts';
import type { ItemRepository } from '../services/ports.ts';
import { vacuumAnalyze, type Executor } from './database.ts';
import { inChunks } from './in-chunks.ts';
import type { ItemVersionTable } from './schema.ts';

/** The queryable columns of a version (shared with the ledger import's bulk insert). */
export function columnsOf(state: ItemState, at: string): ItemVersionTable {
  return {
    item_id: Number(state.id),
    version: state.version,
    status: state.status,
    agency_id: state.agencyId,
    agency_path: state.agencyPath,
    title: state.title,
    document_number: state.documentNumber,
    formed_on: state.formedOn,
    changed_on: state.changedOn,
    published_on: state.publishedOn,
    genre: state.genre,
    kind_code: state.kindCode ?? state.genre,
    category_code: state.categoryCode,
    clause: state.clause,
    catalogue_domain: state.catalogueDomain,
    interprets_item_id: state.interpretsItemId === null ? null : Number(state.interpretsItemId),
    full_text: state.hasElectronicFullText ? 1 : 0,
    effective_on: state.validity?.effectiveOn ?? null,
    expires_on: state.validity?.expiresOn ?? null,
    repealed_on: state.validity?.repealedOn ?? null,
    state: JSON.stringify(state),
    updated_at: at,
  };
}

/** Creates the item repository over a database or transaction. */
export function createItemRepository(db: Executor): ItemRepository {
  return {
    /** Creates the item row (its id names every version) and returns the id. */
    async createItem(agencyId: number, at: string): Promise<number> {
      const r = await db.insertInto('items').values({ agency_id: agencyId, index_number: null, latest_version: 1, live_version: null, created_at: at }).returning('id').executeTakeFirstOrThrow();
      return r.id;
    },
    async item(itemId: number) {
      return db.selectFrom('items').selectAll().where('id', '=', itemId).executeTakeFirst();
    },
    async version(itemId: number, version: number): Promise<ItemState | undefined> {
      const r = await db.selectFrom('item_versions').select('state').where('item_id', '=', itemId).where('version', '=', version).executeTakeFirst();
      return r && (JSON.parse(r.state) as ItemState);
    },
    async latest(itemId: number): Promise<ItemState | undefined> {
      const r = await db
        .selectFrom('item_versions as v')
        .innerJoin('items as i', (j) => j.onRef('i.id', '=', 'v.item_id').onRef('i.latest_version', '=', 'v.version'))
        .select('v.state')
        .where('v.item_id', '=', itemId)
        .executeTakeFirst();
      return r && (JSON.parse(r.state) as ItemState);
    },
    /** The version the portal shows, if the item is published. */
    async live(itemId: number): Promise<ItemState | undefined> {
      const r = await db
        .selectFrom('item_versions as v')
        .innerJoin('items as i', (j) => j.onRef('i.id', '=', 'v.item_id').onRef('i.live_version', '=', 'v.version'))
        .select('v.state')
        .where('v.item_id', '=', itemId)
        .where('v.status', '=', 'published')
        .executeTakeFirst();
      return r && (JSON.parse(r.state) as ItemState);
    },
    async liveMany(itemIds: readonly number[]): Promise<Map<number, ItemState>> {
      // A search page's twenty hits in one statement, not one each. CROSS JOIN keeps SQLite's table order:
      // the items by primary key, then each one's live version by (item_id, version). With an inner join
      // SQLite (no statistics) walked the status index of every published version instead: 45 ms at 20k
      // items, 0.2 ms this way. PostgreSQL plans it as the inner join it is.
      const rows = await inChunks([...new Set(itemIds)], (part) =>
        db
          .selectFrom('items as i')
          .crossJoin('item_versions as v')
          .whereRef('v.item_id', '=', 'i.id')
          .whereRef('v.version', '=', 'i.live_version')
          .select(['v.item_id', 'v.state'])
          .where('i.id', 'in', part)
          .where('v.status', '=', 'published')
          .execute(),
      );
      return new Map(rows.map((r) => [r.item_id, JSON.parse(r.state) as ItemState]));
    },
    async versions(itemId: number): Promise<ItemState[]> {
      const rows = await db.selectFrom('item_versions').select('state').where('item_id', '=', itemId).orderBy('version').execute();
      return rows.map((r) => JSON.parse(r.state) as ItemState);
    },
    async saveVersion(state: ItemState, at: string): Promise<void> {
      const cols = columnsOf(state, at);
      const { item_id: _i, version: _v, ...rest } = cols;
      await db
        .insertInto('item_versions')
        .values(cols)
        .onConflict((oc) => oc.columns(['item_id', 'version']).doUpdateSet(rest))
        .execute();
    },
    async appendEvents(events: readonly ItemEvent[]): Promise<void> {
      if (events.length === 0) return;
      await db
        .insertInto('item_events')
        .values(events.map((e) => { const { type, itemId, version, by, at, ...data } = e; return { item_id: Number(itemId), version, type, data: JSON.stringify(data), by_user: by, at }; }))
        .execute();
    },
    async events(itemId: number) {
      return db.selectFrom('item_events').selectAll().where('item_id', '=', itemId).orderBy('id').execute();
    },
    async setVersions(itemId: number, latest: number, live: number | null): Promise<void> {
      await db.updateTable('items').set({ latest_version: latest, live_version: live }).where('id', '=', itemId).execute();
    },
    async setIndexNumber(itemId: number, indexNumber: string): Promise<void> {
      await db.updateTable('items').set({ index_number: indexNumber }).where('id', '=', itemId).execute();
    },
    /** Takes the next sequence number of an agency and year; atomic under concurrency on both stores. */
    async nextSequence(agencyId: number, year: number): Promise<number> {
      const r = await db
        .insertInto('index_sequences')
        .values({ agency_id: agencyId, year, last_seq: 1 })
        .onConflict((oc) => oc.columns(['agency_id', 'year']).doUpdateSet({ last_seq: sql`index_sequences.last_seq + 1` }))
        .returning('last_seq')
        .executeTakeFirstOrThrow();
      return r.last_seq;
    },
    /**
     * PostgreSQL, after a bulk load: `VACUUM (ANALYZE)` of the item tables, so that the portal's lists read
     * their indexes alone (the visibility map) at once. Measured at 20k freshly loaded items: an uncached
     * catalogue page 35 → 11 ms. SQLite needs nothing.
     */
    settle: () => vacuumAnalyze(db, ['items', 'item_versions']),
    /** Versions matching a filter, newest first; with the total for paging. */
    async list(filter) {
      // An item has at most one published version, its live one: publishing a revision supersedes the
      // version it revises in the same command (domain/publishing/item-workflow.ts, 'Superseded'), and
      // applyEvents points live_version at it. So the public lists read the versions alone, off the
      // indexes, without a look-up of each item (measured at 1M items on SQLite: a year's page 140 → 20 ms).
      let q = filter.liveOnly
        ? db.selectFrom('item_versions as v').where('v.status', '=', 'published')
        : db.selectFrom('item_versions as v').innerJoin('items as i', 'i.id', 'v.item_id').whereRef('v.version', '=', 'i.latest_version');
      if (filter.within) {
        const roots = filter.within;
        if (roots.length === 0) return { total: 0, items: [] };
        q = q.where((eb) => eb.or(roots.map((p) => eb('v.agency_path', 'like', `${p}%`))));
      }
      if (filter.statuses) q = q.where('v.status', 'in', filter.statuses.length ? filter.statuses : ['-']);
      if (filter.clause) q = q.where('v.clause', '=', filter.clause);
      if (filter.category) q = q.where('v.category_code', '=', filter.category);
      if (filter.genre) q = q.where('v.genre', '=', filter.genre);
      if (filter.catalogueDomain) q = q.where('v.catalogue_domain', '=', filter.catalogueDomain);
      if (filter.agencyId) q = q.where('v.agency_id', '=', filter.agencyId);
      if (filter.interpretsItemId) {
        // The few interpreting items are looked up first, by their own index: SQLite (no statistics) would
        // otherwise walk the publication-date index of every published version for them, even with a
        // subquery (measured at 1M items: 4 s, and 64–138 ms with the subquery, per uncached item page).
        const policyId = filter.interpretsItemId;
        const ids = (await db.selectFrom('item_versions').select('item_id').distinct().where('interprets_item_id', '=', policyId).execute()).map((r) => r.item_id);
        if (ids.length === 0) return { total: 0, items: [] };
        q = q.where('v.interprets_item_id', '=', policyId).where('v.item_id', 'in', ids);
      }
      if (filter.year) q = q.where('v.formed_on', '>=', `${filter.year}-01-01`).where('v.formed_on', '<=', `${filter.year}-12-31`);
      if (filter.validity) {
        // domain/publishing/validity.ts `validityOn`, in SQL: repealed from the repeal date on; else expired
        // after the last day of validity; else not yet effective before the effective date; else valid.
        const on = filter.validity.on;
        const repealed = sql<SqlBool>`(v.repealed_on is not null and v.repealed_on <= ${on})`;
        const expired = sql<SqlBool>`(v.expires_on is not null and v.expires_on < ${on})`;
        const notYet = sql<SqlBool>`(v.effective_on is not null and v.effective_on > ${on})`;
        const test = {
          repealed,
          expired: sql<SqlBool>`(not ${repealed} and ${expired})`,
          not_yet_effective: sql<SqlBool>`(not ${repealed} and not ${expired} and ${notYet})`,
          valid: sql<SqlBool>`(not ${repealed} and not ${expired} and not ${notYet})`,
        }[filter.validity.status];
        q = q.where(test);
      }
      const cap = filter.countCap;
      const [count, rows] = await Promise.all([
        cap === 0
          ? { n: 0 }
          : cap === undefined
          ? q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
          : // A provincial catalogue holds millions: counting stops one past the cap, as the search's count does.
            db
              .selectFrom(q.select(sql<number>`1`.as('one')).limit(cap + 1).as('capped'))
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow(),
        q
          .select(['v.item_id', 'v.version'])
          // Published versions always have a publication date, so the portal's order can use its index.
          .orderBy(filter.liveOnly ? sql`v.published_on` : sql`coalesce(v.published_on, v.formed_on)`, 'desc')
          .orderBy('v.item_id', 'desc')
          .limit(filter.limit ?? 50)
          .offset(filter.offset ?? 0)
          .execute(),
      ]);
      // The page is ordered on what the indexes carry; only its own rows' states are read (a year's
      // 55 000 versions are sorted without reading each one's state: 654 ms → tens of ms at 1M items).
      const wanted = new Map(rows.map((r) => [r.item_id, r.version]));
      const byId = new Map<number, ItemState>();
      for (let i = 0; i < rows.length; i += 500) {
        const ids = rows.slice(i, i + 500).map((r) => r.item_id);
        for (const r of await db.selectFrom('item_versions').select(['item_id', 'version', 'state']).where('item_id', 'in', ids).execute()) {
          if (wanted.get(r.item_id) === r.version) byId.set(r.item_id, JSON.parse(r.state) as ItemState);
        }
      }
      const items = rows.flatMap((r) => byId.get(r.item_id) ?? []);
      const total = Number(count.n);
      if (cap !== undefined && total > cap) return { total: cap, capped: true, items };
      return { total, items };
    },
    async indexNumbers(itemIds: number[]): Promise<Map<number, string | null>> {
      // Assessment and the ledger export ask for a whole register's numbers at once.
      const rows = await inChunks(itemIds, (part) => db.selectFrom('items').select(['id', 'index_number']).where('id', 'in', part).execute());
      return new Map(rows.map((r) => [r.id, r.index_number]));
    },
    async publishedInIdRange({ within, afterId, throughId }) {
      if (within.length === 0 || throughId <= afterId) return [];
      // A range of the primary key (item_id, version): at most throughId − afterId items' versions are read.
      const rows = await db
        .selectFrom('item_versions')
        .select(['item_id', 'published_on'])
        .where('item_id', '>', afterId)
        .where('item_id', '<=', throughId)
        .where('status', '=', 'published')
        .where((eb) => eb.or(within.map((p) => eb('agency_path', 'like', `${p}%`))))
        .orderBy('item_id')
        .execute();
      return rows.map((r) => ({ itemId: r.item_id, publishedOn: r.published_on ?? '' }));
    },
    async lastItemId() {
      const r = await db.selectFrom('items').select((eb) => eb.fn.max('id').as('last')).executeTakeFirst();
      return Number(r?.last ?? 0);
    },
    async saveReview(itemId, version, review) {
      const values = { findings: JSON.stringify(review.findings), decisions: JSON.stringify(review.decisions), scanned_at: review.scannedAt };
      await db
        .insertInto('privacy_reviews')
        .values({ item_id: itemId, version, ...values })
        .onConflict((oc) => oc.columns(['item_id', 'version']).doUpdateSet(values))
        .execute();
    },
    async review(itemId, version) {
      const r = await db.selectFrom('privacy_reviews').selectAll().where('item_id', '=', itemId).where('version', '=', version).executeTakeFirst();
      return r && { findings: JSON.parse(r.findings), decisions: JSON.parse(r.decisions), scannedAt: r.scanned_at };
    },
    async attachmentText(sha256: string): Promise<string | undefined> {
      return (await db.selectFrom('attachment_texts').select('text').where('sha256', '=', sha256).executeTakeFirst())?.text;
    },
    async attachmentReading(sha256) {
      const r = await db.selectFrom('attachment_texts').select(['text', 'status', 'note']).where('sha256', '=', sha256).executeTakeFirst();
      if (!r) return undefined;
      const status = r.status === 'partial' || r.status === 'unreadable' ? r.status : 'read';
      return { text: r.text, status, note: r.note };
    },
    async saveAttachmentText(sha256, kind, text, reading = { status: 'read', note: null }): Promise<void> {
      await db
        .insertInto('attachment_texts')
        .values({ sha256, kind, text, status: reading.status, note: reading.note })
        .onConflict((oc) => oc.column('sha256').doNothing())
        .execute();
    },
    async removeAttachmentText(sha256) {
      await db.deleteFrom('attachment_texts').where('sha256', '=', sha256).execute();
    },
    async isFileReferenced(sha256) {
      if (!/^[0-9a-f]{64}$/.test(sha256)) return true;
      // A version's attachments live in its state JSON; the hash is 64 hex digits, so a substring test is exact enough.
      const pattern = `%${sha256}%`;
      const hit = await sql<{ one: number }>`
        select 1 as one where exists (select 1 from item_versions where state like ${pattern})
          or exists (select 1 from request_documents where file_id = ${sha256})
          or exists (select 1 from requests where state like ${pattern})
          or exists (select 1 from ledger_uploads where sha256 = ${sha256})`.execute(db);
      return hit.rows.length > 0;
    },
  };
}

