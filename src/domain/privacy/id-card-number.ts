/**
 * 公民身份号码 (GB 11643-1999): six-digit address code, eight-digit birth date, three-digit
 * sequence and a check character (ISO 7064 MOD 11-2); the legacy 15-digit form has a six-digit
 * date (19YYMMDD without the century) and no check character.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

// GB/T 2260 province-level codes (plus 71 台湾, 81 香港, 82 澳门, 83 for 台湾居民居住证);
// a number whose first two digits are not one of these is not a resident ID number.
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

/** What an ID-shaped string says about itself. */
export interface IdCardReading {
  readonly length: 15 | 18;
  /** ISO calendar date of birth encoded in the number. */
  readonly bornOn: string;
  /** Whether the GB 11643 check character matches (always true for the 15-digit form, which has none). */
  readonly isCheckValid: boolean;
}

/** Computes the GB 11643 check character of an 18-digit resident ID number from its first 17 digits. */
export function computeIdCardCheck(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11];
}

function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Reads a compact (separator-free, ASCII, upper-case X) string as a resident ID number; returns
 * undefined unless it has the right length, a province code and a real birth date.
 */
export function readIdCardNumber(compact: string): IdCardReading | undefined {
  if (/^\d{17}[\dX]$/.test(compact)) {
    if (!PROVINCE_CODES.has(compact.slice(0, 2))) return undefined;
    const year = Number(compact.slice(6, 10));
    const month = Number(compact.slice(10, 12));
    const day = Number(compact.slice(12, 14));
    // Nobody alive was born before 1900; the scanner has no clock, so 2099 bounds the future.
    if (year < 1900 || year > 2099 || !isValidDate(year, month, day)) return undefined;
    const isCheckValid = computeIdCardCheck(compact.slice(0, 17)) === compact[17];
    return { length: 18, bornOn: isoDate(year, month, day), isCheckValid };
  }
  if (/^\d{15}$/.test(compact)) {
    if (!PROVINCE_CODES.has(compact.slice(0, 2))) return undefined;
    // 15-digit numbers were issued 1984–1999 to people born in the 1900s.
    const year = 1900 + Number(compact.slice(6, 8));
    const month = Number(compact.slice(8, 10));
    const day = Number(compact.slice(10, 12));
    if (!isValidDate(year, month, day)) return undefined;
    return { length: 15, bornOn: isoDate(year, month, day), isCheckValid: true };
  }
  return undefined;
}

/** Whether a compact string is an 18-digit resident ID number with a valid date and check character. */
export function isValidIdCardNumber(compact: string): boolean {
  const reading = readIdCardNumber(compact.toUpperCase());
  return reading !== undefined && reading.length === 18 && reading.isCheckValid;
}
