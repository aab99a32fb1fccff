/**
 * submit-claims: claim-submission queue → 837P interchanges sent to the clearinghouse, archived under `submissions/`,
 * claims SUBMITTED. The clearinghouse is practice configuration; how to reach it (the API key, and an endpoint that
 * overrides the configured one) is the Secrets Manager secret CLEARINGHOUSE_SECRET_ARN names (contracts/secrets.ts),
 * read at run time in AWS and on the twin alike.
 */
import type { z } from 'zod';
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
});

export type SubmitClaimsEnvironment = z.infer<typeof submitClaimsEnvironment>;
