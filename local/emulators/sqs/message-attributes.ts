import { createHash } from 'node:crypto';
import { SqsError } from './errors.ts';

/** A message attribute as it travels in the JSON protocol (binary values are base64 strings on the wire). */
export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

export type MessageAttributes = Record<string, MessageAttributeValue>;

const NAME_PATTERN = /^[A-Za-z0-9_.-]{1,256}$/;
const MAX_ATTRIBUTES = 10;

export function md5Hex(bytes: string | Buffer): string {
  return createHash('md5').update(bytes).digest('hex');
}

/**
 * MD5OfMessageAttributes as SQS computes it: attributes sorted by name, each encoded as
 * length-prefixed (4-byte big-endian) name, length-prefixed data type, one transport byte (1 = String/Number,
 * 2 = Binary), then the length-prefixed value (UTF-8 for strings, the decoded bytes for binary).
 * The same encoding serves MD5OfMessageSystemAttributes. Returns undefined when there are no attributes,
 * because SQS then omits the digest.
 */
export function md5OfMessageAttributes(attributes: MessageAttributes): string | undefined {
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const hash = createHash('md5');
  for (const name of names) {
    const attribute = attributes[name]!;
    hash.update(lengthPrefixed(Buffer.from(name, 'utf8')));
    hash.update(lengthPrefixed(Buffer.from(attribute.DataType, 'utf8')));
    if (isBinaryType(attribute.DataType)) {
      hash.update(Buffer.of(2));
      hash.update(lengthPrefixed(Buffer.from(attribute.BinaryValue ?? '', 'base64')));
    } else {
      hash.update(Buffer.of(1));
      hash.update(lengthPrefixed(Buffer.from(attribute.StringValue ?? '', 'utf8')));
    }
  }
  return hash.digest('hex');
}

function lengthPrefixed(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

function isBinaryType(dataType: string): boolean {
  return dataType === 'Binary' || dataType.startsWith('Binary.');
}

/** Validates user message attributes as SQS does and returns a clean copy (only the fields SQS keeps). */
export function validateMessageAttributes(input: unknown, what = 'Message (user) attribute'): MessageAttributes {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new SqsError('InvalidParameterValue', `${what}s must be a map of name to attribute value.`);
  }
  const entries = Object.entries(input as Record<string, unknown>);
  if (entries.length > MAX_ATTRIBUTES) {
    throw new SqsError(
      'InvalidParameterValue',
      `Number of message attributes [${entries.length}] exceeds the allowed maximum [${MAX_ATTRIBUTES}].`,
    );
  }
  const clean: MessageAttributes = {};
  for (const [name, raw] of entries) {
    checkAttributeName(name, what);
    clean[name] = checkAttributeValue(name, raw, what);
  }
  return clean;
}

function checkAttributeName(name: string, what: string): void {
  const lower = name.toLowerCase();
  const valid =
    NAME_PATTERN.test(name) &&
    !name.startsWith('.') &&
    !name.endsWith('.') &&
    !name.includes('..') &&
    !lower.startsWith('aws.') &&
    !lower.startsWith('amazon.');
  if (!valid) throw new SqsError('InvalidParameterValue', `${what} name '${name}' is invalid.`);
}

function checkAttributeValue(name: string, raw: unknown, what: string): MessageAttributeValue {
  if (typeof raw !== 'object' || raw === null) {
    throw new SqsError('InvalidParameterValue', `${what} '${name}' must be an object with a DataType.`);
  }
  const { DataType, StringValue, BinaryValue } = raw as Record<string, unknown>;
  if (typeof DataType !== 'string' || DataType === '') {
    throw new SqsError('InvalidParameterValue', `${what} '${name}' must contain a non-empty attribute type.`);
  }
  const baseType = DataType.split('.')[0];
  if (baseType === 'Binary') {
    if (typeof BinaryValue !== 'string' || BinaryValue === '') {
      throw new SqsError('InvalidParameterValue', `${what} '${name}' must contain a non-empty value of type 'Binary'.`);
    }
    return { DataType, BinaryValue };
  }
  if (baseType !== 'String' && baseType !== 'Number') {
    throw new SqsError(
      'InvalidParameterValue',
      `${what} '${name}' has an invalid type '${DataType}': it must start with String, Number or Binary.`,
    );
  }
  if (typeof StringValue !== 'string' || StringValue === '') {
    throw new SqsError(
      'InvalidParameterValue',
      `${what} '${name}' must contain a non-empty value of type '${baseType}'.`,
    );
  }
  if (baseType === 'Number' && !Number.isFinite(Number(StringValue))) {
    throw new SqsError('InvalidParameterValue', `${what} '${name}' value '${StringValue}' is not a valid number.`);
  }
  return { DataType, StringValue };
}

/**
 * Keeps the attributes a ReceiveMessage asked for: `All` or `.*`, exact names, or `prefix.*` patterns.
 */
export function selectMessageAttributes(
  attributes: MessageAttributes,
  requested: readonly string[],
): MessageAttributes {
  if (requested.length === 0) return {};
  const selected: MessageAttributes = {};
  for (const [name, value] of Object.entries(attributes)) {
    const wanted = requested.some(
      (pattern) =>
        pattern === 'All' ||
        pattern === '.*' ||
        pattern === name ||
        (pattern.endsWith('.*') && name.startsWith(pattern.slice(0, -1))),
    );
    if (wanted) selected[name] = value;
  }
  return selected;
}

/** Byte size SQS counts against MaximumMessageSize: body plus every attribute name, type and value. */
export function attributesSize(attributes: MessageAttributes): number {
  let size = 0;
  for (const [name, value] of Object.entries(attributes)) {
    size += Buffer.byteLength(name) + Buffer.byteLength(value.DataType);
    size +=
      value.BinaryValue !== undefined
        ? Buffer.from(value.BinaryValue, 'base64').length
        : Buffer.byteLength(value.StringValue ?? '');
  }
  return size;
}
