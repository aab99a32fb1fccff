/**
 * Paged reads. Every list a store offers is a page plus an opaque cursor for the next one, so a work queue or the
 * reconciler reads as much as it needs and never a whole partition at once.
 */
export interface PageRequest {
  /** At most this many items (default DEFAULT_PAGE_SIZE, capped at MAX_PAGE_SIZE). */
  limit?: number;
  /** The `cursor` of the previous page; absent for the first page. */
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  /** Present when more items may follow. */
  cursor?: string;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export function pageLimit(request: PageRequest | undefined): number {
  const limit = request?.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`page limit must be a positive integer, got ${limit}`);
  return Math.min(limit, MAX_PAGE_SIZE);
}

/** Every item of a paged query, page after page; for bounded lists (a claim's history, a test's assertions). */
export async function readAllPages<T>(read: (request: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read({ limit: MAX_PAGE_SIZE, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
}
