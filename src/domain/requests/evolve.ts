/**
 * Folds the events of a disclosure request into its state. Events were validated when `decide`
 * produced them, so `evolve` only applies them; an event that cannot follow the state (a corrupted
 * log) throws rather than being guessed at.
 */
import type { RequestEvent } from '../calendar/index.ts';
import type { DisclosureRequestEvent } from './request-events.ts';
import type { ConsultationState, RequestState } from './request-state.ts';

function mustExist(state: RequestState | null, event: DisclosureRequestEvent): RequestState {
  if (state === null) throw new Error(`事件 ${event.type} 之前没有“已提交”（Submitted）事件，无法应用。`);
  return state;
}

function withClock(state: RequestState, event: RequestEvent): readonly RequestEvent[] {
  return [...state.clockEvents, event];
}

function closeConsultation(list: readonly ConsultationState[], patch: Partial<ConsultationState>): ConsultationState[] {
  return list.map((c) => (c.endedOn === null ? { ...c, ...patch } : c));
}

/** Applies one event to the state (null before the first event, `Submitted`). */
export function evolve(previous: RequestState | null, event: DisclosureRequestEvent): RequestState {
  if (event.type === 'Submitted') {
    if (previous !== null) throw new Error('申请已提交，不能再次应用“已提交”事件。');
    return {
      id: event.record.id,
      record: event.record,
      status: 'awaiting_confirmation',
      outcome: null,
      submittedOn: event.submittedOn,
      submittedAt: event.at,
      submittedBy: event.by,
      receivedOn: null,
      receiptBasis: null,
      regime: null,
      clarification: null,
      units: [],
      consultations: [],
      fee: null,
      extension: null,
      draft: null,
      reply: null,
      delivery: null,
      withdrawnOn: null,
      abandoned: null,
      archivedOn: null,
      clockEvents: [],
      version: 1,
    };
  }
  const state = mustExist(previous, event);
  const next = applyTo(state, event);
  return { ...next, version: state.version + 1 };
}

function applyTo(state: RequestState, event: Exclude<DisclosureRequestEvent, { type: 'Submitted' }>): RequestState {
  switch (event.type) {
    case 'ReceiptConfirmed':
      return state;
    case 'Registered':
      return { ...state, status: 'registered', receivedOn: event.receivedOn, receiptBasis: event.receiptBasis, regime: event.regime };
    case 'ReviewStarted':
      return { ...state, status: 'under_review' };
    case 'ClarificationRequested':
      return {
        ...state,
        status: 'awaiting_clarification',
        clarification: {
          points: event.points,
          sentOn: event.sentOn,
          deadlineOn: event.deadlineOn,
          noticeDueOn: event.noticeDueOn,
          late: event.late,
          receivedOn: null,
          justification: null,
        },
        clockEvents: withClock(state, { type: 'clarification_requested', on: event.sentOn }),
      };
    case 'ClarificationReceived': {
      if (state.clarification === null) throw new Error('没有补正告知，不能应用“收到补正”事件。');
      return {
        ...state,
        status: 'under_review',
        clarification: { ...state.clarification, receivedOn: event.receivedOn, justification: event.justification },
        clockEvents: withClock(state, { type: 'clarification_received', on: event.receivedOn }),
      };
    }
    case 'AssignedToUnit':
      return {
        ...state,
        status: 'in_progress',
        units: [...state.units, { unitId: event.unitId, unitName: event.unitName, assignedOn: event.assignedOn }],
      };
    case 'ConsultationStarted':
      return {
        ...state,
        status: 'consulting',
        consultations: [
          ...state.consultations,
          {
            party: event.party,
            consultedName: event.consultedName,
            startedOn: event.startedOn,
            letterReceivedOn: event.letterReceivedOn,
            responseDueOn: event.responseDueOn,
            endedOn: null,
            result: null,
            deemedConsent: false,
          },
        ],
      };
    case 'ConsultationEnded': {
      const open = state.consultations.find((c) => c.endedOn === null);
      if (open === undefined) throw new Error('没有进行中的征求意见，不能应用“征求意见结束”事件。');
      return {
        ...state,
        status: 'in_progress',
        consultations: closeConsultation(state.consultations, {
          endedOn: event.endedOn,
          result: event.result,
          deemedConsent: event.deemedConsent,
        }),
        // 条例第三十三条第三款：“征求第三方和其他机关意见所需时间不计算在前款规定的期限内”
        clockEvents: withClock(state, { type: 'paused', from: open.startedOn, to: event.endedOn, reason: 'consultation' }),
      };
    }
    case 'FeeNoticeSent':
      return {
        ...state,
        status: 'awaiting_fee',
        fee: {
          assessment: event.fee,
          sentOn: event.sentOn,
          noticeReceivedOn: event.noticeReceivedOn,
          paymentDueOn: event.paymentDueOn,
          paidOn: null,
          waivedOn: null,
        },
      };
    case 'FeePaid':
    case 'FeeWaived': {
      const fee = state.fee;
      if (fee === null) throw new Error('没有收费通知，不能应用缴费或减免事件。');
      const endedOn = event.type === 'FeePaid' ? event.paidOn : event.waivedOn;
      return {
        ...state,
        status: 'in_progress',
        fee: event.type === 'FeePaid' ? { ...fee, paidOn: event.paidOn } : { ...fee, waivedOn: event.waivedOn },
        clockEvents: withClock(state, { type: 'paused', from: fee.sentOn, to: endedOn, reason: 'fee' }),
      };
    }
    case 'ExtensionApproved':
      return {
        ...state,
        extension: { workdays: event.workdays, reason: event.reason, approvedOn: event.approvedOn, approvedBy: event.by, dueOn: event.dueOn },
        clockEvents: withClock(state, { type: 'extended', workdays: event.workdays }),
      };
    case 'ReplyDrafted':
      return {
        ...state,
        status: 'under_approval',
        draft: {
          outcome: event.outcome,
          replyType: event.replyType ?? null,
          withheld: event.withheld,
          summary: event.summary,
          draftedOn: event.draftedOn,
          draftedBy: event.by,
        },
      };
    case 'ReplyReturned':
      return { ...state, status: 'in_progress', draft: null };
    case 'ReplyApproved':
      return state;
    case 'Replied':
      return {
        ...state,
        status: 'replied',
        outcome: event.outcome,
        draft: null,
        reply: {
          outcome: event.outcome,
          replyType: event.replyType ?? null,
          withheld: event.withheld,
          summary: event.summary,
          repliedOn: event.repliedOn,
          onTheSpot: event.onTheSpot,
          dueOn: event.dueOn,
          late: event.late,
          approvedBy: event.onTheSpot ? null : event.by,
        },
      };
    case 'Delivered':
      return {
        ...state,
        status: 'delivered',
        delivery: { method: event.method, deliveredOn: event.deliveredOn, proof: event.proof, signedBy: event.signedBy ?? null, scan: event.scan ?? null },
      };
    case 'Archived':
      return { ...state, status: 'archived', archivedOn: event.archivedOn };
    case 'Withdrawn':
      // domain-reference §1.6：撤回等计入表三“（六）其他处理 3.其他”
      return { ...state, status: 'withdrawn', outcome: 'other_other', withdrawnOn: event.withdrawnOn, draft: null };
    case 'Abandoned':
      return {
        ...state,
        status: 'closed_no_action',
        outcome: event.outcome,
        abandoned: { reason: event.reason, deadlineOn: event.deadlineOn, abandonedOn: event.abandonedOn },
      };
    default: {
      const unreachable: never = event;
      throw new Error(`未知的事件类型：${String((unreachable as { type?: unknown }).type)}`);
    }
  }
}

/** Folds a whole event list into the state, or null for an empty list. */
export function evolveAll(events: readonly DisclosureRequestEvent[], initial: RequestState | null = null): RequestState | null {
  return events.reduce<RequestState | null>((s, e) => evolve(s, e), initial);
}
