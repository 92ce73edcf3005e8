/**
 * How the annual report counts what was sent: which report channel (the seed's “短信消息152条” …) each
 * delivery channel code counts under, and the year's bounds in China time. Shared by the compiler
 * service (counts in SQL) and the trace of a channel figure (lists the same messages again).
 */
import { DELIVERY_CHANNELS, type DeliveryChannel, type DeliveryCounts } from '../domain/reports/index.ts';
import type { DeliveryChannelCode, DeliveryCountScope } from './ports.ts';

/** Every delivery channel code. */
const DELIVERY_CHANNEL_CODES: readonly DeliveryChannelCode[] = ['portal', 'wechat', 'weibo', 'sms', 'email', 'notice_board', 'village_wechat', 'qq_group'];

/** The report channel a delivery counts under; a village's WeChat group is 微信, QQ groups have no line of their own in a report. */
export function reportChannelOf(channel: DeliveryChannelCode): DeliveryChannel | null {
  switch (channel) {
    case 'portal':
    case 'wechat':
    case 'weibo':
    case 'sms':
    case 'email':
    case 'notice_board':
      return channel;
    case 'village_wechat':
      return 'wechat';
    case 'qq_group':
      return null;
    default: {
      const unreachable: never = channel;
      throw new Error(`未知的发布渠道：${String(unreachable)}`);
    }
  }
}

/** The delivery channel codes a report channel counts. */
export function channelCodesOf(channel: DeliveryChannel): DeliveryChannelCode[] {
  return DELIVERY_CHANNEL_CODES.filter((code) => reportChannelOf(code) === channel);
}

/** The first instant of a year in China (00:00 Asia/Shanghai). */
export function chinaYearStart(year: number): string {
  return new Date(Date.UTC(year, 0, 1) - 8 * 3_600_000).toISOString();
}

/** The messages of a report's agencies and year. */
export function deliveryScopeOf(agencyIds: readonly number[], year: number): DeliveryCountScope {
  return { agencyIds, fromAt: chinaYearStart(year), toAt: chinaYearStart(year + 1) };
}

/** Sums the store's per-code counts into the report's channels (unknown codes are left out). */
export function reportChannelCounts(rows: ReadonlyArray<{ channel: string; count: number }>): DeliveryCounts {
  const counts = Object.fromEntries(DELIVERY_CHANNELS.map((c) => [c, 0])) as Record<DeliveryChannel, number>;
  for (const row of rows) {
    if (!(DELIVERY_CHANNEL_CODES as readonly string[]).includes(row.channel)) continue;
    const channel = reportChannelOf(row.channel as DeliveryChannelCode);
    if (channel !== null) counts[channel] += row.count;
  }
  return counts;
}
