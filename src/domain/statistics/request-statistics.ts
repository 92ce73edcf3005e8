/**
 * The yearly statistics of requests an agency handled (依申请公开统计), as the portal publishes them: only
 * counts, by intake channel and by outcome. They are the annual report's own tally (表三, 条例第五十条第
 * （二）项：年度报告应当包括“行政机关收到和处理政府信息公开申请的情况”), so the page and the report agree:
 * received in the year by 条例第三十一条's receipt date, handled in the year by the day the outcome took effect.
 */
import { OUTCOME_GROUPS, OUTCOMES, outcomeDefinition, type Outcome, type OutcomeGroup } from '../requests/index.ts';
import { REQUEST_CHANNEL_GROUPS, reportPeriodOf, type ReportRequest, type RequestChannelGroup } from '../reports/index.ts';
// The report's own tally, so that the published statistics and table 三 cannot disagree.
import { tallyRequests } from '../reports/tally-requests.ts';

/** One agency's (or several agencies') requests in one year, as counts. */
export interface YearlyRequestStatistics {
  readonly year: number;
  /** 本年新收. */
  readonly received: number;
  /** 上年结转. */
  readonly carriedIn: number;
  /** 办结 in the year (the sum of the outcome rows). */
  readonly closed: number;
  /** 结转下年度继续办理. */
  readonly carriedOut: number;
  /** New requests by channel group (网上、信函、传真、当面). */
  readonly byChannel: Readonly<Record<RequestChannelGroup, number>>;
  /** Outcomes by the rows of table 三. */
  readonly byOutcome: Readonly<Record<Outcome, number>>;
  /** Outcomes by the groups （一）—（六） of table 三. */
  readonly byOutcomeGroup: Readonly<Record<OutcomeGroup, number>>;
  /** Replies made in the year, and those within the deadline (条例第三十三条). */
  readonly replied: number;
  readonly repliedOnTime: number;
}

const sum = (lists: Readonly<Record<string, readonly string[]>>) => Object.values(lists).reduce((n, l) => n + l.length, 0);

/** Counts a year's requests the way the annual report's table 三 does. */
export function requestStatisticsOf(requests: readonly ReportRequest[], year: number): YearlyRequestStatistics {
  const t = tallyRequests(requests, reportPeriodOf(year));
  const byOutcome = Object.fromEntries(OUTCOMES.map((o) => [o, sum(t.outcomes[o])])) as Record<Outcome, number>;
  const byOutcomeGroup = Object.fromEntries(OUTCOME_GROUPS.map((g) => [g, 0])) as Record<OutcomeGroup, number>;
  for (const o of OUTCOMES) byOutcomeGroup[outcomeDefinition(o).group] += byOutcome[o];
  return {
    year,
    received: sum(t.received),
    carriedIn: sum(t.carriedIn),
    closed: Object.values(byOutcome).reduce((a, b) => a + b, 0),
    carriedOut: sum(t.carriedOut),
    byChannel: Object.fromEntries(REQUEST_CHANNEL_GROUPS.map((g) => [g, t.byChannel[g].length])) as Record<RequestChannelGroup, number>,
    byOutcome,
    byOutcomeGroup,
    replied: t.replied.length,
    repliedOnTime: t.repliedOnTime.length,
  };
}

/** Whether a year's statistics hold anything to show. */
export function hasActivity(s: YearlyRequestStatistics): boolean {
  return s.received + s.carriedIn + s.closed + s.carriedOut > 0;
}

/** The years requests were received or closed in, oldest first, up to `lastYear`. */
export function requestYearsOf(requests: readonly ReportRequest[], lastYear: number): number[] {
  const years = new Set<number>();
  for (const r of requests) {
    for (const d of [r.receivedOn, r.closedOn]) {
      const y = d === null ? NaN : Number(d.slice(0, 4));
      if (Number.isInteger(y) && y >= 2008 && y <= lastYear) years.add(y);
    }
  }
  return [...years].sort((a, b) => a - b);
}
