import { escapeXml } from './xml.ts';

const statusByCode = {
  AccessDenied: 403,
  BadDigest: 400,
  BucketAlreadyOwnedByYou: 409,
  BucketNotEmpty: 409,
  EntityTooSmall: 400,
  IncompleteBody: 400,
  InvalidArgument: 400,
  InvalidBucketName: 400,
  InvalidDigest: 400,
  InvalidPart: 400,
  InvalidPartOrder: 400,
  InvalidRange: 416,
  InvalidRequest: 400,
  InvalidURI: 400,
  MalformedXML: 400,
  MethodNotAllowed: 405,
  MissingContentLength: 411,
  NoSuchBucket: 404,
  NoSuchKey: 404,
  NoSuchUpload: 404,
  NoSuchVersion: 404,
  NotImplemented: 501,
  PreconditionFailed: 412,
  EntityTooLarge: 400,
  InternalError: 500,
} as const;

export type S3ErrorCode = keyof typeof statusByCode;

/**
 * An S3 error answered as real S3 does: `<Error><Code>..</Code><Message>..</Message>..</Error>` with the code's
 * status, or the status alone for HEAD requests (the SDK then names the error after the status, e.g. NotFound).
 */
export class S3Error extends Error {
  readonly code: S3ErrorCode;
  /** Extra elements real S3 includes, such as Key, BucketName or UploadId. */
  readonly details: Record<string, string>;
  readonly headers: Record<string, string>;

  constructor(
    code: S3ErrorCode,
    message: string,
    details: Record<string, string> = {},
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'S3Error';
    this.code = code;
    this.details = details;
    this.headers = headers;
  }

  get status(): number {
    return statusByCode[this.code];
  }

  toXml(requestId: string): string {
    const details = Object.entries(this.details)
      .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
      .join('');
    return (
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<Error><Code>${this.code}</Code><Message>${escapeXml(this.message)}</Message>${details}` +
      `<RequestId>${requestId}</RequestId><HostId>${requestId}</HostId></Error>`
    );
  }
}

export const noSuchBucket = (bucket: string): S3Error =>
  new S3Error('NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });

export const noSuchKey = (key: string, headers: Record<string, string> = {}): S3Error =>
  new S3Error('NoSuchKey', 'The specified key does not exist.', { Key: key }, headers);
