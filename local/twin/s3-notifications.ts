/**
 * Bucket notifications as the template declares them (CDK's Custom::S3BucketNotifications): each created object is
 * matched against every configuration's events and key filters, then sent to its queue, or invoked asynchronously
 * on its function with Lambda's retry policy.
 */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

export interface KeyFilter {
  prefix?: string;
  suffix?: string;
}

export interface NotificationTarget {
  events: string[];
  filter: KeyFilter;
  destination: { kind: 'queue'; queueUrl: string } | { kind: 'function'; invokeAsync: (event: unknown) => void };
}

export interface S3NotificationRecord {
  eventName: string;
  s3: { bucket: { name: string }; object: { key: string } };
}

/** `s3:ObjectCreated:*` matches every ObjectCreated event; otherwise names must be equal. */
export function eventMatches(configured: string, eventName: string): boolean {
  const actual = `s3:${eventName}`;
  if (configured.endsWith(':*')) return actual.startsWith(configured.slice(0, -1));
  return configured === actual;
}

/** Filters apply to the decoded key, as S3 evaluates them. */
export function keyMatches(filter: KeyFilter, encodedKey: string): boolean {
  const key = decodeURIComponent(encodedKey.replace(/\+/g, ' '));
  return (!filter.prefix || key.startsWith(filter.prefix)) && (!filter.suffix || key.endsWith(filter.suffix));
}

export class BucketNotifications {
  /** Deliveries started and not finished: part of the drain check. */
  inFlight = 0;

  constructor(
    private readonly targetsByBucket: Map<string, NotificationTarget[]>,
    private readonly sqs: SQSClient,
    private readonly onError: (error: unknown) => void,
  ) {}

  deliver(record: S3NotificationRecord): void {
    const targets = this.targetsByBucket.get(record.s3.bucket.name) ?? [];
    for (const target of targets) {
      if (!target.events.some((e) => eventMatches(e, record.eventName))) continue;
      if (!keyMatches(target.filter, record.s3.object.key)) continue;
      const event = { Records: [record] };
      if (target.destination.kind === 'function') {
        target.destination.invokeAsync(event);
        continue;
      }
      this.inFlight += 1;
      this.sqs
        .send(new SendMessageCommand({ QueueUrl: target.destination.queueUrl, MessageBody: JSON.stringify(event) }))
        .catch(this.onError)
        .finally(() => {
          this.inFlight -= 1;
        });
    }
  }
}
