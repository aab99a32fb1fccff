/**
 * 835s for the posting specifications, written by the sandbox's 835 builder (core/x12/835/build-835.ts, another
 * helper's code) and read back by our parser, so every plan is computed from real X12 text.
 */
import { fixedClock } from '#core/kernel/clock';
import type { ClaimForPosting, PostingContext } from '#core/remittance/posting-inputs';
import {
  build835,
  type ClaimPaymentInput,
  type Remittance835Input,
  type ServicePaymentInput,
} from '#core/x12/835/build-835';
import type { ParsedRemittance } from '#core/x12/835/parse-835';
import type { InterchangeEnvelope } from '#core/x12/build-interchange';
import { readTypedX12 } from '#core/x12/typed';

export const envelope = (n = 1): InterchangeEnvelope => ({
  sender: { qualifier: 'ZZ', id: 'SANDBOXCH', applicationCode: 'SANDBOXCH' },
  receiver: { qualifier: 'ZZ', id: 'CLAIMFLOW', applicationCode: 'CLAIMFLOW' },
  interchangeControlNumber: n,
  groupControlNumber: n,
  firstTransactionControlNumber: 1,
  usage: 'T',
  now: new Date('2026-11-23T14:05:00Z'),
});

export function line(overrides: Partial<ServicePaymentInput> = {}): ServicePaymentInput {
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

export function claimPayment(overrides: Partial<ClaimPaymentInput> = {}): ClaimPaymentInput {
  const lines = overrides.lines ?? [line()];
  const charge = lines.reduce((n, l) => n + l.chargeCents, 0);
  const paid = lines.reduce((n, l) => n + l.paidCents, 0);
  const patient = lines
    .flatMap((l) => l.adjustments)
    .filter((a) => a.group === 'PR')
    .reduce((n, a) => n + a.amountCents, 0);
  return {
    patientControlNumber: 'CLM1',
    status: '1',
    chargeCents: charge,
    paidCents: paid,
    patientResponsibilityCents: patient,
    filingIndicator: '12',
    payerClaimControlNumber: 'ICN0001',
    patient: { lastName: 'DOE', firstName: 'JANE', memberId: 'M123' },
    ...overrides,
    lines,
  };
}

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

/** Builds the 835 text, optionally edits it (to make it wrong on purpose), and reads it back. */
export function remittance(input: Remittance835Input, edit: (text: string) => string = (t) => t): ParsedRemittance {
  const text = edit(build835(input, envelope()).text);
  const [transaction] = readTypedX12(text).transactions;
  if (transaction?.kind !== '835') throw new Error('expected an 835');
  return transaction.remittance;
}

export function ourClaim(overrides: Partial<ClaimForPosting> = {}): ClaimForPosting {
  return {
    id: 'CLM1',
    payerIds: ['SBX01'],
    totalChargeCents: 15000,
    serviceDate: '2026-11-02',
    lines: [
      {
        controlNumber: 'CLM1-1',
        procedureCode: '99213',
        modifiers: [],
        units: 1,
        chargeCents: 15000,
        serviceDate: '2026-11-02',
      },
    ],
    ...overrides,
  };
}

export function context(
  claims: ClaimForPosting[],
  options: { posted?: Iterable<string>; contracts?: PostingContext['contracts'] } = {},
): PostingContext {
  const byId = new Map(claims.map((claim) => [claim.id, claim]));
  const posted = new Set(options.posted ?? []);
  return {
    findClaim: (id) => byId.get(id),
    isPosted: (key) => posted.has(key),
    ...(options.contracts ? { contracts: options.contracts } : {}),
    clock: fixedClock('2026-11-21T09:00:00Z'),
  };
}
