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
 * - the earlier claim paid or closed (PAID, CLOSED) with the payer's claim number, and the new claim bills something
 *   else (core/claims/billed-content.ts): a replacement too; the payer takes the first payment back and pays the
 *   replacement. Billing exactly the same, the new claim waits for a biller instead: replacing a paid claim with
 *   itself would only have the payer reverse and pay it again;
 * - the earlier claim rejected before adjudication: the new claim goes out as a new original, the earlier CORRECTED;
 * - the earlier claim on its way or with the payer and not adjudicated (QUEUED, SUBMITTED, ACCEPTED), or adjudicated
 *   with no payer claim number: the new claim waits in review for a biller (`corrected_document`), naming the claim
 *   it would correct and why it could not yet; nothing is sent twice;
 * - the earlier claim voided at the payer, and the void settled (the void claim CLOSED, the original retired; see
 *   core/responses/settle-void.ts): nothing of the visit stands any more, so the new claim is a new original
 *   (frequency 1, no REF*F8) and takes the visit over from the void, its history saying why. A void the payer has not
 *   settled yet stands: the new claim waits for a biller, as above.
 *
 * Every step is idempotent: a retry after a crash finds the earlier claim already voided or corrected and linked to
 * this claim, and finishes the hand-over.
 */
import { createHash } from 'node:crypto';
import { billsTheSame } from '#core/claims/billed-content';
import type { Claim, ClaimLink, ClaimLinkKind } from '#core/claims/claim';
import { annotate, transition } from '#core/claims/state-machine';
import type { Clock } from '#core/kernel/clock';
import { isSettledVoid } from '#core/responses/settle-void';
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
/** Settled by the payer: corrected only by a claim that bills something else. */
const SETTLED = new Set(['PAID', 'CLOSED']);
const NO_LONGER_STANDS = new Set(['VOIDED', 'CORRECTED']);

/** Retired (voided, corrected) or a void the payer settled: nothing of it is billed any more. */
function noLongerStands(claim: Claim): boolean {
  return NO_LONGER_STANDS.has(claim.status) || isSettledVoid(claim);
}

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
 * The claim that holds a visit's identities: the claim itself, or for a visit split into several claims by its
 * payer's line limit, the first part, on behalf of the whole set (a part is never the earlier claim of its sibling).
 */
export function visitHolderOf(claim: Pick<Claim, 'id' | 'split'>): string {
  return claim.split?.claimIds[0] ?? claim.id;
}

/**
 * Claims the visit for a newly created claim, replacing the earlier claim of the same visit as described above.
 * Returns the claim as it now stands (saved when it changed).
 */
export async function replaceEarlierClaim(created: Claim, ports: ReplacePorts): Promise<Claim> {
  let claim = created;
  const holderId = visitHolderOf(claim);
  for (const key of encounterKeysOf(claim)) {
    const at = ports.clock.now().toISOString();
    const holder = (await ports.visits.reserve(key, holderId, at)).claimId;
    if (holder === holderId) continue;
    const earlier = await ports.claims.get(holder);
    if (!earlier) {
      await ports.visits.transfer(key, holder, holderId, at);
      continue;
    }
    claim = await handOver(claim, earlier, key, ports);
  }
  return claim;
}

/**
 * The earlier claim's set that still stands: the earlier claim alone, or every part of a split visit that is not
 * voided or corrected (the holder last, so that once it no longer stands the whole set is known to be retired). A
 * part an operator corrected stands in the claim that replaced it (core/operations/corrected-claim), which the visit's
 * identities do not name: the chain of replacements is followed, so a visit a later claim still bills is never
 * taken over as if it were free.
 */
async function standingSet(earlier: Claim, claim: Claim, ports: ReplacePorts): Promise<Claim[]> {
  const ids = [...new Set([...(earlier.split?.claimIds ?? []), earlier.id])];
  const members: Claim[] = [];
  for (const id of ids) {
    let member = id === earlier.id ? earlier : await ports.claims.get(id);
    for (let hop = 0; member && noLongerStands(member) && hop < MAX_REPLACEMENT_HOPS; hop++) {
      const next = member.replacedBy;
      if (!next || next.kind === 'superseded' || next.claimId === claim.id) break;
      member = await ports.claims.get(next.claimId);
    }
    if (member && !noLongerStands(member) && !members.some((m) => m.id === member.id)) members.push(member);
  }
  return members.sort((a, b) => Number(a.id === earlier.id) - Number(b.id === earlier.id));
}

/** Corrections of corrections: more than this many in a row is not a chain a biller made. */
const MAX_REPLACEMENT_HOPS = 8;

async function handOver(claim: Claim, earlier: Claim, key: string, ports: ReplacePorts): Promise<Claim> {
  const at = ports.clock.now().toISOString();
  const standing = await standingSet(earlier, claim, ports);
  if (standing.length === 0) {
    // Voided or corrected: by this claim (a retry finishing the hand-over) or long ago; either way the visit is free.
    if (isSettledVoid(earlier) && claim.status === 'CODED') return afterSettledVoid(claim, earlier, key, ports, at);
    await ports.visits.transfer(key, earlier.id, visitHolderOf(claim), at);
    if (earlier.replacedBy?.claimId === claim.id && !claim.replaces)
      return link(claim, { claimId: earlier.id, kind: earlier.replacedBy.kind }, ports, at);
    return claim;
  }
  if (claim.status !== 'CODED') return claim;
  const kind = followingKind(standing, claim);
  if (kind === undefined) return pendingCorrection(claim, standing.at(-1)!, ports, at);
  const next = { claimId: claim.id, kind };
  for (const member of standing) await retire(member, next, claim.id, ports, at);
  const linked =
    claim.replaces?.claimId === earlier.id
      ? claim
      : await link(
          kind === 'replacement' ? { ...claim, frequency: '7', originalClaimNumber: earlier.payerClaimNumber! } : claim,
          { claimId: earlier.id, kind },
          ports,
          at,
        );
  await ports.visits.transfer(key, earlier.id, visitHolderOf(linked), at);
  for (const member of standing) await passVisitKey(member, linked, ports, at);
  return linked;
}

/**
 * The visit's identities are held by a void the payer settled: the new claim is a new original (it keeps frequency 1
 * and names no claim to replace). Its history says why, then the void's reservation of the visit passes to it, then
 * the identity: in that order, so a retry after a crash at any write finds either the note to skip or the identity
 * already its own, and the note is written once.
 */
async function afterSettledVoid(
  claim: Claim,
  settledVoid: Claim & { replaces: { claimId: string } },
  key: string,
  ports: ReplacePorts,
  at: string,
): Promise<Claim> {
  const reason =
    `new original claim: claim ${settledVoid.replaces.claimId} of this visit was voided by claim ${settledVoid.id}, ` +
    'which the payer accepted and settled, so nothing of the visit stands at the payer';
  let current = claim;
  if (current.lastEvent.reason !== reason) {
    current = annotate(current, { at, actor: ACTOR, reason });
    await ports.claims.save(current);
  }
  await passVisitKey(settledVoid, current, ports, at);
  await ports.visits.transfer(key, settledVoid.id, visitHolderOf(current), at);
  return current;
}

/** The earlier claim VOIDED as superseded, or CORRECTED, linked to the claim that follows it. */
async function retire(
  earlier: Claim,
  next: ClaimLink,
  claimId: string,
  ports: ReplacePorts,
  at: string,
  actor: string = ACTOR,
) {
  const retired = transition(
    { ...earlier, replacedBy: next },
    next.kind === 'superseded'
      ? {
          to: 'VOIDED',
          at,
          actor,
          reason: `superseded by claim ${claimId}, made from a later upload of the same visit`,
          reasonCategory: 'superseded',
        }
      : {
          to: 'CORRECTED',
          at,
          actor,
          reason: `${next.kind === 'replacement' ? 'replaced (frequency 7)' : 'resubmitted as a new original'} by claim ${claimId}, made from a corrected document for the visit`,
        },
  );
  await ports.claims.save({
    ...retired,
    lastEvent: { ...retired.lastEvent, action: next.kind === 'superseded' ? 'supersede' : 'correct' },
  });
}

/**
 * How the new claim follows what still stands of the earlier visit. Unsubmitted claims (a whole split set of them
 * too) are superseded. A single earlier claim rejected is resubmitted; adjudicated with a problem, it is replaced
 * (frequency 7), unless the new visit is split: one claim cannot be replaced by several. A split set partly with the
 * payer waits for a biller.
 */
function followingKind(standing: readonly Claim[], claim: Claim): ClaimLinkKind | undefined {
  if (standing.every((c) => UNSUBMITTED.has(c.status))) return 'superseded';
  if (standing.length !== 1 || standing[0]!.split) return undefined;
  const earlier = standing[0]!;
  if (earlier.status === 'REJECTED') return 'resubmission';
  if (CORRECTABLE.has(earlier.status) && earlier.payerClaimNumber && !claim.split) return 'replacement';
  if (SETTLED.has(earlier.status) && earlier.payerClaimNumber && !claim.split && !billsTheSame(earlier, claim))
    return 'replacement';
  return undefined;
}

/** Why a later document cannot correct the earlier claim by itself, in a biller's words. */
function whyWaiting(earlier: Claim, claim: Claim): string {
  const base = `claim ${earlier.id} for this visit is ${earlier.status} at the payer`;
  if (!CORRECTABLE.has(earlier.status) && !SETTLED.has(earlier.status))
    return `${base}; this later document corrects it once the payer has adjudicated it`;
  if (!earlier.payerClaimNumber)
    return `${base} but has no payer claim number (277CA REF*1K or 835 CLP07) for a replacement's REF*F8; ask the payer for it`;
  if (billsTheSame(earlier, claim))
    return `${base}; this later document bills exactly the same, so there is nothing to correct (void this claim unless something else changed)`;
  return `${base}; this later document corrects it`;
}

/** Records on the new claim which claim it follows (a change of version 1 → 2, status still CODED). */
async function link(
  claim: Claim,
  replaces: NonNullable<Claim['replaces']>,
  ports: ReplacePorts,
  at: string,
  actor: string = ACTOR,
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
      actor,
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

/**
 * A claim held as `corrected_document` becomes the correction once the earlier claim can take one (the payer has
 * adjudicated it since, or a biller fixed what was missing): called when someone approves it. The earlier claim's set
 * is CORRECTED (or VOIDED if it was never sent) and linked to it, this claim carries frequency 7 and REF*F8 when it
 * replaces, and the visit passes to it, in the same idempotent steps as at intake. When the earlier claim still
 * cannot be corrected, nothing changes and the reason is returned.
 */
export async function takeOverOnApproval(
  claim: Claim,
  ports: ReplacePorts,
  actor: string,
): Promise<{ kind: 'ready'; claim: Claim } | { kind: 'waiting'; reason: string }> {
  let current = claim;
  const holderId = visitHolderOf(claim);
  for (const key of encounterKeysOf(claim)) {
    const at = ports.clock.now().toISOString();
    const holder = (await ports.visits.reserve(key, holderId, at)).claimId;
    if (holder === holderId) continue;
    const earlier = await ports.claims.get(holder);
    const standing = earlier ? await standingSet(earlier, current, ports) : [];
    if (!earlier || standing.length === 0) {
      // A void the payer settled also holds the visit's reservation (its duplicate key): it passes with the identity.
      if (earlier && isSettledVoid(earlier)) await passVisitKey(earlier, current, ports, at);
      await ports.visits.transfer(key, holder, holderId, at);
      // Retired by this claim already (a retry after a crash): finish the link.
      const kind = earlier?.replacedBy?.claimId === current.id ? earlier.replacedBy.kind : undefined;
      if (earlier && kind && !current.replaces)
        current = await link(
          kind === 'replacement'
            ? { ...current, frequency: '7', originalClaimNumber: earlier.payerClaimNumber! }
            : current,
          { claimId: earlier.id, kind },
          ports,
          at,
          actor,
        );
      continue;
    }
    const kind = followingKind(standing, current);
    if (kind === undefined) return { kind: 'waiting', reason: whyWaiting(standing.at(-1)!, current) };
    const next = { claimId: current.id, kind };
    for (const member of standing) await retire(member, next, current.id, ports, at, actor);
    current = await link(
      kind === 'replacement' ? { ...current, frequency: '7', originalClaimNumber: earlier.payerClaimNumber! } : current,
      { claimId: earlier.id, kind },
      ports,
      at,
      actor,
    );
    await ports.visits.transfer(key, earlier.id, visitHolderOf(current), at);
    for (const member of standing) await passVisitKey(member, current, ports, at);
  }
  return { kind: 'ready', claim: current };
}

async function pendingCorrection(claim: Claim, earlier: Claim, ports: ReplacePorts, at: string): Promise<Claim> {
  const held = transition(claim, {
    to: 'NEEDS_REVIEW',
    at,
    actor: ACTOR,
    reason: whyWaiting(earlier, claim),
    reasonCategory: CORRECTED_DOCUMENT,
    owner: 'BILLER',
  });
  await ports.claims.save(held);
  return held;
}
