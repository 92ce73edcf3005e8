import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CalendarInputError } from './calendar-input-error.ts';
import { parseHolidayData } from './holiday-data.ts';
import { classifyDay, createHolidayCalendar, isWorkday, type DayKind } from './holiday-calendar.ts';

const cal = createHolidayCalendar(
  parseHolidayData(JSON.parse(readFileSync(new URL('../../../resources/calendar/cn-holidays.json', import.meta.url), 'utf8'))),
);

type Case = [rule: string, date: string, kind: DayKind, workday: boolean, provisional: boolean];

const classifyCases: Case[] = [
  ['2026 notice: 2月14日（周六）上班 — make-up Saturday', '2026-02-14', 'makeup_workday', true, false],
  ['2026 notice: 春节 2月15日至23日放假 — Monday inside the span', '2026-02-16', 'holiday', false, false],
  ['2024 notice: 春节 2月10日至17日 — first day is a Saturday', '2024-02-10', 'holiday', false, false],
  ['2024 notice: 2月4日（星期日）上班 — make-up Sunday', '2024-02-04', 'makeup_workday', true, false],
  ['2025 notice: 国庆节、中秋节 10月1日至8日 — Wednesday 10-08 off', '2025-10-08', 'holiday', false, false],
  ['2025 notice: 10月11日（周六）上班', '2025-10-11', 'makeup_workday', true, false],
  ['ordinary Monday', '2025-09-22', 'workday', true, false],
  ['ordinary Sunday', '2025-09-21', 'weekend', false, false],
  ['2019 notice (year boundary): 2018年12月29日（星期六）上班', '2018-12-29', 'makeup_workday', true, false],
  ['2019 notice (year boundary): 2018年12月31日 放假', '2018-12-31', 'holiday', false, false],
  ['2012 notice (year boundary): 2011年12月31日（星期六）上班', '2011-12-31', 'makeup_workday', true, false],
  ['2008 notice (year boundary): 2007年12月29日 上班 — official although 2007 has no notice on file', '2007-12-29', 'makeup_workday', true, false],
  ['2023 notice (year boundary): 2022年12月31日 放假 (a Saturday)', '2022-12-31', 'holiday', false, false],
  ['2020 extension notice: 放假至2月2日 — 2月1日 no longer worked', '2020-02-01', 'holiday', false, false],
  ['2020 extension notice: 2月3日（星期一）起正常上班 — a weekday listed as 上班 is an ordinary workday', '2020-02-03', 'workday', true, false],
  ['2015 抗战胜利70周年 notice: 9月3日 放假', '2015-09-03', 'holiday', false, false],
  ['2015 抗战胜利70周年 notice: 9月6日（星期日）上班', '2015-09-06', 'makeup_workday', true, false],
  ['2019-05-14, last day of the 2008 regulations, is a Tuesday', '2019-05-14', 'workday', true, false],
  ['no 2027 notice yet: New Year’s Day 2027 counted as a plain Friday, provisional', '2027-01-01', 'workday', true, true],
  ['no 2027 notice yet: weekends still apply', '2027-01-02', 'weekend', false, true],
  ['late December 2026 may be moved by the 2027 notice: provisional', '2026-12-31', 'workday', true, true],
  ['early December 2026 is settled by the 2026 notice', '2026-12-01', 'workday', true, false],
  ['no notice before 2008 on file: provisional', '2005-03-01', 'workday', true, true],
];
for (const [rule, date, kind, workday, provisional] of classifyCases) {
  test(`classifyDay (Mon–Fri minus days off plus make-up days, 国办部分节假日安排通知) — ${rule}`, () => {
    const day = classifyDay(cal, date);
    assert.deepEqual({ kind: day.kind, workday: day.workday, provisional: day.provisional }, { kind, workday, provisional });
    assert.equal(isWorkday(cal, date), workday);
  });
}

test('classifyDay names the holiday a day belongs to', () => {
  assert.equal(classifyDay(cal, '2026-02-14').holidayName, '春节');
  assert.equal(classifyDay(cal, '2025-10-01').holidayName, '国庆节、中秋节');
  assert.equal(classifyDay(cal, '2025-09-22').holidayName, null);
});

test('classifyDay rejects malformed dates with a CalendarInputError, never a crash', () => {
  for (const bad of ['2026-02-30', '2026/02/14', '', 'today']) {
    assert.throws(() => classifyDay(cal, bad), CalendarInputError, bad);
  }
});

test('Spring Festival and National Day spans: every day of the span is off (2024 春节、2025 国庆节)', () => {
  const spans: [string, string, string][] = [
    ['2024 春节：2月10日至17日放假调休，共8天', '2024-02-10', '2024-02-17'],
    ['2025 国庆节、中秋节：10月1日至8日放假调休，共8天', '2025-10-01', '2025-10-08'],
    ['2020 春节（含延长）：1月24日至2月2日', '2020-01-24', '2020-02-02'],
  ];
  for (const [rule, from, to] of spans) {
    for (let t = Date.parse(from); t <= Date.parse(to); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      assert.equal(classifyDay(cal, date).kind, 'holiday', `${rule}: ${date}`);
    }
  }
});
