/** Calendar dates the law counts are dates in Asia/Shanghai (UTC+8, no daylight saving). */
import { addDays, parseCalendarDate } from '../domain/calendar/index.ts';

/** Today's date in China for an instant. */
export function chinaDateOf(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A calendar date some days later (or earlier), by the domain's calendar arithmetic. */
export function shiftDate(dateOn: string, days: number): string {
  return addDays(parseCalendarDate(dateOn), days);
}
