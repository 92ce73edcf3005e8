/**
 * Test helper: published items written straight to the item tables in bulk (as the benchmarks load
 * theirs), for tests that need tens of thousands of them; the workflow would take minutes.
 */
import { sql } from 'kysely';
import type { ItemState } from '../src/domain/publishing/index.ts';
import type { Database, Dialect } from '../src/storage/database.ts';
import { columnsOf } from '../src/storage/item-repository.ts';

export interface BulkItem {
  id: number;
  agency: { id: number; path: string };
  title?: string;
  genre?: string;
  publishedOn?: string;
  indexNumber?: string | null;
}

/** A published version 1 as the workflow would have left it. */
export function publishedState(item: BulkItem): ItemState {
  const publishedOn = item.publishedOn ?? '2025-03-05';
  return {
    id: String(item.id), version: 1, agencyId: item.agency.id, agencyPath: item.agency.path, indexNumber: item.indexNumber ?? null, status: 'published',
    title: item.title ?? `第${String(item.id)}项工作情况`, summary: `第${String(item.id)}项工作的主要内容。`, documentNumber: null, jointIssuers: [], formedOn: '2025-03-03', changedOn: null,
    categoryCode: 'general_affairs', genre: item.genre ?? 'notice', clause: null, catalogueDomain: null, keywords: [], validity: null, bodyHtml: '<p>正文。</p>', attachments: [],
    disclosure: { attribute: 'proactive' }, interpretsItemId: null, hasElectronicFullText: true, publishedOn, publishedAt: `${publishedOn}T02:00:00.000Z`,
  } as unknown as ItemState;
}

async function insertRows(db: Database, dialect: Dialect, table: 'items' | 'item_versions', rows: Array<Record<string, unknown>>, per: number): Promise<void> {
  for (let i = 0; i < rows.length; i += per) {
    const part = rows.slice(i, i + per);
    if (dialect === 'postgres') {
      // One JSON parameter per statement.
      const columns = sql.join(Object.keys(part[0]!).map((c) => sql.ref(c)));
      await sql`insert into ${sql.table(table)} (${columns}) select ${columns} from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(part)})`.execute(db);
    } else await db.insertInto(table).values(part as never).execute();
  }
}

/** Writes published items (ids given, none taken yet) with their live versions; then settles the tables. */
export async function insertPublishedItems(db: Database, dialect: Dialect, items: readonly BulkItem[]): Promise<void> {
  const at = '2025-06-01T02:00:00.000Z';
  await insertRows(db, dialect, 'items', items.map((i) => ({ id: i.id, agency_id: i.agency.id, index_number: i.indexNumber ?? null, latest_version: 1, live_version: 1, created_at: at })), 2000);
  // SQLite binds at most 32 766 variables: ~25 columns a row.
  await insertRows(db, dialect, 'item_versions', items.map((i) => columnsOf(publishedState(i), at) as unknown as Record<string, unknown>), dialect === 'postgres' ? 2000 : 1000);
  if (dialect === 'postgres') {
    await sql`select setval(pg_get_serial_sequence('items', 'id'), (select max(id) from items))`.execute(db);
    await sql`analyze items, item_versions`.execute(db);
  }
}
