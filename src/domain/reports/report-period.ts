/**
 * The statistical period of an annual report: the calendar year (the seed report: “本年报所列数据的统计
 * 期限为2017年1月1日起至2017年12月31日止”). Dates are ISO calendar dates, so string order is date order.
 */

/** The first and last day of a report year. */
export interface ReportPeriod {
  readonly from: string;
  readonly to: string;
}

/** The period of a report year. */
export function reportPeriodOf(year: number): ReportPeriod {
  if (!Number.isInteger(year) || year < 2008 || year > 9999) throw new RangeError(`年报年度无效：${String(year)}`);
  return { from: `${String(year)}-01-01`, to: `${String(year)}-12-31` };
}

/** Whether a calendar date lies within a period. */
export function isWithin(date: string, period: ReportPeriod): boolean {
  return date >= period.from && date <= period.to;
}

/**
 * A calendar year as a period of years (`YYYY`–`YYYY`): years compare with it as the dates within them
 * compare with `reportPeriodOf(year)`, so requests counted in groups by year are placed by the same rule.
 */
export function yearPeriodOf(year: number): ReportPeriod {
  const p = reportPeriodOf(year);
  return { from: p.from.slice(0, 4), to: p.to.slice(0, 4) };
}
