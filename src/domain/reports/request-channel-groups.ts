/**
 * How a report groups the intake channels when it says “其中网上申请1件，信函申请2件” (the seed report's
 * “網絡申請數為1件，信函申請數2件”): registered and ordinary letters are both 信函, an oral request is
 * written down in person (条例第二十九条：“由受理该申请的政府信息公开工作机构代为填写”).
 */
import type { IntakeChannel } from '../requests/index.ts';

/** The channel groups a report names, in the order it names them. */
export const REQUEST_CHANNEL_GROUPS = ['online', 'letter', 'fax', 'in_person'] as const;

/** One of `REQUEST_CHANNEL_GROUPS`. */
export type RequestChannelGroup = (typeof REQUEST_CHANNEL_GROUPS)[number];

/** The wording of each group in a narrative sentence. */
export const REQUEST_CHANNEL_GROUP_LABELS: Readonly<Record<RequestChannelGroup, string>> = {
  online: '网上申请',
  letter: '信函申请',
  fax: '传真申请',
  in_person: '当面申请',
};

/** The group an intake channel is reported under. */
export function requestChannelGroupOf(channel: IntakeChannel): RequestChannelGroup {
  switch (channel) {
    case 'online':
      return 'online';
    case 'letter_registered':
    case 'letter_ordinary':
      return 'letter';
    case 'fax':
      return 'fax';
    case 'in_person':
    case 'oral':
      return 'in_person';
    default: {
      const unreachable: never = channel;
      throw new Error(`未知的申请渠道：${String(unreachable)}`);
    }
  }
}
