import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { formatArrangementLines, parseArrangementLines } from './arrangement-text.ts';
import { parseHolidayIcs } from './holiday-ics.ts';
import { CalendarInputError } from './calendar-input-error.ts';

test('console form lines: the 2026 Spring Festival as the notice words it', () => {
  const [h] = parseArrangementLines('春节：2026-02-15至2026-02-23放假；2026-02-14、2026-02-28上班');
  assert.equal(h!.name, '春节');
  assert.equal(h!.offDays.length, 9);
  assert.equal(h!.offDays[0], '2026-02-15');
  assert.equal(h!.offDays[8], '2026-02-23');
  assert.deepEqual(h!.makeupWorkdays, ['2026-02-14', '2026-02-28']);
});

test('console form lines: format and parse are inverse', () => {
  const text = ['元旦：2026-01-01至2026-01-03放假；2026-01-04上班', '清明节：2026-04-04至2026-04-06放假', '端午节：2026-06-19、2026-06-20放假'].join('\n');
  assert.equal(formatArrangementLines(parseArrangementLines(text)), text);
});

test('console form lines: every problem is reported in Chinese at once', () => {
  try {
    parseArrangementLines('春节 2026-02-15\n国庆节：2026-10-08至2026-10-01放假\n中秋节：2026-09-25休假日');
    assert.fail('should throw');
  } catch (e) {
    assert.ok(e instanceof CalendarInputError);
    assert.equal(e.problems.length, 3, e.problems.join('\n'));
    assert.match(e.problems[0]!, /第 1 行：应以“节日名称：”开头/);
    assert.match(e.problems[1]!, /结束日期早于起始日期/);
    assert.match(e.problems[2]!, /须以“放假”或“上班”结尾/);
  }
});

test('ICS import: the chinese-days calendar (RFC 5545 all-day events, exclusive DTEND) gives the notices’ days', () => {
  const years = parseHolidayIcs(readFileSync('node_modules/chinese-days/dist/holidays.ics', 'utf8'));
  const spring2026 = years.get(2026)!.find((h) => h.name === '春节')!;
  assert.equal(spring2026.offDays[0], '2026-02-15');
  assert.equal(spring2026.offDays.at(-1), '2026-02-23');
  assert.deepEqual(spring2026.makeupWorkdays, ['2026-02-14', '2026-02-28']);
  const newYear2026 = years.get(2026)!.find((h) => h.name === '元旦')!;
  assert.deepEqual(newYear2026.offDays, ['2026-01-01', '2026-01-02', '2026-01-03']);
});

test('ICS import: a late-December New Year day goes to the next year; folded lines; other wordings', () => {
  const ics = [
    'BEGIN:VCALENDAR',
    'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20221231', 'DTEND;VALUE=DATE:20230103', 'SUMMARY:元旦 假', ' 期', 'END:VEVENT',
    'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20230128', 'SUMMARY:春节 上班（调休）', 'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');
  const years = parseHolidayIcs(ics);
  assert.deepEqual([...years.keys()], [2023]);
  assert.deepEqual(years.get(2023)!.find((h) => h.name === '元旦')!.offDays, ['2022-12-31', '2023-01-01', '2023-01-02']);
  assert.deepEqual(years.get(2023)!.find((h) => h.name === '春节')!.makeupWorkdays, ['2023-01-28']);
  assert.throws(() => parseHolidayIcs('hello'), /不是 iCalendar/);
});
