import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { BodyTooLargeError, readBody } from '../http-host.ts';
import { AwsChunkedFormatError, decodeAwsChunked } from './aws-chunked.ts';
import {
  CHECKSUM_ALGORITHMS,
  type ChecksumAlgorithm,
  checksumBase64,
  checksumBytes,
  checksumHeader,
} from './checksums.ts';
import { S3Error } from './errors.ts';

/** Objects are held in memory; this bounds one request body (parts of a multipart upload count separately). */
const MAX_BODY_BYTES = 512 * 1024 * 1024;

export interface VerifiedBody {
  data: Buffer;
  /** The flexible checksum the client sent (header or aws-chunked trailer), already verified. */
  checksum: { algorithm: ChecksumAlgorithm; value: string } | undefined;
  /** Content-Encoding without the transport-only `aws-chunked`, or undefined when nothing remains. */
  contentEncoding: string | undefined;
}

/**
 * Reads an upload body the way S3 does: decodes aws-chunked, checks the decoded length, and verifies
 * Content-MD5 and the x-amz-checksum-* value (header or trailer) against the bytes received.
 */
export async function readVerifiedBody(request: IncomingMessage): Promise<VerifiedBody> {
  const raw = await readRaw(request);
  const headers = request.headers;
  const encodings = (headers['content-encoding'] ?? '')
    .split(',')
    .map((encoding) => encoding.trim())
    .filter(Boolean);
  const chunked = encodings.includes('aws-chunked');
  const contentEncoding = encodings.filter((encoding) => encoding !== 'aws-chunked').join(',') || undefined;
  if (!chunked) {
    verifyContentMd5(headers, raw);
    return { data: raw, checksum: verifyChecksum(headers, {}, raw), contentEncoding };
  }
  let decoded: ReturnType<typeof decodeAwsChunked>;
  try {
    decoded = decodeAwsChunked(raw);
  } catch (error) {
    if (error instanceof AwsChunkedFormatError) throw new S3Error('IncompleteBody', error.message);
    throw error;
  }
  const declaredLength = headers['x-amz-decoded-content-length'];
  if (declaredLength !== undefined && Number(declaredLength) !== decoded.data.length) {
    throw new S3Error(
      'IncompleteBody',
      `You did not provide the number of bytes specified by the x-amz-decoded-content-length header (declared ${declaredLength}, received ${decoded.data.length}).`,
    );
  }
  verifyContentMd5(headers, decoded.data);
  return { data: decoded.data, checksum: verifyChecksum(headers, decoded.trailers, decoded.data), contentEncoding };
}

async function readRaw(request: IncomingMessage): Promise<Buffer> {
  try {
    return await readBody(request, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      throw new S3Error('EntityTooLarge', `Your proposed upload exceeds the local emulator's ${MAX_BODY_BYTES} bytes.`);
    }
    throw error;
  }
}

function verifyContentMd5(headers: IncomingHttpHeaders, data: Buffer): void {
  const claimed = headerValue(headers, 'content-md5');
  if (claimed === undefined) return;
  const claimedBytes = Buffer.from(claimed, 'base64');
  if (claimedBytes.length !== 16 || claimedBytes.toString('base64') !== claimed.trim()) {
    throw new S3Error('InvalidDigest', 'The Content-MD5 you specified was invalid.', { 'Content-MD5': claimed });
  }
  if (!claimedBytes.equals(createHash('md5').update(data).digest())) {
    throw new S3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.', {
      ExpectedDigest: claimed,
    });
  }
}

function verifyChecksum(
  headers: IncomingHttpHeaders,
  trailers: Record<string, string>,
  data: Buffer,
): VerifiedBody['checksum'] {
  const supplied = CHECKSUM_ALGORITHMS.flatMap((algorithm) => {
    const name = checksumHeader(algorithm);
    const value = trailers[name] ?? headerValue(headers, name);
    return value === undefined ? [] : [{ algorithm, value }];
  });
  if (supplied.length > 1) {
    throw new S3Error(
      'InvalidRequest',
      'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.',
    );
  }
  const declared = headerValue(headers, 'x-amz-sdk-checksum-algorithm')?.toUpperCase();
  const checksum = supplied[0];
  if (!checksum) {
    const trailer = headerValue(headers, 'x-amz-trailer');
    if (trailer) throw new S3Error('IncompleteBody', `The request declared trailer ${trailer} but did not send it.`);
    return undefined;
  }
  if (declared !== undefined && declared !== checksum.algorithm) {
    throw new S3Error(
      'InvalidRequest',
      `Value for x-amz-sdk-checksum-algorithm header is invalid: ${declared} does not match the ${checksum.algorithm} checksum sent.`,
    );
  }
  const expectedLength = checksumBytes(checksum.algorithm, Buffer.alloc(0)).length;
  if (Buffer.from(checksum.value, 'base64').length !== expectedLength) {
    throw new S3Error('InvalidRequest', `Value for ${checksumHeader(checksum.algorithm)} header is invalid.`);
  }
  if (checksumBase64(checksum.algorithm, data) !== checksum.value) {
    throw new S3Error('BadDigest', `The ${checksum.algorithm} you specified did not match the calculated checksum.`);
  }
  return checksum;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
