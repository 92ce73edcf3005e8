import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../test/databases.ts';
import { fixedClock } from '../../test/clock.ts';
import { testServices } from '../../test/services.ts';

describeEachDialect('one-time form tokens', (ctx) => {
  test('a token is claimed once, also by racing posts; a released token can be claimed again; old tokens are forgotten', async () => {
    const clock = fixedClock('2026-11-26T02:00:00.000Z');
    const s = testServices(ctx.db, clock);
    await s.initialise({ demo: false, adminPassword: 'Qiancheng-Root#2026' });
    const forms = s.formTokens;
    assert.equal(await forms.claim('Ab3dEf6hIj9kLm2oPq5sTu8wXy1zAb4c'), true);
    assert.equal(await forms.claim('Ab3dEf6hIj9kLm2oPq5sTu8wXy1zAb4c'), false, 'the same form posted again');
    const raced = await Promise.all([0, 1, 2, 3].map(() => forms.claim('Raced6hIj9kLm2oPq5sTu8wXy1zAb4cd')));
    assert.equal(raced.filter(Boolean).length, 1, 'exactly one of the racing posts applies');
    await forms.release('Ab3dEf6hIj9kLm2oPq5sTu8wXy1zAb4c');
    assert.equal(await forms.claim('Ab3dEf6hIj9kLm2oPq5sTu8wXy1zAb4c'), true, 'a refused post gives its token back');
    const stored = await ctx.db.selectFrom('form_tokens').select('token_hash').execute();
    assert.ok(stored.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash) && !r.token_hash.includes('Ab3d')), 'only hashes are kept');
  });
});
