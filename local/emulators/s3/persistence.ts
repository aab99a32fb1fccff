/**
 * Keeps the S3 emulator's buckets and object versions in a folder, so they survive a restart of the twin: object
 * bodies as content-addressed files under `blobs/` (written aside and renamed into place before the change that
 * names them is journaled), and every change to buckets and versions as a line in `journal.jsonl`. Loading replays
 * the journal, compacts it to a snapshot of what exists and removes bodies nothing names any more. Multipart uploads
 * in progress are not kept: after a restart they are gone, as if aborted.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Journal } from '../persistence/journal.ts';
import {
  appendVersion,
  type Bucket,
  type DeleteMarker,
  type ObjectStoreObserver,
  type ObjectVersion,
  type StoreChange,
  type Versioning,
} from './store.ts';

type PersistedVersion =
  | (Omit<ObjectVersion, 'body' | 'lastModified'> & { lastModified: number; blob: string })
  | (Omit<DeleteMarker, 'lastModified'> & { lastModified: number });

type S3Record =
  | { t: 'bucket'; name: string; createdAt: number; versioning?: Versioning }
  | { t: 'bucket-deleted'; name: string }
  | { t: 'version'; bucket: string; version: PersistedVersion }
  | { t: 'version-removed'; bucket: string; key: string; versionId: string }
  | { t: 'key-removed'; bucket: string; key: string };

export class S3Persistence implements ObjectStoreObserver {
  readonly #journal: Journal<S3Record>;
  readonly #blobs: string;

  private constructor(journal: Journal<S3Record>, blobs: string) {
    this.#journal = journal;
    this.#blobs = blobs;
  }

  /** Reads the folder back (creating it when new) and returns the buckets it holds. */
  static open(directory: string): { persistence: S3Persistence; buckets: Bucket[] } {
    const blobs = join(directory, 'blobs');
    mkdirSync(blobs, { recursive: true });
    const { journal, records } = Journal.open<S3Record>(join(directory, 'journal.jsonl'));
    const buckets = replay(records, blobs);
    const persistence = new S3Persistence(journal, blobs);
    persistence.#compact(buckets);
    return { persistence, buckets };
  }

  changed(change: StoreChange): void {
    switch (change.kind) {
      case 'bucket-saved':
        this.#journal.append(bucketRecord(change.bucket));
        return;
      case 'bucket-deleted':
        this.#journal.append({ t: 'bucket-deleted', name: change.name });
        return;
      case 'version-added':
        this.#journal.append({ t: 'version', bucket: change.bucket.name, version: this.#persist(change.version) });
        return;
      case 'version-removed':
        this.#journal.append({
          t: 'version-removed',
          bucket: change.bucket.name,
          key: change.key,
          versionId: change.versionId,
        });
        return;
      case 'key-removed':
        this.#journal.append({ t: 'key-removed', bucket: change.bucket.name, key: change.key });
        return;
    }
  }

  close(): void {
    this.#journal.close();
  }

  /** The version as a journal record; its body goes to a blob file first, so a record never names a missing body. */
  #persist(version: ObjectVersion | DeleteMarker): PersistedVersion {
    if (version.kind === 'delete-marker') return { ...version, lastModified: version.lastModified.getTime() };
    const { body, ...rest } = version;
    const blob = createHash('sha256').update(body).digest('hex');
    const file = join(this.#blobs, blob);
    if (!existsSync(file)) {
      const temporary = `${file}.${process.pid}.writing`;
      writeFileSync(temporary, body);
      renameSync(temporary, file);
    }
    return { ...rest, lastModified: version.lastModified.getTime(), blob };
  }

  #compact(buckets: Bucket[]): void {
    const records: S3Record[] = [];
    const referenced = new Set<string>();
    for (const bucket of buckets) {
      records.push(bucketRecord(bucket));
      for (const versions of bucket.versions.values()) {
        for (const version of versions) {
          const persisted = this.#persist(version);
          if ('blob' in persisted) referenced.add(persisted.blob);
          records.push({ t: 'version', bucket: bucket.name, version: persisted });
        }
      }
    }
    this.#journal.compact(records);
    for (const name of readdirSync(this.#blobs)) {
      if (!referenced.has(name)) rmSync(join(this.#blobs, name), { force: true });
    }
  }
}

function bucketRecord(bucket: Bucket): S3Record {
  return {
    t: 'bucket',
    name: bucket.name,
    createdAt: bucket.createdAt.getTime(),
    ...(bucket.versioning ? { versioning: bucket.versioning } : {}),
  };
}

function replay(records: S3Record[], blobs: string): Bucket[] {
  const buckets = new Map<string, Bucket>();
  const bucketOf = (name: string) => {
    const bucket = buckets.get(name);
    if (!bucket) throw new Error(`S3 journal names bucket ${name} before creating it`);
    return bucket;
  };
  for (const record of records) {
    switch (record.t) {
      case 'bucket': {
        const existing = buckets.get(record.name);
        if (existing) existing.versioning = record.versioning;
        else
          buckets.set(record.name, {
            name: record.name,
            createdAt: new Date(record.createdAt),
            versioning: record.versioning,
            versions: new Map(),
          });
        break;
      }
      case 'bucket-deleted':
        buckets.delete(record.name);
        break;
      case 'version':
        appendVersion(bucketOf(record.bucket), restoreVersion(record.version, blobs));
        break;
      case 'version-removed': {
        const bucket = bucketOf(record.bucket);
        const kept = (bucket.versions.get(record.key) ?? []).filter((v) => v.versionId !== record.versionId);
        if (kept.length > 0) bucket.versions.set(record.key, kept);
        else bucket.versions.delete(record.key);
        break;
      }
      case 'key-removed':
        bucketOf(record.bucket).versions.delete(record.key);
        break;
    }
  }
  return [...buckets.values()];
}

function restoreVersion(version: PersistedVersion, blobs: string): ObjectVersion | DeleteMarker {
  const lastModified = new Date(version.lastModified);
  if (version.kind === 'delete-marker') return { ...version, lastModified };
  const { blob, ...rest } = version;
  const file = join(blobs, blob);
  if (!existsSync(file)) throw new Error(`S3 data: the body of ${version.key} (${file}) is missing`);
  return { ...rest, lastModified, body: readFileSync(file) };
}
