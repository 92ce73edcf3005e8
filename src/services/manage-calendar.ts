/**
 * The working-day calendar as the system's source of truth: the shipped notices are loaded
 * into the database once per year (never over staff edits), staff add or correct years
 * (versioned and audited), and every deadline is computed on the current calendar. When a
 * year changes, listeners (open deadlines of requests and items) are told which years changed.
 */
import {
  createHolidayCalendar,
  parseHolidayData,
  parseArrangementLines,
  parseHolidayIcs,
  CalendarInputError,
  type HolidayCalendar,
  type HolidayData,
  type HolidayYear,
  type HolidayArrangement,
} from '../domain/calendar/index.ts';
import { requirePermission, SYSTEM_ACTOR } from './access-control.ts';
import { ValidationError } from './errors.ts';
import type { Actor, CalendarYearRecord, Clock, UnitOfWork } from './ports.ts';

export interface CalendarServiceDeps {
  uow: UnitOfWork;
  clock: Clock;
  /** The parsed JSON of the calendar file shipped with the release (resources/calendar/cn-holidays.json). */
  loadShipped: () => unknown;
}

export interface CurrentCalendar {
  calendar: HolidayCalendar;
  data: HolidayData;
  records: CalendarYearRecord[];
  revision: string;
}

/** A year as stored: the file's shape without the `year` key. */
export type StoredYear = Omit<HolidayYear, 'year'>;

export type CalendarChangeListener = (years: number[]) => Promise<void>;

function toStored(y: HolidayYear): StoredYear {
  const { year: _year, ...rest } = y;
  return rest;
}

function asCalendarError(e: unknown): never {
  if (e instanceof CalendarInputError) throw new ValidationError(e.message, { data: e.problems.join('\n') });
  throw e;
}

/** Creates the calendar service. */
export function createCalendarService(deps: CalendarServiceDeps) {
  let cache: CurrentCalendar | undefined;
  const listeners: CalendarChangeListener[] = [];

  async function current(): Promise<CurrentCalendar> {
    const revision = await deps.uow.read.calendar.revision();
    if (cache && cache.revision === revision) return cache;
    const records = await deps.uow.read.calendar.listYears();
    const data = parseHolidayData({ version: 1, years: Object.fromEntries(records.map((r) => [String(r.year), r.data])) });
    cache = { calendar: createHolidayCalendar(data), data, records, revision };
    return cache;
  }

  /** Validates one year against all the others (a date may appear only once in the whole table). */
  function validateYear(all: CalendarYearRecord[], year: number, stored: unknown): HolidayYear {
    const years = Object.fromEntries(all.filter((r) => r.year !== year).map((r) => [String(r.year), r.data]));
    years[String(year)] = stored;
    try {
      return parseHolidayData({ version: 1, years }).years.find((y) => y.year === year)!;
    } catch (e) {
      return asCalendarError(e);
    }
  }

  async function saveYears(actor: Actor, incoming: Array<{ year: number; data: unknown }>, reason: string, options: { system?: boolean } = {}) {
    if (!options.system) requirePermission(actor, 'calendar.manage');
    if (!reason.trim()) throw new ValidationError('请填写修改原因（如：国务院办公厅发布2027年节假日安排通知）', { reason: '请填写修改原因' });
    const at = deps.clock.now().toISOString();
    const result = await deps.uow.transaction(async (repos) => {
      let all = await repos.calendar.listYears();
      const saved: number[] = [];
      const unchanged: number[] = [];
      for (const { year, data } of incoming) {
        const parsed = validateYear(all, year, data);
        const stored = toStored(parsed);
        const before = all.find((r) => r.year === year);
        if (before && JSON.stringify(before.data) === JSON.stringify(stored)) {
          unchanged.push(year);
          continue;
        }
        const version = await repos.calendar.save(year, stored, reason, at, actor.label);
        await repos.audit.append({
          actor,
          at,
          entity: 'calendar_year',
          entityId: year,
          action: before ? 'update' : 'create',
          change: { version, reason, before: before?.data ?? null, after: stored },
        });
        all = [...all.filter((r) => r.year !== year), { year, data: stored, version, updatedAt: at, updatedBy: actor.label }];
        saved.push(year);
      }
      return { saved, unchanged };
    });
    cache = undefined;
    if (result.saved.length > 0) for (const l of listeners) await l(result.saved);
    return result;
  }

  return {
    current,
    /** Registers a listener told which years changed (open deadlines are recomputed there). */
    onChange(listener: CalendarChangeListener) {
      listeners.push(listener);
    },
    /** Loads shipped years the database does not have yet; staff edits are never overwritten. */
    async syncShipped(): Promise<number[]> {
      const shipped = parseHolidayData(deps.loadShipped());
      const have = new Set((await deps.uow.read.calendar.listYears()).map((r) => r.year));
      const missing = shipped.years.filter((y) => !have.has(y.year));
      if (missing.length === 0) return [];
      const { saved } = await saveYears(SYSTEM_ACTOR, missing.map((y) => ({ year: y.year, data: toStored(y) })), '随版本发布的国务院办公厅节假日安排', { system: true });
      return saved;
    },
    /** Saves one year from the console form. */
    async saveYearFromForm(
      actor: Actor,
      input: { year: number; noticeTitle: string; noticeUrl: string; docNumber: string; lines: string; sources: string; note: string; reason: string },
    ) {
      requirePermission(actor, 'calendar.manage');
      if (!Number.isInteger(input.year) || input.year < 2008 || input.year > 2100) throw new ValidationError('年份应为 2008—2100 之间的四位数', { year: '年份无效' });
      let holidays: HolidayArrangement[];
      try {
        holidays = parseArrangementLines(input.lines);
      } catch (e) {
        return asCalendarError(e);
      }
      const existing = (await current()).records.find((r) => r.year === input.year)?.data as StoredYear | undefined;
      const firstNotice = { title: input.noticeTitle.trim(), url: input.noticeUrl.trim(), ...(input.docNumber.trim() && { docNumber: input.docNumber.trim() }) };
      const data = {
        notices: [firstNotice, ...(existing?.notices.slice(1) ?? [])],
        holidays,
        sources: input.sources.split(/\r?\n/).map((s) => s.trim()).filter(Boolean),
        ...(input.note.trim() && { note: input.note.trim() }),
      };
      return saveYears(actor, [{ year: input.year, data }], input.reason);
    },
    /** Imports a JSON file (the cn-holidays.json shape, or one year) or an .ics calendar. */
    async importFile(
      actor: Actor,
      text: string,
      options: { format?: 'json' | 'ics'; reason: string; noticeTitle?: string; noticeUrl?: string; system?: boolean },
    ) {
      const format = options.format ?? (/BEGIN:VCALENDAR/.test(text) ? 'ics' : 'json');
      let incoming: Array<{ year: number; data: unknown }>;
      try {
        if (format === 'ics') {
          if (!options.noticeTitle?.trim() || !options.noticeUrl?.trim()) {
            throw new ValidationError('导入 .ics 日历须同时填写所依据通知的标题和网址（日历文件本身不含通知出处）', { noticeTitle: '请填写通知标题和网址' });
          }
          const byYear = parseHolidayIcs(text);
          incoming = [...byYear].map(([year, holidays]) => ({
            year,
            data: { notices: [{ title: options.noticeTitle!.trim(), url: options.noticeUrl!.trim() }], holidays, sources: ['iCalendar 文件导入'] },
          }));
        } else {
          let raw: unknown;
          try {
            raw = JSON.parse(text);
          } catch {
            throw new ValidationError('文件不是有效的 JSON');
          }
          const obj = raw as Record<string, unknown>;
          if (obj && typeof obj === 'object' && 'years' in obj) {
            incoming = Object.entries(obj.years as Record<string, unknown>).map(([y, data]) => ({ year: Number(y), data }));
          } else if (obj && typeof obj === 'object' && typeof obj.year === 'number') {
            const { year, ...data } = obj;
            incoming = [{ year: year as number, data }];
          } else {
            throw new ValidationError('JSON 应为 {"version":1,"years":{…}}（与 cn-holidays.json 相同）或单个年份 {"year":2027,…}');
          }
        }
      } catch (e) {
        return asCalendarError(e);
      }
      return saveYears(actor, incoming, options.reason, { system: options.system ?? false });
    },
    async history(actor: Actor, year: number) {
      requirePermission(actor, 'calendar.manage');
      return deps.uow.read.calendar.history(year);
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
