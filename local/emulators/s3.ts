import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpHost } from './http-host.ts';
import {
  createBucket,
  deleteBucket,
  getBucketLocation,
  getBucketVersioning,
  headBucket,
  listBuckets,
  putBucketVersioning,
} from './s3/bucket-handlers.ts';
import { S3Error } from './s3/errors.ts';
import { objectCreatedRecord, type S3EventRecord } from './s3/event-record.ts';
import { header, type S3Reply, type S3Request } from './s3/exchange.ts';
import { listObjectsV1, listObjectsV2 } from './s3/list-objects.ts';
import { MultipartUploads } from './s3/multipart.ts';
import { readObject } from './s3/object-read.ts';
import { copyObject, deleteObject, deleteObjects, putObject } from './s3/object-write.ts';
import { S3Persistence } from './s3/persistence.ts';
import { ObjectStore } from './s3/store.ts';

export type { S3EventRecord, S3ObjectCreatedEventName } from './s3/event-record.ts';

export interface S3EmulatorOptions {
  region?: string;
  /** Keep buckets and objects in this folder across restarts (default: in memory only). */
  dataDirectory?: string;
}

/** Subresources S3 has that the emulator does not implement: they answer NotImplemented, never a wrong success. */
const UNSUPPORTED_SUBRESOURCES = [
  'acl',
  'tagging',
  'policy',
  'notification',
  'cors',
  'lifecycle',
  'encryption',
  'website',
  'logging',
  'replication',
  'accelerate',
  'requestPayment',
  'ownershipControls',
  'publicAccessBlock',
  'object-lock',
  'retention',
  'legal-hold',
  'torrent',
  'restore',
  'select',
  'attributes',
  'analytics',
  'inventory',
  'metrics',
  'intelligent-tiering',
  'versions',
  'uploads',
];

/**
 * An in-process S3 for path-style requests from the real SDK v3 client: buckets (optionally versioned), objects
 * with metadata, ranges, conditional requests, copy, batch delete, multipart uploads, and the SDK's default
 * integrity checks (aws-chunked uploads with trailing checksums, Content-MD5). Every object creation is announced
 * to `onObjectCreated` listeners as an S3 event notification record, after the response has been sent.
 */
export class S3Emulator {
  readonly #host: HttpHost;
  readonly #store = new ObjectStore();
  readonly #uploads = new MultipartUploads();
  readonly #listeners = new Set<(record: S3EventRecord) => void>();
  readonly #region: string;
  readonly #persistence: S3Persistence | undefined;
  #sequence = 0n;

  constructor(options: S3EmulatorOptions = {}) {
    this.#region = options.region ?? 'us-east-1';
    this.#host = new HttpHost('S3', (request, response) => this.#handle(request, response));
    if (options.dataDirectory) {
      const { persistence, buckets } = S3Persistence.open(options.dataDirectory);
      this.#store.restore(buckets, persistence);
      this.#persistence = persistence;
    }
  }

  listen(port?: number, host?: string): Promise<string> {
    return this.#host.listen(port, host);
  }

  async close(): Promise<void> {
    await this.#host.close();
    this.#persistence?.close();
  }

  /** `http://127.0.0.1:<port>`; throws when the emulator is not listening. */
  get endpoint(): string {
    return this.#host.endpoint;
  }

  createBucket(name: string, options: { versioned?: boolean } = {}): void {
    this.#store.createBucket(name, options.versioned ? 'Enabled' : undefined);
  }

  /**
   * Creates the bucket, or keeps the one read back from the data folder (turning versioning on if asked: S3 can
   * suspend versioning but never remove it).
   */
  ensureBucket(name: string, options: { versioned?: boolean } = {}): void {
    if (!this.#store.has(name)) {
      this.createBucket(name, options);
      return;
    }
    const bucket = this.#store.bucket(name);
    if (options.versioned && bucket.versioning !== 'Enabled') this.#store.setVersioning(bucket, 'Enabled');
  }

  /** Keys of the current objects in a bucket (tests and the twin's restart report). */
  objectKeys(bucketName: string): string[] {
    return this.#store.currentObjects(this.#store.bucket(bucketName)).map((o) => o.key);
  }

  /** Subscribes to object creations; returns the unsubscribe function. */
  onObjectCreated(listener: (record: S3EventRecord) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async #handle(raw: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = randomBytes(8).toString('hex').toUpperCase();
    const sourceIp = raw.socket.remoteAddress ?? '127.0.0.1';
    let reply: S3Reply;
    try {
      reply = await this.#route(parseRequest(raw, requestId));
    } catch (error) {
      // A client that went away mid-request (aborted upload) needs no answer and is no emulator failure.
      if (response.destroyed) return;
      const s3Error = error instanceof S3Error ? error : new S3Error('InternalError', describe(error));
      if (s3Error.code === 'InternalError') {
        process.stderr.write(`S3 emulator: internal error on ${raw.method} request: ${s3Error.message}\n`);
      }
      reply = {
        status: s3Error.status,
        headers: { 'content-type': 'application/xml', ...s3Error.headers },
        body: raw.method === 'HEAD' ? undefined : s3Error.toXml(requestId),
      };
    }
    this.#send(response, reply, requestId, () => {
      if (reply.created) this.#announce(reply, requestId, sourceIp);
    });
  }

  #send(response: ServerResponse, reply: S3Reply, requestId: string, afterSent: () => void): void {
    if (response.destroyed) {
      // The object may be stored even though its client left: S3 still announces it.
      afterSent();
      return;
    }
    const headers: Record<string, string | number> = {
      'x-amz-request-id': requestId,
      'x-amz-id-2': requestId,
      server: 'AmazonS3',
      ...reply.headers,
    };
    if (reply.body !== undefined) headers['content-length'] = Buffer.byteLength(reply.body);
    else if (headers['content-length'] === undefined) headers['content-length'] = 0;
    response.writeHead(reply.status, headers);
    response.end(reply.body, afterSent);
  }

  /** Delivers a creation event on a later turn so a slow or failing listener never holds up or fails the PUT. */
  #announce(reply: S3Reply, requestId: string, sourceIp: string): void {
    const created = reply.created!;
    this.#sequence += 1n;
    const record = objectCreatedRecord({
      ...created,
      region: this.#region,
      sequence: this.#sequence,
      requestId,
      sourceIp,
    });
    setImmediate(() => {
      for (const listener of [...this.#listeners]) {
        try {
          listener(structuredClone(record));
        } catch (error) {
          process.stderr.write(
            `S3 emulator: an object-created listener failed for bucket ${created.bucket}: ${describe(error)}\n`,
          );
        }
      }
    });
  }

  async #route(request: S3Request): Promise<S3Reply> {
    const { method, bucket: bucketName, key, query } = request;
    if (bucketName === undefined) {
      if (method === 'GET') return listBuckets(this.#store);
      throw methodNotAllowed(method);
    }
    const unsupported = UNSUPPORTED_SUBRESOURCES.find((name) => query.has(name) && !isRoutedSubresource(request, name));
    if (unsupported) throw notImplemented(`the '${unsupported}' subresource`);
    if (key === undefined) return this.#routeBucket(request, bucketName);
    const bucket = this.#store.bucket(bucketName);
    const versionId = query.get('versionId') ?? undefined;
    switch (method) {
      case 'PUT':
        if (query.has('uploadId')) {
          if (header(request, 'x-amz-copy-source') !== undefined) {
            throw notImplemented('UploadPartCopy');
          }
          return this.#uploads.uploadPart(request, bucket, key);
        }
        if (header(request, 'x-amz-copy-source') !== undefined) return copyObject(request, this.#store, bucket, key);
        return putObject(request, this.#store, bucket, key);
      case 'GET':
        if (query.has('uploadId')) return this.#uploads.listParts(request, bucket, key);
        if (query.has('partNumber')) throw notImplemented('GET by partNumber');
        return readObject(request, bucket, this.#store.get(bucket, key, versionId));
      case 'HEAD':
        if (query.has('partNumber')) throw notImplemented('HEAD by partNumber');
        return readObject(request, bucket, this.#store.get(bucket, key, versionId));
      case 'DELETE':
        if (query.has('uploadId')) return this.#uploads.abort(request, bucket, key);
        return deleteObject(request, this.#store, bucket, key);
      case 'POST':
        if (query.has('uploads')) return this.#uploads.create(request, bucket, key);
        if (query.has('uploadId')) return this.#uploads.complete(request, this.#store, bucket, key);
        throw methodNotAllowed(method);
      default:
        throw methodNotAllowed(method);
    }
  }

  async #routeBucket(request: S3Request, name: string): Promise<S3Reply> {
    const { method, query } = request;
    switch (method) {
      case 'PUT':
        if (query.has('versioning')) return putBucketVersioning(request, this.#store, name);
        return createBucket(request, this.#store, name);
      case 'HEAD':
        return headBucket(this.#store, name, this.#region);
      case 'GET':
        if (query.has('versioning')) return getBucketVersioning(this.#store, name);
        if (query.has('location')) return getBucketLocation(this.#store, name, this.#region);
        if (query.get('list-type') === '2') return listObjectsV2(request, this.#store, this.#store.bucket(name));
        return listObjectsV1(request, this.#store, this.#store.bucket(name));
      case 'DELETE':
        return deleteBucket(this.#store, name);
      case 'POST':
        if (query.has('delete')) return deleteObjects(request, this.#store, this.#store.bucket(name));
        throw methodNotAllowed(method);
      default:
        throw methodNotAllowed(method);
    }
  }
}

/** `uploads` on an object POST starts a multipart upload, the one listed subresource the emulator routes. */
function isRoutedSubresource(request: S3Request, name: string): boolean {
  return name === 'uploads' && request.method === 'POST' && request.key !== undefined;
}

function parseRequest(raw: IncomingMessage, requestId: string): S3Request {
  const target = raw.url ?? '/';
  const queryStart = target.indexOf('?');
  const path = queryStart === -1 ? target : target.slice(0, queryStart);
  const query = new URLSearchParams(queryStart === -1 ? '' : target.slice(queryStart + 1));
  const slash = path.indexOf('/', 1);
  const rawBucket = slash === -1 ? path.slice(1) : path.slice(1, slash);
  const rawKey = slash === -1 ? '' : path.slice(slash + 1);
  let bucket: string;
  let key: string;
  try {
    bucket = decodeURIComponent(rawBucket);
    key = decodeURIComponent(rawKey);
  } catch {
    throw new S3Error('InvalidURI', `Couldn't parse the specified URI: ${path}`);
  }
  return {
    method: raw.method ?? 'GET',
    bucket: bucket === '' ? undefined : bucket,
    key: key === '' ? undefined : key,
    query,
    raw,
    requestId,
  };
}

function notImplemented(what: string): S3Error {
  return new S3Error('NotImplemented', `The local S3 emulator does not implement ${what}.`);
}

function methodNotAllowed(method: string): S3Error {
  return new S3Error('MethodNotAllowed', 'The specified method is not allowed against this resource.', {
    Method: method,
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
