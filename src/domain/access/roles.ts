/**
 * Roles and permissions. Every permission check in Gongkai goes through `can` (called from
 * services), never only by hiding links. A role is granted at an agency and covers its subtree.
 */

export const ROLES = ['admin', 'officer', 'editor', 'reviewer', 'approver'] as const;
export type Role = (typeof ROLES)[number];

/** Whether a string is one of the closed set of roles. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The UI label of each role (docs/glossary.md). */
export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  officer: '公开办工作人员',
  editor: '信息员',
  reviewer: '保密审查员',
  approver: '分管领导',
};

export const PERMISSIONS = [
  'console.enter',
  'agency.manage',
  'user.manage',
  'audit.view',
  'audit.verify',
  'calendar.manage',
  // 主题分类、体裁、标准目录领域：条例第十二条“政府信息的分类、编排体系”由公开指南说明。
  'vocabulary.manage',
  'item.draft',
  'item.review',
  'item.approve',
  'request.handle',
  'request.approve',
  'report.compile',
  // 台账导入把别处已公开的信息、已办结的申请直接记为已发布、已答复，不再逐件审查，故只授予公开办。
  'ledger.import',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: ['console.enter', 'agency.manage', 'user.manage', 'audit.view', 'audit.verify', 'calendar.manage', 'vocabulary.manage'],
  // 公开办：条例第四条“政府信息公开工作机构”的日常工作——受理申请、维护目录与指南、编制年报。
  officer: ['console.enter', 'audit.view', 'calendar.manage', 'vocabulary.manage', 'item.draft', 'request.handle', 'report.compile', 'ledger.import'],
  editor: ['console.enter', 'item.draft'],
  reviewer: ['console.enter', 'item.review'],
  // 条例第三十三条：延期答复“应当经政府信息公开工作机构负责人同意”。
  approver: ['console.enter', 'item.approve', 'request.approve'],
};

/** The permissions a role carries. */
export function permissionsOf(role: Role): readonly Permission[] {
  return GRANTS[role];
}

/** A role held at an agency, identified by the agency's materialised path (e.g. `/1/4/`). */
export interface RoleGrant {
  role: Role;
  agencyId: number;
  agencyPath: string;
}

/** Whether an agency path lies in the subtree rooted at another (inclusive). */
export function isWithin(agencyPath: string, rootPath: string): boolean {
  return agencyPath.startsWith(rootPath);
}

/**
 * Whether grants allow a permission, optionally on a target agency (by path). Without a
 * target, any grant carrying the permission suffices (e.g. to show a menu entry).
 */
export function can(grants: readonly RoleGrant[], permission: Permission, targetAgencyPath?: string): boolean {
  return grants.some(
    (g) => GRANTS[g.role].includes(permission) && (targetAgencyPath === undefined || isWithin(targetAgencyPath, g.agencyPath)),
  );
}

/** The agency paths under which grants allow a permission (roots of the allowed subtrees). */
export function scopesFor(grants: readonly RoleGrant[], permission: Permission): string[] {
  const roots = grants.filter((g) => GRANTS[g.role].includes(permission)).map((g) => g.agencyPath);
  return roots.filter((p) => !roots.some((q) => q !== p && isWithin(p, q))).sort();
}

/**
 * The working permissions an administrator assigns to staff without holding them (the administrator
 * staffs the 政府信息公开工作机构, 条例第四条, but does not draft, review or answer requests). Every
 * other permission — administering users and agencies, the audit log, the calendar, the vocabularies —
 * can be handed out only by someone who holds it at that agency.
 */
const DELEGATED_BY_ADMINISTRATORS: readonly Permission[] = [
  'console.enter',
  'item.draft',
  'item.review',
  'item.approve',
  'request.handle',
  'request.approve',
  'report.compile',
  'ledger.import',
];

/**
 * Whether grants allow handing out a role at an agency: `user.manage` there, and no permission of
 * the role beyond the granter's own there (a role is never wider than the granter's).
 */
export function canGrant(grants: readonly RoleGrant[], role: Role, agencyPath: string): boolean {
  if (!can(grants, 'user.manage', agencyPath)) return false;
  return GRANTS[role].every((p) => DELEGATED_BY_ADMINISTRATORS.includes(p) || can(grants, p, agencyPath));
}

/**
 * Whether grants allow acting on a user (password reset, disabling, roles, deletion): the user's own
 * agency and every role the user holds must lie within what the grants could hand out — otherwise a
 * town administrator could take over a county administrator whose desk happens to be in the town.
 */
export function canManageUser(grants: readonly RoleGrant[], user: { agencyPath: string; grants: readonly RoleGrant[] }): boolean {
  return can(grants, 'user.manage', user.agencyPath) && user.grants.every((g) => canGrant(grants, g.role, g.agencyPath));
}

/**
 * Whether grants show the audit entries about the platform itself (holiday calendar, daily checks,
 * anything about no agency): administrators of a top-level agency only.
 */
export function canViewPlatformAudit(grants: readonly RoleGrant[]): boolean {
  return grants.some((g) => g.role === 'admin' && g.agencyPath.split('/').filter(Boolean).length === 1);
}
