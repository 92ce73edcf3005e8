/**
 * Import of holiday calendars published as iCalendar (.ics): all-day events whose summary marks
 * a day off (“春节(休)”, “国庆节 假期”) or a make-up workday (“春节(班)”, “上班（调休）”). Events are
 * grouped into the notice year: a day in late December that belongs to 元旦 goes to the next year.
 */
import { CalendarInputError } from './calendar-input-error.ts';
import { addDays, compareDates, monthOf, parseCalendarDate, yearOf, type CalendarDate } from './calendar-date.ts';
import type { HolidayArrangement } from './holiday-data.ts';

/** Arrangements found in an .ics file, by notice year. */
export type IcsYears = Map<number, HolidayArrangement[]>;

function unfold(text: string): string[] {
  // RFC 5545 §3.1: a line beginning with a space or tab continues the previous one.
  return text.replace(/\r\n/g, '\n').replace(/\n[ \t]/g, '').split('\n');
}

function icsDate(value: string): CalendarDate {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(value.trim());
  if (!m) throw new CalendarInputError('invalid_date', `无法识别的日期“${value}”`);
  return parseCalendarDate(`${m[1]}-${m[2]}-${m[3]}`);
}

function classify(summary: string, description: string): { kind: 'off' | 'work'; name: string } | undefined {
  const text = `${summary} ${description}`;
  const isWork = /[（(]\s*班\s*[）)]|上班|补班|调休上班/.test(text);
  const isOff = /[（(]\s*休\s*[）)]|放假|假期|休息|休$/.test(text);
  if (!isWork && !isOff) return undefined;
  const name = summary.replace(/[（(][^）)]*[）)]/g, '').replace(/假期.*$|放假.*$|上班.*$|补班.*$|第\d+天.*$/g, '').trim() || '节假日';
  return { kind: isWork ? 'work' : 'off', name };
}

/** Parses an .ics text into arrangements by notice year, or throws a CalendarInputError in Chinese. */
export function parseHolidayIcs(text: string): IcsYears {
  if (!/BEGIN:VCALENDAR/.test(text)) throw new CalendarInputError('invalid_holiday_data', '不是 iCalendar（.ics）文件：缺少 BEGIN:VCALENDAR');
  const problems: string[] = [];
  const byYear: IcsYears = new Map();
  let event: Record<string, string> | undefined;
  let n = 0;
  for (const line of unfold(text)) {
    if (line === 'BEGIN:VEVENT') {
      event = {};
      n++;
      continue;
    }
    if (line === 'END:VEVENT' && event) {
      try {
        const kind = classify(event['SUMMARY'] ?? '', event['DESCRIPTION'] ?? '');
        if (!kind) throw new CalendarInputError('invalid_holiday_data', `无法判断“${event['SUMMARY'] ?? ''}”是放假还是上班`);
        const start = icsDate(event['DTSTART'] ?? '');
        // DTEND of an all-day event is exclusive (RFC 5545 §3.6.1); without it the event is one day.
        const end = event['DTEND'] ? addDays(icsDate(event['DTEND']), -1) : start;
        for (let d = start; compareDates(d, end) <= 0; d = addDays(d, 1)) {
          const year = monthOf(d) === 12 && kind.name.includes('元旦') ? yearOf(d) + 1 : yearOf(d);
          const list = byYear.get(year) ?? [];
          let h = list.find((x) => x.name === kind.name);
          if (!h) {
            h = { name: kind.name, offDays: [], makeupWorkdays: [] };
            list.push(h);
          }
          (kind.kind === 'off' ? (h.offDays as CalendarDate[]) : (h.makeupWorkdays as CalendarDate[])).push(d);
          byYear.set(year, list);
        }
      } catch (e) {
        problems.push(`第 ${n} 个事件：${e instanceof Error ? e.message : String(e)}`);
      }
      event = undefined;
      continue;
    }
    if (event) {
      const m = /^([A-Z-]+)(?:;[^:]*)?:(.*)$/.exec(line);
      if (m) event[m[1]!] = m[2]!.replace(/\\,/g, ',').replace(/\\n/gi, ' ');
    }
  }
  if (problems.length > 0) throw new CalendarInputError('invalid_holiday_data', `日历文件有 ${problems.length} 处错误：${problems.slice(0, 5).join('；')}`, problems);
  if (byYear.size === 0) throw new CalendarInputError('invalid_holiday_data', '日历文件中没有放假或调休上班的事件');
  for (const list of byYear.values()) for (const h of list) {
    (h.offDays as CalendarDate[]).sort(compareDates);
    (h.makeupWorkdays as CalendarDate[]).sort(compareDates);
  }
  return byYear;
}
