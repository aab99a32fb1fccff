import { queueDoesNotExist, SqsError } from './errors.ts';
import { Queue, type QueueObserver, type StoredMessage } from './queue.ts';
import { applyQueueAttributes, defaultQueueSettings, settingsAsAttributes } from './queue-attributes.ts';

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;

export interface RegistryOptions {
  region: string;
  accountId: string;
  clock: () => number;
  /** Base URL queue URLs start with; read lazily because the port is known only once listening. */
  baseUrl: () => string;
}

/** Told of queue creation, attribute changes and deletion, and of every message change (see QueueObserver). */
export interface RegistryObserver extends QueueObserver {
  queueSaved(queue: Queue): void;
  queueDeleted(name: string): void;
}

/** A queue as persistence keeps it: identity, attributes in SQS's own names, and its messages in send order. */
export interface QueueSnapshot {
  name: string;
  createdAt: number;
  lastModifiedAt: number;
  attributes: Record<string, string>;
  messages: StoredMessage[];
}

/** The emulator's queues, addressed by name, URL or ARN. */
export class QueueRegistry {
  readonly #queues = new Map<string, Queue>();
  readonly #options: RegistryOptions;
  #observer: RegistryObserver | undefined;

  constructor(options: RegistryOptions) {
    this.#options = options;
  }

  /** Replaces every queue with those read back from persistence, and reports later changes to `observer`. */
  restore(snapshots: QueueSnapshot[], observer?: RegistryObserver): void {
    this.#queues.clear();
    this.#observer = observer;
    for (const snapshot of snapshots) {
      const queue = this.#newQueue(snapshot.name, snapshot.createdAt);
      // Redrive targets are checked when the policy is set; here they were checked when it first was.
      queue.settings = applyQueueAttributes(defaultQueueSettings(), snapshot.attributes, () => true);
      queue.lastModifiedAt = snapshot.lastModifiedAt;
      queue.restore(snapshot.messages);
      this.#queues.set(queue.name, queue);
    }
  }

  /** The current state of every queue, for a persistence snapshot. */
  snapshot(): QueueSnapshot[] {
    return this.all().map((queue) => ({
      name: queue.name,
      createdAt: queue.createdAt,
      lastModifiedAt: queue.lastModifiedAt,
      attributes: settingsAsAttributes(queue.settings),
      messages: queue.messages(),
    }));
  }

  #newQueue(name: string, createdAt?: number): Queue {
    const { region, accountId, clock } = this.#options;
    return new Queue(
      {
        name,
        arn: `arn:aws:sqs:${region}:${accountId}:${name}`,
        url: () => `${this.#options.baseUrl()}/${accountId}/${name}`,
        ...(createdAt === undefined ? {} : { createdAt }),
      },
      clock,
      this.#observer,
    );
  }

  get accountId(): string {
    return this.#options.accountId;
  }

  /**
   * CreateQueue semantics: a new queue, or the existing one when every given attribute matches its current
   * value (QueueNameExists otherwise).
   */
  create(name: string, attributes: Record<string, unknown> = {}): Queue {
    if (!QUEUE_NAME.test(name)) {
      throw new SqsError(
        'InvalidParameterValue',
        `Queue name '${name}' is invalid: can only include alphanumeric characters, hyphens, or underscores, 1 to 80 in length (FIFO queues are not supported locally).`,
      );
    }
    const existing = this.#queues.get(name);
    if (existing) {
      const current = settingsAsAttributes(existing.settings);
      for (const [attribute, value] of Object.entries(attributes)) {
        if (current[attribute] !== value && !sameRedrivePolicy(attribute, current[attribute], value)) {
          throw new SqsError(
            'QueueNameExists',
            `A queue already exists with the same name and a different value for attribute ${attribute}`,
          );
        }
      }
      return existing;
    }
    const queue = this.#newQueue(name);
    queue.settings = applyQueueAttributes(queue.settings, attributes, (arn) => this.byArn(arn) !== undefined);
    this.#queues.set(name, queue);
    this.#observer?.queueSaved(queue);
    return queue;
  }

  setAttributes(queue: Queue, attributes: Record<string, unknown>): void {
    queue.settings = applyQueueAttributes(queue.settings, attributes, (arn) => this.byArn(arn) !== undefined);
    queue.lastModifiedAt = this.#options.clock();
    this.#observer?.queueSaved(queue);
  }

  byName(name: string): Queue {
    const queue = this.#queues.get(name);
    if (!queue) throw queueDoesNotExist();
    return queue;
  }

  byArn(arn: string): Queue | undefined {
    const name = arn.split(':').at(-1) ?? '';
    const queue = this.#queues.get(name);
    return queue?.arn === arn ? queue : undefined;
  }

  /** Resolves a queue URL by its path (`/<account>/<name>`), so localhost and 127.0.0.1 URLs both work. */
  byUrl(queueUrl: unknown): Queue {
    if (typeof queueUrl !== 'string' || queueUrl === '') {
      throw new SqsError('MissingParameter', 'The request must contain the parameter QueueUrl.');
    }
    let path: string;
    try {
      path = new URL(queueUrl).pathname;
    } catch {
      throw queueDoesNotExist();
    }
    const [, account, name, ...rest] = path.split('/');
    if (account !== this.#options.accountId || !name || rest.length > 0) throw queueDoesNotExist();
    return this.byName(decodeURIComponent(name));
  }

  delete(queue: Queue): void {
    this.#queues.delete(queue.name);
    this.#observer?.queueDeleted(queue.name);
  }

  names(): string[] {
    return [...this.#queues.keys()].sort();
  }

  all(): Queue[] {
    return this.names().map((name) => this.#queues.get(name)!);
  }
}

function sameRedrivePolicy(attribute: string, current: string | undefined, given: unknown): boolean {
  if (attribute !== 'RedrivePolicy' || current === undefined || typeof given !== 'string') return false;
  try {
    const a = JSON.parse(current) as Record<string, unknown>;
    const b = JSON.parse(given) as Record<string, unknown>;
    return a.deadLetterTargetArn === b.deadLetterTargetArn && Number(a.maxReceiveCount) === Number(b.maxReceiveCount);
  } catch {
    return false;
  }
}
