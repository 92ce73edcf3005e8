/**
 * Payment card numbers (ISO/IEC 7812): 16–19 digits ending in a Luhn check digit. Luhn alone passes
 * one random number in ten, so the issuer prefix is checked too.
 */

/** Whether a digit string passes the Luhn (mod 10) check. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/**
 * Whether the number starts like a card issued or accepted in China: 16 digits for Mastercard's
 * 2-series (22–27, not 20/21, which is how date-based order numbers start), JCB/AmEx (3), Visa (4),
 * Mastercard (5), UnionPay (6) and old domestic cards (9); 17–19 digits only for UnionPay (62, 60),
 * old domestic cards (9) and, at 19 digits, Visa debit (e.g. 中国银行 456351…).
 */
export function hasBankCardPrefix(digits: string): boolean {
  switch (digits.length) {
    case 16:
      return /^(?:2[2-7]|[3-69])/.test(digits);
    case 17:
    case 18:
      return /^(?:6[02]|9)/.test(digits);
    case 19:
      return /^(?:6[02]|9|4)/.test(digits);
    default:
      return false;
  }
}

/** Whether a compact digit string is a plausible bank card number (length, issuer prefix and Luhn). */
export function isBankCardNumber(digits: string): boolean {
  return /^\d{16,19}$/.test(digits) && hasBankCardPrefix(digits) && passesLuhn(digits);
}
