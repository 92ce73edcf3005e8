/** The holiday calendar table: one row per notice year (current version) plus its history. */
import type { CalendarYearRecord, CalendarRepository } from '../services/ports.ts';
import type { Executor } from './database.ts';

/** Creates the calendar repository over a database or transaction. */
export function createCalendarRepository(db: Executor): CalendarRepository {
  return {
    async listYears() {
      const rows = await db.selectFrom('calendar_years').selectAll().orderBy('year').execute();
      return rows.map((r): CalendarYearRecord => ({ year: r.year, data: JSON.parse(r.data), version: r.version, updatedAt: r.updated_at, updatedBy: r.updated_by }));
    },
    async revision() {
      // Any save bumps a version, so the sum of versions plus the row count changes with every edit.
      const r = await db
        .selectFrom('calendar_years')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('version').as('v')])
        .executeTakeFirstOrThrow();
      return `${Number(r.n)}:${Number(r.v ?? 0)}`;
    },
    async save(year, data, reason, at, by) {
      const current = await db.selectFrom('calendar_years').select('version').where('year', '=', year).executeTakeFirst();
      const version = (current?.version ?? 0) + 1;
      const json = JSON.stringify(data);
      if (current) {
        await db.updateTable('calendar_years').set({ data: json, version, updated_at: at, updated_by: by }).where('year', '=', year).execute();
      } else {
        await db.insertInto('calendar_years').values({ year, data: json, version, updated_at: at, updated_by: by }).execute();
      }
      await db.insertInto('calendar_year_versions').values({ year, version, data: json, reason, changed_at: at, changed_by: by }).execute();
      return version;
    },
    async history(year) {
      const rows = await db.selectFrom('calendar_year_versions').selectAll().where('year', '=', year).orderBy('version', 'desc').execute();
      return rows.map((r) => ({ year: r.year, version: r.version, data: JSON.parse(r.data), reason: r.reason, changedAt: r.changed_at, changedBy: r.changed_by }));
    },
  };
}
