import { randomBytes } from 'node:crypto';
import type { ChecksumAlgorithm } from './checksums.ts';
import { noSuchBucket, noSuchKey, S3Error } from './errors.ts';

export interface StoredChecksum {
  algorithm: ChecksumAlgorithm;
  /** base64, with a `-<parts>` suffix for composite multipart checksums. */
  value: string;
  type: 'FULL_OBJECT' | 'COMPOSITE';
}

/** What a write supplies; the store adds version id and time. */
export interface ObjectContent {
  body: Buffer;
  etag: string;
  contentType: string;
  metadata: Record<string, string>;
  /** Cache-Control, Content-Disposition, Content-Encoding, Content-Language, Expires as given. */
  contentHeaders: Record<string, string>;
  checksum: StoredChecksum | undefined;
  partsCount: number | undefined;
}

export interface ObjectVersion extends ObjectContent {
  kind: 'object';
  key: string;
  versionId: string;
  lastModified: Date;
}

export interface DeleteMarker {
  kind: 'delete-marker';
  key: string;
  versionId: string;
  lastModified: Date;
}

export type Versioning = 'Enabled' | 'Suspended';

export interface Bucket {
  name: string;
  createdAt: Date;
  versioning: Versioning | undefined;
  /** Versions per key, oldest first; unversioned buckets hold one 'null' version per key. */
  versions: Map<string, Array<ObjectVersion | DeleteMarker>>;
}

/**
 * Told of every change to the store's contents, after it is made: how the emulator's persistence keeps a durable
 * copy. Replaying the same changes in order (see `applyChange`) rebuilds the same buckets.
 */
export interface ObjectStoreObserver {
  changed(change: StoreChange): void;
}

export type StoreChange =
  | { kind: 'bucket-saved'; bucket: Bucket }
  | { kind: 'bucket-deleted'; name: string }
  | { kind: 'version-added'; bucket: Bucket; version: ObjectVersion | DeleteMarker }
  | { kind: 'version-removed'; bucket: Bucket; key: string; versionId: string }
  | { kind: 'key-removed'; bucket: Bucket; key: string };

const BUCKET_NAME = /^(?!xn--)(?!.*-s3alias$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const NULL_VERSION = 'null';

/** Buckets and object versions in memory, with S3's versioning rules. */
export class ObjectStore {
  readonly #buckets = new Map<string, Bucket>();
  #observer: ObjectStoreObserver | undefined;

  /** Replaces the contents with buckets read back from persistence, and reports later changes to `observer`. */
  restore(buckets: Bucket[], observer?: ObjectStoreObserver): void {
    this.#buckets.clear();
    for (const bucket of buckets) this.#buckets.set(bucket.name, bucket);
    this.#observer = observer;
  }

  /** Whether a bucket of that name exists (without S3's NoSuchBucket error). */
  has(name: string): boolean {
    return this.#buckets.has(name);
  }

  setVersioning(bucket: Bucket, status: Versioning): void {
    bucket.versioning = status;
    this.#observer?.changed({ kind: 'bucket-saved', bucket });
  }

  createBucket(name: string, versioning?: Versioning): Bucket {
    if (!BUCKET_NAME.test(name) || name.includes('..') || /^\d+\.\d+\.\d+\.\d+$/.test(name)) {
      throw new S3Error('InvalidBucketName', 'The specified bucket is not valid.', { BucketName: name });
    }
    if (this.#buckets.has(name)) {
      throw new S3Error(
        'BucketAlreadyOwnedByYou',
        'Your previous request to create the named bucket succeeded and you already own it.',
        { BucketName: name },
      );
    }
    const bucket: Bucket = { name, createdAt: new Date(), versioning, versions: new Map() };
    this.#buckets.set(name, bucket);
    this.#observer?.changed({ kind: 'bucket-saved', bucket });
    return bucket;
  }

  bucket(name: string): Bucket {
    const bucket = this.#buckets.get(name);
    if (!bucket) throw noSuchBucket(name);
    return bucket;
  }

  buckets(): Bucket[] {
    return [...this.#buckets.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  deleteBucket(name: string): void {
    const bucket = this.bucket(name);
    if (bucket.versions.size > 0) {
      throw new S3Error('BucketNotEmpty', 'The bucket you tried to delete is not empty', { BucketName: name });
    }
    this.#buckets.delete(name);
    this.#observer?.changed({ kind: 'bucket-deleted', name });
  }

  put(bucket: Bucket, key: string, content: ObjectContent): ObjectVersion {
    const version: ObjectVersion = {
      ...content,
      kind: 'object',
      key,
      versionId: this.#nextVersionId(bucket),
      lastModified: wholeSeconds(new Date()),
    };
    this.#append(bucket, version);
    return version;
  }

  /** The current version (or the one asked for), as GET and HEAD see it. */
  get(bucket: Bucket, key: string, versionId?: string): ObjectVersion {
    const versions = bucket.versions.get(key) ?? [];
    if (versionId === undefined) {
      const latest = versions.at(-1);
      if (!latest) throw noSuchKey(key);
      if (latest.kind === 'delete-marker') throw noSuchKey(key, deleteMarkerHeaders(bucket, latest));
      return latest;
    }
    const version = versions.find((candidate) => candidate.versionId === versionId);
    if (!version) {
      throw new S3Error('NoSuchVersion', 'The specified version does not exist.', { Key: key, VersionId: versionId });
    }
    if (version.kind === 'delete-marker') {
      throw new S3Error(
        'MethodNotAllowed',
        'The specified method is not allowed against this resource.',
        { Method: 'GET', ResourceType: 'DeleteMarker' },
        { 'x-amz-delete-marker': 'true', 'x-amz-version-id': version.versionId },
      );
    }
    return version;
  }

  /**
   * DeleteObject: removes a given version outright; otherwise removes the object in an unversioned bucket or
   * adds a delete marker in a versioned one. Deleting what does not exist succeeds, as on S3.
   */
  delete(bucket: Bucket, key: string, versionId?: string): { versionId?: string; deleteMarker: boolean } {
    const versions = bucket.versions.get(key) ?? [];
    if (versionId !== undefined) {
      const index = versions.findIndex((candidate) => candidate.versionId === versionId);
      if (index === -1) return { versionId, deleteMarker: false };
      const [removed] = versions.splice(index, 1);
      if (versions.length === 0) bucket.versions.delete(key);
      this.#observer?.changed({ kind: 'version-removed', bucket, key, versionId });
      return { versionId, deleteMarker: removed?.kind === 'delete-marker' };
    }
    if (bucket.versioning === undefined) {
      if (bucket.versions.delete(key)) this.#observer?.changed({ kind: 'key-removed', bucket, key });
      return { deleteMarker: false };
    }
    const marker: DeleteMarker = {
      kind: 'delete-marker',
      key,
      versionId: this.#nextVersionId(bucket),
      lastModified: wholeSeconds(new Date()),
    };
    this.#append(bucket, marker);
    return { versionId: marker.versionId, deleteMarker: true };
  }

  /** Current (not deleted) objects sorted by key in UTF-8 byte order, as listings return them. */
  currentObjects(bucket: Bucket): ObjectVersion[] {
    const current: ObjectVersion[] = [];
    for (const versions of bucket.versions.values()) {
      const latest = versions.at(-1);
      if (latest?.kind === 'object') current.push(latest);
    }
    return current.sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
  }

  #nextVersionId(bucket: Bucket): string {
    return bucket.versioning === 'Enabled' ? randomBytes(24).toString('base64url') : NULL_VERSION;
  }

  #append(bucket: Bucket, version: ObjectVersion | DeleteMarker): void {
    appendVersion(bucket, version);
    this.#observer?.changed({ kind: 'version-added', bucket, version });
  }
}

/** Adds a version; a 'null' version (unversioned or suspended bucket) replaces the previous 'null' version. */
export function appendVersion(bucket: Bucket, version: ObjectVersion | DeleteMarker): void {
  const versions = bucket.versions.get(version.key) ?? [];
  const kept = version.versionId === NULL_VERSION ? versions.filter((v) => v.versionId !== NULL_VERSION) : versions;
  kept.push(version);
  bucket.versions.set(version.key, kept);
}

/** Version id header value: S3 sends one only for buckets that have (had) versioning. */
export function versionHeader(bucket: Bucket, versionId: string): Record<string, string> {
  return bucket.versioning === undefined ? {} : { 'x-amz-version-id': versionId };
}

function deleteMarkerHeaders(bucket: Bucket, marker: DeleteMarker): Record<string, string> {
  return { 'x-amz-delete-marker': 'true', ...versionHeader(bucket, marker.versionId) };
}

/** S3 keeps Last-Modified to the second (HTTP dates cannot say more). */
function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}
