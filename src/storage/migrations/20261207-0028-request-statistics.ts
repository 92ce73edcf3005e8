/**
 * The request statistics in SQL (issue [scale]: no page whose cost grows with the whole register): the
 * public statistics, the office's trends and the dashboard count requests with GROUP BY over columns
 * instead of reading every request's state. Two facts of a request lived only in its state JSON and
 * become columns, written with every save (src/storage/request-repository.ts): the day of the reply
 * (条例第三十六条) and whether it came within the deadline (条例第三十三条; domain/reports
 * `isRepliedOnTime`). Existing rows are filled from their state. Indexes: one that carries every column
 * the yearly tallies group by, led by the receipt date (a year's tally reads it alone), and one on the
 * due date for the daily reminders and the dashboard's “due this week”; and one on item versions by
 * publication date carrying what the trends group items by.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../database.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table requests add column replied_on text`.execute(db);
  await sql`alter table requests add column replied_on_time integer`.execute(db);
  await fillReplyColumns(db);
  await db.schema
    .createIndex('requests_tally_idx')
    .on('requests')
    .columns(['received_on', 'closed_on', 'replied_on', 'replied_on_time', 'outcome', 'channel', 'agency_id', 'agency_path', 'version'])
    .execute();
  await db.schema.createIndex('requests_due_idx').on('requests').columns(['due_on']).execute();
  // The trends' items by month of first publication, per unit and category, read off the index alone.
  await db.schema
    .createIndex('item_versions_trend_idx')
    .on('item_versions')
    .columns(['published_on', 'agency_id', 'category_code', 'item_id', 'version', 'agency_path'])
    .execute();
}

/** Fills the reply columns from each request's state (also for a backup made before they existed). */
export async function fillReplyColumns(db: Kysely<unknown>): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  const reply = (key: string) => (postgres ? sql`(state::jsonb -> 'reply' ->> ${key})` : sql`json_extract(state, ${`$.reply.${key}`})`);
  await sql`update requests set replied_on = ${reply('repliedOn')}`.execute(db);
  // toReportRequest's due date: the reply's own, else the stored one; no due date (a reply on the spot) is on time.
  await sql`update requests set replied_on_time = case when coalesce(${reply('dueOn')}, due_on) is null or replied_on <= coalesce(${reply('dueOn')}, due_on) then 1 else 0 end where replied_on is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('item_versions_trend_idx').execute();
  await db.schema.dropIndex('requests_due_idx').execute();
  await db.schema.dropIndex('requests_tally_idx').execute();
  await sql`alter table requests drop column replied_on_time`.execute(db);
  await sql`alter table requests drop column replied_on`.execute(db);
}
