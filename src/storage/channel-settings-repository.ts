/** Each agency's channel accounts (`channel_settings`): settings and secrets as JSON. */
import type { ChannelAccount, ChannelSettingsRepository, OutboxChannel } from '../services/ports.ts';
import type { Executor } from './database.ts';

/** Creates the channel settings repository over a database or transaction. */
export function createChannelSettingsRepository(db: Executor): ChannelSettingsRepository {
  const toAccount = (r: { agency_id: number; channel: string; enabled: number; config: string; secrets: string; updated_at: string }): ChannelAccount => ({
    agencyId: r.agency_id,
    channel: r.channel as OutboxChannel,
    enabled: r.enabled === 1,
    config: JSON.parse(r.config) as Record<string, unknown>,
    secrets: JSON.parse(r.secrets) as Record<string, string>,
    updatedAt: r.updated_at,
  });
  return {
    async get(agencyId, channel) {
      const r = await db.selectFrom('channel_settings').selectAll().where('agency_id', '=', agencyId).where('channel', '=', channel).executeTakeFirst();
      return r && toAccount(r);
    },
    async list(agencyIds) {
      let q = db.selectFrom('channel_settings').selectAll();
      if (agencyIds) q = q.where('agency_id', 'in', agencyIds.length ? [...agencyIds] : [-1]);
      return (await q.orderBy('agency_id').orderBy('channel').execute()).map(toAccount);
    },
    async save(a) {
      const values = { enabled: a.enabled ? 1 : 0, config: JSON.stringify(a.config), secrets: JSON.stringify(a.secrets), updated_at: a.updatedAt };
      await db
        .insertInto('channel_settings')
        .values({ agency_id: a.agencyId, channel: a.channel, ...values })
        .onConflict((oc) => oc.columns(['agency_id', 'channel']).doUpdateSet(values))
        .execute();
    },
  };
}
