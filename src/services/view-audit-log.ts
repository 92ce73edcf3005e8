/**
 * The audit log as staff read it (console 审计日志): each viewer sees the entries about agencies in
 * the subtrees where they hold `audit.view`; entries about the platform itself only the root's
 * administrators. (Verifying the chain walks every entry but shows none: verify-audit-log.ts.)
 */
import { canViewPlatformAudit, scopesFor } from '../domain/access/roles.ts';
import type { AuditEntry } from '../domain/audit/hash-chain.ts';
import { requirePermission } from './access-control.ts';
import type { Actor, AuditScope, UnitOfWork } from './ports.ts';

/** The scope of the audit log an actor may read. */
export function auditScopeOf(actor: Actor): AuditScope {
  return { within: scopesFor(actor.grants, 'audit.view'), platform: canViewPlatformAudit(actor.grants) };
}

/** A page of the entries the actor may read, newest first, and how many there are. */
export async function listVisibleAuditEntries(deps: { uow: UnitOfWork }, actor: Actor, limit: number, offset: number): Promise<{ entries: AuditEntry[]; total: number }> {
  requirePermission(actor, 'audit.view');
  const scope = auditScopeOf(actor);
  const [entries, total] = await Promise.all([deps.uow.read.audit.recent(limit, offset, scope), deps.uow.read.audit.count(scope)]);
  return { entries, total };
}
