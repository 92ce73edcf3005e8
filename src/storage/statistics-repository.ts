/**
 * Aggregates for the statistics pages, counted in SQL on both stores (substr, case and count are common
 * SQL): GROUP BY over columns, so a page costs what its figures cost, not what the register holds. The
 * requests are grouped by the facts the domain places them by (domain/reports `tableThreePlacement`,
 * domain/statistics `requestTrendOfCounts`); the domain does the placing.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { IntakeChannel, Outcome } from '../domain/requests/index.ts';
import type { StatisticsRepository } from '../services/ports.ts';
import type { Executor } from './database.ts';

const year = (column: string) => sql<string | null>`substr(${sql.ref(column)}, 1, 4)`;
// A data error the report flags (closed before received): a comparison of the row's own dates.
const closedBeforeReceived = sql<number>`case when closed_on < received_on then 1 else 0 end`;

/** Creates the repository over a database or transaction. */
export function createStatisticsRepository(db: Executor): StatisticsRepository {
  const within = (roots: readonly string[], column = 'agency_path'): RawBuilder<SqlBool> => sql<SqlBool>`(${sql.join(roots.map((p) => sql`${sql.ref(column)} like ${`${p}%`}`), sql` or `)})`;
  const requests = (roots: readonly string[]) => db.selectFrom('requests').where('version', '>', 0).where(within(roots));

  return {
    async publishedItemCounts({ within: roots, fromOn, toOn }) {
      if (roots.length === 0) return [];
      // An item counts once, in the month of its first publication (no earlier version was published); a
      // revision is not a new item. Only the versions published in the range are read, off an index that
      // carries the grouped columns (migration 0028), a revision checked against its earlier versions.
      const month = sql<string>`substr(v.published_on, 1, 7)`;
      const rows = await db
        .selectFrom('item_versions as v')
        .select((eb) => ['v.agency_id', month.as('month'), 'v.category_code', eb.fn.countAll<number>().as('n')])
        .where('v.published_on', '>=', fromOn)
        .where('v.published_on', '<=', toOn)
        .where(within(roots, 'v.agency_path'))
        .where((eb) =>
          eb.or([
            // Most items have one version: no look-up for them.
            eb('v.version', '=', 1),
            eb.not(
              eb.exists(
                eb
                  .selectFrom('item_versions as w')
                  .select(sql`1`.as('one'))
                  .whereRef('w.item_id', '=', 'v.item_id')
                  .whereRef('w.version', '<', 'v.version')
                  .where('w.published_on', 'is not', null),
              ),
            ),
          ]),
        )
        .groupBy(['v.agency_id', month, 'v.category_code'])
        .orderBy('v.agency_id')
        .orderBy(month)
        .orderBy('v.category_code')
        .execute();
      return rows.map((r) => ({ agencyId: r.agency_id, month: r.month, categoryCode: r.category_code, count: Number(r.n) }));
    },

    async firstPublishedOn({ within: roots }) {
      if (roots.length === 0) return null;
      const r = await db
        .selectFrom('item_versions')
        .select((eb) => eb.fn.min<string>('published_on').as('first'))
        .where('published_on', 'is not', null)
        .where(within(roots))
        .executeTakeFirst();
      return r?.first ?? null;
    },

    async liveItemsByMonth({ within: roots, fromMonth }) {
      if (roots.length === 0) return [];
      const month = sql<string>`substr(published_on, 1, 7)`;
      const rows = await db
        .selectFrom('item_versions')
        .select((eb) => [month.as('month'), eb.fn.countAll<number>().as('n')])
        .where('status', '=', 'published')
        .where('published_on', '>=', `${fromMonth}-01`)
        .where(within(roots))
        .groupBy(month)
        .orderBy(month)
        .execute();
      return rows.map((r) => ({ month: r.month, count: Number(r.n) }));
    },

    async requestYearSpans({ within: roots }) {
      if (roots.length === 0) return [];
      const rows = await requests(roots)
        .select((eb) => [year('received_on').as('ry'), year('closed_on').as('cy'), closedBeforeReceived.as('cbr'), eb.fn.countAll<number>().as('n')])
        .groupBy([year('received_on'), year('closed_on'), closedBeforeReceived])
        .execute();
      return rows.map((r) => ({ receivedYear: r.ry, closedYear: r.cy, closedBeforeReceived: Number(r.cbr) === 1, count: Number(r.n) }));
    },

    async requestYearCounts({ within: roots, year: y }) {
      if (roots.length === 0) return [];
      const rows = await requests(roots)
        .select((eb) => [
          'agency_id',
          year('received_on').as('ry'),
          year('closed_on').as('cy'),
          year('replied_on').as('ay'),
          'replied_on_time',
          closedBeforeReceived.as('cbr'),
          'outcome',
          'channel',
          eb.fn.countAll<number>().as('n'),
        ])
        // Only these can count in the year (the placement skips the others anyway).
        .where('received_on', 'is not', null)
        .where('received_on', '<=', `${String(y)}-12-31`)
        .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>=', `${String(y)}-01-01`)]))
        .groupBy(['agency_id', year('received_on'), year('closed_on'), year('replied_on'), 'replied_on_time', closedBeforeReceived, 'outcome', 'channel'])
        .execute();
      return rows.map((r) => ({
        agencyId: r.agency_id,
        receivedOn: r.ry,
        closedOn: r.cy,
        repliedOn: r.ay,
        repliedOnTime: r.replied_on_time === 1,
        closedBeforeReceived: Number(r.cbr) === 1,
        outcome: r.outcome as Outcome | null,
        channel: r.channel as IntakeChannel,
        count: Number(r.n),
      }));
    },

    async requestTrendCounts({ within: roots, granularity, fromOn, toOn }) {
      if (roots.length === 0) return { received: [], closed: [], replied: [], replyDays: [] };
      const period = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, ${sql.lit(granularity === 'month' ? 7 : 4)})`;
      const received = requests(roots).where('received_on', 'is not', null);
      const [byChannel, byOutcome, replies, repliedDays, receivedDays] = await Promise.all([
        received
          .select((eb) => [period('received_on').as('p'), 'channel', eb.fn.countAll<number>().as('n')])
          .where('received_on', '>=', fromOn)
          .where('received_on', '<=', toOn)
          .groupBy([period('received_on'), 'channel'])
          .execute(),
        received
          .select((eb) => [period('closed_on').as('p'), 'outcome', eb.fn.countAll<number>().as('n')])
          .where('outcome', 'is not', null)
          .where('closed_on', '>=', fromOn)
          .where('closed_on', '<=', toOn)
          .groupBy([period('closed_on'), 'outcome'])
          .execute(),
        received
          .select((eb) => [period('replied_on').as('p'), 'replied_on_time', eb.fn.countAll<number>().as('n')])
          .where('replied_on', '>=', fromOn)
          .where('replied_on', '<=', toOn)
          .groupBy([period('replied_on'), 'replied_on_time'])
          .execute(),
        ...(['replied_on', 'received_on'] as const).map((side) =>
          received
            .select((eb) => [period('replied_on').as('p'), sql<string>`${sql.ref(side)}`.as('day'), eb.fn.countAll<number>().as('n')])
            .where('replied_on', '>=', fromOn)
            .where('replied_on', '<=', toOn)
            .whereRef('replied_on', '>', 'received_on')
            .groupBy([period('replied_on'), side])
            .execute(),
        ),
      ]);
      return {
        received: byChannel.map((r) => ({ period: r.p, channel: r.channel as IntakeChannel, count: Number(r.n) })),
        closed: byOutcome.map((r) => ({ period: r.p, outcome: r.outcome as Outcome, count: Number(r.n) })),
        replied: replies.map((r) => ({ period: r.p, onTime: r.replied_on_time === 1, count: Number(r.n) })),
        replyDays: [
          ...repliedDays!.map((r) => ({ period: r.p, side: 'replied' as const, day: r.day, count: Number(r.n) })),
          ...receivedDays!.map((r) => ({ period: r.p, side: 'received' as const, day: r.day, count: Number(r.n) })),
        ],
      };
    },

    async firstReceivedOn({ within: roots }) {
      if (roots.length === 0) return null;
      const r = await requests(roots).select((eb) => eb.fn.min<string>('received_on').as('first')).where('received_on', 'is not', null).executeTakeFirst();
      return r?.first ?? null;
    },

    async openRequestCounts({ within: roots, dueFrom, dueTo, overdueBefore }) {
      if (roots.length === 0) return [];
      const rows = await requests(roots)
        .select((eb) => [
          'agency_id',
          eb.fn.countAll<number>().as('n'),
          sql<number>`sum(case when due_on >= ${dueFrom} and due_on <= ${dueTo} then 1 else 0 end)`.as('due'),
          sql<number>`sum(case when due_on < ${overdueBefore} then 1 else 0 end)`.as('overdue'),
        ])
        .where('closed_on', 'is', null)
        .groupBy('agency_id')
        .execute();
      return rows.map((r) => ({ agencyId: r.agency_id, open: Number(r.n), due: Number(r.due), overdue: Number(r.overdue) }));
    },
  };
}
