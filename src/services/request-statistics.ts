/**
 * The public statistics of requests handled each year (依申请公开统计), per agency of the portal's tree: only
 * counts by channel and outcome, never a name, a description or a tracking number. The counts are the
 * annual report's table 三 tally, so the page and the published report agree. The requests are counted
 * in SQL by the facts table 三 places them by (two GROUP BY queries: the years, and the year shown per
 * agency), never read one by one.
 */
import type { Agency } from '../domain/organisations/agency.ts';
import { hasActivity, receivedInYearOfCounts, requestStatisticsOfCounts, requestYearsOfCounts, type YearlyRequestStatistics } from '../domain/statistics/index.ts';
import { chinaDateOf } from './china-time.ts';
import { NotFoundError } from './errors.ts';
import type { Clock, UnitOfWork } from './ports.ts';

export interface PublicRequestStatistics {
  /** The years with requests, newest first. */
  years: number[];
  /** The year shown; null when there are no requests at all. */
  year: number | null;
  /** Whether the year shown is still running (figures as of `today`). */
  partial: boolean;
  today: string;
  /** Each agency with requests in the year, in tree order. */
  rows: Array<{ agency: Agency; stats: YearlyRequestStatistics }>;
  /** All agencies of the tree together (the 全镇 figures of the annual report). */
  total: YearlyRequestStatistics | null;
  /** New requests per year, oldest first (for the chart). */
  receivedByYear: Array<{ year: number; received: number }>;
}

/** The statistics under a portal agency for a year (default: the latest year with requests). */
export async function publicRequestStatistics(deps: { uow: UnitOfWork; clock: Clock }, rootAgencyId: number, wanted: { year?: number }): Promise<PublicRequestStatistics> {
  const repos = deps.uow.read;
  const root = await repos.agencies.findById(rootAgencyId);
  if (!root) throw new NotFoundError('本平台尚未设置机构');
  const agencies = await repos.agencies.list({ within: [root.path] });
  const within = [root.path];
  const spans = await repos.statistics.requestYearSpans({ within });
  const today = chinaDateOf(deps.clock.now());
  const thisYear = Number(today.slice(0, 4));
  const years = requestYearsOfCounts(spans, thisYear).reverse();
  if (wanted.year !== undefined && !years.includes(wanted.year)) throw new NotFoundError(`${wanted.year} 年没有依申请公开统计数据`);
  const year = wanted.year ?? years[0] ?? null;
  const receivedByYear = [...years].reverse().map((y) => ({ year: y, received: receivedInYearOfCounts(spans, y) }));
  if (year === null) return { years, year, partial: false, today, rows: [], total: null, receivedByYear };
  const counts = await repos.statistics.requestYearCounts({ within, year });
  const byAgency = new Map<number, typeof counts>();
  for (const c of counts) {
    const list = byAgency.get(c.agencyId);
    if (list) list.push(c);
    else byAgency.set(c.agencyId, [c]);
  }
  const rows = agencies
    .map((agency) => ({ agency, stats: requestStatisticsOfCounts(byAgency.get(agency.id) ?? [], year) }))
    .filter((r) => hasActivity(r.stats));
  return { years, year, partial: year === thisYear, today, rows, total: requestStatisticsOfCounts(counts, year), receivedByYear };
}
