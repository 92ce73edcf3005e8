/**
 * The applicant's telephone (联系方式): a mainland mobile number, a fixed line with its area code
 * (and an optional extension), a 400/800 service number, or an international number written with
 * “+” and the country code (Hong Kong, Macao, Taiwan and foreign applicants).
 */

/** Turns full-width digits and signs into ASCII, brackets into hyphens, and removes spaces. */
export function normalisePhoneNumber(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[—－]/g, '-')
    .replace(/\s+/g, '')
    .replace(/^\((0\d{2,3})\)-?/, '$1-');
}

// YD/T 2740 numbering: 1 + 3–9 + 9 digits, optionally after +86 / 0086 / 86.
const MOBILE = /^(?:\+86-?|0086-?|86-?)?1[3-9]\d{9}$/;
// Area codes: 010 and 02X have three digits, all others (03XX–09XX) four; local numbers 7 or 8 digits, not
// starting with 0 or 1; an extension after “-”, “转” or “#”.
const FIXED_LINE = /^(?:\+86-?)?(?:0(?:10|2\d)|0[3-9]\d{2})-?[2-9]\d{6,7}(?:(?:-|转|#|ext\.?)\d{1,6})?$/i;
const SERVICE = /^[48]00-?\d{3}-?\d{4}$/;
// ITU-T E.164: at most 15 digits including the country code; +86 numbers must take one of the forms above.
const INTERNATIONAL = /^\+(?!86)[1-9]\d{0,2}-?\d{4,14}$/;

/** What is wrong with a (normalised) telephone number, in Chinese, or undefined when it has a valid shape. */
export function checkPhoneNumber(phone: string): string | undefined {
  if (MOBILE.test(phone) || FIXED_LINE.test(phone) || SERVICE.test(phone)) return undefined;
  if (INTERNATIONAL.test(phone) && phone.replace(/\D/g, '').length <= 15) return undefined;
  if (/^1\d{10}$/.test(phone)) return '手机号码第二位应为3至9，请核对。';
  if (/^[2-9]\d{6,7}$/.test(phone)) return '固定电话请加上区号，如 0745-1234567。';
  return '联系电话格式不正确：手机号码为11位（如 13907451206），固定电话须带区号（如 0745-1234567，分机写作 0745-1234567-123），境外电话以“+”和国家或地区代码开头。';
}

/** What is wrong with a postcode, or undefined: 邮政编码 are six digits. */
export function checkPostcode(postcode: string): string | undefined {
  return /^\d{6}$/.test(postcode) ? undefined : '邮政编码应为6位数字。';
}
