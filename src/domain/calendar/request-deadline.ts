/**
 * The reply deadline of a disclosure request (依申请公开答复期限), derived from the receipt date and
 * the request's past events: a clarification (补正) restarts the clock, consultations and fee
 * notices pause it, an extension adds working days after the original deadline. The result explains
 * itself day by day so a clerk, an applicant or a reviewing court can follow the count.
 */
import { CalendarInputError } from './calendar-input-error.ts';
import { parseCalendarDate, weekdayNameZh, type CalendarDate } from './calendar-date.ts';
import { describeCount, provisionalLine, ruleLine, type ExplanationLine } from './deadline-explanation.ts';
import { REGIME_RULES, REGULATIONS_2019_IN_FORCE, regimeFor, type Regime } from './disclosure-regime.ts';
import type { HolidayCalendar } from './holiday-calendar.ts';
import { PAUSE_REASONS, addWorkdays, countWorkdays, type Pause, type PauseReason } from './working-days.ts';

/** The kinds of past event that move the clock. */
export const REQUEST_EVENT_TYPES = ['clarification_requested', 'clarification_received', 'paused', 'extended'] as const;

/** One of `REQUEST_EVENT_TYPES`. */
export type RequestEventType = (typeof REQUEST_EVENT_TYPES)[number];

/** A past event of the request that the clock takes into account. */
export type RequestEvent =
  /** 补正告知 sent to the applicant on `on`. */
  | { readonly type: 'clarification_requested'; readonly on: string }
  /** The clarified request (补正后的申请) received on `on`. */
  | { readonly type: 'clarification_received'; readonly on: string }
  /** Consultation (征求意见) or fee notice to payment, `from` and `to` inclusive. */
  | { readonly type: 'paused'; readonly from: string; readonly to: string; readonly reason: PauseReason }
  /** Extension approved and notified; `workdays` defaults to the maximum (20, or 15 under the 2008 regulations). */
  | { readonly type: 'extended'; readonly workdays?: number };

/** What the clock needs to know about a request. */
export interface RequestDeadlineInput {
  /** 收到申请之日 (see `determineReceiptDate`). */
  readonly received: string;
  readonly events?: readonly RequestEvent[];
}

/** The reply deadline with everything that went into it. */
export interface RequestDeadline {
  readonly regime: Regime;
  readonly received: CalendarDate;
  /** The day the period runs from: the receipt date, or the day the clarified request arrived. */
  readonly countFrom: CalendarDate;
  readonly due: CalendarDate;
  /** The deadline before any extension (equal to `due` when not extended). */
  readonly dueBeforeExtension: CalendarDate;
  readonly extensionWorkdays: number;
  /** True when any counted day lies in a period without an official holiday notice. */
  readonly provisional: boolean;
  /** Last day for the 补正告知 (条例第三十条); null under the 2008 regulations, which set no such period. */
  readonly clarificationNoticeDue: CalendarDate | null;
  /** A clarification was requested in time but the clarified request has not arrived yet. */
  readonly awaitingClarification: boolean;
  readonly explanation: readonly ExplanationLine[];
}

// 条例第三十条：“自收到申请之日起7个工作日内一次性告知申请人作出补正”
const CLARIFICATION_NOTICE_WORKDAYS = 7;

interface ParsedEvents {
  clarificationRequested: CalendarDate | null;
  clarificationReceived: CalendarDate | null;
  pauses: { from: CalendarDate; to: CalendarDate; reason: PauseReason }[];
  extensions: (number | null)[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseEvents(raw: unknown): ParsedEvents {
  const parsed: ParsedEvents = { clarificationRequested: null, clarificationReceived: null, pauses: [], extensions: [] };
  if (raw === undefined) return parsed;
  if (!Array.isArray(raw)) throw new CalendarInputError('invalid_event', '事件列表 events 应为数组。');
  raw.forEach((event: unknown, i) => {
    const label = `第${i + 1}个事件`;
    if (!isRecord(event)) throw new CalendarInputError('invalid_event', `${label}应为对象。`);
    const type = event['type'];
    switch (type) {
      case 'clarification_requested':
        if (parsed.clarificationRequested !== null) {
          throw new CalendarInputError('invalid_event', `${label}：补正告知只能有一次（条例第三十条：“一次性告知申请人作出补正”）。`);
        }
        parsed.clarificationRequested = parseCalendarDate(event['on'], `${label}（补正告知）的日期`);
        break;
      case 'clarification_received':
        if (parsed.clarificationReceived !== null) {
          throw new CalendarInputError('invalid_event', `${label}：只能记录一次收到补正（条例第三十条：补正应一次性告知）。`);
        }
        parsed.clarificationReceived = parseCalendarDate(event['on'], `${label}（收到补正）的日期`);
        break;
      case 'paused': {
        const from = parseCalendarDate(event['from'], `${label}（暂停）的开始日期`);
        const to = parseCalendarDate(event['to'], `${label}（暂停）的结束日期`);
        if (to < from) throw new CalendarInputError('invalid_range', `${label}：暂停的结束日期 ${to} 早于开始日期 ${from}。`);
        const reason = event['reason'];
        if (typeof reason !== 'string' || !(PAUSE_REASONS as readonly string[]).includes(reason)) {
          throw new CalendarInputError('invalid_event', `${label}：暂停原因“${String(reason)}”无效，应为 consultation（征求意见）或 fee（收费通知至缴费）。`);
        }
        parsed.pauses.push({ from, to, reason: reason as PauseReason });
        break;
      }
      case 'extended': {
        const workdays = event['workdays'];
        if (workdays !== undefined && (typeof workdays !== 'number' || !Number.isInteger(workdays) || workdays < 1)) {
          throw new CalendarInputError('invalid_event', `${label}：延长的工作日数应为正整数，收到“${String(workdays)}”。`);
        }
        parsed.extensions.push(workdays === undefined ? null : workdays);
        break;
      }
      default:
        throw new CalendarInputError(
          'unknown_event',
          `${label}的类型“${String(type)}”未知，应为：${REQUEST_EVENT_TYPES.join('、')}。`,
        );
    }
  });
  return parsed;
}

function checkOrder(received: CalendarDate, events: ParsedEvents): void {
  const { clarificationRequested: asked, clarificationReceived: got } = events;
  if (asked !== null && asked < received) {
    throw new CalendarInputError('invalid_range', `补正告知日期 ${asked} 早于收到申请之日 ${received}。`);
  }
  if (got !== null && got < received) {
    throw new CalendarInputError('invalid_range', `收到补正日期 ${got} 早于收到申请之日 ${received}。`);
  }
  if (asked !== null && got !== null && got < asked) {
    throw new CalendarInputError('invalid_range', `收到补正日期 ${got} 早于补正告知日期 ${asked}。`);
  }
}

/** Computes the reply deadline of a request from its receipt date and events, with a day-by-day Chinese explanation. */
export function computeRequestDeadline(cal: HolidayCalendar, input: RequestDeadlineInput): RequestDeadline {
  const received = parseCalendarDate(input?.received, '收到申请之日');
  const regime = regimeFor(received, '收到申请之日');
  const rules = REGIME_RULES[regime];
  const events = parseEvents(input.events);
  checkOrder(received, events);
  const lines: string[] = [];

  lines.push(`收到申请之日：${received}（${weekdayNameZh(received)}）。`);
  lines.push(
    `适用${rules.title}：收到申请之日${regime === '2019' ? '不早于' : '早于'}修订后条例施行日 ${REGULATIONS_2019_IN_FORCE}。${rules.replyArticle}。`,
  );
  lines.push(
    '计算方法：起算日当日不计，自次日起按工作日计算，第N个工作日为期限的最后一日；工作日以国务院办公厅部分节假日安排通知为准（周一至周五，除去放假日，另加调休上班日）。',
  );

  // --- 补正 (clarification) -------------------------------------------------------------
  const clarificationNoticeDue = regime === '2019' ? addWorkdays(cal, received, CLARIFICATION_NOTICE_WORKDAYS) : null;
  const { clarificationRequested: asked, clarificationReceived: got } = events;
  let countFrom = received;
  let awaitingClarification = false;
  if (asked !== null || got !== null) {
    if (clarificationNoticeDue !== null) {
      lines.push(
        `条例第三十条：申请内容不明确的，应当“自收到申请之日起7个工作日内一次性告知申请人作出补正”，本申请的补正告知最迟应于 ${clarificationNoticeDue} 发出。`,
      );
    } else {
      // domain-reference §1.9: 2008版 无“7个工作日一次性告知”；第二十一条（四）只要求告知申请人更改、补充。
      lines.push('2008年条例没有“7个工作日内一次性告知补正”的规定，补正告知不受该期限限制。');
    }
    const late = asked !== null && clarificationNoticeDue !== null && asked > clarificationNoticeDue;
    if (late) {
      lines.push(
        `补正告知于 ${asked} 发出，晚于第三十条规定的期限（最迟 ${clarificationNoticeDue}）。逾期发出的补正告知不产生重新起算的效果：答复期限仍自收到申请之日 ${received} 起计算${got !== null ? `，${got} 收到补正不改变期限` : ''}。`,
      );
    } else if (got !== null) {
      lines.push(
        asked !== null
          ? `补正告知于 ${asked} 发出${clarificationNoticeDue !== null ? '，在规定期限内' : ''}。`
          : '未记录补正告知的发出日期，按已依法告知处理。',
      );
      lines.push(
        regime === '2019'
          ? `收到补正后的申请之日：${got}。条例第三十条：“答复期限自行政机关收到补正的申请之日起计算”，自 ${got} 起重新计算完整的${rules.replyWorkdays}个工作日。`
          : `收到补正后的申请之日：${got}。2008年条例对补正后如何计算期限无明文规定，本系统参照2019年条例第三十条，自 ${got} 起重新计算完整的${rules.replyWorkdays}个工作日（推定做法）。`,
      );
      countFrom = got;
    } else {
      awaitingClarification = true;
      lines.push(
        `已于 ${asked} 告知补正，尚未收到补正后的申请：收到后答复期限将自收到之日起重新计算；下列期限暂按收到申请之日计算，仅供参考。`,
      );
    }
  }

  // --- 暂停 (pauses) ---------------------------------------------------------------------
  for (const p of events.pauses) {
    const span = `${p.from} 至 ${p.to}：${p.from} 之后至 ${p.to}（含）的工作日不计入答复期限`;
    lines.push(
      p.reason === 'consultation'
        ? `征求意见期间 ${span}。${rules.consultationArticle}。`
        : `收费通知至缴费期间 ${span}（《政府信息公开信息处理费管理办法》，国办函〔2020〕109号：答复期限自收到缴费之日起计算；该条款原文待核对）。`,
    );
    if (p.to <= countFrom) lines.push(`该暂停期间在起算日 ${countFrom} 之前结束，不影响计算。`);
  }

  // --- 延长 (extension) ------------------------------------------------------------------
  const extensionWorkdays = events.extensions.reduce<number>((sum, w) => sum + (w ?? rules.maxExtensionWorkdays), 0);
  if (extensionWorkdays > rules.maxExtensionWorkdays) {
    throw new CalendarInputError(
      'invalid_event',
      `延长合计 ${extensionWorkdays} 个工作日，超过法定上限：${rules.extensionArticle}。`,
    );
  }

  const pauses: Pause[] = events.pauses;
  const count = countWorkdays(cal, countFrom, rules.replyWorkdays + extensionWorkdays, pauses);
  const base = rules.replyWorkdays;
  const dueBeforeExtension = count.days.find((d) => d.ordinal === base)?.date ?? count.due;
  if (extensionWorkdays > 0) {
    lines.push(
      `${rules.extensionArticle}。本次延长 ${extensionWorkdays} 个工作日：原答复期限 ${dueBeforeExtension}，延长期自其次日起计算${events.pauses.length > 0 ? '（暂停期间仍不计入）' : ''}。`,
    );
  }

  const dayLines = describeCount(count, countFrom === received ? '收到申请之日' : '收到补正后的申请之日', (day) => {
    if (extensionWorkdays === 0 || day.ordinal === null) return '';
    if (day.ordinal === base) return '（原答复期限届满日）';
    return day.ordinal > base ? `（延长期第${day.ordinal - base}日）` : '';
  });
  const warning = provisionalLine(count);
  const explanation: ExplanationLine[] = [
    ...lines.map(ruleLine),
    ...dayLines,
    ruleLine(
      `答复期限：${count.due}（${weekdayNameZh(count.due)}），即${countFrom === received ? '收到申请' : '收到补正'}后第 ${count.workdays} 个工作日${extensionWorkdays > 0 ? `（${base} + 延长 ${extensionWorkdays}）` : ''}。`,
    ),
    ...(warning ? [warning] : []),
  ];

  return {
    regime,
    received,
    countFrom,
    due: count.due,
    dueBeforeExtension,
    extensionWorkdays,
    provisional: count.provisional,
    clarificationNoticeDue,
    awaitingClarification,
    explanation,
  };
}
