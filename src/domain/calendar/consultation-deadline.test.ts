import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CalendarInputError } from './calendar-input-error.ts';
import { parseHolidayData } from './holiday-data.ts';
import { createHolidayCalendar } from './holiday-calendar.ts';
import { computeConsultationDeadline, type ConsultedParty } from './consultation-deadline.ts';

const cal = createHolidayCalendar(
  parseHolidayData(JSON.parse(readFileSync(new URL('../../../resources/calendar/cn-holidays.json', import.meta.url), 'utf8'))),
);

const cases: [rule: string, party: ConsultedParty, letterReceivedOn: string, due: string, article: string][] = [
  ['条例第三十二条: third party has 15 working days (国庆节 2025 skipped, make-up days counted)', 'third_party', '2025-09-26', '2025-10-23', '第三十二条'],
  ['条例第三十四条: co-authoring agency has 15 working days, silence = consent', 'other_agency', '2025-09-26', '2025-10-23', '视为同意公开'],
];

for (const [rule, party, letterReceivedOn, due, article] of cases) {
  test(`computeConsultationDeadline — ${rule}`, () => {
    const r = computeConsultationDeadline(cal, party, letterReceivedOn);
    assert.equal(r.due, due);
    assert.ok(r.explanation.some((l) => l.text.includes(article)));
  });
}

test('computeConsultationDeadline: the 2008 regulations (第二十三条) set no period, so earlier letters are rejected', () => {
  assert.throws(
    () => computeConsultationDeadline(cal, 'third_party', '2019-05-14'),
    (e: unknown) => e instanceof CalendarInputError && e.code === 'before_regulations',
  );
  assert.throws(
    () => computeConsultationDeadline(cal, 'neighbour' as ConsultedParty, '2025-09-26'),
    (e: unknown) => e instanceof CalendarInputError && e.code === 'invalid_event',
  );
});
