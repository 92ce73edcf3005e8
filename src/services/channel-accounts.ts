/**
 * Which channel account an agency sends with: its own, or the nearest ancestor's (a village uses the
 * town's SMS or e-mail account). Shared by the outbox, the delivery service, citizens' subscriptions
 * and staff reminders.
 */
import { lineageIdsOf } from '../domain/organisations/agency.ts';
import type { ChannelAccount, OutboxChannel, Repositories } from './ports.ts';

/** The account an agency sends with on a channel, or undefined when neither it nor any ancestor has one. */
export async function resolveChannelAccount(repos: Repositories, agencyId: number, channel: OutboxChannel): Promise<ChannelAccount | undefined> {
  const agency = await repos.agencies.findById(agencyId);
  if (!agency) return undefined;
  for (const id of lineageIdsOf(agency)) {
    const account = await repos.channelSettings.get(id, channel);
    if (account) return account;
  }
  return undefined;
}
