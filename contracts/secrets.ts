/**
 * The Secrets Manager secrets the stack creates, what each holds, and how the functions, the twin and the operator
 * recognise them. A secret's value is never an environment variable: a function is given the secret's ARN and reads
 * the value at run time (through the AWS Parameters and Secrets Lambda Extension in AWS, the twin's stand-in for it
 * offline), so a value is never visible in the function's configuration.
 */
import { z } from 'zod';

/** Template metadata on each AWS::SecretsManager::Secret naming its role, so the twin can seed it. */
export const SECRET_ROLE_METADATA = 'claimflow:secret';

export const SECRET_ROLES = {
  /** The Standard Webhooks signing secret the clearinghouse signs its deliveries with. */
  webhookSigning: 'webhook-signing',
  /** How submit-claims reaches the clearinghouse: its API key (and, for a staging run, an endpoint override). */
  clearinghouseConnection: 'clearinghouse-connection',
} as const;
export type SecretRole = (typeof SECRET_ROLES)[keyof typeof SECRET_ROLES];

/**
 * The webhook signing secret as Secrets Manager generates it: 64 letters and digits (a valid base64 text of 48 bytes,
 * within Standard Webhooks' 24 to 64). A secret the clearinghouse issued may be stored instead, with or without its
 * `whsec_` prefix.
 */
export const WEBHOOK_SECRET_LENGTH = 64;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The stored value as the `whsec_…` form the standardwebhooks package takes; the error never quotes the value. */
export function webhookSigningSecret(stored: string): string {
  const bare = stored.trim().replace(/^whsec_/, '');
  if (!BASE64.test(bare) || bare.length % 4 !== 0 || atob(bare).length < 24) {
    throw new Error(
      'webhook secret: the stored value is not a Standard Webhooks secret (base64 of at least 24 bytes, "whsec_" optional)',
    );
  }
  return `whsec_${bare}`;
}

/**
 * The clearinghouse connection secret: a JSON object. `apiKey` is generated at deployment (register it with the
 * clearinghouse, or put the one it issued); `url` overrides the endpoint in the practice configuration (a staging
 * stack pointed at a sandbox, and the twin, whose sandbox listens on a port chosen at start).
 */
export const clearinghouseConnectionSecret = z.strictObject({
  apiKey: z.string().min(8),
  url: z.url().optional(),
});
export type ClearinghouseConnectionSecret = z.infer<typeof clearinghouseConnectionSecret>;

/** Parses the connection secret's text, naming what is wrong without quoting it. */
export function parseClearinghouseConnection(stored: string): ClearinghouseConnectionSecret {
  let json: unknown;
  try {
    json = JSON.parse(stored);
  } catch {
    throw new Error('clearinghouse secret: the stored value is not JSON ({"apiKey": "…", "url": "…"})');
  }
  const parsed = clearinghouseConnectionSecret.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`clearinghouse secret: ${where}`);
  }
  return parsed.data;
}
