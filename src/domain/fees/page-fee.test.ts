import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FeeInputError } from './fee-input-error.ts';
import { computePageFee } from './page-fee.ts';

const cases: [rule: string, pages: number, amount: number][] = [
  ['109号第五条（一）: 30 pages (含30页) free', 30, 0],
  ['109号第五条（二）: the 31st page 10元', 31, 10],
  ['109号第五条（二）: 100 pages (含100页) = 70 × 10', 100, 700],
  ['109号第五条（三）: the 101st page 20元', 101, 720],
  ['109号第五条（三）: 200 pages (含200页) = 700 + 100 × 20', 200, 2700],
  ['109号第五条（四）: the 201st page 40元', 201, 2740],
  ['109号第五条（四）: 250 pages = 2700 + 50 × 40', 250, 4700],
  ['no pages, no fee', 0, 0],
];
for (const [rule, pages, amount] of cases) {
  test(`computePageFee — ${rule}`, () => {
    const fee = computePageFee(pages);
    assert.equal(fee.amount, amount);
    assert.equal(fee.bands.reduce((s, b) => s + b.subtotal, 0), amount);
    assert.equal(fee.bands.reduce((s, b) => s + b.count, 0), pages);
  });
}

test('109号第五条: the breakdown printed on the fee notice', () => {
  assert.deepEqual(computePageFee(120).bands.map((b) => b.text), [
    '第1—30页：30页，不收费',
    '第31—100页：70页 × 10元/页 = 700元',
    '第101—120页：20页 × 20元/页 = 400元',
  ]);
});

test('page counts must be whole and non-negative', () => {
  assert.throws(() => computePageFee(-5), (e: unknown) => e instanceof FeeInputError && e.code === 'invalid_count');
  assert.throws(() => computePageFee(Number.NaN), FeeInputError);
});
