/**
 * Does the money add up? For every 835 the clearinghouse sent (each check or EFT once), what the stack's ledgers hold
 * for that check: the claim payments posted (payments, reversals and unmatched payments kept) and the provider
 * ledger's PLB items. A deposit reconciles when Σ posted + Σ PLB effect = Σ BPR02; a check with nothing on the
 * ledger (quarantined, or not applied yet) is named by its trace number so a person can look. Trace numbers and
 * amounts only: nothing here names a patient.
 */
import { money } from '#core/remittance/claim-payment-posting';
import { payerKeyOf } from '#core/remittance/payment-key';
import { readAllPages } from '#core/storage/page';
import type { ProviderLedgerStore } from '#core/storage/provider-ledger-store';
import type { RemittanceLedger } from '#core/storage/remittance-ledger';
import { readTypedX12 } from '#core/x12/typed';
import type { Sandbox } from '#local/sandbox/sandbox';

export interface RemittanceReconciliation {
  /** Distinct checks/EFTs (payer and trace) among the 835s read. */
  checks: number;
  /** Σ BPR02, signed by BPR03. */
  paidByPayersCents: number;
  /** Σ claim payments on the remittance ledger for those checks, matched to a claim. */
  postedToClaimsCents: number;
  /** Σ payments kept for claims ClaimFlow does not know (unmatched-remittance work items). */
  unmatchedCents: number;
  providerLedgerItems: number;
  /** Σ of the PLB items' effect on the deposits (interest raises a deposit, a recoupment lowers it). */
  providerLedgerEffectCents: number;
  /** Trace numbers of checks with no payment record: quarantined, or not applied yet. */
  notPosted: string[];
  /** postedToClaims + unmatched + providerLedgerEffect = paidByPayers. */
  reconciles: boolean;
}

export interface ReconciliationPorts {
  ledger: Pick<RemittanceLedger, 'getPayment' | 'claimPaymentsForCheck'>;
  providerLedger: Pick<ProviderLedgerStore, 'entriesForCheck'>;
}

/** Reconciles the 835s among `files` (X12 text; other transaction sets are ignored) with the ledgers. */
export async function reconcileRemittances(
  files: Iterable<string>,
  ports: ReconciliationPorts,
): Promise<RemittanceReconciliation> {
  const checks = new Map<string, { payerKey: string; trace: string; paidCents: number }>();
  for (const x12 of files) {
    for (const transaction of readTypedX12(x12).transactions) {
      if (transaction.kind !== '835') continue;
      const { remittance } = transaction;
      const payerKey = payerKeyOf(remittance);
      const trace = remittance.trace.number;
      const signed =
        remittance.payment.creditDebit === 'D' ? -remittance.payment.totalPaid : remittance.payment.totalPaid;
      // The same check in two files (a payer's resend) is one deposit.
      checks.set(`${payerKey}|${trace}`, { payerKey, trace, paidCents: signed });
    }
  }
  const result: RemittanceReconciliation = {
    checks: checks.size,
    paidByPayersCents: 0,
    postedToClaimsCents: 0,
    unmatchedCents: 0,
    providerLedgerItems: 0,
    providerLedgerEffectCents: 0,
    notPosted: [],
    reconciles: false,
  };
  for (const { payerKey, trace, paidCents } of checks.values()) {
    result.paidByPayersCents += paidCents;
    if ((await ports.ledger.getPayment(payerKey, trace)) === undefined) result.notPosted.push(trace);
    for (const payment of await readAllPages((page) => ports.ledger.claimPaymentsForCheck(payerKey, trace, page))) {
      if (payment.kind === 'unmatched') result.unmatchedCents += payment.paidCents;
      else result.postedToClaimsCents += payment.paidCents;
    }
    for (const entry of await readAllPages((page) => ports.providerLedger.entriesForCheck(payerKey, trace, page))) {
      result.providerLedgerItems += 1;
      result.providerLedgerEffectCents += entry.depositEffectCents;
    }
  }
  result.notPosted.sort();
  result.reconciles =
    result.postedToClaimsCents + result.unmatchedCents + result.providerLedgerEffectCents === result.paidByPayersCents;
  return result;
}

/** The summary lines `npm start` prints under the claims by status. */
export function formatReconciliation(r: RemittanceReconciliation): string[] {
  const posted = r.postedToClaimsCents + r.unmatchedCents;
  const lines = [
    `money: ${r.checks} payment(s) (835) for Σ BPR02 ${money(r.paidByPayersCents)}; posted Σ ${money(posted)} ` +
      `(to claims ${money(r.postedToClaimsCents)}, unmatched kept ${money(r.unmatchedCents)}); ` +
      `provider ledger ${r.providerLedgerItems} PLB item(s), effect ${money(r.providerLedgerEffectCents)}`,
    r.reconciles
      ? `money reconciles: posted ${money(posted)} + PLB ${money(r.providerLedgerEffectCents)} = BPR02 ${money(r.paidByPayersCents)}`
      : `MONEY DOES NOT RECONCILE: posted ${money(posted)} + PLB ${money(r.providerLedgerEffectCents)} = ` +
        `${money(posted + r.providerLedgerEffectCents)}, but BPR02 is ${money(r.paidByPayersCents)} ` +
        `(off by ${money(r.paidByPayersCents - posted - r.providerLedgerEffectCents)})`,
  ];
  if (r.notPosted.length > 0) {
    lines.push(
      `not posted (quarantined or not applied yet; see the work queue): ${r.notPosted.length} check(s): ${r.notPosted.join(', ')}`,
    );
  }
  return lines;
}

/** The X12 of every 835 the sandbox clearinghouse has sent, oldest first (its mailbox, page by page). */
export function sandboxRemittances(sandbox: Pick<Sandbox, 'listResponses' | 'fetchResponse'>): string[] {
  const x12: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = sandbox.listResponses({ ...(cursor === undefined ? {} : { cursor }), limit: 1_000 });
    for (const file of page.files) if (file.kind === '835') x12.push(sandbox.fetchResponse(file.id).x12);
    if (page.files.length === 0 || page.cursor === cursor) return x12;
    cursor = page.cursor;
  }
}
