/**
 * What happened to a disclosure request, in the past tense. Events are facts: they are stored,
 * never changed, and the request's status, outcome and deadline are derived from them (evolve.ts,
 * reply-deadline.ts). Each carries the instant it was recorded (`at`) and who recorded it (`by`,
 * null for the system, e.g. the overdue job).
 */
import type { ConsultedParty, Regime } from '../calendar/index.ts';
import type { FeeAssessment } from '../fees/index.ts';
import type { DeliveryMethod } from './delivery-methods.ts';
import type { Outcome, ReplyType } from './outcomes.ts';
import type { RequestRecord } from './request.ts';
import type { WithheldPart } from './withheld-parts.ts';

/** The event types, in the usual order of a request's life. */
export const DISCLOSURE_REQUEST_EVENT_TYPES = [
  'Submitted',
  'ReceiptConfirmed',
  'Registered',
  'ReviewStarted',
  'ClarificationRequested',
  'ClarificationReceived',
  'AssignedToUnit',
  'ConsultationStarted',
  'ConsultationEnded',
  'FeeNoticeSent',
  'FeePaid',
  'FeeWaived',
  'ExtensionApproved',
  'ReplyDrafted',
  'ReplyReturned',
  'ReplyApproved',
  'Replied',
  'Delivered',
  'Archived',
  'Withdrawn',
  'Abandoned',
] as const;

/** One of `DISCLOSURE_REQUEST_EVENT_TYPES`. */
export type DisclosureRequestEventType = (typeof DISCLOSURE_REQUEST_EVENT_TYPES)[number];

/** Whether a value is one of the event types. */
export function isDisclosureRequestEventType(value: unknown): value is DisclosureRequestEventType {
  return typeof value === 'string' && (DISCLOSURE_REQUEST_EVENT_TYPES as readonly string[]).includes(value);
}

/** How a consultation ended (条例第三十二条、第三十四条). */
export const CONSULTATION_RESULTS = ['consented', 'objected', 'no_reply'] as const;

/** One of `CONSULTATION_RESULTS`. */
export type ConsultationResult = (typeof CONSULTATION_RESULTS)[number];

/** Whether a value is one of the consultation results. */
export function isConsultationResult(value: unknown): value is ConsultationResult {
  return typeof value === 'string' && (CONSULTATION_RESULTS as readonly string[]).includes(value);
}

/** The Chinese label of each consultation result. */
export const CONSULTATION_RESULT_LABELS: Readonly<Record<ConsultationResult, string>> = {
  consented: '同意公开',
  objected: '不同意公开',
  no_reply: '逾期未提出意见',
};

/** Why a request was closed without a reply: the two cases of table 三 （六）1 and （六）2. */
export const ABANDONMENT_REASONS = ['clarification_overdue', 'fee_unpaid'] as const;

/** One of `ABANDONMENT_REASONS`. */
export type AbandonmentReason = (typeof ABANDONMENT_REASONS)[number];

/** The Chinese label of each abandonment reason. */
export const ABANDONMENT_REASON_LABELS: Readonly<Record<AbandonmentReason, string>> = {
  clarification_overdue: '申请人无正当理由逾期不补正，视为放弃申请',
  fee_unpaid: '申请人逾期未缴纳信息处理费，视为放弃申请',
};

interface EventBase {
  /** When the event was recorded (ISO instant, UTC). */
  readonly at: string;
  /** The user who recorded it, or null for the system. */
  readonly by: string | null;
}

/** The request arrived (online form sent, letter entered, applicant at the counter). */
export interface Submitted extends EventBase {
  readonly type: 'Submitted';
  readonly record: RequestRecord;
  readonly submittedOn: string;
}

/** The office confirmed receipt with the applicant (条例第三十一条第（二）项平常信函、第（三）项互联网和传真). */
export interface ReceiptConfirmed extends EventBase {
  readonly type: 'ReceiptConfirmed';
  readonly confirmedOn: string;
}

/** The request was entered in the register (登记, 条例第四十五条) with its receipt date. */
export interface Registered extends EventBase {
  readonly type: 'Registered';
  readonly receivedOn: string;
  /** The rule of 条例第三十一条 that gave the receipt date. */
  readonly receiptBasis: string;
  readonly regime: Regime;
}

/** The office began examining the request (审查). */
export interface ReviewStarted extends EventBase {
  readonly type: 'ReviewStarted';
}

/** A 补正告知 was sent (条例第三十条); `late` when sent after the 7-working-day limit, so the clock does not restart. */
export interface ClarificationRequested extends EventBase {
  readonly type: 'ClarificationRequested';
  /** 需要补正的事项. */
  readonly points: readonly string[];
  /** 合理的补正期限 stated in the notice. */
  readonly deadlineOn: string;
  readonly sentOn: string;
  /** Last day for the notice under 第三十条 (null under the 2008 regulations). */
  readonly noticeDueOn: string | null;
  readonly late: boolean;
}

/** The clarified request arrived; after the stated deadline only with a good reason (正当理由). */
export interface ClarificationReceived extends EventBase {
  readonly type: 'ClarificationReceived';
  readonly receivedOn: string;
  readonly afterDeadline: boolean;
  readonly justification: string | null;
}

/** The request was passed to a unit that holds the information (承办单位). */
export interface AssignedToUnit extends EventBase {
  readonly type: 'AssignedToUnit';
  readonly unitId: string;
  readonly unitName: string;
  readonly assignedOn: string;
}

/** A 征求意见书 was sent to a third party (第三十二条) or a co-authoring agency (第三十四条). */
export interface ConsultationStarted extends EventBase {
  readonly type: 'ConsultationStarted';
  readonly party: ConsultedParty;
  readonly consultedName: string;
  readonly startedOn: string;
  readonly letterReceivedOn: string;
  /** Last day for the consulted party's opinion (15 working days). */
  readonly responseDueOn: string;
}

/** The consultation ended; `deemedConsent` when another agency stayed silent (第三十四条“逾期未提出意见的视为同意公开”). */
export interface ConsultationEnded extends EventBase {
  readonly type: 'ConsultationEnded';
  readonly endedOn: string;
  readonly result: ConsultationResult;
  readonly deemedConsent: boolean;
}

/** A 收费通知 was sent (条例第四十二条, 国办函〔2020〕109号). */
export interface FeeNoticeSent extends EventBase {
  readonly type: 'FeeNoticeSent';
  readonly fee: FeeAssessment;
  readonly sentOn: string;
  readonly noticeReceivedOn: string;
  readonly paymentDueOn: string;
}

/** The applicant paid the fee. */
export interface FeePaid extends EventBase {
  readonly type: 'FeePaid';
  readonly paidOn: string;
}

/** The fee was waived (减免). */
export interface FeeWaived extends EventBase {
  readonly type: 'FeeWaived';
  readonly waivedOn: string;
  readonly reason: string;
}

/** The head of the office approved an extension (条例第三十三条第二款). */
export interface ExtensionApproved extends EventBase {
  readonly type: 'ExtensionApproved';
  readonly workdays: number;
  readonly reason: string;
  readonly approvedOn: string;
  readonly dueBeforeOn: string;
  readonly dueOn: string;
}

/** A reply was drafted and submitted for approval (审核). */
export interface ReplyDrafted extends EventBase {
  readonly type: 'ReplyDrafted';
  readonly outcome: Outcome;
  /** The item of 条例第三十六条 answered under (null: not stated; absent in events recorded before it was kept). */
  readonly replyType?: ReplyType | null;
  readonly withheld: readonly WithheldPart[];
  readonly summary: string;
  readonly draftedOn: string;
}

/** The approver sent the draft back. */
export interface ReplyReturned extends EventBase {
  readonly type: 'ReplyReturned';
  readonly reason: string;
  readonly returnedOn: string;
}

/** The approver approved the draft. */
export interface ReplyApproved extends EventBase {
  readonly type: 'ReplyApproved';
  readonly approvedOn: string;
}

/** The reply was made (答复作出); `late` when after the reply deadline. */
export interface Replied extends EventBase {
  readonly type: 'Replied';
  readonly outcome: Outcome;
  /** The item of 条例第三十六条 answered under, e.g. （一）已主动公开 or （二）同意公开 for 予以公开 (absent in older events). */
  readonly replyType?: ReplyType | null;
  readonly withheld: readonly WithheldPart[];
  readonly summary: string;
  readonly repliedOn: string;
  /** 条例第三十三条第一款：“能够当场答复的，应当当场予以答复”. */
  readonly onTheSpot: boolean;
  readonly dueOn: string;
  readonly late: boolean;
}

/** The reply reached the applicant (送达), with proof (送达回证、邮件回执、电子送达记录). */
export interface Delivered extends EventBase {
  readonly type: 'Delivered';
  readonly method: DeliveryMethod;
  readonly deliveredOn: string;
  readonly proof: string;
  /** Who signed the returned 送达回证 (受送达人签收), when one was returned. */
  readonly signedBy?: string;
  /** The scan of the returned 送达回证 (stored file id and name). */
  readonly scan?: DeliveryScan;
}

/** A scanned proof of delivery (送达回证扫描件) kept in the file store. */
export interface DeliveryScan {
  readonly fileId: string;
  readonly fileName: string;
}

/** The file was archived (归档, 条例第四十五条). */
export interface Archived extends EventBase {
  readonly type: 'Archived';
  readonly archivedOn: string;
}

/** The applicant withdrew the request before the reply (counted as table 三 （六）3.其他). */
export interface Withdrawn extends EventBase {
  readonly type: 'Withdrawn';
  readonly withdrawnOn: string;
  readonly reason: string | null;
}

/** The request was closed as abandoned (视为放弃申请) after a missed clarification or payment deadline. */
export interface Abandoned extends EventBase {
  readonly type: 'Abandoned';
  readonly reason: AbandonmentReason;
  readonly outcome: 'other_clarification_overdue' | 'other_fee_unpaid';
  /** The deadline that was missed. */
  readonly deadlineOn: string;
  readonly abandonedOn: string;
}

/** Any event of a disclosure request. */
export type DisclosureRequestEvent =
  | Submitted
  | ReceiptConfirmed
  | Registered
  | ReviewStarted
  | ClarificationRequested
  | ClarificationReceived
  | AssignedToUnit
  | ConsultationStarted
  | ConsultationEnded
  | FeeNoticeSent
  | FeePaid
  | FeeWaived
  | ExtensionApproved
  | ReplyDrafted
  | ReplyReturned
  | ReplyApproved
  | Replied
  | Delivered
  | Archived
  | Withdrawn
  | Abandoned;
