/**
 * reconcile: scheduled. Records dead-lettered intake notifications in the ledger and dead-lettered submission messages
 * in the submission ledger, sends documents stuck in RECEIVED back to the intake queue (resumes split ones; fails them
 * after a number of attempts), finishes claims left READY or QUEUED unsent.
 */
import { z } from 'zod';
import {
  documentIntakeEnvironment,
  domainTableEnvironment,
  functionEnvironment,
  intakeBucketEnvironment,
  intakeQueueEnvironment,
  submissionQueueEnvironment,
} from '../environment.ts';

export const reconcileEnvironment = functionEnvironment({
  ...domainTableEnvironment,
  ...intakeBucketEnvironment,
  ...documentIntakeEnvironment,
  ...submissionQueueEnvironment,
  /** Where stuck documents are sent back to (and stalled pieces resumed), and where dead-lettered ones are read from. */
  ...intakeQueueEnvironment,
  INTAKE_DEAD_LETTER_QUEUE_URL: z.url(),
  /** Where dead-lettered claim-submission messages are read from (to note each in the submission ledger). */
  SUBMISSION_DEAD_LETTER_QUEUE_URL: z.url(),
  /** How long a document or claim may sit in an intermediate status before it counts as stuck. */
  RECONCILE_STUCK_AFTER_SECONDS: z.coerce.number().int().positive(),
  /** How often a stuck document is sent back before it is failed (processing_abandoned). */
  RECONCILE_MAX_ATTEMPTS: z.coerce.number().int().positive(),
});

export type ReconcileEnvironment = z.infer<typeof reconcileEnvironment>;
