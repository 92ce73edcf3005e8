/**
 * Signing in and out, sessions and password changes. Sessions live in the database; the
 * browser holds a random token whose SHA-256 is the session id. After repeated failures an
 * account is locked for a while (every failure and lock is audited).
 */
import { createHash, randomBytes } from 'node:crypto';
import { AuthenticationError, ValidationError } from './errors.ts';
import { checkPasswordPolicy, scryptHasher } from './password-hashing.ts';
import type { Actor, Clock, PasswordHasher, Session, UnitOfWork, UserWithGrants } from './ports.ts';

export interface AuthDeps {
  uow: UnitOfWork;
  clock: Clock;
  sessionHours: number;
  /** Defaults to scrypt. */
  passwords?: PasswordHasher;
}

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
// A hash of a random password, so that unknown logins cost the same time as known ones.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** The SHA-256 of a session token: what the database stores. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The actor a user acts as. */
export function actorOf(user: UserWithGrants): Actor {
  return { userId: user.id, label: `${user.displayName}（${user.login}）`, grants: user.grants };
}

export interface SignedIn {
  token: string;
  session: Session;
  user: UserWithGrants;
}

/**
 * The one answer to every refused sign-in — unknown login, wrong password, locked or disabled account —
 * so that it does not tell which logins exist (OWASP ASVS V2.2, V3: no user enumeration).
 */
export const SIGN_IN_REFUSED = `用户名或密码不正确。连续 ${MAX_FAILED_LOGINS} 次输错密码，账号将锁定 ${LOCK_MINUTES} 分钟；如已锁定，请稍后再试或联系系统管理员`;

/**
 * Checks login and password; on success opens a session, on failure counts towards the lock-out.
 * Every attempt costs one password hash (against a dummy hash for unknown or disabled logins), and
 * the count and the lock are kept by the database in one statement, so parallel guesses cannot
 * outrun them; a right password verified after a parallel guess locked the account opens nothing.
 */
export async function signIn(deps: AuthDeps, login: string, password: string): Promise<SignedIn> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const passwords = deps.passwords ?? scryptHasher;
  const user = await deps.uow.read.users.findByLogin(login.trim().toLowerCase());
  const usable = user !== undefined && !user.disabled;
  const ok = await passwords.verify(password, usable ? user.passwordHash : DUMMY_HASH);
  if (!usable) throw new AuthenticationError(SIGN_IN_REFUSED);
  if (user.lockedUntil && user.lockedUntil > at) throw new AuthenticationError(SIGN_IN_REFUSED);
  if (!ok) {
    const lockUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString();
    await deps.uow.transaction(async (repos) => {
      const counted = await repos.users.recordFailedLogin(user.id, at, { maxFailures: MAX_FAILED_LOGINS, lockUntil });
      // Exactly one attempt brings the count to the limit: it records the lock.
      const locked = counted.failedLogins === MAX_FAILED_LOGINS && counted.lockedUntil === lockUntil;
      await repos.audit.append({
        actor: actorOf(user),
        at,
        entity: 'user',
        entityId: user.id,
        action: locked ? 'lock' : 'login_failed',
        change: locked ? { lockedUntil: lockUntil } : { failedLogins: counted.failedLogins },
      });
    });
    throw new AuthenticationError(SIGN_IN_REFUSED);
  }
  const token = randomToken();
  const session: Session = {
    id: sessionIdOf(token),
    userId: user.id,
    csrfToken: randomToken(),
    createdAt: at,
    lastSeenAt: at,
    expiresAt: new Date(now.getTime() + deps.sessionHours * 3_600_000).toISOString(),
  };
  await deps.uow.transaction(async (repos) => {
    if (!(await repos.users.recordLogin(user.id, at))) throw new AuthenticationError(SIGN_IN_REFUSED);
    await repos.sessions.deleteExpired(at);
    await repos.sessions.insert(session);
    await repos.audit.append({ actor: actorOf(user), at, entity: 'user', entityId: user.id, action: 'login', change: null });
  });
  return { token, session, user };
}

/** Resolves a cookie token to its live session and user, sliding the expiry forward. */
export async function resolveSession(deps: AuthDeps, token: string): Promise<{ session: Session; user: UserWithGrants } | undefined> {
  const now = deps.clock.now();
  const session = await deps.uow.read.sessions.findById(sessionIdOf(token));
  if (!session || session.expiresAt <= now.toISOString()) return undefined;
  const user = await deps.uow.read.users.findById(session.userId);
  if (!user || user.disabled) return undefined;
  // Slide the expiry at most once a minute, to keep reads cheap.
  if (now.getTime() - Date.parse(session.lastSeenAt) > 60_000) {
    const expiresAt = new Date(now.getTime() + deps.sessionHours * 3_600_000).toISOString();
    await deps.uow.read.sessions.touch(session.id, now.toISOString(), expiresAt);
    session.expiresAt = expiresAt;
  }
  return { session, user };
}

/** Ends a session. */
export async function signOut(deps: AuthDeps, session: Session, user: UserWithGrants): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.uow.transaction(async (repos) => {
    await repos.sessions.delete(session.id);
    await repos.audit.append({ actor: actorOf(user), at, entity: 'user', entityId: user.id, action: 'logout', change: null });
  });
}

/** Changes one's own password (the current one is required) and ends one's other sessions. */
export async function changePassword(
  deps: AuthDeps,
  user: UserWithGrants,
  session: Session,
  input: { current: string; next: string; confirm: string },
): Promise<void> {
  const passwords = deps.passwords ?? scryptHasher;
  if (!(await passwords.verify(input.current, user.passwordHash))) {
    throw new ValidationError('当前密码不正确', { current: '当前密码不正确' });
  }
  if (input.next !== input.confirm) throw new ValidationError('两次输入的新密码不一致', { confirm: '两次输入的新密码不一致' });
  if (input.next === input.current) throw new ValidationError('新密码不能与当前密码相同', { next: '新密码不能与当前密码相同' });
  const weak = checkPasswordPolicy(input.next, user.login);
  if (weak) throw new ValidationError(weak, { next: weak });
  const passwordHash = await passwords.hash(input.next);
  const at = deps.clock.now().toISOString();
  await deps.uow.transaction(async (repos) => {
    await repos.users.update(user.id, { passwordHash, mustChangePassword: false }, at);
    await repos.sessions.deleteForUser(user.id, session.id);
    await repos.audit.append({ actor: actorOf(user), at, entity: 'user', entityId: user.id, action: 'change_password', change: null });
  });
}

/** An instant shown in Beijing time, e.g. 2026-11-26 21:37. */
export function formatLocal(instant: string): string {
  const d = new Date(Date.parse(instant) + 8 * 3_600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}
