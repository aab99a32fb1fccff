/**
 * A claim with more service lines than one 837P claim may carry (loop 2400 repeats at most 50 times) split into
 * claims of at most 50 lines each, as payers ask, instead of refusing it. Each part is a claim of its own: its id
 * derives from the original's and its part number (so a retry splits the same way and names the same claims), it
 * keeps only the diagnoses its lines point to (renumbered, at most 12) and its total is the sum of its lines.
 * A claim within the limit is returned alone, unchanged.
 */
import { derivedId } from '#core/kernel/ids';
import { CLAIM_ID_LENGTH } from './build-claim.ts';
import type { Claim } from './claim.ts';

export const MAX_LINES_PER_CLAIM = 50;

export function splitClaim(claim: Claim, maxLines = MAX_LINES_PER_CLAIM): Claim[] {
  if (claim.lines.length <= maxLines) return [claim];
  const parts: Claim[] = [];
  for (let start = 0; start < claim.lines.length; start += maxLines) {
    const part = parts.length + 1;
    const id = derivedId('CF', [claim.id, 'part', part], CLAIM_ID_LENGTH);
    const slice = claim.lines.slice(start, start + maxLines);
    const pointed = [...new Set(slice.flatMap((line) => line.diagnosisPointers))].sort((a, b) => a - b);
    const renumber = new Map(pointed.map((old, i) => [old, i + 1]));
    const lines = slice.map((line, i) => ({
      ...line,
      diagnosisPointers: line.diagnosisPointers.map((p) => renumber.get(p) ?? p),
      controlNumber: `${id}-${i + 1}`,
    }));
    parts.push({
      ...claim,
      id,
      diagnoses: pointed.map((p) => claim.diagnoses[p - 1]).filter((d) => d !== undefined),
      lines,
      totalChargeCents: lines.reduce((sum, line) => sum + line.chargeCents, 0),
    });
  }
  return parts;
}
