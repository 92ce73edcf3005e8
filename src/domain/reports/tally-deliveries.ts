/**
 * Sums what was sent on each delivery channel in the year (the seed's “短信消息152条”), keeping the ids of
 * the tallies summed — or, when the store counted them in SQL (a county sends hundreds of thousands of
 * messages a year), the query that lists them again.
 */
import { DELIVERY_CHANNELS, type DeliveryChannel } from './delivery-channels.ts';
import type { DeliveryCounts, RecordQuery } from './record-query.ts';
import { isWithin, type ReportPeriod } from './report-period.ts';
import type { DeliveryTally } from './report-input.ts';

/** The sum and the tally ids of one channel (or, counted in SQL, no ids and the query). */
export interface ChannelCount {
  readonly count: number;
  readonly ids: readonly string[];
  readonly query?: RecordQuery;
}

/** Sums the deliveries of a year per channel; with `counts` (the store's), takes those. */
export function tallyDeliveries(deliveries: readonly DeliveryTally[], period: ReportPeriod, counts?: DeliveryCounts): Readonly<Record<DeliveryChannel, ChannelCount>> {
  if (counts !== undefined) {
    return Object.fromEntries(DELIVERY_CHANNELS.map((c): [DeliveryChannel, ChannelCount] => [c, { count: counts[c], ids: [], query: { source: 'deliveries', channel: c } }])) as unknown as Record<DeliveryChannel, ChannelCount>;
  }
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
