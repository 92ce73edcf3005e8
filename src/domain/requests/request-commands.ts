/**
 * What staff, applicants or the system ask to do with a request. A command is a wish, not a fact:
 * `decide` checks it against the regulations and the request's state and either turns it into
 * events or refuses it with a Chinese reason.
 */
import type { ConsultedParty } from '../calendar/index.ts';
import type { FeeAssessmentInput } from '../fees/index.ts';
import type { DeliveryMethod } from './delivery-methods.ts';
import type { Outcome, ReplyType } from './outcomes.ts';
import type { RequestRecord } from './request.ts';
import type { ConsultationResult, DeliveryScan } from './request-events.ts';
import type { WithheldPart } from './withheld-parts.ts';

/** The command types. */
export const REQUEST_COMMAND_TYPES = [
  'submit',
  'confirm_receipt',
  'start_review',
  'request_clarification',
  'receive_clarification',
  'assign_to_unit',
  'start_consultation',
  'end_consultation',
  'send_fee_notice',
  'record_fee_payment',
  'waive_fee',
  'approve_extension',
  'draft_reply',
  'return_draft',
  'approve_reply',
  'reply_on_the_spot',
  'deliver',
  'archive',
  'withdraw',
  'abandon',
] as const;

/** One of `REQUEST_COMMAND_TYPES`. */
export type RequestCommandType = (typeof REQUEST_COMMAND_TYPES)[number];

/** Whether a value is one of the command types. */
export function isRequestCommandType(value: unknown): value is RequestCommandType {
  return typeof value === 'string' && (REQUEST_COMMAND_TYPES as readonly string[]).includes(value);
}

/** The Chinese name of each command, for messages and the audit log. */
export const REQUEST_COMMAND_LABELS: Readonly<Record<RequestCommandType, string>> = {
  submit: '提交申请',
  confirm_receipt: '确认收到申请',
  start_review: '审查',
  request_clarification: '告知补正',
  receive_clarification: '登记收到补正',
  assign_to_unit: '交办承办单位',
  start_consultation: '征求意见',
  end_consultation: '结束征求意见',
  send_fee_notice: '发出收费通知',
  record_fee_payment: '登记缴费',
  waive_fee: '减免信息处理费',
  approve_extension: '批准延期答复',
  draft_reply: '拟写答复',
  return_draft: '退回答复稿',
  approve_reply: '审核同意答复',
  reply_on_the_spot: '当场答复',
  deliver: '送达',
  archive: '归档',
  withdraw: '撤回申请',
  abandon: '按视为放弃申请终止',
};

/** A command to a disclosure request. Dates left out default to `today`. */
export type RequestCommand =
  | { readonly type: 'submit'; readonly record: RequestRecord }
  | { readonly type: 'confirm_receipt'; readonly confirmedOn?: string }
  | { readonly type: 'start_review' }
  | { readonly type: 'request_clarification'; readonly points: readonly string[]; readonly deadlineOn: string }
  | { readonly type: 'receive_clarification'; readonly receivedOn?: string; readonly justification?: string }
  | { readonly type: 'assign_to_unit'; readonly unitId: string; readonly unitName: string }
  | { readonly type: 'start_consultation'; readonly party: ConsultedParty; readonly consultedName: string; readonly letterReceivedOn?: string }
  | { readonly type: 'end_consultation'; readonly result: ConsultationResult }
  | { readonly type: 'send_fee_notice'; readonly fee: FeeAssessmentInput; readonly noticeReceivedOn?: string }
  | { readonly type: 'record_fee_payment'; readonly paidOn?: string }
  | { readonly type: 'waive_fee'; readonly reason: string }
  | { readonly type: 'approve_extension'; readonly workdays: number; readonly reason: string }
  /** `replyType`: which item of 第三十六条 the reply answers under; for 予以公开, （一）已主动公开 or （二）同意公开. */
  | { readonly type: 'draft_reply'; readonly outcome: Outcome; readonly replyType?: ReplyType; readonly withheld?: readonly WithheldPart[]; readonly summary: string }
  | { readonly type: 'return_draft'; readonly reason: string }
  | { readonly type: 'approve_reply' }
  | { readonly type: 'reply_on_the_spot'; readonly outcome: Outcome; readonly replyType?: ReplyType; readonly summary: string; readonly proof: string }
  /** `signedBy` and `scan`: the returned 送达回证 (who signed it, its scan), when the delivery is proved by one. */
  | { readonly type: 'deliver'; readonly method: DeliveryMethod; readonly deliveredOn?: string; readonly proof: string; readonly signedBy?: string; readonly scan?: DeliveryScan }
  | { readonly type: 'archive' }
  | { readonly type: 'withdraw'; readonly reason?: string }
  | { readonly type: 'abandon' };
