/**
 * 按件计收 (per-piece charging), 《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第四条: pieces are
 * counted per applicant per calendar month and charged super-progressively (超额累进) — the 11th to
 * 30th piece at 100元, and from the 31st each band of 10 pieces 100元 more than the one before.
 */
import { splitIntoBands, type FeeBand, type FeeTier } from './fee-band.ts';
import { parseCount } from './fee-input-error.ts';

// 109号第四条（一）：“同一申请人一个自然月内累计申请10件以下（含10件）的，不收费”
const FREE_PIECES = 10;
// 109号第四条（二）：“累计申请11—30件（含30件）的部分：100元/件”
const FIRST_PAID_LAST = 30;
const FIRST_PAID_PRICE = 100;
// 109号第四条（三）：“累计申请31件以上的部分：以10件为一档，每增加一档，收费标准提高100元/件”
const BAND_SIZE = 10;
const BAND_INCREMENT = 100;

/** The price in 元 of the n-th piece (1-based) an applicant files in one calendar month. */
export function unitPriceOfPiece(n: number): number {
  const piece = parseCount(n, '件数序号');
  if (piece <= FREE_PIECES) return 0;
  if (piece <= FIRST_PAID_LAST) return FIRST_PAID_PRICE;
  // 推导（domain-reference §3）：第一档为第31—40件（200元/件），第41—50件300元/件，依此类推。
  return FIRST_PAID_PRICE + BAND_INCREMENT * Math.ceil((piece - FIRST_PAID_LAST) / BAND_SIZE);
}

function tiersUpTo(last: number): FeeTier[] {
  const tiers: FeeTier[] = [
    { from: 1, to: FREE_PIECES, unitPrice: 0 },
    { from: FREE_PIECES + 1, to: FIRST_PAID_LAST, unitPrice: FIRST_PAID_PRICE },
  ];
  for (let from = FIRST_PAID_LAST + 1; from <= last; from += BAND_SIZE) {
    tiers.push({ from, to: from + BAND_SIZE - 1, unitPrice: unitPriceOfPiece(from) });
  }
  return tiers;
}

/** A per-piece fee: the amount in 元 and its bands. */
export interface PieceFee {
  /** Pieces the applicant had already filed this calendar month before this request. */
  readonly piecesEarlierInMonth: number;
  /** Pieces in this request (after splitting by “一事一申请”, 109号第四条). */
  readonly pieces: number;
  readonly amount: number;
  readonly bands: readonly FeeBand[];
}

/** The per-piece fee of a request of `pieces` pieces when the applicant already filed `piecesEarlierInMonth` this month. */
export function computePieceFee(piecesEarlierInMonth: number, pieces: number): PieceFee {
  const earlier = parseCount(piecesEarlierInMonth, '本月此前已申请件数');
  const count = parseCount(pieces, '本次申请件数');
  if (count === 0) return { piecesEarlierInMonth: earlier, pieces: 0, amount: 0, bands: [] };
  const first = earlier + 1;
  const last = earlier + count;
  const bands = splitIntoBands(tiersUpTo(last), first, last, '件', '本月累计');
  return { piecesEarlierInMonth: earlier, pieces: count, amount: bands.reduce((s, b) => s + b.subtotal, 0), bands };
}

/** The pieces one applicant filed in the calendar month of `onDate` (YYYY-MM-DD), from a list of earlier requests. */
export function piecesEarlierInMonth(
  earlierRequests: readonly { readonly applicantKey: string; readonly receivedOn: string; readonly pieces: number }[],
  applicantKey: string,
  onDate: string,
): number {
  const month = onDate.slice(0, 7);
  return earlierRequests
    .filter((r) => r.applicantKey === applicantKey && r.receivedOn.slice(0, 7) === month && r.receivedOn <= onDate)
    .reduce((sum, r) => sum + parseCount(r.pieces, '件数'), 0);
}
