/**
 * Each agency's channel accounts (`channel_settings`): settings as JSON, secrets as JSON sealed
 * with AES-256-GCM (secret-box.ts). Rows written before encryption hold the secrets in plain JSON:
 * they are still read, and sealed the next time the account is saved.
 */
import type { ChannelAccount, ChannelSettingsRepository, OutboxChannel } from '../services/ports.ts';
import type { Executor } from './database.ts';
import { isSealed, SecretKeyMismatchError, type SecretBox } from './secret-box.ts';

/** The additional data a row's secrets are sealed with: they open only on the same row. */
const contextOf = (agencyId: number, channel: string) => `channel_settings:${agencyId}:${channel}`;

/** Creates the channel settings repository over a database or transaction; `box` encrypts the secrets. */
export function createChannelSettingsRepository(db: Executor, box?: SecretBox): ChannelSettingsRepository {
  const secretsOf = (r: { agency_id: number; channel: string; secrets: string }): { secrets: Record<string, string>; unreadable: boolean } => {
    const stored: unknown = JSON.parse(r.secrets || '{}');
    if (!isSealed(stored)) return { secrets: stored as Record<string, string>, unreadable: false };
    if (!box) return { secrets: {}, unreadable: true };
    try {
      return { secrets: JSON.parse(box.open(r.secrets, contextOf(r.agency_id, r.channel))) as Record<string, string>, unreadable: false };
    } catch (e) {
      if (e instanceof SecretKeyMismatchError) return { secrets: {}, unreadable: true };
      throw e;
    }
  };
  const toAccount = (r: { agency_id: number; channel: string; enabled: number; config: string; secrets: string; updated_at: string }): ChannelAccount => {
    const { secrets, unreadable } = secretsOf(r);
    return {
      agencyId: r.agency_id,
      channel: r.channel as OutboxChannel,
      enabled: r.enabled === 1,
      config: JSON.parse(r.config) as Record<string, unknown>,
      secrets,
      ...(unreadable && { secretsUnreadable: true }),
      updatedAt: r.updated_at,
    };
  };
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
      const plain = JSON.stringify(a.secrets);
      if (!box && Object.keys(a.secrets).length > 0) throw new Error('未配置加密密钥，不能保存渠道密钥');
      const secrets = box ? box.seal(plain, contextOf(a.agencyId, a.channel)) : plain;
      const values = { enabled: a.enabled ? 1 : 0, config: JSON.stringify(a.config), secrets, updated_at: a.updatedAt };
      await db
        .insertInto('channel_settings')
        .values({ agency_id: a.agencyId, channel: a.channel, ...values })
        .onConflict((oc) => oc.columns(['agency_id', 'channel']).doUpdateSet(values))
        .execute();
    },
  };
}
