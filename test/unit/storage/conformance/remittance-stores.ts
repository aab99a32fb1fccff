/**
 * What every remittance ledger, provider ledger, response event, response application and work item store must do.
 * Run against the in-memory stores and the DynamoDB stores (dynalite); each test uses fresh ids, so suites can share
 * one table.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ResponseEvent } from '#core/remittance/response-events';
import type { ClaimResponseEvents } from '#core/storage/claim-response-events';
import { readAllPages } from '#core/storage/page';
import type { ProviderLedgerRecord, ProviderLedgerStore } from '#core/storage/provider-ledger-store';
import type { ClaimPaymentRecord, RemittanceLedger, RemittancePaymentRecord } from '#core/storage/remittance-ledger';
import type { ResponseApplications } from '#core/storage/response-applications';
import type { WorkItem, WorkItemStore } from '#core/storage/work-items';

const AT = '2026-11-23T15:00:00.000Z';

export interface RemittanceStores {
  ledger: RemittanceLedger;
  providerLedger: ProviderLedgerStore;
  events: ClaimResponseEvents;
  applications: ResponseApplications;
  workItems: WorkItemStore;
}

function payment(payerKey: string, traceNumber: string): RemittancePaymentRecord {
  return {
    payerKey,
    payerName: 'SANDBOX HEALTH PLAN',
    traceNumber,
    paymentMethod: 'ACH',
    paymentDate: '2026-11-22',
    totalPaidCents: 15_000,
    controlNumber: '0001',
    claimPaymentCount: 2,
    postedToClaimsCents: 16_000,
    unmatchedCents: 0,
    alreadyPostedCents: 0,
    providerLedgerEffectCents: -1_000,
    fileId: 'f'.repeat(64),
    recordedAt: AT,
  };
}

function claimPayment(
  payerKey: string,
  traceNumber: string,
  claimId: string | undefined,
  clp07: string,
): ClaimPaymentRecord {
  return {
    paymentKey: `${payerKey}|${traceNumber}|${claimId ?? 'UNKNOWN1'}|${clp07}`,
    payerKey,
    traceNumber,
    paymentDate: '2026-11-22',
    ...(claimId ? { claimId } : {}),
    patientControlNumber: claimId ?? 'UNKNOWN1',
    payerClaimNumber: clp07,
    claimStatusCode: '1',
    kind: claimId ? 'payment' : 'unmatched',
    ...(claimId ? { outcome: 'paid_patient_owes', claimStatus: 'PAID' } : {}),
    chargeCents: 13_500,
    paidCents: 8_000,
    allowedCents: 11_000,
    patientShare: { totalCents: 3_000, deductibleCents: 0, coinsuranceCents: 0, copayCents: 3_000, otherCents: 0 },
    adjustments: [
      { group: 'CO', reason: '45', amountCents: 2_500, line: 1 },
      { group: 'PR', reason: '3', amountCents: 3_000, line: 1 },
    ],
    remarkCodes: [],
    lines: [
      {
        controlNumber: `${claimId ?? 'X'}-1`,
        procedureCode: '99213',
        modifiers: [],
        chargeCents: 13_500,
        paidCents: 8_000,
        allowedCents: 11_000,
        units: 1,
        serviceDate: '2026-11-20',
        remarkCodes: [],
      },
    ],
    fileId: 'f'.repeat(64),
    postedAt: AT,
  };
}

export function remittanceStoresConformance(name: string, stores: () => RemittanceStores): void {
  describe(`Remittance ledger conformance: ${name}`, () => {
    it('records a check once: a second record for the same payer and trace returns the first', async () => {
      const trace = `T${randomUUID()}`;
      const first = await stores().ledger.recordPayment(payment('1999999999', trace));
      const again = await stores().ledger.recordPayment({ ...payment('1999999999', trace), fileId: 'a'.repeat(64) });
      expect(first.created).toBe(true);
      expect(again).toEqual({ created: false, record: payment('1999999999', trace) });
      expect(await stores().ledger.getPayment('1999999999', trace)).toEqual(payment('1999999999', trace));
      expect(await stores().ledger.getPayment('1999999999', `${trace}-other`)).toBeUndefined();
    });

    it('posts a claim payment once however many deliveries race for its key, and keeps the first', async () => {
      const trace = `T${randomUUID()}`;
      const claimId = `C${randomUUID().slice(0, 10)}`;
      const record = claimPayment('1999999999', trace, claimId, 'ICN1');
      const outcomes = await Promise.all(
        Array.from({ length: 5 }, (_, i) => stores().ledger.postClaimPayment({ ...record, postedAt: `${AT}#${i}` })),
      );
      expect(outcomes.filter((o) => o.posted)).toHaveLength(1);
      const held = await stores().ledger.getClaimPayment('1999999999', trace, record.paymentKey);
      for (const outcome of outcomes) if (!outcome.posted) expect(outcome.held).toEqual(held);
      expect(await readAllPages((p) => stores().ledger.claimPaymentsForClaim(claimId, p))).toEqual([held]);
    });

    it('answers by claim and by check: a deposit is the sum of what its claim payments posted', async () => {
      const trace = `T${randomUUID()}`;
      const [a, b] = [`C${randomUUID().slice(0, 10)}`, `C${randomUUID().slice(0, 10)}`];
      await stores().ledger.postClaimPayment(claimPayment('1999999999', trace, a, 'ICN1'));
      await stores().ledger.postClaimPayment(claimPayment('1999999999', trace, b, 'ICN2'));
      await stores().ledger.postClaimPayment(claimPayment('1999999999', trace, undefined, 'ICN3'));
      await stores().ledger.postClaimPayment(claimPayment('1999999999', `T${randomUUID()}`, a, 'ICN4'));

      const check = await readAllPages((p) => stores().ledger.claimPaymentsForCheck('1999999999', trace, p));
      expect(check.map((r) => r.claimId ?? 'unmatched').sort()).toEqual([a, b, 'unmatched'].sort());
      expect(check.reduce((sum, r) => sum + r.paidCents, 0)).toBe(24_000);
      const forA = await readAllPages((p) => stores().ledger.claimPaymentsForClaim(a, p));
      expect(forA.map((r) => r.payerClaimNumber).sort()).toEqual(['ICN1', 'ICN4']);
      const paged = await stores().ledger.claimPaymentsForCheck('1999999999', trace, { limit: 2 });
      expect(paged.items).toHaveLength(2);
      expect(paged.cursor).toBeDefined();
    });
  });

  describe(`Provider ledger conformance: ${name}`, () => {
    const entry = (trace: string, providerId: string, n: number, fiscal = '2026-12-31'): ProviderLedgerRecord => ({
      entryKey: `1999999999|${trace}|PLB30.${n}`,
      providerId,
      fiscalPeriodDate: fiscal,
      reason: n === 1 ? 'L6' : 'WO',
      reasonDescription: n === 1 ? 'Interest owed' : 'Overpayment recovery',
      kind: n === 1 ? 'interest' : 'recoupment',
      ...(n === 1 ? {} : { referenceId: 'ICN9' }),
      adjustmentCents: n === 1 ? -125 : 2_000,
      depositEffectCents: n === 1 ? 125 : -2_000,
      payerKey: '1999999999',
      traceNumber: trace,
      paymentDate: '2026-11-22',
      fileId: 'f'.repeat(64),
      recordedAt: AT,
    });

    it('records each PLB item once, queryable by provider and by check', async () => {
      const trace = `T${randomUUID()}`;
      const provider = `P${randomUUID().slice(0, 9)}`;
      expect(await stores().providerLedger.record(entry(trace, provider, 1))).toBe(true);
      expect(await stores().providerLedger.record(entry(trace, provider, 2, '2026-06-30'))).toBe(true);
      expect(await stores().providerLedger.record({ ...entry(trace, provider, 1), adjustmentCents: -1 })).toBe(false);

      const byProvider = await readAllPages((p) => stores().providerLedger.entriesForProvider(provider, p));
      expect(byProvider.map((e) => e.reason)).toEqual(['WO', 'L6']);
      expect(byProvider[1]?.adjustmentCents).toBe(-125);
      const byCheck = await readAllPages((p) => stores().providerLedger.entriesForCheck('1999999999', trace, p));
      expect(byCheck.reduce((sum, e) => sum + e.depositEffectCents, 0)).toBe(-1_875);
    });
  });

  describe(`Claim response events conformance: ${name}`, () => {
    const event = (claimId: string, key: string, reason = 'Accepted'): ResponseEvent => ({
      type: 'claim_ack',
      key,
      claimId,
      at: '2026-11-21',
      round: 1,
      disposition: 'accepted',
      payerClaimNumber: 'ICN1',
      owner: 'PAYER',
      category: 'accepted',
      reason,
    });

    it('keeps the first event under a key and says whether a repeat has the same content', async () => {
      const claimId = `C${randomUUID().slice(0, 10)}`;
      expect(await stores().events.record(event(claimId, '277CA|R1|x'))).toEqual({ recorded: true });
      expect(await stores().events.record(event(claimId, '277CA|R1|x'))).toEqual({ recorded: false, same: true });
      expect(await stores().events.record(event(claimId, '277CA|R1|x', 'other'))).toEqual({
        recorded: false,
        same: false,
      });
      await stores().events.record(event(claimId, '999|HC|1|0001'));
      await stores().events.record(event(`${claimId}Z`, '999|HC|1|0001'));
      const listed = await stores().events.list(claimId);
      expect(listed.map((e) => e.key)).toEqual(['277CA|R1|x', '999|HC|1|0001']);
      expect(listed[0]).toEqual(event(claimId, '277CA|R1|x'));
    });
  });

  describe(`Response applications conformance: ${name}`, () => {
    it('starts a file once, counts attempts while it is APPLYING, and finishes it once', async () => {
      const fileId = randomUUID().replaceAll('-', '');
      const source = { key: 'responses/raw/2026/11/23/x.json', webhookId: 'msg_1' };
      expect(await stores().applications.begin(fileId, source, AT)).toMatchObject({ status: 'APPLYING', attempts: 1 });
      expect(await stores().applications.begin(fileId, { key: 'mailbox/2' }, AT)).toMatchObject({
        attempts: 2,
        source,
      });
      const summary = { transactions: [], claimsChanged: 2, workItems: 0 };
      await stores().applications.finish(fileId, { status: 'APPLIED', summary }, AT);
      await stores().applications.finish(fileId, { status: 'APPLIED', summary }, AT);
      const done = await stores().applications.begin(fileId, source, AT);
      expect(done).toMatchObject({ status: 'APPLIED', attempts: 2, summary, finishedAt: AT });
      await expect(stores().applications.finish(fileId, { status: 'UNREADABLE', reason: 'x' }, AT)).rejects.toThrow(
        /APPLIED, not APPLYING/,
      );
      expect(await stores().applications.get(`${fileId}0`)).toBeUndefined();
    });
  });

  describe(`Work items conformance: ${name}`, () => {
    it('raises an item once by its id and lists open items oldest first', async () => {
      const id = `quarantine|${randomUUID()}`;
      const item: WorkItem = {
        id,
        category: 'quarantined_remittance',
        owner: 'BILLER',
        status: 'OPEN',
        reason: '835 T1 does not balance',
        raisedAt: '2000-01-01T00:00:00.000Z',
        traceNumber: 'T1',
        details: ['claim C1: CLP03 - CAS != CLP04'],
      };
      expect(await stores().workItems.raise(item)).toBe(true);
      expect(await stores().workItems.raise({ ...item, reason: 'again' })).toBe(false);
      expect(await stores().workItems.get(id)).toEqual(item);
      const open = await stores().workItems.listOpen({ limit: 1 });
      expect(open.items[0]).toEqual(item);
    });

    it('resolves an open item once, taking it off the open list and keeping who resolved it and why', async () => {
      const id = `follow-up|${randomUUID()}`;
      const item: WorkItem = {
        id,
        category: 'follow_up_no_acknowledgment',
        owner: 'BILLER',
        status: 'OPEN',
        reason: 'no 277CA after 6 days',
        raisedAt: '1999-01-01T00:00:00.000Z',
        claimId: 'C-1',
      };
      await stores().workItems.raise(item);
      const resolution = { at: '1999-01-02T00:00:00.000Z', actor: 'follow-up', reason: 'the claim is ACCEPTED' };

      const [first, second] = await Promise.all([
        stores().workItems.resolve(id, resolution),
        stores().workItems.resolve(id, { ...resolution, actor: 'biller' }),
      ]);

      expect([first, second].filter(Boolean)).toHaveLength(1);
      expect(await stores().workItems.get(id)).toMatchObject({
        status: 'RESOLVED',
        resolvedAt: '1999-01-02T00:00:00.000Z',
        resolution: 'the claim is ACCEPTED',
      });
      const open = await readAllPages((page) => stores().workItems.listOpen(page));
      expect(open.map((i) => i.id)).not.toContain(id);
      expect(await stores().workItems.resolve(`missing|${randomUUID()}`, resolution)).toBe(false);
    });
  });
}
