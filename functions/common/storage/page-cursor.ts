/** DynamoDB's LastEvaluatedKey as the stores' opaque page cursor. */
import { InvalidCursorError } from '#core/storage/errors';

export function encodeCursor(lastEvaluatedKey: Record<string, unknown> | undefined): string | undefined {
  return lastEvaluatedKey ? Buffer.from(JSON.stringify(lastEvaluatedKey)).toString('base64url') : undefined;
}

export function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (key && typeof key === 'object' && !Array.isArray(key)) {
      const values = Object.values(key);
      if (values.length > 0 && values.every((v) => typeof v === 'string')) return key as Record<string, unknown>;
    }
  } catch {
    // falls through to the error below
  }
  throw new InvalidCursorError();
}
