/**
 * 统一社会信用代码 (GB 32100-2015) and 组织机构代码 (GB 11714-1997) validation.
 * The disclosure guide (条例第十二条) publishes the agency's code, and index numbers
 * (domain-reference §5.1: `{统一社会信用代码}/{年}-{5位流水号}`) are built on it.
 */

const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** Computes the 18th (check) character of a unified social credit code from its first 17. */
export function computeCreditCodeCheck(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CHARSET.indexOf(first17[i]!);
    if (v < 0) return undefined;
    sum += v * CREDIT_WEIGHTS[i]!;
  }
  const c = (31 - (sum % 31)) % 31;
  return CREDIT_CHARSET[c];
}

/** Whether a string is a well-formed unified social credit code with a correct check character. */
export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  return computeCreditCodeCheck(code.slice(0, 17)) === code[17];
}

/** Computes the check character of a 9-character organisation code from its first 8. */
export function computeOrgCodeCheck(first8: string): string | undefined {
  if (!/^[0-9A-Z]{8}$/.test(first8)) return undefined;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += ORG_CHARSET.indexOf(first8[i]!) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Whether a string is a valid organisation code, written `XXXXXXXX-C` or `XXXXXXXXC`. */
export function isValidOrgCode(code: string): boolean {
  const m = /^([0-9A-Z]{8})-?([0-9X])$/.exec(code);
  return m !== null && computeOrgCodeCheck(m[1]!) === m[2];
}

/** Normalises user input (full-width characters, spaces, lower case) before validation. */
export function normaliseCode(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
}
