/**
 * A claim that follows another for the same visit: a replacement of an adjudicated claim (frequency 7, REF*F8 with the
 * payer's claim number), a void of it (frequency 8, the same lines), or a claim rejected before adjudication sent
 * again as a new original (frequency 1: the payer never had it). Its id derives from the original's id and version,
 * so a retried action names the same claim and never creates a second one. The original links to it and the visit
 * reservation passes to it.
 */

import { CLAIM_ID_LENGTH } from '#core/claims/build-claim';
import type { Claim, ClaimLinkKind } from '#core/claims/claim';
import { derivedId } from '#core/kernel/ids';
import { encounterKeysOf, visitHolderOf } from '#core/pipeline/replace-earlier-claim';
import { visitKeyOf } from '#core/storage/visit-key';
import type { VisitReservations } from '#core/storage/visit-reservations';

const FREQUENCY: Record<Exclude<ClaimLinkKind, 'superseded'>, Claim['frequency']> = {
  replacement: '7',
  void: '8',
  resubmission: '1',
};

export function followingClaimId(original: Claim, kind: ClaimLinkKind): string {
  return derivedId('CF', [original.id, kind, original.version], CLAIM_ID_LENGTH);
}

/**
 * The new claim, CODED at version 1, from `content` (the original with the operator's changes). Workflow state of
 * the original (submission, payer number, findings, assignment, write-off, links) stays behind.
 */
export function followingClaim(
  original: Claim,
  content: Claim,
  kind: Exclude<ClaimLinkKind, 'superseded'>,
  event: { at: string; actor: string; reason: string },
): Claim {
  const id = followingClaimId(original, kind);
  const {
    submission: _s,
    payerClaimNumber: _p,
    reviewReasons: _r,
    assignee: _a,
    writeOff: _w,
    replacedBy: _b,
    queuedMessageSentAt: _q,
    originalClaimNumber: _o,
    reasonCategory: _c,
    ...rest
  } = content;
  const frequency = FREQUENCY[kind];
  // A part of a split visit stays that part: the set names the new claim in the original's place (so the part that
  // follows part 1 holds the visit's identities for the set, as part 1 did: visitHolderOf).
  const split = rest.split && {
    ...rest.split,
    claimIds: rest.split.claimIds.map((claimId) => (claimId === original.id ? id : claimId)),
  };
  return {
    ...rest,
    ...(split ? { split } : {}),
    id,
    frequency,
    ...(frequency !== '1' && original.payerClaimNumber ? { originalClaimNumber: original.payerClaimNumber } : {}),
    status: 'CODED',
    owner: 'NONE',
    lines: content.lines.map((line, i) => ({ ...line, controlNumber: `${id}-${i + 1}` })),
    findings: [],
    replaces: { claimId: original.id, kind },
    version: 1,
    lastEvent: { version: 1, at: event.at, to: 'CODED', actor: event.actor, action: 'correct', reason: event.reason },
  };
}

/**
 * The visit passes from the original to the claim that follows it when both bill the same visit key; when the change
 * altered the key (other procedure codes), the original's is released and the new claim reserves its own on approval.
 */
export async function passVisit(original: Claim, next: Claim, visits: VisitReservations, at: string): Promise<void> {
  // The visit's identities (source id; patient, provider, date, payer) follow it, so a later upload finds this claim.
  // A split visit's identities are held by its first part for the whole set: they follow part 1 to its successor; a
  // later part leaves them with part 1, whose set names that part and leads through its `replacedBy` to the claim
  // that follows it (core/pipeline/replace-earlier-claim, standingSet).
  const holder = visitHolderOf(original);
  if (holder === original.id)
    for (const key of encounterKeysOf(original)) await visits.transfer(key, holder, visitHolderOf(next), at);
  const oldKey = visitKeyOf(original);
  if (!oldKey) return;
  if (oldKey === visitKeyOf(next)) await visits.transfer(oldKey, original.id, next.id, at);
  else await visits.release(oldKey, original.id, at);
}
