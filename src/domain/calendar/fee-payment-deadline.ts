/**
 * The applicant's deadline to pay an information-processing fee (信息处理费): 20 working days after
 * receiving the fee notice; unpaid, the request is treated as withdrawn (年报表三（六）2).
 * Source: 《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）as quoted by the Sichuan notice
 * of 2021-01-18 — domain-reference §3 marks the 109号 wording itself as unverified.
 */
import { parseCalendarDate } from './calendar-date.ts';
import { explainCount, type ExplainedDeadline } from './deadline-explanation.ts';
import type { HolidayCalendar } from './holiday-calendar.ts';
import { countWorkdays } from './working-days.ts';

// 四川省财政厅、发展改革委转述109号办法：“申请人应当在收到收费通知次日起20个工作日内缴纳费用，逾期未缴纳的视为放弃申请”
const FEE_PAYMENT_WORKDAYS = 20;

/** The last day for the applicant to pay, counted from the day the fee notice was received. */
export function computeFeePaymentDeadline(cal: HolidayCalendar, feeNoticeReceivedOn: string): ExplainedDeadline {
  const received = parseCalendarDate(feeNoticeReceivedOn, '申请人收到收费通知之日');
  return explainCount(
    [
      '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号，据四川省财政厅、发展改革委2021年1月18日通知转述）：申请人应当在“收到收费通知次日起20个工作日内缴纳费用，逾期未缴纳的视为放弃申请”。',
      '计算方法：收到收费通知当日不计，自次日起按工作日计算，第20个工作日为最后一日。',
    ],
    countWorkdays(cal, received, FEE_PAYMENT_WORKDAYS),
    '申请人收到收费通知之日',
    '缴费期限',
  );
}
