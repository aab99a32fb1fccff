/**
 * A claim with more service lines than its payer takes on one claim (the 837P's loop 2400 repeats at most 50 times;
 * some payers take fewer) split into claims of at most `maxLines` lines each, as payers ask, instead of refusing it.
 * Each part is a claim of its own: its id derives from the original's and its part number (so a retry splits the same
 * way and names the same claims), it keeps only the diagnoses its lines point to (renumbered, at most 12, in the
 * original order so the principal diagnosis stays first when a part bills for it), its total is the sum of its lines,
 * and it records the set it belongs to (`split`). A claim within the limit is returned alone, unchanged.
 */
import { derivedId } from '#core/kernel/ids';
import { MAX } from '#core/x12/837p/tr3-rules';
import { CLAIM_ID_LENGTH } from './build-claim.ts';
import type { Claim } from './claim.ts';

export const MAX_LINES_PER_CLAIM: number = MAX.linesPerClaim;

export function splitClaim(claim: Claim, maxLines = MAX_LINES_PER_CLAIM): Claim[] {
  if (!Number.isInteger(maxLines) || maxLines < 1) throw new RangeError(`maxLines must be a positive integer`);
  if (claim.lines.length <= maxLines) return [claim];
  const count = Math.ceil(claim.lines.length / maxLines);
  const claimIds = Array.from({ length: count }, (_, i) => derivedId('CF', [claim.id, 'part', i + 1], CLAIM_ID_LENGTH));
  return claimIds.map((id, i) => {
    const slice = claim.lines.slice(i * maxLines, (i + 1) * maxLines);
    const pointed = [...new Set(slice.flatMap((line) => line.diagnosisPointers))].sort((a, b) => a - b);
    const renumber = new Map(pointed.map((old, n) => [old, n + 1]));
    const lines = slice.map((line, n) => ({
      ...line,
      diagnosisPointers: line.diagnosisPointers.map((p) => renumber.get(p) ?? p),
      controlNumber: `${id}-${n + 1}`,
    }));
    return {
      ...claim,
      id,
      diagnoses: pointed.map((p) => claim.diagnoses[p - 1]).filter((d) => d !== undefined),
      lines,
      totalChargeCents: lines.reduce((sum, line) => sum + line.chargeCents, 0),
      split: { visitClaimId: claim.id, claimIds, part: i + 1 },
    };
  });
}
