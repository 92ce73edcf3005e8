/**
 * Maps the request domain's derived state to what the report counts, so the shell needs no second
 * reading of the events: the outcome is the table 三 row, and the request closes on the day of its reply,
 * withdrawal or abandonment.
 */
import type { ReplyType, RequestState } from '../requests/index.ts';
import type { ReportRequest } from './report-input.ts';

/** The report's view of a request; `dueOn` is the clock's deadline (`deadlineOf`), which the state does not hold for open requests. */
export function toReportRequest(state: RequestState, dueOn: string | null, replyType: ReplyType | null = null): ReportRequest {
  const closedOn = state.reply?.repliedOn ?? state.withdrawnOn ?? state.abandoned?.abandonedOn ?? null;
  return {
    id: state.id,
    agencyId: state.record.agencyId,
    receivedOn: state.receivedOn,
    applicantType: state.record.applicant.type,
    channel: state.record.channel,
    outcome: state.outcome,
    replyType,
    repliedOn: state.reply?.repliedOn ?? null,
    dueOn: state.reply?.dueOn ?? dueOn,
    closedOn,
    fee:
      state.fee === null
        ? null
        : { amountYuan: state.fee.assessment.amount, paidOn: state.fee.paidOn, waivedOn: state.fee.waivedOn },
  };
}
