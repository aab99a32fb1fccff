/**
 * SQS errors as the AWS JSON 1.0 protocol returns them: `__type` names the error shape, and because SQS is
 * "awsQueryCompatible" the `x-amzn-query-error` header carries the legacy query code; the SDK picks its typed
 * exception from that header (e.g. `AWS.SimpleQueueService.NonExistentQueue` -> QueueDoesNotExist).
 */
interface ErrorKind {
  shape: string;
  queryCode: string;
  status: number;
  fault: 'Sender' | 'Receiver';
}

const kinds = {
  QueueDoesNotExist: { shape: 'QueueDoesNotExist', queryCode: 'AWS.SimpleQueueService.NonExistentQueue', status: 400 },
  QueueNameExists: { shape: 'QueueNameExists', queryCode: 'QueueAlreadyExists', status: 400 },
  ReceiptHandleIsInvalid: { shape: 'ReceiptHandleIsInvalid', queryCode: 'ReceiptHandleIsInvalid', status: 404 },
  MessageNotInflight: {
    shape: 'MessageNotInflight',
    queryCode: 'AWS.SimpleQueueService.MessageNotInflight',
    status: 400,
  },
  BatchEntryIdsNotDistinct: {
    shape: 'BatchEntryIdsNotDistinct',
    queryCode: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
    status: 400,
  },
  EmptyBatchRequest: {
    shape: 'EmptyBatchRequest',
    queryCode: 'AWS.SimpleQueueService.EmptyBatchRequest',
    status: 400,
  },
  TooManyEntriesInBatchRequest: {
    shape: 'TooManyEntriesInBatchRequest',
    queryCode: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
    status: 400,
  },
  InvalidBatchEntryId: {
    shape: 'InvalidBatchEntryId',
    queryCode: 'AWS.SimpleQueueService.InvalidBatchEntryId',
    status: 400,
  },
  BatchRequestTooLong: {
    shape: 'BatchRequestTooLong',
    queryCode: 'AWS.SimpleQueueService.BatchRequestTooLong',
    status: 400,
  },
  InvalidAttributeName: { shape: 'InvalidAttributeName', queryCode: 'InvalidAttributeName', status: 400 },
  InvalidAttributeValue: { shape: 'InvalidAttributeValue', queryCode: 'InvalidAttributeValue', status: 400 },
  InvalidMessageContents: { shape: 'InvalidMessageContents', queryCode: 'InvalidMessageContents', status: 400 },
  // Not modelled as typed exceptions; the SDK raises SQSServiceException named after the query code.
  InvalidParameterValue: { shape: 'InvalidParameterValue', queryCode: 'InvalidParameterValue', status: 400 },
  MissingParameter: { shape: 'MissingParameter', queryCode: 'MissingParameter', status: 400 },
  InvalidAction: { shape: 'InvalidAction', queryCode: 'InvalidAction', status: 400 },
  UnsupportedOperation: {
    shape: 'UnsupportedOperation',
    queryCode: 'AWS.SimpleQueueService.UnsupportedOperation',
    status: 400,
  },
  InternalFailure: { shape: 'InternalFailure', queryCode: 'InternalFailure', status: 500 },
} satisfies Record<string, Omit<ErrorKind, 'fault'>>;

export type SqsErrorCode = keyof typeof kinds;

export class SqsError extends Error {
  readonly code: SqsErrorCode;

  constructor(code: SqsErrorCode, message: string) {
    super(message);
    this.name = 'SqsError';
    this.code = code;
  }

  get status(): number {
    return kinds[this.code].status;
  }

  /** `true` when the caller is at fault, as batch result entries report it (`SenderFault`). */
  get senderFault(): boolean {
    return this.status < 500;
  }

  get headers(): Record<string, string> {
    const fault = this.senderFault ? 'Sender' : 'Receiver';
    return { 'x-amzn-query-error': `${kinds[this.code].queryCode};${fault}` };
  }

  get body(): { __type: string; message: string } {
    return { __type: `com.amazonaws.sqs#${kinds[this.code].shape}`, message: this.message };
  }
}

export const queueDoesNotExist = (): SqsError =>
  new SqsError('QueueDoesNotExist', 'The specified queue does not exist.');

export const invalidParameter = (parameter: string, value: unknown, reason: string): SqsError =>
  new SqsError(
    'InvalidParameterValue',
    `Value ${String(value)} for parameter ${parameter} is invalid. Reason: ${reason}`,
  );
