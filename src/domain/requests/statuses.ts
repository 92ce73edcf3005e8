/**
 * Where a request stands in the work procedure (办理状态), separate from its outcome (办理结果).
 * 条例第四十五条 names the stages: “登记、审核、办理、答复、归档”.
 */

/** The statuses of a request. */
export const REQUEST_STATUSES = [
  'awaiting_confirmation',
  'registered',
  'under_review',
  'awaiting_clarification',
  'in_progress',
  'consulting',
  'awaiting_fee',
  'under_approval',
  'replied',
  'delivered',
  'archived',
  'withdrawn',
  'closed_no_action',
] as const;

/** One of `REQUEST_STATUSES`. */
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Whether a value is one of the request statuses. */
export function isRequestStatus(value: unknown): value is RequestStatus {
  return typeof value === 'string' && (REQUEST_STATUSES as readonly string[]).includes(value);
}

/** The Chinese label of each status. */
export const REQUEST_STATUS_LABELS: Readonly<Record<RequestStatus, string>> = {
  awaiting_confirmation: '待确认',
  registered: '已登记',
  under_review: '审查中',
  awaiting_clarification: '补正中',
  in_progress: '办理中',
  consulting: '征求意见中',
  awaiting_fee: '待缴费',
  under_approval: '审核中',
  replied: '已答复',
  delivered: '已送达',
  archived: '已归档',
  withdrawn: '已撤回',
  closed_no_action: '终止（逾期未补正或未缴费）',
};

/** Whether the agency still owes a reply (the reply deadline runs or is paused). */
export function isOpen(status: RequestStatus): boolean {
  switch (status) {
    case 'awaiting_confirmation':
    case 'registered':
    case 'under_review':
    case 'awaiting_clarification':
    case 'in_progress':
    case 'consulting':
    case 'awaiting_fee':
    case 'under_approval':
      return true;
    case 'replied':
    case 'delivered':
    case 'archived':
    case 'withdrawn':
    case 'closed_no_action':
      return false;
    default: {
      const unreachable: never = status;
      throw new Error(`未知的办理状态：${String(unreachable)}`);
    }
  }
}

/** Whether the request is finished: only archiving (归档) may follow, or nothing at all once archived. */
export function isTerminal(status: RequestStatus): boolean {
  return status === 'delivered' || status === 'withdrawn' || status === 'closed_no_action' || status === 'archived';
}
