/**
 * The 999, 277CA and 835 inputs the tests and benches build response files from, in one place: the sandbox's
 * builders (core/x12/{999,277ca,835}/build-*.ts) write them and our parsers read them back, so every spec that needs
 * a response works from real X12 text. Builders return fresh objects: a test may change what it gets.
 */
import type { ClaimAcknowledgment277Input } from '#core/x12/277ca/build-277ca';
import type { ClaimPaymentInput, Remittance835Input, ServicePaymentInput } from '#core/x12/835/build-835';
import type { Acknowledgment999Input } from '#core/x12/999/build-999';
import type { InterchangeEnvelope } from '#core/x12/build-interchange';

/** The sandbox clearinghouse writing to ClaimFlow: interchange and group `n`. */
export function responseEnvelope(n = 1, now = new Date('2026-11-23T14:05:00Z')): InterchangeEnvelope {
  return {
    sender: { qualifier: 'ZZ', id: 'SANDBOXCH', applicationCode: 'SANDBOXCH' },
    receiver: { qualifier: 'ZZ', id: 'CLAIMFLOW', applicationCode: 'CLAIMFLOW' },
    interchangeControlNumber: n,
    groupControlNumber: n,
    firstTransactionControlNumber: 1,
    usage: 'T',
    now,
  };
}

/** A 999 for a group of two 837s: the first accepted, the second rejected for a bad member id (NM109, code 7). */
export function acknowledgment999(): Acknowledgment999Input {
  return {
    group: { functionalId: 'HC', controlNumber: '7', version: '005010X222A1' },
    transactions: [
      { setId: '837', controlNumber: '0001', implementationGuide: '005010X222A1', segmentErrors: [] },
      {
        setId: '837',
        controlNumber: '0002',
        implementationGuide: '005010X222A1',
        segmentErrors: [
          {
            segmentId: 'NM1',
            segmentPosition: 14,
            loopId: '2010BA',
            errorCode: '8',
            claimId: 'PCN1',
            elementErrors: [{ elementPosition: 9, referenceNumber: '67', errorCode: '7', badValue: 'X999BAD' }],
          },
        ],
      },
    ],
  };
}

/** A 277CA for one provider: PCN1 accepted (A2:20, ICN0001), PCN2 rejected (A3:33, subscriber not found). */
export function claimAcknowledgment277(): ClaimAcknowledgment277Input {
  return {
    referenceId: 'SB1',
    source: { entity: 'PR', name: 'SANDBOX HEALTH', idQualifier: 'PI', id: '60054' },
    receivedDate: '2026-11-23',
    processedDate: '2026-11-23',
    receiver: { name: 'CLAIMFLOW BILLING', id: 'CF12345' },
    batchReference: '0001',
    providers: [
      {
        provider: { organizationName: 'RIVER CLINIC', npi: '1234567893' },
        claims: [
          {
            patientControlNumber: 'PCN1',
            patient: { lastName: 'DOE', firstName: 'JANE', memberId: 'XYZ1' },
            chargeCents: 17550,
            serviceDateFrom: '2026-11-20',
            statuses: [{ category: 'A2', status: '20', entity: 'PR' }],
            payerClaimNumber: 'ICN0001',
            clearinghouseTraceNumber: 'SUB1',
          },
          {
            patientControlNumber: 'PCN2',
            patient: { lastName: 'DOE', firstName: 'JOHN', memberId: 'XYZ2' },
            chargeCents: 10000,
            serviceDateFrom: '2026-11-20',
            serviceDateTo: '2026-11-21',
            statuses: [{ category: 'A3', status: '33', entity: 'IL' }],
            message: 'subscriber not found',
          },
        ],
      },
    ],
  };
}

/** An 835 service line: 99213 charged 150.00, allowed and paid 90.00, CO-45 60.00. */
export function servicePayment(overrides: Partial<ServicePaymentInput> = {}): ServicePaymentInput {
  return {
    code: '99213',
    chargeCents: 15000,
    paidCents: 9000,
    units: 1,
    serviceDate: '2026-11-02',
    lineControlNumber: 'CLM1-1',
    allowedCents: 9000,
    adjustments: [{ group: 'CO', reason: '45', amountCents: 6000 }],
    ...overrides,
  };
}

/** An 835 claim payment whose charge, payment and patient share are the sums of its lines (so it balances). */
export function claimPayment(overrides: Partial<ClaimPaymentInput> = {}): ClaimPaymentInput {
  const lines = overrides.lines ?? [servicePayment()];
  const patientShare = lines
    .flatMap((l) => l.adjustments)
    .filter((a) => a.group === 'PR')
    .reduce((n, a) => n + a.amountCents, 0);
  return {
    patientControlNumber: 'CLM1',
    status: '1',
    chargeCents: lines.reduce((n, l) => n + l.chargeCents, 0),
    paidCents: lines.reduce((n, l) => n + l.paidCents, 0),
    patientResponsibilityCents: patientShare,
    filingIndicator: '12',
    payerClaimControlNumber: 'ICN0001',
    patient: { lastName: 'DOE', firstName: 'JANE', memberId: 'M123' },
    ...overrides,
    lines,
  };
}

/** An EFT from the sandbox payer to a clinic carrying `claims`; `overrides` replace whole parts. */
export function remittanceInput(
  claims: ClaimPaymentInput[],
  overrides: Partial<Remittance835Input> = {},
): Remittance835Input {
  return {
    payment: {
      method: 'ACH',
      date: '2026-11-20',
      traceNumber: 'EFT1001',
      payerBank: { routingNumber: '011000015', accountNumber: '1234567' },
      payeeBank: { routingNumber: '021000021', accountNumber: '7654321' },
    },
    payer: {
      name: 'SANDBOX HEALTH PLAN',
      companyId: '1123456789',
      payerId: 'SBX01',
      address: { lines: ['1 PAYER WAY'], city: 'AUSTIN', state: 'TX', postalCode: '78701' },
      contact: { name: 'EDI', phone: '5125550100' },
    },
    payee: { name: 'GOOD CLINIC', npi: '1234567893', tin: '741234567' },
    productionDate: '2026-11-20',
    claims,
    ...overrides,
  };
}
