/**
 * Folds requests into table 三 and the request figures, keeping the ids behind every count. A request is
 * 新收 in the year it was received (条例第三十一条), 办结 in the year its outcome took effect, 上年结转 when
 * received earlier and still open on 1 January, and 结转下年度 when still open on 31 December — so that
 * 表三表头“第一项加第二项之和，等于第三项加第四项之和” holds by construction.
 */
import { APPLICANT_TYPES, OUTCOMES, type ApplicantType, type Outcome } from '../requests/index.ts';
import type { RecordAnomaly } from './annual-report.ts';
import { isWithin, type ReportPeriod } from './report-period.ts';
import type { ReportRequest } from './report-input.ts';
import { REQUEST_CHANNEL_GROUPS, requestChannelGroupOf, type RequestChannelGroup } from './request-channel-groups.ts';

/** Ids per applicant type. */
export type IdsByApplicant = Readonly<Record<ApplicantType, readonly string[]>>;

/** The requests of one year, sorted into the cells they count in. */
export interface RequestTally {
  readonly received: IdsByApplicant;
  readonly carriedIn: IdsByApplicant;
  readonly outcomes: Readonly<Record<Outcome, IdsByApplicant>>;
  readonly carriedOut: IdsByApplicant;
  readonly byChannel: Readonly<Record<RequestChannelGroup, readonly string[]>>;
  /** （一）予以公开 split by 第三十六条（一）已主动公开 and （二）同意公开 (the seed's “已主动公开范围数1件，同意公开答复数1件”). */
  readonly replyAlreadyPublic: readonly string[];
  readonly replyProvided: readonly string[];
  readonly replied: readonly string[];
  readonly repliedOnTime: readonly string[];
  readonly repliedLate: readonly string[];
  readonly feesPaid: { readonly ids: readonly string[]; readonly yuan: number };
  readonly feesWaived: readonly string[];
  /** Ids of requests received before the year (whether or not still open). */
  readonly earlierOnRecord: readonly string[];
  readonly anomalies: readonly RecordAnomaly[];
}

function byApplicant(): Record<ApplicantType, string[]> {
  return Object.fromEntries(APPLICANT_TYPES.map((t) => [t, [] as string[]])) as unknown as Record<ApplicantType, string[]>;
}

/** Whether a reply came within its deadline (条例第三十三条：答复期限，含经同意延长的期限); a reply on the spot has no deadline to miss. */
export function isRepliedOnTime(r: Pick<ReportRequest, 'repliedOn' | 'dueOn'>): boolean {
  return r.repliedOn !== null && (r.dueOn === null || r.repliedOn <= r.dueOn);
}

/**
 * What table 三 needs to know of a request to place it. The dates may be whole years (`YYYY`) when
 * requests are counted in groups by year: a calendar year's period compares with years as with the
 * dates within them (`yearPeriodOf`). The two comparisons of a request's own dates are facts.
 */
export interface TableThreeFacts {
  readonly receivedOn: string | null;
  readonly closedOn: string | null;
  readonly repliedOn: string | null;
  readonly outcome: Outcome | null;
  /** The closing date lies before the receipt date (a data error: counted nowhere). */
  readonly closedBeforeReceived: boolean;
  /** `isRepliedOnTime`. */
  readonly repliedOnTime: boolean;
}

/** A request's facts for table 三. */
export function tableThreeFactsOf(r: ReportRequest): TableThreeFacts {
  return {
    receivedOn: r.receivedOn,
    closedOn: r.closedOn,
    repliedOn: r.repliedOn,
    outcome: r.outcome,
    closedBeforeReceived: r.receivedOn !== null && r.closedOn !== null && r.closedOn < r.receivedOn,
    repliedOnTime: isRepliedOnTime(r),
  };
}

/** Where a request counts in one period's table 三: nowhere (with the anomaly, if any), or its cells. */
export type TableThreePlacement =
  | { readonly kind: 'outside' | 'not_yet_received' | 'closed_before_received' }
  | {
      readonly kind: 'counted';
      /** 本年新收 (else 上年结转). */
      readonly received: boolean;
      /** The outcome row it was handled under, or 结转下年度, or closed without an outcome (an anomaly). */
      readonly closed: Outcome | 'carried_out' | 'without_outcome';
      /** A reply made in the period, within its deadline or late. */
      readonly replied: 'on_time' | 'late' | null;
    };

/** Places a request in a period's table 三 — the one rule behind the annual report, the public statistics and their SQL counts. */
export function tableThreePlacement(r: TableThreeFacts, period: ReportPeriod): TableThreePlacement {
  // 条例第三十一条: until the receipt is confirmed the request has not been received.
  if (r.receivedOn === null) return { kind: r.closedOn === null ? 'outside' : 'not_yet_received' };
  if (r.receivedOn > period.to) return { kind: 'outside' };
  if (r.closedBeforeReceived) return { kind: 'closed_before_received' };
  if (r.closedOn !== null && r.closedOn < period.from) return { kind: 'outside' };
  const closed = r.closedOn !== null && r.closedOn <= period.to ? (r.outcome ?? 'without_outcome') : 'carried_out';
  const replied = r.repliedOn !== null && isWithin(r.repliedOn, period) ? (r.repliedOnTime ? 'on_time' : 'late') : null;
  return { kind: 'counted', received: r.receivedOn >= period.from, closed, replied };
}

/** Sorts a year's requests into table 三's cells and the narrative's counts. */
export function tallyRequests(requests: readonly ReportRequest[], period: ReportPeriod): RequestTally {
  const received = byApplicant();
  const carriedIn = byApplicant();
  const carriedOut = byApplicant();
  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, byApplicant()])) as unknown as Record<Outcome, Record<ApplicantType, string[]>>;
  const byChannel = Object.fromEntries(REQUEST_CHANNEL_GROUPS.map((g) => [g, [] as string[]])) as unknown as Record<RequestChannelGroup, string[]>;
  const replyAlreadyPublic: string[] = [];
  const replyProvided: string[] = [];
  const replied: string[] = [];
  const repliedOnTime: string[] = [];
  const repliedLate: string[] = [];
  const feeIds: string[] = [];
  let feeYuan = 0;
  const feesWaived: string[] = [];
  const earlierOnRecord: string[] = [];
  const anomalies: RecordAnomaly[] = [];

  const sorted = [...requests].sort((a, b) => a.id.localeCompare(b.id));
  for (const r of sorted) {
    if (r.fee?.paidOn != null && isWithin(r.fee.paidOn, period)) {
      feeIds.push(r.id);
      feeYuan += r.fee.amountYuan;
    }
    if (r.fee?.waivedOn != null && isWithin(r.fee.waivedOn, period)) feesWaived.push(r.id);
    if (r.receivedOn !== null && r.receivedOn < period.from) earlierOnRecord.push(r.id);
    const place = tableThreePlacement(tableThreeFactsOf(r), period);
    if (place.kind !== 'counted') {
      if (place.kind === 'not_yet_received') anomalies.push({ recordId: r.id, reason: 'not_yet_received', message: `申请 ${r.id} 没有收到日期却已办结，未计入表三。` });
      if (place.kind === 'closed_before_received') {
        anomalies.push({ recordId: r.id, reason: 'closed_before_received', message: `申请 ${r.id} 的办结日期 ${String(r.closedOn)} 早于收到日期 ${String(r.receivedOn)}，未计入表三。` });
      }
      continue;
    }
    if (place.received) {
      received[r.applicantType].push(r.id);
      byChannel[requestChannelGroupOf(r.channel)].push(r.id);
    } else carriedIn[r.applicantType].push(r.id);
    if (place.closed === 'without_outcome') {
      anomalies.push({ recordId: r.id, reason: 'closed_without_outcome', message: `申请 ${r.id} 已于 ${String(r.closedOn)} 办结但没有办理结果，无法计入表三第三项。` });
    } else if (place.closed === 'carried_out') carriedOut[r.applicantType].push(r.id);
    else {
      outcomes[place.closed][r.applicantType].push(r.id);
      if (place.closed === 'disclosed') (r.replyType === 'already_public' ? replyAlreadyPublic : replyProvided).push(r.id);
    }
    if (place.replied !== null) {
      replied.push(r.id);
      (place.replied === 'on_time' ? repliedOnTime : repliedLate).push(r.id);
    }
  }
  return {
    received,
    carriedIn,
    outcomes,
    carriedOut,
    byChannel,
    replyAlreadyPublic,
    replyProvided,
    replied,
    repliedOnTime,
    repliedLate,
    feesPaid: { ids: feeIds, yuan: Math.round(feeYuan * 100) / 100 },
    feesWaived,
    earlierOnRecord,
    anomalies,
  };
}
