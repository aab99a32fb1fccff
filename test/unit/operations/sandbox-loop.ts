/**
 * The revenue loop in process with the real pieces, for operator-action specs: core/submission sends QUEUED claims to
 * the sandbox clearinghouse and payer (local/sandbox, whose member-id prefixes choose outcomes), every response file
 * it makes is applied with applyResponseFile, and the operator use cases run on the same stores.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Claim } from '#core/claims/claim';
import type { ClaimQueuedMessage } from '#core/claims/claim-ports';
import { starterCodeSets } from '#core/codesets/starter/index';
import { parsePracticeConfig } from '#core/config/practice-config';
import { claimResponsesFrom, type OperationsPorts, rescrubberFor } from '#core/operations/index';
import { applyResponseFile } from '#core/responses/apply-response-file';
import { InMemoryControlNumberCounters } from '#core/storage/memory/control-number-counters';
import { InMemoryVisitReservations } from '#core/storage/memory/visit-reservations';
import { priorClaimsIn } from '#core/storage/prior-claims';
import { InMemorySubmissionArchive } from '#core/submission/submission-archive';
import { submitClaims } from '#core/submission/submit-claims';
import { loadPayerRulesDirectory } from '#functions/common/payer-rule-directory';
import { SAMPLE_PAYER_RULES, SAMPLE_PRACTICE_CONFIG } from '#lib/sample-config';
import type { SandboxOptions } from '#local/sandbox/sandbox';
import { inMemoryResponseStores } from '#test/support/response-stores';
import { IDENTITY, sandbox, settle } from '../sandbox/sandbox-fixtures.ts';
import { InProcessSandboxClearinghouse } from '../submission/submission-harness.ts';

export type SandboxLoop = ReturnType<typeof sandboxLoop>;

export function sandboxLoop(options: Partial<SandboxOptions> = {}) {
  const { sandbox: payer, clock } = sandbox(options);
  const stores = inMemoryResponseStores();
  const { claims } = stores;
  const archive = new InMemorySubmissionArchive();
  const counters = new InMemoryControlNumberCounters();
  const clearinghouse = new InProcessSandboxClearinghouse(payer);
  const published: ClaimQueuedMessage[] = [];
  let applied = 0;
  const operations: OperationsPorts = {
    claims,
    visits: new InMemoryVisitReservations(),
    submissions: { publish: async (message) => void published.push(message) },
    clock,
    archive,
    responses: claimResponsesFrom({ events: stores.events, ledger: stores.ledger }),
    rescrub: rescrubberFor({
      codeSets: starterCodeSets(),
      config: parsePracticeConfig(JSON.parse(readFileSync(SAMPLE_PRACTICE_CONFIG, 'utf8')), 'sample'),
      payerRules: loadPayerRulesDirectory(SAMPLE_PAYER_RULES),
      priorClaims: priorClaimsIn(claims),
      today: () => clock.now().toISOString().slice(0, 10),
    }),
  };
  return {
    claims,
    stores,
    clearinghouse,
    operations,
    published,
    /** The X12 of every 835 the payer has made so far, oldest first. */
    remittances(): string[] {
      return payer
        .listResponses({ limit: 1000 })
        .files.filter((f) => f.kind === '835')
        .map((f) => payer.fetchResponse(f.id).x12);
    },
    /** Sends QUEUED claims as submit-claims does, one message each. */
    async submit(queued: Claim[]) {
      const results = await submitClaims(
        queued.map((c) => ({ messageId: `m-${c.id}-${c.version}`, claimId: c.id, version: c.version })),
        { claims, records: stores.submissions, counters, archive, clearinghouse, clock, identityFor: () => IDENTITY },
      );
      expect(results.map((r) => r.kind)).toEqual(queued.map(() => 'submitted'));
    },
    /**
     * Lets payer time pass until the sandbox owes nothing, and applies every new response file once, in the order
     * the payer made them (or the reverse, `reverse`, as a late webhook delivery does). `forMs`: only that much
     * payer time passes (e.g. up to the 277CA, before the payment cycle).
     */
    async respond(options: { reverse?: boolean; forMs?: number } = {}) {
      await settle(payer, clock, options.forMs);
      const files = payer.listResponses({ limit: 1000 }).files.slice(applied);
      applied += files.length;
      for (const summary of options.reverse ? files.reverse() : files)
        expect(await apply(summary.id, '')).toBe('applied');
    },
    /** Every response file delivered again (another object key: a mailbox copy of what the webhook brought). */
    async reapplyAll() {
      for (const summary of payer.listResponses({ limit: 1000 }).files.slice(0, applied))
        expect(await apply(summary.id, '-again')).toBe('already_applied');
    },
  };

  async function apply(fileId: string, suffix: string): Promise<string> {
    const file = payer.fetchResponse(fileId);
    const result = await applyResponseFile(
      { body: file.x12, source: { key: `responses/raw/${file.id}${suffix}.x12` } },
      { ...stores, clock },
    );
    return result.kind;
  }
}
