/**
 * The annual report counts a year's messages per channel in SQL (src/storage/report-repository.ts,
 * `countDeliveries`): the index it reads by agency, status and sending time also carries the channel and
 * the template, so the count is read off the index alone. Measured on a county's worst case (2.6M
 * messages in one year): the count read every row and took ~14 s on SQLite before this index.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index deliveries_agency_sent_idx`.execute(db);
  await sql`create index deliveries_agency_sent_idx on deliveries (agency_id, status, sent_at, channel, template)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index deliveries_agency_sent_idx`.execute(db);
  await sql`create index deliveries_agency_sent_idx on deliveries (agency_id, status, sent_at)`.execute(db);
}
