/**
 * The rows of an agency subtree for backup and restore: every table that belongs to the agencies,
 * copied column for column with their ids, so that a restore into an empty database reproduces the
 * same records (and a second backup the same file). All SQL of the backup lives here.
 */
import { createSearchIndex } from '../search/search-index.ts';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { BackupRepository, BackupTables } from '../services/ports.ts';
import { dialectOf, type Executor } from './database.ts';
import { fillValidityColumns } from './migrations/20261127-0023-item-validity.ts';
import { fillAttachmentReadings } from './migrations/20261207-0026-attachment-readings.ts';
import { fillReplyColumns } from './migrations/20261207-0028-request-statistics.ts';

type Row = Record<string, unknown>;

/** The tables of a backup in insertion order (parents before children), with their keys for a stable order. */
export const BACKUP_TABLES: ReadonlyArray<{ table: string; order: string[]; identity: boolean }> = [
  { table: 'agencies', order: ['id'], identity: true },
  { table: 'users', order: ['id'], identity: true },
  { table: 'user_roles', order: ['id'], identity: true },
  { table: 'settings', order: ['key'], identity: false },
  { table: 'calendar_years', order: ['year'], identity: false },
  { table: 'calendar_year_versions', order: ['id'], identity: true },
  { table: 'items', order: ['id'], identity: true },
  { table: 'item_versions', order: ['item_id', 'version'], identity: false },
  { table: 'item_events', order: ['id'], identity: true },
  { table: 'privacy_reviews', order: ['item_id', 'version'], identity: false },
  { table: 'attachment_texts', order: ['sha256'], identity: false },
  { table: 'index_sequences', order: ['agency_id', 'year'], identity: false },
  { table: 'search_documents', order: ['item_id'], identity: false },
  { table: 'requests', order: ['id'], identity: true },
  { table: 'request_events', order: ['id'], identity: true },
  { table: 'request_sequences', order: ['year'], identity: false },
  { table: 'request_documents', order: ['id'], identity: true },
  { table: 'appeals', order: ['id'], identity: true },
  { table: 'annual_reports', order: ['id'], identity: true },
  { table: 'vocabulary_terms', order: ['id'], identity: true },
  { table: 'letter_templates', order: ['id'], identity: true },
  { table: 'request_suggestion_decisions', order: ['id'], identity: true },
  { table: 'assessment_rubrics', order: ['id'], identity: true },
  { table: 'assessment_rubric_versions', order: ['rubric_id', 'version'], identity: false },
  { table: 'assessment_comments', order: ['rubric_id', 'period_key', 'unit_id'], identity: false },
  // Secrets stay encrypted (src/storage/secret-box.ts): a restore under another key asks for them again.
  { table: 'channel_settings', order: ['agency_id', 'channel'], identity: false },
  { table: 'deliveries', order: ['id'], identity: true },
  { table: 'delivery_events', order: ['id'], identity: true },
  { table: 'subscriptions', order: ['id'], identity: true },
  { table: 'subscription_tokens', order: ['token_hash'], identity: false },
];

const CHUNK = 200;

/** Creates the backup repository over a database or transaction. */
export function createBackupRepository(db: Executor): BackupRepository {
  const select = async (table: string, where: RawBuilder<unknown> | null): Promise<Row[]> => {
    const spec = BACKUP_TABLES.find((t) => t.table === table)!;
    const order = sql.join(spec.order.map((c) => sql.ref(c)));
    const q = where === null ? sql<Row>`select * from ${sql.table(table)} order by ${order}` : sql<Row>`select * from ${sql.table(table)} where ${where} order by ${order}`;
    return (await q.execute(db)).rows;
  };

  return {
    async dump(rootPath) {
      const ancestors = rootPath.split('/').filter(Boolean).map(Number).slice(0, -1);
      const inTree = sql`path like ${rootPath + '%'}`;
      const agencyIds = sql`(select id from agencies where ${inTree}${ancestors.length ? sql` or id in (${sql.join(ancestors)})` : sql``})`;
      const subtreeIds = sql`(select id from agencies where ${inTree})`;
      const itemIds = sql`(select id from items where agency_id in ${subtreeIds})`;
      const requestIds = sql`(select id from requests where agency_id in ${subtreeIds})`;
      const out: BackupTables = {};
      out.agencies = await select('agencies', sql`id in ${agencyIds}`);
      out.users = await select('users', sql`agency_id in ${subtreeIds}`);
      out.user_roles = await select('user_roles', sql`user_id in (select id from users where agency_id in ${subtreeIds})`);
      const ids = new Set(out.agencies.map((a) => String(a.id)));
      out.settings = (await select('settings', null)).filter((s) => {
        const key = String(s.key);
        const suffix = /\.(\d+)$/.exec(key)?.[1];
        return (suffix !== undefined && ids.has(suffix)) || (key.includes('agency') && ids.has(String(s.value)));
      });
      out.calendar_years = await select('calendar_years', null);
      out.calendar_year_versions = await select('calendar_year_versions', null);
      out.items = await select('items', sql`agency_id in ${subtreeIds}`);
      out.item_versions = await select('item_versions', sql`item_id in ${itemIds}`);
      out.item_events = await select('item_events', sql`item_id in ${itemIds}`);
      out.privacy_reviews = await select('privacy_reviews', sql`item_id in ${itemIds}`);
      const hashes = new Set<string>();
      for (const v of out.item_versions) {
        const state = JSON.parse(String(v.state)) as { attachments?: Array<{ fileId: string; sha256: string | null }> };
        for (const a of state.attachments ?? []) hashes.add(a.sha256 ?? a.fileId);
      }
      out.attachment_texts = [];
      const list = [...hashes].sort();
      for (let i = 0; i < list.length; i += CHUNK) {
        out.attachment_texts.push(...(await select('attachment_texts', sql`sha256 in (${sql.join(list.slice(i, i + CHUNK))})`)));
      }
      out.attachment_texts.sort((a, b) => String(a.sha256).localeCompare(String(b.sha256)));
      out.index_sequences = await select('index_sequences', sql`agency_id in ${agencyIds}`);
      // The index's derived columns (sort key, grams) differ by store and are rebuilt on restore.
      out.search_documents = (await select('search_documents', sql`item_id in ${itemIds}`)).map(
        ({ sort_key: _k, title_grams: _t, body_grams: _b, ...core }) => core,
      );
      out.requests = await select('requests', sql`agency_id in ${subtreeIds}`);
      out.request_events = await select('request_events', sql`request_id in ${requestIds}`);
      out.request_sequences = await select('request_sequences', null);
      out.appeals = await select('appeals', sql`agency_id in ${subtreeIds}`);
      out.annual_reports = await select('annual_reports', sql`agency_id in ${subtreeIds}`);
      out.request_documents = await select('request_documents', sql`request_id in ${requestIds}`);
      for (const table of ['vocabulary_terms', 'letter_templates', 'request_suggestion_decisions', 'assessment_rubrics', 'channel_settings', 'deliveries']) {
        out[table] = await select(table, sql`agency_id in ${subtreeIds}`);
      }
      const rubricIds = sql`(select id from assessment_rubrics where agency_id in ${subtreeIds})`;
      out.assessment_rubric_versions = await select('assessment_rubric_versions', sql`rubric_id in ${rubricIds}`);
      out.assessment_comments = await select('assessment_comments', sql`rubric_id in ${rubricIds}`);
      out.delivery_events = await select('delivery_events', sql`delivery_id in (select id from deliveries where agency_id in ${subtreeIds})`);
      out.subscriptions = await select('subscriptions', sql`agency_id in ${subtreeIds}`);
      out.subscription_tokens = await select('subscription_tokens', sql`subscription_id in (select id from subscriptions where agency_id in ${subtreeIds})`);
      return out;
    },

    async isEmpty() {
      for (const table of ['agencies', 'users', 'items', 'requests', 'appeals']) {
        const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
        if (Number(r.rows[0]?.n ?? 0) > 0) return false;
      }
      return true;
    },

    async load(tables) {
      const postgres = dialectOf(db) === 'postgres';
      // The calendar and sequences may have been seeded when the empty database was set up: the backup's copy wins.
      for (const table of ['calendar_year_versions', 'calendar_years', 'request_sequences']) {
        if ((tables[table] ?? []).length > 0) await sql`delete from ${sql.table(table)}`.execute(db);
      }
      // Columns derived from a row's state that a backup made before their migration lacks: filled after loading.
      const derived = [
        { table: 'item_versions', column: 'effective_on', fill: fillValidityColumns },
        { table: 'attachment_texts', column: 'status', fill: fillAttachmentReadings },
        { table: 'requests', column: 'replied_on', fill: fillReplyColumns },
      ].filter(({ table, column }) => (tables[table] ?? []).length > 0 && !(column in tables[table]![0]!));
      for (const { table, identity } of BACKUP_TABLES) {
        let rows = tables[table] ?? [];
        if (rows.length === 0 || table === 'search_documents') continue;
        if (table === 'agencies') rows = [...rows].sort((a, b) => String(a.path).length - String(b.path).length || Number(a.id) - Number(b.id));
        if (table === 'settings') {
          for (const r of rows) await sql`delete from settings where key = ${String(r.key)}`.execute(db);
        }
        const columns = Object.keys(rows[0]!);
        for (let i = 0; i < rows.length; i += CHUNK) {
          const part = rows.slice(i, i + CHUNK);
          const values = sql.join(part.map((r) => sql`(${sql.join(columns.map((c) => sql`${r[c] ?? null}`))})`));
          await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) values ${values}`.execute(db);
        }
        if (identity && postgres) {
          await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(db);
        }
      }
      for (const { fill } of derived) await fill(db as unknown as Kysely<unknown>);
      // Search entries go back through the index, which derives what each store needs (the stored text is already normalised).
      const index = createSearchIndex(db);
      for (const r of tables.search_documents ?? []) {
        await index.upsert({
          itemId: Number(r.item_id), agencyId: Number(r.agency_id), agencyPath: String(r.agency_path), title: String(r.title_norm),
          body: String(r.body_norm), category: String(r.category), genre: String(r.genre), year: Number(r.year),
          validity: String(r.validity), publishedOn: String(r.published_on),
        });
      }
    },
  };
}
