/**
 * The deadline for proactive publication (主动公开): 20 working days after the day the information
 * was formed or changed, under both versions of the regulations (2008 第十八条, 2019 第二十六条).
 */
import { parseCalendarDate } from './calendar-date.ts';
import { explainCount, type ExplainedDeadline } from './deadline-explanation.ts';
import { REGIME_RULES, regimeFor, type Regime } from './disclosure-regime.ts';
import type { HolidayCalendar } from './holiday-calendar.ts';
import { countWorkdays } from './working-days.ts';

// 条例第二十六条：“应当自该政府信息形成或者变更之日起20个工作日内及时公开”（2008年条例第十八条同为20个工作日）
const PUBLICATION_WORKDAYS = 20;

/** A publication deadline, with the regulations that set it. */
export interface PublicationDeadline extends ExplainedDeadline {
  readonly regime: Regime;
}

/** The last day to publish information formed or changed on `formedOn` (20 working days later). */
export function computePublicationDeadline(cal: HolidayCalendar, formedOn: string): PublicationDeadline {
  const formed = parseCalendarDate(formedOn, '政府信息形成或者变更之日');
  const regime = regimeFor(formed, '政府信息形成或者变更之日');
  const rules = REGIME_RULES[regime];
  const count = countWorkdays(cal, formed, PUBLICATION_WORKDAYS);
  return {
    regime,
    ...explainCount(
      [
        `适用${rules.title}。${rules.publicationArticle}。`,
        '法律、法规对政府信息公开的期限另有规定的，从其规定（条例第二十六条后句）；本计算只给出条例的一般期限。',
        '计算方法：形成或者变更之日当日不计，自次日起按工作日计算，第20个工作日为最后一日。',
      ],
      count,
      '政府信息形成或者变更之日',
      '公开期限',
    ),
  };
}
