/**
 * One visit, one billable claim. Before a claim may become READY it reserves its visit key (a digest of member id,
 * birth date, billing NPI, dates of service and procedure codes) with a conditional write: the first claim wins, and
 * every later claim for the same visit learns who holds it and goes to review as a duplicate. Unlike a lookup in an
 * index, the reservation is strongly consistent and race-free: two claims processed at the same instant cannot both
 * win.
 */
export interface VisitReservation {
  visitKey: string;
  claimId: string;
  reservedAt: string;
}

export interface VisitReservations {
  /** Reserves the visit for `claimId` unless another claim holds it; returns the reservation now stored. */
  reserve(visitKey: string, claimId: string, at: string): Promise<VisitReservation>;
  /**
   * Frees the visit, only if `claimId` holds it (a voided claim lets a corrected one be billed). Returns true when
   * this call freed it; false when another claim holds it, nobody does, or it was released already (a retry).
   */
  release(visitKey: string, claimId: string, at: string): Promise<boolean>;
  /**
   * Passes the visit from `fromClaimId` to `toClaimId` in one conditional write (a replacement or corrected claim
   * takes over its visit with no moment at which a third claim could take it); idempotent when `toClaimId` holds it
   * already. Returns the reservation now stored, whoever holds it (undefined when nobody does).
   */
  transfer(visitKey: string, fromClaimId: string, toClaimId: string, at: string): Promise<VisitReservation | undefined>;
  get(visitKey: string): Promise<VisitReservation | undefined>;
}
