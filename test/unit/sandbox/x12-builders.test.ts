/**
 * The response builders (999, 277CA, 835) write files our strict parsers read back to the same facts, and that the
 * independent validator (pyx12) accepts.
 */
import { describe, expect, it } from 'vitest';
import { build277ca } from '#core/x12/277ca/build-277ca';
import { build835, type Remittance835Input, Unbalanced835Error } from '#core/x12/835/build-835';
import { build999 } from '#core/x12/999/build-999';
import { readTypedX12, type TypedTransaction } from '#core/x12/typed';
import {
  acknowledgment999,
  claimAcknowledgment277,
  remittanceInput,
  responseEnvelope,
} from '#test/support/x12-response-fixtures';
import { describeWithValidator, validateX12 } from './independent-validator.ts';

const envelope = (n: number) => responseEnvelope(n);
const ACK = acknowledgment999();
const ACKNOWLEDGMENT = claimAcknowledgment277();

/** An EFT paying PCN1 (one line paid, one bundled) and reversing PCN3, with interest and a recoupment. */
function remittance(overrides: Partial<Remittance835Input> = {}): Remittance835Input {
  return remittanceInput([], {
    payment: {
      method: 'ACH',
      date: '2026-11-30',
      traceNumber: 'EFT0001',
      payerBank: { routingNumber: '011000015', accountNumber: '12345' },
      payeeBank: { routingNumber: '021000021', accountNumber: '98765' },
    },
    productionDate: '2026-11-30',
    claims: [
      {
        patientControlNumber: 'PCN1',
        status: '1',
        chargeCents: 17550,
        paidCents: 9000,
        patientResponsibilityCents: 2500,
        filingIndicator: '12',
        payerClaimControlNumber: 'ICN0001',
        facilityCode: '11',
        frequency: '1',
        patient: { lastName: 'DOE', firstName: 'JANE', memberId: 'XYZ1' },
        receivedDate: '2026-11-23',
        lines: [
          {
            code: '99214',
            modifiers: ['25'],
            chargeCents: 15000,
            paidCents: 9000,
            units: 1,
            serviceDate: '2026-11-20',
            lineControlNumber: 'PCN1-1',
            allowedCents: 11500,
            adjustments: [
              { group: 'CO', reason: '45', amountCents: 3500 },
              { group: 'PR', reason: '3', amountCents: 2500 },
            ],
          },
          {
            code: '82947',
            chargeCents: 2550,
            paidCents: 0,
            units: 1,
            serviceDate: '2026-11-20',
            lineControlNumber: 'PCN1-2',
            allowedCents: 0,
            adjustments: [{ group: 'CO', reason: '97', amountCents: 2550 }],
            remarks: ['M15'],
          },
        ],
      },
      {
        patientControlNumber: 'PCN3',
        status: '22',
        chargeCents: -10000,
        paidCents: -8000,
        patientResponsibilityCents: 0,
        filingIndicator: '12',
        payerClaimControlNumber: 'ICN0002',
        patient: { lastName: 'ROE', memberId: 'XYZ3' },
        lines: [
          {
            code: '99213',
            chargeCents: -10000,
            paidCents: -8000,
            units: 1,
            serviceDate: '2026-11-10',
            lineControlNumber: 'PCN3-1',
            adjustments: [{ group: 'CO', reason: '45', amountCents: -2000 }],
          },
        ],
      },
    ],
    providerAdjustments: [
      {
        providerId: '1234567893',
        fiscalPeriodDate: '2026-12-31',
        items: [
          { reason: 'L6', referenceId: 'ICN0001', amountCents: -125 },
          { reason: 'WO', referenceId: 'ICN0009', amountCents: 500 },
        ],
      },
    ],
    ...overrides,
  });
}

function only<K extends TypedTransaction['kind']>(text: string, kind: K): Extract<TypedTransaction, { kind: K }> {
  const [transaction, ...rest] = readTypedX12(text).transactions;
  expect(rest).toHaveLength(0);
  expect(transaction?.kind).toBe(kind);
  // What the builders write follows the TR3 content rules too (state codes, PER*BL, required STCs...).
  expect(transaction?.tr3Issues).toEqual([]);
  return transaction as Extract<TypedTransaction, { kind: K }>;
}

describe('999 builder', () => {
  it('acknowledges each transaction set and derives the group verdict from the errors', () => {
    const { acknowledgment } = only(build999(ACK, envelope(1)).text, '999');
    expect(acknowledgment.acknowledgedGroup).toMatchObject({
      functionalId: 'HC',
      controlNumber: '7',
      version: '005010X222A1',
    });
    expect(acknowledgment.transactionResponses.map((r) => [r.controlNumber, r.status])).toEqual([
      ['0001', 'A'],
      ['0002', 'R'],
    ]);
    const [error] = acknowledgment.transactionResponses[1]?.segmentErrors ?? [];
    expect(error).toMatchObject({ segmentId: 'NM1', segmentPosition: 14, loopId: '2010', errorCode: '8' });
    expect(error?.contexts[0]).toMatchObject({ name: 'CLM01', reference: 'PCN1' });
    expect(error?.elementErrors[0]).toMatchObject({
      elementPosition: 9,
      referenceNumber: '67',
      errorCode: '7',
      badValue: 'X999BAD',
    });
    expect(acknowledgment.groupResponse).toMatchObject({
      status: 'P',
      transactionSetsIncluded: 2,
      transactionSetsReceived: 2,
      transactionSetsAccepted: 1,
    });
  });

  it('says A when nothing is wrong and R when every set is rejected', () => {
    const accepted = { ...ACK, transactions: [ACK.transactions[0]!] };
    const rejected = { ...ACK, transactions: [ACK.transactions[1]!] };
    expect(only(build999(accepted, envelope(1)).text, '999').acknowledgment.groupResponse.status).toBe('A');
    expect(only(build999(rejected, envelope(1)).text, '999').acknowledgment.groupResponse.status).toBe('R');
  });

  it('leaves out a bad value it cannot write instead of breaking the file', () => {
    const input = structuredClone(ACK);
    input.transactions[1]!.segmentErrors[0]!.elementErrors![0]!.badValue = 'A*B~C';
    const { acknowledgment } = only(build999(input, envelope(1)).text, '999');
    expect(acknowledgment.transactionResponses[1]?.segmentErrors[0]?.elementErrors[0]?.badValue).toBeUndefined();
  });
});

describe('277CA builder', () => {
  it('reports accepted claims with the payer claim number and rejected ones with their STC', () => {
    const { claimAcknowledgment } = only(build277ca(ACKNOWLEDGMENT, envelope(2)).text, '277CA');
    const [accepted, rejected] = claimAcknowledgment.claims;
    expect(accepted).toMatchObject({
      patientControlNumber: 'PCN1',
      outcome: 'accepted',
      payerClaimNumber: 'ICN0001',
      clearinghouseTraceNumber: 'SUB1',
    });
    expect(rejected).toMatchObject({ patientControlNumber: 'PCN2', outcome: 'rejected' });
    expect(rejected?.statuses[0]?.codes[0]).toMatchObject({ category: 'A3', status: '33', entity: 'IL' });
    expect(rejected?.statuses[0]?.message).toBe('subscriber not found');
  });

  it('refuses a payer claim number on a rejected claim and mixed categories', () => {
    const withNumber = structuredClone(ACKNOWLEDGMENT);
    withNumber.providers[0]!.claims[1]!.payerClaimNumber = 'ICN9';
    expect(() => build277ca(withNumber, envelope(2))).toThrow(/no payer claim number/);
    const mixed = structuredClone(ACKNOWLEDGMENT);
    mixed.providers[0]!.claims[0]!.statuses.push({ category: 'A7', status: '454' });
    expect(() => build277ca(mixed, envelope(2))).toThrow(/mixes/);
  });
});

describe('835 builder', () => {
  it('balances at line, claim and transaction level and computes BPR02', () => {
    const { remittance: parsed } = only(build835(remittance(), envelope(3)).text, '835');
    expect(parsed.balance).toEqual({ balanced: true, imbalances: [] });
    // 9000 - 8000 (reversal) - (-125 interest + 500 recoupment) = 625
    expect(parsed.payment).toMatchObject({ totalPaid: 625, method: 'ACH', handling: 'I', date: '20261130' });
    expect(parsed.trace.number).toBe('EFT0001');
    expect(parsed.claims.map((c) => [c.patientControlNumber, c.status, c.paidAmount])).toEqual([
      ['PCN1', '1', 9000],
      ['PCN3', '22', -8000],
    ]);
    const line = parsed.claims[0]?.lines[1];
    expect(line?.references).toContainEqual(expect.objectContaining({ qualifier: '6R', value: 'PCN1-2' }));
    expect(line?.remarkCodes).toEqual([{ qualifier: 'HE', code: 'M15' }]);
    expect(parsed.claims[0]?.lines[0]?.amounts).toContainEqual(
      expect.objectContaining({ qualifier: 'B6', amount: 11500 }),
    );
    expect(parsed.providerAdjustments[0]?.adjustments).toEqual([
      { reason: 'L6', referenceId: 'ICN0001', amount: -125 },
      { reason: 'WO', referenceId: 'ICN0009', amount: 500 },
    ]);
  });

  it('refuses input that does not balance, naming the claim and line', () => {
    const input = remittance();
    input.claims[0]!.lines[0]!.paidCents = 9001;
    expect(() => build835(input, envelope(3))).toThrow(Unbalanced835Error);
    expect(() => build835(input, envelope(3))).toThrow(/claim PCN1 line 1/);
    const wrongPatientShare = remittance();
    wrongPatientShare.claims[0]!.patientResponsibilityCents = 0;
    expect(() => build835(wrongPatientShare, envelope(3))).toThrow(/CLP05/);
  });

  it('refuses a negative payment: the payer must carry a forward balance instead', () => {
    const input = remittance({
      providerAdjustments: [
        { providerId: '1234567893', fiscalPeriodDate: '2026-12-31', items: [{ reason: 'WO', amountCents: 5000 }] },
      ],
    });
    expect(() => build835(input, envelope(3))).toThrow(/forward balance/);
    input.providerAdjustments![0]!.items.push({ reason: 'FB', referenceId: 'FWD1', amountCents: -4000 });
    expect(only(build835(input, envelope(3)).text, '835').remittance.payment.totalPaid).toBe(0);
  });

  it('writes a check and a zero-pay remittance', () => {
    const check = remittance({ payment: { method: 'CHK', date: '2026-11-30', traceNumber: 'CHK991' } });
    expect(only(build835(check, envelope(3)).text, '835').remittance.payment.method).toBe('CHK');
    const zero = remittance({ claims: [], providerAdjustments: [] });
    const parsed = only(build835(zero, envelope(3)).text, '835').remittance;
    expect(parsed.payment).toMatchObject({ method: 'NON', handling: 'H', totalPaid: 0 });
  });
});

describeWithValidator('response builders against pyx12', () => {
  it('writes a 999, a 277CA and 835s the independent validator accepts', () => {
    const { valid, report } = validateX12({
      ack999: build999(ACK, envelope(1)).text,
      ack277: build277ca(ACKNOWLEDGMENT, envelope(2)).text,
      eft835: build835(remittance(), envelope(3)).text,
      check835: build835(
        remittance({ payment: { method: 'CHK', date: '2026-11-30', traceNumber: 'CHK991' } }),
        envelope(4),
      ).text,
    });
    expect(report, report).not.toMatch(/INVALID|NO VERDICT/);
    expect(valid).toBe(true);
  }, 60_000);
});
