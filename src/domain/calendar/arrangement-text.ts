/**
 * The line format staff type in the console's calendar form, close to the wording of the
 * notices themselves, one holiday per line:
 *   春节：2026-02-15至2026-02-23放假；2026-02-14、2026-02-28上班
 *   清明节：2026-04-04至2026-04-06放假
 * Dates may be listed with 、 or ， and spans written with 至 or ~. Parsing and formatting are
 * inverse to each other, so the form can show the stored year and take it back unchanged.
 */
import { CalendarInputError } from './calendar-input-error.ts';
import { addDays, compareDates, parseCalendarDate, toDayNumber, type CalendarDate } from './calendar-date.ts';
import type { HolidayArrangement } from './holiday-data.ts';

function parseDateList(text: string, where: string, problems: string[]): CalendarDate[] {
  const out: CalendarDate[] = [];
  for (const part of text.split(/[、，,；;\s]+/).filter(Boolean)) {
    const span = part.split(/至|~|～|—|–/);
    try {
      if (span.length === 2) {
        const from = parseCalendarDate(span[0]!.trim(), '起始日期');
        const to = parseCalendarDate(span[1]!.trim(), '结束日期');
        if (compareDates(to, from) < 0) throw new CalendarInputError('invalid_range', `${part} 的结束日期早于起始日期`);
        if (toDayNumber(to) - toDayNumber(from) > 40) throw new CalendarInputError('invalid_range', `${part} 超过 40 天，请核对`);
        for (let d = from; compareDates(d, to) <= 0; d = addDays(d, 1)) out.push(d);
      } else if (span.length === 1) {
        out.push(parseCalendarDate(part, '日期'));
      } else {
        throw new CalendarInputError('invalid_date', `无法识别“${part}”`);
      }
    } catch (e) {
      problems.push(`${where}：${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return out;
}

/** Parses the form's lines into arrangements, or throws one CalendarInputError listing every problem. */
export function parseArrangementLines(text: string): HolidayArrangement[] {
  const problems: string[] = [];
  const out: HolidayArrangement[] = [];
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .forEach((line, i) => {
      const where = `第 ${i + 1} 行`;
      const m = /^([^：:]+)[：:](.*)$/.exec(line);
      if (!m) {
        problems.push(`${where}：应以“节日名称：”开头，如“春节：2026-02-15至2026-02-23放假；2026-02-14、2026-02-28上班”`);
        return;
      }
      const name = m[1]!.trim();
      const before = problems.length;
      let offDays: CalendarDate[] = [];
      let makeupWorkdays: CalendarDate[] = [];
      for (const clause of m[2]!.split(/[；;]/).map((c) => c.trim()).filter(Boolean)) {
        const off = /^(.*?)(放假|休息|休)$/.exec(clause);
        const work = /^(.*?)(调休上班|上班|班)$/.exec(clause);
        if (work) makeupWorkdays = makeupWorkdays.concat(parseDateList(work[1]!, `${where}（${name}）`, problems));
        else if (off) offDays = offDays.concat(parseDateList(off[1]!, `${where}（${name}）`, problems));
        else problems.push(`${where}（${name}）：“${clause}”须以“放假”或“上班”结尾`);
      }
      if (offDays.length === 0 && problems.length === before) problems.push(`${where}（${name}）：没有放假日期`);
      out.push({ name, offDays, makeupWorkdays });
    });
  if (out.length === 0 && problems.length === 0) problems.push('请至少填写一个节日的安排');
  if (problems.length > 0) {
    throw new CalendarInputError('invalid_holiday_data', `节假日安排有 ${problems.length} 处错误：${problems.slice(0, 5).join('；')}`, problems);
  }
  return out;
}

function formatDateList(dates: readonly CalendarDate[]): string {
  const sorted = [...dates].sort(compareDates);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && toDayNumber(sorted[j + 1]!) === toDayNumber(sorted[j]!) + 1) j++;
    parts.push(j - i >= 2 ? `${sorted[i]}至${sorted[j]}` : sorted.slice(i, j + 1).join('、'));
    i = j + 1;
  }
  return parts.join('、');
}

/** Formats arrangements as the form's lines (the inverse of parseArrangementLines). */
export function formatArrangementLines(holidays: readonly HolidayArrangement[]): string {
  return holidays
    .map((h) => `${h.name}：${formatDateList(h.offDays)}放假${h.makeupWorkdays.length ? `；${formatDateList(h.makeupWorkdays)}上班` : ''}`)
    .join('\n');
}
