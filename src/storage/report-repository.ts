/**
 * Annual reports: each version of an agency's report for a year (draft, final, superseded) with the
 * inputs staff entered and the report model as JSON; and the reads that gather what the compiler folds
 * — published item versions, requests received by the year's end, and appeals open during the year.
 */
import { sql } from 'kysely';
import type { ItemState } from '../domain/publishing/index.ts';
import type { AppealKind, AppealResult, ManualReportInputs, ReportFormat, ReportSnapshot } from '../domain/reports/index.ts';
import type { RequestState } from '../domain/requests/index.ts';
import type { DeliveryCountScope, ItemCountScope, ReportRepository, StoredReport, StoredReportStatus, TracedDelivery } from '../services/ports.ts';
import { NOT_INTERNAL } from './delivery-queue-repository.ts';
import type { Executor } from './database.ts';
import { inChunks } from './in-chunks.ts';
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

const officialList = (scope: ItemCountScope): string[] => (scope.officialGenres.length > 0 ? [...scope.officialGenres] : ['-']);

/**
 * Each item first published in the year within the agencies, with its latest published version — the
 * SQL form of the publishing domain's `publishedInYear` (revisions are not new items; the latest
 * published version's genre and full-text flag count). Only items with a version published in the year
 * can be first published in it: those are found on `item_versions_report_year_idx`, and their versions
 * folded on `item_versions_report_item_idx`, so a county's earlier years are not read.
 */
function firstPublications(db: Executor, scope: ItemCountScope) {
  const from = `${String(scope.year)}-01-01`;
  const to = `${String(scope.year)}-12-31`;
  const agencyIds = [...scope.agencyIds];
  return db
    .selectFrom('item_versions')
    .select(['item_id', sql<string>`min(published_on)`.as('first_on'), sql<number>`max(version)`.as('latest')])
    .where('item_id', 'in', (eb) => eb.selectFrom('item_versions').select('item_id').where('published_on', '>=', from).where('published_on', '<=', to).where('agency_id', 'in', agencyIds))
    .where('agency_id', 'in', agencyIds)
    .where('published_on', 'is not', null)
    .where('published_on', '<=', to)
    .groupBy('item_id')
    .having(sql<string>`min(published_on)`, '>=', from);
}

/** A delivery as the trace of a channel figure lists it. */
const tracedDelivery = (r: { id: number; agency_name: string; channel: string; recipient: string; sent_at: string | null }): TracedDelivery => ({
  id: `delivery-${String(r.id)}`,
  agencyName: r.agency_name,
  channel: r.channel,
  recipient: r.recipient,
  sentAt: r.sent_at,
});

/** Creates the report repository over a database or transaction. */
export function createReportRepository(db: Executor): ReportRepository {
  /** The messages a report counts: sent in the period by the agencies, staff mail left out (the delivery log's `counts` rule). */
  const sentIn = (scope: DeliveryCountScope) =>
    db
      .selectFrom('deliveries as d')
      .where('d.agency_id', 'in', [...scope.agencyIds])
      .where('d.status', '=', 'sent')
      .where('d.sent_at', '>=', scope.fromAt)
      .where('d.sent_at', '<', scope.toAt)
      .where(NOT_INTERNAL);
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
    async sources({ agencyIds, year, itemGenres }) {
      if (agencyIds.length === 0) return { items: [], requests: [], earlierRequestsOnRecord: false, appeals: [] };
      const ids = [...agencyIds];
      const from = `${String(year)}-01-01`;
      const to = `${String(year)}-12-31`;
      // Every published version up to the year's end: the compiler needs the first publication date and the latest version.
      let itemQuery = db
        .selectFrom('item_versions')
        .select('state')
        .where('agency_id', 'in', ids)
        .where('published_on', 'is not', null)
        .where('published_on', '<=', to);
      if (itemGenres !== undefined) {
        // Every version of an item that was ever published as one of the genres (its latest published version decides).
        const genres = itemGenres.length > 0 ? [...itemGenres] : ['-'];
        itemQuery = itemQuery.where('item_id', 'in', (eb) =>
          eb.selectFrom('item_versions').select('item_id').where('agency_id', 'in', ids).where('genre', 'in', genres).where('published_on', 'is not', null).where('published_on', '<=', to),
        );
      }
      const items = await itemQuery.orderBy('item_id').orderBy('version').execute();
      // Requests received by the year's end and not closed before it began (the others count in no cell of
      // this year), and those not yet received (the compiler flags one closed without a receipt date).
      const requests = await db
        .selectFrom('requests')
        .select(['state', 'due_on'])
        .where('agency_id', 'in', ids)
        .where('version', '>', 0)
        .where((eb) =>
          // Each branch on an index (received_on, closed_on): received in the year (a request closed before it
          // was received is among them, flagged); received earlier and closed in the year or still open.
          eb.or([
            eb('received_on', 'is', null),
            eb.and([eb('received_on', '>=', from), eb('received_on', '<=', to)]),
            eb.and([eb('closed_on', '>=', from), eb('received_on', '<=', to)]),
            eb.and([eb('closed_on', 'is', null), eb('received_on', '<=', to)]),
          ]),
        )
        .orderBy('id')
        .execute();
      const earlier = await db.selectFrom('requests').select('id').where('agency_id', 'in', ids).where('received_on', '<', from).limit(1).executeTakeFirst();
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
        earlierRequestsOnRecord: earlier !== undefined,
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
    async countItems(scope) {
      if (scope.agencyIds.length === 0) return { published: 0, documents: 0, documents_fulltext: 0 };
      const official = officialList(scope);
      const r = await db
        .selectFrom(firstPublications(db, scope).as('f'))
        .innerJoin('item_versions as v', (j) => j.onRef('v.item_id', '=', 'f.item_id').onRef('v.version', '=', 'f.latest'))
        .select([
          sql<number | string>`count(*)`.as('published'),
          sql<number | string | null>`sum(case when v.genre in (${sql.join(official)}) then 1 else 0 end)`.as('documents'),
          sql<number | string | null>`sum(case when v.genre in (${sql.join(official)}) and v.full_text = 1 then 1 else 0 end)`.as('documents_fulltext'),
        ])
        .executeTakeFirstOrThrow();
      return { published: Number(r.published), documents: Number(r.documents ?? 0), documents_fulltext: Number(r.documents_fulltext ?? 0) };
    },
    async listItems(scope) {
      if (scope.agencyIds.length === 0) return { total: 0, rows: [] };
      const official = officialList(scope);
      let q = db
        .selectFrom(firstPublications(db, scope).as('f'))
        .innerJoin('item_versions as v', (j) => j.onRef('v.item_id', '=', 'f.item_id').onRef('v.version', '=', 'f.latest'));
      if (scope.key !== 'published') q = q.where('v.genre', 'in', official);
      if (scope.key === 'documents_fulltext') q = q.where('v.full_text', '=', 1);
      const total = Number((await q.select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
      const rows = await q
        .innerJoin('items as i', 'i.id', 'v.item_id')
        .innerJoin('agencies as a', 'a.id', 'v.agency_id')
        .select(['v.item_id', 'v.title', 'v.document_number', 'i.index_number', 'a.name as agency_name', 'f.first_on', 'v.genre', 'v.full_text', 'v.formed_on'])
        .orderBy('f.first_on')
        .orderBy('v.item_id')
        .offset(scope.offset)
        .limit(scope.limit)
        .execute();
      return {
        total,
        rows: rows.map((r) => ({
          id: String(r.item_id),
          title: r.title,
          documentNumber: r.document_number,
          indexNumber: r.index_number,
          agencyName: r.agency_name,
          firstPublishedOn: r.first_on,
          genre: r.genre,
          hasElectronicFullText: r.full_text === 1,
          formedOn: r.formed_on,
          validity: null,
        })),
      };
    },
    async itemsByIds(ids) {
      const versions = await inChunks(ids, (part) => db
        .selectFrom('item_versions as v')
        .innerJoin('items as i', 'i.id', 'v.item_id')
        .innerJoin('agencies as a', 'a.id', 'v.agency_id')
        .select(['v.item_id', 'v.version', 'v.published_on', 'v.state', 'i.index_number', 'a.name as agency_name'])
        .where('v.item_id', 'in', part)
        .where('v.published_on', 'is not', null)
        .orderBy('v.item_id')
        .orderBy('v.version')
        .execute());
      const byId = new Map<number, { first: string; state: ItemState; indexNumber: string | null; agencyName: string }>();
      for (const v of versions) {
        const seen = byId.get(v.item_id);
        const state = JSON.parse(v.state) as ItemState;
        const first = seen === undefined || v.published_on! < seen.first ? v.published_on! : seen.first;
        byId.set(v.item_id, { first, state, indexNumber: v.index_number, agencyName: v.agency_name });
      }
      return ids.flatMap((id) => {
        const found = byId.get(id);
        if (found === undefined) return [];
        const { state } = found;
        return [
          {
            id: String(id),
            title: state.title,
            documentNumber: state.documentNumber,
            indexNumber: found.indexNumber,
            agencyName: found.agencyName,
            firstPublishedOn: found.first,
            genre: state.genre,
            hasElectronicFullText: state.hasElectronicFullText,
            formedOn: state.formedOn,
            validity: state.validity,
          },
        ];
      });
    },
    async requestsByIds(ids) {
      const rows = await inChunks(ids, (part) => db
        .selectFrom('requests as r')
        .innerJoin('agencies as a', 'a.id', 'r.agency_id')
        .select(['r.id', 'r.tracking_number', 'r.state', 'r.due_on', 'a.name as agency_name'])
        .where('r.id', 'in', part)
        .execute());
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.flatMap((id) => {
        const r = byId.get(id);
        return r === undefined ? [] : [{ id: String(id), trackingNumber: r.tracking_number, agencyName: r.agency_name, state: JSON.parse(r.state) as RequestState, dueOn: r.due_on }];
      });
    },
    async appealsByIds(ids) {
      const rows = await inChunks(ids, (part) => db
        .selectFrom('appeals as p')
        .innerJoin('agencies as a', 'a.id', 'p.agency_id')
        .select(['p.id', 'p.kind', 'p.body', 'p.filed_on', 'p.result', 'p.closed_on', 'a.name as agency_name'])
        .where('p.id', 'in', part)
        .execute());
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.flatMap((id) => {
        const r = byId.get(id);
        return r === undefined ? [] : [{ id: `appeal-${String(id)}`, agencyName: r.agency_name, kind: r.kind, body: r.body, filedOn: r.filed_on, result: r.result, closedOn: r.closed_on }];
      });
    },
    async deliveriesByIds(ids) {
      const rows = await inChunks(ids, (part) => db
        .selectFrom('deliveries as d')
        .innerJoin('agencies as a', 'a.id', 'd.agency_id')
        .select(['d.id', 'd.channel', 'd.recipient', 'd.sent_at', 'a.name as agency_name'])
        .where('d.id', 'in', part)
        .execute());
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.flatMap((id) => {
        const r = byId.get(id);
        return r === undefined ? [] : [tracedDelivery(r)];
      });
    },
    async countDeliveries(scope) {
      if (scope.agencyIds.length === 0) return [];
      const rows = await sentIn(scope).select(['d.channel', (eb) => eb.fn.countAll<number | string>().as('n')]).groupBy('d.channel').execute();
      return rows.map((r) => ({ channel: r.channel, count: Number(r.n) }));
    },
    async listDeliveries(scope) {
      if (scope.agencyIds.length === 0 || scope.channels.length === 0) return { total: 0, rows: [] };
      const q = sentIn(scope).where('d.channel', 'in', [...scope.channels]);
      const total = Number((await q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
      const rows = await q
        .innerJoin('agencies as a', 'a.id', 'd.agency_id')
        .select(['d.id', 'd.channel', 'd.recipient', 'd.sent_at', 'a.name as agency_name'])
        .orderBy('d.sent_at')
        .orderBy('d.id')
        .limit(scope.limit)
        .offset(scope.offset)
        .execute();
      return { total, rows: rows.map(tracedDelivery) };
    },
  };
}
