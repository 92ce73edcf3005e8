/**
 * Masked forms follow the formats government sites already use when they publish lists of people:
 * ID `430***********1234`, mobile `138****5678`, bank card `************1234`. Masked values are
 * written compactly in ASCII, whatever grouping or full-width digits the original used.
 */
import type { Finding } from './finding.ts';

/** Strips separators and full-width forms so that a number can be masked or compared. */
export function compactNumber(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000-]/g, '')
    .toUpperCase();
}

/** Masks a resident ID number keeping the first three and the last four characters. */
export function maskIdCard(compact: string): string {
  return compact.slice(0, 3) + '*'.repeat(Math.max(0, compact.length - 7)) + compact.slice(-4);
}

/** Masks a mobile number as `138****5678`, keeping a `+86` prefix if there was one. */
export function maskMobile(digits: string): string {
  const national = digits.slice(-11);
  const prefix = digits.length > 11 ? '+86 ' : '';
  return `${prefix}${national.slice(0, 3)}****${national.slice(7)}`;
}

/** Masks a bank card number keeping only its last four digits. */
export function maskBankCard(digits: string): string {
  return '*'.repeat(Math.max(0, digits.length - 4)) + digits.slice(-4);
}

/** Masks an e-mail address keeping the first character of the mailbox and the whole domain. */
export function maskEmail(address: string): string {
  const at = address.indexOf('@');
  return `${address.slice(0, 1)}***${address.slice(at)}`;
}

/** Masks a document number (passport, permit, credit code) keeping the first `keepStart` and last `keepEnd` characters. */
export function maskDocumentNumber(compact: string, keepStart: number, keepEnd: number): string {
  if (compact.length <= keepStart + keepEnd) return '*'.repeat(compact.length);
  return compact.slice(0, keepStart) + '*'.repeat(compact.length - keepStart - keepEnd) + compact.slice(-keepEnd);
}

/** Masks a word by replacing every character (code point) with an asterisk. */
export function maskWord(word: string): string {
  return '*'.repeat([...word].length);
}

/**
 * Replaces every finding's span with its masked form; findings must come from scanning this very
 * text (a stale finding throws, because masking the wrong characters would publish the right ones).
 */
export function maskText(text: string, findings: readonly Finding[]): string {
  const ordered = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let cursor = 0;
  for (const f of ordered) {
    if (text.slice(f.start, f.end) !== f.text) {
      throw new RangeError(`finding ${f.kind}@${f.start}-${f.end} does not match the text; scan it again`);
    }
    if (f.start < cursor) continue; // overlapping findings: the earlier, longer one already covered it
    out += text.slice(cursor, f.start) + f.masked;
    cursor = f.end;
  }
  return out + text.slice(cursor);
}

/** Masks a contact (e-mail address, mobile number, or anything else: a postal address, a WeChat id) for staff who may not see it. */
export function maskContact(contact: string): string {
  const value = contact.trim();
  if (value.includes('@')) return maskEmail(value);
  const digits = value.replace(/\D/g, '');
  if (/^\+?[\d\s-]{11,20}$/.test(value) && digits.length >= 11) return maskMobile(digits);
  return [...value].length <= 1 ? '*' : `${[...value][0]}***`;
}

const EMAILS = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
const MOBILES = /(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d{9}(?!\d)/g;

/**
 * Masks, in free text (a provider's error message, a log line), the given personal values (e.g. an
 * applicant's address and name), and any e-mail address or mainland mobile number.
 */
export function maskContactsIn(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const value of [...known].filter((v) => v.trim().length > 0).sort((a, b) => b.length - a.length)) {
    out = out.split(value).join(value.includes('@') || /\d{11}/.test(value) ? maskContact(value) : maskWord(value));
  }
  return out.replace(EMAILS, (m) => maskEmail(m)).replace(MOBILES, (m) => maskMobile(m.replace(/\D/g, '')));
}
