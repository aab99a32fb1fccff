/**
 * From a readable document to persisted claims: parse it into encounters, fill what the practice configuration
 * supplies, code each encounter, build its claim and persist it (idempotently: the claim id derives from the
 * document). A claim the coder is unsure of goes to NEEDS_REVIEW with its reasons; with a scrubber, a clean claim
 * becomes READY and is queued for submission, and one with error findings goes to review. Without a scrubber, coded
 * claims rest at CODED: nothing is submitted unscrubbed.
 */

import { buildClaim } from '#core/claims/build-claim';
import type { Claim } from '#core/claims/claim';
import type { ClaimStore, ClaimSubmissions } from '#core/claims/claim-ports';
import { transition } from '#core/claims/state-machine';
import type { CodeSets } from '#core/codesets/index';
import type { CodedEncounter, ReviewReason } from '#core/coding/coded-encounter';
import { codeEncounter } from '#core/coding/index';
import type { PracticeConfig } from '#core/config/practice-config';
import { applyPracticeDefaults } from '#core/config/practice-defaults';
import { parseDetected } from '#core/documents/index';
import type { ProcessingResult, ReadableDocument } from '#core/intake/ingest-document';
import type { Finding } from '#core/scrubbing/finding';

/**
 * The edit library's entry point as the pipeline calls it (async: the duplicate edit looks up earlier claims). It
 * returns its findings and the claim with its deterministic repairs applied, which is the one stored.
 */
export type ClaimScrubber = (claim: Claim, coded: CodedEncounter) => Promise<{ findings: Finding[]; claim: Claim }>;

export interface CodingPipelinePorts {
  codeSets: CodeSets;
  config: PracticeConfig;
  claims: ClaimStore;
  submissions: ClaimSubmissions;
  now: () => Date;
  /** The edit library (issue 5). Absent: claims stay CODED. */
  scrub?: ClaimScrubber;
  maxNoteChars?: number;
}

const ACTOR = 'code-encounter';

export async function codeDocument(document: ReadableDocument, ports: CodingPipelinePorts): Promise<ProcessingResult> {
  const parsed = parseDetected(
    document.format,
    document.text,
    { key: document.object.key },
    {
      maxNoteChars: ports.maxNoteChars,
    },
  );
  if (!parsed.ok) {
    const where = parsed.location ? ` at ${parsed.location}` : '';
    return { status: 'FAILED', reason: 'unparseable', message: `${parsed.reason}${where}: ${parsed.message}` };
  }
  if (parsed.encounters.length === 0) {
    return { status: 'FAILED', reason: 'no_encounters', message: 'the document parsed but holds no claimable visit' };
  }

  const claimIds: string[] = [];
  const reviewReasons = new Set<string>();
  // The receipt date picks code sets only when a document has no date of service; the missing date itself is
  // reported by the coder as missing information, never written onto the claim.
  const receiptDate = document.object.eventTime.slice(0, 10) || ports.now().toISOString().slice(0, 10);
  for (const encounter of parsed.encounters) {
    const coded = codeEncounter(applyPracticeDefaults(encounter, ports.config), {
      codeSets: ports.codeSets,
      config: ports.config,
      date: receiptDate,
    });
    const claim = await settleClaim(coded, document.documentId, ports);
    claimIds.push(claim.id);
    if (claim.status === 'NEEDS_REVIEW') {
      for (const reason of coded.review.reasons) reviewReasons.add(reason.category);
      if (claim.reasonCategory) reviewReasons.add(claim.reasonCategory);
    }
  }
  return {
    status: reviewReasons.size > 0 ? 'NEEDS_REVIEW' : 'CODED',
    claimIds,
    reviewReasons: [...reviewReasons].sort(),
  };
}

/** Creates the claim and walks it as far as it can go; a retry resumes from whatever status was stored. */
async function settleClaim(coded: CodedEncounter, documentId: string, ports: CodingPipelinePorts): Promise<Claim> {
  const at = () => ports.now().toISOString();
  let { claim } = await ports.claims.create(buildClaim(coded, { documentId, at: at(), actor: ACTOR }), documentId);

  if (claim.status === 'CODED' && coded.review.required) {
    claim = transition(claim, {
      to: 'NEEDS_REVIEW',
      at: at(),
      actor: ACTOR,
      reason: summarize(coded.review.reasons),
      reasonCategory: primaryCategory(coded.review.reasons),
      owner: ownerFor(coded.review.reasons),
    });
    await ports.claims.save(claim);
    return claim;
  }

  if (claim.status === 'CODED' && ports.scrub) {
    const { findings, claim: repaired } = await ports.scrub(claim, coded);
    const errors = findings.filter((f) => f.severity === 'error');
    const scrubbed = { ...repaired, findings };
    claim =
      errors.length > 0
        ? transition(scrubbed, {
            to: 'NEEDS_REVIEW',
            at: at(),
            actor: ACTOR,
            reason: errors.map((f) => f.id).join(', '),
            reasonCategory: 'scrub_error',
            owner: errors.some((f) => f.owner === 'CODER') ? 'CODER' : 'BILLER',
          })
        : transition(scrubbed, { to: 'READY', at: at(), actor: ACTOR });
    await ports.claims.save(claim);
  }

  if (claim.status === 'READY') {
    await ports.submissions.publish(claim);
    claim = transition(claim, { to: 'QUEUED', at: at(), actor: ACTOR });
    await ports.claims.save(claim);
  }
  return claim;
}

function primaryCategory(reasons: readonly ReviewReason[]): string {
  return reasons[0]?.category ?? 'low_confidence_coding';
}

/** Coding questions go to the coder; missing demographics, payer or provider data to the biller. */
function ownerFor(reasons: readonly ReviewReason[]): 'CODER' | 'BILLER' {
  return reasons.every((r) => r.category === 'missing_information') ? 'BILLER' : 'CODER';
}

/** Reason text for the history: categories and fields only (messages may quote the note, which is PHI). */
function summarize(reasons: readonly ReviewReason[]): string {
  return reasons.map((r) => (r.field ? `${r.category}(${r.field})` : r.category)).join(', ');
}
