/**
 * The whole response side in process: claims submitted through core/submission to the real sandbox clearinghouse and
 * payer (local/sandbox, another helper's code) on a fake clock, its 999s, 277CAs and 835s taken from its mailbox, and
 * applied with applyResponseFile to in-memory stores. Tests read what the sandbox decided, never what we wrote.
 */
import type { Claim, ClaimEvent } from '#core/claims/claim';
import {
  type ApplyResponsePorts,
  type ApplyResponseResult,
  applyResponseFile,
} from '#core/responses/apply-response-file';
import { InMemoryControlNumberCounters } from '#core/storage/memory/control-number-counters';
import { readAllPages } from '#core/storage/page';
import { InMemorySubmissionArchive } from '#core/submission/submission-archive';
import { submitClaims } from '#core/submission/submit-claims';
import { readTypedX12 } from '#core/x12/typed';
import { reconcileRemittances } from '#local/cli/remittance-reconciliation';
import { inMemoryResponseStores } from '#test/support/response-stores';
import { FakeClock, IDENTITY, sandbox, settle } from '../sandbox/sandbox-fixtures.ts';
import { InProcessSandboxClearinghouse, queuedClaim } from '../submission/submission-harness.ts';

export interface SandboxFile {
  id: string;
  kind: string;
  x12: string;
}

/** Claim ids and member ids: the sandbox decides by the member id's prefix (local/sandbox/README.md). */
export const MEMBERS = {
  paid: 'SBX112233445',
  partial: 'PART-0001',
  denied: 'DN96-0001',
  rejected277: 'REJ33-0001',
  rejected999: 'X999-0001',
  reversed: 'REV-0001',
  interest: 'INT-0001',
  recouped: 'RCP-0001',
} as const;

export function postingWorld() {
  const clock = new FakeClock();
  const { sandbox: clearinghouseSandbox } = sandbox({ clock });
  const stores = inMemoryResponseStores();
  const counters = new InMemoryControlNumberCounters();
  const archive = new InMemorySubmissionArchive();
  const ports = (overrides: Partial<ApplyResponsePorts> = {}): ApplyResponsePorts => ({
    ...stores,
    clock,
    ...overrides,
  });

  return {
    clock,
    sandbox: clearinghouseSandbox,
    stores,
    ports,
    /** Creates QUEUED claims (one per id, with its member id) and submits them in one batch. */
    async submit(claims: { id: string; memberId: string }[]): Promise<Claim[]> {
      const queued = claims.map(({ id, memberId }) => queuedClaim(id, {}, memberId));
      for (const claim of queued) await stores.claims.create(claim);
      const results = await submitClaims(
        queued.map((claim) => ({ messageId: `m-${claim.id}`, claimId: claim.id, version: claim.version })),
        {
          claims: stores.claims,
          records: stores.submissions,
          counters,
          archive,
          clearinghouse: new InProcessSandboxClearinghouse(clearinghouseSandbox),
          clock,
          identityFor: () => IDENTITY,
        },
      );
      for (const result of results)
        if (result.kind !== 'submitted' && result.kind !== 'needs_review')
          throw new Error(`submission of ${result.claimId} ended ${result.kind}`);
      return queued;
    },
    /** Lets payer time pass until the sandbox owes nothing; returns every file it produced, in its order. */
    async respond(): Promise<SandboxFile[]> {
      await settle(clearinghouseSandbox, clock);
      const files: SandboxFile[] = [];
      let cursor: string | undefined;
      for (;;) {
        const page = clearinghouseSandbox.listResponses({ ...(cursor ? { cursor } : {}), limit: 1000 });
        for (const summary of page.files) {
          const file = clearinghouseSandbox.fetchResponse(summary.id);
          files.push({ id: file.id, kind: file.kind, x12: file.x12 });
        }
        if (page.files.length === 0 || page.cursor === cursor) break;
        cursor = page.cursor;
      }
      return files;
    },
    async apply(file: SandboxFile, as: 'webhook' | 'mailbox' = 'webhook', overrides: Partial<ApplyResponsePorts> = {}) {
      const body =
        as === 'webhook'
          ? JSON.stringify({ type: 'x12.response.available', timestamp: '2026-11-23T15:00:00Z', data: file })
          : file.x12;
      return applyResponseFile(
        {
          body,
          source: {
            key: `responses/raw/${file.id}.${as === 'webhook' ? 'json' : 'x12'}`,
            ...(as === 'webhook' ? { webhookId: `msg_${file.id}` } : {}),
          },
        },
        ports(overrides),
      );
    },
    async applyAll(
      files: readonly SandboxFile[],
      as: 'webhook' | 'mailbox' = 'webhook',
    ): Promise<ApplyResponseResult[]> {
      const results: ApplyResponseResult[] = [];
      for (const file of files) results.push(await this.apply(file, as));
      return results;
    },
    async claim(id: string): Promise<Claim> {
      const claim = await stores.claims.get(id);
      if (!claim) throw new Error(`no claim ${id}`);
      return claim;
    },
    async history(id: string): Promise<ClaimEvent[]> {
      return readAllPages((page) => stores.claims.history(id, page));
    },
    /** Σ of what the ledger holds as posted to claims and unmatched, and the provider ledger's effect, over the files' 835s. */
    async ledgerTotals(files: readonly SandboxFile[]) {
      const r = await reconcileRemittances(
        files.map((f) => f.x12),
        { ledger: stores.ledger, providerLedger: stores.providerLedger },
      );
      return {
        deposits: r.paidByPayersCents,
        claimPayments: r.postedToClaimsCents + r.unmatchedCents,
        providerEffect: r.providerLedgerEffectCents,
      };
    },
  };
}

export function remittancesOf(files: readonly SandboxFile[]) {
  return files.flatMap((file) =>
    readTypedX12(file.x12).transactions.flatMap((t) => (t.kind === '835' ? [t.remittance] : [])),
  );
}
