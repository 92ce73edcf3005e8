/**
 * Deadlines on the current calendar, for the console calculator, the CLI and the JSON API.
 * The rules themselves are in domain/calendar; this only supplies today's calendar.
 */
import {
  classifyDay,
  computePublicationDeadline,
  computeRequestDeadline,
  countWorkdays,
  determineReceiptDate,
  parseWorkdayCount,
  CalendarInputError,
  type ReceiptFacts,
  type RequestDeadlineInput,
} from '../domain/calendar/index.ts';
import { ValidationError } from './errors.ts';
import type { CalendarService } from './manage-calendar.ts';

function inputError(e: unknown): never {
  if (e instanceof CalendarInputError) throw new ValidationError(e.message, { input: e.problems.join('\n') });
  throw e;
}

/** Creates the deadline computations over the calendar service. */
export function createDeadlineService(calendar: CalendarService) {
  return {
    /** The reply deadline of a request (条例第三十三条) with its explanation. */
    async requestDeadline(input: RequestDeadlineInput) {
      const { calendar: cal } = await calendar.current();
      try {
        return computeRequestDeadline(cal, input);
      } catch (e) {
        return inputError(e);
      }
    },
    /** The receipt date of a request by channel (条例第三十一条). */
    receiptDate(facts: ReceiptFacts) {
      try {
        return determineReceiptDate(facts);
      } catch (e) {
        return inputError(e);
      }
    },
    /** N working days after a date: the due date and whether it is provisional. */
    async addWorkdays(from: string, n: unknown) {
      const { calendar: cal } = await calendar.current();
      try {
        const count = countWorkdays(cal, from, parseWorkdayCount(n));
        return { from: count.days[0]?.date ?? from, workdays: Number(n), date: count.due, provisional: count.days.some((d) => d.provisional) };
      } catch (e) {
        return inputError(e);
      }
    },
    /** What the calendar says about one date. */
    async checkDay(date: string) {
      const { calendar: cal } = await calendar.current();
      try {
        const c = classifyDay(cal, date);
        return { date: c.date, workday: c.workday, kind: c.kind, ...(c.provisional && { provisional: true }), ...(c.holidayName && { holiday: c.holidayName }) };
      } catch (e) {
        return inputError(e);
      }
    },
    /** The publication deadline of a proactive item (条例第二十六条). */
    async publicationDeadline(formedOn: string) {
      const { calendar: cal } = await calendar.current();
      try {
        return computePublicationDeadline(cal, formedOn);
      } catch (e) {
        return inputError(e);
      }
    },
  };
}

export type DeadlineService = ReturnType<typeof createDeadlineService>;
