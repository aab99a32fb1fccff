import { createHash, randomBytes } from 'node:crypto';
import {
  type ChecksumAlgorithm,
  checksumBase64,
  checksumBytes,
  checksumHeader,
  isChecksumAlgorithm,
} from './checksums.ts';
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
import { checksumResponseHeaders, fullObjectChecksum, malformedXml, md5Etag } from './object-write.ts';
import { readVerifiedBody } from './request-body.ts';
import { type Bucket, type ObjectStore, type StoredChecksum, versionHeader } from './store.ts';
import { element, hasRoot, innerElements, textOf, xmlDocument } from './xml.ts';

const MIN_PART_BYTES = 5 * 1024 * 1024;
const MAX_PART_NUMBER = 10_000;

interface Part {
  number: number;
  data: Buffer;
  etag: string;
  lastModified: Date;
  checksum: string | undefined;
}

interface Upload {
  id: string;
  bucket: string;
  key: string;
  initiated: Date;
  contentType: string;
  metadata: Record<string, string>;
  contentHeaders: Record<string, string>;
  checksumAlgorithm: ChecksumAlgorithm | undefined;
  checksumType: 'COMPOSITE' | 'FULL_OBJECT';
  parts: Map<number, Part>;
}

/** Multipart uploads in progress, with S3's rules for parts, ETags and checksums. */
export class MultipartUploads {
  readonly #uploads = new Map<string, Upload>();

  create(request: S3Request, bucket: Bucket, key: string): S3Reply {
    const requested = header(request, 'x-amz-checksum-algorithm')?.toUpperCase();
    if (requested !== undefined && !isChecksumAlgorithm(requested)) {
      throw new S3Error('InvalidRequest', `Value for x-amz-checksum-algorithm header is invalid: ${requested}.`);
    }
    const requestedType = header(request, 'x-amz-checksum-type')?.toUpperCase();
    if (requestedType !== undefined && requestedType !== 'COMPOSITE' && requestedType !== 'FULL_OBJECT') {
      throw new S3Error('InvalidRequest', `Value for x-amz-checksum-type header is invalid: ${requestedType}.`);
    }
    // CRC64NVME supports only full-object checksums; the other algorithms default to composite.
    const checksumType = requestedType ?? (requested === 'CRC64NVME' ? 'FULL_OBJECT' : 'COMPOSITE');
    const upload: Upload = {
      id: randomBytes(32).toString('base64url'),
      bucket: bucket.name,
      key,
      initiated: new Date(),
      contentType: contentType(request),
      metadata: userMetadata(request),
      contentHeaders: contentHeaders(request, header(request, 'content-encoding')),
      checksumAlgorithm: requested,
      checksumType,
      parts: new Map(),
    };
    this.#uploads.set(upload.id, upload);
    const headers: Record<string, string> = {};
    if (requested) {
      headers['x-amz-checksum-algorithm'] = requested;
      headers['x-amz-checksum-type'] = checksumType;
    }
    return xmlReply(
      xmlDocument(
        'InitiateMultipartUploadResult',
        element('Bucket', bucket.name) + element('Key', key) + element('UploadId', upload.id),
      ),
      headers,
    );
  }

  async uploadPart(request: S3Request, bucket: Bucket, key: string): Promise<S3Reply> {
    const upload = this.#upload(request, bucket, key);
    const number = partNumber(request.query.get('partNumber'));
    const body = await readVerifiedBody(request.raw);
    const algorithm = upload.checksumAlgorithm;
    if (body.checksum && algorithm && body.checksum.algorithm !== algorithm) {
      throw new S3Error(
        'InvalidRequest',
        `Checksum Type mismatch occurred, expected checksum Type: ${algorithm.toLowerCase()}, actual checksum Type: ${body.checksum.algorithm.toLowerCase()}`,
      );
    }
    const part: Part = {
      number,
      data: body.data,
      etag: md5Etag(body.data),
      lastModified: new Date(),
      checksum: algorithm ? (body.checksum?.value ?? checksumBase64(algorithm, body.data)) : undefined,
    };
    upload.parts.set(number, part);
    const headers: Record<string, string> = { etag: part.etag };
    if (algorithm && part.checksum) headers[checksumHeader(algorithm)] = part.checksum;
    return { status: 200, headers };
  }

  async complete(request: S3Request, store: ObjectStore, bucket: Bucket, key: string): Promise<S3Reply> {
    const upload = this.#upload(request, bucket, key);
    const xml = (await readVerifiedBody(request.raw)).data.toString('utf8');
    if (!hasRoot(xml, 'CompleteMultipartUpload')) throw malformedXml();
    const listed = innerElements(xml, 'Part');
    if (listed.length === 0) {
      throw new S3Error('MalformedXML', 'The XML you provided did not list any part to complete the upload with.');
    }
    const parts = listed.map((partXml, index) => this.#listedPart(upload, partXml, index, listed.length));
    if (parts.some((part, index) => index > 0 && part.number <= parts[index - 1]!.number)) {
      throw new S3Error(
        'InvalidPartOrder',
        'The list of parts was not in ascending order. Parts must be ordered by part number.',
        {
          UploadId: upload.id,
        },
      );
    }
    const body = Buffer.concat(parts.map((part) => part.data));
    const etag = `"${createHash('md5')
      .update(Buffer.concat(parts.map((part) => Buffer.from(part.etag.replaceAll('"', ''), 'hex'))))
      .digest('hex')}-${parts.length}"`;
    const checksum = objectChecksum(upload, parts, body);
    const version = store.put(bucket, key, {
      body,
      etag,
      contentType: upload.contentType,
      metadata: upload.metadata,
      contentHeaders: upload.contentHeaders,
      checksum,
      partsCount: parts.length,
    });
    this.#uploads.delete(upload.id);
    const checksumElements =
      element(`Checksum${checksum.algorithm}`, checksum.value) + element('ChecksumType', checksum.type);
    return {
      ...xmlReply(
        xmlDocument(
          'CompleteMultipartUploadResult',
          element('Location', `/${bucket.name}/${encodeURIComponent(key).replace(/%2F/g, '/')}`) +
            element('Bucket', bucket.name) +
            element('Key', key) +
            element('ETag', etag) +
            checksumElements,
        ),
        { ...versionHeader(bucket, version.versionId), ...checksumResponseHeaders(checksum) },
      ),
      created: {
        eventName: 'ObjectCreated:CompleteMultipartUpload',
        bucket: bucket.name,
        key,
        size: body.length,
        etag,
        versionId: bucket.versioning === undefined ? undefined : version.versionId,
      },
    };
  }

  abort(request: S3Request, bucket: Bucket, key: string): S3Reply {
    this.#uploads.delete(this.#upload(request, bucket, key).id);
    return { status: 204 };
  }

  listParts(request: S3Request, bucket: Bucket, key: string): S3Reply {
    const upload = this.#upload(request, bucket, key);
    const marker = Number(request.query.get('part-number-marker') ?? 0);
    const maxParts = Math.min(Number(request.query.get('max-parts') ?? 1000), 1000);
    if (!Number.isInteger(marker) || marker < 0 || !Number.isInteger(maxParts) || maxParts < 0) {
      throw new S3Error('InvalidArgument', 'part-number-marker and max-parts must be non-negative integers.');
    }
    const remaining = [...upload.parts.values()]
      .filter((part) => part.number > marker)
      .sort((a, b) => a.number - b.number);
    const page = remaining.slice(0, maxParts);
    const truncated = remaining.length > page.length;
    const partsXml = page
      .map(
        (part) =>
          `<Part>${element('PartNumber', part.number)}${element('LastModified', part.lastModified.toISOString())}${element(
            'ETag',
            part.etag,
          )}${element('Size', part.data.length)}${
            upload.checksumAlgorithm ? element(`Checksum${upload.checksumAlgorithm}`, part.checksum) : ''
          }</Part>`,
      )
      .join('');
    return xmlReply(
      xmlDocument(
        'ListPartsResult',
        element('Bucket', bucket.name) +
          element('Key', key) +
          element('UploadId', upload.id) +
          element('PartNumberMarker', marker) +
          element('NextPartNumberMarker', page.at(-1)?.number ?? marker) +
          element('MaxParts', maxParts) +
          element('IsTruncated', truncated) +
          partsXml +
          element('StorageClass', 'STANDARD') +
          element('ChecksumAlgorithm', upload.checksumAlgorithm) +
          (upload.checksumAlgorithm ? element('ChecksumType', upload.checksumType) : ''),
      ),
    );
  }

  #upload(request: S3Request, bucket: Bucket, key: string): Upload {
    const uploadId = request.query.get('uploadId') ?? '';
    const upload = this.#uploads.get(uploadId);
    if (!upload || upload.bucket !== bucket.name || upload.key !== key) {
      throw new S3Error(
        'NoSuchUpload',
        'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
        { UploadId: uploadId },
      );
    }
    return upload;
  }

  /** Checks one `<Part>` of the completion list against what was uploaded, as S3 does. */
  #listedPart(upload: Upload, partXml: string, index: number, count: number): Part {
    const number = partNumber(textOf(partXml, 'PartNumber') ?? null);
    const part = upload.parts.get(number);
    const etag = textOf(partXml, 'ETag');
    const invalidPart = () =>
      new S3Error(
        'InvalidPart',
        "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
        { UploadId: upload.id, PartNumber: String(number), ETag: etag ?? '' },
      );
    if (!part || etag === undefined || etag.replaceAll('"', '') !== part.etag.replaceAll('"', '')) throw invalidPart();
    if (upload.checksumAlgorithm) {
      const listedChecksum = textOf(partXml, `Checksum${upload.checksumAlgorithm}`);
      if (listedChecksum !== undefined && listedChecksum !== part.checksum) throw invalidPart();
    }
    if (index < count - 1 && part.data.length < MIN_PART_BYTES) {
      throw new S3Error('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.', {
        ProposedSize: String(part.data.length),
        MinSizeAllowed: String(MIN_PART_BYTES),
        PartNumber: String(number),
      });
    }
    return part;
  }
}

function partNumber(raw: string | null): number {
  const value = Number(raw);
  if (raw === null || !Number.isInteger(value) || value < 1 || value > MAX_PART_NUMBER) {
    throw new S3Error('InvalidArgument', `Part number must be an integer between 1 and ${MAX_PART_NUMBER}, inclusive`, {
      ArgumentName: 'partNumber',
      ArgumentValue: String(raw),
    });
  }
  return value;
}

/**
 * The completed object's checksum: composite ones are the checksum of the parts' raw checksums with a `-N`
 * suffix; full-object ones are computed over the whole body (the emulator has it, so no CRC combination is
 * needed). Without an algorithm S3 falls back to its default CRC64NVME.
 */
function objectChecksum(upload: Upload, parts: Part[], body: Buffer): StoredChecksum {
  const algorithm = upload.checksumAlgorithm;
  if (!algorithm) return fullObjectChecksum('CRC64NVME', body);
  if (upload.checksumType === 'FULL_OBJECT') return fullObjectChecksum(algorithm, body);
  const rawChecksums = Buffer.concat(parts.map((part) => Buffer.from(part.checksum ?? '', 'base64')));
  return {
    algorithm,
    value: `${checksumBytes(algorithm, rawChecksums).toString('base64')}-${parts.length}`,
    type: 'COMPOSITE',
  };
}
