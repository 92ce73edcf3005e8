/**
 * The 第二十六条 deadline queue: 条例第二十六条：“属于主动公开范围的政府信息，应当自该政府信息形成或者
 * 变更之日起20个工作日内及时公开”. Unpublished items are sorted into overdue, due soon and on track;
 * published items are checked for having met the deadline (for the annual report and assessments).
 */
import {
  addDays,
  addWorkdays,
  computePublicationDeadline,
  isWorkday,
  parseCalendarDate,
  REGULATIONS_2008_IN_FORCE,
  type HolidayCalendar,
} from '../calendar/index.ts';
import type { DisclosureAttribute } from './disclosure-attribute.ts';
import { isBeforePublication, type ItemStatus } from './item-status.ts';

/** What the queue needs to know about an item version. */
export interface QueueItem {
  readonly id: string;
  readonly version: number;
  readonly status: ItemStatus;
  /** The decided 公开属性, or null while undecided. */
  readonly attribute: DisclosureAttribute | null;
  readonly formedOn: string;
  readonly changedOn: string | null;
  readonly publishedOn: string | null;
  /** For a scheduled version: the calendar date (Asia/Shanghai) it is to be published on. */
  readonly scheduledOn?: string | null;
}

/** How an unpublished item stands against its deadline. */
export const QUEUE_CLASSES = ['overdue', 'due_soon', 'on_track', 'no_statutory_deadline'] as const;

/** One of `QUEUE_CLASSES`. */
export type QueueClass = (typeof QUEUE_CLASSES)[number];

/** Whether a value is a known queue class. */
export function isQueueClass(value: unknown): value is QueueClass {
  return typeof value === 'string' && (QUEUE_CLASSES as readonly string[]).includes(value);
}

/** The console label of each queue class. */
export const QUEUE_CLASS_LABELS: Readonly<Record<QueueClass, string>> = {
  overdue: '已超期',
  due_soon: '即将到期',
  on_track: '期限内',
  no_statutory_deadline: '早于条例施行，不计期限',
};

/** An unpublished item with its deadline and standing. */
export interface QueueEntry {
  readonly id: string;
  readonly version: number;
  readonly class: QueueClass;
  /** The day the period runs from: the change date of a revision, else the 生成日期. */
  readonly anchorOn: string;
  /** The last day to publish; null when the regulations' period does not apply. */
  readonly dueOn: string | null;
  /** True when the due date depends on holiday notices not yet on file. */
  readonly provisional: boolean;
  /** Working days left after today up to and including the due date (0 on the due date and when overdue). */
  readonly workdaysLeft: number;
  /** Working days past the due date up to and including today (0 unless overdue). */
  readonly workdaysOverdue: number;
  /** False while the 公开属性 is undecided: such items are queued, since 条例第十三条 presumes openness. */
  readonly attributeDecided: boolean;
  /** True when a scheduled publication date falls after the due date. */
  readonly scheduledLate: boolean;
}

/** Options of the queue. */
export interface QueueOptions {
  /** An item is “due soon” when its due date is at most this many working days after today (default 5). */
  readonly dueSoonWorkdays?: number;
}

const DEFAULT_DUE_SOON_WORKDAYS = 5;
// Beyond this many days a count stops: the figure is then “at least”, which is all a queue needs.
const MAX_SPAN_DAYS = 40_000;

/** The number of working days after `from` up to and including `to` (0 when `to` is not later). */
export function countWorkdaysBetween(cal: HolidayCalendar, from: string, to: string): number {
  const start = parseCalendarDate(from);
  const end = parseCalendarDate(to, '截止日期');
  let n = 0;
  let d = start;
  for (let i = 0; i < MAX_SPAN_DAYS && d < end; i++) {
    d = addDays(d, 1);
    if (isWorkday(cal, d)) n += 1;
  }
  return n;
}

function anchorOf(item: Pick<QueueItem, 'formedOn' | 'changedOn'>): string {
  return item.changedOn ?? item.formedOn;
}

/** Whether an item version is waiting for proactive publication: not yet published, and 主动公开 or still undecided. */
export function isAwaitingPublication(item: Pick<QueueItem, 'status' | 'attribute'>): boolean {
  return isBeforePublication(item.status) && (item.attribute === null || item.attribute === 'proactive');
}

type DeadlineLookup = (anchorOn: string) => { readonly dueOn: string; readonly provisional: boolean } | null;

function deadlineLookup(cal: HolidayCalendar): DeadlineLookup {
  const cache = new Map<string, { dueOn: string; provisional: boolean } | null>();
  return (anchorOn) => {
    let hit = cache.get(anchorOn);
    if (hit === undefined) {
      const anchor = parseCalendarDate(anchorOn, '政府信息形成或者变更之日');
      if (anchor < REGULATIONS_2008_IN_FORCE) hit = null;
      else {
        const d = computePublicationDeadline(cal, anchor);
        hit = { dueOn: d.due, provisional: d.provisional };
      }
      cache.set(anchorOn, hit);
    }
    return hit;
  };
}

/**
 * Sorts unpublished 主动公开 (or undecided) items into overdue, due soon and on track, most urgent
 * first; other items are left out.
 */
export function classifyPublicationQueue(
  cal: HolidayCalendar,
  items: readonly QueueItem[],
  today: string,
  options: QueueOptions = {},
): QueueEntry[] {
  const todayDate = parseCalendarDate(today, '今天');
  const soonLimit = addWorkdays(cal, todayDate, options.dueSoonWorkdays ?? DEFAULT_DUE_SOON_WORKDAYS);
  const deadlineOf = deadlineLookup(cal);
  const entries = items.filter(isAwaitingPublication).map((item): QueueEntry => {
    const anchorOn = anchorOf(item);
    const deadline = deadlineOf(anchorOn);
    const common = { id: item.id, version: item.version, anchorOn, attributeDecided: item.attribute !== null };
    if (deadline === null) {
      return { ...common, class: 'no_statutory_deadline', dueOn: null, provisional: false, workdaysLeft: 0, workdaysOverdue: 0, scheduledLate: false };
    }
    const { dueOn, provisional } = deadline;
    const overdue = dueOn < todayDate;
    const scheduledOn = item.status === 'scheduled' ? (item.scheduledOn ?? null) : null;
    return {
      ...common,
      class: overdue ? 'overdue' : dueOn <= soonLimit ? 'due_soon' : 'on_track',
      dueOn,
      provisional,
      workdaysLeft: overdue ? 0 : countWorkdaysBetween(cal, todayDate, dueOn),
      workdaysOverdue: overdue ? countWorkdaysBetween(cal, dueOn, todayDate) : 0,
      scheduledLate: scheduledOn !== null && scheduledOn > dueOn,
    };
  });
  const rank = (e: QueueEntry) => QUEUE_CLASSES.indexOf(e.class);
  return entries.sort((a, b) => rank(a) - rank(b) || (a.dueOn ?? '').localeCompare(b.dueOn ?? '') || a.id.localeCompare(b.id) || a.version - b.version);
}

/** Whether a published version met its deadline. */
export interface TimelinessEntry {
  readonly id: string;
  readonly version: number;
  readonly anchorOn: string;
  readonly publishedOn: string;
  /** Null when the regulations' period does not apply (formed before 2008-05-01). */
  readonly dueOn: string | null;
  /** Null when the period does not apply. */
  readonly onTime: boolean | null;
  /** Working days after the due date up to and including the publication date. */
  readonly workdaysLate: number;
  readonly provisional: boolean;
}

/** Checks every published 主动公开 version (revisions from their change date) against the 20-working-day deadline. */
export function assessTimeliness(cal: HolidayCalendar, items: readonly QueueItem[]): TimelinessEntry[] {
  const deadlineOf = deadlineLookup(cal);
  const entries: TimelinessEntry[] = [];
  for (const item of items) {
    if (item.publishedOn === null || item.attribute !== 'proactive') continue;
    const anchorOn = anchorOf(item);
    const deadline = deadlineOf(anchorOn);
    const publishedOn = parseCalendarDate(item.publishedOn, '发布日期');
    if (deadline === null) {
      entries.push({ id: item.id, version: item.version, anchorOn, publishedOn, dueOn: null, onTime: null, workdaysLate: 0, provisional: false });
      continue;
    }
    const onTime = publishedOn <= deadline.dueOn;
    entries.push({
      id: item.id,
      version: item.version,
      anchorOn,
      publishedOn,
      dueOn: deadline.dueOn,
      onTime,
      workdaysLate: onTime ? 0 : countWorkdaysBetween(cal, deadline.dueOn, publishedOn),
      provisional: deadline.provisional,
    });
  }
  return entries;
}

/** Totals of a timeliness assessment. */
export interface TimelinessSummary {
  readonly assessed: number;
  readonly onTime: number;
  readonly late: number;
  /** Versions without a statutory period (formed before 2008-05-01), not counted in the rate. */
  readonly notApplicable: number;
  /** onTime / (onTime + late), or null when nothing was assessed. */
  readonly onTimeRate: number | null;
}

/** Adds up a timeliness assessment into on-time and late counts and the on-time rate. */
export function summariseTimeliness(entries: readonly TimelinessEntry[]): TimelinessSummary {
  const onTime = entries.filter((e) => e.onTime === true).length;
  const late = entries.filter((e) => e.onTime === false).length;
  const counted = onTime + late;
  return { assessed: entries.length, onTime, late, notApplicable: entries.length - counted, onTimeRate: counted === 0 ? null : onTime / counted };
}
