/**
 * The S3 event notification as it arrives in an SQS message body, validated at the edge. S3 also sends a one-off
 * `s3:TestEvent` when notifications are configured; it carries no records and is acknowledged without work.
 */
import { z } from 'zod';
import type { StoredObject } from '#core/intake/document-ledger';

const s3Record = z.object({
  eventName: z.string().startsWith('ObjectCreated:'),
  eventTime: z.string(),
  s3: z.object({
    bucket: z.object({ name: z.string().min(1) }),
    object: z.object({
      key: z.string().min(1),
      size: z.number().int().nonnegative(),
      eTag: z.string().default(''),
      versionId: z.string().optional(),
      sequencer: z.string().optional(),
    }),
  }),
});

const notification = z.union([
  z.object({ Records: z.array(s3Record).min(1) }),
  z.object({ Event: z.literal('s3:TestEvent') }).transform(() => ({ Records: [] })),
]);

/** Object keys in notifications are URL-encoded with '+' for spaces. */
function decodeKey(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

export function objectsInNotification(body: string): StoredObject[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new Error('message body is not JSON; expected an S3 event notification');
  }
  const parsed = notification.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`message body is not an S3 ObjectCreated notification: ${where}`);
  }
  return parsed.data.Records.map((record) => ({
    bucket: record.s3.bucket.name,
    key: decodeKey(record.s3.object.key),
    size: record.s3.object.size,
    eTag: record.s3.object.eTag,
    eventTime: record.eventTime,
    ...(record.s3.object.versionId ? { versionId: record.s3.object.versionId } : {}),
  }));
}

/**
 * The notification S3 would send for an object, as an SQS message body: what the reconciler puts back on the intake
 * queue for a document that never finished, so it takes exactly the path a redelivery takes.
 */
export function notificationBody(object: StoredObject): string {
  return JSON.stringify({
    Records: [
      {
        eventName: 'ObjectCreated:Put',
        eventTime: object.eventTime,
        s3: {
          bucket: { name: object.bucket },
          object: {
            key: encodeKey(object.key),
            size: object.size,
            eTag: object.eTag,
            ...(object.versionId ? { versionId: object.versionId } : {}),
          },
        },
      },
    ],
  });
}

/** The inverse of decodeKey: URL-encoded, spaces as '+', slashes kept. */
function encodeKey(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');
}
