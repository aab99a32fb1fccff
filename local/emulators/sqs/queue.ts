import { randomUUID } from 'node:crypto';
import { invalidParameter, SqsError } from './errors.ts';
import { type MessageAttributes, md5Hex, md5OfMessageAttributes } from './message-attributes.ts';
import { defaultQueueSettings, type QueueSettings } from './queue-attributes.ts';

export interface StoredMessage {
  readonly messageId: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly attributes: MessageAttributes;
  readonly md5OfAttributes: string | undefined;
  readonly systemAttributes: MessageAttributes;
  readonly md5OfSystemAttributes: string | undefined;
  readonly sentAt: number;
  /** Set when the message came to this queue by redrive. */
  readonly deadLetterSourceArn: string | undefined;
  /** Epoch ms from which the message can be received (delay, then visibility timeout). */
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt: number | undefined;
  /** The handle of the latest receive; older handles are stale. */
  receiptHandle: string | undefined;
}

export interface NewMessage {
  body: string;
  attributes: MessageAttributes;
  systemAttributes: MessageAttributes;
  delaySeconds: number;
}

export interface QueueCounts {
  visible: number;
  inFlight: number;
  delayed: number;
}

/**
 * Told of every change to a queue's messages, after it is made: how the emulator's persistence keeps a durable copy.
 * Receives and visibility changes report the message's new state, so a restart keeps receive counts (redrive
 * still happens on time) and hides in-flight messages until their visibility timeout ends, as SQS would.
 */
export interface QueueObserver {
  messageSaved(queue: Queue, message: StoredMessage): void;
  /** Receive count, first receive or visibility changed (the body and attributes never change). */
  messageStateChanged(queue: Queue, message: StoredMessage): void;
  messageRemoved(queue: Queue, messageId: string): void;
  purged(queue: Queue): void;
}

/** A move of a message to the dead-letter queue, decided during a receive. */
export type Redrive = (message: StoredMessage, deadLetterTargetArn: string) => boolean;

/**
 * One standard queue: messages in send order, each with the time it becomes visible. Time comes from the
 * injected clock so visibility, delay and retention follow the same notion of "now".
 */
export class Queue {
  readonly name: string;
  readonly arn: string;
  readonly createdAt: number;
  lastModifiedAt: number;
  settings: QueueSettings;
  readonly #messages = new Map<string, StoredMessage>();
  readonly #listeners = new Set<() => void>();
  readonly #clock: () => number;
  readonly #url: () => string;
  readonly #observer: QueueObserver | undefined;

  /** `url` is computed on demand because the emulator's port is known only once it listens. */
  constructor(
    identity: { name: string; arn: string; url: () => string; createdAt?: number },
    clock: () => number,
    observer?: QueueObserver,
  ) {
    this.name = identity.name;
    this.arn = identity.arn;
    this.#url = identity.url;
    this.#clock = clock;
    this.#observer = observer;
    this.createdAt = identity.createdAt ?? clock();
    this.lastModifiedAt = this.createdAt;
    this.settings = defaultQueueSettings();
  }

  /** Puts back messages read from persistence, in their original order and state. */
  restore(messages: StoredMessage[]): void {
    for (const message of messages) this.#messages.set(message.messageId, message);
  }

  /** Every message held, in send order (persistence snapshots). */
  messages(): StoredMessage[] {
    return [...this.#messages.values()];
  }

  get url(): string {
    return this.#url();
  }

  send(message: NewMessage): StoredMessage {
    const now = this.#clock();
    const stored: StoredMessage = {
      messageId: randomUUID(),
      body: message.body,
      md5OfBody: md5Hex(message.body),
      attributes: message.attributes,
      md5OfAttributes: md5OfMessageAttributes(message.attributes),
      systemAttributes: message.systemAttributes,
      md5OfSystemAttributes: md5OfMessageAttributes(message.systemAttributes),
      sentAt: now,
      deadLetterSourceArn: undefined,
      visibleAt: now + message.delaySeconds * 1000,
      receiveCount: 0,
      firstReceivedAt: undefined,
      receiptHandle: undefined,
    };
    this.#messages.set(stored.messageId, stored);
    this.#observer?.messageSaved(this, stored);
    this.#notify();
    return stored;
  }

  /** Accepts a message moved here from another queue's redrive, keeping its id, body and attributes. */
  acceptDeadLetter(message: StoredMessage, sourceArn: string): void {
    const now = this.#clock();
    const moved: StoredMessage = {
      ...message,
      deadLetterSourceArn: sourceArn,
      visibleAt: now,
      receiveCount: 0,
      firstReceivedAt: undefined,
      receiptHandle: undefined,
    };
    this.#messages.set(message.messageId, moved);
    this.#observer?.messageSaved(this, moved);
    this.#notify();
  }

  /**
   * Receives up to `max` visible messages, hiding each for `visibilitySeconds`. A message whose receive count
   * has reached the redrive policy's maxReceiveCount is moved to the dead-letter queue on the receive that
   * would exceed it, as SQS does, instead of being delivered.
   */
  receive(max: number, visibilitySeconds: number, redrive: Redrive): StoredMessage[] {
    const now = this.#clock();
    this.#dropExpired(now);
    const received: StoredMessage[] = [];
    const policy = this.settings.redrivePolicy;
    for (const message of this.#messages.values()) {
      if (received.length >= max) break;
      if (message.visibleAt > now) continue;
      if (policy && message.receiveCount >= policy.maxReceiveCount && redrive(message, policy.deadLetterTargetArn)) {
        this.#messages.delete(message.messageId);
        this.#observer?.messageRemoved(this, message.messageId);
        continue;
      }
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      message.visibleAt = now + visibilitySeconds * 1000;
      message.receiptHandle = encodeReceiptHandle(this.name, message.messageId);
      this.#observer?.messageStateChanged(this, message);
      received.push(message);
    }
    return received;
  }

  /**
   * Deletes the message a receipt handle names. As on SQS, a handle for a message already deleted succeeds, and a
   * stale handle (the message was received again since) succeeds without deleting the newer delivery.
   */
  delete(receiptHandle: string): void {
    const messageId = this.#messageIdOf(receiptHandle);
    const message = this.#messages.get(messageId);
    if (message?.receiptHandle === receiptHandle) {
      this.#messages.delete(messageId);
      this.#observer?.messageRemoved(this, messageId);
    }
  }

  /** `scale` multiplies the (validated) seconds, for a twin that runs AWS's waiting times faster. */
  changeVisibility(receiptHandle: string, visibilitySeconds: number, scale = 1): void {
    if (!Number.isInteger(visibilitySeconds) || visibilitySeconds < 0 || visibilitySeconds > 43_200) {
      throw invalidParameter('VisibilityTimeout', visibilitySeconds, 'must be an integer between 0 and 43200.');
    }
    const message = this.#messages.get(this.#messageIdOf(receiptHandle));
    if (!message || message.receiptHandle !== receiptHandle) {
      throw invalidParameter('ReceiptHandle', receiptHandle, 'The receipt handle has expired.');
    }
    const now = this.#clock();
    if (message.visibleAt <= now) {
      throw new SqsError('MessageNotInflight', 'The message referred to is not in flight.');
    }
    message.visibleAt = now + Math.round(visibilitySeconds * 1000 * scale);
    this.#observer?.messageStateChanged(this, message);
    if (visibilitySeconds === 0) this.#notify();
  }

  purge(): void {
    this.#messages.clear();
    this.#observer?.purged(this);
  }

  counts(): QueueCounts {
    const now = this.#clock();
    this.#dropExpired(now);
    const counts: QueueCounts = { visible: 0, inFlight: 0, delayed: 0 };
    for (const message of this.#messages.values()) {
      if (message.visibleAt <= now) counts.visible += 1;
      else if (message.receiveCount === 0) counts.delayed += 1;
      else counts.inFlight += 1;
    }
    return counts;
  }

  /** Seconds since the oldest message still in the queue was sent (CloudWatch's ApproximateAgeOfOldestMessage). */
  oldestMessageAgeSeconds(): number {
    const now = this.#clock();
    this.#dropExpired(now);
    let oldest = now;
    for (const message of this.#messages.values()) oldest = Math.min(oldest, message.sentAt);
    return Math.floor((now - oldest) / 1000);
  }

  /** Epoch ms at which the next hidden message becomes visible, if any: long polls wake up then. */
  nextVisibleAt(): number | undefined {
    const now = this.#clock();
    let next: number | undefined;
    for (const message of this.#messages.values()) {
      if (message.visibleAt > now && (next === undefined || message.visibleAt < next)) next = message.visibleAt;
    }
    return next;
  }

  /** Registers a callback run whenever a message may have become receivable; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }

  #messageIdOf(receiptHandle: string): string {
    const decoded = decodeReceiptHandle(receiptHandle);
    if (!decoded || decoded.queueName !== this.name) {
      throw new SqsError(
        'ReceiptHandleIsInvalid',
        `The input receipt handle "${receiptHandle}" is not a valid receipt handle.`,
      );
    }
    return decoded.messageId;
  }

  #dropExpired(now: number): void {
    const oldestKept = now - this.settings.messageRetentionPeriod * 1000;
    for (const message of this.#messages.values()) {
      if (message.sentAt < oldestKept) this.#messages.delete(message.messageId);
    }
  }
}

const HANDLE_PREFIX = 'cfq1';

/** A fresh opaque handle per receive: it names queue and message plus a nonce that makes older handles stale. */
function encodeReceiptHandle(queueName: string, messageId: string): string {
  return `${HANDLE_PREFIX}${Buffer.from(`${queueName}\n${messageId}\n${randomUUID()}`).toString('base64url')}`;
}

function decodeReceiptHandle(handle: string): { queueName: string; messageId: string } | undefined {
  if (!handle.startsWith(HANDLE_PREFIX)) return undefined;
  const parts = Buffer.from(handle.slice(HANDLE_PREFIX.length), 'base64url').toString('utf8').split('\n');
  if (parts.length !== 3 || !parts[0] || !parts[1] || !parts[2]) return undefined;
  return { queueName: parts[0], messageId: parts[1] };
}
