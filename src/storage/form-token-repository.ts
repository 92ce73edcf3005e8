/** One-time form tokens of the console: claimed once (the hash is the primary key), released on failure. */
import type { FormTokenRepository } from '../services/ports.ts';
import type { Executor } from './database.ts';

/** Creates the form-token repository over a database or transaction. */
export function createFormTokenRepository(db: Executor): FormTokenRepository {
  return {
    async claim(tokenHash, at) {
      // ON CONFLICT DO NOTHING: a second claim neither fails nor aborts a PostgreSQL transaction.
      const r = await db.insertInto('form_tokens').values({ token_hash: tokenHash, used_at: at }).onConflict((oc) => oc.column('token_hash').doNothing()).returning('token_hash').executeTakeFirst();
      return r !== undefined;
    },
    async release(tokenHash) {
      await db.deleteFrom('form_tokens').where('token_hash', '=', tokenHash).execute();
    },
    async prune(before) {
      await db.deleteFrom('form_tokens').where('used_at', '<', before).execute();
    },
  };
}
