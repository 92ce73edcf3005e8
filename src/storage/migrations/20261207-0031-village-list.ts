/**
 * A village's 村务公开 page at scale (src/web/portal/portal-routes.tsx, `/xxgk/village-affairs/:id`): it
 * lists one village's published versions, newest first, with a capped count. The only filter was the
 * village's agency path (a LIKE prefix, which neither planner uses as an index range here), so both the page
 * and the capped count walked the publication-date index of every published version (0.7 → 5.3 ms from the
 * demo to 100 000 items on SQLite). A village has no sub-agencies (domain/organisations/agency.ts), so the
 * page also filters by its agency id, and this index leads with it, carrying what the list reads.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index item_versions_agency_list_idx on item_versions (status, agency_id, published_on, item_id, version, agency_path)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index item_versions_agency_list_idx`.execute(db);
}
