/** Claims' response events held in memory, with the same first-write-stands contract as the DynamoDB store. */
import type { ResponseEvent } from '#core/remittance/response-events';
import { type ClaimResponseEvents, canonicalJson, type RecordEventOutcome } from '../claim-response-events.ts';

export class InMemoryClaimResponseEvents implements ClaimResponseEvents {
  readonly #byClaim = new Map<string, Map<string, ResponseEvent>>();

  async record(event: ResponseEvent): Promise<RecordEventOutcome> {
    const events = this.#byClaim.get(event.claimId) ?? new Map<string, ResponseEvent>();
    this.#byClaim.set(event.claimId, events);
    const held = events.get(event.key);
    if (held) return { recorded: false, same: canonicalJson(held) === canonicalJson(event) };
    events.set(event.key, structuredClone(event));
    return { recorded: true };
  }

  async list(claimId: string): Promise<ResponseEvent[]> {
    const events = [...(this.#byClaim.get(claimId)?.values() ?? [])];
    return events.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((e) => structuredClone(e));
  }
}
