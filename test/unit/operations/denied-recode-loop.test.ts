/**
 * The loop billing lives by, in process with the real pieces: a claim goes through core/submission to the sandbox
 * clearinghouse and payer (local/sandbox), which bundles its second line (member-id prefix DN97: CO-97, M15); the
 * 999, 277CA and 835 are applied with applyResponseFile, so the claim is PARTIALLY_PAID with the payer's claim
 * number. A coder recodes the line with modifier 59: the replacement claim (frequency 7, REF*F8 with that number)
 * goes out through the same submission path, and the payer pays it, reversing the original.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Claim } from '#core/claims/claim';
import type { ClaimQueuedMessage } from '#core/claims/claim-ports';
import { starterCodeSets } from '#core/codesets/starter/index';
import { parsePracticeConfig } from '#core/config/practice-config';
import { claimResponsesFrom, editClaim, type OperationsPorts, rescrubberFor, showClaim } from '#core/operations/index';
import { applyResponseFile } from '#core/responses/apply-response-file';
import { InMemoryClaimResponseEvents } from '#core/storage/memory/claim-response-events';
import { InMemoryClaimStore } from '#core/storage/memory/claim-store';
import { InMemoryControlNumberCounters } from '#core/storage/memory/control-number-counters';
import { InMemoryProviderLedger } from '#core/storage/memory/provider-ledger-store';
import { InMemoryRemittanceLedger } from '#core/storage/memory/remittance-ledger';
import { InMemoryResponseApplications } from '#core/storage/memory/response-applications';
import { InMemorySubmissionRecords } from '#core/storage/memory/submission-records';
import { InMemoryVisitReservations } from '#core/storage/memory/visit-reservations';
import { InMemoryWorkItems } from '#core/storage/memory/work-items';
import { priorClaimsIn } from '#core/storage/prior-claims';
import { InMemorySubmissionArchive } from '#core/submission/submission-archive';
import { submitClaims } from '#core/submission/submit-claims';
import { read837P } from '#core/x12/837p/reader-837p';
import { loadPayerRulesDirectory } from '#functions/common/payer-rule-directory';
import { SAMPLE_PAYER_RULES, SAMPLE_PRACTICE_CONFIG } from '#lib/sample-config';
import { describeWithValidator, validateX12 } from '../sandbox/independent-validator.ts';
import { IDENTITY, sandbox, settle } from '../sandbox/sandbox-fixtures.ts';
import { InProcessSandboxClearinghouse, queuedClaim } from '../submission/submission-harness.ts';

function loop() {
  const { sandbox: payer, clock } = sandbox();
  const claims = new InMemoryClaimStore();
  const stores = {
    claims,
    submissions: new InMemorySubmissionRecords(),
    events: new InMemoryClaimResponseEvents(),
    ledger: new InMemoryRemittanceLedger(),
    providerLedger: new InMemoryProviderLedger(),
    applications: new InMemoryResponseApplications(),
    workItems: new InMemoryWorkItems(),
  };
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
    clearinghouse,
    operations,
    published,
    /** Sends QUEUED claims as submit-claims does, one message each. */
    async submit(queued: Claim[]) {
      const results = await submitClaims(
        queued.map((c) => ({ messageId: `m-${c.id}-${c.version}`, claimId: c.id, version: c.version })),
        { claims, records: stores.submissions, counters, archive, clearinghouse, clock, identityFor: () => IDENTITY },
      );
      expect(results.map((r) => r.kind)).toEqual(queued.map(() => 'submitted'));
    },
    /** Lets payer time pass until the sandbox owes nothing, and applies every new response file once. */
    async respond() {
      await settle(payer, clock);
      const files = payer.listResponses({ limit: 1000 }).files.slice(applied);
      applied += files.length;
      for (const summary of files) {
        const file = payer.fetchResponse(summary.id);
        const result = await applyResponseFile(
          { body: file.x12, source: { key: `responses/raw/${file.id}.x12` } },
          { ...stores, clock },
        );
        expect(result.kind).toBe('applied');
      }
    },
  };
}

async function deniedThenRecoded() {
  const world = loop();
  const original = queuedClaim('CFDN97LOOP000000001', {}, 'DN97-0042');
  await world.claims.create(original);
  await world.submit([original]);
  await world.respond();
  const adjudicated = (await world.claims.get(original.id))!;

  const recoded = await editClaim(
    {
      claimId: original.id,
      actor: 'coder:ana',
      changes: { lines: [{ line: 2, modifiers: ['59'] }] },
      reason: 'separate encounter documented',
      approve: true,
    },
    world.operations,
  );
  return { world, original, adjudicated, recoded };
}

describe('a claim denied for bundling, recoded with a modifier', () => {
  it('goes out as a replacement (frequency 7, REF*F8) and is paid', async () => {
    const { world, original, adjudicated, recoded } = await deniedThenRecoded();
    expect(adjudicated).toMatchObject({ status: 'PARTIALLY_PAID', reasonCategory: 'bundling', owner: 'CODER' });
    expect(adjudicated.payerClaimNumber).toMatch(/^SHP/);

    expect(recoded.errors).toEqual([]);
    const replacement = recoded.claim;
    expect(replacement).toMatchObject({
      status: 'QUEUED',
      frequency: '7',
      originalClaimNumber: adjudicated.payerClaimNumber,
      replaces: { claimId: original.id, kind: 'replacement' },
    });
    expect(world.published).toEqual([{ claimId: replacement.id, version: replacement.version }]);
    expect((await world.claims.get(original.id))?.status).toBe('CORRECTED');

    await world.submit([replacement]);
    const sent = world.clearinghouse.firstSends().at(-1)!;
    const [carried] = read837P(sent).transactions.flatMap((t) => t.claims);
    expect(carried).toMatchObject({
      id: replacement.id,
      frequency: '7',
      originalClaimNumber: adjudicated.payerClaimNumber,
    });
    expect(carried?.lines[1]?.modifiers).toEqual(['59']);

    await world.respond();
    const paid = (await world.claims.get(replacement.id))!;
    expect(paid.status).toBe('PAID');
    expect(paid.payerClaimNumber).toMatch(/^SHP/);
    expect(paid.payerClaimNumber).not.toBe(adjudicated.payerClaimNumber);
    expect(paid.responses?.netPaidCents).toBeGreaterThan(0);

    // `claims show` of the original: the 277CA that accepted it, the 835 that bundled its second line, the 837 sent.
    const shown = await showClaim(original.id, world.operations);
    expect(shown.acknowledgments.map((a) => [a.kind, a.disposition])).toEqual(
      expect.arrayContaining([['277CA', 'accepted']]),
    );
    const bundled = shown.payments.find((p) => p.status === 'PARTIALLY_PAID');
    expect(bundled?.adjustments).toEqual(
      expect.arrayContaining([expect.objectContaining({ group: 'CO', reason: '97', line: 2 })]),
    );
    expect(bundled?.paid).toMatch(/^\$\d+\.\d\d$/);
    expect(shown.submission?.x12).toContain(`CLM*${original.id}*`);
    expect(shown.replacedBy).toEqual({ claimId: replacement.id, kind: 'replacement' });
  });
});

describeWithValidator('the replacement 837P of the recode loop, through pyx12', () => {
  it('is valid X12 for the independent validator', async () => {
    const { world, recoded } = await deniedThenRecoded();
    await world.submit([recoded.claim]);
    const { valid, report } = validateX12({ replacement: world.clearinghouse.firstSends().at(-1)! });
    expect(report).not.toMatch(/error/i);
    expect(valid).toBe(true);
  });
});
