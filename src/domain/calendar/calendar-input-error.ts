/**
 * The one error type of the statutory clock: bad dates, bad counts, bad events or a bad holiday
 * table. Callers (CLI, web, services) catch it by class and show `message`, which is Chinese and
 * written for the clerk who typed the input.
 */

/** Machine-readable reasons a calendar input was rejected. */
export const CALENDAR_INPUT_ERROR_CODES = [
  'invalid_date',
  'invalid_range',
  'invalid_count',
  'invalid_event',
  'unknown_event',
  'invalid_channel',
  'missing_date',
  'before_regulations',
  'invalid_holiday_data',
] as const;

/** A reason code from `CALENDAR_INPUT_ERROR_CODES`. */
export type CalendarInputErrorCode = (typeof CALENDAR_INPUT_ERROR_CODES)[number];

/** Input to a calendar function was malformed or contradicts the regulations; `message` is Chinese. */
export class CalendarInputError extends Error {
  override readonly name = 'CalendarInputError';
  readonly code: CalendarInputErrorCode;
  /** Every individual problem, for inputs (like the holiday table) that can have many at once. */
  readonly problems: readonly string[];

  constructor(code: CalendarInputErrorCode, message: string, problems: readonly string[] = [message]) {
    super(message);
    this.code = code;
    this.problems = problems;
  }
}
