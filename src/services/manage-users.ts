/** Creating users, granting roles and resetting passwords (admin only, within the admin's subtree). */
import { z } from 'zod';
import { isWithin, ROLES, scopesFor, type Role } from '../domain/access/roles.ts';
import { requirePermission } from './access-control.ts';
import { ConflictError, NotFoundError, ValidationError, validationErrorFrom } from './errors.ts';
import { checkPasswordPolicy, generatePassword, hashPassword } from './password-hashing.ts';
import type { Actor, Clock, UnitOfWork, UserWithGrants } from './ports.ts';

export interface UserServiceDeps {
  uow: UnitOfWork;
  clock: Clock;
}

const grantSchema = z.object({
  role: z.enum(ROLES, { message: '角色无效' }),
  agencyId: z.coerce.number().int().positive('请选择角色所属机构'),
});

export const newUserSchema = z.object({
  login: z
    .string()
    .trim()
    .min(2, '用户名至少 2 个字符')
    .max(40, '用户名不超过 40 个字符')
    .regex(/^[a-z0-9][a-z0-9._-]*$/, '用户名只能使用小写字母、数字和 . _ -'),
  displayName: z.string().trim().min(1, '请填写姓名').max(40, '姓名不超过 40 个字'),
  agencyId: z.coerce.number().int().positive('请选择所属机构'),
  password: z.string().optional(),
  grants: z.array(grantSchema).default([]),
});

export interface CreatedUser {
  user: UserWithGrants;
  /** Set when the password was generated: shown once to the administrator. */
  generatedPassword?: string;
}

/** Creates a user with roles; without a password, a random one is generated and must be changed at first login. */
export async function createUser(
  deps: UserServiceDeps,
  actor: Actor,
  raw: unknown,
  options: { system?: boolean; mustChangePassword?: boolean } = {},
): Promise<CreatedUser> {
  const parsed = newUserSchema.safeParse(raw);
  if (!parsed.success) throw validationErrorFrom(parsed.error.issues);
  const input = parsed.data;
  const generated = input.password ? undefined : generatePassword();
  const password = input.password ?? generated!;
  const weak = checkPasswordPolicy(password, input.login);
  if (weak) throw new ValidationError(weak, { password: weak });
  const passwordHash = await hashPassword(password);
  const at = deps.clock.now().toISOString();
  return deps.uow.transaction(async (repos) => {
    const agency = await repos.agencies.findById(input.agencyId);
    if (!agency) throw new ValidationError('所属机构不存在', { agencyId: '所属机构不存在' });
    if (!options.system) requirePermission(actor, 'user.manage', agency);
    if (await repos.users.findByLogin(input.login)) throw new ConflictError(`用户名 ${input.login} 已存在`);
    const grants = await resolveGrants(repos, actor, input.grants, options.system ?? false);
    const user = await repos.users.insert(
      { agencyId: agency.id, login: input.login, displayName: input.displayName, passwordHash, mustChangePassword: options.mustChangePassword ?? generated !== undefined },
      at,
    );
    await repos.users.setGrants(user.id, grants);
    await repos.audit.append({
      actor,
      at,
      entity: 'user',
      entityId: user.id,
      action: 'create',
      change: { login: user.login, displayName: user.displayName, agencyId: agency.id, grants },
    });
    const created = await repos.users.findById(user.id);
    return { user: created!, ...(generated && { generatedPassword: generated }) };
  });
}

async function resolveGrants(
  repos: Parameters<Parameters<UnitOfWork['transaction']>[0]>[0],
  actor: Actor,
  grants: Array<{ role: Role; agencyId: number }>,
  system: boolean,
): Promise<Array<{ role: Role; agencyId: number }>> {
  const unique = new Map(grants.map((g) => [`${g.role}@${g.agencyId}`, g]));
  for (const g of unique.values()) {
    const agency = await repos.agencies.findById(g.agencyId);
    if (!agency) throw new ValidationError('角色所属机构不存在', { grants: '角色所属机构不存在' });
    // An administrator can only hand out roles inside the subtree they administer.
    if (!system) requirePermission(actor, 'user.manage', agency);
  }
  return [...unique.values()];
}

/** Replaces a user's roles. */
export async function setUserRoles(deps: UserServiceDeps, actor: Actor, userId: number, rawGrants: unknown): Promise<UserWithGrants> {
  const parsed = z.array(grantSchema).safeParse(rawGrants);
  if (!parsed.success) throw validationErrorFrom(parsed.error.issues);
  const at = deps.clock.now().toISOString();
  return deps.uow.transaction(async (repos) => {
    const user = await repos.users.findById(userId);
    if (!user) throw new NotFoundError('找不到该用户');
    const agency = await repos.agencies.findById(user.agencyId);
    requirePermission(actor, 'user.manage', agency);
    // Grants outside the actor's subtree are kept: an administrator cannot see or remove them.
    const scopes = scopesFor(actor.grants, 'user.manage');
    const kept = user.grants.filter((g) => !scopes.some((s) => isWithin(g.agencyPath, s))).map(({ role, agencyId }) => ({ role, agencyId }));
    const next = [...kept, ...(await resolveGrants(repos, actor, parsed.data, false))];
    if (actor.userId === userId && !next.some((g) => g.role === 'admin') && user.grants.some((g) => g.role === 'admin')) {
      throw new ValidationError('不能撤销自己的系统管理员角色（防止无人管理）');
    }
    await repos.users.setGrants(userId, next);
    await repos.audit.append({
      actor,
      at,
      entity: 'user',
      entityId: userId,
      action: 'set_roles',
      change: { before: user.grants.map(({ role, agencyId }) => ({ role, agencyId })), after: next },
    });
    return (await repos.users.findById(userId))!;
  });
}

/** Resets a user's password to a random one (shown once), unlocks the account and ends its sessions. */
export async function resetUserPassword(deps: UserServiceDeps, actor: Actor, userId: number): Promise<string> {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const at = deps.clock.now().toISOString();
  await deps.uow.transaction(async (repos) => {
    const user = await repos.users.findById(userId);
    if (!user) throw new NotFoundError('找不到该用户');
    requirePermission(actor, 'user.manage', await repos.agencies.findById(user.agencyId));
    await repos.users.update(userId, { passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null }, at);
    await repos.sessions.deleteForUser(userId);
    await repos.audit.append({ actor, at, entity: 'user', entityId: userId, action: 'reset_password', change: { login: user.login } });
  });
  return password;
}

/** Enables or disables a user; disabling ends the user's sessions. */
export async function setUserDisabled(deps: UserServiceDeps, actor: Actor, userId: number, disabled: boolean): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.uow.transaction(async (repos) => {
    const user = await repos.users.findById(userId);
    if (!user) throw new NotFoundError('找不到该用户');
    requirePermission(actor, 'user.manage', await repos.agencies.findById(user.agencyId));
    if (actor.userId === userId && disabled) throw new ValidationError('不能停用自己的账号');
    await repos.users.update(userId, { disabled }, at);
    if (disabled) await repos.sessions.deleteForUser(userId);
    await repos.audit.append({ actor, at, entity: 'user', entityId: userId, action: disabled ? 'disable' : 'enable', change: { login: user.login } });
  });
}

/** The users an actor may manage. */
export async function listManageableUsers(deps: UserServiceDeps, actor: Actor): Promise<UserWithGrants[]> {
  requirePermission(actor, 'user.manage');
  return deps.uow.read.users.list({ within: scopesFor(actor.grants, 'user.manage') });
}
