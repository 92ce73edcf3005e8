/**
 * The applicant's proof of identity (条例第二十九条第二款第（一）项“身份证明”): the kinds of document the
 * application form offers and the shape of each kind's number — 居民身份证 with its GB 11643-1999
 * check character, 统一社会信用代码 with its GB 32100-2015 check character, the travel and residence
 * documents by their published number formats. “其他证件” is the way out for anything else.
 */
import { isCalendarDate } from '../calendar/index.ts';
import { isValidCreditCode, normaliseCode } from '../organisations/credit-code.ts';
import { computeIdCardCheck } from '../privacy/id-card-number.ts';
import { applicantKindOf, type ApplicantType } from './applicants.ts';

/** The kinds of identity document, as the form offers and the record stores them (the label is the value). */
export const IDENTITY_DOCUMENT_KINDS = [
  '居民身份证',
  '统一社会信用代码',
  '护照',
  '港澳居民来往内地通行证',
  '台湾居民来往大陆通行证',
  '港澳台居民居住证',
  '外国人永久居留身份证',
  '其他证件',
] as const;

/** One of `IDENTITY_DOCUMENT_KINDS`. */
export type IdentityDocumentKind = (typeof IDENTITY_DOCUMENT_KINDS)[number];

/** Whether a value is one of the identity document kinds. */
export function isIdentityDocumentKind(value: unknown): value is IdentityDocumentKind {
  return typeof value === 'string' && (IDENTITY_DOCUMENT_KINDS as readonly string[]).includes(value);
}

/** Kinds that prove a person's identity (as opposed to an organisation's). */
const PERSONAL_KINDS: readonly IdentityDocumentKind[] = ['居民身份证', '护照', '港澳居民来往内地通行证', '台湾居民来往大陆通行证', '港澳台居民居住证', '外国人永久居留身份证'];

/** Removes what people type around a document number: full-width forms, spaces, hyphens; upper-cases letters. */
export function normaliseIdentityNumber(input: string): string {
  return normaliseCode(input).replace(/[-－—]/g, '');
}

// GB/T 2260 province-level codes: the first two digits of a 公民身份号码.
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
]);

/** The earliest birth date taken as plausible for a living applicant. */
const EARLIEST_BIRTH_ON = '1900-01-01';

/**
 * Checks the birth date (positions 7–14) and the ISO 7064 MOD 11-2 check character of an 18-character
 * number in the GB 11643-1999 layout; `label` names the document in the message.
 */
function checkGb11643(number: string, label: string, today: string): string | undefined {
  const bornOn = `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`;
  if (bornOn < EARLIEST_BIRTH_ON || bornOn > today) return `${label}号码中的出生日期 ${bornOn} 不合理，请核对。`;
  if (!isCalendarDate(bornOn)) return `${label}号码中的出生日期（第7至14位）不是有效日期，请核对。`;
  if (computeIdCardCheck(number.slice(0, 17)) !== number[17]) return `${label}号码的校验位不正确（GB 11643-1999），请核对号码是否抄错。`;
  return undefined;
}

/**
 * What is wrong with a document number of a kind (in Chinese), or undefined when it has the documented
 * shape; `number` is normalised (`normaliseIdentityNumber`), `today` bounds the birth date.
 */
export function checkIdentityNumber(kind: IdentityDocumentKind, number: string, today: string): string | undefined {
  switch (kind) {
    case '居民身份证':
      // GB 11643-1999：公民身份号码由十七位数字本体码和一位校验码组成。
      if (/^\d{15}$/.test(number)) return '15位的第一代居民身份证已于2013年1月1日停止使用，请填写18位居民身份证号码。';
      if (!/^\d{17}[\dX]$/.test(number)) return '居民身份证号码应为18位：17位数字加1位数字或X。';
      if (/^8[123]0000/.test(number)) return '这是港澳台居民居住证的号码，请在身份证明类型中选择“港澳台居民居住证”。';
      if (!PROVINCE_CODES.has(number.slice(0, 2))) return '居民身份证号码的前两位不是有效的省级行政区划代码，请核对。';
      return checkGb11643(number, '居民身份证', today);
    case '港澳台居民居住证':
      // 《港澳台居民居住证申领发放办法》：公民身份号码，地址码香港810000、澳门820000、台湾830000。
      if (!/^8[123]0000\d{11}[\dX]$/.test(number)) return '港澳台居民居住证号码应为18位，以810000（香港）、820000（澳门）或830000（台湾）开头。';
      return checkGb11643(number, '港澳台居民居住证', today);
    case '外国人永久居留身份证':
      // 2023年版为18位数字、以9开头，编排与校验同公民身份号码；2017年版为3位国籍字母加12位数字。
      if (/^[A-Z]{3}\d{12}$/.test(number)) return undefined;
      if (!/^9\d{16}[\dX]$/.test(number)) return '外国人永久居留身份证号码应为18位（以9开头）或15位（3位字母加12位数字）。';
      return checkGb11643(number, '外国人永久居留身份证', today);
    case '统一社会信用代码':
      if (!/^[0-9A-Z]{18}$/.test(number)) return '统一社会信用代码应为18位数字或大写字母。';
      return isValidCreditCode(number) ? undefined : '统一社会信用代码的校验位不正确（GB 32100-2015），请核对。';
    case '护照':
      // 中国普通护照 E+8位数字、E+1位字母+7位数字或G+8位数字；外国护照按 ICAO Doc 9303 为字母和数字。
      return /^(?=.*\d)[A-Z0-9]{5,17}$/.test(number) ? undefined : '护照号码应为5至17位字母和数字（如 E12345678、EA1234567）。';
    case '港澳居民来往内地通行证':
      // 回乡证：H（香港）或 M（澳门）加8位数字；旧版本式证件另有2位换证次数。
      return /^[HM]\d{8}(?:\d{2})?$/.test(number) ? undefined : '港澳居民来往内地通行证号码应为H或M加8位数字（旧版为10位数字），如 H12345678。';
    case '台湾居民来往大陆通行证':
      // 台胞证：8位数字（旧版本式证件另有2位换证次数）。
      return /^\d{8}(?:\d{2})?$/.test(number) ? undefined : '台湾居民来往大陆通行证号码应为8位数字（旧版为10位数字）。';
    case '其他证件':
      return number.length >= 2 ? undefined : '请填写完整的证件号码。';
    default: {
      const unreachable: never = kind;
      return `未知的身份证明类型“${String(unreachable)}”。`;
    }
  }
}

/**
 * What is wrong with offering a kind of document for an applicant type, or undefined: a person proves
 * identity with a personal document, an organisation with its credit code (“其他证件” fits both).
 */
export function checkIdentityKindFor(type: ApplicantType, kind: IdentityDocumentKind): string | undefined {
  if (kind === '其他证件') return undefined;
  if (applicantKindOf(type) === 'natural_person') {
    return kind === '统一社会信用代码' ? '公民（自然人）请填写本人身份证件的类型和号码。' : undefined;
  }
  return PERSONAL_KINDS.includes(kind) ? '法人或其他组织请填写统一社会信用代码（没有的，选择“其他证件”）。' : undefined;
}
