/**
 * The visit key: a digest of what makes two claims bill the same visit (member id, birth date, billing NPI, dates of
 * service, procedure codes; see duplicateKey). Stores index and reserve the digest, never the member id and birth
 * date it is made of. Undefined when the claim lacks a part: such a claim cannot be matched, so it is never queued.
 */
import { createHash } from 'node:crypto';
import type { Claim } from '#core/claims/claim';
import { duplicateKey } from '#core/scrubbing/prior-claims';

export function visitKeyOf(claim: Claim): string | undefined {
  const key = duplicateKey(claim);
  return key === undefined ? undefined : createHash('sha256').update(key).digest('hex');
}
