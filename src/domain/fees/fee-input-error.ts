/**
 * The error of the fee rules: a count that is not a whole number, or an input that asks for both
 * standards at once. `message` is Chinese, written for the clerk preparing the fee notice.
 */

/** Machine-readable reasons a fee input was rejected. */
export const FEE_INPUT_ERROR_CODES = ['invalid_count', 'invalid_basis', 'both_standards'] as const;

/** One of `FEE_INPUT_ERROR_CODES`. */
export type FeeInputErrorCode = (typeof FEE_INPUT_ERROR_CODES)[number];

/** Input to a fee function was malformed or contradicts 国办函〔2020〕109号; `message` is Chinese. */
export class FeeInputError extends Error {
  override readonly name = 'FeeInputError';
  readonly code: FeeInputErrorCode;

  constructor(code: FeeInputErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** Validates a non-negative whole count (件数、页数), throwing a Chinese `FeeInputError` otherwise. */
export function parseCount(value: unknown, label: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new FeeInputError('invalid_count', `${label}应为非负整数，收到“${String(value)}”。`);
  }
  return value;
}
