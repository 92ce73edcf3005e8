/**
 * How a request reached the agency (申请渠道). 条例第二十九条 requires writing (信件、数据电文) or, where
 * writing is truly difficult, an oral request written down by the office; 条例第三十一条 then fixes the
 * receipt date by channel, which is the clock's `SubmissionChannel`.
 */
import type { SubmissionChannel } from '../calendar/index.ts';

/** The intake channels. */
export const INTAKE_CHANNELS = ['online', 'letter_registered', 'letter_ordinary', 'fax', 'in_person', 'oral'] as const;

/** One of `INTAKE_CHANNELS`. */
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

/** Whether a value is one of the intake channels. */
export function isIntakeChannel(value: unknown): value is IntakeChannel {
  return typeof value === 'string' && (INTAKE_CHANNELS as readonly string[]).includes(value);
}

/** The Chinese label of each channel. */
export const INTAKE_CHANNEL_LABELS: Readonly<Record<IntakeChannel, string>> = {
  online: '在线申请（互联网）',
  letter_registered: '挂号信（需签收的邮件）',
  letter_ordinary: '平常信函',
  fax: '传真',
  in_person: '当面提交',
  oral: '口头申请（工作机构代为填写）',
};

/** The receipt-date rule (条例第三十一条) that applies to a channel. */
export function submissionChannelOf(channel: IntakeChannel): SubmissionChannel {
  switch (channel) {
    case 'online':
      // 第三十一条第（三）项：“通过互联网渠道……以双方确认之日为收到申请之日”
      return 'online';
    case 'letter_registered':
      // 第三十一条第（二）项：“以邮寄方式提交……以行政机关签收之日为收到申请之日”
      return 'registered_mail';
    case 'letter_ordinary':
      // 第三十一条第（二）项：“以平常信函等无需签收的邮寄方式提交……确认之日为收到申请之日”
      return 'ordinary_mail';
    case 'fax':
      // 第三十一条第（三）项：“政府信息公开工作机构的传真……以双方确认之日为收到申请之日”
      return 'fax';
    case 'in_person':
      // 第三十一条第（一）项：“当面提交……以提交之日为收到申请之日”
      return 'in_person';
    case 'oral':
      // 条例第二十九条：口头提出的，“由受理该申请的政府信息公开工作机构代为填写”——申请人当面口述，按当面提交计（推导）。
      return 'in_person';
    default: {
      const unreachable: never = channel;
      throw new Error(`未知的申请渠道：${String(unreachable)}`);
    }
  }
}

/** Whether the receipt date waits for a confirmation (条例第三十一条第（二）项平常信函、第（三）项互联网和传真). */
export function needsReceiptConfirmation(channel: IntakeChannel): boolean {
  const s = submissionChannelOf(channel);
  return s === 'online' || s === 'fax' || s === 'ordinary_mail';
}

/** Whether the applicant is present, so that a reply on the spot (条例第三十三条第一款“当场答复”) is possible. */
export function allowsOnTheSpotReply(channel: IntakeChannel): boolean {
  return channel === 'in_person' || channel === 'oral';
}
