/**
 * The yearly statistics of requests an agency handled (依申请公开统计), as the portal publishes them: only
 * counts, by intake channel and by outcome. They are the annual report's own tally (表三, 条例第五十条第
 * （二）项：年度报告应当包括“行政机关收到和处理政府信息公开申请的情况”), so the page and the report agree:
 * received in the year by 条例第三十一条's receipt date, handled in the year by the day the outcome took effect.
 */
import { OUTCOME_GROUPS, OUTCOMES, outcomeDefinition, type IntakeChannel, type Outcome, type OutcomeGroup } from '../requests/index.ts';
import {
  REQUEST_CHANNEL_GROUPS,
  reportPeriodOf,
  requestChannelGroupOf,
  tableThreePlacement,
  yearPeriodOf,
  type ReportRequest,
  type RequestChannelGroup,
  type TableThreeFacts,
} from '../reports/index.ts';
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
export function requestYearsOf(requests: ReadonlyArray<Pick<ReportRequest, 'receivedOn' | 'closedOn'>>, lastYear: number): number[] {
  const years = new Set<number>();
  for (const r of requests) {
    for (const d of [r.receivedOn, r.closedOn]) {
      const y = d === null ? NaN : Number(d.slice(0, 4));
      if (Number.isInteger(y) && y >= 2008 && y <= lastYear) years.add(y);
    }
  }
  return [...years].sort((a, b) => a - b);
}

/**
 * Requests counted in groups (by SQL): the table 三 facts with whole years for dates (`YYYY`, see
 * `yearPeriodOf`), the intake channel, and how many requests share them.
 */
export interface RequestYearCount extends TableThreeFacts {
  readonly channel: IntakeChannel;
  readonly count: number;
}

/** Counts a year's requests from grouped counts, by the same placement as `requestStatisticsOf` (table 三). */
export function requestStatisticsOfCounts(counts: readonly RequestYearCount[], year: number): YearlyRequestStatistics {
  const period = yearPeriodOf(year);
  const byOutcome = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  const byChannel = Object.fromEntries(REQUEST_CHANNEL_GROUPS.map((g) => [g, 0])) as Record<RequestChannelGroup, number>;
  let received = 0;
  let carriedIn = 0;
  let carriedOut = 0;
  let replied = 0;
  let repliedOnTime = 0;
  for (const c of counts) {
    const place = tableThreePlacement(c, period);
    if (place.kind !== 'counted') continue;
    if (place.received) {
      received += c.count;
      byChannel[requestChannelGroupOf(c.channel)] += c.count;
    } else carriedIn += c.count;
    if (place.closed === 'carried_out') carriedOut += c.count;
    else if (place.closed !== 'without_outcome') byOutcome[place.closed] += c.count;
    if (place.replied !== null) {
      replied += c.count;
      if (place.replied === 'on_time') repliedOnTime += c.count;
    }
  }
  const byOutcomeGroup = Object.fromEntries(OUTCOME_GROUPS.map((g) => [g, 0])) as Record<OutcomeGroup, number>;
  for (const o of OUTCOMES) byOutcomeGroup[outcomeDefinition(o).group] += byOutcome[o];
  return { year, received, carriedIn, closed: Object.values(byOutcome).reduce((a, b) => a + b, 0), carriedOut, byChannel, byOutcome, byOutcomeGroup, replied, repliedOnTime };
}

/** Requests counted by the years they were received and closed in (`YYYY` or null). */
export interface RequestYearSpan {
  readonly receivedYear: string | null;
  readonly closedYear: string | null;
  readonly closedBeforeReceived: boolean;
  readonly count: number;
}

/** `requestYearsOf` from counts: the years requests were received or closed in, oldest first, up to `lastYear`. */
export function requestYearsOfCounts(spans: readonly RequestYearSpan[], lastYear: number): number[] {
  return requestYearsOf(spans.map((s) => ({ receivedOn: s.receivedYear, closedOn: s.closedYear })), lastYear);
}

/** New requests (本年新收) of each year from counts, as `requestStatisticsOf(…, year).received`. */
export function receivedInYearOfCounts(spans: readonly RequestYearSpan[], year: number): number {
  const period = yearPeriodOf(year);
  let n = 0;
  for (const s of spans) {
    const place = tableThreePlacement({ receivedOn: s.receivedYear, closedOn: s.closedYear, repliedOn: null, outcome: null, closedBeforeReceived: s.closedBeforeReceived, repliedOnTime: false }, period);
    if (place.kind === 'counted' && place.received) n += s.count;
  }
  return n;
}
