/**
 * The Standard Webhooks signing secret: a Secrets Manager secret (WEBHOOK_SECRET_ARN) read once per execution
 * environment through the Parameters and Secrets extension (functions/common/secrets-extension.ts; the twin serves
 * the same endpoint). Never an environment value. A failed read is not kept: the delivery meanwhile answers 503, so
 * the sender retries.
 */
import { webhookSigningSecret } from '#contracts/secrets';
import { secretReader } from '#functions/common/secrets-extension';

export type WebhookSecretSource = () => Promise<string>;

export interface WebhookSecretSettings {
  WEBHOOK_SECRET_ARN: string;
}

type Fetch = (url: string, init: { headers: Record<string, string> }) => Promise<Response>;

export function webhookSecretSource(
  settings: WebhookSecretSettings,
  env: Readonly<Record<string, string | undefined>> = process.env,
  fetchSecret: Fetch = fetch,
): WebhookSecretSource {
  return secretReader(settings.WEBHOOK_SECRET_ARN, 'webhook secret', webhookSigningSecret, env, fetchSecret);
}
