/**
 * Two lists that bench/cliff-table.ts showed growing with the whole register (demo → 100 000 items on SQLite):
 *
 * - A village's 村务公开 page (src/web/portal/portal-routes.tsx, `/xxgk/village-affairs/:id`) lists one
 *   village's published versions, newest first, with a capped count. Its only filter was the village's
 *   agency path (a LIKE prefix, which neither planner uses as an index range here), so both the page and the
 *   capped count walked the publication-date index of every published version (0.7 → 5.3 ms). A village has
 *   no sub-agencies (domain/organisations/agency.ts), so the page also filters by its agency id, and
 *   `item_versions_agency_list_idx` leads with it, carrying what the list reads.
 * - The console's list of all items (src/web/console/item-routes.tsx, `/console/items?tab=all`;
 *   item-repository.ts `list` without liveOnly) orders each item's latest version by
 *   `coalesce(published_on, formed_on)`. No index carried that order, so every version in scope was read
 *   and sorted for a page of 50 (1.7 → 79 ms). `item_versions_console_order_idx` is an expression index on
 *   the same coalesce (both planners match it to the ORDER BY), carrying what the list filters on; the
 *   page is read in that order, each version's item looked up by its key to keep the latest.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index item_versions_agency_list_idx on item_versions (status, agency_id, published_on, item_id, version, agency_path)`.execute(db);
  await sql`create index item_versions_console_order_idx on item_versions ((coalesce(published_on, formed_on)), item_id, version, agency_path, status)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index item_versions_console_order_idx`.execute(db);
  await sql`drop index item_versions_agency_list_idx`.execute(db);
}
