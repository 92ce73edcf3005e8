/**
 * Annual reports: each version of an agency's report for a year (draft, final, superseded) with the
 * inputs staff entered and the report model as JSON; and the reads that gather what the compiler folds
 * — published item versions, requests received by the year's end, and appeals open during the year.
 */
import type { ItemState } from '../domain/publishing/index.ts';
import type { AppealKind, AppealResult, ManualReportInputs, ReportFormat, ReportSnapshot } from '../domain/reports/index.ts';
import type { RequestState } from '../domain/requests/index.ts';
import type { ReportRepository, StoredReport, StoredReportStatus } from '../services/ports.ts';
import type { Executor } from './database.ts';
import type { AnnualReportTable } from './schema.ts';

type ReportRow = Omit<AnnualReportTable, 'id'> & { id: number };

function toReport(r: ReportRow): StoredReport {
  return {
    id: r.id,
    agencyId: r.agency_id,
    year: r.year,
    format: r.format as ReportFormat,
    includeSubunits: r.include_subunits === 1,
    status: r.status as StoredReportStatus,
    origin: r.origin as StoredReport['origin'],
    manualInputs: JSON.parse(r.manual_inputs) as ManualReportInputs,
    compiled: r.compiled === null ? null : (JSON.parse(r.compiled) as ReportSnapshot),
    contentHash: r.content_hash,
    finalisedAt: r.finalised_at,
    finalisedBy: r.finalised_by,
    supersedesId: r.supersedes_id,
    published: r.published === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Creates the report repository over a database or transaction. */
export function createReportRepository(db: Executor): ReportRepository {
  const find = async (id: number) => {
    const r = await db.selectFrom('annual_reports').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toReport(r);
  };
  return {
    find,
    async insert(report, at) {
      const r = await db
        .insertInto('annual_reports')
        .values({
          agency_id: report.agencyId,
          year: report.year,
          format: report.format,
          include_subunits: report.includeSubunits ? 1 : 0,
          status: report.status,
          origin: report.origin,
          manual_inputs: JSON.stringify(report.manualInputs),
          compiled: report.compiled === null ? null : JSON.stringify(report.compiled),
          content_hash: report.contentHash,
          finalised_at: report.finalisedAt,
          finalised_by: report.finalisedBy,
          supersedes_id: report.supersedesId,
          published: report.published ? 1 : 0,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return (await find(r.id))!;
    },
    async update(id, f, at) {
      await db
        .updateTable('annual_reports')
        .set({
          ...(f.status !== undefined && { status: f.status }),
          ...(f.format !== undefined && { format: f.format }),
          ...(f.includeSubunits !== undefined && { include_subunits: f.includeSubunits ? 1 : 0 }),
          ...(f.manualInputs !== undefined && { manual_inputs: JSON.stringify(f.manualInputs) }),
          ...(f.compiled !== undefined && { compiled: f.compiled === null ? null : JSON.stringify(f.compiled) }),
          ...(f.contentHash !== undefined && { content_hash: f.contentHash }),
          ...(f.finalisedAt !== undefined && { finalised_at: f.finalisedAt }),
          ...(f.finalisedBy !== undefined && { finalised_by: f.finalisedBy }),
          ...(f.published !== undefined && { published: f.published ? 1 : 0 }),
          updated_at: at,
        })
        .where('id', '=', id)
        .execute();
    },
    async list(filter) {
      let q = db.selectFrom('annual_reports').selectAll();
      if (filter.agencyIds !== undefined) {
        if (filter.agencyIds.length === 0) return [];
        q = q.where('agency_id', 'in', [...filter.agencyIds]);
      }
      if (filter.year !== undefined) q = q.where('year', '=', filter.year);
      if (filter.statuses !== undefined) q = q.where('status', 'in', filter.statuses.length > 0 ? [...filter.statuses] : ['-']);
      if (filter.published !== undefined) q = q.where('published', '=', filter.published ? 1 : 0);
      const rows = await q.orderBy('year', 'desc').orderBy('id', 'desc').execute();
      return rows.map(toReport);
    },
    async sources({ agencyIds, year }) {
      if (agencyIds.length === 0) return { items: [], requests: [], appeals: [] };
      const ids = [...agencyIds];
      const from = `${String(year)}-01-01`;
      const to = `${String(year)}-12-31`;
      // Every published version up to the year's end: the compiler needs the first publication date and the latest version.
      const items = await db
        .selectFrom('item_versions')
        .select('state')
        .where('agency_id', 'in', ids)
        .where('published_on', 'is not', null)
        .where('published_on', '<=', to)
        .orderBy('item_id')
        .orderBy('version')
        .execute();
      // Requests received by the year's end, and those not yet received (the compiler flags one closed without a receipt date).
      const requests = await db
        .selectFrom('requests')
        .select(['state', 'due_on'])
        .where('agency_id', 'in', ids)
        .where((eb) => eb.or([eb('received_on', '<=', to), eb('received_on', 'is', null)]))
        .orderBy('id')
        .execute();
      // Cases filed by the year's end and not concluded before it began (an open case is 尚未审结 every year until concluded).
      const appeals = await db
        .selectFrom('appeals')
        .select(['id', 'agency_id', 'kind', 'filed_on', 'result', 'closed_on'])
        .where('agency_id', 'in', ids)
        .where('filed_on', '<=', to)
        .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>=', from)]))
        .orderBy('id')
        .execute();
      return {
        items: items.map((r) => JSON.parse(r.state) as ItemState),
        requests: requests.map((r) => ({ state: JSON.parse(r.state) as RequestState, dueOn: r.due_on })),
        appeals: appeals.map((a) => ({
          id: `appeal-${String(a.id)}`,
          agencyId: a.agency_id,
          kind: a.kind as AppealKind,
          filedOn: a.filed_on,
          result: a.result as AppealResult,
          closedOn: a.closed_on,
        })),
      };
    },
  };
}
