/**
 * Walks a claim as far as it can go, resuming from whatever status is stored (a retry, or the reconciler):
 *
 *   CODED ── review required ─────────────▶ NEEDS_REVIEW
 *   CODED ── scrub errors ────────────────▶ NEEDS_REVIEW (scrub_error)
 *   CODED ── clean, visit reserved by us ─▶ READY ─▶ QUEUED ─▶ message sent ─▶ marked sent
 *   CODED ── clean, visit held by another ▶ NEEDS_REVIEW (duplicate_claim)
 *
 * First, a claim made from a later upload of the same visit takes over from the earlier upload's claim: it supersedes
 * one not yet submitted, corrects one adjudicated, or waits for a biller when the earlier one is with the payer.
 *
 * Exactly one claim per visit can ever be queued: the visit key is reserved with a conditional write before a claim
 * may become READY. A claim is saved QUEUED before its message is sent, and the message names the saved version, so
 * a crash anywhere leaves either a QUEUED claim whose message is not marked sent (sent by the retry or the
 * reconciler, at most once more, with the same identity the submission side dedupes on) or nothing sent at all.
 */
import type { Claim } from '#core/claims/claim';
import type { ClaimSubmissions } from '#core/claims/claim-ports';
import { transition } from '#core/claims/state-machine';
import type { CodedEncounter, ReviewReason } from '#core/coding/coded-encounter';
import type { Clock } from '#core/kernel/clock';
import type { Finding } from '#core/scrubbing/finding';
import type { ClaimStore } from '#core/storage/claim-store';
import { VersionConflictError } from '#core/storage/errors';
import { visitKeyOf } from '#core/storage/visit-key';
import type { VisitReservations } from '#core/storage/visit-reservations';
import { replaceEarlierClaim } from './replace-earlier-claim.ts';

/**
 * The edit library's entry point as the pipeline calls it (async: the duplicate edit looks up earlier claims). It
 * returns its findings and the claim with its deterministic repairs applied, which is the one stored.
 */
export type ClaimScrubber = (claim: Claim, coded: CodedEncounter) => Promise<{ findings: Finding[]; claim: Claim }>;

export interface AdvancePorts {
  claims: ClaimStore;
  visits: VisitReservations;
  submissions: ClaimSubmissions;
  clock: Clock;
  scrub?: ClaimScrubber;
}

const ACTOR = 'code-encounter';
/** A lost race (the reconciler moving the same claim) is resolved by reloading; more than this is a defect. */
const MAX_CONFLICTS = 3;

export async function advanceClaim(fresh: Claim, coded: CodedEncounter, ports: AdvancePorts): Promise<Claim> {
  let { claim } = await ports.claims.create(fresh);
  for (let attempt = 1; ; attempt++) {
    try {
      return await advanceStored(claim, coded, ports);
    } catch (error) {
      if (!(error instanceof VersionConflictError) || attempt >= MAX_CONFLICTS) throw error;
      const reloaded = await ports.claims.get(claim.id);
      if (!reloaded) throw error;
      claim = reloaded;
    }
  }
}

async function advanceStored(stored: Claim, coded: CodedEncounter, ports: AdvancePorts): Promise<Claim> {
  const at = () => ports.clock.now().toISOString();
  // A later upload of the same visit takes over from the claim the earlier upload made (replace-earlier-claim.ts).
  let claim = stored.status === 'CODED' ? await replaceEarlierClaim(stored, ports) : stored;

  if (claim.status === 'CODED' && coded.review.required) {
    // The coder's own words are kept on the claim for `claims show` (the event's reason names categories only).
    claim = transition(
      { ...claim, reviewReasons: coded.review.reasons },
      {
        to: 'NEEDS_REVIEW',
        at: at(),
        actor: ACTOR,
        reason: summarize(coded.review.reasons),
        reasonCategory: primaryCategory(coded.review.reasons),
        owner: ownerFor(coded.review.reasons),
      },
    );
    await ports.claims.save(claim);
    return claim;
  }

  if (claim.status === 'CODED' && ports.scrub) {
    const { findings, claim: repaired } = await ports.scrub(claim, coded);
    const errors = findings.filter((f) => f.severity === 'error');
    const scrubbed = { ...repaired, findings };
    if (errors.length > 0) {
      claim = transition(scrubbed, {
        to: 'NEEDS_REVIEW',
        at: at(),
        actor: ACTOR,
        reason: errors.map((f) => f.id).join(', '),
        reasonCategory: 'scrub_error',
        owner: errors.some((f) => f.owner === 'CODER') ? 'CODER' : 'BILLER',
      });
      await ports.claims.save(claim);
      return claim;
    }
    claim = await moveIfVisitHeld(scrubbed, 'READY', ports, ACTOR);
    await ports.claims.save(claim);
  }

  return queueClaim(claim, ports);
}

/**
 * READY → QUEUED → message sent → marked sent, from whichever of those steps the claim is at. The pipeline and the
 * reconciler both finish claims through here. A READY claim re-confirms its visit reservation first (idempotent for
 * the holder), so a claim that reached READY by any path still cannot be queued beside another for its visit.
 * Operators approving a claim queue it here too, under their own name.
 */
export async function queueClaim(
  stored: Claim,
  ports: Omit<AdvancePorts, 'scrub'>,
  actor: string = ACTOR,
): Promise<Claim> {
  const at = () => ports.clock.now().toISOString();
  let claim = stored;
  if (claim.status === 'READY') {
    claim = await moveIfVisitHeld(claim, 'QUEUED', ports, actor);
    await ports.claims.save(claim);
  }
  if (claim.status === 'QUEUED' && claim.queuedMessageSentAt === undefined) {
    await ports.submissions.publish({ claimId: claim.id, version: claim.version });
    const sentAt = at();
    await ports.claims.markQueuedMessageSent(claim.id, claim.version, sentAt);
    claim = { ...claim, queuedMessageSentAt: sentAt };
  }
  return claim;
}

/**
 * The claim moved `to` when it holds its visit's reservation (taking it if free); otherwise to a biller: as a
 * duplicate when another claim holds the visit, as missing information when the claim has no complete visit key.
 */
async function moveIfVisitHeld(
  claim: Claim,
  to: 'READY' | 'QUEUED',
  ports: Pick<AdvancePorts, 'visits' | 'clock'>,
  actor: string,
): Promise<Claim> {
  const at = ports.clock.now().toISOString();
  const holder = await reserveVisit(claim, ports, at);
  if (holder === claim.id) return transition(claim, { to, at, actor });
  return transition(claim, {
    to: 'NEEDS_REVIEW',
    at,
    actor,
    reason: holder ? `the visit is already billed by claim ${holder}` : 'visit_key_incomplete',
    reasonCategory: holder ? 'duplicate_claim' : 'missing_information',
    owner: 'BILLER',
  });
}

/** The claim id holding the visit (this claim's own id when it won), or undefined when the claim has no visit key. */
async function reserveVisit(
  claim: Claim,
  ports: Pick<AdvancePorts, 'visits'>,
  at: string,
): Promise<string | undefined> {
  const visitKey = visitKeyOf(claim);
  if (!visitKey) return undefined;
  return (await ports.visits.reserve(visitKey, claim.id, at)).claimId;
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
