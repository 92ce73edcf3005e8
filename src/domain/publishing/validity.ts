/**
 * 有效性 (validity) of a normative or time-limited item: 有效, 失效 (lapsed at the end of its period of
 * validity) or 废止 (repealed by a later act), plus 尚未施行 before it takes effect. Only the dates are
 * stored; the status on any day is derived from them, so an item lapses without anyone editing it.
 */
import { addDays, isCalendarDate, parseCalendarDate } from '../calendar/index.ts';

/** Every validity status, in the order a timeline passes through them. */
export const VALIDITY_STATUSES = ['not_yet_effective', 'valid', 'expired', 'repealed'] as const;

/** One of `VALIDITY_STATUSES`. */
export type ValidityStatus = (typeof VALIDITY_STATUSES)[number];

/** Whether a value is a known validity status. */
export function isValidityStatus(value: unknown): value is ValidityStatus {
  return typeof value === 'string' && (VALIDITY_STATUSES as readonly string[]).includes(value);
}

/** The label of each status as portals print it in the 有效性 field. */
export const VALIDITY_LABELS: Readonly<Record<ValidityStatus, string>> = {
  not_yet_effective: '尚未施行',
  valid: '有效',
  expired: '失效',
  repealed: '废止',
};

/** The dates that decide validity; any may be unknown (null). */
export interface ValidityDates {
  /** 施行日期: the first day in force (“自…起施行”); null means in force from publication. */
  readonly effectiveOn: string | null;
  /** 有效期至: the last day in force (“有效期至…”), inclusive. */
  readonly expiresOn: string | null;
  /** 废止日期: the first day no longer in force (“自…起废止”). */
  readonly repealedOn: string | null;
}

/** Lists the contradictions in a set of validity dates, in Chinese (empty when consistent). */
export function findValidityProblems(dates: ValidityDates): string[] {
  const problems: string[] = [];
  const named: Array<[keyof ValidityDates, string]> = [
    ['effectiveOn', '施行日期'],
    ['expiresOn', '有效期截止日期'],
    ['repealedOn', '废止日期'],
  ];
  for (const [key, label] of named) {
    const value = dates[key];
    if (value !== null && !isCalendarDate(value)) problems.push(`${label}“${value}”不是有效日期（格式 YYYY-MM-DD）。`);
  }
  if (problems.length > 0) return problems;
  if (dates.effectiveOn !== null && dates.expiresOn !== null && dates.expiresOn < dates.effectiveOn) {
    problems.push(`有效期截止日期 ${dates.expiresOn} 早于施行日期 ${dates.effectiveOn}。`);
  }
  if (dates.effectiveOn !== null && dates.repealedOn !== null && dates.repealedOn < dates.effectiveOn) {
    problems.push(`废止日期 ${dates.repealedOn} 早于施行日期 ${dates.effectiveOn}。`);
  }
  return problems;
}

/**
 * The validity status on a date: 废止 from the repeal date on (repeal prevails over lapse), 失效 after
 * the last day of validity, 尚未施行 before the effective date, otherwise 有效.
 */
export function validityOn(dates: ValidityDates, on: string): ValidityStatus {
  if (dates.repealedOn !== null && on >= dates.repealedOn) return 'repealed';
  if (dates.expiresOn !== null && on > dates.expiresOn) return 'expired';
  if (dates.effectiveOn !== null && on < dates.effectiveOn) return 'not_yet_effective';
  return 'valid';
}

/**
 * When a text first stopped being in force and how: the repeal date, or the day after its last day of
 * validity, whichever comes first; null if neither date is set. A text that lapsed and was repealed
 * later ceased once, when it lapsed.
 */
export function cessationOf(dates: ValidityDates): { readonly status: 'expired' | 'repealed'; readonly since: string } | null {
  const lapse = dates.expiresOn !== null ? addDays(parseCalendarDate(dates.expiresOn, '有效期截止日期'), 1) : null;
  const repeal = dates.repealedOn;
  if (repeal !== null && (lapse === null || repeal <= lapse)) return { status: 'repealed', since: repeal };
  if (lapse !== null) return { status: 'expired', since: lapse };
  return null;
}
