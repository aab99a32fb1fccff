/**
 * A visit with more service lines than its payer takes on one claim: split into several claims (what most payers
 * ask, and the default) or held whole for a biller, as the practice configuration says for that payer
 * (`payers[].maxLinesPerClaim`, `payers[].overLineLimit`). A held claim keeps every line; scrubbing's LINE-COUNT edit
 * stops it with the payer's rule named, so it waits in review rather than failing the document.
 */
import type { Claim } from '#core/claims/claim';
import { splitClaim } from '#core/claims/split-claim';
import { type PayerConfig, payerLineLimit } from '#core/config/practice-config';

export type LineLimitDecision =
  | { action: 'within'; maxLines: number }
  | { action: 'split'; maxLines: number; parts: number }
  | { action: 'hold'; maxLines: number };

export function lineLimitDecision(lineCount: number, payer: PayerConfig | undefined): LineLimitDecision {
  const { maxLinesPerClaim: maxLines, overLineLimit } = payerLineLimit(payer);
  if (lineCount <= maxLines) return { action: 'within', maxLines };
  if (overLineLimit === 'hold') return { action: 'hold', maxLines };
  return { action: 'split', maxLines, parts: Math.ceil(lineCount / maxLines) };
}

/** The claims to store for the visit: its claim alone, or its parts when the payer's rule splits it. */
export function applyLineLimit(claim: Claim, payer: PayerConfig | undefined): Claim[] {
  const decision = lineLimitDecision(claim.lines.length, payer);
  return decision.action === 'split' ? splitClaim(claim, decision.maxLines) : [claim];
}
