/**
 * The day an agency “收到” a request, from which every period runs. 条例第三十一条 fixes it by
 * channel; the same rule is applied to requests of the 2008 regime, which had none of its own.
 */
import { CalendarInputError } from './calendar-input-error.ts';
import { parseCalendarDate, type CalendarDate } from './calendar-date.ts';

/** How the request reached the agency. */
export const SUBMISSION_CHANNELS = ['in_person', 'registered_mail', 'ordinary_mail', 'online', 'fax'] as const;

/** One of `SUBMISSION_CHANNELS`. */
export type SubmissionChannel = (typeof SUBMISSION_CHANNELS)[number];

/** The dates known about a submission; which one decides depends on the channel. */
export interface ReceiptFacts {
  readonly channel: SubmissionChannel;
  /** 提交之日 (in person) or the day the online form / fax was sent. */
  readonly submittedOn?: string;
  /** 签收之日 of registered mail (挂号信、EMS 等需签收的邮件). */
  readonly signedForOn?: string;
  /** The day an ordinary letter arrived. */
  readonly arrivedOn?: string;
  /** 确认之日: with the applicant (ordinary mail) or by both sides (online, fax). */
  readonly confirmedOn?: string;
}

/** The receipt date and the rule that gave it. */
export interface ReceiptDate {
  readonly receivedOn: CalendarDate;
  readonly basis: string;
}

const CHANNEL_LABELS: Readonly<Record<SubmissionChannel, string>> = {
  in_person: '当面提交',
  registered_mail: '邮寄（需签收）',
  ordinary_mail: '平常信函',
  online: '互联网渠道',
  fax: '传真',
};

function required(value: string | undefined, channel: SubmissionChannel, what: string, rule: string): CalendarDate {
  if (value === undefined || value === null || value === '') {
    throw new CalendarInputError('missing_date', `${CHANNEL_LABELS[channel]}的申请缺少${what}：${rule}`);
  }
  return parseCalendarDate(value, what);
}

function notBefore(later: CalendarDate, earlier: string | undefined, laterWhat: string, earlierWhat: string): void {
  if (earlier === undefined) return;
  const e = parseCalendarDate(earlier, earlierWhat);
  if (later < e) {
    throw new CalendarInputError('invalid_range', `${laterWhat} ${later} 早于${earlierWhat} ${e}，请核对。`);
  }
}

/** Determines the receipt date (收到申请之日) for a channel under 条例第三十一条, or throws a Chinese `CalendarInputError`. */
export function determineReceiptDate(facts: ReceiptFacts): ReceiptDate {
  const channel = facts?.channel;
  switch (channel) {
    case 'in_person': {
      // 条例第三十一条第（一）项：“申请人当面提交政府信息公开申请的，以提交之日为收到申请之日”
      const rule = '条例第三十一条第（一）项：当面提交的，以提交之日为收到申请之日。';
      return { receivedOn: required(facts.submittedOn, channel, '提交日期', rule), basis: rule };
    }
    case 'registered_mail': {
      // 条例第三十一条第（二）项：“以邮寄方式提交政府信息公开申请的，以行政机关签收之日为收到申请之日”
      const rule = '条例第三十一条第（二）项：以邮寄方式提交的，以行政机关签收之日为收到申请之日。';
      return { receivedOn: required(facts.signedForOn, channel, '签收日期', rule), basis: rule };
    }
    case 'ordinary_mail': {
      // 条例第三十一条第（二）项：“以平常信函等无需签收的邮寄方式提交……应当于收到申请的当日与申请人确认，确认之日为收到申请之日”
      const rule = '条例第三十一条第（二）项：以平常信函等无需签收的方式提交的，应当于收到申请的当日与申请人确认，确认之日为收到申请之日。';
      const confirmedOn = required(facts.confirmedOn, channel, '与申请人确认的日期', rule);
      notBefore(confirmedOn, facts.arrivedOn, '确认日期', '信件到达日期');
      const late =
        facts.arrivedOn !== undefined && confirmedOn > parseCalendarDate(facts.arrivedOn, '信件到达日期')
          ? `（注意：信件 ${facts.arrivedOn} 到达，未按规定于当日确认。）`
          : '';
      return { receivedOn: confirmedOn, basis: rule + late };
    }
    case 'online':
    case 'fax': {
      // 条例第三十一条第（三）项：“通过互联网渠道或者政府信息公开工作机构的传真提交……以双方确认之日为收到申请之日”
      const rule = '条例第三十一条第（三）项：通过互联网渠道或者传真提交的，以双方确认之日为收到申请之日。';
      const confirmedOn = required(facts.confirmedOn, channel, '双方确认的日期', rule);
      notBefore(confirmedOn, facts.submittedOn, '确认日期', '提交日期');
      return { receivedOn: confirmedOn, basis: rule };
    }
    default:
      throw new CalendarInputError(
        'invalid_channel',
        `未知的提交渠道“${String(channel)}”，应为：${SUBMISSION_CHANNELS.map((c) => `${c}（${CHANNEL_LABELS[c]}）`).join('、')}。`,
      );
  }
}
