/**
 * A document uploaded again for a visit replaces the claim the earlier upload made. The visit is recognised by the
 * source's own id for it (FHIR Encounter id, HL7 visit number, the CSV or JSON encounter id) within the practice, or by
 * the same patient (member id and birth date), billing and rendering provider, date of service and payer. Each of those
 * identities is reserved with a conditional write as the claim is created, so the later claim learns which claim holds
 * the visit (race-free, like the visit reservation), and:
 *
 * - the earlier claim not yet submitted (CODED, NEEDS_REVIEW, READY): it is VOIDED as superseded, linked to the new
 *   claim, and gives it the visit; the new claim proceeds;
 * - the earlier claim adjudicated with a problem (DENIED, PARTIALLY_PAID, PAID_INCORRECTLY, REVERSED) and with the
 *   payer's claim number: the new claim is its replacement (frequency 7, REF*F8) and the earlier one CORRECTED;
 * - the earlier claim rejected before adjudication: the new claim goes out as a new original, the earlier CORRECTED;
 * - the earlier claim on its way or with the payer (QUEUED, SUBMITTED, ACCEPTED, PAID, CLOSED, or adjudicated with no
 *   payer claim number): the new claim waits in review for a biller (`corrected_document`), naming the claim it
 *   would correct; nothing is sent twice.
 *
 * Every step is idempotent: a retry after a crash finds the earlier claim already voided or corrected and linked to
 * this claim, and finishes the hand-over.
 */
import { createHash } from 'node:crypto';
import type { Claim, ClaimLinkKind } from '#core/claims/claim';
import { transition } from '#core/claims/state-machine';
import type { Clock } from '#core/kernel/clock';
import type { ClaimStore } from '#core/storage/claim-store';
import { visitKeyOf } from '#core/storage/visit-key';
import type { VisitReservations } from '#core/storage/visit-reservations';

export interface ReplacePorts {
  claims: Pick<ClaimStore, 'get' | 'save'>;
  visits: VisitReservations;
  clock: Clock;
}

const ACTOR = 'code-encounter';
const UNSUBMITTED = new Set(['CODED', 'NEEDS_REVIEW', 'READY']);
const CORRECTABLE = new Set(['DENIED', 'PARTIALLY_PAID', 'PAID_INCORRECTLY', 'REVERSED']);
const NO_LONGER_STANDS = new Set(['VOIDED', 'CORRECTED']);

/** Review category of a re-uploaded visit whose earlier claim is with the payer. */
export const CORRECTED_DOCUMENT = 'corrected_document';

/**
 * The identities a claim's visit is known by (reservation keys, digests only: no member id is stored in a key).
 * Empty when the claim has neither a source id nor every part of the patient/provider/date/payer identity.
 */
export function encounterKeysOf(claim: Claim): string[] {
  const keys: string[] = [];
  const sourceId = claim.encounter.sourceId;
  if (sourceId) keys.push(digest('source', [claim.practiceId, claim.encounter.format, sourceId]));
  const memberId = claim.subscriber.memberId;
  const birthDate = claim.patient.birthDate;
  const billing = claim.billingProvider.npi;
  const payer = claim.payer.payerId;
  const date = claim.lines
    .map((l) => l.serviceDate)
    .filter((d): d is string => d !== undefined)
    .sort()[0];
  if (memberId && birthDate && billing && payer && date)
    keys.push(
      digest('visit', [memberId.toUpperCase(), birthDate, billing, claim.renderingProvider?.npi ?? '', date, payer]),
    );
  return keys;
}

function digest(kind: string, parts: string[]): string {
  return `${kind}:${createHash('sha256')
    .update(parts.map((p) => p.replaceAll('|', '\\|')).join('|'))
    .digest('hex')}`;
}

/**
 * Claims the visit for a newly created claim, replacing the earlier claim of the same visit as described above.
 * Returns the claim as it now stands (saved when it changed).
 */
export async function replaceEarlierClaim(created: Claim, ports: ReplacePorts): Promise<Claim> {
  let claim = created;
  for (const key of encounterKeysOf(claim)) {
    const at = ports.clock.now().toISOString();
    const holder = (await ports.visits.reserve(key, claim.id, at)).claimId;
    if (holder === claim.id) continue;
    const earlier = await ports.claims.get(holder);
    if (!earlier) {
      await ports.visits.transfer(key, holder, claim.id, at);
      continue;
    }
    claim = await handOver(claim, earlier, key, ports);
  }
  return claim;
}

async function handOver(claim: Claim, earlier: Claim, key: string, ports: ReplacePorts): Promise<Claim> {
  const at = ports.clock.now().toISOString();
  if (NO_LONGER_STANDS.has(earlier.status)) {
    // Voided or corrected: by this claim (a retry finishing the hand-over) or long ago; either way the visit is free.
    await ports.visits.transfer(key, earlier.id, claim.id, at);
    if (earlier.replacedBy?.claimId === claim.id && !claim.replaces)
      return link(claim, { claimId: earlier.id, kind: earlier.replacedBy.kind }, ports, at);
    return claim;
  }
  if (claim.status !== 'CODED') return claim;
  const kind = followingKind(earlier);
  if (kind === undefined) return pendingCorrection(claim, earlier, ports, at);
  const next = { claimId: claim.id, kind };
  const retired = transition(
    { ...earlier, replacedBy: next },
    kind === 'superseded'
      ? {
          to: 'VOIDED',
          at,
          actor: ACTOR,
          reason: `superseded by claim ${claim.id}, made from a later upload of the same visit`,
          reasonCategory: 'superseded',
        }
      : {
          to: 'CORRECTED',
          at,
          actor: ACTOR,
          reason: `${kind === 'replacement' ? 'replaced (frequency 7)' : 'resubmitted as a new original'} by claim ${claim.id}, made from a corrected document for the visit`,
        },
  );
  await ports.claims.save({
    ...retired,
    lastEvent: { ...retired.lastEvent, action: kind === 'superseded' ? 'supersede' : 'correct' },
  });
  const linked = await link(
    kind === 'replacement' ? { ...claim, frequency: '7', originalClaimNumber: earlier.payerClaimNumber! } : claim,
    { claimId: earlier.id, kind },
    ports,
    at,
  );
  await ports.visits.transfer(key, earlier.id, linked.id, at);
  await passVisitKey(earlier, linked, ports, at);
  return linked;
}

function followingKind(earlier: Claim): ClaimLinkKind | undefined {
  if (UNSUBMITTED.has(earlier.status)) return 'superseded';
  if (earlier.status === 'REJECTED') return 'resubmission';
  if (CORRECTABLE.has(earlier.status) && earlier.payerClaimNumber) return 'replacement';
  return undefined;
}

/** Records on the new claim which claim it follows (a change of version 1 → 2, status still CODED). */
async function link(
  claim: Claim,
  replaces: NonNullable<Claim['replaces']>,
  ports: ReplacePorts,
  at: string,
): Promise<Claim> {
  const version = claim.version + 1;
  const next: Claim = {
    ...claim,
    replaces,
    version,
    lastEvent: {
      version,
      at,
      from: claim.status,
      to: claim.status,
      actor: ACTOR,
      action: replaces.kind === 'superseded' ? 'supersede' : 'correct',
      reason: `${replaces.kind === 'superseded' ? 'supersedes' : replaces.kind === 'replacement' ? 'replaces (frequency 7)' : 'resubmits'} claim ${replaces.claimId}`,
    },
  };
  await ports.claims.save(next);
  return next;
}

/** The visit key the earlier claim holds passes to the new claim (or is freed when the new one bills other codes). */
async function passVisitKey(earlier: Claim, next: Claim, ports: ReplacePorts, at: string): Promise<void> {
  const key = visitKeyOf(earlier);
  if (!key) return;
  if (key === visitKeyOf(next)) await ports.visits.transfer(key, earlier.id, next.id, at);
  else await ports.visits.release(key, earlier.id, at);
}

async function pendingCorrection(claim: Claim, earlier: Claim, ports: ReplacePorts, at: string): Promise<Claim> {
  const held = transition(claim, {
    to: 'NEEDS_REVIEW',
    at,
    actor: ACTOR,
    reason: `claim ${earlier.id} for this visit is ${earlier.status} at the payer; this later document corrects it`,
    reasonCategory: CORRECTED_DOCUMENT,
    owner: 'BILLER',
  });
  await ports.claims.save(held);
  return held;
}
