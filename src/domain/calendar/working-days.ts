/**
 * Counting working days the way the regulations' periods run: “自收到申请之日起20个工作日内” is read
 * as — the anchor day itself never counts, counting starts the next day, and the N-th working day
 * after the anchor is the last day allowed (domain-reference §7, “起算规则”). Periods that the law
 * excludes (征求意见、收费通知至缴费) are pauses that take working days out of the count.
 */
import { CalendarInputError } from './calendar-input-error.ts';
import { addDays, parseCalendarDate, type CalendarDate } from './calendar-date.ts';
import { classifyCalendarDate, type DayClassification, type HolidayCalendar } from './holiday-calendar.ts';

/** Why the clock stopped: consulting a third party or another agency, or waiting for a fee to be paid. */
export const PAUSE_REASONS = ['consultation', 'fee'] as const;

/** One of `PAUSE_REASONS`. */
export type PauseReason = (typeof PAUSE_REASONS)[number];

/** A pause from `from` to `to` (both inclusive): the working days after `from` up to and including `to` do not count. */
export interface Pause {
  readonly from: string;
  readonly to: string;
  readonly reason?: PauseReason;
}

/** A pause whose dates and reason have been validated. */
export interface ValidPause {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  readonly reason: PauseReason | null;
}

/** How one day entered the count: the anchor, a counted working day, a day that is not a working day, or a paused working day. */
export type CountStatus = 'anchor' | 'counted' | 'not_workday' | 'paused';

/** One day of a count, with its classification and what the count did with it. */
export interface CountedDay extends DayClassification {
  readonly status: CountStatus;
  /** 1-based number of the working day for counted days, else null. */
  readonly ordinal: number | null;
  readonly pauseReason: PauseReason | null;
}

/** The result of counting N working days after an anchor day. */
export interface WorkdayCount {
  readonly from: CalendarDate;
  readonly workdays: number;
  readonly due: CalendarDate;
  /** True when any day after the anchor up to the due date lies in a year without an official notice. */
  readonly provisional: boolean;
  /** Every day from the anchor to the due date. */
  readonly days: readonly CountedDay[];
}

/** The largest count accepted, far beyond any statutory period, to keep a typo from walking for ever. */
export const MAX_WORKDAYS = 10_000;

function isPauseReason(value: unknown): value is PauseReason {
  return typeof value === 'string' && (PAUSE_REASONS as readonly string[]).includes(value);
}

/** Validates a working-day count, throwing a Chinese `CalendarInputError` for negative, fractional or absurd values. */
export function parseWorkdayCount(n: unknown, label = '工作日数'): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_WORKDAYS) {
    throw new CalendarInputError('invalid_count', `${label}应为 0 到 ${MAX_WORKDAYS} 之间的整数，收到“${String(n)}”。`);
  }
  return n;
}

/** Validates pauses: real dates, end not before start, a known reason. */
export function parsePauses(pauses: readonly Pause[]): ValidPause[] {
  if (!Array.isArray(pauses)) throw new CalendarInputError('invalid_range', '暂停期间应为数组。');
  return pauses.map((p: Pause, i): ValidPause => {
    const label = `第${i + 1}个暂停期间`;
    const from = parseCalendarDate(p?.from, `${label}的开始日期`);
    const to = parseCalendarDate(p?.to, `${label}的结束日期`);
    if (to < from) {
      throw new CalendarInputError('invalid_range', `${label}的结束日期 ${to} 早于开始日期 ${from}。`);
    }
    if (p.reason !== undefined && !isPauseReason(p.reason)) {
      throw new CalendarInputError('invalid_range', `${label}的原因“${String(p.reason)}”无效，应为 consultation（征求意见）或 fee（收费）。`);
    }
    return { from, to, reason: p.reason ?? null };
  });
}

function pauseCovering(pauses: readonly ValidPause[], d: CalendarDate): ValidPause | undefined {
  return pauses.find((p) => p.from < d && d <= p.to);
}

/** Counts `n` working days after `from`, skipping paused working days, and returns the due date with a day-by-day trace. */
export function countWorkdays(cal: HolidayCalendar, from: string, n: number, pauses: readonly Pause[] = []): WorkdayCount {
  const anchor = parseCalendarDate(from, '起算日');
  const workdays = parseWorkdayCount(n);
  const valid = parsePauses(pauses);
  const days: CountedDay[] = [{ ...classifyCalendarDate(cal, anchor), status: 'anchor', ordinal: null, pauseReason: null }];
  let counted = 0;
  let provisional = false;
  let d = anchor;
  while (counted < workdays) {
    d = addDays(d, 1);
    const day = classifyCalendarDate(cal, d);
    provisional ||= day.provisional;
    const pause = day.workday ? pauseCovering(valid, d) : undefined;
    if (!day.workday) {
      days.push({ ...day, status: 'not_workday', ordinal: null, pauseReason: null });
    } else if (pause !== undefined) {
      days.push({ ...day, status: 'paused', ordinal: null, pauseReason: pause.reason });
    } else {
      counted += 1;
      days.push({ ...day, status: 'counted', ordinal: counted, pauseReason: null });
    }
  }
  return { from: anchor, workdays, due: d, provisional, days };
}

/** The N-th working day after `from` (the last day allowed), with optional pauses; `n = 0` returns `from`. */
export function addWorkdays(cal: HolidayCalendar, from: string, n: number, pauses: readonly Pause[] = []): CalendarDate {
  return countWorkdays(cal, from, n, pauses).due;
}
