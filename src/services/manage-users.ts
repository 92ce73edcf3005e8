/**
 * Creating users, granting roles, resetting passwords, disabling and deleting (administrators only).
 * An administrator acts on a user only if the user's agency and every role the user holds lie in the
 * administrator's subtree, and hands out no role wider than their own (domain/access/roles.ts).
 */
import { z } from 'zod';
import { canGrant, canManageUser, ROLES, scopesFor, type Role } from '../domain/access/roles.ts';
import { requirePermission } from './access-control.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, validationErrorFrom } from './errors.ts';
import { checkPasswordPolicy, generatePassword, hashPassword } from './password-hashing.ts';
import type { Actor, Clock, Repositories, UnitOfWork, UserWithGrants } from './ports.ts';

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
  repos: Repositories,
  actor: Actor,
  grants: Array<{ role: Role; agencyId: number }>,
  system: boolean,
): Promise<Array<{ role: Role; agencyId: number }>> {
  const unique = new Map(grants.map((g) => [`${g.role}@${g.agencyId}`, g]));
  for (const g of unique.values()) {
    const agency = await repos.agencies.findById(g.agencyId);
    if (!agency) throw new ValidationError('角色所属机构不存在', { grants: '角色所属机构不存在' });
    // An administrator hands out only roles inside the subtree they administer, and none wider than their own.
    if (!system && !canGrant(actor.grants, g.role, agency.path)) throw new ForbiddenError(`您不能授予${agency.name}的该角色：超出您的管理范围`);
  }
  return [...unique.values()];
}

/** Replaces a user's roles. */
export async function setUserRoles(deps: UserServiceDeps, actor: Actor, userId: number, rawGrants: unknown): Promise<UserWithGrants> {
  const parsed = z.array(grantSchema).safeParse(rawGrants);
  if (!parsed.success) throw validationErrorFrom(parsed.error.issues);
  const at = deps.clock.now().toISOString();
  return deps.uow.transaction(async (repos) => {
    const user = await manageableUser(repos, actor, userId);
    const next = await resolveGrants(repos, actor, parsed.data, false);
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
    const user = await manageableUser(repos, actor, userId);
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
    const user = await manageableUser(repos, actor, userId);
    if (actor.userId === userId && disabled) throw new ValidationError('不能停用自己的账号');
    await repos.users.update(userId, { disabled }, at);
    if (disabled) await repos.sessions.deleteForUser(userId);
    await repos.audit.append({ actor, at, entity: 'user', entityId: userId, action: disabled ? 'disable' : 'enable', change: { login: user.login } });
  });
}

/**
 * Deletes a user who never acted (never signed in, changed nothing): an account created by mistake.
 * Anyone the audit log names as an actor is kept, so that the log stays readable; disable them instead.
 */
export async function removeUser(deps: UserServiceDeps, actor: Actor, userId: number): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.uow.transaction(async (repos) => {
    const user = await manageableUser(repos, actor, userId);
    if (actor.userId === userId) throw new ValidationError('不能删除自己的账号');
    if (await repos.audit.hasEntriesBy(userId)) throw new ConflictError('该用户已有登录或操作记录，不能删除（审计日志须能查到操作人）；请停用账号');
    await repos.users.delete(userId);
    await repos.audit.append({
      actor,
      at,
      entity: 'user',
      entityId: userId,
      agencyId: user.agencyId,
      action: 'delete',
      change: { login: user.login, displayName: user.displayName, agencyId: user.agencyId, grants: user.grants.map(({ role, agencyId }) => ({ role, agencyId })) },
    });
  });
}

/** The users an actor may manage: in the actor's subtree, holding no role outside it. */
export async function listManageableUsers(deps: UserServiceDeps, actor: Actor): Promise<UserWithGrants[]> {
  requirePermission(actor, 'user.manage');
  const within = scopesFor(actor.grants, 'user.manage');
  const paths = new Map((await deps.uow.read.agencies.list({ within })).map((a) => [a.id, a.path]));
  const users = await deps.uow.read.users.list({ within });
  return users.filter((u) => paths.has(u.agencyId) && canManageUser(actor.grants, { agencyPath: paths.get(u.agencyId)!, grants: u.grants }));
}

/** Loads a user the actor may act on, or refuses. */
async function manageableUser(repos: Repositories, actor: Actor, userId: number): Promise<UserWithGrants> {
  const user = await repos.users.findById(userId);
  if (!user) throw new NotFoundError('找不到该用户');
  const home = await repos.agencies.findById(user.agencyId);
  if (!home || !canManageUser(actor.grants, { agencyPath: home.path, grants: user.grants })) {
    throw new ForbiddenError('该用户不在您的管理范围内：其所属机构或所任角色超出您管理的机构');
  }
  return user;
}
