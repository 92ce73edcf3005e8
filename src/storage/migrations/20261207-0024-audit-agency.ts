/**
 * Audit entries carry the agency they are about (the [hardening] issue: the log was shown platform-wide
 * to any officer), so that a viewer sees only their own subtree; entries about the platform itself
 * (holiday calendar, daily checks) keep no agency and are shown to the root's administrators only.
 * Existing entries are given the agency of what they are about, where that can be found. The column is
 * not part of the hash chain (it says who may read an entry, not what happened).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { dialectOf } from '../database.ts';

/** Entities whose id is a row of a table with an agency_id column. */
const OWNED: Array<[string, string]> = [
  ['user', 'users'],
  ['item', 'items'],
  ['request', 'requests'],
  ['appeal', 'appeals'],
  ['annual_report', 'annual_reports'],
  ['delivery', 'deliveries'],
  ['subscription', 'subscriptions'],
  ['assessment_rubric', 'assessment_rubrics'],
];
/** Entities whose id is an agency's. */
const AGENCIES = ['agency', 'letter_template', 'backup', 'assessment'];
/** Entities that name their agency in the change (`agencyId`). */
const NAMED_IN_CHANGE = ['request_suggestion', 'ledger_import', 'ledger_upload'];

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  await sql`alter table audit_log add column agency_id integer`.execute(db);
  await db.schema.createIndex('audit_log_agency_idx').on('audit_log').columns(['agency_id', 'seq']).execute();
  const integer = (text: RawBuilder<unknown>) =>
    postgres ? sql`(case when ${text} ~ '^[0-9]+$' then cast(${text} as integer) end)` : sql`(case when ${text} <> '' and ${text} not glob '*[^0-9]*' then cast(${text} as integer) end)`;
  const entityId = integer(sql`audit_log.entity_id`);
  for (const [entity, table] of OWNED) {
    await sql`update audit_log set agency_id = (select t.agency_id from ${sql.table(table)} t where t.id = ${entityId}) where entity = ${entity}`.execute(db);
  }
  for (const entity of AGENCIES) {
    await sql`update audit_log set agency_id = (select a.id from agencies a where a.id = ${entityId}) where entity = ${entity}`.execute(db);
  }
  // channel_settings: `<agency>:<channel>`; ledger_export: `<kind>:<agency>`.
  const before = postgres ? sql`split_part(audit_log.entity_id, ':', 1)` : sql`substr(audit_log.entity_id, 1, instr(audit_log.entity_id, ':') - 1)`;
  const after = postgres ? sql`split_part(audit_log.entity_id, ':', 2)` : sql`substr(audit_log.entity_id, instr(audit_log.entity_id, ':') + 1)`;
  for (const [entity, part] of [['channel_settings', before], ['ledger_export', after]] as const) {
    await sql`update audit_log set agency_id = (select a.id from agencies a where a.id = ${integer(part)}) where entity = ${entity}`.execute(db);
  }
  const named = integer(postgres ? sql`(audit_log.change::jsonb ->> 'agencyId')` : sql`cast(json_extract(audit_log.change, '$.agencyId') as text)`);
  for (const entity of NAMED_IN_CHANGE) {
    await sql`update audit_log set agency_id = (select a.id from agencies a where a.id = ${named}) where entity = ${entity}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_log_agency_idx').execute();
  await sql`alter table audit_log drop column agency_id`.execute(db);
}
