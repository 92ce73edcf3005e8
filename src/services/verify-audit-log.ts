/** Verifies the audit log's hash chain end to end (`gongkai audit verify`, console 审计日志). */
import type { ChainProblem } from '../domain/audit/hash-chain.ts';
import { requirePermission } from './access-control.ts';
import type { Actor, UnitOfWork } from './ports.ts';

export interface AuditVerification {
  ok: boolean;
  checked: number;
  problem?: ChainProblem;
}

/** Walks the chain and names the first broken entry, if any. */
export async function verifyAuditLog(deps: { uow: UnitOfWork }, actor?: Actor): Promise<AuditVerification> {
  if (actor) requirePermission(actor, 'audit.verify');
  const { checked, problem } = await deps.uow.read.audit.verify();
  return problem ? { ok: false, checked, problem } : { ok: true, checked };
}
