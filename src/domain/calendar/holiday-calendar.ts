/**
 * The working-day calendar the statutory periods are counted on. “工作日” in the regulations is not
 * defined there; it is read as the State Council's arrangement: Monday to Friday, minus the days off
 * of the year's notice, plus its make-up workdays (调休上班日). See domain-reference §7.
 */
import { isWeekend, monthOf, parseCalendarDate, yearOf, type CalendarDate } from './calendar-date.ts';
import type { HolidayData } from './holiday-data.ts';

/** How a day is treated: an ordinary working day, a weekend, an official day off, or a weekend worked instead. */
export const DAY_KINDS = ['workday', 'weekend', 'holiday', 'makeup_workday'] as const;

/** One of `DAY_KINDS`. */
export type DayKind = (typeof DAY_KINDS)[number];

/** The official working-day calendar built from the holiday notices. */
export interface HolidayCalendar {
  /** Years for which a notice is on file (the notice's own year, not the dates' years). */
  readonly coveredYears: ReadonlySet<number>;
  /** Official days off, with the holiday's name. */
  readonly offDays: ReadonlyMap<CalendarDate, string>;
  /** Official make-up workdays, with the holiday they make up for. */
  readonly makeupWorkdays: ReadonlyMap<CalendarDate, string>;
}

/** What the calendar says about one date. */
export interface DayClassification {
  readonly date: CalendarDate;
  readonly kind: DayKind;
  readonly workday: boolean;
  /** True when a notice that could still change the date is missing (its year, or the next year for late December). */
  readonly provisional: boolean;
  /** The holiday a day off or make-up workday belongs to, else null. */
  readonly holidayName: string | null;
}

/** Builds the calendar value from validated holiday data. */
export function createHolidayCalendar(data: HolidayData): HolidayCalendar {
  const offDays = new Map<CalendarDate, string>();
  const makeupWorkdays = new Map<CalendarDate, string>();
  for (const year of data.years) {
    for (const holiday of year.holidays) {
      for (const d of holiday.offDays) offDays.set(d, holiday.name);
      for (const d of holiday.makeupWorkdays) makeupWorkdays.set(d, holiday.name);
    }
  }
  return { coveredYears: new Set(data.years.map((y) => y.year)), offDays, makeupWorkdays };
}

// The next year's notice has reached back into December only around New Year: 2007-12-29/30/31,
// 2011-12-31, 2018-12-29/30/31, 2022-12-31. From the 18th on, a late-December date is provisional
// until that notice is on file — two weeks' margin for a make-up weekend a week before New Year.
const NEXT_NOTICE_REACHES_BACK_TO_DAY = 18;

/** Whether the official arrangement for a date is known: its year has a notice, and for late-December days the next year too. */
export function isCoveredByNotices(cal: HolidayCalendar, date: CalendarDate): boolean {
  if (cal.offDays.has(date) || cal.makeupWorkdays.has(date)) return true;
  const year = yearOf(date);
  if (!cal.coveredYears.has(year)) return false;
  // holiday-cn README: “12 月份的日期可能会被下一年的文件影响”
  const lateDecember = monthOf(date) === 12 && Number(date.slice(8, 10)) >= NEXT_NOTICE_REACHES_BACK_TO_DAY;
  return !lateDecember || cal.coveredYears.has(year + 1);
}

/** Classifies a date as workday, weekend, holiday or make-up workday; dates without a notice count weekends only and are provisional. */
export function classifyDay(cal: HolidayCalendar, date: string): DayClassification {
  return classifyCalendarDate(cal, parseCalendarDate(date));
}

/** `classifyDay` for a date that is already validated (used in counting loops). */
export function classifyCalendarDate(cal: HolidayCalendar, d: CalendarDate): DayClassification {
  const provisional = !isCoveredByNotices(cal, d);
  const makeup = cal.makeupWorkdays.get(d);
  if (makeup !== undefined) {
    // 调休上班 only changes anything on a Saturday or Sunday; a weekday listed as 上班
    // (holiday-cn lists 2020-02-03, a Monday) is simply a working day.
    return { date: d, kind: isWeekend(d) ? 'makeup_workday' : 'workday', workday: true, provisional, holidayName: makeup };
  }
  const off = cal.offDays.get(d);
  if (off !== undefined) return { date: d, kind: 'holiday', workday: false, provisional, holidayName: off };
  if (isWeekend(d)) return { date: d, kind: 'weekend', workday: false, provisional, holidayName: null };
  return { date: d, kind: 'workday', workday: true, provisional, holidayName: null };
}

/** Whether a date is a working day (工作日) on the official calendar. */
export function isWorkday(cal: HolidayCalendar, date: string): boolean {
  return classifyDay(cal, date).workday;
}
