/**
 * One line of a fee breakdown (收费通知书的计费明细): a range of pieces or pages, the unit price of that
 * tier, and the subtotal. Amounts are whole 元, as every tier of 国办函〔2020〕109号 is.
 */

/** One tier's share of a fee. */
export interface FeeBand {
  /** First piece (cumulative in the month) or page of the band, 1-based. */
  readonly from: number;
  /** Last piece or page of the band, inclusive. */
  readonly to: number;
  readonly count: number;
  /** 元 per piece or page. */
  readonly unitPrice: number;
  /** count × unitPrice, in 元. */
  readonly subtotal: number;
  /** The line as printed on the fee notice, e.g. “第11—30件：20件 × 100元/件 = 2000元”. */
  readonly text: string;
}

/** A tier of a super-progressive (超额累进) scale: units from `from` to `to` (null: no upper end) cost `unitPrice` each. */
export interface FeeTier {
  readonly from: number;
  readonly to: number | null;
  readonly unitPrice: number;
}

/** Splits the units `first`…`last` over the tiers that cover them (tiers must be contiguous from 1). */
export function splitIntoBands(tiers: readonly FeeTier[], first: number, last: number, unit: '件' | '页', prefix: string): FeeBand[] {
  const bands: FeeBand[] = [];
  for (const tier of tiers) {
    const from = Math.max(first, tier.from);
    const to = Math.min(last, tier.to ?? Number.MAX_SAFE_INTEGER);
    if (from > to) continue;
    const count = to - from + 1;
    const subtotal = count * tier.unitPrice;
    const range = from === to ? `第${from}${unit}` : `第${from}—${to}${unit}`;
    const text =
      tier.unitPrice === 0
        ? `${prefix}${range}：${count}${unit}，不收费`
        : `${prefix}${range}：${count}${unit} × ${tier.unitPrice}元/${unit} = ${subtotal}元`;
    bands.push({ from, to, count, unitPrice: tier.unitPrice, subtotal, text });
  }
  return bands;
}
