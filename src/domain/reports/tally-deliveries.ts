/**
 * Sums what was sent on each delivery channel in the year (the seed's “短信消息152条”), keeping the ids of
 * the tallies summed.
 */
import { DELIVERY_CHANNELS, type DeliveryChannel } from './delivery-channels.ts';
import { isWithin, type ReportPeriod } from './report-period.ts';
import type { DeliveryTally } from './report-input.ts';

/** The sum and the tally ids of one channel. */
export interface ChannelCount {
  readonly count: number;
  readonly ids: readonly string[];
}

/** Sums the deliveries of a year per channel. */
export function tallyDeliveries(deliveries: readonly DeliveryTally[], period: ReportPeriod): Readonly<Record<DeliveryChannel, ChannelCount>> {
  const result = Object.fromEntries(DELIVERY_CHANNELS.map((c) => [c, { count: 0, ids: [] as string[] }])) as unknown as Record<
    DeliveryChannel,
    { count: number; ids: string[] }
  >;
  for (const d of [...deliveries].sort((a, b) => a.id.localeCompare(b.id))) {
    if (!isWithin(d.sentOn, period)) continue;
    result[d.channel].count += d.count;
    result[d.channel].ids.push(d.id);
  }
  return result;
}
