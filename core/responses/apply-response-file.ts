/**
 * Applying one response file (999, 277CA, 835, or several in one interchange) to claims, exactly once, in any order.
 *
 * 1. The file's identity is the SHA-256 of its X12 (response-file.ts): the same response from a webhook and from
 *    the mailbox is one file. A file already APPLIED changes nothing; one left APPLYING by a crash is applied again,
 *    which completes it, because every write below is idempotent (conditional on a deterministic key).
 * 2. The file is read strictly with core/x12. A file that cannot be read (not X12, malformed, not a response) is
 *    kept where it is, marked UNREADABLE, and becomes a work item with the reason: nothing is lost or half applied.
 * 3. Each transaction set is planned by the pure planners (999, 277CA, 835) and its facts are written first: the
 *    remittance ledger (each claim payment's key is the commit point, so a payment posts once whatever file carries
 *    it), the provider ledger (PLB), work items (quarantined 835, unmatched payment or acknowledgment), and each
 *    claim's response events.
 * 4. Then every claim the file concerns is settled from all its response events (settle-claim.ts): the status the
 *    responses say in any order, with the claim's history showing each response as it arrived.
 */

import type { ContractRateBook } from '#core/config/contract-rates';
import type { Clock } from '#core/kernel/clock';
import type { ClaimResponseEvents } from '#core/storage/claim-response-events';
import type { ClaimStore } from '#core/storage/claim-store';
import type { ProviderLedgerStore } from '#core/storage/provider-ledger-store';
import type { RemittanceLedger } from '#core/storage/remittance-ledger';
import type {
  ResponseApplicationSummary,
  ResponseApplications,
  ResponseFileSource,
  TransactionApplicationStatus,
} from '#core/storage/response-applications';
import type { SubmissionRecords } from '#core/storage/submission-records';
import type { WorkItem, WorkItemStore } from '#core/storage/work-items';
import type { FunctionalGroup, Interchange } from '#core/x12/envelope';
import { readTypedX12, type TypedDocument, type TypedTransaction } from '#core/x12/typed';
import { X12Error } from '#core/x12/x12-error';
import { applyClaimAcknowledgment } from './apply-277ca.ts';
import { applyRemittance } from './apply-835.ts';
import { applyImplementationAcknowledgment } from './apply-999.ts';
import { mapBounded } from './bounded.ts';
import { responseText } from './response-file.ts';
import { type SettleOutcome, settleClaim } from './settle-claim.ts';

export interface ApplyResponsePorts {
  claims: Pick<ClaimStore, 'get' | 'save'>;
  submissions: Pick<SubmissionRecords, 'findInterchangeByGroup'>;
  events: ClaimResponseEvents;
  ledger: RemittanceLedger;
  providerLedger: ProviderLedgerStore;
  applications: ResponseApplications;
  workItems: WorkItemStore;
  clock: Clock;
  /** Payer contract rates for underpayment detection (practice configuration); absent: no underpayment check. */
  contracts?: ContractRateBook;
}

export interface ApplyResponseOptions {
  /** Recorded on each claim transition. */
  actor?: string;
}

export type ApplyResponseResult =
  | { kind: 'applied'; fileId: string; summary: ResponseApplicationSummary; claims: SettleOutcome[] }
  | { kind: 'already_applied'; fileId: string }
  | { kind: 'unreadable'; fileId: string; reason: string; workItemId: string }
  /** Some claim is not SUBMITTED yet (its submission is being recorded): apply the file again later. */
  | { kind: 'retry'; fileId: string; reason: string };

/** What applying one transaction set produced, for the file's summary and the claims to settle. */
export interface TransactionApplication {
  kind: string;
  controlNumber: string;
  status: TransactionApplicationStatus;
  outcome: string;
  claimIds: string[];
  postedCents?: number;
  workItems: number;
}

/** What the per-transaction appliers share. */
export interface ApplyContext {
  ports: ApplyResponsePorts;
  fileId: string;
  source: ResponseFileSource;
  now: string;
  /** Raises a work item; counts it when it is new. */
  raise(item: Omit<WorkItem, 'status' | 'raisedAt' | 'fileId' | 'rawKey'>): Promise<boolean>;
}

export async function applyResponseFile(
  file: {
    body: string | Uint8Array;
    source: ResponseFileSource;
    /** SHA-256 (hex) of the body recorded when it was received: a body that no longer matches is refused. */
    expectedSha256?: string;
  },
  ports: ApplyResponsePorts,
  options: ApplyResponseOptions = {},
): Promise<ApplyResponseResult> {
  const actor = options.actor ?? 'process-remittance';
  const now = ports.clock.now().toISOString();
  const text = responseText(file.body);
  const { fileId } = text;

  const bodySha256 = text.ok ? text.bodySha256 : undefined;
  if (file.expectedSha256 !== undefined && bodySha256 !== undefined && file.expectedSha256 !== bodySha256) {
    // The file received (named by the digest recorded then) is not what is stored now: refuse what is stored.
    return refuseResponseFile(
      {
        fileId: file.expectedSha256,
        source: file.source,
        reason: `the stored object's SHA-256 is ${bodySha256}, not ${file.expectedSha256} as recorded when it was received: it changed after it was archived`,
      },
      ports,
    );
  }
  const record = await ports.applications.begin(fileId, file.source, now);
  if (record.status === 'APPLIED') return { kind: 'already_applied', fileId };

  const context: ApplyContext = {
    ports,
    fileId,
    source: file.source,
    now,
    raise: (item) => ports.workItems.raise({ ...item, status: 'OPEN', raisedAt: now, fileId, rawKey: file.source.key }),
  };
  const unreadable = (reason: string) => markUnreadable(fileId, file.source, reason, context);
  if (record.status === 'UNREADABLE') return unreadable(record.reason ?? 'unreadable');
  if (!text.ok) return unreadable(text.reason);

  let document: TypedDocument;
  try {
    document = readTypedX12(text.x12);
  } catch (error) {
    if (error instanceof X12Error) return unreadable(`not valid X12: ${error.message}`);
    throw error;
  }
  const applicable = document.transactions.filter((t) => t.kind !== 'generic');
  if (applicable.length === 0) {
    const sets = document.transactions.map((t) => (t.kind === 'generic' ? t.setId : t.kind));
    return unreadable(
      `it holds no 999, 277CA or 835 (transaction sets: ${sets.length > 0 ? sets.join(', ') : 'none'})`,
    );
  }

  const applied: TransactionApplication[] = [];
  for (const acknowledgment of document.interchangeAcknowledgments) {
    const rejected = acknowledgment.status === 'R';
    const raisedItem =
      rejected &&
      (await context.raise({
        id: `rejected_interchange|${fileId}|${acknowledgment.controlNumber}`,
        category: 'unmatched_acknowledgment',
        owner: 'BILLER',
        reason: `The clearinghouse rejected interchange ${acknowledgment.controlNumber} (TA1 ${acknowledgment.noteCode}: ${acknowledgment.noteDescription ?? acknowledgment.statusDescription}): none of its claims reached the payer; resubmit them.`,
      }));
    applied.push({
      kind: 'TA1',
      controlNumber: acknowledgment.controlNumber,
      status: 'applied',
      outcome: `TA1 ${acknowledgment.status}`,
      claimIds: [],
      workItems: raisedItem ? 1 : 0,
    });
  }
  const envelopes = envelopesOf(document);
  for (const [index, transaction] of document.transactions.entries()) {
    applied.push(await applyTransaction(transaction, envelopes[index], context));
  }

  const claimIds = [...new Set(applied.flatMap((t) => t.claimIds))].sort();
  const claims = await mapBounded(claimIds, (claimId) => settleClaim(claimId, ports, actor));
  const waiting = claims.filter((c) => c.kind === 'not_submitted');
  if (waiting.length > 0) {
    return {
      kind: 'retry',
      fileId,
      reason: `${waiting.length} claim(s) are not recorded SUBMITTED yet (first: ${waiting[0]!.claimId}); the file will be applied again`,
    };
  }
  const summary: ResponseApplicationSummary = {
    transactions: applied.map(({ claimIds: ids, ...t }) => ({ ...t, claims: ids.length })),
    claimsChanged: claims.filter((c) => c.kind === 'settled').length,
    workItems:
      applied.reduce((n, t) => n + t.workItems, 0) +
      claims.reduce((n, c) => n + (c.kind === 'settled' ? c.issues : 0), 0),
  };
  await ports.applications.finish(fileId, { status: 'APPLIED', summary }, ports.clock.now().toISOString());
  return { kind: 'applied', fileId, summary, claims };
}

/**
 * Refuses a response file that cannot be applied at all (too large to read, say) without reading it: kept where it
 * is, UNREADABLE, with a work item naming it and the reason. `fileId` is the SHA-256 the pointer recorded.
 */
export async function refuseResponseFile(
  file: { fileId: string; source: ResponseFileSource; reason: string },
  ports: Pick<ApplyResponsePorts, 'applications' | 'workItems' | 'clock'>,
): Promise<ApplyResponseResult> {
  const now = ports.clock.now().toISOString();
  const record = await ports.applications.begin(file.fileId, file.source, now);
  if (record.status === 'APPLIED') return { kind: 'already_applied', fileId: file.fileId };
  return markUnreadable(file.fileId, file.source, record.reason ?? file.reason, {
    now,
    ports,
    raise: (item) =>
      ports.workItems.raise({ ...item, status: 'OPEN', raisedAt: now, fileId: file.fileId, rawKey: file.source.key }),
  });
}

async function markUnreadable(
  fileId: string,
  source: ResponseFileSource,
  reason: string,
  context: Pick<ApplyContext, 'raise' | 'now'> & { ports: Pick<ApplyResponsePorts, 'applications'> },
): Promise<ApplyResponseResult> {
  const workItemId = `unreadable_response|${fileId}`;
  await context.raise({
    id: workItemId,
    category: 'unreadable_response',
    owner: 'BILLER',
    reason: `Response file ${source.key} could not be applied and is kept as received: ${reason}`,
  });
  await context.ports.applications.finish(fileId, { status: 'UNREADABLE', reason }, context.now);
  return { kind: 'unreadable', fileId, reason, workItemId };
}

async function applyTransaction(
  transaction: TypedTransaction,
  envelope: Envelope | undefined,
  context: ApplyContext,
): Promise<TransactionApplication> {
  switch (transaction.kind) {
    case '999':
      return applyImplementationAcknowledgment(transaction.acknowledgment, envelope, context);
    case '277CA':
      return applyClaimAcknowledgment(transaction.claimAcknowledgment, envelope, context);
    case '835':
      return applyRemittance(transaction.remittance, envelope, context);
    case 'generic':
      return {
        kind: transaction.setId,
        controlNumber: transaction.controlNumber,
        status: 'ignored',
        outcome: 'not a response ClaimFlow applies',
        claimIds: [],
        workItems: 0,
      };
  }
}

export interface Envelope {
  interchange: Interchange;
  group: FunctionalGroup;
}

/** GS04+GS05 of the group a response came in: when its sender produced it (orders responses of one day). */
export function producedAtOf(envelope: Envelope | undefined): string | undefined {
  return envelope ? `${envelope.group.date}${envelope.group.time}` : undefined;
}

/** The envelope each typed transaction arrived in, in document order (bare transactions have none). */
function envelopesOf(document: TypedDocument): (Envelope | undefined)[] {
  const envelopes: (Envelope | undefined)[] = [];
  for (const interchange of document.document.interchanges) {
    for (const group of interchange.groups) for (const _ of group.transactions) envelopes.push({ interchange, group });
  }
  for (const _ of document.document.bareTransactions) envelopes.push(undefined);
  return envelopes.length === document.transactions.length ? envelopes : [];
}
