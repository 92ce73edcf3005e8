import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FeeInputError } from './fee-input-error.ts';
import { assessInformationProcessingFee, describeFeeAssessment, type FeeAssessmentInput } from './fee-assessment.ts';

test('109号第三条: per-piece assessment cites 第四条 and 条例第四十二条', () => {
  const fee = assessInformationProcessingFee({ basis: 'per_piece', piecesEarlierInMonth: 28, pieces: 5 });
  assert.equal(fee.amount, 2 * 100 + 3 * 200);
  assert.equal(fee.quantity, 5);
  assert.ok(fee.legalBasis.some((l) => l.includes('第四条')));
  assert.ok(fee.legalBasis.some((l) => l.includes('第四十二条')));
  assert.equal(describeFeeAssessment(fee), '按件计收：本次申请5件（本自然月此前已申请28件），应缴信息处理费800元。');
});

test('109号第三条: per-page assessment cites 第五条', () => {
  const fee = assessInformationProcessingFee({ basis: 'per_page', pages: 120 });
  assert.equal(fee.amount, 1100);
  assert.ok(fee.legalBasis.some((l) => l.includes('第五条')));
  assert.equal(describeFeeAssessment(fee), '按量计收：共120页，应缴信息处理费1100元。');
});

test('109号第三条“不得同时按照两种标准重复计算”: an input with both standards is refused', () => {
  const both = { basis: 'per_page', pages: 120, pieces: 3, piecesEarlierInMonth: 20 } as unknown as FeeAssessmentInput;
  assert.throws(() => assessInformationProcessingFee(both), (e: unknown) => e instanceof FeeInputError && e.code === 'both_standards');
  const unknown = { basis: 'per_word', words: 9 } as unknown as FeeAssessmentInput;
  assert.throws(() => assessInformationProcessingFee(unknown), (e: unknown) => e instanceof FeeInputError && e.code === 'invalid_basis');
});
