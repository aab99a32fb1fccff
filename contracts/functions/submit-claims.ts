/**
 * submit-claims: claim-submission queue → 837P interchanges sent to the clearinghouse, archived under `submissions/`,
 * claims SUBMITTED. The clearinghouse is practice configuration; how to reach it (the API key, and an endpoint that
 * overrides the configured one) is the Secrets Manager secret CLEARINGHOUSE_SECRET_ARN names (contracts/secrets.ts),
 * read at run time in AWS and on the twin alike.
 */
import { z } from 'zod';
import {
  clearinghouseEnvironment,
  domainTableEnvironment,
  functionEnvironment,
  intakeBucketEnvironment,
  submissionArchiveEnvironment,
} from '../environment.ts';

export const submitClaimsEnvironment = functionEnvironment({
  ...domainTableEnvironment,
  ...intakeBucketEnvironment,
  ...submissionArchiveEnvironment,
  ...clearinghouseEnvironment,
  /** The queue it consumes: a message to retry is given its backoff with ChangeMessageVisibility. */
  SUBMISSION_QUEUE_URL: z.string().min(1),
  /** That queue's maxReceiveCount: the delivery after which a message goes to the dead-letter queue. */
  SUBMISSION_MAX_RECEIVE_COUNT: z.coerce.number().int().positive(),
});

export type SubmitClaimsEnvironment = z.infer<typeof submitClaimsEnvironment>;
