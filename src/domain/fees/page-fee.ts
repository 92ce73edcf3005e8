/**
 * 按量计收 (per-page charging), 《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第五条: for
 * paper copies, e-mail or copied electronic data, pages of one request are charged super-progressively.
 */
import { splitIntoBands, type FeeBand, type FeeTier } from './fee-band.ts';
import { parseCount } from './fee-input-error.ts';

// 109号第五条：“（一）30页以下（含30页）的，不收费。（二）31—100页（含100页）的部分：10元/页。
// （三）101—200页（含200页）的部分：20元/页。（四）201页以上的部分：40元/页。”
const PAGE_TIERS: readonly FeeTier[] = [
  { from: 1, to: 30, unitPrice: 0 },
  { from: 31, to: 100, unitPrice: 10 },
  { from: 101, to: 200, unitPrice: 20 },
  { from: 201, to: null, unitPrice: 40 },
];

/** A per-page fee: the amount in 元 and its bands. */
export interface PageFee {
  readonly pages: number;
  readonly amount: number;
  readonly bands: readonly FeeBand[];
}

/** The per-page fee of a request of `pages` pages. */
export function computePageFee(pages: number): PageFee {
  const count = parseCount(pages, '页数');
  if (count === 0) return { pages: 0, amount: 0, bands: [] };
  const bands = splitIntoBands(PAGE_TIERS, 1, count, '页', '');
  return { pages: count, amount: bands.reduce((s, b) => s + b.subtotal, 0), bands };
}
