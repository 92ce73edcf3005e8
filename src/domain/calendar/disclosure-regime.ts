/**
 * Which version of the 政府信息公开条例 governs a date: the 2008 regulations (国务院令第492号,
 * in force 2008-05-01) or the 2019 revision (国务院令第711号, in force 2019-05-15). The periods
 * differ (15 + 15 vs 20 + 20 working days), so a request keeps the regime of the day it was received.
 */
import { CalendarInputError } from './calendar-input-error.ts';
import type { CalendarDate } from './calendar-date.ts';

/** The two versions of the regulations. */
export const REGIMES = ['2008', '2019'] as const;

/** One of `REGIMES`. */
export type Regime = (typeof REGIMES)[number];

/** The rules of one version that the clock needs, with the articles they come from. */
export interface RegimeRules {
  readonly regime: Regime;
  readonly title: string;
  readonly inForceFrom: CalendarDate;
  readonly replyWorkdays: number;
  readonly maxExtensionWorkdays: number;
  readonly replyArticle: string;
  readonly extensionArticle: string;
  readonly consultationArticle: string;
  readonly publicationArticle: string;
}

/** Day the 2008 regulations took effect (国务院令第492号：“自2008年5月1日起施行”). */
export const REGULATIONS_2008_IN_FORCE = '2008-05-01' as CalendarDate;
/** Day the 2019 revision took effect (国务院令第711号，第五十六条：“本条例自2019年5月15日起施行”). */
export const REGULATIONS_2019_IN_FORCE = '2019-05-15' as CalendarDate;

/** The periods and articles of each version. */
export const REGIME_RULES: Readonly<Record<Regime, RegimeRules>> = {
  '2008': {
    regime: '2008',
    title: '2008年《中华人民共和国政府信息公开条例》（国务院令第492号）',
    inForceFrom: REGULATIONS_2008_IN_FORCE,
    // 2008年条例第二十四条第二款：“应当自收到申请之日起15个工作日内予以答复”
    replyWorkdays: 15,
    // 2008年条例第二十四条第二款：“延长答复的期限最长不得超过15个工作日”
    maxExtensionWorkdays: 15,
    replyArticle: '2008年条例第二十四条第二款：“不能当场答复的，应当自收到申请之日起15个工作日内予以答复”',
    extensionArticle:
      '2008年条例第二十四条第二款：“如需延长答复期限的，应当经政府信息公开工作机构负责人同意，并告知申请人，延长答复的期限最长不得超过15个工作日”',
    consultationArticle: '2008年条例第二十四条第三款：“行政机关征求第三方意见所需时间不计算在本条第二款规定的期限内”',
    publicationArticle: '2008年条例第十八条：“应当自该政府信息形成或者变更之日起20个工作日内予以公开”',
  },
  '2019': {
    regime: '2019',
    title: '2019年修订的《中华人民共和国政府信息公开条例》（国务院令第711号）',
    inForceFrom: REGULATIONS_2019_IN_FORCE,
    // 条例第三十三条第二款：“应当自收到申请之日起20个工作日内予以答复”
    replyWorkdays: 20,
    // 条例第三十三条第二款：“延长的期限最长不得超过20个工作日”
    maxExtensionWorkdays: 20,
    replyArticle: '条例第三十三条第二款：“行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复”',
    extensionArticle:
      '条例第三十三条第二款：“需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日”',
    consultationArticle: '条例第三十三条第三款：“行政机关征求第三方和其他机关意见所需时间不计算在前款规定的期限内”',
    publicationArticle: '条例第二十六条：“应当自该政府信息形成或者变更之日起20个工作日内及时公开”',
  },
};

/** The regime governing a date: 2008 before 2019-05-15, 2019 from then on; dates before 2008-05-01 are rejected. */
export function regimeFor(date: CalendarDate, what = '该日期'): Regime {
  if (date < REGULATIONS_2008_IN_FORCE) {
    throw new CalendarInputError(
      'before_regulations',
      `${what} ${date} 早于《政府信息公开条例》施行日 2008-05-01（国务院令第492号：“自2008年5月1日起施行”），不适用本条例的期限。`,
    );
  }
  return date < REGULATIONS_2019_IN_FORCE ? '2008' : '2019';
}
