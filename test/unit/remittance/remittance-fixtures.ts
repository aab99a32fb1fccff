/**
 * 835s for the posting specifications, written by the sandbox's 835 builder (core/x12/835/build-835.ts, another
 * helper's code) and read back by our parser, so every plan is computed from real X12 text. The 835 inputs are the
 * shared ones (test/support/x12-response-fixtures.ts); what is posting's own is here.
 */
import { fixedClock } from '#core/kernel/clock';
import type { ClaimForPosting, PostingContext } from '#core/remittance/posting-inputs';
import { build835, type Remittance835Input } from '#core/x12/835/build-835';
import type { ParsedRemittance } from '#core/x12/835/parse-835';
import type { InterchangeEnvelope } from '#core/x12/build-interchange';
import { readTypedX12 } from '#core/x12/typed';
import { responseEnvelope } from '#test/support/x12-response-fixtures';

export { claimPayment, remittanceInput, servicePayment as line } from '#test/support/x12-response-fixtures';

export const envelope = (n = 1): InterchangeEnvelope => responseEnvelope(n);

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
