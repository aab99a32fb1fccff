import { createHash } from 'node:crypto';
import type { StoredObject } from './document-ledger.ts';

/**
 * A document is one version of one object. Its id is derived from bucket, key and version (or ETag where the bucket
 * is not versioned), so a repeated notification for the same upload always names the same ledger entry, and a
 * re-upload of the same key is a new document.
 */
export function documentIdOf(object: Pick<StoredObject, 'bucket' | 'key' | 'versionId' | 'eTag'>): string {
  const identity = `${object.bucket}\n${object.key}\n${object.versionId ?? `etag:${object.eTag}`}`;
  return `doc-${createHash('sha256').update(identity).digest('hex').slice(0, 32)}`;
}
