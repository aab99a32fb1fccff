import { invalidParameter, SqsError } from './errors.ts';
import {
  batchEntries,
  checkMessageBody,
  type Input,
  optionalInteger,
  optionalStringList,
  optionalStringMap,
  requiredString,
} from './input.ts';
import { attributesSize, validateMessageAttributes } from './message-attributes.ts';
import type { Queue, StoredMessage } from './queue.ts';
import { settingsAsAttributes } from './queue-attributes.ts';
import { checkSystemAttributeNames, receivedMessage } from './received-message.ts';
import type { QueueRegistry } from './registry.ts';

/** Waits until the queue may have a receivable message, or the deadline passes, or the caller goes away. */
export type WaitForMessages = (queue: Queue, deadline: number, signal: AbortSignal) => Promise<void>;

type Output = Record<string, unknown>;
export type Operation = (input: Input, signal: AbortSignal) => Output | Promise<Output>;

const MAX_BATCH_BYTES = 1_048_576;

const QUEUE_ATTRIBUTE_NAMES = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'VisibilityTimeout',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'Policy',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
] as const;

/** The SQS API operations by their X-Amz-Target name, each taking and returning the JSON protocol members. */
export function sqsOperations(
  registry: QueueRegistry,
  waitForMessages: WaitForMessages,
  messageVisibilityScale = 1,
): Record<string, Operation> {
  const sendOne = (queue: Queue, entry: Input): StoredMessage => {
    const body = requiredString(entry, 'MessageBody');
    checkMessageBody(body);
    if (entry.MessageGroupId !== undefined || entry.MessageDeduplicationId !== undefined) {
      throw new SqsError(
        'InvalidParameterValue',
        'The request include parameter that is not valid for this queue type (MessageGroupId and MessageDeduplicationId are for FIFO queues).',
      );
    }
    const attributes = validateMessageAttributes(entry.MessageAttributes);
    const systemAttributes = validateSystemAttributes(entry.MessageSystemAttributes);
    const size = Buffer.byteLength(body) + attributesSize(attributes);
    if (size > queue.settings.maximumMessageSize) {
      throw new SqsError(
        'InvalidParameterValue',
        `One or more parameters are invalid. Reason: Message must be shorter than ${queue.settings.maximumMessageSize} bytes.`,
      );
    }
    const delaySeconds = optionalInteger(entry, 'DelaySeconds', 0, 900) ?? queue.settings.delaySeconds;
    return queue.send({ body, attributes, systemAttributes, delaySeconds });
  };

  const redrive = (source: Queue) => (message: StoredMessage, deadLetterTargetArn: string) => {
    const deadLetterQueue = registry.byArn(deadLetterTargetArn);
    if (!deadLetterQueue) return false;
    deadLetterQueue.acceptDeadLetter(message, source.arn);
    return true;
  };

  return {
    CreateQueue: (input) => {
      const queue = registry.create(requiredString(input, 'QueueName'), optionalStringMap(input, 'Attributes'));
      return { QueueUrl: queue.url };
    },

    GetQueueUrl: (input) => ({ QueueUrl: registry.byName(requiredString(input, 'QueueName')).url }),

    ListQueues: (input) => {
      const prefix = typeof input.QueueNamePrefix === 'string' ? input.QueueNamePrefix : '';
      const maxResults = optionalInteger(input, 'MaxResults', 1, 1000);
      const start =
        typeof input.NextToken === 'string' ? Number(Buffer.from(input.NextToken, 'base64url').toString('utf8')) : 0;
      if (!Number.isInteger(start) || start < 0) throw invalidParameter('NextToken', input.NextToken, 'Invalid token.');
      const matching = registry.all().filter((queue) => queue.name.startsWith(prefix));
      const page = matching.slice(start, maxResults === undefined ? 1000 : start + maxResults);
      const output: Output = {};
      if (page.length > 0) output.QueueUrls = page.map((queue) => queue.url);
      if (maxResults !== undefined && start + page.length < matching.length) {
        output.NextToken = Buffer.from(String(start + page.length)).toString('base64url');
      }
      return output;
    },

    GetQueueAttributes: (input) => {
      const queue = registry.byUrl(input.QueueUrl);
      const requested = optionalStringList(input, 'AttributeNames');
      for (const name of requested) {
        if (name !== 'All' && !(QUEUE_ATTRIBUTE_NAMES as readonly string[]).includes(name)) {
          throw new SqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
        }
      }
      const all = queueAttributes(queue);
      const wanted = requested.includes('All') ? Object.keys(all) : requested;
      const attributes: Record<string, string> = {};
      for (const name of wanted) if (all[name] !== undefined) attributes[name] = all[name];
      return Object.keys(attributes).length > 0 ? { Attributes: attributes } : {};
    },

    SetQueueAttributes: (input) => {
      registry.setAttributes(registry.byUrl(input.QueueUrl), optionalStringMap(input, 'Attributes'));
      return {};
    },

    DeleteQueue: (input) => {
      registry.delete(registry.byUrl(input.QueueUrl));
      return {};
    },

    PurgeQueue: (input) => {
      registry.byUrl(input.QueueUrl).purge();
      return {};
    },

    SendMessage: (input) => {
      const message = sendOne(registry.byUrl(input.QueueUrl), input);
      return sendResult(message);
    },

    SendMessageBatch: (input) => {
      const queue = registry.byUrl(input.QueueUrl);
      const entries = batchEntries(input, 'SendMessageBatchRequestEntry');
      const totalBytes = entries.reduce(
        (sum, entry) => sum + (typeof entry.MessageBody === 'string' ? Buffer.byteLength(entry.MessageBody) : 0),
        0,
      );
      if (totalBytes > MAX_BATCH_BYTES) {
        throw new SqsError(
          'BatchRequestTooLong',
          `Batch requests cannot be longer than ${MAX_BATCH_BYTES} bytes. You have sent ${totalBytes} bytes.`,
        );
      }
      return eachEntry(entries, (entry) => ({ Id: entry.Id, ...sendResult(sendOne(queue, entry)) }));
    },

    ReceiveMessage: async (input, signal) => {
      const queue = registry.byUrl(input.QueueUrl);
      const max = optionalInteger(input, 'MaxNumberOfMessages', 1, 10) ?? 1;
      const visibility = optionalInteger(input, 'VisibilityTimeout', 0, 43_200) ?? queue.settings.visibilityTimeout;
      const waitSeconds =
        optionalInteger(input, 'WaitTimeSeconds', 0, 20) ?? queue.settings.receiveMessageWaitTimeSeconds;
      const systemNames = [
        ...optionalStringList(input, 'AttributeNames'),
        ...optionalStringList(input, 'MessageSystemAttributeNames'),
      ];
      checkSystemAttributeNames(systemNames);
      const attributeNames = optionalStringList(input, 'MessageAttributeNames');
      const deadline = performance.now() + waitSeconds * 1000;
      let messages = queue.receive(max, visibility, redrive(queue));
      while (messages.length === 0 && performance.now() < deadline && !signal.aborted) {
        await waitForMessages(queue, deadline, signal);
        if (signal.aborted) break;
        messages = queue.receive(max, visibility, redrive(queue));
      }
      if (messages.length === 0) return {};
      return {
        Messages: messages.map((message) => receivedMessage(message, systemNames, attributeNames, registry.accountId)),
      };
    },

    DeleteMessage: (input) => {
      registry.byUrl(input.QueueUrl).delete(requiredString(input, 'ReceiptHandle'));
      return {};
    },

    DeleteMessageBatch: (input) => {
      const queue = registry.byUrl(input.QueueUrl);
      const entries = batchEntries(input, 'DeleteMessageBatchRequestEntry');
      return eachEntry(entries, (entry) => {
        queue.delete(requiredString(entry, 'ReceiptHandle'));
        return { Id: entry.Id };
      });
    },

    ChangeMessageVisibility: (input) => {
      const queue = registry.byUrl(input.QueueUrl);
      const timeout = input.VisibilityTimeout;
      if (timeout === undefined) {
        throw new SqsError('MissingParameter', 'The request must contain the parameter VisibilityTimeout.');
      }
      queue.changeVisibility(requiredString(input, 'ReceiptHandle'), timeout as number, messageVisibilityScale);
      return {};
    },

    ChangeMessageVisibilityBatch: (input) => {
      const queue = registry.byUrl(input.QueueUrl);
      const entries = batchEntries(input, 'ChangeMessageVisibilityBatchRequestEntry');
      return eachEntry(entries, (entry) => {
        queue.changeVisibility(
          requiredString(entry, 'ReceiptHandle'),
          entry.VisibilityTimeout as number,
          messageVisibilityScale,
        );
        return { Id: entry.Id };
      });
    },
  };
}

/** Runs a batch entry by entry: an entry's SQS error becomes its Failed record, the others still succeed. */
function eachEntry(entries: Input[], run: (entry: Input) => Output): Output {
  const Successful: Output[] = [];
  const Failed: Output[] = [];
  for (const entry of entries) {
    try {
      Successful.push(run(entry));
    } catch (error) {
      if (!(error instanceof SqsError)) throw error;
      Failed.push({ Id: entry.Id, SenderFault: error.senderFault, Code: error.code, Message: error.message });
    }
  }
  return { Successful, Failed };
}

function sendResult(message: StoredMessage): Output {
  const result: Output = { MessageId: message.messageId, MD5OfMessageBody: message.md5OfBody };
  if (message.md5OfAttributes) result.MD5OfMessageAttributes = message.md5OfAttributes;
  if (message.md5OfSystemAttributes) result.MD5OfMessageSystemAttributes = message.md5OfSystemAttributes;
  return result;
}

function validateSystemAttributes(input: unknown) {
  const attributes = validateMessageAttributes(input, 'Message system attribute');
  for (const [name, value] of Object.entries(attributes)) {
    if (name !== 'AWSTraceHeader' || value.DataType !== 'String') {
      throw new SqsError(
        'InvalidParameterValue',
        `Message system attribute '${name}' is not supported: only AWSTraceHeader of type String can be sent.`,
      );
    }
  }
  return attributes;
}

function queueAttributes(queue: Queue): Record<string, string> {
  const counts = queue.counts();
  return {
    QueueArn: queue.arn,
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    CreatedTimestamp: String(Math.floor(queue.createdAt / 1000)),
    LastModifiedTimestamp: String(Math.floor(queue.lastModifiedAt / 1000)),
    ...settingsAsAttributes(queue.settings),
  };
}
