import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CalendarInputError } from './calendar-input-error.ts';
import { parseHolidayData } from './holiday-data.ts';
import { createHolidayCalendar } from './holiday-calendar.ts';
import { computePublicationDeadline } from './publication-deadline.ts';

const cal = createHolidayCalendar(
  parseHolidayData(JSON.parse(readFileSync(new URL('../../../resources/calendar/cn-holidays.json', import.meta.url), 'utf8'))),
);

const cases: [rule: string, formedOn: string, regime: '2008' | '2019', due: string, article: string][] = [
  ['条例第二十六条: 20 working days over 春节 2024', '2024-01-26', '2019', '2024-02-28', '第二十六条'],
  ['2008年条例第十八条: formed 2019-05-14, before the revision took effect', '2019-05-14', '2008', '2019-06-12', '第十八条'],
  ['条例第二十六条: formed on the day the revision took effect', '2019-05-15', '2019', '2019-06-13', '第二十六条'],
  ['条例第二十六条: formed on a holiday (2025-10-01): count starts the next day, make-up Saturday 10-11 counts', '2025-10-01', '2019', '2025-11-04', '第二十六条'],
];

for (const [rule, formedOn, regime, due, article] of cases) {
  test(`computePublicationDeadline — ${rule}`, () => {
    const r = computePublicationDeadline(cal, formedOn);
    assert.equal(r.regime, regime);
    assert.equal(r.due, due);
    assert.equal(r.provisional, false);
    assert.ok(r.explanation.some((l) => l.text.includes(article)));
    assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
  });
}

test('computePublicationDeadline rejects dates before the regulations took effect (2008-05-01) and malformed dates', () => {
  assert.throws(() => computePublicationDeadline(cal, '2008-04-30'), (e: unknown) => e instanceof CalendarInputError && e.code === 'before_regulations');
  assert.throws(() => computePublicationDeadline(cal, 'yesterday'), (e: unknown) => e instanceof CalendarInputError && e.code === 'invalid_date');
});
