import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { canonicalJson, computeEntryHash, createChainVerifier, GENESIS_HASH, type AuditEntry } from './hash-chain.ts';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

function buildChain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content = { seq, at: `2026-01-0${seq}T00:00:00.000Z`, actorId: 1, actorLabel: 'admin', entity: 'agency', entityId: String(seq), action: 'create', change: canonicalJson({ name: `机构${seq}` }), prevHash: prev };
    const hash = computeEntryHash(content, sha256);
    out.push({ ...content, hash });
    prev = hash;
  }
  return out;
}

function verify(entries: AuditEntry[], head: { lastSeq: number; lastHash: string }) {
  const v = createChainVerifier(sha256);
  for (const e of entries) {
    const p = v.push(e);
    if (p) return p;
  }
  return v.finish(head);
}

test('an untouched chain verifies', () => {
  const chain = buildChain(5);
  assert.equal(verify(chain, { lastSeq: 5, lastHash: chain[4]!.hash }), undefined);
});

test('tampering is caught and the first broken entry is named', () => {
  const chain = buildChain(5);
  const head = { lastSeq: 5, lastHash: chain[4]!.hash };
  const edited = chain.map((e) => (e.seq === 3 ? { ...e, change: canonicalJson({ name: '改过' }) } : e));
  assert.deepEqual(verify(edited, head)?.kind, 'hash_mismatch');
  assert.equal(verify(edited, head)?.seq, 3);
  assert.equal(verify(chain.filter((e) => e.seq !== 2), head)?.kind, 'gap');
  assert.equal(verify(chain.slice(0, 4), head)?.kind, 'head_mismatch');
  // Rehashing an edited entry without fixing its successor breaks the link at the successor.
  const rehashed = chain.map((e) => {
    if (e.seq !== 3) return e;
    const changed = { ...e, change: canonicalJson({ name: '改过' }) };
    return { ...changed, hash: computeEntryHash(changed, sha256) };
  });
  assert.deepEqual(verify(rehashed, head), { kind: 'broken_link', seq: 4, message: '第 4 条审计记录的前序哈希与第 3 条不符' });
});

test('canonicalJson sorts keys at every level and drops undefined', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } }), '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
});
