/**
 * Numbers of travel documents: 护照 (E + 8 digits, or E + letter + 7 digits since 2017; G + 8 digits
 * for older ordinary passports), 往来港澳通行证 (C + 8 digits, or C + letter + 7 digits; W + 8
 * digits on the old booklet) and 港澳居民来往内地通行证 (H/M + 8 or 10 digits). The shorter
 * letter-plus-digits forms also occur as model or batch numbers, so without a document word nearby
 * they only warn, and the ambiguous G/W/H/M forms are merely noted.
 */
import type { Finding, Severity } from './finding.ts';
import { maskDocumentNumber } from './masking.ts';
import { lineWindow } from './line-window.ts';

const PASSPORT_RE = /(?<![A-Za-z0-9])(?:E\d{8}|E[A-HJ-NP-Z]\d{7}|G\d{8})(?![A-Za-z0-9])/g;
const PERMIT_RE = /(?<![A-Za-z0-9])(?:C\d{8}|C[A-HJ-NP-Z]\d{7}|W\d{8}|[HM]\d{10}|[HM]\d{8})(?![A-Za-z0-9])/g;
const PASSPORT_CONTEXT = /护照|passport/i;
const PERMIT_CONTEXT = /通行证|回乡证|港澳/;
const CONTEXT_WINDOW = 30;

function severityFor(norm: string, index: number, number: string, context: RegExp, distinctive: RegExp): Severity {
  const before = norm.slice(lineWindow(norm, index, index, CONTEXT_WINDOW, 0).from, index);
  if (context.test(before)) return 'block';
  return distinctive.test(number) ? 'warn' : 'info';
}

/** Finds passport and Hong Kong/Macau permit numbers; with a document word before them they block. */
export function detectTravelDocuments(text: string, norm: string): Finding[] {
  const findings: Finding[] = [];
  const scan = (re: RegExp, kind: 'passport' | 'hk_macau_permit', context: RegExp, distinctive: RegExp, label: string): void => {
    for (const m of norm.matchAll(re)) {
      const severity = severityFor(norm, m.index, m[0], context, distinctive);
      findings.push({
        kind,
        start: m.index,
        end: m.index + m[0].length,
        text: text.slice(m.index, m.index + m[0].length),
        masked: maskDocumentNumber(m[0], 1, 3),
        severity,
        reason: severity === 'block' ? `${label}号码` : `形似${label}号码，请核对`,
      });
    }
  };
  scan(PASSPORT_RE, 'passport', PASSPORT_CONTEXT, /^E/, '护照');
  scan(PERMIT_RE, 'hk_macau_permit', PERMIT_CONTEXT, /^C/, '港澳通行证');
  return findings;
}
