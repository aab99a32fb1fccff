import { createHash } from 'node:crypto';
import { type ChecksumAlgorithm, checksumBase64, checksumHeader, isChecksumAlgorithm } from './checksums.ts';
import { S3Error } from './errors.ts';
import {
  contentHeaders,
  contentType,
  header,
  type S3Reply,
  type S3Request,
  userMetadata,
  xmlReply,
} from './exchange.ts';
import { etagMatches, preconditionFailed } from './object-read.ts';
import { readVerifiedBody } from './request-body.ts';
import { type Bucket, type ObjectStore, type StoredChecksum, versionHeader } from './store.ts';
import { element, hasRoot, innerElements, textOf, xmlDocument } from './xml.ts';

/** S3 gives every new object a CRC64NVME checksum when the client sends none. */
const DEFAULT_CHECKSUM: ChecksumAlgorithm = 'CRC64NVME';
const MAX_DELETE_OBJECTS = 1000;

export function md5Etag(data: Buffer): string {
  return `"${createHash('md5').update(data).digest('hex')}"`;
}

export function fullObjectChecksum(algorithm: ChecksumAlgorithm, data: Buffer): StoredChecksum {
  return { algorithm, value: checksumBase64(algorithm, data), type: 'FULL_OBJECT' };
}

export function checksumResponseHeaders(checksum: StoredChecksum | undefined): Record<string, string> {
  if (!checksum) return {};
  return { [checksumHeader(checksum.algorithm)]: checksum.value, 'x-amz-checksum-type': checksum.type };
}

/** Conditional writes: `If-None-Match: *` (create only) and `If-Match: <etag>` (replace that version only). */
function checkWriteConditions(request: S3Request, store: ObjectStore, bucket: Bucket, key: string): void {
  const ifNoneMatch = header(request, 'if-none-match');
  const ifMatch = header(request, 'if-match');
  if (ifNoneMatch === undefined && ifMatch === undefined) return;
  let current: ReturnType<ObjectStore['get']> | undefined;
  try {
    current = store.get(bucket, key);
  } catch {
    current = undefined;
  }
  if (ifNoneMatch !== undefined && current) throw preconditionFailed('If-None-Match');
  if (ifMatch !== undefined) {
    if (!current) throw new S3Error('NoSuchKey', 'The specified key does not exist.', { Key: key });
    if (!etagMatches(ifMatch, current.etag)) throw preconditionFailed('If-Match');
  }
}

export async function putObject(request: S3Request, store: ObjectStore, bucket: Bucket, key: string): Promise<S3Reply> {
  const body = await readVerifiedBody(request.raw);
  checkWriteConditions(request, store, bucket, key);
  const checksum = body.checksum
    ? { ...body.checksum, type: 'FULL_OBJECT' as const }
    : fullObjectChecksum(DEFAULT_CHECKSUM, body.data);
  const version = store.put(bucket, key, {
    body: body.data,
    etag: md5Etag(body.data),
    contentType: contentType(request),
    metadata: userMetadata(request),
    contentHeaders: contentHeaders(request, body.contentEncoding),
    checksum,
    partsCount: undefined,
  });
  return {
    status: 200,
    headers: { etag: version.etag, ...versionHeader(bucket, version.versionId), ...checksumResponseHeaders(checksum) },
    created: {
      eventName: 'ObjectCreated:Put',
      bucket: bucket.name,
      key,
      size: version.body.length,
      etag: version.etag,
      versionId: bucket.versioning === undefined ? undefined : version.versionId,
    },
  };
}

export async function copyObject(
  request: S3Request,
  store: ObjectStore,
  bucket: Bucket,
  key: string,
): Promise<S3Reply> {
  const source = parseCopySource(header(request, 'x-amz-copy-source')!);
  const sourceBucket = store.bucket(source.bucket);
  const original = store.get(sourceBucket, source.key, source.versionId);
  const sourceIfMatch = header(request, 'x-amz-copy-source-if-match');
  if (sourceIfMatch !== undefined && !etagMatches(sourceIfMatch, original.etag)) {
    throw preconditionFailed('x-amz-copy-source-If-Match');
  }
  const sourceIfNoneMatch = header(request, 'x-amz-copy-source-if-none-match');
  if (sourceIfNoneMatch !== undefined && etagMatches(sourceIfNoneMatch, original.etag)) {
    throw preconditionFailed('x-amz-copy-source-If-None-Match');
  }
  const directive = header(request, 'x-amz-metadata-directive') ?? 'COPY';
  if (directive !== 'COPY' && directive !== 'REPLACE') {
    throw new S3Error('InvalidArgument', `Unknown metadata directive ${directive}; expected COPY or REPLACE.`);
  }
  const requestedAlgorithm = header(request, 'x-amz-checksum-algorithm')?.toUpperCase();
  if (source.bucket === bucket.name && source.key === key && directive === 'COPY' && !requestedAlgorithm) {
    throw new S3Error(
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  checkWriteConditions(request, store, bucket, key);
  let checksum = original.checksum;
  if (requestedAlgorithm !== undefined) {
    if (!isChecksumAlgorithm(requestedAlgorithm)) {
      throw new S3Error(
        'InvalidRequest',
        `Value for x-amz-checksum-algorithm header is invalid: ${requestedAlgorithm}.`,
      );
    }
    checksum = fullObjectChecksum(requestedAlgorithm, original.body);
  } else if (checksum?.type === 'COMPOSITE') {
    checksum = fullObjectChecksum(DEFAULT_CHECKSUM, original.body);
  }
  const replace = directive === 'REPLACE';
  const copy = store.put(bucket, key, {
    body: original.body,
    etag: md5Etag(original.body),
    contentType: replace ? contentType(request) : original.contentType,
    metadata: replace ? userMetadata(request) : { ...original.metadata },
    contentHeaders: replace
      ? contentHeaders(request, header(request, 'content-encoding'))
      : { ...original.contentHeaders },
    checksum,
    partsCount: undefined,
  });
  const checksumElement = checksum ? element(`Checksum${checksum.algorithm}`, checksum.value) : '';
  const headers: Record<string, string> = { ...versionHeader(bucket, copy.versionId) };
  if (sourceBucket.versioning !== undefined) headers['x-amz-copy-source-version-id'] = original.versionId;
  return {
    ...xmlReply(
      xmlDocument(
        'CopyObjectResult',
        element('ETag', copy.etag) + element('LastModified', copy.lastModified.toISOString()) + checksumElement,
      ),
      headers,
    ),
    created: {
      eventName: 'ObjectCreated:Copy',
      bucket: bucket.name,
      key,
      size: copy.body.length,
      etag: copy.etag,
      versionId: bucket.versioning === undefined ? undefined : copy.versionId,
    },
  };
}

/** `x-amz-copy-source`: `[/]bucket/url-encoded-key[?versionId=..]`. */
function parseCopySource(value: string): { bucket: string; key: string; versionId: string | undefined } {
  const [path = '', query = ''] = value.split('?', 2);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path).replace(/^\//, '');
  } catch {
    throw new S3Error('InvalidArgument', `Invalid copy source encoding: ${value}`);
  }
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1) {
    throw new S3Error('InvalidArgument', `Invalid copy source object key: ${value}`);
  }
  const versionId = new URLSearchParams(query).get('versionId') ?? undefined;
  return { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1), versionId };
}

export function deleteObject(request: S3Request, store: ObjectStore, bucket: Bucket, key: string): S3Reply {
  const result = store.delete(bucket, key, request.query.get('versionId') ?? undefined);
  const headers: Record<string, string> = {};
  if (result.deleteMarker) headers['x-amz-delete-marker'] = 'true';
  if (result.versionId !== undefined) headers['x-amz-version-id'] = result.versionId;
  return { status: 204, headers };
}

export async function deleteObjects(request: S3Request, store: ObjectStore, bucket: Bucket): Promise<S3Reply> {
  const body = await readVerifiedBody(request.raw);
  if (header(request, 'content-md5') === undefined && body.checksum === undefined) {
    throw new S3Error('InvalidRequest', 'Missing required header for this request: Content-MD5 or x-amz-checksum-*');
  }
  const xml = body.data.toString('utf8');
  if (!hasRoot(xml, 'Delete')) throw malformedXml();
  const objects = innerElements(xml, 'Object');
  if (objects.length === 0 || objects.length > MAX_DELETE_OBJECTS) throw malformedXml();
  const quiet = textOf(xml, 'Quiet') === 'true';
  let results = '';
  for (const object of objects) {
    const key = textOf(object, 'Key');
    if (key === undefined || key === '') throw malformedXml();
    const versionId = textOf(object, 'VersionId');
    const result = store.delete(bucket, key, versionId);
    if (quiet) continue;
    const markerVersion = result.deleteMarker && versionId === undefined ? result.versionId : undefined;
    results += `<Deleted>${element('Key', key)}${element('VersionId', versionId)}${
      result.deleteMarker ? element('DeleteMarker', true) : ''
    }${element('DeleteMarkerVersionId', markerVersion)}</Deleted>`;
  }
  return xmlReply(xmlDocument('DeleteResult', results));
}

export function malformedXml(): S3Error {
  return new S3Error(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
  );
}
