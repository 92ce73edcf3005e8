/**
 * Trends for the office and its leadership (统计分析): items published by category and by unit, requests by
 * channel and by outcome, the on-time reply rate and the mean working days to reply — by month of a year or
 * by year — over the actor's units or one of them. Items and requests are counted in SQL (GROUP BY), the
 * requests placed exactly as the annual report places them (domain/statistics `requestTrendOfCounts`).
 */
import { scopesFor, type Permission } from '../domain/access/roles.ts';
import type { Agency } from '../domain/organisations/agency.ts';
import { DEFAULT_CATEGORIES, findEntry } from '../domain/publishing/index.ts';
import { countByPeriod, requestTrendOfCounts, trendPeriods, type RequestTrendRow, type TrendGranularity, type TrendTable } from '../domain/statistics/index.ts';
import { chinaDateOf } from './china-time.ts';
import { ForbiddenError, ValidationError } from './errors.ts';
import type { CalendarService } from './manage-calendar.ts';
import type { Actor, Clock, UnitOfWork } from './ports.ts';

/** Who sees the trends: the office (公开办) and the leaders who approve (分管领导). */
export const TREND_PERMISSIONS: readonly Permission[] = ['report.compile', 'item.approve', 'request.approve'];

export interface TrendOptions {
  granularity: TrendGranularity;
  /** The year whose months are shown (granularity month). */
  year: number;
  /** One unit (with its subtree) instead of all the actor's units. */
  unitId?: number;
}

/** A table of counts with a label per row. */
export interface LabelledTable {
  periods: readonly string[];
  rows: Array<{ key: string; label: string; values: readonly number[] }>;
}

export interface TrendsView {
  options: TrendOptions;
  /** The units the actor may narrow to. */
  units: Agency[];
  /** The years with records (for the year selector), oldest first. */
  years: number[];
  periods: readonly string[];
  itemsByCategory: LabelledTable;
  itemsByUnit: LabelledTable;
  requests: RequestTrendRow[];
  /** The day the figures were taken (Beijing time). */
  today: string;
}

function labelled(table: TrendTable, label: (key: string) => string): LabelledTable {
  return { periods: table.periods, rows: table.rows.map((r) => ({ ...r, label: label(r.key) })) };
}

/** Builds the trends for an actor. */
export async function buildTrends(deps: { uow: UnitOfWork; clock: Clock; calendar: CalendarService }, actor: Actor, options: TrendOptions): Promise<TrendsView> {
  const scopes = [...new Set(TREND_PERMISSIONS.flatMap((p) => scopesFor(actor.grants, p)))].filter((p, _, all) => !all.some((q) => q !== p && p.startsWith(q)));
  if (scopes.length === 0) throw new ForbiddenError('您没有查看统计分析的权限');
  const repos = deps.uow.read;
  const units = await repos.agencies.list({ within: scopes });
  let within = scopes;
  if (options.unitId !== undefined) {
    const unit = units.find((u) => u.id === options.unitId);
    if (!unit) throw new ValidationError('请选择您负责的单位', { unit: '请选择您负责的单位' });
    within = [unit.path];
  }
  const today = chinaDateOf(deps.clock.now());
  const thisYear = Number(today.slice(0, 4));
  if (!Number.isInteger(options.year) || options.year < 2008 || options.year > thisYear) throw new ValidationError(`年份应在 2008—${thisYear} 之间`, { year: `年份应在 2008—${thisYear} 之间` });

  const firsts = [await repos.statistics.firstPublishedOn({ within }), await repos.statistics.firstReceivedOn({ within })];
  const firstYear = Math.min(thisYear, ...firsts.flatMap((d) => (d ? [Number(d.slice(0, 4))] : [])));
  const years = trendPeriods('year', { fromYear: firstYear, toYear: thisYear }).map(Number);
  const periods = options.granularity === 'month' ? trendPeriods('month', { year: options.year }) : trendPeriods('year', { fromYear: firstYear, toYear: thisYear });
  // Only the records of the periods shown are counted.
  const range = { within, fromOn: `${periods[0]!.slice(0, 4)}-01-01`, toOn: `${periods.at(-1)!.slice(0, 4)}-12-31` };
  const itemCounts = await repos.statistics.publishedItemCounts(range);
  const requestCounts = await repos.statistics.requestTrendCounts({ ...range, granularity: options.granularity });

  const names = new Map(units.map((u) => [String(u.id), u.name]));
  const byCategory = countByPeriod(itemCounts.map((c) => ({ date: c.month, key: c.categoryCode, count: c.count })), periods, options.granularity);
  const byUnit = countByPeriod(itemCounts.map((c) => ({ date: c.month, key: String(c.agencyId), count: c.count })), periods, options.granularity);
  const { calendar } = await deps.calendar.current();
  return {
    options,
    units,
    years,
    periods,
    itemsByCategory: labelled(byCategory, (code) => findEntry(DEFAULT_CATEGORIES, code)?.label ?? code),
    itemsByUnit: labelled(byUnit, (id) => names.get(id) ?? `单位 ${id}`),
    requests: requestTrendOfCounts(requestCounts, periods, calendar),
    today,
  };
}
