/**
 * The clearinghouse the practice configuration names, reached with the connection secret (contracts/secrets.ts: API
 * key, and an endpoint that overrides the configured one): submit-claims sends through it, poll-mailbox reads its
 * mailbox. The secret is read on first use, not at cold start, so an unreadable secret fails the call as a transient
 * fault (the batch is retried, the mailbox read again next run) instead of failing every init.
 */
import type { ClearinghouseConnectionSecret } from '#contracts/secrets';
import type {
  Clearinghouse,
  ResponseFile,
  ResponseMailbox,
  SubmissionReceipt,
} from '#core/clearinghouse/clearinghouse';
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
    throw new Error(`clearinghouse kind "${configured.kind}" has no connector yet (only "sandbox")`);
  const baseUrl = secret.url ?? configured.url;
  if (!baseUrl)
    throw new Error('no clearinghouse URL (neither the practice configuration nor the connection secret has one)');
  return { baseUrl, apiKey: secret.apiKey };
}

/** The configured connector, created once the connection secret has been read; its mailbox when it has one. */
export function connectedClearinghouse(
  configured: PracticeConfig['clearinghouse'],
  connection: SecretReader<ClearinghouseConnectionSecret>,
): Clearinghouse & { readonly mailbox: ResponseMailbox } {
  let connector: SandboxClearinghouse | undefined;
  const connected = async (): Promise<SandboxClearinghouse> => {
    if (connector === undefined) {
      let secret: ClearinghouseConnectionSecret;
      try {
        secret = await connection();
      } catch (error) {
        throw new TransientClearinghouseError(`clearinghouse connection unavailable: ${(error as Error).message}`);
      }
      connector = new SandboxClearinghouse(clearinghouseEndpoint(configured, secret));
    }
    return connector;
  };
  return {
    name: configured.kind,
    async submit(batch: string, idempotencyKey: string): Promise<SubmissionReceipt> {
      return (await connected()).submit(batch, idempotencyKey);
    },
    mailbox: {
      async listResponses(options) {
        return (await connected()).mailbox.listResponses(options);
      },
      async fetchResponse(id: string): Promise<ResponseFile> {
        return (await connected()).mailbox.fetchResponse(id);
      },
    },
  };
}
