/**
 * Finds resident ID, mobile and bank card numbers. Digits are read as tokens of groups joined by a
 * single space or hyphen (`430102 19900307 123X`, `138-1234-5678`, `6222 0212 3456 7890 123`), and
 * only whole groups in the layouts people actually write are tried, so a phone number is never
 * carved out of a longer number (订单号, 索引号, 统一社会信用代码).
 */
import type { Finding, Severity } from './finding.ts';
import { readIdCardNumber } from './id-card-number.ts';
import { isBankCardNumber, hasBankCardPrefix } from './bank-card-number.ts';
import { isValidCreditCode } from '../organisations/credit-code.ts';
import { maskBankCard, maskIdCard, maskMobile } from './masking.ts';

interface Group {
  readonly start: number;
  readonly end: number;
  readonly chars: string;
}

const MAX_GROUPS_PER_NUMBER = 5;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAsciiAlnum(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

// Joiners inside one written number; anything else (two spaces, a tab, punctuation) separates columns.
function isJoiner(c: number): boolean {
  return c === 32 || c === 0xa0 || c === 45;
}

function layoutIs(lengths: readonly number[], ...layouts: (readonly number[])[]): boolean {
  return layouts.some((l) => l.length === lengths.length && l.every((n, i) => n === lengths[i]));
}

function isIdLayout(lengths: readonly number[]): boolean {
  return layoutIs(lengths, [18], [6, 8, 4], [6, 4, 4, 4], [4, 4, 4, 4, 2]);
}

function isLegacyIdLayout(lengths: readonly number[]): boolean {
  return layoutIs(lengths, [15], [6, 6, 3]);
}

function isMobileLayout(lengths: readonly number[]): boolean {
  return layoutIs(lengths, [11], [3, 4, 4], [3, 8], [7, 4]);
}

// Cards are printed in fours (the last group shorter for 17–19 digits) or as BIN + account.
function isBankLayout(lengths: readonly number[]): boolean {
  if (lengths.length === 1) return true;
  if (lengths.length === 2) return lengths[0] === 6;
  const last = lengths[lengths.length - 1]!;
  return lengths.slice(0, -1).every((n) => n === 4) && last >= 1 && last <= 4;
}

// An amount (`13812345678.00`, `6222…元`) is not an identifier. A comma after a run of four or more
// digits is a CSV field separator, never a thousands separator, so it does not count.
function endsAsAmount(text: string, end: number): boolean {
  if (text.charCodeAt(end) === 46 && isDigit(text.charCodeAt(end + 1))) return true;
  return /^\s?(?:元|万元|亿元)/.test(text.slice(end, end + 4));
}

function startsAsDecimals(text: string, start: number): boolean {
  return text.charCodeAt(start - 1) === 46 && isDigit(text.charCodeAt(start - 2));
}

const MOBILE_PREFIX = /(?:\+86|0086|\(\+?86\))[ -]?$/;

interface Reading {
  readonly kind: 'id_card' | 'mobile' | 'bank_card';
  readonly severity: Severity;
  readonly masked: string;
  readonly reason: string;
}

function readNumber(compact: string, lengths: readonly number[]): Reading | undefined {
  const n = compact.length;
  if (n === 18 && isIdLayout(lengths)) {
    const id = readIdCardNumber(compact);
    if (id?.isCheckValid) {
      return { kind: 'id_card', severity: 'block', masked: maskIdCard(compact), reason: `公民身份号码（GB 11643 校验位正确，出生日期 ${id.bornOn}）` };
    }
  }
  const isDigitsOnly = /^\d+$/.test(compact);
  // 个体工商户 and other credit codes can be all digits; those are reported by their own detector.
  const isCreditCode = n === 18 && compact.startsWith('9') && isValidCreditCode(compact);
  if (isDigitsOnly && n >= 16 && n <= 19 && isBankLayout(lengths) && !isCreditCode && isBankCardNumber(compact)) {
    return { kind: 'bank_card', severity: 'block', masked: maskBankCard(compact), reason: `银行卡号（${n} 位，发卡行前缀 ${compact.slice(0, 2)}，Luhn 校验通过）` };
  }
  if (n === 18 && isIdLayout(lengths)) {
    const id = readIdCardNumber(compact);
    if (id) {
      return { kind: 'id_card', severity: 'info', masked: maskIdCard(compact), reason: `形似公民身份号码但校验位错误（出生日期 ${id.bornOn}），可能是笔误或其他编号，请核对` };
    }
  }
  if (n === 15 && isDigitsOnly && isLegacyIdLayout(lengths)) {
    const id = readIdCardNumber(compact);
    if (id) {
      return { kind: 'id_card', severity: 'block', masked: maskIdCard(compact), reason: `15 位旧版公民身份号码（出生日期 ${id.bornOn}）` };
    }
  }
  if (n === 11 && isMobileLayout(lengths) && /^1[3-9]\d{9}$/.test(compact)) {
    return { kind: 'mobile', severity: 'block', masked: maskMobile(compact), reason: '手机号码' };
  }
  if (isDigitsOnly && n >= 16 && n <= 19 && isBankLayout(lengths) && compact.startsWith('62') && hasBankCardPrefix(compact)) {
    return { kind: 'bank_card', severity: 'info', masked: maskBankCard(compact), reason: '形似银联卡号但 Luhn 校验不通过，请核对' };
  }
  return undefined;
}

function tokenGroups(norm: string, from: number): { groups: Group[]; end: number } {
  const groups: Group[] = [];
  let j = from;
  for (;;) {
    const gs = j;
    while (j < norm.length && isDigit(norm.charCodeAt(j))) j++;
    // A trailing X belongs to an ID number only when no letter or digit follows it.
    if ((norm[j] === 'X' || norm[j] === 'x') && !isAsciiAlnum(norm.charCodeAt(j + 1))) j++;
    groups.push({ start: gs, end: j, chars: norm.slice(gs, j).toUpperCase() });
    if (j + 1 < norm.length && isJoiner(norm.charCodeAt(j)) && isDigit(norm.charCodeAt(j + 1))) {
      j++;
      continue;
    }
    return { groups, end: j };
  }
}

/** Finds resident ID numbers (18- and 15-digit), mainland mobile numbers and bank card numbers. */
export function detectPersonalNumbers(text: string, norm: string): Finding[] {
  const findings: Finding[] = [];
  let i = 0;
  while (i < norm.length) {
    if (!isDigit(norm.charCodeAt(i))) {
      i++;
      continue;
    }
    const { groups, end } = tokenGroups(norm, i);
    const leftBlocked = (i > 0 && isAsciiAlnum(norm.charCodeAt(i - 1))) || startsAsDecimals(text, i);
    const rightBlocked = isAsciiAlnum(norm.charCodeAt(end)) || endsAsAmount(text, end);
    let g = 0;
    while (g < groups.length) {
      let matched = 0;
      for (let len = Math.min(MAX_GROUPS_PER_NUMBER, groups.length - g); len >= 1; len--) {
        if (g === 0 && leftBlocked) break;
        if (g + len === groups.length && rightBlocked) continue;
        let digitCount = 0;
        for (let k = g; k < g + len; k++) digitCount += groups[k]!.chars.length;
        // Only 11 (mobile), 13 and 15 (+86 mobile, legacy ID) and 16–19 (ID, card) can be anything.
        if (digitCount < 11 || digitCount > 19 || digitCount === 12 || digitCount === 14) continue;
        const reading = readDigits(text, norm, groups.slice(g, g + len));
        if (reading) {
          findings.push(reading);
          matched = len;
          break;
        }
      }
      g += matched > 0 ? matched : 1;
    }
    i = end > i ? end : i + 1;
  }
  return findings;
}

function readDigits(text: string, norm: string, slice: readonly Group[]): Finding | undefined {
  const compact = slice.map((s) => s.chars).join('');
  const lengths = slice.map((s) => s.chars.length);
  let start = slice[0]!.start;
  const end = slice[slice.length - 1]!.end;
  let reading = readNumber(compact, lengths);
  // +86 13812345678 and 0086-13812345678 are mobile numbers written for callers abroad.
  if (!reading && (compact.length === 13 || compact.length === 15) && lengths.length === 1) {
    const national = compact.slice(-11);
    const prefixed = compact.length === 13 ? norm[start - 1] === '+' && compact.startsWith('86') : compact.startsWith('0086');
    if (prefixed && /^1[3-9]\d{9}$/.test(national)) {
      reading = { kind: 'mobile', severity: 'block', masked: maskMobile('86' + national), reason: '手机号码（带国际区号）' };
      if (compact.length === 13) start--;
    }
  } else if (reading?.kind === 'mobile') {
    const before = norm.slice(Math.max(0, start - 8), start);
    const prefix = MOBILE_PREFIX.exec(before);
    // …but not the tail of a longer number such as the hotline 10086.
    if (prefix && !isAsciiAlnum(norm.charCodeAt(start - prefix[0].length - 1))) {
      start -= prefix[0].length;
      reading = { ...reading, masked: maskMobile('86' + compact), reason: '手机号码（带国际区号）' };
    }
  }
  if (!reading) return undefined;
  return { kind: reading.kind, start, end, text: text.slice(start, end), masked: reading.masked, severity: reading.severity, reason: reading.reason };
}
