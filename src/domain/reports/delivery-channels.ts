/**
 * The ways proactively disclosed information reaches the public besides the portal itself (条例第二十四条
 * “政府网站、政务新媒体”，第二十五条“公共查阅室、资料索取点、信息公告栏、电子信息屏”): the report counts
 * what was sent on each, as the seed report's “短信消息152条” does.
 */

/** The delivery channels, in the order a report lists them. */
export const DELIVERY_CHANNELS = ['portal', 'wechat', 'weibo', 'sms', 'email', 'notice_board'] as const;

/** One of `DELIVERY_CHANNELS`. */
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** Whether a value is one of the delivery channels. */
export function isDeliveryChannel(value: unknown): value is DeliveryChannel {
  return typeof value === 'string' && (DELIVERY_CHANNELS as readonly string[]).includes(value);
}

/** How a narrative names each channel and counts its messages (“短信消息152条”). */
export const DELIVERY_CHANNEL_WORDING: Readonly<Record<DeliveryChannel, { readonly label: string; readonly measure: string }>> = {
  portal: { label: '门户网站发布信息', measure: '条' },
  wechat: { label: '微信公众号推送信息', measure: '条' },
  weibo: { label: '政务微博发布信息', measure: '条' },
  sms: { label: '短信消息', measure: '条' },
  email: { label: '电子邮件', measure: '封' },
  notice_board: { label: '信息公开栏张贴信息', measure: '期' },
};
