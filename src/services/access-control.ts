/** The one place where services check permissions (roles are defined in domain/access). */
import { can, type Permission } from '../domain/access/roles.ts';
import type { Agency } from '../domain/organisations/agency.ts';
import { ForbiddenError } from './errors.ts';
import type { Actor } from './ports.ts';

/** Throws ForbiddenError unless the actor holds the permission (on the agency, when given). */
export function requirePermission(actor: Actor, permission: Permission, agency?: Pick<Agency, 'path'>): void {
  if (!can(actor.grants, permission, agency?.path)) throw new ForbiddenError();
}

/** Throws ForbiddenError unless the actor holds at least one of the permissions. */
export function requireAnyPermission(actor: Actor, permissions: readonly Permission[]): void {
  if (!permissions.some((p) => can(actor.grants, p))) throw new ForbiddenError();
}

/** The system actor used by the CLI and start-up tasks (first administrator, demo data). */
export const SYSTEM_ACTOR: Actor = { userId: null, label: '系统', grants: [] };
