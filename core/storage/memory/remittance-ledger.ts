/** The remittance ledger held in memory, with the same conditional-write contract as the DynamoDB store. */
import type { Page, PageRequest } from '../page.ts';
import type {
  ClaimPaymentRecord,
  PostOutcome,
  RemittanceLedger,
  RemittancePaymentRecord,
} from '../remittance-ledger.ts';
import { pageOf, sortedBy } from './paging.ts';

const checkOf = (payerKey: string, traceNumber: string) => `${payerKey}\u0000${traceNumber}`;

export class InMemoryRemittanceLedger implements RemittanceLedger {
  readonly #payments = new Map<string, RemittancePaymentRecord>();
  readonly #claimPayments = new Map<string, ClaimPaymentRecord>();

  async recordPayment(record: RemittancePaymentRecord) {
    const key = checkOf(record.payerKey, record.traceNumber);
    const held = this.#payments.get(key);
    if (held) return { created: false, record: structuredClone(held) };
    this.#payments.set(key, structuredClone(record));
    return { created: true, record: structuredClone(record) };
  }

  async getPayment(payerKey: string, traceNumber: string) {
    const held = this.#payments.get(checkOf(payerKey, traceNumber));
    return held ? structuredClone(held) : undefined;
  }

  async postClaimPayment(record: ClaimPaymentRecord): Promise<PostOutcome> {
    const held = this.#claimPayments.get(record.paymentKey);
    if (held) return { posted: false, held: structuredClone(held) };
    this.#claimPayments.set(record.paymentKey, structuredClone(record));
    return { posted: true };
  }

  async getClaimPayment(payerKey: string, traceNumber: string, paymentKey: string) {
    const held = this.#claimPayments.get(paymentKey);
    return held && held.payerKey === payerKey && held.traceNumber === traceNumber ? structuredClone(held) : undefined;
  }

  async claimPaymentsForClaim(claimId: string, page?: PageRequest): Promise<Page<ClaimPaymentRecord>> {
    return this.#page((record) => record.claimId === claimId, page);
  }

  async claimPaymentsForCheck(payerKey: string, traceNumber: string, page?: PageRequest) {
    return this.#page((record) => record.payerKey === payerKey && record.traceNumber === traceNumber, page);
  }

  #page(filter: (record: ClaimPaymentRecord) => boolean, page?: PageRequest): Page<ClaimPaymentRecord> {
    const matching = [...this.#claimPayments.values()].filter(filter).map((record) => structuredClone(record));
    return pageOf(
      sortedBy(matching, (record) => record.paymentKey),
      page,
    );
  }
}
