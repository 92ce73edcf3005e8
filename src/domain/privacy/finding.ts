/**
 * What the privacy and confidentiality scan reports: a closed set of kinds, three severities,
 * and one finding per span of the scanned text.
 */

/** Every kind of finding the scanner can report, in the order the review screen lists them. */
export const FINDING_KINDS = [
  'unreadable',
  'secret_marking',
  'id_card',
  'bank_card',
  'mobile',
  'passport',
  'hk_macau_permit',
  'business_credit_code',
  'email',
  'address',
  'sensitive_word',
] as const;

/** One kind of finding. */
export type FindingKind = (typeof FINDING_KINDS)[number];

/** Whether a value (e.g. from a stored review or an HTTP form) is a known finding kind. */
export function isFindingKind(value: unknown): value is FindingKind {
  return typeof value === 'string' && (FINDING_KINDS as readonly string[]).includes(value);
}

/**
 * `block`: publication is blocked until a reviewer masks the finding or records why it is intended;
 * `warn`: the reviewer must look at it but it does not block; `info`: shown for context only
 * (e.g. an ID-shaped number whose check character is wrong).
 */
export const SEVERITIES = ['block', 'warn', 'info'] as const;

/** How strongly a finding holds back publication. */
export type Severity = (typeof SEVERITIES)[number];

/** Whether a value is a known severity. */
export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** One piece of personal or classified information found in a text. */
export interface Finding {
  readonly kind: FindingKind;
  /** UTF-16 offset of the first character, so `input.slice(start, end) === text`. */
  readonly start: number;
  /** UTF-16 offset just past the last character. */
  readonly end: number;
  /** The matched text exactly as it appears in the input. */
  readonly text: string;
  /** The form published instead when a reviewer chooses to mask it. */
  readonly masked: string;
  readonly severity: Severity;
  /** Why the scanner reported it, in Chinese, for the reviewer. */
  readonly reason: string;
}

/** A stable identifier of a finding within one scanned text, used to attach review decisions. */
export function findingId(finding: Pick<Finding, 'kind' | 'start' | 'end'>): string {
  return `${finding.kind}@${finding.start}-${finding.end}`;
}

/** Ranks severities so that the stronger one sorts first. */
export function severityRank(severity: Severity): number {
  switch (severity) {
    case 'block':
      return 0;
    case 'warn':
      return 1;
    case 'info':
      return 2;
    default: {
      const unreachable: never = severity;
      return unreachable;
    }
  }
}

/**
 * The finding for a text the scan could not read (an image without OCR, a scanned PDF page, a damaged
 * file, text beyond the stored limit): it blocks publication until a reviewer confirms, with a reason,
 * that they checked the file by eye — an unread file must never pass the scan silently.
 */
export function unreadableFinding(note: string, at = 0): Finding {
  return {
    kind: 'unreadable',
    start: at,
    end: at,
    text: '',
    masked: '',
    severity: 'block',
    reason: `未能自动检测：${note}。请逐页人工核对其中有无身份证号、手机号等个人信息和密级标志，核对后确认并写明核对情况。`,
  };
}
