/**
 * Why an operator action was refused. Every refusal says what is wrong and what to do instead, and is raised before
 * anything is written, so a refused action changes nothing. `kind` lets an API map it to a status code.
 */
export type OperationErrorKind = 'not_found' | 'illegal_action' | 'invalid_request' | 'conflict';

export class OperationError extends Error {
  constructor(
    readonly kind: OperationErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'OperationError';
  }

  /** The JSON an API answers with. */
  toJSON(): { error: { kind: OperationErrorKind; message: string } } {
    return { error: { kind: this.kind, message: this.message } };
  }
}

export function notFound(claimId: string): OperationError {
  return new OperationError('not_found', `claim ${claimId} does not exist`);
}

export function illegal(message: string): OperationError {
  return new OperationError('illegal_action', message);
}

export function invalid(message: string): OperationError {
  return new OperationError('invalid_request', message);
}
