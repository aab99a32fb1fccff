/**
 * code-encounter: intake queue → ledger, coding, scrubbing, claims; READY claims to the submission queue; the pieces of
 * a document split in pieces back to the intake queue.
 */
import type { z } from 'zod';
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
});

export type CodeEncounterEnvironment = z.infer<typeof codeEncounterEnvironment>;
