import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chunksOf, inChunks } from './in-chunks.ts';

test('lists bound into a statement are split into parts no longer than the limit, deduplicated, in order', async () => {
  assert.deepEqual(chunksOf([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
  assert.deepEqual(chunksOf([], 2), []);
  assert.throws(() => chunksOf([1], 0), RangeError);
  const parts: number[][] = [];
  const rows = await inChunks([1, 2, 2, 3, 4, 5, 1], async (part) => {
    parts.push(part);
    return part.map((x) => x * 10);
  }, 2);
  assert.deepEqual(parts, [[1, 2], [3, 4], [5]]);
  assert.deepEqual(rows, [10, 20, 30, 40, 50]);
  let calls = 0;
  assert.deepEqual(await inChunks([], async () => { calls += 1; return []; }), []);
  assert.equal(calls, 0, 'an empty list sends no statement');
});
