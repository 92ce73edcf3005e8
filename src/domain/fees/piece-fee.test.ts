import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FeeInputError } from './fee-input-error.ts';
import { computePieceFee, piecesEarlierInMonth, unitPriceOfPiece } from './piece-fee.ts';

// [rule, cumulative pieces in the month (filed at once), amount in 元]
const totals: [string, number, number][] = [
  ['109号第四条（一）: 10 pieces (含10件) free', 10, 0],
  ['109号第四条（二）: the 11th piece 100元', 11, 100],
  ['109号第四条（二）: 30 pieces (含30件) = 20 × 100', 30, 2000],
  ['109号第四条（三）: the 31st piece opens the first band of 10 at 200元', 31, 2200],
  ['109号第四条（三）: 40 pieces = 2000 + 10 × 200', 40, 4000],
  ['109号第四条（三）: the 41st piece is in the next band at 300元', 41, 4300],
  ['109号第四条（三）: 50 pieces = 2000 + 2000 + 3000', 50, 7000],
  ['109号第四条（三）: the 51st piece at 400元', 51, 7400],
];
for (const [rule, pieces, amount] of totals) {
  test(`computePieceFee — ${rule}`, () => {
    assert.equal(computePieceFee(0, pieces).amount, amount);
  });
}

const unitPrices: [number, number][] = [[1, 0], [10, 0], [11, 100], [30, 100], [31, 200], [40, 200], [41, 300], [50, 300], [51, 400]];
test('109号第四条: unit price of the n-th piece of the month (超额累进)', () => {
  for (const [n, price] of unitPrices) assert.equal(unitPriceOfPiece(n), price, `piece ${n}`);
});

test('109号第四条: counted per applicant per calendar month — a request straddling tiers is split (super-progressive)', () => {
  const fee = computePieceFee(8, 5); // pieces 9–13 of the month
  assert.equal(fee.amount, 300);
  assert.deepEqual(
    fee.bands.map((b) => [b.from, b.to, b.unitPrice, b.subtotal]),
    [[9, 10, 0, 0], [11, 13, 100, 300]],
  );
  assert.equal(fee.bands[1]!.text, '本月累计第11—13件：3件 × 100元/件 = 300元');
  assert.equal(fee.bands[0]!.text, '本月累计第9—10件：2件，不收费');
});

test('109号第四条: a request filed after 35 earlier pieces starts in the 200元 band', () => {
  const fee = computePieceFee(35, 10); // pieces 36–45
  assert.equal(fee.amount, 5 * 200 + 5 * 300);
});

test('109号第四条（一）: earlier pieces of the same applicant in the same calendar month only', () => {
  const history = [
    { applicantKey: 'A', receivedOn: '2025-03-02', pieces: 4 },
    { applicantKey: 'A', receivedOn: '2025-03-20', pieces: 3 },
    { applicantKey: 'A', receivedOn: '2025-02-28', pieces: 9 },
    { applicantKey: 'B', receivedOn: '2025-03-05', pieces: 6 },
  ];
  assert.equal(piecesEarlierInMonth(history, 'A', '2025-03-25'), 7);
  assert.equal(piecesEarlierInMonth(history, 'A', '2025-03-10'), 4);
  assert.equal(piecesEarlierInMonth(history, 'A', '2025-04-01'), 0);
});

test('counts must be whole and non-negative', () => {
  assert.throws(() => computePieceFee(-1, 3), FeeInputError);
  assert.throws(() => computePieceFee(0, 2.5), FeeInputError);
  assert.deepEqual(computePieceFee(12, 0).bands, []);
});
