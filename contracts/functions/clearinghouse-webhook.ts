/**
 * clearinghouse-webhook: API Gateway HTTP API → verify, archive under responses/raw/, queue a pointer on the
 * remittance queue, record the webhook-id in the domain table.
 *
 * The signing secret comes from Secrets Manager in AWS (WEBHOOK_SECRET_ARN). The twin, which emulates no Secrets
 * Manager, seeds the secret itself as WEBHOOK_SECRET; the function refuses to start with neither, and prefers the ARN
 * when both are set so a deployed function never runs on a value someone left in its environment.
 */
import { z } from 'zod';
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
  WEBHOOK_SECRET_ARN: webhookSecretEnvironment.WEBHOOK_SECRET_ARN.optional(),
  WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'a Standard Webhooks secret: "whsec_" and base64')
    .optional(),
});

export type ClearinghouseWebhookEnvironment = z.infer<typeof clearinghouseWebhookEnvironment>;
