/**
 * The audit log's hash chain: each entry carries the SHA-256 of its own content and of the
 * previous entry, so an edit or deletion made behind the application's back is detectable.
 * The hash function is passed in to keep the domain free of IO modules.
 */

export type Sha256Hex = (text: string) => string;

/** The hash that precedes the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The stored fields of an audit entry that its hash covers. */
export interface AuditEntryContent {
  seq: number;
  at: string;
  actorId: number | null;
  actorLabel: string;
  entity: string;
  entityId: string;
  action: string;
  /** Canonical JSON of the change, exactly as stored. */
  change: string;
  prevHash: string;
}

export interface AuditEntry extends AuditEntryContent {
  hash: string;
}

/** Serialises a value as JSON with object keys sorted, so equal values hash equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** Computes an entry's hash from its content (which includes the previous entry's hash). */
export function computeEntryHash(content: AuditEntryContent, sha256: Sha256Hex): string {
  return sha256(
    canonicalJson([content.seq, content.at, content.actorId, content.actorLabel, content.entity, content.entityId, content.action, content.change, content.prevHash]),
  );
}

export type ChainProblem =
  | { kind: 'hash_mismatch'; seq: number; message: string }
  | { kind: 'broken_link'; seq: number; message: string }
  | { kind: 'gap'; seq: number; message: string }
  | { kind: 'head_mismatch'; seq: number; message: string };

export interface ChainVerifier {
  /** Feeds the next entry in sequence order; returns the first problem found, if any. */
  push(entry: AuditEntry): ChainProblem | undefined;
  /** Checks the last entry seen against the recorded head (catches deleted tail entries). */
  finish(head: { lastSeq: number; lastHash: string }): ChainProblem | undefined;
  readonly count: number;
}

/** Creates a streaming verifier, so that a long log can be checked in batches. */
export function createChainVerifier(sha256: Sha256Hex): ChainVerifier {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  return {
    get count() {
      return count;
    },
    push(entry) {
      if (entry.seq !== expectedSeq) {
        return { kind: 'gap', seq: expectedSeq, message: `第 ${expectedSeq} 条审计记录缺失（下一条为第 ${entry.seq} 条）` };
      }
      if (entry.prevHash !== prevHash) {
        return { kind: 'broken_link', seq: entry.seq, message: `第 ${entry.seq} 条审计记录的前序哈希与第 ${entry.seq - 1} 条不符` };
      }
      if (computeEntryHash(entry, sha256) !== entry.hash) {
        return { kind: 'hash_mismatch', seq: entry.seq, message: `第 ${entry.seq} 条审计记录的内容与其哈希不符（记录被改动）` };
      }
      prevHash = entry.hash;
      expectedSeq += 1;
      count += 1;
      return undefined;
    },
    finish(head) {
      if (head.lastSeq !== expectedSeq - 1 || (head.lastSeq > 0 && head.lastHash !== prevHash)) {
        return {
          kind: 'head_mismatch',
          seq: expectedSeq,
          message: `审计日志链头记录为第 ${head.lastSeq} 条，实际只能验证到第 ${expectedSeq - 1} 条（末尾记录被删除或改动）`,
        };
      }
      return undefined;
    },
  };
}
