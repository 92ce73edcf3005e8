/**
 * Signing in under attack, on both stores: parallel guesses cannot outrun the lock-out, and the
 * answers (message, and the one password hash every attempt costs) do not tell an unknown login,
 * a wrong password and a locked account apart.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../../test/databases.ts';
import { fixedClock } from '../../test/clock.ts';
import { testServices } from '../../test/services.ts';
import { SYSTEM_ACTOR } from './access-control.ts';
import { createUser } from './manage-users.ts';
import { scryptHasher } from './password-hashing.ts';
import { LOCK_MINUTES, MAX_FAILED_LOGINS, signIn, type AuthDeps } from './sign-in.ts';
import { ServiceError } from './errors.ts';
import type { PasswordHasher } from './ports.ts';

const PASSWORD = 'Right-horse#2026';

describeEachDialect('signing in under attack', (ctx) => {
  const clock = fixedClock('2026-11-26T02:00:00.000Z');
  let s: ReturnType<typeof testServices>;
  let verifications = 0;
  const countingHasher: PasswordHasher = {
    hash: (password) => scryptHasher.hash(password),
    verify: (password, stored) => {
      verifications += 1;
      return scryptHasher.verify(password, stored);
    },
  };
  let deps: AuthDeps;

  async function seedUser(login: string): Promise<number> {
    const created = await createUser(s.deps, SYSTEM_ACTOR, { login, displayName: login, agencyId: (await s.agencies.all())[0]!.id, password: PASSWORD }, { system: true, mustChangePassword: false });
    return created.user.id;
  }
  /** The refusal of an attempt: status and message (it must be refused). */
  async function refusal(login: string, password: string): Promise<{ status: number; message: string; hashes: number }> {
    const before = verifications;
    try {
      await signIn(deps, login, password);
    } catch (e) {
      assert.ok(e instanceof ServiceError, String(e));
      return { status: e.status, message: e.message, hashes: verifications - before };
    }
    assert.fail(`${login} was let in`);
  }

  before(async () => {
    s = testServices(ctx.db, clock);
    await s.initialise({ demo: false, adminPassword: 'Qiancheng-Root#2026' });
    deps = { uow: s.deps.uow, clock, sessionHours: 12, passwords: countingHasher };
  });

  test(`15 parallel wrong passwords lock the account (${MAX_FAILED_LOGINS} failures), and the right password is then refused`, async () => {
    const id = await seedUser('raced');
    const results = await Promise.allSettled(Array.from({ length: 15 }, (_, i) => signIn(deps, 'raced', `Wrong-guess#${i}`)));
    assert.ok(results.every((r) => r.status === 'rejected'));
    const user = (await s.users.get(id))!;
    assert.ok(user.lockedUntil !== null && user.lockedUntil > clock.now().toISOString(), `locked (failed_logins = ${user.failedLogins}, locked_until = ${user.lockedUntil})`);
    await assert.rejects(signIn(deps, 'raced', PASSWORD), ServiceError, 'the right password waits out the lock');
    const entries = await s.deps.uow.read.audit.forEntity('user', id);
    assert.equal(entries.filter((e) => e.action === 'lock').length, 1, 'locked once');
    assert.equal(entries.filter((e) => e.action === 'login').length, 0);
    clock.advance((LOCK_MINUTES + 1) * 60_000);
    assert.equal((await signIn(deps, 'raced', PASSWORD)).user.id, id, 'after the lock, the right password works');
  });

  test('a right guess racing the wrong ones opens no session once they have locked the account', async () => {
    const id = await seedUser('burst');
    // The right guess is read before the lock, but its hash finishes only after five wrong guesses locked the account.
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const gated: AuthDeps = {
      ...deps,
      passwords: { hash: scryptHasher.hash, verify: async (password, stored) => (password === PASSWORD && (await gate), scryptHasher.verify(password, stored)) },
    };
    const right = signIn(gated, 'burst', PASSWORD);
    await Promise.allSettled(Array.from({ length: MAX_FAILED_LOGINS }, (_, i) => signIn(deps, 'burst', `Wrong-guess#${i}`)));
    assert.ok((await s.users.get(id))!.lockedUntil, 'the wrong guesses locked the account');
    release();
    await assert.rejects(right, ServiceError);
    assert.equal((await s.deps.uow.read.audit.forEntity('user', id)).filter((e) => e.action === 'login').length, 0, 'no session was opened');
  });

  test('an unknown login, a wrong password, a locked account and a disabled one get the same answer, each after one password hash', async () => {
    await seedUser('known');
    const lockedId = await seedUser('locked');
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await refusal('locked', `Wrong-guess#${i}`);
    assert.ok((await s.users.get(lockedId))!.lockedUntil);
    const disabledId = await seedUser('disabled');
    await s.deps.uow.transaction((r) => r.users.update(disabledId, { disabled: true }, clock.now().toISOString()));

    const answers = {
      unknown: await refusal('nobody-here', 'Wrong-guess#1'),
      wrongPassword: await refusal('known', 'Wrong-guess#1'),
      wrongPasswordAgain: await refusal('known', 'Wrong-guess#2'),
      lockedWrong: await refusal('locked', 'Wrong-guess#9'),
      lockedRight: await refusal('locked', PASSWORD),
      disabledRight: await refusal('disabled', PASSWORD),
    };
    const first = answers.unknown;
    for (const [name, answer] of Object.entries(answers)) {
      assert.equal(answer.message, first.message, `${name}: the same words`);
      assert.equal(answer.status, first.status, `${name}: the same status`);
      assert.equal(answer.hashes, 1, `${name}: one password hash, so about the same time`);
    }
    assert.match(first.message, /用户名或密码不正确/);
    assert.doesNotMatch(first.message, /再失败/, 'no count that only a known login would get');
  });
});
