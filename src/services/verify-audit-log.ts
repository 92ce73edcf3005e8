/**
 * Verifies the audit log's hash chain end to end (`gongkai audit verify`, console 审计日志), and signs
 * and checks anchors: the chain head (sequence number, hash, time) with a keyed MAC, to be kept
 * outside the system (the 公开办's paper ledger). Whoever can write the database can recompute the
 * whole chain, but cannot make the entry at an anchored sequence number carry the anchored hash again.
 */
import type { ChainProblem } from '../domain/audit/hash-chain.ts';
import { requirePermission } from './access-control.ts';
import { ValidationError } from './errors.ts';
import type { Actor, Clock, IntegrityKey, UnitOfWork } from './ports.ts';

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

/** A signed chain head. */
export interface AuditAnchor {
  seq: number;
  hash: string;
  /** When the anchor was taken (ISO-8601 UTC). */
  at: string;
  mac: string;
}

const ANCHOR_MARK = 'GKAUDIT1';

const signedText = (a: Omit<AuditAnchor, 'mac'>) => `${ANCHOR_MARK} seq=${a.seq} at=${a.at} hash=${a.hash}`;

/** The anchor as one line of text, e.g. `GKAUDIT1 seq=1234 at=2026-12-07T08:00:00.000Z hash=… mac=…`. */
export function formatAuditAnchor(a: AuditAnchor): string {
  return `${signedText(a)} mac=${a.mac}`;
}

/** Reads an anchor back (spaces and line breaks as copied from paper are tolerated); undefined if it is not one. */
export function parseAuditAnchor(text: string): AuditAnchor | undefined {
  const t = text.replace(/\s+/g, ' ').trim();
  const m = /^GKAUDIT1 seq=(\d{1,15}) at=(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z) hash=([0-9a-fA-F]{64}) mac=([0-9a-fA-F]{64})$/.exec(t);
  if (!m) return undefined;
  return { seq: Number(m[1]), at: m[2]!, hash: m[3]!.toLowerCase(), mac: m[4]!.toLowerCase() };
}

/** Signs the current chain head, after checking that the chain is whole (an anchor of a broken chain would vouch for it). */
export async function anchorAuditLog(deps: { uow: UnitOfWork; clock: Clock; integrity: IntegrityKey }, actor?: Actor): Promise<{ anchor: AuditAnchor; text: string }> {
  if (actor) requirePermission(actor, 'audit.verify');
  const { problem } = await deps.uow.read.audit.verify();
  if (problem) throw new ValidationError(`审计日志校验失败，不能生成锚点：${problem.message}`);
  const head = await deps.uow.read.audit.head();
  const unsigned = { seq: head.lastSeq, hash: head.lastHash, at: deps.clock.now().toISOString() };
  const anchor = { ...unsigned, mac: deps.integrity.mac('audit-anchor', signedText(unsigned)) };
  return { anchor, text: formatAuditAnchor(anchor) };
}

export type AnchorProblem =
  | ChainProblem
  | { kind: 'anchor_mac' | 'anchor_missing' | 'anchor_mismatch'; seq: number; message: string };

export interface AnchorVerification {
  ok: boolean;
  /** Entries checked along the chain (0 when the anchor itself failed). */
  checked: number;
  anchor: AuditAnchor;
  problem?: AnchorProblem;
}

/**
 * Checks an anchor: its MAC, that the chain still has the anchored hash at the anchored sequence
 * number, and that the chain as a whole verifies. Throws ValidationError for text that is no anchor.
 */
export async function verifyAuditAnchor(deps: { uow: UnitOfWork; integrity: IntegrityKey }, text: string, actor?: Actor): Promise<AnchorVerification> {
  if (actor) requirePermission(actor, 'audit.verify');
  const anchor = parseAuditAnchor(text);
  if (!anchor) throw new ValidationError(`锚点格式无效：应为 gongkai audit anchor 打印的一行，形如 ${ANCHOR_MARK} seq=… at=… hash=… mac=…`);
  const fail = (problem: AnchorProblem, checked = 0): AnchorVerification => ({ ok: false, checked, anchor, problem });
  if (!deps.integrity.verify('audit-anchor', signedText(anchor), anchor.mac)) {
    return fail({ kind: 'anchor_mac', seq: anchor.seq, message: '锚点的签名（校验码）不符：锚点被改动过，或不是用本系统的密钥（GONGKAI_SECRET_KEY 或 secret.key）生成的' });
  }
  if (anchor.seq > 0) {
    const entry = await deps.uow.read.audit.entryAt(anchor.seq);
    if (!entry) return fail({ kind: 'anchor_missing', seq: anchor.seq, message: `审计日志中已没有锚点记载的第 ${anchor.seq} 条记录（锚点之后日志被截断）` });
    if (entry.hash !== anchor.hash) {
      return fail({ kind: 'anchor_mismatch', seq: anchor.seq, message: `审计日志第 ${anchor.seq} 条记录的哈希与锚点不符：该条或其之前的记录在锚点之后被改写` });
    }
  }
  const { checked, problem } = await deps.uow.read.audit.verify();
  return problem ? fail(problem, checked) : { ok: true, checked, anchor };
}
