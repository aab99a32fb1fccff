/**
 * What of an error may be logged. Error messages are not ours to trust: a JSON parser's SyntaxError quotes the text
 * around the fault, and that text is a patient's record. Logs get the error's name always, and its message only for
 * the errors ClaimFlow raises with ids alone in them.
 */
import {
  DocumentAlreadySettledError,
  InvalidCursorError,
  ItemNotFoundError,
  VersionConflictError,
} from '#core/storage/errors';

const ID_ONLY_ERRORS = [VersionConflictError, DocumentAlreadySettledError, ItemNotFoundError, InvalidCursorError];

export function loggableError(error: unknown): { name: string; message?: string; httpStatusCode?: number } {
  if (!(error instanceof Error)) return { name: typeof error };
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return {
    name: error.name,
    ...(ID_ONLY_ERRORS.some((type) => error instanceof type) ? { message: error.message } : {}),
    ...(status !== undefined ? { httpStatusCode: status } : {}),
  };
}
