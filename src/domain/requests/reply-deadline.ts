/**
 * The reply deadline of a request (答复期限), derived from its events by the statutory clock
 * (`computeRequestDeadline`): 补正 restarts it, consultations and fee notices pause it, an extension
 * lengthens it. A consultation or fee notice still open is a pause that has not ended yet; given
 * `asOf`, it is counted as running through that day, so the due date moves on while it lasts.
 */
import { computeRequestDeadline, type HolidayCalendar, type RequestDeadline, type RequestEvent } from '../calendar/index.ts';
import { openConsultation, type RequestState } from './request-state.ts';

/** The clock's events for a request, with open pauses running through `asOf` (when given and not before their start). */
export function clockEventsOf(state: RequestState, asOf?: string): RequestEvent[] {
  const events: RequestEvent[] = [...state.clockEvents];
  if (asOf === undefined) return events;
  const consultation = openConsultation(state);
  if (consultation !== null && asOf >= consultation.startedOn) {
    // 条例第三十三条第三款：“征求第三方和其他机关意见所需时间不计算在前款规定的期限内”
    events.push({ type: 'paused', from: consultation.startedOn, to: asOf, reason: 'consultation' });
  }
  const fee = state.fee;
  if (fee !== null && fee.paidOn === null && fee.waivedOn === null && asOf >= fee.sentOn) {
    events.push({ type: 'paused', from: fee.sentOn, to: asOf, reason: 'fee' });
  }
  return events;
}

/** The reply deadline of a request, or null before the receipt date is known; open pauses extend it through `asOf`. */
export function deadlineOf(state: RequestState, calendar: HolidayCalendar, asOf?: string): RequestDeadline | null {
  if (state.receivedOn === null) return null;
  return computeRequestDeadline(calendar, { received: state.receivedOn, events: clockEventsOf(state, asOf) });
}
