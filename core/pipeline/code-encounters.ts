/**
 * Codes a run of a document's encounters into claims: fill what the practice configuration supplies, code each
 * encounter and build its claim (several when the payer's line limit splits the visit), check every bound, and only then persist the claims and walk each as far as it can
 * go (core/pipeline/advance-claim). A run past a bound fails whole, before any claim of it is stored. Claim ids derive
 * from the document's text and each encounter's position in it, so a retry (or a piece of a split document coded
 * again) finds the claims of an earlier attempt and resumes them.
 */
import { buildClaim } from '#core/claims/build-claim';
import type { Claim } from '#core/claims/claim';
import type { ClaimSubmissions } from '#core/claims/claim-ports';
import type { CodeSets } from '#core/codesets/index';
import type { CodedEncounter } from '#core/coding/coded-encounter';
import {
  askComprehend,
  type ComprehendAnswer,
  type InferIcd10Cm,
  wantsComprehend,
} from '#core/coding/comprehend/inference-port';
import { codeEncounter } from '#core/coding/index';
import { billingProviderByNpi, type PracticeConfig, payerById } from '#core/config/practice-config';
import { completeEncounter } from '#core/config/practice-defaults';
import type { Encounter } from '#core/documents/encounter';
import type { DocumentFailureReason } from '#core/intake/document-ledger';
import type { Clock } from '#core/kernel/clock';
import { directoryOfConfig } from '#core/patients/look-up-patient';
import type { PatientDirectory } from '#core/patients/patient-directory';
import type { ClaimStore } from '#core/storage/claim-store';
import type { VisitReservations } from '#core/storage/visit-reservations';
import { advanceClaim, type ClaimScrubber } from './advance-claim.ts';
import { boundsViolation } from './bounds.ts';
import type { PipelineLimits } from './limits.ts';
import { applyLineLimit } from './line-limit.ts';

export interface EncounterCodingPorts {
  codeSets: CodeSets;
  config: PracticeConfig;
  claims: ClaimStore;
  visits: VisitReservations;
  submissions: ClaimSubmissions;
  clock: Clock;
  /**
   * The practice's patient directory (the table's records, then any the configuration still carries). Absent: the
   * configuration's own entries.
   */
  patients?: PatientDirectory;
  /** The edit library. Absent: claims stay CODED (nothing is submitted unscrubbed). */
  scrub?: ClaimScrubber;
  /**
   * Amazon Comprehend Medical, when the practice configuration turns it on: asked about each visit's clinical note
   * (core/coding/comprehend/inference-port.ts). Absent: our own coder alone.
   */
  comprehend?: InferIcd10Cm;
}

export const PIPELINE_ACTOR = 'code-encounter';

/** Which document the encounters come from, and the date that picks code sets when a visit has none. */
export interface EncounterOrigin {
  documentId: string;
  /** The document's arrival date (YYYY-MM-DD), used only when a visit has no date of service. */
  receiptDate: string;
}

export type CodingResult =
  | { status: 'CODED' | 'NEEDS_REVIEW'; claimIds: string[]; reviewReasons: string[] }
  | { status: 'FAILED'; reason: DocumentFailureReason; message: string };

export async function codeEncounters(
  encounters: readonly Encounter[],
  origin: EncounterOrigin,
  ports: EncounterCodingPorts,
  limits: PipelineLimits,
): Promise<CodingResult> {
  // The receipt date picks code sets only when a document has no date of service; the missing date itself is
  // reported by the coder as missing information, never written onto the claim.
  const receiptDate = origin.receiptDate || ports.clock.now().toISOString().slice(0, 10);
  const at = ports.clock.now().toISOString();
  const built: { coded: CodedEncounter; claims: Claim[] }[] = [];
  const directory = ports.patients ?? directoryOfConfig(ports.config);
  for (const encounter of encounters) {
    // A directory that cannot be read (an outage) throws here, outside the pure steps: the delivery is retried.
    const completed = await completeEncounter(encounter, ports.config, directory);
    // Never throws: an unavailable service is an answer, and the visit is coded without it.
    const comprehend =
      ports.comprehend && wantsComprehend(completed)
        ? await askComprehend(ports.comprehend, completed.noteText ?? '')
        : undefined;
    let next: { coded: CodedEncounter; claims: Claim[]; whole: Claim };
    try {
      next = buildOne(completed, origin.documentId, ports, { receiptDate, at, comprehend });
    } catch (error) {
      return {
        status: 'FAILED',
        reason: 'coding_failed',
        message: `visit ${encounter.source.index + 1} could not be coded: ${describe(error)}`,
      };
    }
    const violation = boundsViolation(next.whole, encounter.source.index, limits, next.claims);
    if (violation) return { status: 'FAILED', ...violation };
    built.push(next);
  }

  const claimIds: string[] = [];
  const reviewReasons = new Set<string>();
  // The parts of a split visit go in part order: the first takes over the visit's identities for the set
  // (replace-earlier-claim), and the others find it holding them.
  for (const { coded, claims } of built) {
    for (const fresh of claims) {
      const claim = await advanceClaim(fresh, coded, ports);
      claimIds.push(claim.id);
      if (claim.status === 'NEEDS_REVIEW') {
        for (const reason of coded.review.reasons) reviewReasons.add(reason.category);
        if (claim.reasonCategory) reviewReasons.add(claim.reasonCategory);
      }
    }
  }
  return {
    status: reviewReasons.size > 0 ? 'NEEDS_REVIEW' : 'CODED',
    claimIds,
    reviewReasons: [...reviewReasons].sort(),
  };
}

function buildOne(
  completed: Encounter,
  documentId: string,
  ports: EncounterCodingPorts,
  when: { receiptDate: string; at: string; comprehend: ComprehendAnswer | undefined },
): { coded: CodedEncounter; claims: Claim[]; whole: Claim } {
  const coded = codeEncounter(
    completed,
    { codeSets: ports.codeSets, config: ports.config, date: when.receiptDate },
    when.comprehend,
  );
  const practiceId = completed.billingProvider?.npi
    ? billingProviderByNpi(ports.config, completed.billingProvider.npi)?.id
    : undefined;
  const claim = buildClaim(coded, {
    documentId,
    ...(practiceId ? { practiceId } : {}),
    at: when.at,
    actor: PIPELINE_ACTOR,
  });
  // The payer's line limit: a longer visit becomes several claims, or stays whole for a biller (line-limit.ts).
  return { coded, claims: applyLineLimit(claim, payerById(ports.config, claim.payer.payerId)), whole: claim };
}

export function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
