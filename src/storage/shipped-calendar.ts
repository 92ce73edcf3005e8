/** Reads the holiday calendar shipped with the release (resources/calendar/cn-holidays.json). */
import { readFileSync } from 'node:fs';

const FILE = new URL('../../resources/calendar/cn-holidays.json', import.meta.url);

/** The parsed JSON of the shipped calendar file (validated by the calendar service). */
export function loadShippedCalendar(): unknown {
  return JSON.parse(readFileSync(FILE, 'utf8'));
}
