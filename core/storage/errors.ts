/**
 * Errors every store raises the same way, whatever holds the data: callers in core decide what a lost race or a
 * missing item means without knowing DynamoDB's exception types.
 */

/** Optimistic concurrency: the item changed since the version the caller computed its change from. */
export class VersionConflictError extends Error {
  constructor(
    readonly entity: 'claim',
    readonly id: string,
    readonly expectedVersion: number,
  ) {
    super(`${entity} ${id} changed since version ${expectedVersion}; reload it and try again`);
    this.name = 'VersionConflictError';
  }
}

/** A document ledger entry left RECEIVED already (another delivery or the reconciler settled it). */
export class DocumentAlreadySettledError extends Error {
  constructor(readonly documentId: string) {
    super(`document ${documentId} is no longer RECEIVED; it was settled by another delivery or the reconciler`);
    this.name = 'DocumentAlreadySettledError';
  }
}

/** The item a change was meant for does not exist. */
export class ItemNotFoundError extends Error {
  constructor(
    readonly entity: 'claim' | 'document',
    readonly id: string,
  ) {
    super(`${entity} ${id} does not exist`);
    this.name = 'ItemNotFoundError';
  }
}

/** A cursor that no page of this query handed out (tampered, or from another query). */
export class InvalidCursorError extends Error {
  constructor() {
    super('the page cursor is not one this query returned; start again without a cursor');
    this.name = 'InvalidCursorError';
  }
}
