/**
 * Duplicate detection: the port the duplicate-claim edit asks, and an in-memory implementation (tests, CLI).
 * A duplicate is another claim for the same patient (member id + date of birth), the same dates of service, the same
 * billing NPI and the same procedure codes, that has already gone out or is about to (QUEUED, SUBMITTED and later
 * statuses that mean the payer has or will have it). Rejected claims never reached adjudication, and voided,
 * reversed or corrected ones no longer stand, so a new claim for the same service is not a duplicate of them. Nor is
 * a void claim (frequency 8): it bills nothing, it asks the payer to take the original back. While the void is
 * pending the original still stands (PAID, CLOSED, ...) and is the duplicate; once the payer settled it, nothing does.
 */
import type { Claim, ClaimStatus } from '#core/claims/claim';

export interface PriorClaimMatch {
  claimId: string;
  status: string;
}

export interface PriorClaims {
  findDuplicates(claim: Claim): Promise<PriorClaimMatch[]>;
}

export const DUPLICATE_STATUSES: readonly ClaimStatus[] = [
  'QUEUED',
  'SUBMITTED',
  'ACCEPTED',
  'PAID',
  'PARTIALLY_PAID',
  'DENIED',
  'PAID_INCORRECTLY',
  'CLOSED',
];

/** Whether an earlier claim for the same key makes a new one a duplicate (see above). */
export function billsAsDuplicate(other: Pick<Claim, 'status' | 'frequency'>): boolean {
  return DUPLICATE_STATUSES.includes(other.status) && other.frequency !== '8';
}

/**
 * The key two duplicates share: member id, date of birth, billing NPI, the sorted distinct dates of service and the
 * sorted procedure codes (and, for a part of a split visit, its place in the set). Undefined when the claim lacks any
 * part (then it cannot be matched, and other edits say what is missing). A store indexes claims by this key (the DynamoDB implementation uses it as a GSI key).
 */
export function duplicateKey(claim: Claim): string | undefined {
  const memberId = claim.subscriber.memberId;
  const birthDate = claim.patient.birthDate;
  const npi = claim.billingProvider.npi;
  const dates = [...new Set(claim.lines.map((l) => l.serviceDate))];
  if (!memberId || !birthDate || !npi || claim.lines.length === 0 || dates.some((d) => d === undefined))
    return undefined;
  const codes = claim.lines.map((l) => l.code).sort();
  const key = [memberId, birthDate, npi, (dates as string[]).sort().join(','), codes.join(',')].join('|');
  // The parts of a split visit can bill the same codes (50 injections, then 50 more): each part is its own claim,
  // never a duplicate of its sibling, so its place in the set is part of its key (a re-upload splits the same way).
  return claim.split ? `${key}|part ${claim.split.part}/${claim.split.claimIds.length}` : key;
}

/** Prior claims held in memory; `add` records (or replaces, by id) a claim as the store would. */
export class InMemoryPriorClaims implements PriorClaims {
  readonly #byKey = new Map<string, Map<string, Claim>>();
  readonly #keyOfId = new Map<string, string>();

  constructor(claims: readonly Claim[] = []) {
    for (const claim of claims) this.add(claim);
  }

  add(claim: Claim): void {
    const previousKey = this.#keyOfId.get(claim.id);
    if (previousKey !== undefined) this.#byKey.get(previousKey)?.delete(claim.id);
    this.#keyOfId.delete(claim.id);
    const key = duplicateKey(claim);
    if (key === undefined) return;
    this.#keyOfId.set(claim.id, key);
    const claims = this.#byKey.get(key) ?? new Map<string, Claim>();
    claims.set(claim.id, claim);
    this.#byKey.set(key, claims);
  }

  async findDuplicates(claim: Claim): Promise<PriorClaimMatch[]> {
    const key = duplicateKey(claim);
    if (key === undefined) return [];
    return [...(this.#byKey.get(key)?.values() ?? [])]
      .filter((other) => other.id !== claim.id && billsAsDuplicate(other))
      .map((other) => ({ claimId: other.id, status: other.status }));
  }
}
