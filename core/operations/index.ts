/**
 * Operator actions on claims (issue 15): show, approve, edit/recode (with corrected and void claims), void, assign,
 * note, write-off, and the filtered work queue. Pure use cases over ports; the CLI on the twin and the operations API
 * call the same functions with JSON in and out.
 */
export { type ActionResult, type ApproveRequest, type ApproveResult, approveClaim } from './approve-claim.ts';
export { type AssignRequest, assignClaim } from './assign-claim.ts';
export { applyChanges, type ClaimChanges, type LineChange, MANUAL_EVIDENCE, type NewLine } from './claim-changes.ts';
export { claimResponsesFrom } from './claim-responses.ts';
export { AWAITING_APPROVAL, type EditRequest, type EditResult, editClaim } from './edit-claim.ts';
export { OperationError, type OperationErrorKind } from './errors.ts';
export { dollars } from './money-text.ts';
export { MAX_NOTE_LENGTH, type NoteRequest, noteClaim } from './note-claim.ts';
export * from './ports.ts';
export { reasonText } from './reason-text.ts';
export { OPERATION_NAMES, OPERATION_REQUESTS, type OperationName, runOperation } from './requests.ts';
export { type ClaimRescrubber, codedEncounterOf, rescrubberFor } from './rescrub.ts';
export { type ClaimView, claimView, showClaim } from './show-claim.ts';
export { type VoidRequest, type VoidResult, voidClaim } from './void-claim.ts';
export {
  QUEUE_OWNERS,
  type QueueOwner,
  type WorkQueueAnswer,
  type WorkQueueFilters,
  type WorkQueueRow,
  workQueue,
} from './work-queue.ts';
export { type WriteOffRequest, writeOffClaim } from './write-off-claim.ts';
