/**
 * The privacy and confidentiality scan run before anything is published (architecture.md,
 * "Publication": … → privacy and confidentiality scan → reviewer → …). 条例第十五条: information
 * whose disclosure would harm a third party's lawful rights (个人隐私) is not published without
 * consent; 条例第十四条: 国家秘密 is never published.
 *
 * Severity per kind (block = publication waits for a reviewer's decision):
 * | kind                 | block                                   | warn                          | info                              |
 * |----------------------|-----------------------------------------|-------------------------------|-----------------------------------|
 * | secret_marking       | header forms (★, 密级：, 内部资料 …)       | 内部资料/不得外传 in prose       |                                   |
 * | id_card              | valid 18-digit; 15-digit with real date |                               | 18-digit with a wrong check char  |
 * | bank_card            | Luhn + issuer prefix                    |                               | UnionPay-shaped, Luhn fails       |
 * | mobile               | 1[3-9] + 9 digits (+86, spaces, -)      |                               |                                   |
 * | passport / permit    | with 护照 / 通行证 / 港澳 before it       | E… / C… forms without context | G/W/H/M forms without context     |
 * | business_credit_code |                                         | valid 92… code near a name    |                                   |
 * | email                |                                         | personal mailbox              | gov.cn / org.cn / edu.cn          |
 * | address              |                                         | home address to house level   | home address to village group     |
 * | sensitive_word       |                                         | every occurrence              |                                   |
 */
import { severityRank, type Finding, type FindingKind } from './finding.ts';
import { toHalfWidth } from './half-width.ts';
import { compactNumber } from './masking.ts';
import { detectPersonalNumbers } from './personal-numbers.ts';
import { detectSecretMarkings } from './secret-marking.ts';
import { detectEmails } from './email-address.ts';
import { detectTravelDocuments } from './travel-documents.ts';
import { detectBusinessCreditCodes } from './business-credit-code.ts';
import { detectHomeAddresses } from './home-address.ts';
import { detectSensitiveWords } from './sensitive-words.ts';

/** What an agency adds to the scan. */
export interface ScanOptions {
  /**
   * The agency's own published contact details (phone and mobile numbers, mailbox, address).
   * A finding whose text occurs in this list, or whose number equals one of them however it is
   * written (`138 0745 0000` = `13807450000`), is not reported.
   */
  readonly allowList?: readonly string[];
  /** The agency's sensitive words; each occurrence warns. */
  readonly sensitiveWords?: readonly string[];
}

// When two findings overlap, the stronger severity wins, then the longer span, then this order.
const KIND_PRIORITY: Record<FindingKind, number> = {
  unreadable: -1,
  secret_marking: 0,
  id_card: 1,
  bank_card: 2,
  mobile: 3,
  passport: 4,
  hk_macau_permit: 5,
  business_credit_code: 6,
  email: 7,
  address: 8,
  sensitive_word: 9,
};

function outranks(a: Finding, b: Finding): boolean {
  const bySeverity = severityRank(a.severity) - severityRank(b.severity);
  if (bySeverity !== 0) return bySeverity < 0;
  const byLength = b.end - b.start - (a.end - a.start);
  if (byLength !== 0) return byLength < 0;
  return KIND_PRIORITY[a.kind] < KIND_PRIORITY[b.kind];
}

// Overlaps are rare and local, so resolve them cluster by cluster after sorting by start.
function resolveOverlaps(candidates: Finding[]): Finding[] {
  const sorted = [...candidates].sort((a, b) => a.start - b.start || b.end - a.end);
  const result: Finding[] = [];
  let cluster: Finding[] = [];
  let clusterEnd = -1;
  const flush = (): void => {
    if (cluster.length === 1) {
      result.push(cluster[0]!);
    } else if (cluster.length > 1) {
      // Accepted findings never overlap, so only the neighbours by start can collide with a new one.
      const accepted: Finding[] = [];
      for (const f of [...cluster].sort((a, b) => (outranks(a, b) ? -1 : outranks(b, a) ? 1 : a.start - b.start))) {
        let lo = 0;
        let hi = accepted.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (accepted[mid]!.start < f.start) lo = mid + 1;
          else hi = mid;
        }
        const previous = accepted[lo - 1];
        const next = accepted[lo];
        if ((previous === undefined || previous.end <= f.start) && (next === undefined || f.end <= next.start)) {
          accepted.splice(lo, 0, f);
        }
      }
      result.push(...accepted);
    }
    cluster = [];
  };
  for (const f of sorted) {
    if (f.start >= clusterEnd) flush();
    cluster.push(f);
    clusterEnd = Math.max(clusterEnd, f.end);
  }
  flush();
  return result;
}

// Contact details may be written differently from the allow-list entry; compare their values.
const VALUE_COMPARED_KINDS: ReadonlySet<FindingKind> = new Set(['mobile', 'email', 'bank_card']);

function canonical(value: string): string {
  if (value.includes('@') || value.includes('＠')) return toHalfWidth(value.trim()).toLowerCase();
  const compact = compactNumber(value).toLowerCase();
  // Compare phone numbers without the country code the agency may or may not have written.
  return compact.replace(/^(?:\+86|0086|\(\+?86\))(?=1[3-9]\d{9}$)/, '');
}

// Returns a test for "this span lies inside an occurrence of an allow-list entry". Ranges are sorted
// by start with a running maximum of their ends, so each test is one binary search.
function allowedSpanTest(norm: string, allowList: readonly string[]): (start: number, end: number) => boolean {
  const ranges: [number, number][] = [];
  for (const entry of allowList) {
    const needle = toHalfWidth(entry.trim());
    if (needle === '') continue;
    for (let at = norm.indexOf(needle); at >= 0; at = norm.indexOf(needle, at + needle.length)) {
      ranges.push([at, at + needle.length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const maxEnd: number[] = [];
  for (const [i, [, end]] of ranges.entries()) maxEnd.push(Math.max(end, i > 0 ? maxEnd[i - 1]! : 0));
  return (start, end) => {
    let lo = 0;
    let hi = ranges.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ranges[mid]![0] <= start) {
        last = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return last >= 0 && maxEnd[last]! >= end;
  };
}

/**
 * Scans a text for personal data and classification markings; findings are sorted by start, do not
 * overlap, and satisfy `text.slice(f.start, f.end) === f.text`.
 */
export function scanText(text: string, options: ScanOptions = {}): Finding[] {
  const norm = toHalfWidth(text);
  const candidates = [
    ...detectSecretMarkings(text, norm),
    ...detectPersonalNumbers(text, norm),
    ...detectTravelDocuments(text, norm),
    ...detectBusinessCreditCodes(text, norm),
    ...detectEmails(text, norm),
    ...detectHomeAddresses(text, norm),
    ...detectSensitiveWords(text, norm, options.sensitiveWords ?? []),
  ];
  const allowList = options.allowList ?? [];
  if (allowList.length === 0) return resolveOverlaps(candidates);
  const allowedValues = new Set(allowList.map(canonical));
  const isInsideAllowed = allowedSpanTest(norm, allowList);
  const isAllowed = (f: Finding): boolean =>
    f.kind !== 'secret_marking' &&
    (isInsideAllowed(f.start, f.end) || (VALUE_COMPARED_KINDS.has(f.kind) && allowedValues.has(canonical(f.text))));
  return resolveOverlaps(candidates.filter((f) => !isAllowed(f)));
}
