/**
 * Calendar dates as the law counts them: `YYYY-MM-DD` strings (Asia/Shanghai civil dates), never a
 * JavaScript `Date`. Arithmetic is done on day numbers with integer formulas (H. Hinnant's
 * days_from_civil), so the host time zone can never shift a deadline by a day.
 */
import { CalendarInputError } from './calendar-input-error.ts';

declare const calendarDateBrand: unique symbol;

/** A validated ISO calendar date `YYYY-MM-DD`; plain strings become one through `parseCalendarDate`. */
export type CalendarDate = string & { readonly [calendarDateBrand]: true };

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;
const WEEKDAY_NAMES_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(dayNumber: number): [number, number, number] {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** Whether a value is a real calendar date written `YYYY-MM-DD` within the supported years (1900–2199). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (m === null) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Validates a `YYYY-MM-DD` string, throwing a `CalendarInputError` that names `label` when it is not a real date. */
export function parseCalendarDate(value: unknown, label = '日期'): CalendarDate {
  if (isCalendarDate(value)) return value;
  const shown = typeof value === 'string' ? `“${value}”` : String(value);
  throw new CalendarInputError(
    'invalid_date',
    `${label}${shown}不是有效日期：应为公历日期，格式 YYYY-MM-DD（例如 2025-09-22），年份在 ${MIN_YEAR}—${MAX_YEAR} 之间。`,
  );
}

/** The number of days from 1970-01-01 to a date (negative before it). */
export function toDayNumber(date: CalendarDate): number {
  return daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/** The calendar date that is `dayNumber` days after 1970-01-01. */
export function fromDayNumber(dayNumber: number): CalendarDate {
  const [y, m, d] = civilFromDays(dayNumber);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}` as CalendarDate;
}

/** The date `days` days after (or, if negative, before) `date`. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** The number of days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Orders two dates: negative if `a` is earlier, 0 if equal, positive if later. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The later of two dates. */
export function laterOf(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a >= b ? a : b;
}

/** The day of the week of a date, 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: CalendarDate): Weekday {
  // 1970-01-01 was a Thursday (4).
  return ((((toDayNumber(date) + 4) % 7) + 7) % 7) as Weekday;
}

/** Whether a date falls on a Saturday or a Sunday (公休日). */
export function isWeekend(date: CalendarDate): boolean {
  const w = weekdayOf(date);
  return w === 0 || w === 6;
}

/** The Chinese short weekday name of a date, e.g. “周六”. */
export function weekdayNameZh(date: CalendarDate): string {
  return WEEKDAY_NAMES_ZH[weekdayOf(date)];
}

/** The calendar year of a date. */
export function yearOf(date: CalendarDate): number {
  return Number(date.slice(0, 4));
}

/** The month (1–12) of a date. */
export function monthOf(date: CalendarDate): number {
  return Number(date.slice(5, 7));
}
