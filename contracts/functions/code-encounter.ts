/**
 * code-encounter: intake queue → ledger, coding, scrubbing, claims; READY claims to the submission queue; the pieces of
 * a document split in pieces back to the intake queue.
 */
import { z } from 'zod';
import {
  documentIntakeEnvironment,
  domainTableEnvironment,
  functionEnvironment,
  idempotencyTableEnvironment,
  intakeBucketEnvironment,
  intakeQueueEnvironment,
  referenceDataEnvironment,
  submissionQueueEnvironment,
} from '../environment.ts';

export const codeEncounterEnvironment = functionEnvironment({
  ...domainTableEnvironment,
  ...idempotencyTableEnvironment,
  ...intakeBucketEnvironment,
  ...documentIntakeEnvironment,
  ...intakeQueueEnvironment,
  ...submissionQueueEnvironment,
  ...referenceDataEnvironment,
  /**
   * Visits one invocation codes before a document is split in pieces (core/pipeline/limits.ts: 250 when unset).
   * Set it when the function's memory or timeout differs from the stack's, or on a twin whose work is not scaled.
   */
  ENCOUNTERS_PER_CHUNK: z.coerce.number().int().min(1).max(1000).optional(),
});

export type CodeEncounterEnvironment = z.infer<typeof codeEncounterEnvironment>;
