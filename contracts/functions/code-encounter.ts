/** code-encounter: intake queue → ledger, coding, scrubbing, claims; READY claims to the submission queue. */
import type { z } from 'zod';
import {
  documentIntakeEnvironment,
  domainTableEnvironment,
  functionEnvironment,
  idempotencyTableEnvironment,
  intakeBucketEnvironment,
  referenceDataEnvironment,
  submissionQueueEnvironment,
} from '../environment.ts';

export const codeEncounterEnvironment = functionEnvironment({
  ...domainTableEnvironment,
  ...idempotencyTableEnvironment,
  ...intakeBucketEnvironment,
  ...documentIntakeEnvironment,
  ...submissionQueueEnvironment,
  ...referenceDataEnvironment,
});

export type CodeEncounterEnvironment = z.infer<typeof codeEncounterEnvironment>;
