/**
 * The register of administrative reconsideration and litigation about disclosure (行政复议、行政诉讼),
 * linked to a request where there is one; table 四 of the annual report counts it.
 */
import type { Appeal, AppealKind, AppealRepository, AppealResult } from '../services/ports.ts';
import type { Executor } from './database.ts';
import type { AppealTable } from './schema.ts';

type AppealRow = Omit<AppealTable, 'id'> & { id: number; agency_path: string };

function toAppeal(r: AppealRow): Appeal {
  return {
    id: r.id,
    requestId: r.request_id,
    agencyId: r.agency_id,
    agencyPath: r.agency_path,
    kind: r.kind as AppealKind,
    filedOn: r.filed_on,
    body: r.body,
    result: r.result as AppealResult,
    closedOn: r.closed_on,
    note: r.note,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Creates the appeal repository over a database or transaction. */
export function createAppealRepository(db: Executor): AppealRepository {
  const select = () => db.selectFrom('appeals as a').innerJoin('agencies as g', 'g.id', 'a.agency_id').selectAll('a').select('g.path as agency_path');
  const find = async (id: number) => {
    const r = await select().where('a.id', '=', id).executeTakeFirst();
    return r && toAppeal(r);
  };
  const columns = (input: Parameters<AppealRepository['insert']>[0]) => ({
    request_id: input.requestId,
    agency_id: input.agencyId,
    kind: input.kind,
    filed_on: input.filedOn,
    body: input.body,
    result: input.result,
    closed_on: input.closedOn,
    note: input.note,
  });
  return {
    find,
    async insert(input, at) {
      const r = await db.insertInto('appeals').values({ ...columns(input), created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
      return (await find(r.id))!;
    },
    async update(id, input, at) {
      await db.updateTable('appeals').set({ ...columns(input), updated_at: at }).where('id', '=', id).execute();
      return (await find(id))!;
    },
    async list(filter) {
      if (filter.within.length === 0) return [];
      let q = select().where((eb) => eb.or(filter.within.map((p) => eb('g.path', 'like', `${p}%`))));
      if (filter.year !== undefined) {
        const from = `${filter.year}-01-01`;
        const to = `${filter.year}-12-31`;
        q = q.where((eb) => eb.or([eb.and([eb('a.filed_on', '>=', from), eb('a.filed_on', '<=', to)]), eb.and([eb('a.closed_on', '>=', from), eb('a.closed_on', '<=', to)])]));
      }
      const rows = await q.orderBy('a.filed_on').orderBy('a.id').execute();
      return rows.map(toAppeal);
    },
  };
}
