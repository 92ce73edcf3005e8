/**
 * Words an agency has decided need a second look before publication (e.g. names of a protected
 * witness, 艾滋病, 精神障碍, 低保 in a list of minors). The list is per agency and passed in.
 */
import type { Finding } from './finding.ts';
import { toHalfWidth } from './half-width.ts';
import { maskWord } from './masking.ts';

/** Finds every occurrence of the agency's sensitive words (ASCII letters case-insensitively). */
export function detectSensitiveWords(text: string, norm: string, words: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  const haystack = norm.toLowerCase();
  // toLowerCase never changes the length of ASCII or Han text, but Turkish İ and friends would;
  // fall back to exact matching rather than report shifted offsets.
  const isLengthStable = haystack.length === norm.length;
  const seen = new Set<string>();
  for (const raw of words) {
    const word = toHalfWidth(raw.trim());
    if (word === '') continue;
    const needle = isLengthStable ? word.toLowerCase() : word;
    if (seen.has(needle)) continue;
    seen.add(needle);
    const source = isLengthStable ? haystack : norm;
    for (let at = source.indexOf(needle); at >= 0; at = source.indexOf(needle, at + needle.length)) {
      const matched = text.slice(at, at + needle.length);
      findings.push({
        kind: 'sensitive_word',
        start: at,
        end: at + needle.length,
        text: matched,
        masked: maskWord(matched),
        severity: 'warn',
        reason: `本机关敏感词“${raw.trim()}”`,
      });
    }
  }
  return findings;
}
