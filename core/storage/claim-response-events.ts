/**
 * Each claim's responses (999, 277CA, 835 payments and reversals) as the keyed events of core/remittance, kept
 * beside the claim. They are written before the claim is changed (the claim's status is derived from all of them by
 * replayResponses), so a crash between the two is finished by the next attempt and a redelivered response, having
 * the same key, is one event. Implementations: core/storage/memory and functions/common/storage; both pass
 * test/unit/storage/conformance/remittance-stores.ts.
 */
import type { ResponseEvent } from '#core/remittance/response-events';

export type RecordEventOutcome =
  | { recorded: true }
  /** The key was held; `same` says whether the held event has the same content (a conflict otherwise). */
  | { recorded: false; same: boolean };

export interface ClaimResponseEvents {
  /** Records the event unless one with its key is held for its claim; the first one stands. */
  record(event: ResponseEvent): Promise<RecordEventOutcome>;
  /** Every response event of a claim (a claim has a handful over its life), in key order. */
  list(claimId: string): Promise<ResponseEvent[]>;
}

/** Content comparison that ignores property order and undefined properties. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
