/**
 * Identifiers. Derived ids (the same input always names the same thing, so a retry can never create a second
 * claim or document) come from a SHA-256 digest; fresh ids come from an `Ids` port so tests can fix them.
 */
import { createHash, randomUUID } from 'node:crypto';

/** A source of fresh, unique ids (UUIDs in production, a counter in tests). */
export interface Ids {
  next(): string;
}

export const randomIds: Ids = { next: () => randomUUID() };

/** Sequential ids with a prefix: deterministic for tests and replays. */
export function sequentialIds(prefix = 'id-'): Ids {
  let n = 0;
  return { next: () => `${prefix}${++n}` };
}

/**
 * An id derived from its parts: `prefix` followed by upper-case hex of SHA-256 over the parts joined by a
 * separator that cannot occur in them unescaped, cut to `length` characters in all.
 */
export function derivedId(prefix: string, parts: readonly (string | number)[], length: number): string {
  const digestLength = length - prefix.length;
  if (digestLength < 8 || digestLength > 64)
    throw new RangeError(`derivedId: ${digestLength} digest characters is outside 8..64`);
  const text = parts.map((part) => String(part).replaceAll('\\', '\\\\').replaceAll('#', '\\#')).join('#');
  return `${prefix}${createHash('sha256').update(text).digest('hex').toUpperCase().slice(0, digestLength)}`;
}
