/** Key–value settings (e.g. which agency the portal's home page shows). */
import type { SettingsRepository } from '../services/ports.ts';
import type { Executor } from './database.ts';

/** Creates the settings repository over a database or transaction. */
export function createSettingsRepository(db: Executor): SettingsRepository {
  return {
    async get(key) {
      const r = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
      return r?.value;
    },
    async set(key, value, at) {
      await db
        .insertInto('settings')
        .values({ key, value, updated_at: at })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
        .execute();
    },
  };
}
