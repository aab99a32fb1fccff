import { S3Error } from './errors.ts';
import type { S3Reply, S3Request } from './exchange.ts';
import type { Bucket, ObjectStore, ObjectVersion } from './store.ts';
import { element, xmlDocument } from './xml.ts';

interface ListingPage {
  objects: ObjectVersion[];
  commonPrefixes: string[];
  truncated: boolean;
  /** The last key or common prefix returned, where the next page resumes. */
  last: string | undefined;
}

/**
 * Lists current objects after `after` (exclusive; a common prefix resumes past every key under it), grouping
 * keys that contain the delimiter after the prefix into CommonPrefixes. Keys and prefixes both count toward
 * max-keys, as on S3.
 */
function listPage(
  objects: ObjectVersion[],
  options: { prefix: string; delimiter: string; maxKeys: number; after: string; afterIsPrefix: boolean },
): ListingPage {
  const page: ListingPage = { objects: [], commonPrefixes: [], truncated: false, last: undefined };
  const after = Buffer.from(options.after);
  for (const object of objects) {
    if (!object.key.startsWith(options.prefix)) continue;
    if (options.after !== '' && Buffer.compare(Buffer.from(object.key), after) <= 0) continue;
    if (options.afterIsPrefix && object.key.startsWith(options.after)) continue;
    const delimiterAt = options.delimiter === '' ? -1 : object.key.indexOf(options.delimiter, options.prefix.length);
    const commonPrefix = delimiterAt === -1 ? undefined : object.key.slice(0, delimiterAt + options.delimiter.length);
    if (commonPrefix !== undefined && commonPrefix === page.commonPrefixes.at(-1)) continue;
    if (page.objects.length + page.commonPrefixes.length >= options.maxKeys) {
      page.truncated = true;
      break;
    }
    if (commonPrefix !== undefined) {
      page.commonPrefixes.push(commonPrefix);
      page.last = commonPrefix;
    } else {
      page.objects.push(object);
      page.last = object.key;
    }
  }
  return page;
}

function maxKeysOf(request: S3Request): number {
  const raw = request.query.get('max-keys');
  if (raw === null) return 1000;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(value)) {
    throw new S3Error('InvalidArgument', 'Provided max-keys not an integer or within integer range', {
      ArgumentName: 'max-keys',
      ArgumentValue: raw,
    });
  }
  return Math.min(value, 1000);
}

function encoder(request: S3Request): (value: string) => string {
  const encodingType = request.query.get('encoding-type');
  if (encodingType === null) return (value) => value;
  if (encodingType !== 'url') {
    throw new S3Error('InvalidArgument', 'Invalid Encoding Method specified in Request', {
      ArgumentName: 'encoding-type',
      ArgumentValue: encodingType,
    });
  }
  return (value) => encodeURIComponent(value).replace(/%2F/g, '/');
}

function contentsXml(objects: ObjectVersion[], encode: (value: string) => string): string {
  return objects
    .map(
      (object) =>
        `<Contents>${element('Key', encode(object.key))}${element('LastModified', object.lastModified.toISOString())}${element(
          'ETag',
          object.etag,
        )}${object.checksum ? element('ChecksumAlgorithm', object.checksum.algorithm) + element('ChecksumType', object.checksum.type) : ''}${element(
          'Size',
          object.body.length,
        )}${element('StorageClass', 'STANDARD')}</Contents>`,
    )
    .join('');
}

function commonPrefixesXml(prefixes: string[], encode: (value: string) => string): string {
  return prefixes.map((prefix) => `<CommonPrefixes>${element('Prefix', encode(prefix))}</CommonPrefixes>`).join('');
}

interface ContinuationToken {
  after: string;
  afterIsPrefix: boolean;
}

function decodeToken(token: string): ContinuationToken {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as ContinuationToken;
    if (typeof parsed.after === 'string' && typeof parsed.afterIsPrefix === 'boolean') return parsed;
  } catch {
    // Falls through to the error S3 gives for a token it did not issue.
  }
  throw new S3Error('InvalidArgument', 'The continuation token provided is incorrect', {
    ArgumentName: 'continuation-token',
  });
}

function encodeToken(token: ContinuationToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

export function listObjectsV2(request: S3Request, store: ObjectStore, bucket: Bucket): S3Reply {
  const prefix = request.query.get('prefix') ?? '';
  const delimiter = request.query.get('delimiter') ?? '';
  const startAfter = request.query.get('start-after') ?? '';
  const continuationToken = request.query.get('continuation-token');
  const maxKeys = maxKeysOf(request);
  const encode = encoder(request);
  const resume =
    continuationToken === null ? { after: startAfter, afterIsPrefix: false } : decodeToken(continuationToken);
  const page = listPage(store.currentObjects(bucket), { prefix, delimiter, maxKeys, ...resume });
  const next =
    page.truncated && page.last !== undefined
      ? encodeToken({ after: page.last, afterIsPrefix: page.commonPrefixes.at(-1) === page.last })
      : undefined;
  const body =
    element('Name', bucket.name) +
    element('Prefix', encode(prefix)) +
    (delimiter === '' ? '' : element('Delimiter', encode(delimiter))) +
    element('MaxKeys', maxKeys) +
    element('KeyCount', page.objects.length + page.commonPrefixes.length) +
    element('IsTruncated', page.truncated) +
    (continuationToken === null ? '' : element('ContinuationToken', continuationToken)) +
    element('NextContinuationToken', next) +
    (startAfter === '' ? '' : element('StartAfter', encode(startAfter))) +
    (request.query.has('encoding-type') ? element('EncodingType', 'url') : '') +
    contentsXml(page.objects, encode) +
    commonPrefixesXml(page.commonPrefixes, encode);
  return { status: 200, headers: { 'content-type': 'application/xml' }, body: xmlDocument('ListBucketResult', body) };
}

/** ListObjects (version 1): marker instead of tokens; NextMarker only when a delimiter is given, as on S3. */
export function listObjectsV1(request: S3Request, store: ObjectStore, bucket: Bucket): S3Reply {
  const prefix = request.query.get('prefix') ?? '';
  const delimiter = request.query.get('delimiter') ?? '';
  const marker = request.query.get('marker') ?? '';
  const maxKeys = maxKeysOf(request);
  const encode = encoder(request);
  const page = listPage(store.currentObjects(bucket), {
    prefix,
    delimiter,
    maxKeys,
    after: marker,
    afterIsPrefix: delimiter !== '' && marker.endsWith(delimiter),
  });
  const body =
    element('Name', bucket.name) +
    element('Prefix', encode(prefix)) +
    element('Marker', encode(marker)) +
    (delimiter === '' ? '' : element('Delimiter', encode(delimiter))) +
    element('MaxKeys', maxKeys) +
    element('IsTruncated', page.truncated) +
    (page.truncated && delimiter !== '' && page.last !== undefined ? element('NextMarker', encode(page.last)) : '') +
    (request.query.has('encoding-type') ? element('EncodingType', 'url') : '') +
    contentsXml(page.objects, encode) +
    commonPrefixesXml(page.commonPrefixes, encode);
  return { status: 200, headers: { 'content-type': 'application/xml' }, body: xmlDocument('ListBucketResult', body) };
}
