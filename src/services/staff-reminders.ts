/**
 * Reminders to staff before a request or a publication falls due, and on the day it becomes
 * overdue (issue #8, “What the channels carry”). Run once a day by the scheduler (src/jobs).
 *
 * - Requests: 条例第三十三条第二款 “行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复”
 *   — the stored reply due date (extensions included) of each open request whose clock runs.
 * - Publications: 条例第二十六条 “属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内
 *   及时公开” — the deadline queue of src/domain/publishing/publication-queue.ts.
 *
 * Users have no e-mail address of their own (the users table has none), so a reminder goes to the
 * mailbox of the unit's 政府信息公开工作机构 (the agency's published `email`, or the nearest parent
 * unit's), naming the staff who hold the handling role there, on the unit's e-mail account. It is
 * queued in the channels' outbox with the request or item it concerns, so it also shows in the
 * console's delivery log of that case. One delivery per (case, kind, China day): the idempotency
 * key makes a second run the same day queue nothing. Each run that queues or misses something
 * writes one audit entry.
 */
import { can, type Permission } from '../domain/access/roles.ts';
import { addDays, addWorkdays, isWorkday, parseCalendarDate, type HolidayCalendar } from '../domain/calendar/index.ts';
import { lineageIdsOf, type Agency } from '../domain/organisations/agency.ts';
import { classifyPublicationQueue, countWorkdaysBetween } from '../domain/publishing/index.ts';
import { REQUEST_STATUS_LABELS, type RequestStatus } from '../domain/requests/statuses.ts';
import { chinaDateOf } from './china-time.ts';
import { resolveChannelAccount } from './channel-accounts.ts';
import type { CalendarService } from './manage-calendar.ts';
import type { Actor, Clock, Repositories, UnitOfWork, UserWithGrants } from './ports.ts';

/** What a reminder is about: a request's reply or an item's publication, near its due date or just past it. */
export type ReminderKind = 'request_due_soon' | 'request_overdue' | 'publication_due_soon' | 'publication_overdue';

/** The message template of each kind (src/channels/message-templates.ts). */
export const REMINDER_TEMPLATES: Readonly<Record<ReminderKind, string>> = {
  request_due_soon: 'staff_request_due_soon',
  request_overdue: 'staff_request_overdue',
  publication_due_soon: 'staff_publication_due_soon',
  publication_overdue: 'staff_publication_overdue',
};

/** Working days before the due date from which reminders go out (each working day until it is due). */
export const DEFAULT_REMINDER_WORKDAYS = 3;

/**
 * Statuses in which the reply clock runs. Paused (征求意见 — 条例第三十三条第三款 “征求第三方和其他机关意见所需时间
 * 不计算在前款规定的期限内”; 待缴费) and waiting (补正) requests have no due date to chase yet.
 */
const CLOCK_RUNNING: readonly RequestStatus[] = ['registered', 'under_review', 'in_progress', 'under_approval'];
const BEFORE_PUBLICATION = ['draft', 'returned', 'submitted', 'scanned', 'reviewed', 'approved', 'scheduled'] as const;

/** The scheduler as it appears in the audit log. */
export const REMINDER_ACTOR: Actor = { userId: null, label: '定时提醒（办理期限）', grants: [] };

export interface ReminderCandidate {
  kind: ReminderKind;
  agencyId: number;
  requestId: number | null;
  itemId: number | null;
  dueOn: string;
  /** Working days left (near due) or past (overdue). */
  workdays: number;
  title: string;
  trackingNumber: string | null;
  status: string;
}

export interface ReminderRun {
  remindedOn: string;
  /** Deliveries queued by this run (0 on a re-run the same day). */
  queued: number;
  /** Reminders already queued earlier the same day. */
  alreadyQueued: number;
  /** Reminders that could not be addressed: the unit (and its parents) has no mailbox or no enabled e-mail account. */
  unaddressed: Array<{ kind: ReminderKind; agencyId: number; requestId: number | null; itemId: number | null; reason: string }>;
}

export interface StaffReminderDeps {
  uow: UnitOfWork;
  clock: Clock;
  calendar: Pick<CalendarService, 'current'>;
}

/** The idempotency key of a reminder: one per case, kind and China day. */
export const reminderKey = (c: Pick<ReminderCandidate, 'kind' | 'requestId' | 'itemId'>, dayOn: string): string =>
  c.requestId !== null ? `staff-reminder:request:${c.requestId}:${c.kind}:${dayOn}` : `staff-reminder:item:${c.itemId}:${c.kind}:${dayOn}`;

/**
 * Whether a due date calls for a reminder today: near due when today is a working day and at most
 * `workdays` working days remain (0 on the due date itself); overdue on the first working day after
 * the due date only (staff are told on the day it becomes overdue, once, not every day after).
 */
export function reminderStanding(cal: HolidayCalendar, dueOn: string, today: string, workdays: number): { kind: 'due_soon' | 'overdue'; workdays: number } | null {
  if (!isWorkday(cal, parseCalendarDate(today, '今天'))) return null;
  if (dueOn >= today) {
    const left = countWorkdaysBetween(cal, today, dueOn);
    return left <= workdays ? { kind: 'due_soon', workdays: left } : null;
  }
  return countWorkdaysBetween(cal, dueOn, today) === 1 ? { kind: 'overdue', workdays: 1 } : null;
}

/**
 * The due dates `reminderStanding` can call for today, as a range the store reads by its due-date index
 * (not every open request): from the last working day before today (overdue as of today) to the
 * `workdays + 1`-th working day ahead. Every date it calls for lies within; `reminderStanding` decides.
 */
export function reminderDueWindow(cal: HolidayCalendar, today: string, workdays: number): { from: string; to: string } {
  let from = addDays(parseCalendarDate(today, '今天'), -1);
  for (let i = 0; i < 366 && !isWorkday(cal, from); i++) from = addDays(from, -1);
  return { from, to: addWorkdays(cal, today, workdays + 1) };
}

/** Creates the staff reminder service. */
export function createStaffReminderService(deps: StaffReminderDeps) {
  async function candidates(repos: Repositories, cal: HolidayCalendar, today: string, workdays: number): Promise<ReminderCandidate[]> {
    const out: ReminderCandidate[] = [];
    const window = reminderDueWindow(cal, today, workdays);
    const requests = (await repos.requests.list({ statuses: CLOCK_RUNNING, dueFrom: window.from, dueTo: window.to, limit: 100_000 })).items;
    for (const r of requests) {
      if (r.closedOn !== null || r.dueOn === null) continue;
      const standing = reminderStanding(cal, r.dueOn, today, workdays);
      if (!standing) continue;
      out.push({
        kind: standing.kind === 'due_soon' ? 'request_due_soon' : 'request_overdue',
        agencyId: r.agencyId,
        requestId: r.id,
        itemId: null,
        dueOn: r.dueOn,
        workdays: standing.workdays,
        title: r.state.record.informationSought.description.slice(0, 60),
        trackingNumber: r.trackingNumber,
        status: REQUEST_STATUS_LABELS[r.state.status],
      });
    }
    const items = (await repos.items.list({ statuses: [...BEFORE_PUBLICATION], limit: 100_000 })).items;
    const queue = classifyPublicationQueue(
      cal,
      items.map((i) => ({ id: i.id, version: i.version, status: i.status, attribute: i.disclosure?.attribute ?? null, formedOn: i.formedOn, changedOn: i.changedOn, publishedOn: i.publishedOn })),
      today,
      { dueSoonWorkdays: workdays },
    );
    const byId = new Map(items.map((i) => [`${i.id}:${i.version}`, i]));
    for (const q of queue) {
      if (q.dueOn === null) continue;
      const standing = reminderStanding(cal, q.dueOn, today, workdays);
      if (!standing) continue;
      const item = byId.get(`${q.id}:${q.version}`)!;
      out.push({
        kind: standing.kind === 'due_soon' ? 'publication_due_soon' : 'publication_overdue',
        agencyId: item.agencyId,
        requestId: null,
        itemId: Number(item.id),
        dueOn: q.dueOn,
        workdays: standing.workdays,
        title: item.title,
        trackingNumber: null,
        status: item.status,
      });
    }
    return out;
  }

  /** The unit's mailbox: its own published address, else the nearest parent unit's. */
  async function mailboxOf(repos: Repositories, agency: Agency): Promise<string | null> {
    for (const id of lineageIdsOf(agency)) {
      const a = id === agency.id ? agency : await repos.agencies.findById(id);
      const email = a?.email?.trim();
      if (email) return email;
    }
    return null;
  }

  /** Staff who handle the case at the unit: active users whose grants cover the unit with the permission. */
  function handlersOf(users: readonly UserWithGrants[], agency: Agency, permission: Permission): string[] {
    return users.filter((u) => !u.disabled && can(u.grants, permission, agency.path)).map((u) => u.displayName);
  }

  return {
    /** What would be reminded of today (for tests and the console): nothing is queued. */
    async dueToday(options: { workdays?: number } = {}): Promise<ReminderCandidate[]> {
      const { calendar } = await deps.calendar.current();
      return candidates(deps.uow.read, calendar, chinaDateOf(deps.clock.now()), options.workdays ?? DEFAULT_REMINDER_WORKDAYS);
    },

    /**
     * Queues today's reminders in one transaction, audited. Idempotent: a re-run the same China day
     * (in this or another process) queues nothing again.
     */
    async runDaily(options: { workdays?: number } = {}): Promise<ReminderRun> {
      const workdays = options.workdays ?? DEFAULT_REMINDER_WORKDAYS;
      const { calendar } = await deps.calendar.current();
      const at = deps.clock.now().toISOString();
      const today = chinaDateOf(deps.clock.now());
      return deps.uow.transaction(async (repos) => {
        const run: ReminderRun = { remindedOn: today, queued: 0, alreadyQueued: 0, unaddressed: [] };
        const found = await candidates(repos, calendar, today, workdays);
        if (found.length === 0) return run;
        const users = await repos.users.list();
        const queuedKeys: string[] = [];
        for (const c of found) {
          const key = reminderKey(c, today);
          if (await repos.deliveryQueue.findByKey(key)) {
            run.alreadyQueued += 1;
            continue;
          }
          const agency = await repos.agencies.findById(c.agencyId);
          if (!agency) continue;
          const account = await resolveChannelAccount(repos, agency.id, 'email');
          const mailbox = await mailboxOf(repos, agency);
          const reason = !mailbox ? '本单位及上级单位均未填写信息公开工作机构邮箱' : !account?.enabled ? '未配置或未启用电子邮件发送账号' : null;
          if (reason) {
            run.unaddressed.push({ kind: c.kind, agencyId: c.agencyId, requestId: c.requestId, itemId: c.itemId, reason });
            continue;
          }
          const permission: Permission = c.requestId !== null ? 'request.handle' : 'item.draft';
          const id = await repos.deliveryQueue.enqueue({
            agencyId: agency.id,
            channel: 'email',
            requestId: c.requestId,
            itemId: c.itemId,
            recipient: mailbox!,
            template: REMINDER_TEMPLATES[c.kind],
            payload: {
              agencyName: agency.name,
              trackingNumber: c.trackingNumber,
              title: c.title,
              status: c.status,
              dueOn: c.dueOn,
              workdays: c.workdays,
              handlers: handlersOf(users, agency, permission),
              remindedOn: today,
              ...(c.itemId !== null && { consolePath: `/console/items/${c.itemId}` }),
              ...(c.requestId !== null && { consolePath: `/console/requests/${c.requestId}` }),
            },
            idempotencyKey: key,
            at,
          });
          if (id === null) run.alreadyQueued += 1;
          else {
            run.queued += 1;
            queuedKeys.push(key);
          }
        }
        // Unaddressed reminders are audited once a day (a re-run would only repeat them).
        const auditedToday = (await repos.audit.forEntity('staff_reminders', today)).length > 0;
        if (queuedKeys.length || (run.unaddressed.length && !auditedToday)) {
          await repos.audit.append({
            actor: REMINDER_ACTOR,
            at,
            entity: 'staff_reminders',
            entityId: today,
            action: 'remind',
            change: { queued: queuedKeys, unaddressed: run.unaddressed.map((u) => `${u.kind}:${u.requestId ?? u.itemId}:${u.reason}`) },
          });
        }
        return run;
      });
    },
  };
}

export type StaffReminderService = ReturnType<typeof createStaffReminderService>;
