import { SqsError } from './errors.ts';
import { md5OfMessageAttributes, selectMessageAttributes } from './message-attributes.ts';
import type { StoredMessage } from './queue.ts';

/** The system attributes a ReceiveMessage may ask for (AttributeNames or MessageSystemAttributeNames). */
const MESSAGE_SYSTEM_ATTRIBUTE_NAMES = new Set([
  'All',
  'SenderId',
  'SentTimestamp',
  'ApproximateReceiveCount',
  'ApproximateFirstReceiveTimestamp',
  'SequenceNumber',
  'MessageDeduplicationId',
  'MessageGroupId',
  'AWSTraceHeader',
  'DeadLetterQueueSourceArn',
]);

export function checkSystemAttributeNames(names: readonly string[]): void {
  for (const name of names) {
    if (!MESSAGE_SYSTEM_ATTRIBUTE_NAMES.has(name)) {
      throw new SqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
    }
  }
}

/**
 * A message as ReceiveMessage returns it: the asked-for system attributes, and the asked-for user attributes with
 * the digest of exactly those (SDKs that verify attribute digests compute them over what they received).
 */
export function receivedMessage(
  message: StoredMessage,
  systemNames: readonly string[],
  attributeNames: readonly string[],
  accountId: string,
): Record<string, unknown> {
  const output: Record<string, unknown> = {
    MessageId: message.messageId,
    ReceiptHandle: message.receiptHandle,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
  };
  const system = systemAttributes(message, accountId);
  const wantAll = systemNames.includes('All');
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(system)) {
    if (value !== undefined && (wantAll || systemNames.includes(name))) attributes[name] = value;
  }
  if (Object.keys(attributes).length > 0) output.Attributes = attributes;
  const selected = selectMessageAttributes(message.attributes, attributeNames);
  const digest = md5OfMessageAttributes(selected);
  if (digest) {
    output.MD5OfMessageAttributes = digest;
    output.MessageAttributes = selected;
  }
  return output;
}

function systemAttributes(message: StoredMessage, accountId: string): Record<string, string | undefined> {
  return {
    SenderId: accountId,
    SentTimestamp: String(message.sentAt),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp:
      message.firstReceivedAt === undefined ? undefined : String(message.firstReceivedAt),
    AWSTraceHeader: message.systemAttributes.AWSTraceHeader?.StringValue,
    DeadLetterQueueSourceArn: message.deadLetterSourceArn,
  };
}
