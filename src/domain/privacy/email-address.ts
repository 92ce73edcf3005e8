/**
 * Personal e-mail addresses. Mailboxes on government, party and education domains are institutional
 * and published by design, so they are only noted; the agency's own public mailbox (often on a
 * commercial domain such as 163.com) belongs in the scan's allow-list.
 */
import type { Finding } from './finding.ts';
import { maskEmail } from './masking.ts';

const EMAIL_RE = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;
const INSTITUTIONAL_DOMAIN = /\.(?:gov|org|edu)\.cn$|\.gov$/i;

/** Finds e-mail addresses; personal ones warn, institutional ones are informational. */
export function detectEmails(text: string, norm: string): Finding[] {
  const findings: Finding[] = [];
  for (const m of norm.matchAll(EMAIL_RE)) {
    const address = m[0].toLowerCase();
    const domain = address.slice(address.indexOf('@') + 1);
    const isInstitutional = INSTITUTIONAL_DOMAIN.test(domain);
    findings.push({
      kind: 'email',
      start: m.index,
      end: m.index + m[0].length,
      text: text.slice(m.index, m.index + m[0].length),
      masked: maskEmail(m[0]),
      severity: isInstitutional ? 'info' : 'warn',
      reason: isInstitutional ? '机关、团体或学校域名的电子邮箱，通常可公开' : '个人电子邮箱地址',
    });
  }
  return findings;
}
