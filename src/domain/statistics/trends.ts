/**
 * Trends for the office (工作台统计): items published and requests received, handled and replied to, by
 * month or by year, as tables of counts a chart and its data table both read. Requests are placed the
 * way the annual report places them (received by 条例第三十一条's receipt date, handled by the day the
 * outcome took effect); the reply time is counted in working days on the official calendar.
 */
import { isWorkday, addDays, parseCalendarDate, type HolidayCalendar } from '../calendar/index.ts';
import { OUTCOME_GROUPS, outcomeDefinition, type IntakeChannel, type Outcome, type OutcomeGroup } from '../requests/index.ts';
import { isRepliedOnTime, REQUEST_CHANNEL_GROUPS, requestChannelGroupOf, type ReportRequest, type RequestChannelGroup } from '../reports/index.ts';

/** Months of one year, or whole years. */
export const TREND_GRANULARITIES = ['month', 'year'] as const;

/** One of `TREND_GRANULARITIES`. */
export type TrendGranularity = (typeof TREND_GRANULARITIES)[number];

/** Whether a value is a granularity. */
export function isTrendGranularity(value: unknown): value is TrendGranularity {
  return typeof value === 'string' && (TREND_GRANULARITIES as readonly string[]).includes(value);
}

/** The periods of a trend: the 12 months of `year` (`YYYY-MM`), or the years `fromYear`…`toYear` (`YYYY`). */
export function trendPeriods(granularity: TrendGranularity, range: { year: number } | { fromYear: number; toYear: number }): string[] {
  if (granularity === 'month') {
    const year = 'year' in range ? range.year : range.toYear;
    return Array.from({ length: 12 }, (_, i) => `${String(year)}-${String(i + 1).padStart(2, '0')}`);
  }
  const from = 'fromYear' in range ? range.fromYear : range.year;
  const to = 'toYear' in range ? range.toYear : range.year;
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => String(from + i));
}

/** The period a date (or a `YYYY-MM` month) falls in. */
export function periodOf(date: string, granularity: TrendGranularity): string {
  return granularity === 'month' ? date.slice(0, 7) : date.slice(0, 4);
}

/** A table of counts: one row per series (a category, a unit, a channel …), one value per period. */
export interface TrendTable {
  readonly periods: readonly string[];
  readonly rows: ReadonlyArray<{ readonly key: string; readonly values: readonly number[] }>;
}

/** Counts keyed entries into a table, rows in order of their total (largest first), then by key. */
export function countByPeriod(entries: ReadonlyArray<{ readonly date: string; readonly key: string; readonly count?: number }>, periods: readonly string[], granularity: TrendGranularity): TrendTable {
  const index = new Map(periods.map((p, i) => [p, i]));
  const rows = new Map<string, number[]>();
  for (const e of entries) {
    const i = index.get(periodOf(e.date, granularity));
    if (i === undefined) continue;
    const values = rows.get(e.key) ?? periods.map(() => 0);
    values[i]! += e.count ?? 1;
    rows.set(e.key, values);
  }
  const total = (v: readonly number[]) => v.reduce((a, b) => a + b, 0);
  return {
    periods,
    rows: [...rows.entries()].map(([key, values]) => ({ key, values })).sort((a, b) => total(b.values) - total(a.values) || a.key.localeCompare(b.key)),
  };
}

/** Working days after `fromOn` up to and including `toOn` (0 for a reply on the day of receipt). */
export function workdaysBetween(cal: HolidayCalendar, fromOn: string, toOn: string): number {
  let n = 0;
  // 条例第三十三条 counts “自收到申请之日起”: the day of receipt itself is not a working day of the period.
  for (let d = addDays(parseCalendarDate(fromOn), 1); d <= toOn; d = addDays(d, 1)) if (isWorkday(cal, d)) n++;
  return n;
}

/** Requests of one period. */
export interface RequestTrendRow {
  readonly period: string;
  /** New requests by channel group, by receipt date. */
  readonly received: Readonly<Record<RequestChannelGroup, number>>;
  /** Requests handled, by the outcome group of table 三, by the day the outcome took effect. */
  readonly closed: Readonly<Record<OutcomeGroup, number>>;
  /** Replies made in the period, those within the deadline, and the rate (null without replies). */
  readonly replied: number;
  readonly repliedOnTime: number;
  readonly onTimeRate: number | null;
  /** Mean working days from receipt to reply of the period's replies (pauses for 补正 or 征求意见 included), null without replies. */
  readonly averageWorkdays: number | null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** One row of zeros per period, to be filled by a fold. */
function emptyTrendRows(periods: readonly string[]) {
  return periods.map((period) => ({
    period,
    received: Object.fromEntries(REQUEST_CHANNEL_GROUPS.map((g) => [g, 0])) as Record<RequestChannelGroup, number>,
    closed: Object.fromEntries(OUTCOME_GROUPS.map((g) => [g, 0])) as Record<OutcomeGroup, number>,
    replied: 0,
    repliedOnTime: 0,
    workdays: 0,
  }));
}

/** Folds requests into one row per period. */
export function requestTrend(requests: readonly ReportRequest[], periods: readonly string[], granularity: TrendGranularity, cal: HolidayCalendar): RequestTrendRow[] {
  const rows = emptyTrendRows(periods);
  const index = new Map(periods.map((p, i) => [p, i]));
  const at = (date: string | null) => (date === null ? undefined : rows[index.get(periodOf(date, granularity)) ?? -1]);
  for (const r of requests) {
    if (r.receivedOn === null) continue;
    const received = at(r.receivedOn);
    if (received) received.received[requestChannelGroupOf(r.channel)] += 1;
    const closed = r.outcome === null ? undefined : at(r.closedOn);
    if (closed && r.outcome !== null) closed.closed[outcomeDefinition(r.outcome).group] += 1;
    const replied = at(r.repliedOn);
    if (replied && r.repliedOn !== null) {
      replied.replied += 1;
      if (isRepliedOnTime(r)) replied.repliedOnTime += 1;
      replied.workdays += r.repliedOn > r.receivedOn ? workdaysBetween(cal, r.receivedOn, r.repliedOn) : 0;
    }
  }
  return rows.map(finishRow);
}

function finishRow({ workdays, ...row }: Omit<RequestTrendRow, 'onTimeRate' | 'averageWorkdays'> & { workdays: number }): RequestTrendRow {
  return {
    ...row,
    onTimeRate: row.replied === 0 ? null : round1((row.repliedOnTime / row.replied) * 100),
    averageWorkdays: row.replied === 0 ? null : round1(workdays / row.replied),
  };
}

/**
 * Requests counted in groups (by SQL) for a trend, each group under its period (`periodOf`), placed as
 * `requestTrend` places single requests: only received requests count; new ones by receipt date, handled
 * ones (with an outcome) by the day it took effect, replies by the day of the reply.
 */
export interface RequestTrendCounts {
  readonly received: ReadonlyArray<{ readonly period: string; readonly channel: IntakeChannel; readonly count: number }>;
  readonly closed: ReadonlyArray<{ readonly period: string; readonly outcome: Outcome; readonly count: number }>;
  /** Replies, within the deadline (`isRepliedOnTime`) or not. */
  readonly replied: ReadonlyArray<{ readonly period: string; readonly onTime: boolean; readonly count: number }>;
  /**
   * Replies made after the day of receipt, by the period of the reply and by each of their two days
   * (`side`): the working days from receipt to reply add up from these, since each is the difference of
   * two days' places in the run of working days.
   */
  readonly replyDays: ReadonlyArray<{ readonly period: string; readonly side: 'received' | 'replied'; readonly day: string; readonly count: number }>;
}

/** Each day's place in the run of working days: `workdaysBetween(a, b)` is `place(b) − place(a)` for days a ≤ b of the list. */
export function workdayPlaces(cal: HolidayCalendar, days: Iterable<string>): Map<string, number> {
  const sorted = [...new Set(days)].sort();
  const places = new Map<string, number>();
  if (sorted.length === 0) return places;
  let n = 0;
  let d = parseCalendarDate(sorted[0]!);
  for (const day of sorted) {
    for (; d < day; ) {
      d = addDays(d, 1);
      if (isWorkday(cal, d)) n++;
    }
    places.set(day, n);
  }
  return places;
}

/** `requestTrend` from grouped counts. */
export function requestTrendOfCounts(counts: RequestTrendCounts, periods: readonly string[], cal: HolidayCalendar): RequestTrendRow[] {
  const rows = emptyTrendRows(periods);
  const index = new Map(periods.map((p, i) => [p, i]));
  const at = (period: string) => rows[index.get(period) ?? -1];
  for (const c of counts.received) {
    const row = at(c.period);
    if (row) row.received[requestChannelGroupOf(c.channel)] += c.count;
  }
  for (const c of counts.closed) {
    const row = at(c.period);
    if (row) row.closed[outcomeDefinition(c.outcome).group] += c.count;
  }
  for (const c of counts.replied) {
    const row = at(c.period);
    if (!row) continue;
    row.replied += c.count;
    if (c.onTime) row.repliedOnTime += c.count;
  }
  const places = workdayPlaces(cal, counts.replyDays.map((c) => c.day));
  for (const c of counts.replyDays) {
    const row = at(c.period);
    if (row) row.workdays += (c.side === 'replied' ? 1 : -1) * places.get(c.day)! * c.count;
  }
  return rows.map(finishRow);
}
