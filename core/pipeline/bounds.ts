/** Whether a built claim stays inside the pipeline's bounds; the violation names the visit and the bound, never PHI. */
import type { Claim } from '#core/claims/claim';
import type { DocumentFailureReason } from '#core/intake/document-ledger';
import type { PipelineLimits } from './limits.ts';

export interface BoundsViolation {
  reason: Extract<DocumentFailureReason, 'too_many_lines' | 'amount_out_of_range' | 'claim_too_large'>;
  message: string;
}

/** `claim` is the visit's whole claim; `stored` the claims kept for it (its parts when it was split). */
export function boundsViolation(
  claim: Claim,
  visitIndex: number,
  limits: PipelineLimits,
  stored: readonly Claim[] = [claim],
): BoundsViolation | undefined {
  const visit = `visit ${visitIndex + 1}`;
  if (claim.lines.length > limits.linesPerVisit) {
    return {
      reason: 'too_many_lines',
      message: `${visit} has ${claim.lines.length} service lines; at most ${limits.linesPerVisit} are billed from one visit (in claims of at most 50): split the visit's charges into several documents`,
    };
  }
  for (const [index, line] of claim.lines.entries()) {
    const cents = line.chargeCents;
    if (!Number.isSafeInteger(cents) || cents < 0 || cents > limits.maxLineChargeCents) {
      return {
        reason: 'amount_out_of_range',
        message: `${visit}, line ${index + 1}: the charge is not an amount between 0 and ${limits.maxLineChargeCents / 100} dollars`,
      };
    }
    if (!Number.isSafeInteger(line.units) || line.units < 1 || line.units > 9999) {
      return {
        reason: 'amount_out_of_range',
        message: `${visit}, line ${index + 1}: units must be a whole number from 1 to 9999`,
      };
    }
  }
  if (!Number.isSafeInteger(claim.totalChargeCents)) {
    return { reason: 'amount_out_of_range', message: `${visit}: the claim total is not a whole number of cents` };
  }
  for (const part of stored) {
    const bytes = new TextEncoder().encode(JSON.stringify(part)).length;
    if (bytes > limits.claimBytes) {
      return {
        reason: 'claim_too_large',
        message: `${visit}: its claim would take ${bytes} bytes; at most ${limits.claimBytes} are stored per claim (long evidence or many codes): split the visit`,
      };
    }
  }
  return undefined;
}
