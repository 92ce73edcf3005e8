/**
 * Disclosure requests (依申请公开): one row per request with the queryable columns, the derived
 * RequestState and the RequestRecord as JSON, and the append-only events (the facts). Rows are mapped
 * to domain objects here and never leave.
 */
import { sql } from 'kysely';
import { isRepliedOnTime, toReportRequest } from '../domain/reports/index.ts';
import type { DisclosureRequestEvent, RequestState } from '../domain/requests/index.ts';
import { DuplicateKeyError, type CaseNote, type RequestListFilter, type RequestRepository, type RequestSave, type StoredRequest } from '../services/ports.ts';
import { isUniqueViolation, type Executor } from './database.ts';
import type { RequestTable } from './schema.ts';

type RequestRow = Omit<RequestTable, 'id'> & { id: number };

function toStored(r: RequestRow): StoredRequest {
  return {
    id: r.id,
    trackingNumber: r.tracking_number,
    agencyId: r.agency_id,
    state: JSON.parse(r.state) as RequestState,
    dueOn: r.due_on,
    provisional: r.provisional === 1,
    closedOn: r.closed_on,
    applicantKey: r.applicant_key,
    pieces: r.pieces,
    notes: JSON.parse(r.notes) as CaseNote[],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Creates the request repository over a database or transaction. */
export function createRequestRepository(db: Executor): RequestRepository {
  /** The requests matching a list filter; null when it can match none. */
  function filtered(filter: Omit<RequestListFilter, 'limit' | 'offset'>) {
    let q = db.selectFrom('requests').where('version', '>', 0);
    if (filter.within) {
      const roots = filter.within;
      if (roots.length === 0) return null;
      q = q.where((eb) => eb.or(roots.map((p) => eb('agency_path', 'like', `${p}%`))));
    }
    if (filter.statuses) q = q.where('status', 'in', filter.statuses.length ? [...filter.statuses] : ['-']);
    if (filter.agencyId) q = q.where('agency_id', '=', filter.agencyId);
    if (filter.dueFrom) q = q.where('due_on', '>=', filter.dueFrom);
    if (filter.dueTo) q = q.where('due_on', '<=', filter.dueTo);
    if (filter.receivedFrom) q = q.where('received_on', '>=', filter.receivedFrom);
    if (filter.receivedTo) q = q.where('received_on', '<=', filter.receivedTo);
    return q;
  }

  return {
    async create(input) {
      const insert = db
        .insertInto('requests')
        .values({
          agency_id: input.agencyId,
          agency_path: input.agencyPath,
          tracking_number: input.trackingNumber,
          query_code_hash: input.queryCodeHash,
          submission_key_hash: input.submissionKeyHash ?? null,
          status: 'awaiting_confirmation',
          outcome: null,
          channel: '',
          applicant_type: '',
          applicant_name: '',
          applicant_key: null,
          pieces: 1,
          submitted_on: input.submittedOn,
          received_on: null,
          due_on: null,
          provisional: 0,
          closed_on: null,
          version: 0,
          state: '{}',
          record: '{}',
          notes: '[]',
          created_at: input.at,
          updated_at: input.at,
        })
        .returning('id');
      try {
        return (await insert.executeTakeFirstOrThrow()).id;
      } catch (e) {
        if (input.submissionKeyHash && isUniqueViolation(e, 'submission_key')) throw new DuplicateKeyError('requests.submission_key_hash');
        throw e;
      }
    },
    async findBySubmissionKey(submissionKeyHash) {
      const r = await db.selectFrom('requests').selectAll().where('submission_key_hash', '=', submissionKeyHash).where('version', '>', 0).executeTakeFirst();
      return r && toStored(r);
    },
    async nextTrackingSequence(year) {
      const r = await db
        .insertInto('request_sequences')
        .values({ year, last_seq: 1 })
        .onConflict((oc) => oc.column('year').doUpdateSet({ last_seq: sql`request_sequences.last_seq + 1` }))
        .returning('last_seq')
        .executeTakeFirstOrThrow();
      return r.last_seq;
    },
    async find(id) {
      const r = await db.selectFrom('requests').selectAll().where('id', '=', id).where('version', '>', 0).executeTakeFirst();
      return r && toStored(r);
    },
    async findByTrackingNumber(trackingNumber) {
      const r = await db.selectFrom('requests').selectAll().where('tracking_number', '=', trackingNumber).where('version', '>', 0).executeTakeFirst();
      return r && { request: toStored(r), queryCodeHash: r.query_code_hash };
    },
    async save(request: RequestSave, expectedVersion) {
      const s = request.state;
      // The facts the statistics count by, as the annual report reads them: closed (办结) on the day of the
      // reply, withdrawal or abandonment; replied on a day, within the deadline or not.
      const counted = toReportRequest(s, request.dueOn);
      let q = db
        .updateTable('requests')
        .set({
          status: s.status,
          outcome: s.outcome,
          channel: s.record.channel,
          applicant_type: s.record.applicant.type,
          applicant_name: s.record.applicant.name,
          applicant_key: request.applicantKey,
          pieces: request.pieces,
          submitted_on: s.submittedOn,
          received_on: s.receivedOn,
          due_on: request.dueOn,
          provisional: request.provisional ? 1 : 0,
          closed_on: counted.closedOn,
          replied_on: counted.repliedOn,
          replied_on_time: counted.repliedOn === null ? null : isRepliedOnTime(counted) ? 1 : 0,
          version: s.version,
          state: JSON.stringify(s),
          record: JSON.stringify(s.record),
          notes: JSON.stringify(request.notes),
          updated_at: request.updatedAt,
        })
        .where('id', '=', request.id);
      q = q.where('version', '=', expectedVersion ?? 0);
      const result = await q.executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async appendEvents(requestId, firstVersion, events) {
      if (events.length === 0) return;
      await db
        .insertInto('request_events')
        .values(
          events.map((e, i) => {
            const { type, by, at, ...data } = e;
            return { request_id: requestId, version: firstVersion + i, type, data: JSON.stringify(data), by_user: by, at };
          }),
        )
        .execute();
    },
    async events(requestId) {
      const rows = await db.selectFrom('request_events').selectAll().where('request_id', '=', requestId).orderBy('version').orderBy('id').execute();
      return rows.map((r) => ({ ...(JSON.parse(r.data) as object), type: r.type, by: r.by_user, at: r.at }) as DisclosureRequestEvent);
    },
    async list(filter) {
      const q = filtered(filter);
      if (q === null) return { total: 0, items: [] };
      const [count, rows] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        q
          .selectAll()
          .orderBy(sql`case when due_on is null then 1 else 0 end`)
          .orderBy('due_on')
          .orderBy('id')
          .limit(filter.limit ?? 50)
          .offset(filter.offset ?? 0)
          .execute(),
      ]);
      return { total: Number(count.n), items: rows.map(toStored) };
    },
    async listAfter(filter, afterId, limit) {
      const q = filtered(filter);
      if (q === null) return [];
      return (await q.selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute()).map(toStored);
    },
    async ofApplicant(applicantKey, agencyId) {
      const rows = await db
        .selectFrom('requests')
        .selectAll()
        .where('applicant_key', '=', applicantKey)
        .where('agency_id', '=', agencyId)
        .where('version', '>', 0)
        .orderBy('id')
        .execute();
      return rows.map(toStored);
    },
    async piecesInMonth(applicantKey, month, before) {
      const r = await db
        .selectFrom('requests')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('pieces'), eb.lit(0)).as('n'))
        .where('applicant_key', '=', applicantKey)
        .where('version', '>', 0)
        .where('received_on', '>=', `${month}-01`)
        .where('received_on', '<=', `${month}-31`)
        .where((eb) => eb.or([eb('received_on', '<', before.receivedOn), eb.and([eb('received_on', '=', before.receivedOn), eb('id', '<', before.id)])]))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async openSpanning(from, to, statuses) {
      const rows = await db
        .selectFrom('requests')
        .select('id')
        .where('status', 'in', [...statuses])
        .where('received_on', 'is not', null)
        .where('received_on', '<=', to)
        .where((eb) => eb.or([eb('due_on', 'is', null), eb('due_on', '>=', from)]))
        .orderBy('id')
        .execute();
      return rows.map((r) => r.id);
    },
    async idsInStatuses(statuses) {
      const rows = await db.selectFrom('requests').select('id').where('status', 'in', [...statuses]).where('version', '>', 0).orderBy('id').execute();
      return rows.map((r) => r.id);
    },
  };
}
