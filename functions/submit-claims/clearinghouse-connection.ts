/**
 * The clearinghouse submit-claims sends to: the connector the practice configuration names, reached with the
 * connection secret (contracts/secrets.ts: API key, and an endpoint that overrides the configured one). The secret is
 * read on first use, not at cold start, so an unreadable secret fails the batch as a transient fault (its messages
 * come back and are retried) instead of failing every init.
 */
import type { ClearinghouseConnectionSecret } from '#contracts/secrets';
import type { Clearinghouse, SubmissionReceipt } from '#core/clearinghouse/clearinghouse';
import { TransientClearinghouseError } from '#core/clearinghouse/clearinghouse';
import type { PracticeConfig } from '#core/config/practice-config';
import { SandboxClearinghouse } from '#functions/common/sandbox-clearinghouse';
import type { SecretReader } from '#functions/common/secrets-extension';

/** Where to send and with which key; names what is missing without echoing values. */
export function clearinghouseEndpoint(
  configured: PracticeConfig['clearinghouse'],
  secret: ClearinghouseConnectionSecret,
): { baseUrl: string; apiKey: string } {
  if (configured.kind !== 'sandbox')
    throw new Error(`submit-claims: clearinghouse kind "${configured.kind}" has no connector yet (only "sandbox")`);
  const baseUrl = secret.url ?? configured.url;
  if (!baseUrl)
    throw new Error(
      'submit-claims: no clearinghouse URL (neither the practice configuration nor the connection secret has one)',
    );
  return { baseUrl, apiKey: secret.apiKey };
}

/** The configured connector, created once the connection secret has been read. */
export function connectedClearinghouse(
  configured: PracticeConfig['clearinghouse'],
  connection: SecretReader<ClearinghouseConnectionSecret>,
): Clearinghouse {
  let connector: SandboxClearinghouse | undefined;
  return {
    name: configured.kind,
    async submit(batch: string, idempotencyKey: string): Promise<SubmissionReceipt> {
      if (connector === undefined) {
        let secret: ClearinghouseConnectionSecret;
        try {
          secret = await connection();
        } catch (error) {
          throw new TransientClearinghouseError(`clearinghouse connection unavailable: ${(error as Error).message}`);
        }
        connector = new SandboxClearinghouse(clearinghouseEndpoint(configured, secret));
      }
      return connector.submit(batch, idempotencyKey);
    },
  };
}
