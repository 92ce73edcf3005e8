/**
 * One-time form tokens: every console form carries a random token; the first POST with it claims
 * it (the token's SHA-256 is the key of `form_tokens`, so two racing posts cannot both win) and a
 * second POST of the same form (a double click, a reload, the browser's “resubmit”) is not applied
 * again. A post that fails gives its token back, so the corrected form can be sent.
 */
import { createHash } from 'node:crypto';
import type { Clock, UnitOfWork } from './ports.ts';

/** How long a claimed token is remembered: longer than any form stays open in a browser tab. */
const REMEMBER_MS = 7 * 24 * 60 * 60 * 1000;

function hashFormToken(token: string): string {
  return createHash('sha256').update(`form-token\n${token}`).digest('hex');
}

/** Creates the one-time form token service. */
export function createSingleSubmissionService(deps: { uow: UnitOfWork; clock: Clock }) {
  let claims = 0;
  return {
    /** Claims a form's token; false when the same form was posted before. */
    async claim(token: string): Promise<boolean> {
      const now = deps.clock.now();
      return deps.uow.transaction(async (repos) => {
        // Now and then, forget tokens older than any open form.
        if (claims++ % 500 === 0) await repos.formTokens.prune(new Date(now.getTime() - REMEMBER_MS).toISOString());
        return repos.formTokens.claim(hashFormToken(token), now.toISOString());
      });
    },
    /** Gives a token back after its post was refused (a validation error, a conflict). */
    async release(token: string): Promise<void> {
      await deps.uow.transaction((repos) => repos.formTokens.release(hashFormToken(token)));
    },
  };
}

export type SingleSubmissionService = ReturnType<typeof createSingleSubmissionService>;
