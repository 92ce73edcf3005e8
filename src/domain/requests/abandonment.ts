/**
 * When a request is treated as abandoned (视为放弃申请) and closed without a reply: the applicant let
 * the 补正 deadline stated in the notice pass (条例第三十条), or did not pay the information-processing
 * fee within 20 working days of receiving the fee notice (国办函〔2020〕109号). The overdue job asks
 * this module daily; it is pure and says which `Abandoned` event to record, if any.
 */
import { computeFeePaymentDeadline, type HolidayCalendar } from '../calendar/index.ts';
import type { Abandoned, AbandonmentReason } from './request-events.ts';
import type { RequestState } from './request-state.ts';

/** What the abandonment check needs: today's date, the instant to stamp, and the working-day calendar. */
export interface AbandonmentContext {
  readonly today: string;
  readonly at: string;
  readonly calendar: HolidayCalendar;
}

/** The pending abandonment deadline of a request: the last day the applicant may still act, with the reason it would close. */
export interface AbandonmentDeadline {
  readonly reason: AbandonmentReason;
  readonly deadlineOn: string;
}

/** The deadline after which the request would be closed as abandoned, or null when none runs. */
export function abandonmentDeadlineOf(state: RequestState, calendar: HolidayCalendar): AbandonmentDeadline | null {
  switch (state.status) {
    case 'awaiting_clarification': {
      const c = state.clarification;
      if (c === null || c.receivedOn !== null) return null;
      // 条例第三十条：“申请人无正当理由逾期不补正的，视为放弃申请，行政机关不再处理该政府信息公开申请”
      return { reason: 'clarification_overdue', deadlineOn: c.deadlineOn };
    }
    case 'awaiting_fee': {
      const fee = state.fee;
      if (fee === null || fee.paidOn !== null || fee.waivedOn !== null) return null;
      // 109号办法（四川转述）：“申请人应当在收到收费通知次日起20个工作日内缴纳费用，逾期未缴纳的视为放弃申请”
      // Recomputed with today's calendar so a corrected holiday table moves the deadline too.
      return { reason: 'fee_unpaid', deadlineOn: computeFeePaymentDeadline(calendar, fee.noticeReceivedOn).due };
    }
    case 'awaiting_confirmation':
    case 'registered':
    case 'under_review':
    case 'in_progress':
    case 'consulting':
    case 'under_approval':
    case 'replied':
    case 'delivered':
    case 'archived':
    case 'withdrawn':
    case 'closed_no_action':
      return null;
    default: {
      const unreachable: never = state.status;
      throw new Error(`未知的办理状态：${String(unreachable)}`);
    }
  }
}

/** The `Abandoned` event to record when the request's clarification or payment deadline has passed by `today`, else null. */
export function detectAbandonment(state: RequestState, context: AbandonmentContext): Abandoned | null {
  const pending = abandonmentDeadlineOf(state, context.calendar);
  if (pending === null || context.today <= pending.deadlineOn) return null;
  return {
    type: 'Abandoned',
    at: context.at,
    by: null,
    reason: pending.reason,
    outcome: pending.reason === 'clarification_overdue' ? 'other_clarification_overdue' : 'other_fee_unpaid',
    deadlineOn: pending.deadlineOn,
    abandonedOn: context.today,
  };
}

/** For the overdue job: every request among `states` that must now be closed, with its event. */
export function findAbandonments(
  states: readonly RequestState[],
  context: AbandonmentContext,
): { readonly requestId: string; readonly event: Abandoned }[] {
  const found: { requestId: string; event: Abandoned }[] = [];
  for (const s of states) {
    const event = detectAbandonment(s, context);
    if (event !== null) found.push({ requestId: s.id, event });
  }
  return found;
}
