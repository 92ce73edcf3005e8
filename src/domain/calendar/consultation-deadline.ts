/**
 * The consulted party's deadline to answer (征求意见答复期限): 15 working days from receiving the
 * consultation letter, for a third party (条例第三十二条) or a co-authoring agency (第三十四条).
 * The 2008 regulations set no such period, so letters received before 2019-05-15 are rejected.
 */
import { CalendarInputError } from './calendar-input-error.ts';
import { parseCalendarDate } from './calendar-date.ts';
import { explainCount, type ExplainedDeadline } from './deadline-explanation.ts';
import { REGULATIONS_2019_IN_FORCE } from './disclosure-regime.ts';
import type { HolidayCalendar } from './holiday-calendar.ts';
import { countWorkdays } from './working-days.ts';

/** Who is consulted: a third party whose rights are affected, or another agency that co-authored the information. */
export const CONSULTED_PARTIES = ['third_party', 'other_agency'] as const;

/** One of `CONSULTED_PARTIES`. */
export type ConsultedParty = (typeof CONSULTED_PARTIES)[number];

// 条例第三十二条：“第三方应当自收到征求意见书之日起15个工作日内提出意见”；第三十四条：被征求意见机关“应当自收到征求意见书之日起15个工作日内提出意见”
const CONSULTATION_WORKDAYS = 15;

const ARTICLES: Readonly<Record<ConsultedParty, string>> = {
  third_party: '条例第三十二条：“第三方应当自收到征求意见书之日起15个工作日内提出意见。第三方逾期未提出意见的，由行政机关依照本条例的规定决定是否公开。”',
  other_agency: '条例第三十四条：“被征求意见机关应当自收到征求意见书之日起15个工作日内提出意见，逾期未提出意见的视为同意公开。”',
};

/** The last day for the consulted party to answer a consultation letter received on `letterReceivedOn`. */
export function computeConsultationDeadline(cal: HolidayCalendar, party: ConsultedParty, letterReceivedOn: string): ExplainedDeadline {
  if (!(CONSULTED_PARTIES as readonly string[]).includes(party)) {
    throw new CalendarInputError('invalid_event', `被征求意见方“${String(party)}”无效，应为 third_party（第三方）或 other_agency（其他机关）。`);
  }
  const received = parseCalendarDate(letterReceivedOn, '收到征求意见书之日');
  if (received < REGULATIONS_2019_IN_FORCE) {
    throw new CalendarInputError(
      'before_regulations',
      `收到征求意见书之日 ${received} 早于 ${REGULATIONS_2019_IN_FORCE}：2008年条例（第二十三条）未规定第三方提出意见的期限。`,
    );
  }
  return explainCount(
    [ARTICLES[party], '计算方法：收到征求意见书当日不计，自次日起按工作日计算，第15个工作日为最后一日。'],
    countWorkdays(cal, received, CONSULTATION_WORKDAYS),
    '收到征求意见书之日',
    '提出意见期限',
  );
}
