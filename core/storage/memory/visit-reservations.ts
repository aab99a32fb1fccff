/** Visit reservations held in memory, with the same first-claim-wins contract as the DynamoDB store. */
import type { VisitReservation, VisitReservations } from '../visit-reservations.ts';

export class InMemoryVisitReservations implements VisitReservations {
  readonly #reservations = new Map<string, VisitReservation>();

  async reserve(visitKey: string, claimId: string, at: string): Promise<VisitReservation> {
    const held = this.#reservations.get(visitKey);
    if (held) return { ...held };
    const reservation = { visitKey, claimId, reservedAt: at };
    this.#reservations.set(visitKey, reservation);
    return { ...reservation };
  }

  async release(visitKey: string, claimId: string, _at: string): Promise<boolean> {
    if (this.#reservations.get(visitKey)?.claimId !== claimId) return false;
    this.#reservations.delete(visitKey);
    return true;
  }

  async transfer(visitKey: string, fromClaimId: string, toClaimId: string, at: string) {
    const held = this.#reservations.get(visitKey);
    if (held?.claimId === fromClaimId) {
      const reservation = { visitKey, claimId: toClaimId, reservedAt: at };
      this.#reservations.set(visitKey, reservation);
      return { ...reservation };
    }
    return held ? { ...held } : undefined;
  }

  async get(visitKey: string): Promise<VisitReservation | undefined> {
    const held = this.#reservations.get(visitKey);
    return held ? { ...held } : undefined;
  }
}
