/**
 * The state of a disclosure request, derived by folding its events (evolve.ts). Nothing here is
 * stored as a fact of its own; it is what the events add up to, including the list of events the
 * statutory clock needs (`clockEvents`).
 */
import type { ConsultedParty, Regime, RequestEvent } from '../calendar/index.ts';
import type { FeeAssessment } from '../fees/index.ts';
import type { DeliveryMethod } from './delivery-methods.ts';
import type { Outcome, ReplyType } from './outcomes.ts';
import type { RequestRecord } from './request.ts';
import type { AbandonmentReason, ConsultationResult, DeliveryScan } from './request-events.ts';
import type { RequestStatus } from './statuses.ts';
import type { WithheldPart } from './withheld-parts.ts';

/** The 补正 (clarification) of a request. */
export interface ClarificationState {
  readonly points: readonly string[];
  readonly sentOn: string;
  readonly deadlineOn: string;
  readonly noticeDueOn: string | null;
  readonly late: boolean;
  readonly receivedOn: string | null;
  readonly justification: string | null;
}

/** One consultation (征求意见). */
export interface ConsultationState {
  readonly party: ConsultedParty;
  readonly consultedName: string;
  readonly startedOn: string;
  readonly letterReceivedOn: string;
  readonly responseDueOn: string;
  readonly endedOn: string | null;
  readonly result: ConsultationResult | null;
  readonly deemedConsent: boolean;
}

/** The information-processing fee (信息处理费) of a request. */
export interface FeeState {
  readonly assessment: FeeAssessment;
  readonly sentOn: string;
  readonly noticeReceivedOn: string;
  readonly paymentDueOn: string;
  readonly paidOn: string | null;
  readonly waivedOn: string | null;
}

/** The approved extension (延期答复). */
export interface ExtensionState {
  readonly workdays: number;
  readonly reason: string;
  readonly approvedOn: string;
  readonly approvedBy: string | null;
  /** The reply deadline as extended, when approved (later pauses may move it; `deadlineOf` is authoritative). */
  readonly dueOn: string;
}

/** A reply awaiting approval. */
export interface DraftState {
  readonly outcome: Outcome;
  /** The item of 条例第三十六条 the reply answers under, or null when not stated. */
  readonly replyType: ReplyType | null;
  readonly withheld: readonly WithheldPart[];
  readonly summary: string;
  readonly draftedOn: string;
  readonly draftedBy: string | null;
}

/** The reply as made. */
export interface ReplyState {
  readonly outcome: Outcome;
  /** The item of 条例第三十六条 the reply answers under (（一）已主动公开 or （二）同意公开 for 予以公开), or null when not stated. */
  readonly replyType: ReplyType | null;
  readonly withheld: readonly WithheldPart[];
  readonly summary: string;
  readonly repliedOn: string;
  readonly onTheSpot: boolean;
  readonly dueOn: string;
  readonly late: boolean;
  readonly approvedBy: string | null;
}

/** The service of the reply (送达). */
export interface DeliveryState {
  readonly method: DeliveryMethod;
  readonly deliveredOn: string;
  readonly proof: string;
  /** 受送达人签收 on the returned 送达回证, or null. */
  readonly signedBy: string | null;
  readonly scan: DeliveryScan | null;
}

/** A unit the request was assigned to. */
export interface UnitAssignment {
  readonly unitId: string;
  readonly unitName: string;
  readonly assignedOn: string;
}

/** Everything the events of a request add up to. */
export interface RequestState {
  readonly id: string;
  readonly record: RequestRecord;
  readonly status: RequestStatus;
  /** The table 三 row the request is counted in, once replied, withdrawn or abandoned. */
  readonly outcome: Outcome | null;
  readonly submittedOn: string;
  readonly submittedAt: string;
  readonly submittedBy: string | null;
  /** The day of 条例第三十一条 from which the periods run; null until confirmed. */
  readonly receivedOn: string | null;
  readonly receiptBasis: string | null;
  readonly regime: Regime | null;
  readonly clarification: ClarificationState | null;
  readonly units: readonly UnitAssignment[];
  readonly consultations: readonly ConsultationState[];
  readonly fee: FeeState | null;
  readonly extension: ExtensionState | null;
  readonly draft: DraftState | null;
  readonly reply: ReplyState | null;
  readonly delivery: DeliveryState | null;
  readonly withdrawnOn: string | null;
  readonly abandoned: { readonly reason: AbandonmentReason; readonly deadlineOn: string; readonly abandonedOn: string } | null;
  readonly archivedOn: string | null;
  /** The events the statutory clock counts with (`computeRequestDeadline`); open pauses are added by `deadlineOf`. */
  readonly clockEvents: readonly RequestEvent[];
  /** Number of events folded so far (for optimistic concurrency in the shell). */
  readonly version: number;
}

/** The consultation still waiting for an opinion, if any. */
export function openConsultation(state: RequestState): ConsultationState | null {
  return state.consultations.find((c) => c.endedOn === null) ?? null;
}
