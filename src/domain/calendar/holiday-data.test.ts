import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CalendarInputError } from './calendar-input-error.ts';
import { parseHolidayData, type HolidayData } from './holiday-data.ts';
import { classifyDay, createHolidayCalendar } from './holiday-calendar.ts';

const raw: unknown = JSON.parse(readFileSync(new URL('../../../resources/calendar/cn-holidays.json', import.meta.url), 'utf8'));
const data: HolidayData = parseHolidayData(raw);
const cal = createHolidayCalendar(data);

// One weekend make-up workday (调休上班) from each year's notice.
const knownMakeupWeekends: Record<number, string> = {
  2008: '2008-05-04', 2009: '2009-01-04', 2010: '2010-02-20', 2011: '2011-01-30', 2012: '2012-01-21',
  2013: '2013-01-05', 2014: '2014-01-26', 2015: '2015-01-04', 2016: '2016-02-06', 2017: '2017-01-22',
  2018: '2018-02-11', 2019: '2019-02-02', 2020: '2020-01-19', 2021: '2021-02-07', 2022: '2022-01-29',
  2023: '2023-01-28', 2024: '2024-02-04', 2025: '2025-01-26', 2026: '2026-02-14',
};

test('cn-holidays.json covers every notice year 2008–2026 and no other', () => {
  assert.deepEqual(data.years.map((y) => y.year), Array.from({ length: 19 }, (_, i) => 2008 + i));
});

test('every year: a notice with title and URL, its sources, New Year and National Day off, a make-up weekend worked (国办通知)', () => {
  for (const y of data.years) {
    const label = `${y.year}年`;
    assert.ok(y.notices.length >= 1, `${label}: at least one notice`);
    for (const n of y.notices) {
      assert.ok(n.title.length > 0, `${label}: notice title`);
      assert.match(n.url, /^https?:\/\/www\.gov\.cn\//, `${label}: notice URL on gov.cn`);
    }
    assert.ok(y.notices.some((n) => n.title.includes(`${y.year}年`)), `${label}: a notice names the year`);
    assert.ok(y.sources.length >= 1, `${label}: source recorded`);
    assert.equal(classifyDay(cal, `${y.year}-01-01`).kind, 'holiday', `${label}: 元旦 1月1日放假`);
    assert.equal(classifyDay(cal, `${y.year}-10-01`).kind, 'holiday', `${label}: 国庆节 10月1日放假`);
    const makeup = knownMakeupWeekends[y.year];
    assert.ok(makeup, `${label}: test table has a make-up day`);
    const day = classifyDay(cal, makeup);
    assert.equal(day.kind, 'makeup_workday', `${label}: ${makeup} 调休上班`);
    assert.equal(day.workday, true, `${label}: ${makeup} is a working day`);
    assert.equal(day.provisional, false, `${label}: official data is not provisional`);
  }
});

test('no date is both a day off and a make-up workday, and none is listed twice', () => {
  const off = data.years.flatMap((y) => y.holidays.flatMap((h) => h.offDays));
  const makeup = data.years.flatMap((y) => y.holidays.flatMap((h) => h.makeupWorkdays));
  assert.equal(new Set(off).size, off.length, 'offDays unique');
  assert.equal(new Set(makeup).size, makeup.length, 'makeupWorkdays unique');
  assert.deepEqual(off.filter((x) => makeup.includes(x)), []);
});

test('notices keep days of the previous December under the notice year (2008, 2012, 2019, 2023 notices)', () => {
  const cases: [number, string, 'off' | 'makeup'][] = [
    [2008, '2007-12-29', 'makeup'],
    [2008, '2007-12-31', 'off'],
    [2012, '2011-12-31', 'makeup'],
    [2019, '2018-12-29', 'makeup'],
    [2019, '2018-12-30', 'off'],
    [2023, '2022-12-31', 'off'],
  ];
  for (const [year, date, what] of cases) {
    const y = data.years.find((x) => x.year === year);
    const list = y?.holidays.flatMap((h) => (what === 'off' ? h.offDays : h.makeupWorkdays)) ?? [];
    assert.ok((list as readonly string[]).includes(date), `${year}年通知 lists ${date} as ${what}`);
  }
});

test('2015 and 2019 and 2020 carry their second notices (抗战胜利70周年、劳动节调整、春节延长)', () => {
  const titles = (year: number) => data.years.find((y) => y.year === year)?.notices.map((n) => n.title) ?? [];
  assert.ok(titles(2015).some((t) => t.includes('反法西斯战争胜利70周年')));
  assert.ok(titles(2019).some((t) => t.includes('调整2019年劳动节')));
  assert.ok(titles(2020).some((t) => t.includes('延长2020年春节假期')));
});

test('cross-check: working-day status equals chinese-days for every date 2008-01-01…2026-12-31', () => {
  const cd = JSON.parse(readFileSync(new URL('../../../node_modules/chinese-days/dist/chinese-days.json', import.meta.url), 'utf8')) as {
    holidays: Record<string, string>;
    workdays: Record<string, string>;
  };
  const mismatches: string[] = [];
  for (let t = Date.UTC(2008, 0, 1); t <= Date.UTC(2026, 11, 31); t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    const dow = new Date(t).getUTCDay();
    const theirs = date in cd.workdays ? true : date in cd.holidays ? false : dow !== 0 && dow !== 6;
    if (classifyDay(cal, date).workday !== theirs) mismatches.push(date);
  }
  assert.deepEqual(mismatches, []);
});

function withYear(patch: (year: Record<string, unknown>) => void): unknown {
  const copy = structuredClone(raw) as { years: Record<string, Record<string, unknown>> };
  patch(copy.years['2019']!);
  return copy;
}

test('validator rejects broken holiday data with Chinese messages (数据校验)', () => {
  const cases: [string, unknown, string][] = [
    ['not an object', [], 'JSON 对象'],
    ['wrong version', { version: 2, years: {} }, 'version'],
    ['malformed date', withYear((y) => ((y['holidays'] as { offDays: string[] }[])[0]!.offDays = ['2019-02-30'])), '不是有效日期'],
    ['date both off and make-up', withYear((y) => ((y['holidays'] as { makeupWorkdays: string[] }[])[0]!.makeupWorkdays = ['2019-01-01'])), '重复出现'],
    ['date outside the notice year', withYear((y) => ((y['holidays'] as { offDays: string[] }[])[0]!.offDays = ['2018-11-30'])), '不属于 2019 年的通知'],
    ['notice without URL', withYear((y) => (y['notices'] = [{ title: 'x' }])), 'url'],
    ['no notices', withYear((y) => (y['notices'] = [])), '至少需要一份通知'],
    ['no sources', withYear((y) => (y['sources'] = [])), 'sources'],
  ];
  for (const [label, input, fragment] of cases) {
    assert.throws(
      () => parseHolidayData(input),
      (e: unknown) =>
        e instanceof CalendarInputError &&
        e.code === 'invalid_holiday_data' &&
        (e.message.includes(fragment) || e.problems.some((p) => p.includes(fragment))),
      label,
    );
  }
});
