/**
 * The Standard Webhooks signing secret, read once per execution environment through a small port.
 *
 * In AWS it is a Secrets Manager secret whose SecretString is the `whsec_…` value, read through the AWS Parameters
 * and Secrets Lambda Extension (a local HTTP endpoint the extension layer serves, authenticated with the function's
 * session token), which caches it and needs no SDK client in the bundle. The twin seeds WEBHOOK_SECRET instead.
 * A failed read is not cached: the next invocation tries again (the delivery meanwhile answers 503, so the sender
 * retries).
 */

export type WebhookSecretSource = () => Promise<string>;

export interface WebhookSecretSettings {
  WEBHOOK_SECRET_ARN?: string | undefined;
  WEBHOOK_SECRET?: string | undefined;
}

type Fetch = (url: string, init: { headers: Record<string, string> }) => Promise<Response>;

export function webhookSecretSource(
  settings: WebhookSecretSettings,
  env: Readonly<Record<string, string | undefined>> = process.env,
  fetchSecret: Fetch = fetch,
): WebhookSecretSource {
  if (settings.WEBHOOK_SECRET_ARN === undefined && settings.WEBHOOK_SECRET === undefined) {
    throw new Error('clearinghouse-webhook: set WEBHOOK_SECRET_ARN (AWS) or WEBHOOK_SECRET (the twin)');
  }
  let cached: Promise<string> | undefined;
  return () => {
    cached ??= (async () => {
      if (settings.WEBHOOK_SECRET_ARN === undefined) return settings.WEBHOOK_SECRET as string;
      return readFromExtension(settings.WEBHOOK_SECRET_ARN, env, fetchSecret);
    })().catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
    return cached;
  };
}

async function readFromExtension(
  secretArn: string,
  env: Readonly<Record<string, string | undefined>>,
  fetchSecret: Fetch,
): Promise<string> {
  const port = env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT ?? '2773';
  const response = await fetchSecret(
    `http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(secretArn)}`,
    { headers: { 'X-Aws-Parameters-Secrets-Token': env.AWS_SESSION_TOKEN ?? '' } },
  );
  // The error names the status only: the response of a secrets endpoint is never echoed.
  if (!response.ok) throw new Error(`webhook secret: the secrets extension answered HTTP ${response.status}`);
  const { SecretString } = (await response.json()) as { SecretString?: unknown };
  if (typeof SecretString !== 'string' || !SecretString.startsWith('whsec_')) {
    throw new Error('webhook secret: the secret is not a Standard Webhooks secret ("whsec_" and base64)');
  }
  return SecretString;
}
