/**
 * A reviewer resolves each finding by masking it or by recording why it is meant to be published
 * (e.g. the mobile number is the village cadre's published duty phone, or 条例第十五条 consent was
 * given). Publication stays blocked while any `block` finding is unresolved.
 */
import { findingId, type Finding } from './finding.ts';
import { maskText } from './masking.ts';

/** One reviewer decision, addressed to a finding by `findingId`. */
export type ReviewDecision =
  | { readonly findingId: string; readonly action: 'mask' }
  | { readonly findingId: string; readonly action: 'intended'; readonly reason: string };

/** A decision the function refused, with why. */
export interface RejectedDecision {
  readonly decision: ReviewDecision;
  readonly problem: 'unknown_finding' | 'duplicate_decision' | 'reason_required' | 'marking_cannot_be_masked';
}

/** The text to publish and what is still open. */
export interface ReviewOutcome {
  /** The input with every finding decided as `mask` replaced by its masked form. */
  readonly text: string;
  /** Whether any `block` finding has no valid decision; if so the text must not be published. */
  readonly hasUnresolvedBlock: boolean;
  /** Findings without a valid decision, in text order (any severity). */
  readonly unresolved: readonly Finding[];
  readonly masked: readonly Finding[];
  readonly intended: readonly { readonly finding: Finding; readonly reason: string }[];
  readonly rejected: readonly RejectedDecision[];
}

/**
 * Applies a reviewer's decisions to a scanned text: masks what was to be masked, records what was
 * intended, and reports whether any blocking finding is still unresolved.
 */
export function applyReviewDecisions(
  text: string,
  findings: readonly Finding[],
  decisions: readonly ReviewDecision[],
): ReviewOutcome {
  const byId = new Map(findings.map((f) => [findingId(f), f]));
  const decided = new Map<string, ReviewDecision>();
  const rejected: RejectedDecision[] = [];
  for (const decision of decisions) {
    const finding = byId.get(decision.findingId);
    if (!finding) rejected.push({ decision, problem: 'unknown_finding' });
    else if (decided.has(decision.findingId)) rejected.push({ decision, problem: 'duplicate_decision' });
    else if (decision.action === 'intended' && decision.reason.trim() === '') rejected.push({ decision, problem: 'reason_required' });
    // Masking a 密级 marking would publish the classified content without its warning label.
    else if (decision.action === 'mask' && finding.kind === 'secret_marking') rejected.push({ decision, problem: 'marking_cannot_be_masked' });
    else decided.set(decision.findingId, decision);
  }
  const masked: Finding[] = [];
  const intended: { finding: Finding; reason: string }[] = [];
  const unresolved: Finding[] = [];
  for (const finding of findings) {
    const decision = decided.get(findingId(finding));
    if (!decision) unresolved.push(finding);
    else if (decision.action === 'mask') masked.push(finding);
    else intended.push({ finding, reason: decision.reason.trim() });
  }
  return {
    text: maskText(text, masked),
    hasUnresolvedBlock: unresolved.some((f) => f.severity === 'block'),
    unresolved: unresolved.sort((a, b) => a.start - b.start),
    masked,
    intended,
    rejected,
  };
}
