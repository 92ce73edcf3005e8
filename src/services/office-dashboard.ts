/**
 * The office's home (工作台首页): per unit, what waits for review or approval, what is past its
 * 20-working-day publication deadline (条例第二十六条), which requests fall due this week or are
 * overdue, which channels were not updated this week, which villages' notice boards were not
 * printed this month; and items published per month over the last year. Each number links to its list.
 * Requests and published items are counted in SQL (GROUP BY per unit, per month); only the items still
 * before publication — the work in hand, not the register — are read, for their 第二十六条 deadlines.
 */
import { scopesFor } from '../domain/access/roles.ts';
import { classifyPublicationQueue } from '../domain/publishing/index.ts';
import type { Agency } from '../domain/organisations/agency.ts';
import { chinaDateOf, shiftDate } from './china-time.ts';
import type { CalendarService } from './manage-calendar.ts';
import { readStaleCheck } from './manage-deliveries.ts';
import type { Actor, Clock, UnitOfWork } from './ports.ts';

export interface UnitRow {
  agency: Agency;
  awaitingReview: number;
  awaitingApproval: number;
  readyToPublish: number;
  publicationOverdue: number;
  requestsOpen: number;
  requestsDueThisWeek: number;
  requestsOverdue: number;
  /** The unit's WeChat, Weibo and notice-board accounts not updated within a week at the last check (一周一更新). */
  channelsStale: number;
  /** Villages and communities: 1 when their notice board (公开栏) has no printing recorded this month. */
  noticeBoardUnprinted: number;
}

export interface Dashboard {
  units: UnitRow[];
  publishedByMonth: Array<{ month: string; count: number }>;
  /** When the 一周一更新 check last ran (null: not yet). */
  staleCheckedAt: string | null;
}

/** Builds the dashboard for an actor's units. */
export async function buildOfficeDashboard(deps: { uow: UnitOfWork; clock: Clock; calendar: CalendarService }, actor: Actor): Promise<Dashboard> {
  const scopes = [...new Set(['item.draft', 'item.review', 'item.approve', 'request.handle', 'request.approve'].flatMap((p) => scopesFor(actor.grants, p as never)))];
  const repos = deps.uow.read;
  const agencies = await repos.agencies.list({ within: scopes });
  const today = chinaDateOf(deps.clock.now());
  const { calendar } = await deps.calendar.current();
  const pending = (await repos.items.list({ within: scopes, statuses: ['draft', 'returned', 'submitted', 'scanned', 'reviewed', 'approved', 'scheduled'], limit: 10_000 })).items;
  const queue = new Map(
    classifyPublicationQueue(calendar, pending.map((i) => ({ id: i.id, version: i.version, status: i.status, attribute: i.disclosure?.attribute ?? null, formedOn: i.formedOn, changedOn: i.changedOn, publishedOn: i.publishedOn })), today).map((q) => [q.id, q.class]),
  );
  const weekEnd = shiftDate(today, 7);
  const openRequests = new Map((await repos.statistics.openRequestCounts({ within: scopes, dueFrom: today, dueTo: weekEnd, overdueBefore: today })).map((r) => [r.agencyId, r]));
  const staleCheck = await readStaleCheck(repos);
  // A village's notice board is updated by printing the week's sheet; printing is recorded as a delivery.
  const month = today.slice(0, 7);
  const printedThisMonth = new Set(
    (await repos.deliveryQueue.lastSent(agencies.map((a) => a.id)))
      .filter((l) => l.channel === 'notice_board' && chinaDateOf(new Date(l.lastSentAt)).startsWith(month))
      .map((l) => l.agencyId),
  );
  // Each item or request counts for the unit it belongs to.
  const units: UnitRow[] = agencies.map((agency) => {
    const items = pending.filter((i) => i.agencyId === agency.id);
    const requests = openRequests.get(agency.id);
    return {
      agency,
      awaitingReview: items.filter((i) => i.status === 'submitted' || i.status === 'scanned').length,
      awaitingApproval: items.filter((i) => i.status === 'reviewed').length,
      readyToPublish: items.filter((i) => i.status === 'approved' || i.status === 'scheduled').length,
      publicationOverdue: items.filter((i) => queue.get(i.id) === 'overdue').length,
      requestsOpen: requests?.open ?? 0,
      requestsDueThisWeek: requests?.due ?? 0,
      requestsOverdue: requests?.overdue ?? 0,
      channelsStale: staleCheck?.findings.filter((f) => f.agencyId === agency.id).length ?? 0,
      noticeBoardUnprinted: (agency.kind === 'village' || agency.kind === 'community') && !printedThisMonth.has(agency.id) ? 1 : 0,
    };
  });
  const months: string[] = [];
  for (let i = 11; i >= 0; i--) {
    const d = new Date(Date.parse(`${today.slice(0, 7)}-01T00:00:00Z`));
    d.setUTCMonth(d.getUTCMonth() - i);
    months.push(d.toISOString().slice(0, 7));
  }
  const published = new Map((await repos.statistics.liveItemsByMonth({ within: scopes, fromMonth: months[0]! })).map((m) => [m.month, m.count]));
  const publishedByMonth = months.map((month) => ({ month, count: published.get(month) ?? 0 }));
  return { units: units.filter((u) => Object.entries(u).some(([k, v]) => k !== 'agency' && v > 0) || u.agency.kind === 'town_gov' || u.agency.kind === 'county_gov'), publishedByMonth, staleCheckedAt: staleCheck?.checkedAt ?? null };
}
