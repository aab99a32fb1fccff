/**
 * submit-claims: claim-submission queue → 837P interchanges sent to the clearinghouse, archived under `submissions/`,
 * claims SUBMITTED. The clearinghouse endpoint is practice configuration; CLEARINGHOUSE_URL overrides it (the twin
 * points the function at its sandbox). Credentials: CLEARINGHOUSE_API_KEY (the twin, a staging run against the
 * sandbox) or the Secrets Manager secret CLEARINGHOUSE_SECRET_ARN names; the function refuses to start with neither.
 */
import { z } from 'zod';
import {
  domainTableEnvironment,
  functionEnvironment,
  intakeBucketEnvironment,
  submissionArchiveEnvironment,
} from '../environment.ts';

export const submitClaimsEnvironment = functionEnvironment({
  ...domainTableEnvironment,
  ...intakeBucketEnvironment,
  ...submissionArchiveEnvironment,
  CLEARINGHOUSE_URL: z.url().optional(),
  CLEARINGHOUSE_API_KEY: z.string().min(8).optional(),
  CLEARINGHOUSE_SECRET_ARN: z
    .string()
    .regex(/^arn:[a-z-]+:secretsmanager:/, 'a Secrets Manager ARN')
    .optional(),
});

export type SubmitClaimsEnvironment = z.infer<typeof submitClaimsEnvironment>;
