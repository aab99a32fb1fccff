/** Uploads files (or every file under folders) to the intake bucket's inbox, one object per file. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { HeadObjectCommand, NotFound, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { ProgressBar } from './progress-bar.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.hl7': 'x-application/hl7-v2+er7',
  '.csv': 'text/csv',
  '.txt': 'text/plain',
};

export interface UploadItem {
  file: string;
  key: string;
}

/** One object as uploaded: enough to name its ledger entry (bucket + key + version, or ETag when unversioned). */
export interface UploadedObject {
  key: string;
  versionId?: string;
  eTag: string;
  bytes: number;
}

/** Files to upload and their keys: a folder's files keep their path below the folder. */
export function planUpload(paths: string[], prefix: string): UploadItem[] {
  const items: UploadItem[] = [];
  for (const path of paths) {
    const stats = statSync(path);
    if (stats.isFile()) {
      items.push({ file: path, key: `${prefix}${basename(path)}` });
      continue;
    }
    for (const file of walk(path)) items.push({ file, key: `${prefix}${relative(path, file).split('\\').join('/')}` });
  }
  return items;
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

export async function uploadDocuments(
  s3: S3Client,
  bucket: string,
  items: UploadItem[],
  options: {
    quiet?: boolean;
    /** Leave out files whose object is already in the bucket with the same content (a restarted twin's samples). */
    skipUnchanged?: boolean;
  } = {},
): Promise<UploadedObject[]> {
  const bar = options.quiet ? undefined : new ProgressBar(items.length, 'uploading');
  const uploaded: UploadedObject[] = [];
  let bytes = 0;
  let done = 0;
  bar?.update(0);
  for (const item of items) {
    done += 1;
    const body = readFileSync(item.file);
    if (options.skipUnchanged && (await sameObject(s3, bucket, item.key, body))) {
      bar?.update(done, `${(bytes / 1024).toFixed(1)} KiB`);
      continue;
    }
    const response = await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: item.key,
        Body: body,
        ContentType: CONTENT_TYPES[extname(item.file).toLowerCase()] ?? 'application/octet-stream',
      }),
    );
    bytes += body.length;
    uploaded.push({
      key: item.key,
      bytes: body.length,
      eTag: (response.ETag ?? '').replaceAll('"', ''),
      ...(response.VersionId ? { versionId: response.VersionId } : {}),
    });
    bar?.update(done, `${(bytes / 1024).toFixed(1)} KiB`);
  }
  return uploaded;
}

/** The current object under `key` has this content (a single-part upload's ETag is the MD5 of its body). */
async function sameObject(s3: S3Client, bucket: string, key: string, body: Buffer): Promise<boolean> {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return head.ETag === `"${createHash('md5').update(body).digest('hex')}"`;
  } catch (error) {
    if (error instanceof NotFound) return false;
    throw error;
  }
}
