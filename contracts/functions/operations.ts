/**
 * operations: the IAM-authorised operations API → the operator actions of core/operations (show, approve, edit and
 * recode, void, assign, note, write-off, the work queue). Reads and conditionally updates claims, queues approved
 * claims on the submission queue as intake does, reads the 837P archive for `show`, and scrubs again with the same
 * payer rules and code sets intake deploys.
 */
import type { z } from 'zod';
import {
  domainTableEnvironment,
  functionEnvironment,
  intakeBucketEnvironment,
  referenceDataEnvironment,
  submissionArchiveEnvironment,
  submissionQueueEnvironment,
} from '../environment.ts';

export const operationsEnvironment = functionEnvironment({
  ...domainTableEnvironment,
  ...intakeBucketEnvironment,
  ...submissionArchiveEnvironment,
  ...submissionQueueEnvironment,
  ...referenceDataEnvironment,
});

export type OperationsEnvironment = z.infer<typeof operationsEnvironment>;
