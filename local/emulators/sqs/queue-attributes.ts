import { invalidParameter, SqsError } from './errors.ts';

/** The queue settings the emulator acts on (times in seconds, as SQS states them). */
export interface QueueSettings {
  delaySeconds: number;
  maximumMessageSize: number;
  messageRetentionPeriod: number;
  receiveMessageWaitTimeSeconds: number;
  visibilityTimeout: number;
  redrivePolicy: RedrivePolicy | undefined;
  /** Attributes SQS stores and reports but the emulator has no behaviour for (encryption, policies). */
  passthrough: Record<string, string>;
}

export interface RedrivePolicy {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

export const defaultQueueSettings = (): QueueSettings => ({
  delaySeconds: 0,
  maximumMessageSize: 1_048_576,
  messageRetentionPeriod: 345_600,
  receiveMessageWaitTimeSeconds: 0,
  visibilityTimeout: 30,
  redrivePolicy: undefined,
  passthrough: {},
});

const integerRanges = {
  DelaySeconds: ['delaySeconds', 0, 900],
  MaximumMessageSize: ['maximumMessageSize', 1024, 1_048_576],
  MessageRetentionPeriod: ['messageRetentionPeriod', 60, 1_209_600],
  ReceiveMessageWaitTimeSeconds: ['receiveMessageWaitTimeSeconds', 0, 20],
  VisibilityTimeout: ['visibilityTimeout', 0, 43_200],
} as const;

const PASSTHROUGH = new Set([
  'Policy',
  'RedriveAllowPolicy',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
]);

const FIFO_ONLY = new Set(['FifoQueue', 'ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit']);

/**
 * Applies CreateQueue/SetQueueAttributes attributes onto settings, validating each as SQS does.
 * `deadLetterQueueExists` lets the caller check the redrive target, which SQS requires to exist.
 */
export function applyQueueAttributes(
  settings: QueueSettings,
  attributes: Record<string, unknown>,
  deadLetterQueueExists: (arn: string) => boolean,
): QueueSettings {
  const next: QueueSettings = { ...settings, passthrough: { ...settings.passthrough } };
  for (const [name, raw] of Object.entries(attributes)) {
    if (typeof raw !== 'string') throw invalidAttributeValue(name, raw, 'attribute values must be strings');
    if (name in integerRanges) {
      const [field, min, max] = integerRanges[name as keyof typeof integerRanges];
      next[field] = parseIntegerInRange(name, raw, min, max);
    } else if (name === 'RedrivePolicy') {
      next.redrivePolicy = raw === '' ? undefined : parseRedrivePolicy(raw, deadLetterQueueExists);
    } else if (PASSTHROUGH.has(name)) {
      next.passthrough[name] = raw;
    } else if (FIFO_ONLY.has(name)) {
      if (name === 'FifoQueue' && raw === 'false') continue;
      throw new SqsError(
        'InvalidAttributeName',
        `Attribute ${name} is for FIFO queues, which the local SQS emulator does not support; use a standard queue.`,
      );
    } else {
      throw new SqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
    }
  }
  return next;
}

function parseIntegerInRange(name: string, raw: string, min: number, max: number): number {
  const value = /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalidAttributeValue(name, raw, `must be an integer between ${min} and ${max}`);
  }
  return value;
}

function parseRedrivePolicy(raw: string, deadLetterQueueExists: (arn: string) => boolean): RedrivePolicy {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalidAttributeValue('RedrivePolicy', raw, 'Redrive policy is not a valid JSON map.');
  }
  const { deadLetterTargetArn, maxReceiveCount } = (parsed ?? {}) as Record<string, unknown>;
  if (typeof deadLetterTargetArn !== 'string' || !deadLetterTargetArn.startsWith('arn:')) {
    throw invalidAttributeValue('RedrivePolicy', raw, 'deadLetterTargetArn must be a queue ARN.');
  }
  const count = typeof maxReceiveCount === 'string' ? Number(maxReceiveCount) : maxReceiveCount;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 1000) {
    throw invalidAttributeValue('RedrivePolicy', raw, 'maxReceiveCount must be an integer between 1 and 1000.');
  }
  if (!deadLetterQueueExists(deadLetterTargetArn)) {
    throw invalidAttributeValue('RedrivePolicy', raw, 'Dead letter target does not exist.');
  }
  return { deadLetterTargetArn, maxReceiveCount: count };
}

function invalidAttributeValue(name: string, raw: unknown, reason: string): SqsError {
  const error = invalidParameter(name, raw, reason);
  return new SqsError('InvalidAttributeValue', error.message);
}

/** Settings as SQS reports them in GetQueueAttributes (strings only). */
export function settingsAsAttributes(settings: QueueSettings): Record<string, string> {
  const attributes: Record<string, string> = {
    DelaySeconds: String(settings.delaySeconds),
    MaximumMessageSize: String(settings.maximumMessageSize),
    MessageRetentionPeriod: String(settings.messageRetentionPeriod),
    ReceiveMessageWaitTimeSeconds: String(settings.receiveMessageWaitTimeSeconds),
    VisibilityTimeout: String(settings.visibilityTimeout),
    SqsManagedSseEnabled: 'false',
    ...settings.passthrough,
  };
  if (settings.redrivePolicy) attributes.RedrivePolicy = JSON.stringify(settings.redrivePolicy);
  return attributes;
}
