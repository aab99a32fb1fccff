/** Pages over an in-memory, already ordered list: the cursor is the sort key of the last item handed out. */
import { InvalidCursorError } from '../errors.ts';
import { type Page, type PageRequest, pageLimit } from '../page.ts';

export function pageOf<T>(sorted: readonly { sortKey: string; item: T }[], request?: PageRequest): Page<T> {
  const limit = pageLimit(request);
  let start = 0;
  if (request?.cursor !== undefined) {
    const after = decodeCursor(request.cursor);
    start = sorted.findIndex((entry) => entry.sortKey > after);
    if (start < 0) start = sorted.length;
  }
  const slice = sorted.slice(start, start + limit);
  const last = slice.at(-1);
  return {
    items: slice.map((entry) => entry.item),
    ...(start + limit < sorted.length && last ? { cursor: encodeCursor(last.sortKey) } : {}),
  };
}

export function sortedBy<T>(items: Iterable<T>, sortKey: (item: T) => string): { sortKey: string; item: T }[] {
  return [...items]
    .map((item) => ({ sortKey: sortKey(item), item }))
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
}

function encodeCursor(sortKey: string): string {
  return Buffer.from(JSON.stringify({ after: sortKey })).toString('base64url');
}

function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof parsed.after === 'string') return parsed.after;
  } catch {
    // falls through to the error below
  }
  throw new InvalidCursorError();
}
