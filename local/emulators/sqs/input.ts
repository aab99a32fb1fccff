import { invalidParameter, SqsError } from './errors.ts';

/** Readers for JSON-protocol request members that answer SQS's own errors for missing or wrong values. */
export type Input = Record<string, unknown>;

export function requiredString(input: Input, name: string): string {
  const value = input[name];
  if (value === undefined || value === null || value === '') {
    throw new SqsError('MissingParameter', `The request must contain the parameter ${name}.`);
  }
  if (typeof value !== 'string') throw invalidParameter(name, JSON.stringify(value), 'must be a string.');
  return value;
}

export function optionalInteger(input: Input, name: string, min: number, max: number): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidParameter(name, JSON.stringify(value), `must be an integer between ${min} and ${max}, if provided.`);
  }
  return value;
}

export function optionalStringList(input: Input, name: string): string[] {
  const value = input[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw invalidParameter(name, JSON.stringify(value), 'must be a list of strings.');
  }
  return value as string[];
}

export function optionalStringMap(input: Input, name: string): Record<string, unknown> {
  const value = input[name];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidParameter(name, JSON.stringify(value), 'must be a map of names to string values.');
  }
  return value as Record<string, unknown>;
}

const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;
const MAX_BATCH_ENTRIES = 10;

/** The Entries of a batch request, checked as SQS checks them before looking at any single entry. */
export function batchEntries(input: Input, entryShape: string): Input[] {
  const entries = input.Entries;
  if (entries === undefined || entries === null || (Array.isArray(entries) && entries.length === 0)) {
    throw new SqsError('EmptyBatchRequest', `There should be at least one ${entryShape} in the request.`);
  }
  if (!Array.isArray(entries) || entries.some((entry) => typeof entry !== 'object' || entry === null)) {
    throw invalidParameter('Entries', JSON.stringify(entries), 'must be a list of batch entries.');
  }
  if (entries.length > MAX_BATCH_ENTRIES) {
    throw new SqsError(
      'TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are ${MAX_BATCH_ENTRIES}. You have sent ${entries.length}.`,
    );
  }
  const seen = new Set<string>();
  for (const entry of entries as Input[]) {
    const id = entry.Id;
    if (typeof id !== 'string' || !BATCH_ENTRY_ID.test(id)) {
      throw new SqsError(
        'InvalidBatchEntryId',
        `A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long (got ${JSON.stringify(id)}).`,
      );
    }
    if (seen.has(id)) throw new SqsError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`);
    seen.add(id);
  }
  return entries as Input[];
}

/** Characters SQS accepts in a message body (XML 1.0 characters). */
const INVALID_BODY_CHARACTER = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export function checkMessageBody(body: string): void {
  const match = INVALID_BODY_CHARACTER.exec(body);
  if (match) {
    const codePoint = match[0].codePointAt(0)!.toString(16).toUpperCase();
    throw new SqsError(
      'InvalidMessageContents',
      `Invalid binary character '#x${codePoint}' was found in the message body, the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF`,
    );
  }
}
