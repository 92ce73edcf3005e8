/**
 * The information-processing fee of one request (信息处理费), assessed on exactly one standard.
 * 109号第三条：“行政机关对每件申请可以根据实际情况选择适用其中一种标准，但不得同时按照两种标准重复计算”.
 * 条例第四十二条 makes any fee the exception: only where the applicant's requests “数量、频次明显超过合理范围”.
 */
import { FeeInputError } from './fee-input-error.ts';
import type { FeeBand } from './fee-band.ts';
import { computePageFee } from './page-fee.ts';
import { computePieceFee } from './piece-fee.ts';

/** The two standards of 109号第三条: 按件计收 and 按量计收. */
export const FEE_BASES = ['per_piece', 'per_page'] as const;

/** One of `FEE_BASES`. */
export type FeeBasis = (typeof FEE_BASES)[number];

/** Whether a value is one of the fee bases. */
export function isFeeBasis(value: unknown): value is FeeBasis {
  return typeof value === 'string' && (FEE_BASES as readonly string[]).includes(value);
}

/** The Chinese label of each standard. */
export const FEE_BASIS_LABELS: Readonly<Record<FeeBasis, string>> = {
  per_piece: '按件计收',
  per_page: '按量计收',
};

/** What the assessment needs: the counts of the one chosen standard. */
export type FeeAssessmentInput =
  | { readonly basis: 'per_piece'; readonly piecesEarlierInMonth: number; readonly pieces: number }
  | { readonly basis: 'per_page'; readonly pages: number };

/** The fee of one request on one standard, ready for the fee notice (收费通知). */
export interface FeeAssessment {
  readonly basis: FeeBasis;
  /** Pieces of this request (per_piece) or pages (per_page). */
  readonly quantity: number;
  /** Pieces filed earlier in the same calendar month (per_piece only, else 0). */
  readonly piecesEarlierInMonth: number;
  /** Total in 元. */
  readonly amount: number;
  readonly bands: readonly FeeBand[];
  /** The rules applied, with article and quote, for the notice's “收费依据”. */
  readonly legalBasis: readonly string[];
}

const ART_42 = '条例第四十二条：申请人申请公开政府信息的数量、频次明显超过合理范围的，行政机关可以收取信息处理费。';
const ART_3 =
  '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第三条：按件计收或者按量计收，均按照超额累进方式计算收费金额；“不得同时按照两种标准重复计算”。';
const ART_4 =
  '109号第四条（按件计收）：同一申请人一个自然月内累计申请10件以下（含10件）的，不收费；11—30件（含30件）的部分，100元/件；31件以上的部分，以10件为一档，每增加一档，收费标准提高100元/件。';
const ART_5 =
  '109号第五条（按量计收）：30页以下（含30页）的，不收费；31—100页（含100页）的部分，10元/页；101—200页（含200页）的部分，20元/页；201页以上的部分，40元/页。';

/** Assesses the fee of one request on the chosen standard; input naming both standards is rejected (109号第三条). */
export function assessInformationProcessingFee(input: FeeAssessmentInput): FeeAssessment {
  const raw = input as Partial<Record<'pages' | 'pieces' | 'piecesEarlierInMonth', unknown>> & { basis?: unknown };
  if (raw.pages !== undefined && (raw.pieces !== undefined || raw.piecesEarlierInMonth !== undefined)) {
    // 109号第三条：“不得同时按照两种标准重复计算”
    throw new FeeInputError('both_standards', '同一申请不得同时按件和按量计收信息处理费（国办函〔2020〕109号第三条：“不得同时按照两种标准重复计算”）。');
  }
  const basis = raw.basis;
  if (!isFeeBasis(basis)) {
    throw new FeeInputError('invalid_basis', `计收标准“${String(basis)}”无效，应为 per_piece（按件计收）或 per_page（按量计收）。`);
  }
  switch (basis) {
    case 'per_piece': {
      const i = input as Extract<FeeAssessmentInput, { basis: 'per_piece' }>;
      const fee = computePieceFee(i.piecesEarlierInMonth, i.pieces);
      return {
        basis,
        quantity: fee.pieces,
        piecesEarlierInMonth: fee.piecesEarlierInMonth,
        amount: fee.amount,
        bands: fee.bands,
        legalBasis: [ART_42, ART_3, ART_4],
      };
    }
    case 'per_page': {
      const i = input as Extract<FeeAssessmentInput, { basis: 'per_page' }>;
      const fee = computePageFee(i.pages);
      return { basis, quantity: fee.pages, piecesEarlierInMonth: 0, amount: fee.amount, bands: fee.bands, legalBasis: [ART_42, ART_3, ART_5] };
    }
    default: {
      const unreachable: never = basis;
      throw new FeeInputError('invalid_basis', `计收标准“${String(unreachable)}”无效。`);
    }
  }
}

/** The fee as one Chinese sentence for the notice, e.g. “按量计收，共120页，应缴信息处理费900元。”. */
export function describeFeeAssessment(fee: FeeAssessment): string {
  switch (fee.basis) {
    case 'per_piece':
      return `按件计收：本次申请${fee.quantity}件（本自然月此前已申请${fee.piecesEarlierInMonth}件），应缴信息处理费${fee.amount}元。`;
    case 'per_page':
      return `按量计收：共${fee.quantity}页，应缴信息处理费${fee.amount}元。`;
    default: {
      const unreachable: never = fee.basis;
      return String(unreachable);
    }
  }
}
