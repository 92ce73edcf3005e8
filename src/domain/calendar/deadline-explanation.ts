/**
 * The clock explains itself: every deadline comes with Chinese lines a clerk (or the CLI) can print —
 * rule steps first, then each day from the anchor to the due date with what the count did with it.
 * Lines are plain data (no class instances, no undefined) so they survive `JSON.stringify`.
 */
import { weekdayNameZh, type CalendarDate } from './calendar-date.ts';
import type { DayKind } from './holiday-calendar.ts';
import type { CountStatus, CountedDay, PauseReason, WorkdayCount } from './working-days.ts';

/** A rule step, e.g. which regulations apply or why the clock restarted. */
export interface RuleLine {
  readonly type: 'rule';
  readonly text: string;
}

/** One day of the count with its kind and whether (and as which day) it counted. */
export interface DayLine {
  readonly type: 'day';
  readonly date: CalendarDate;
  readonly weekday: string;
  readonly kind: DayKind;
  readonly status: CountStatus;
  readonly ordinal: number | null;
  readonly provisional: boolean;
  readonly text: string;
}

/** One line of a deadline's explanation. */
export type ExplanationLine = RuleLine | DayLine;

/** Chinese labels of the pause reasons. */
export const PAUSE_REASON_LABELS: Readonly<Record<PauseReason, string>> = {
  consultation: '征求意见',
  fee: '收费通知至缴费',
};

/** Makes a rule line. */
export function ruleLine(text: string): RuleLine {
  return { type: 'rule', text };
}

function describeDay(day: CountedDay, anchorLabel: string, note: string): string {
  const head = `${day.date} ${weekdayNameZh(day.date)}：`;
  const named = day.holidayName !== null ? `（${day.holidayName}）` : '';
  let body: string;
  switch (day.status) {
    case 'anchor':
      body = `${anchorLabel}，当日不计，次日起算`;
      break;
    case 'counted':
      body = day.kind === 'makeup_workday' ? `调休上班日${named}，计第${day.ordinal}日` : `工作日，计第${day.ordinal}日`;
      break;
    case 'paused':
      body = `${day.kind === 'makeup_workday' ? `调休上班日${named}` : '工作日'}，暂停期间${day.pauseReason !== null ? `（${PAUSE_REASON_LABELS[day.pauseReason]}）` : ''}，不计`;
      break;
    case 'not_workday':
      body = day.kind === 'holiday' ? `节假日放假${named}，不计` : '周末，不计';
      break;
    default: {
      const unreachable: never = day.status;
      body = String(unreachable);
    }
  }
  const provisional = day.provisional && day.status !== 'anchor' ? '（该日的放假安排尚未录入或可能被下一年度通知调整，暂按已知安排和周末计算）' : '';
  return head + body + note + provisional;
}

/** Turns a working-day count into day lines; `annotate` may add a note (e.g. “延长期第1日”) to a day. */
export function describeCount(
  count: WorkdayCount,
  anchorLabel: string,
  annotate: (day: CountedDay) => string = () => '',
): DayLine[] {
  return count.days.map((day) => ({
    type: 'day',
    date: day.date,
    weekday: weekdayNameZh(day.date),
    kind: day.kind,
    status: day.status,
    ordinal: day.ordinal,
    provisional: day.provisional,
    text: describeDay(day, anchorLabel, annotate(day)),
  }));
}

/** The warning line for a deadline that runs into a period without official holiday data, or null. */
export function provisionalLine(count: WorkdayCount): RuleLine | null {
  if (!count.provisional) return null;
  const first = count.days.find((d) => d.provisional && d.status !== 'anchor');
  return ruleLine(
    `注意：自 ${first?.date ?? count.due} 起的日期尚无完整的国务院办公厅放假安排（当年或下一年度的通知尚未发布或未录入），暂按已知安排和周末计算，结果为临时期限；通知录入后须重新计算。`,
  );
}

/** A due date with its explanation, the common result of the clock's deadline functions. */
export interface ExplainedDeadline {
  readonly due: CalendarDate;
  /** True when the count ran into days without an official holiday notice (see `provisionalLine`). */
  readonly provisional: boolean;
  readonly explanation: readonly ExplanationLine[];
}

/** Builds an explained deadline from rule lines and a count: rules, the days, the due date and any provisional warning. */
export function explainCount(rules: readonly string[], count: WorkdayCount, anchorLabel: string, dueLabel: string): ExplainedDeadline {
  const warning = provisionalLine(count);
  return {
    due: count.due,
    provisional: count.provisional,
    explanation: [
      ...rules.map(ruleLine),
      ...describeCount(count, anchorLabel),
      ruleLine(`${dueLabel}：${count.due}（${weekdayNameZh(count.due)}）。`),
      ...(warning ? [warning] : []),
    ],
  };
}
