/**
 * The official holiday arrangements (国务院办公厅关于××年部分节假日安排的通知) as data, and the
 * validator for `resources/calendar/cn-holidays.json`. The caller reads and `JSON.parse`s the file
 * (or a row set from the database) and hands the result here; this module does no IO.
 */
import { CalendarInputError } from './calendar-input-error.ts';
import { isCalendarDate, monthOf, yearOf, type CalendarDate } from './calendar-date.ts';

/** One notice of the State Council (General Office) that fixes a year's days off and make-up workdays. */
export interface HolidayNotice {
  readonly title: string;
  readonly url: string;
  /** 发文字号, e.g. 国办发明电〔2024〕12号, where known. */
  readonly docNumber?: string;
  /** 成文日期 (the date under the signature), where verified. */
  readonly issuedOn?: CalendarDate;
  /** Other addresses of the same notice (older gov.cn paths). */
  readonly otherUrls?: readonly string[];
}

/** One holiday of a notice: the days off (放假) and the weekend days worked instead (调休上班). */
export interface HolidayArrangement {
  readonly name: string;
  readonly offDays: readonly CalendarDate[];
  readonly makeupWorkdays: readonly CalendarDate[];
}

/** Everything the notices of one year say; dates may lie in the previous December. */
export interface HolidayYear {
  readonly year: number;
  readonly notices: readonly HolidayNotice[];
  readonly holidays: readonly HolidayArrangement[];
  /** Where the days were taken from and what they were checked against. */
  readonly sources: readonly string[];
  readonly note?: string;
}

/** The validated holiday table: one entry per notice year, in ascending order. */
export interface HolidayData {
  readonly version: 1;
  readonly years: readonly HolidayYear[];
}

type Problems = string[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function isHttpUrl(value: unknown): value is string {
  return typeof value === 'string' && /^https?:\/\/\S+$/.test(value);
}

function parseNotice(raw: unknown, where: string, problems: Problems): HolidayNotice | undefined {
  if (!isRecord(raw)) {
    problems.push(`${where}：通知应为对象`);
    return undefined;
  }
  const before = problems.length;
  if (!isNonEmptyString(raw['title'])) problems.push(`${where}：缺少通知标题 title`);
  if (!isHttpUrl(raw['url'])) problems.push(`${where}：缺少通知网址 url（http/https）`);
  if (raw['docNumber'] !== undefined && !isNonEmptyString(raw['docNumber'])) problems.push(`${where}：发文字号 docNumber 应为非空字符串`);
  if (raw['issuedOn'] !== undefined && !isCalendarDate(raw['issuedOn'])) problems.push(`${where}：成文日期 issuedOn 不是有效日期`);
  const otherUrls = raw['otherUrls'];
  if (otherUrls !== undefined && !(Array.isArray(otherUrls) && otherUrls.every(isHttpUrl))) {
    problems.push(`${where}：otherUrls 应为网址数组`);
  }
  if (problems.length > before) return undefined;
  return {
    title: raw['title'] as string,
    url: raw['url'] as string,
    ...(raw['docNumber'] !== undefined ? { docNumber: raw['docNumber'] as string } : {}),
    ...(raw['issuedOn'] !== undefined ? { issuedOn: raw['issuedOn'] as CalendarDate } : {}),
    ...(otherUrls !== undefined ? { otherUrls: otherUrls as string[] } : {}),
  };
}

function parseDates(raw: unknown, year: number, where: string, problems: Problems): CalendarDate[] {
  if (!Array.isArray(raw)) {
    problems.push(`${where}：应为日期数组`);
    return [];
  }
  const dates: CalendarDate[] = [];
  for (const value of raw) {
    if (!isCalendarDate(value)) {
      problems.push(`${where}：“${String(value)}”不是有效日期（YYYY-MM-DD）`);
      continue;
    }
    // A notice covers its own year and, around New Year, days of the previous December
    // (e.g. the 2019 notice: 2018-12-29 上班、2018-12-30/31 放假).
    const inYear = yearOf(value) === year || (yearOf(value) === year - 1 && monthOf(value) === 12);
    if (!inYear) problems.push(`${where}：${value} 不属于 ${year} 年的通知（只能是该年或上一年12月的日期）`);
    dates.push(value);
  }
  return dates;
}

function parseArrangement(raw: unknown, year: number, where: string, problems: Problems): HolidayArrangement | undefined {
  if (!isRecord(raw)) {
    problems.push(`${where}：节日安排应为对象`);
    return undefined;
  }
  if (!isNonEmptyString(raw['name'])) problems.push(`${where}：缺少节日名称 name`);
  const name = isNonEmptyString(raw['name']) ? raw['name'] : '?';
  const offDays = parseDates(raw['offDays'], year, `${where}（${name}）offDays`, problems);
  const makeupWorkdays = parseDates(raw['makeupWorkdays'], year, `${where}（${name}）makeupWorkdays`, problems);
  return { name, offDays, makeupWorkdays };
}

function parseYear(key: string, raw: unknown, problems: Problems): HolidayYear | undefined {
  if (!/^\d{4}$/.test(key)) {
    problems.push(`years 的键“${key}”不是四位年份`);
    return undefined;
  }
  const year = Number(key);
  const where = `${year}年`;
  if (!isRecord(raw)) {
    problems.push(`${where}：应为对象`);
    return undefined;
  }
  const notices: HolidayNotice[] = [];
  if (!Array.isArray(raw['notices']) || raw['notices'].length === 0) {
    problems.push(`${where}：至少需要一份通知（notices，含标题和网址）`);
  } else {
    raw['notices'].forEach((n, i) => {
      const notice = parseNotice(n, `${where} 第${i + 1}份通知`, problems);
      if (notice) notices.push(notice);
    });
  }
  const sources = raw['sources'];
  if (!Array.isArray(sources) || sources.length === 0 || !sources.every(isNonEmptyString)) {
    problems.push(`${where}：sources 应列出数据来源（非空字符串数组）`);
  }
  if (raw['note'] !== undefined && typeof raw['note'] !== 'string') problems.push(`${where}：note 应为字符串`);
  const holidays: HolidayArrangement[] = [];
  if (!Array.isArray(raw['holidays']) || raw['holidays'].length === 0) {
    problems.push(`${where}：holidays 应为非空数组`);
  } else {
    raw['holidays'].forEach((h, i) => {
      const arrangement = parseArrangement(h, year, `${where} 第${i + 1}个节日`, problems);
      if (arrangement) holidays.push(arrangement);
    });
  }
  return {
    year,
    notices,
    holidays,
    sources: Array.isArray(sources) ? sources.filter(isNonEmptyString) : [],
    ...(typeof raw['note'] === 'string' ? { note: raw['note'] } : {}),
  };
}

function checkNoDateTwice(years: readonly HolidayYear[], problems: Problems): void {
  const seen = new Map<CalendarDate, string>();
  for (const y of years) {
    for (const h of y.holidays) {
      const entries: [CalendarDate, string][] = [
        ...h.offDays.map((d): [CalendarDate, string] => [d, `${y.year}年通知 ${h.name} 放假`]),
        ...h.makeupWorkdays.map((d): [CalendarDate, string] => [d, `${y.year}年通知 ${h.name} 调休上班`]),
      ];
      for (const [date, label] of entries) {
        const earlier = seen.get(date);
        if (earlier !== undefined) problems.push(`${date} 重复出现：${earlier}；${label}（一个日期不能既放假又上班，也不能重复列出）`);
        else seen.set(date, label);
      }
    }
  }
}

/** Validates the parsed holiday JSON and returns it typed, or throws one `CalendarInputError` listing every problem. */
export function parseHolidayData(raw: unknown): HolidayData {
  const problems: Problems = [];
  if (!isRecord(raw)) {
    throw new CalendarInputError('invalid_holiday_data', '节假日数据应为 JSON 对象。');
  }
  if (raw['version'] !== 1) problems.push(`不支持的数据版本 version=${String(raw['version'])}（应为 1）`);
  const years: HolidayYear[] = [];
  if (!isRecord(raw['years'])) {
    problems.push('缺少 years 对象');
  } else {
    for (const [key, value] of Object.entries(raw['years'])) {
      const year = parseYear(key, value, problems);
      if (year) years.push(year);
    }
  }
  years.sort((a, b) => a.year - b.year);
  checkNoDateTwice(years, problems);
  if (problems.length > 0) {
    throw new CalendarInputError(
      'invalid_holiday_data',
      `节假日数据有 ${problems.length} 处错误：${problems.slice(0, 5).join('；')}${problems.length > 5 ? '……' : ''}`,
      problems,
    );
  }
  return { version: 1, years };
}
