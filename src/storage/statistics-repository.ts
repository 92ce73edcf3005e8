/** Aggregates for the statistics pages, counted in SQL on both stores (substr and count are common SQL). */
import { sql } from 'kysely';
import type { StatisticsRepository } from '../services/ports.ts';
import type { Executor } from './database.ts';

/** Creates the repository over a database or transaction. */
export function createStatisticsRepository(db: Executor): StatisticsRepository {
  return {
    async publishedItemCounts({ within }) {
      if (within.length === 0) return [];
      const inScope = (column: 'agency_path' | 'v.agency_path') => sql<boolean>`(${sql.join(within.map((p) => sql`${sql.ref(column)} like ${`${p}%`}`), sql` or `)})`;
      // An item counts once, in the month of its first publication; a revision is not a new item.
      const first = db
        .selectFrom('item_versions')
        .select((eb) => ['item_id', eb.fn.min<number>('version').as('version')])
        .where('published_on', 'is not', null)
        .where(inScope('agency_path'))
        .groupBy('item_id')
        .as('f');
      const month = sql<string>`substr(v.published_on, 1, 7)`;
      const rows = await db
        .selectFrom('item_versions as v')
        .innerJoin(first, (join) => join.onRef('f.item_id', '=', 'v.item_id').onRef('f.version', '=', 'v.version'))
        .select((eb) => ['v.agency_id', month.as('month'), 'v.category_code', eb.fn.countAll<number>().as('n')])
        .groupBy(['v.agency_id', month, 'v.category_code'])
        .orderBy('v.agency_id')
        .orderBy(month)
        .orderBy('v.category_code')
        .execute();
      return rows.map((r) => ({ agencyId: r.agency_id, month: r.month, categoryCode: r.category_code, count: Number(r.n) }));
    },
  };
}
