import { checksumHeader } from './checksums.ts';
import { S3Error } from './errors.ts';
import { header, type S3Reply, type S3Request } from './exchange.ts';
import { type Bucket, type ObjectVersion, versionHeader } from './store.ts';

const RESPONSE_OVERRIDES = {
  'response-content-type': 'content-type',
  'response-content-language': 'content-language',
  'response-expires': 'expires',
  'response-cache-control': 'cache-control',
  'response-content-disposition': 'content-disposition',
  'response-content-encoding': 'content-encoding',
} as const;

/** GetObject and HeadObject: conditional requests, a single byte range, checksum headers on request. */
export function readObject(request: S3Request, bucket: Bucket, object: ObjectVersion): S3Reply {
  const notModified = checkConditions(request, object);
  const headers = objectHeaders(request, bucket, object);
  if (notModified) return { status: 304, headers: { etag: object.etag, 'last-modified': headers['last-modified']! } };
  const range = parseRange(header(request, 'range'), object.body.length, object.key);
  if (range) {
    const [start, end] = range;
    return {
      status: 206,
      headers: {
        ...headers,
        'content-range': `bytes ${start}-${end}/${object.body.length}`,
        'content-length': end - start + 1,
      },
      body: request.method === 'HEAD' ? undefined : object.body.subarray(start, end + 1),
    };
  }
  if (header(request, 'x-amz-checksum-mode') === 'ENABLED' && object.checksum) {
    headers[checksumHeader(object.checksum.algorithm)] = object.checksum.value;
    headers['x-amz-checksum-type'] = object.checksum.type;
  }
  return { status: 200, headers, body: request.method === 'HEAD' ? undefined : object.body };
}

function objectHeaders(request: S3Request, bucket: Bucket, object: ObjectVersion): Record<string, string | number> {
  const headers: Record<string, string | number> = {
    'content-type': object.contentType,
    'content-length': object.body.length,
    etag: object.etag,
    'last-modified': object.lastModified.toUTCString(),
    'accept-ranges': 'bytes',
    ...object.contentHeaders,
    ...versionHeader(bucket, object.versionId),
  };
  if (object.partsCount !== undefined) headers['x-amz-mp-parts-count'] = object.partsCount;
  for (const [name, value] of Object.entries(object.metadata)) headers[`x-amz-meta-${name}`] = value;
  for (const [parameter, name] of Object.entries(RESPONSE_OVERRIDES)) {
    const value = request.query.get(parameter);
    if (value !== null) headers[name] = value;
  }
  return headers;
}

/**
 * RFC 7232 preconditions in S3's order. Returns true for 304 Not Modified, throws PreconditionFailed (412).
 */
function checkConditions(request: S3Request, object: ObjectVersion): boolean {
  const ifMatch = header(request, 'if-match');
  const ifNoneMatch = header(request, 'if-none-match');
  const ifModifiedSince = httpDate(header(request, 'if-modified-since'));
  const ifUnmodifiedSince = httpDate(header(request, 'if-unmodified-since'));
  const time = object.lastModified.getTime();
  if (ifMatch !== undefined && !etagMatches(ifMatch, object.etag)) throw preconditionFailed('If-Match');
  if (ifMatch === undefined && ifUnmodifiedSince !== undefined && time > ifUnmodifiedSince) {
    throw preconditionFailed('If-Unmodified-Since');
  }
  if (ifNoneMatch !== undefined) return etagMatches(ifNoneMatch, object.etag);
  return ifModifiedSince !== undefined && time <= ifModifiedSince;
}

export function etagMatches(condition: string, etag: string): boolean {
  return condition
    .split(',')
    .map((candidate) => candidate.trim().replace(/^W\//, ''))
    .some((candidate) => candidate === '*' || candidate === etag || `"${candidate}"` === etag);
}

export function preconditionFailed(condition: string): S3Error {
  return new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', {
    Condition: condition,
  });
}

function httpDate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/**
 * One `bytes=` range as [start, end] inclusive, or undefined to send the whole object (no header, or a form S3
 * ignores such as several ranges). An unsatisfiable range is InvalidRange (416).
 */
function parseRange(value: string | undefined, size: number, key: string): [number, number] | undefined {
  const match = value === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(value.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const [, first, last] = match;
  let start: number;
  let end: number;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) throw invalidRange(size, key);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(first);
    end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
    if (last !== '' && Number(last) < start) return undefined;
  }
  if (start >= size) throw invalidRange(size, key);
  return [start, end];
}

function invalidRange(size: number, key: string): S3Error {
  return new S3Error('InvalidRange', 'The requested range is not satisfiable', {
    RangeRequested: 'bytes',
    ActualObjectSize: String(size),
    Key: key,
  });
}
