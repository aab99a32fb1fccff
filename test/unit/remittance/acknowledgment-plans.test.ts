import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planClaimAcknowledgment } from '#core/remittance/claim-acknowledgment-plan';
import {
  planImplementationAcknowledgment,
  type SubmittedGroup,
} from '#core/remittance/implementation-acknowledgment-plan';
import {
  build277ca,
  type ClaimAcknowledgment277Input,
  type ClaimAcknowledgmentInput,
} from '#core/x12/277ca/build-277ca';
import type { ClaimAcknowledgment } from '#core/x12/277ca/claim-acknowledgment';
import { build999 } from '#core/x12/999/build-999';
import type { ImplementationAcknowledgment } from '#core/x12/999/implementation-acknowledgment';
import { readTypedX12 } from '#core/x12/typed';
import { describeWithSharedData, sharedData } from '#test/support/shared-data';
import { acknowledgment999, claimAcknowledgment277 } from '#test/support/x12-response-fixtures';
import { envelope } from './remittance-fixtures.ts';

function read999(text: string): ImplementationAcknowledgment {
  const [transaction] = readTypedX12(text).transactions;
  if (transaction?.kind !== '999') throw new Error('expected a 999');
  return transaction.acknowledgment;
}

function read277(text: string): ClaimAcknowledgment {
  const [transaction] = readTypedX12(text).transactions;
  if (transaction?.kind !== '277CA') throw new Error('expected a 277CA');
  return transaction.claimAcknowledgment;
}

const SENT: SubmittedGroup = {
  groupControlNumber: '7',
  functionalId: 'HC',
  transactions: [
    { controlNumber: '0001', claimIds: ['CLM1', 'CLM2'] },
    { controlNumber: '0002', claimIds: ['PCN1', 'PCN2'] },
  ],
};

// The first set accepted, the second rejected for PCN1's member id (NM109, code 7).
const ACK = acknowledgment999();

describe('planImplementationAcknowledgment: a 999 to the claims it affects', () => {
  const plan = planImplementationAcknowledgment(read999(build999(ACK, envelope()).text), (n) =>
    n === '7' ? SENT : undefined,
  );

  it('claims in an accepted set are accepted (no status change, kept in history)', () => {
    expect(
      plan.decisions
        .filter((d) => d.transactionControlNumber === '0001')
        .map((d) => [d.claimId, d.verdict, d.claimStatus]),
    ).toEqual([
      ['CLM1', 'accepted', undefined],
      ['CLM2', 'accepted', undefined],
    ]);
  });

  it('every claim in a rejected set is REJECTED, owner BILLER, with the IK3/IK4 reason', () => {
    const rejected = plan.decisions.filter((d) => d.transactionControlNumber === '0002');
    expect(rejected.map((d) => [d.claimId, d.verdict, d.claimStatus, d.owner, d.category])).toEqual([
      ['PCN1', 'rejected', 'REJECTED', 'BILLER', 'missing_information'],
      ['PCN2', 'rejected', 'REJECTED', 'BILLER', 'missing_information'],
    ]);
    expect(rejected[0]?.reason).toContain('segment 14 (NM1, loop 2010): NM109: Invalid code value');
    expect(rejected[1]?.reason).toContain("rejected with its transaction set because of another claim's error");
    expect(rejected[0]?.errors[0]).toMatchObject({
      claimId: 'PCN1',
      elementErrors: [{ elementPosition: 9, badValue: 'X999BAD' }],
    });
  });

  it('the same 999 delivered twice gives the same event keys', () => {
    const again = planImplementationAcknowledgment(read999(build999(ACK, envelope(2)).text), () => SENT);
    expect(again.decisions.map((d) => d.eventKey)).toEqual(plan.decisions.map((d) => d.eventKey));
  });

  it('a 999 for a group we never recorded is a work item, not a guess', () => {
    const unknown = planImplementationAcknowledgment(read999(build999(ACK, envelope()).text), () => undefined);
    expect(unknown.decisions).toEqual([]);
    expect(unknown.workItem).toMatchObject({ category: 'unmatched_acknowledgment', owner: 'BILLER' });
  });

  it('a set the 999 does not report on shares the group verdict: rejected with a rejected group (AK9 R)', () => {
    const onlySecond = { ...ACK, transactions: ACK.transactions.slice(1) };
    const ack = read999(build999(onlySecond, envelope()).text);
    expect(ack.groupResponse.status).toBe('R');

    const result = planImplementationAcknowledgment(ack, () => SENT);

    expect(result.decisions.map((d) => [d.claimId, d.verdict])).toEqual([
      ['CLM1', 'rejected'],
      ['CLM2', 'rejected'],
      ['PCN1', 'rejected'],
      ['PCN2', 'rejected'],
    ]);
  });
});

function claimAck(overrides: Partial<ClaimAcknowledgmentInput>): ClaimAcknowledgmentInput {
  return {
    patientControlNumber: 'CLM1',
    patient: { lastName: 'DOE', firstName: 'JANE', memberId: 'M123' },
    chargeCents: 15000,
    serviceDateFrom: '2026-11-02',
    statuses: [{ category: 'A2', status: '20', entity: 'PR' }],
    ...overrides,
  };
}

function ack277(claims: ClaimAcknowledgmentInput[]): ClaimAcknowledgment277Input {
  const base = claimAcknowledgment277();
  return {
    ...base,
    receivedDate: '2026-11-03',
    processedDate: '2026-11-03',
    providers: [{ provider: base.providers[0]!.provider, claims }],
  };
}

describe('planClaimAcknowledgment: a 277CA to per-claim decisions', () => {
  it('A2 accepts the claim into adjudication and keeps the payer claim number (REF*1K)', () => {
    const plan = planClaimAcknowledgment(
      read277(build277ca(ack277([claimAck({ payerClaimNumber: 'ICN0001' })]), envelope()).text),
      () => true,
    );

    expect(plan.decisions[0]).toMatchObject({
      claimId: 'CLM1',
      disposition: 'accepted',
      claimStatus: 'ACCEPTED',
      payerClaimNumber: 'ICN0001',
      owner: 'PAYER',
      effectiveDate: '2026-11-03',
    });
  });

  it('A7:562:85 rejects the claim for the biller, with category, status and entity in words', () => {
    const plan = planClaimAcknowledgment(
      read277(
        build277ca(ack277([claimAck({ statuses: [{ category: 'A7', status: '562', entity: '85' }] })]), envelope())
          .text,
      ),
      () => true,
    );

    const [decision] = plan.decisions;
    expect(decision).toMatchObject({
      disposition: 'rejected',
      claimStatus: 'REJECTED',
      owner: 'BILLER',
      category: 'provider_eligibility',
    });
    expect(decision?.reason).toBe(
      "Rejected by the payer/clearinghouse: Rejected for invalid information: Entity's National Provider Identifier (NPI) (Billing provider).",
    );
    expect(decision?.nextAction).toContain('new original claim (frequency 1)');
  });

  it('a procedure code rejection (A7:454) goes to the coder; the specific status wins over the generic 21', () => {
    const plan = planClaimAcknowledgment(
      read277(
        build277ca(
          ack277([
            claimAck({
              statuses: [
                { category: 'A7', status: '21' },
                { category: 'A7', status: '454' },
              ],
            }),
          ]),
          envelope(),
        ).text,
      ),
      () => true,
    );

    expect(plan.decisions[0]).toMatchObject({ owner: 'CODER', category: 'coding_error' });
  });

  it('A1 (received) changes no status; an unknown claim becomes a work item', () => {
    const plan = planClaimAcknowledgment(
      read277(
        build277ca(
          ack277([
            claimAck({ statuses: [{ category: 'A1', status: '19', entity: 'PR' }] }),
            claimAck({ patientControlNumber: 'ZZZ' }),
          ]),
          envelope(),
        ).text,
      ),
      (id) => id === 'CLM1',
    );

    expect(plan.decisions.map((d) => [d.claimId, d.disposition, d.claimStatus])).toEqual([
      ['CLM1', 'acknowledged', undefined],
    ]);
    expect(plan.unmatched.map((u) => [u.claimId, u.workItem.category])).toEqual([['ZZZ', 'unmatched_acknowledgment']]);
  });
});

describeWithSharedData('acknowledgment samples from other hands', ['x12', '277ca'], () => {
  it('imsweb 277CA rejected: A7:562:85 on claim 3920394930203', () => {
    const ack = read277(readFileSync(sharedData('x12', '277ca', 'imsweb_x12_277CA_rejected.txt'), 'utf8'));
    const plan = planClaimAcknowledgment(ack, () => true);
    expect(plan.decisions.map((d) => [d.claimId, d.disposition, d.owner, d.category, d.effectiveDate])).toEqual([
      ['3920394930203', 'rejected', 'BILLER', 'provider_eligibility', '2011-03-11'],
    ]);
  });

  it('imsweb 277CA accepted: accepted into adjudication', () => {
    const ack = read277(readFileSync(sharedData('x12', '277ca', 'imsweb_x12_277CA_accepted.txt'), 'utf8'));
    const plan = planClaimAcknowledgment(ack, () => true);
    expect(plan.decisions.map((d) => d.disposition)).toEqual(['accepted']);
  });

  it('imsweb 999 rejected: every claim we recorded in set 0028 is rejected with IK3 "segment id not recognized"', () => {
    const ack = read999(readFileSync(sharedData('x12', '999', 'imsweb_x12_999_rejected.txt'), 'utf8'));
    const plan = planImplementationAcknowledgment(ack, (n) =>
      n === '28'
        ? {
            groupControlNumber: '28',
            functionalId: 'HC',
            transactions: [{ controlNumber: '0028', claimIds: ['A', 'B'] }],
          }
        : undefined,
    );
    expect(plan.decisions.map((d) => [d.claimId, d.claimStatus, d.category])).toEqual([
      ['A', 'REJECTED', 'syntax_error'],
      ['B', 'REJECTED', 'syntax_error'],
    ]);
    expect(plan.decisions[0]?.reason).toContain('segment 17 (NM): Segment id not recognized');
  });
});
