/** One Record of an S3 event notification, shaped exactly as S3 delivers it to Lambda, SQS or SNS. */
export interface S3EventRecord {
  eventVersion: string;
  eventSource: 'aws:s3';
  awsRegion: string;
  /** ISO-8601 time the event happened. */
  eventTime: string;
  eventName: S3ObjectCreatedEventName;
  userIdentity: { principalId: string };
  requestParameters: { sourceIPAddress: string };
  responseElements: { 'x-amz-request-id': string; 'x-amz-id-2': string };
  s3: {
    s3SchemaVersion: string;
    /** The notification configuration's id; the emulator emits records before any configuration applies. */
    configurationId: string;
    bucket: { name: string; ownerIdentity: { principalId: string }; arn: string };
    object: {
      /** URL-encoded as S3 does it: form encoding (space as '+'), with '/' kept. */
      key: string;
      size: number;
      /** The ETag without quotes. */
      eTag: string;
      versionId?: string;
      /** Hex string that orders events for the same key; compare after left-padding to equal length. */
      sequencer: string;
    };
  };
}

export type S3ObjectCreatedEventName =
  | 'ObjectCreated:Put'
  | 'ObjectCreated:Copy'
  | 'ObjectCreated:CompleteMultipartUpload';

export interface CreatedObject {
  eventName: S3ObjectCreatedEventName;
  region: string;
  bucket: string;
  key: string;
  size: number;
  etag: string;
  versionId: string | undefined;
  sequence: bigint;
  requestId: string;
  sourceIp: string;
}

const LOCAL_PRINCIPAL = 'AWS:LOCALTWIN';

export function objectCreatedRecord(created: CreatedObject): S3EventRecord {
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: created.region,
    eventTime: new Date().toISOString(),
    eventName: created.eventName,
    userIdentity: { principalId: LOCAL_PRINCIPAL },
    requestParameters: { sourceIPAddress: created.sourceIp },
    responseElements: { 'x-amz-request-id': created.requestId, 'x-amz-id-2': created.requestId },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: '',
      bucket: {
        name: created.bucket,
        ownerIdentity: { principalId: LOCAL_PRINCIPAL },
        arn: `arn:aws:s3:::${created.bucket}`,
      },
      object: {
        key: encodeEventKey(created.key),
        size: created.size,
        eTag: created.etag.replaceAll('"', ''),
        ...(created.versionId === undefined ? {} : { versionId: created.versionId }),
        sequencer: created.sequence.toString(16).toUpperCase().padStart(18, '0'),
      },
    },
  };
}

/**
 * Object keys in S3 events use form URL encoding: letters, digits and `.-_*` stay, a space becomes '+', every
 * other byte of the UTF-8 form is %XX; S3 keeps '/' as is. So 'inbox/a b+(1).txt' -> 'inbox/a+b%2B%281%29.txt'.
 */
export function encodeEventKey(key: string): string {
  let encoded = '';
  for (const byte of Buffer.from(key, 'utf8')) {
    const character = String.fromCharCode(byte);
    if (/[A-Za-z0-9.\-_*/]/.test(character)) encoded += character;
    else if (byte === 0x20) encoded += '+';
    else encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}
