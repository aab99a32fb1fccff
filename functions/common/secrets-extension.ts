/**
 * Reads a Secrets Manager secret's value through the AWS Parameters and Secrets Lambda Extension: a local HTTP
 * endpoint the extension layer serves (port PARAMETERS_SECRETS_EXTENSION_HTTP_PORT, default 2773), authenticated with
 * the function's session token. The extension caches the value, so the bundle needs no Secrets Manager client. The
 * twin serves the same endpoint for the secrets of its template.
 *
 * The reader keeps the value for the life of the execution environment; a failed read is not kept, so the next call
 * tries again. Errors name the HTTP status only: a secrets endpoint's answer is never echoed.
 */

export type SecretReader<T = string> = () => Promise<T>;

type Fetch = (url: string, init: { headers: Record<string, string> }) => Promise<Response>;

export const DEFAULT_EXTENSION_PORT = '2773';

/**
 * `parse` turns the stored text into what the function uses (and throws, without quoting it, when it is not): a value
 * that does not parse is not kept either, so a corrected secret is picked up without a cold start.
 */
export function secretReader<T>(
  secretArn: string,
  what: string,
  parse: (stored: string) => T,
  env: Readonly<Record<string, string | undefined>> = process.env,
  fetchSecret: Fetch = fetch,
): SecretReader<T> {
  let cached: Promise<T> | undefined;
  return () => {
    if (cached === undefined) {
      const attempt = readSecret(secretArn, what, env, fetchSecret).then(parse);
      cached = attempt;
      attempt.catch(() => {
        if (cached === attempt) cached = undefined;
      });
    }
    return cached;
  };
}

async function readSecret(
  secretArn: string,
  what: string,
  env: Readonly<Record<string, string | undefined>>,
  fetchSecret: Fetch,
): Promise<string> {
  const port = env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT ?? DEFAULT_EXTENSION_PORT;
  let response: Response;
  try {
    response = await fetchSecret(
      `http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(secretArn)}`,
      { headers: { 'X-Aws-Parameters-Secrets-Token': env.AWS_SESSION_TOKEN ?? '' } },
    );
  } catch (error) {
    throw new Error(`${what}: the secrets extension is unreachable (${(error as Error).name})`);
  }
  if (!response.ok) throw new Error(`${what}: the secrets extension answered HTTP ${response.status}`);
  const { SecretString } = (await response.json()) as { SecretString?: unknown };
  if (typeof SecretString !== 'string') throw new Error(`${what}: the secret has no SecretString`);
  return SecretString;
}
