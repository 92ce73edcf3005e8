/** Agencies: rows ↔ domain `Agency`. Subtree queries use the materialised path. */
import { randomUUID } from 'node:crypto';
import type { Agency, AgencyInput } from '../domain/organisations/agency.ts';
import { childPath, isAgencyKind } from '../domain/organisations/agency.ts';
import type { AgencyRepository } from '../services/ports.ts';
import type { Executor } from './database.ts';
import type { AgencyRow } from './schema.ts';

function toAgency(row: AgencyRow): Agency {
  if (!isAgencyKind(row.kind)) throw new Error(`数据库中机构 ${row.id} 的类型无效：${row.kind}`);
  return {
    id: row.id,
    parentId: row.parent_id,
    path: row.path,
    kind: row.kind,
    name: row.name,
    shortName: row.short_name,
    creditCode: row.credit_code,
    orgCode: row.org_code,
    address: row.address,
    postcode: row.postcode,
    phone: row.phone,
    fax: row.fax,
    email: row.email,
    officeHours: row.office_hours,
    disclosureOffice: row.disclosure_office,
    sortOrder: row.sort_order,
  };
}

function toColumns(input: AgencyInput) {
  return {
    parent_id: input.parentId,
    kind: input.kind,
    name: input.name,
    short_name: input.shortName,
    credit_code: input.creditCode,
    org_code: input.orgCode,
    address: input.address,
    postcode: input.postcode,
    phone: input.phone,
    fax: input.fax,
    email: input.email,
    office_hours: input.officeHours,
    disclosure_office: input.disclosureOffice,
    sort_order: input.sortOrder,
  };
}

/** Creates the agency repository over a database or transaction. */
export function createAgencyRepository(db: Executor): AgencyRepository {
  return {
    async findById(id) {
      const row = await db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toAgency(row);
    },
    async findByName(name) {
      const row = await db
        .selectFrom('agencies')
        .selectAll()
        .where((eb) => eb.or([eb('name', '=', name), eb('short_name', '=', name)]))
        .orderBy('id')
        .executeTakeFirst();
      return row && toAgency(row);
    },
    async findByCreditCode(code) {
      const row = await db.selectFrom('agencies').selectAll().where('credit_code', '=', code).executeTakeFirst();
      return row && toAgency(row);
    },
    async list(options) {
      let q = db.selectFrom('agencies').selectAll();
      if (options?.within) {
        const roots = options.within;
        if (roots.length === 0) return [];
        q = q.where((eb) => eb.or(roots.map((p) => eb('path', 'like', `${p}%`))));
      }
      const rows = await q.orderBy('path').execute();
      // Order siblings by sort_order, then id, while keeping parents before children.
      const byParent = new Map<number | null, AgencyRow[]>();
      for (const r of rows) byParent.set(r.parent_id, [...(byParent.get(r.parent_id) ?? []), r]);
      const ids = new Set(rows.map((r) => r.id));
      const out: Agency[] = [];
      const visit = (r: AgencyRow) => {
        out.push(toAgency(r));
        for (const c of (byParent.get(r.id) ?? []).sort((a, b) => a.sort_order - b.sort_order || a.id - b.id)) visit(c);
      };
      rows
        .filter((r) => r.parent_id === null || !ids.has(r.parent_id))
        .sort((a, b) => a.sort_order - b.sort_order || a.id - b.id)
        .forEach(visit);
      return out;
    },
    async insert(input, parentPath, at) {
      // The path needs the new id, so insert with a unique placeholder and set it in the same transaction.
      const placeholder = `/pending-${randomUUID()}/`;
      const { id } = await db
        .insertInto('agencies')
        .values({ ...toColumns(input), path: placeholder, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      const path = childPath(parentPath, id);
      await db.updateTable('agencies').set({ path }).where('id', '=', id).execute();
      const row = await db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      return toAgency(row);
    },
    async update(id, input, at) {
      // Moving an agency to another parent is not offered: it would change every path below it.
      const { parent_id: _ignored, ...columns } = toColumns(input);
      await db.updateTable('agencies').set({ ...columns, updated_at: at }).where('id', '=', id).execute();
      const row = await db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      return toAgency(row);
    },
    async countChildren(id) {
      const r = await db.selectFrom('agencies').select((eb) => eb.fn.countAll<number>().as('n')).where('parent_id', '=', id).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async count() {
      const r = await db.selectFrom('agencies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
