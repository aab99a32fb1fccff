/**
 * clearinghouse-webhook: API Gateway HTTP API → verify, archive under responses/raw/, queue a pointer on the
 * remittance queue, record the webhook-id in the domain table. The signing secret is a Secrets Manager secret named
 * by its ARN and read at run time (contracts/secrets.ts), in AWS and on the twin alike: never a value in the
 * environment.
 */
import type { z } from 'zod';
import {
  domainTableEnvironment,
  functionEnvironment,
  intakeBucketEnvironment,
  remittanceQueueEnvironment,
  responseArchiveEnvironment,
  webhookSecretEnvironment,
} from '../environment.ts';

export const clearinghouseWebhookEnvironment = functionEnvironment({
  ...domainTableEnvironment,
  ...intakeBucketEnvironment,
  ...responseArchiveEnvironment,
  ...remittanceQueueEnvironment,
  ...webhookSecretEnvironment,
});

export type ClearinghouseWebhookEnvironment = z.infer<typeof clearinghouseWebhookEnvironment>;
