/**
 * The sandbox clearinghouse and payer, without HTTP: `submit` answers a batch synchronously; `runDue` does what is
 * due at the clock's time (999s, 277CAs, payment cycles with their 835s, webhook deliveries and retries). Time
 * comes from an injected clock and chance from a seeded generator kept in the state, so the same seed, inputs and
 * clock give the same files; tests drive a fake clock instead of sleeping.
 */
import { createHash } from 'node:crypto';
import {
  type ClaimRejection,
  IDEMPOTENCY_KEY,
  type ResponseFile,
  type ResponseFileSummary,
  type ResponseKind,
  type SubmissionReceipt,
} from '#core/clearinghouse/clearinghouse';
import { build277ca } from '#core/x12/277ca/build-277ca';
import { build835, type ClaimPaymentInput, type ProviderAdjustmentInput } from '#core/x12/835/build-835';
import type { Claim837P } from '#core/x12/837p/claim-837p';
import { type AcknowledgedTransactionInput, build999 } from '#core/x12/999/build-999';
import type { InterchangeEnvelope } from '#core/x12/build-interchange';
import { adjudicateClaim } from './adjudicate.ts';
import { RequestRefused, takeIn } from './front-end.ts';
import type { PayerData, SandboxData } from './payer-data.ts';
import { correctionOf, interestAmount, recoupmentAmount, reversalOf, underVoidClaim } from './payment-math.ts';
import { type ChaosSettings, DEFAULT_TIMING, type SandboxTiming } from './sandbox-settings.ts';
import {
  type DeliveryRecord,
  initialState,
  type PayerClaimRecord,
  type PendingPayment,
  type ResponseFileRecord,
  type SandboxState,
  STATE_VERSION,
  type SubmissionRecord,
  type SubmitterAddress,
} from './sandbox-state.ts';
import { SeededRandom } from './seeded-random.ts';
import type { SandboxStore } from './state-store.ts';
import { deliverOnce, type WebhookTarget, type WebhookTransport } from './webhook-delivery.ts';

export { RequestRefused } from './front-end.ts';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface SandboxOptions {
  data: SandboxData;
  store: SandboxStore;
  clock?: Clock;
  /** Seed of the sandbox's chance (chaos, jitter); ignored when the store already holds a state. */
  seed?: number;
  /** Multiplies every payer-time duration (1 = real time, 1/60 = a minute per hour). */
  timeScale?: number;
  timing?: Partial<SandboxTiming>;
  /** Misbehave like real senders (duplicates, late and out-of-order deliveries); off by default. */
  chaos?: ChaosSettings;
  /** Push responses as signed webhooks; without it they wait in the mailbox only. */
  webhook?: WebhookTarget;
  transport?: WebhookTransport;
  /** ISA15 of the files it writes. */
  usage?: 'T' | 'P';
}

export interface OwedReport {
  /** Nothing scheduled, nothing waiting for a payment cycle, every delivery done (or given up). */
  settled: boolean;
  /** Settled and no delivery was given up on: everything owed reached the receiver. */
  delivered: boolean;
  scheduledAcknowledgments: number;
  pendingPayments: number;
  pendingProviderAdjustments: number;
  pendingDeliveries: number;
  failedDeliveries: number;
  /** When the next owed thing falls due (ISO), if any. */
  nextDueAt?: string;
}

export interface ReceivedSubmission {
  submissionId: string;
  idempotencyKey: string;
  receivedAt: string;
  interchangeControlNumber: string;
  /** CLM01s accepted, and rejected at the front end. */
  accepted: string[];
  rejected: string[];
  /** Requests with the same idempotency key answered from the first receipt afterwards. */
  replays: number;
}

export interface SandboxStatus extends OwedReport {
  submissions: number;
  claimsAccepted: number;
  claimsRejectedUpFront: number;
  claims: Record<string, number>;
  files: Record<string, number>;
  deliveries: Record<string, number>;
  paymentCycles: number;
  paidCents: number;
}

export class Sandbox {
  readonly #data: SandboxData;
  readonly #store: SandboxStore;
  readonly #clock: Clock;
  readonly #scale: number;
  readonly #timing: SandboxTiming;
  readonly #chaos: ChaosSettings | undefined;
  readonly #webhook: WebhookTarget | undefined;
  readonly #transport: WebhookTransport | undefined;
  readonly #usage: 'T' | 'P';
  readonly #payers: Map<string, PayerData>;
  readonly #state: SandboxState;
  readonly #random: SeededRandom;
  #running: Promise<void> | undefined;

  constructor(options: SandboxOptions) {
    this.#data = options.data;
    this.#store = options.store;
    this.#clock = options.clock ?? systemClock;
    this.#scale = options.timeScale ?? 1;
    this.#timing = { ...DEFAULT_TIMING, ...options.timing };
    this.#chaos = options.chaos;
    this.#webhook = options.webhook;
    this.#transport = options.transport;
    this.#usage = options.usage ?? 'T';
    this.#payers = new Map(options.data.payers.payers.map((p) => [p.payerId, p]));
    const loaded = this.#store.load();
    if (loaded && loaded.version !== STATE_VERSION)
      throw new Error(`sandbox state version ${loaded.version} is not ${STATE_VERSION}: use a new data directory`);
    this.#state = this.#store.track(loaded ?? initialState(options.seed ?? 1), loaded === undefined);
    this.#random = new SeededRandom(this.#state.randomState);
  }

  // ---- intake --------------------------------------------------------------------------------------------------

  /**
   * Take in one 837P interchange. A repeated idempotency key with the same body returns the first receipt and does
   * nothing else; with another body it is refused (422). Envelope faults are refused (400) and nothing is kept.
   */
  submit(body: string, idempotencyKey: string): SubmissionReceipt {
    if (!IDEMPOTENCY_KEY.test(idempotencyKey))
      throw new RequestRefused(
        400,
        'IDEMPOTENCY_KEY_INVALID',
        'Idempotency-Key must be 8 to 128 characters of letters, digits, ".", "_", ":" or "-"',
      );
    const bodyHash = createHash('sha256').update(body).digest('hex');
    const earlier = this.#state.idempotency[idempotencyKey];
    if (earlier !== undefined) {
      const submission = this.#state.submissions[earlier] as SubmissionRecord;
      if (submission.bodyHash !== bodyHash)
        throw new RequestRefused(
          422,
          'IDEMPOTENCY_KEY_REUSED',
          `Idempotency-Key ${idempotencyKey} was first used for submission ${submission.id} with a different body`,
        );
      // Counted so that the received log shows every repeat it answered without doing anything again.
      submission.replays = (submission.replays ?? 0) + 1;
      this.#save();
      return { ...submission.receipt, replayed: true };
    }
    const intake = takeIn(body, {
      interchangeId: this.#data.payers.clearinghouse.interchangeId,
      payerIds: new Set(this.#payers.keys()),
    });
    const now = this.#clock.now();
    const id = `SUB${String(this.#state.counters.submission++).padStart(8, '0')}`;
    const receipt: SubmissionReceipt = {
      submissionId: id,
      idempotencyKey,
      receivedAt: now.toISOString(),
      interchangeControlNumber: intake.interchangeControlNumber,
      accepted: intake.accepted.map((a) => a.claim.id),
      rejected: intake.rejected satisfies ClaimRejection[],
      replayed: false,
    };
    this.#state.submissions[id] = {
      id,
      idempotencyKey,
      bodyHash,
      receivedAt: receipt.receivedAt,
      receipt,
      submitter: intake.submitter,
      batchReference: intake.batchReference,
      groups: intake.groups,
    };
    this.#state.idempotency[idempotencyKey] = id;
    this.#state.submitters[intake.submitter.id] = intake.submitter;
    for (const { claim, payerId } of intake.accepted) {
      const key = `${id}/${claim.id}`;
      const { diagnosisCodeSet: _set, source: _source, ...stored } = claim;
      this.#state.claims[key] = {
        key,
        submissionId: id,
        claimId: claim.id,
        payerId,
        stage: 'accepted',
        claim: stored,
        receivedAt: receipt.receivedAt,
      };
    }
    this.#schedule('acknowledge-999', id, this.#timing.acknowledgment999Ms);
    if (intake.accepted.length > 0) this.#schedule('acknowledge-277ca', id, this.#timing.claimAcknowledgmentMs);
    this.#save();
    return receipt;
  }

  // ---- the clock -----------------------------------------------------------------------------------------------

  /** Do everything due at the clock's time; concurrent calls share one run. */
  runDue(): Promise<void> {
    this.#running ??= this.#runDue().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #runDue(): Promise<void> {
    for (;;) {
      const now = this.#clock.now().getTime();
      const task = this.#state.tasks
        .filter((t) => t.dueAt <= now)
        .sort((a, b) => a.dueAt - b.dueAt || a.seq - b.seq)[0];
      if (task) {
        this.#state.tasks = this.#state.tasks.filter((t) => t !== task);
        if (task.kind === 'acknowledge-999') this.#acknowledge999(task.submissionId);
        else this.#acknowledge277ca(task.submissionId);
        this.#save();
        continue;
      }
      if (this.#state.nextPaymentCycleAt !== undefined && this.#state.nextPaymentCycleAt <= now) {
        this.runPaymentCycle();
        continue;
      }
      const delivery = this.#state.deliveries
        .filter((d) => d.status === 'pending' && d.nextAttemptAt <= now)
        .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.seq - b.seq)[0];
      if (delivery && this.#webhook && this.#transport) {
        await this.#attempt(delivery, this.#webhook, this.#transport);
        this.#save();
        continue;
      }
      return;
    }
  }

  /** When `runDue` next has something to do (epoch ms), or undefined when nothing is owed. */
  nextDueAt(): number | undefined {
    const times = [
      ...this.#state.tasks.map((t) => t.dueAt),
      ...(this.#state.nextPaymentCycleAt === undefined ? [] : [this.#state.nextPaymentCycleAt]),
      ...(this.#webhook
        ? this.#state.deliveries.filter((d) => d.status === 'pending').map((d) => d.nextAttemptAt)
        : []),
    ];
    return times.length === 0 ? undefined : Math.min(...times);
  }

  #scaled(payerTimeMs: number): number {
    return Math.max(0, Math.round(payerTimeMs * this.#scale));
  }

  #schedule(kind: 'acknowledge-999' | 'acknowledge-277ca', submissionId: string, payerTimeMs: number): void {
    this.#state.tasks.push({
      seq: this.#state.counters.seq++,
      dueAt: this.#clock.now().getTime() + this.#scaled(payerTimeMs),
      kind,
      submissionId,
    });
  }

  #save(): void {
    this.#state.randomState = this.#random.state;
    this.#store.save(this.#state);
  }

  // ---- acknowledgments -----------------------------------------------------------------------------------------

  #envelope(submitter: SubmitterAddress, transactions = 1): InterchangeEnvelope {
    const clearinghouse = this.#data.payers.clearinghouse;
    const counters = this.#state.counters;
    const envelope: InterchangeEnvelope = {
      sender: {
        qualifier: clearinghouse.interchangeQualifier,
        id: clearinghouse.interchangeId,
        applicationCode: clearinghouse.applicationCode,
      },
      receiver: {
        qualifier: submitter.qualifier as InterchangeEnvelope['receiver']['qualifier'],
        id: submitter.id,
        applicationCode:
          submitter.applicationCode.length >= 2 ? submitter.applicationCode : submitter.id.padEnd(2, 'X'),
      },
      interchangeControlNumber: counters.interchange++,
      groupControlNumber: counters.group++,
      firstTransactionControlNumber: counters.transaction,
      usage: this.#usage,
      now: this.#clock.now(),
    };
    counters.transaction += transactions;
    return envelope;
  }

  #acknowledge999(submissionId: string): void {
    const submission = this.#state.submissions[submissionId] as SubmissionRecord;
    for (const group of submission.groups) {
      const built = build999(
        {
          group: { functionalId: group.functionalId, controlNumber: group.controlNumber, version: group.version },
          transactions: group.transactions as AcknowledgedTransactionInput[],
        },
        this.#envelope(submission.submitter),
      );
      this.#publish('999', built.text, submission.submitter.id, submissionId);
    }
  }

  #acknowledge277ca(submissionId: string): void {
    const submission = this.#state.submissions[submissionId] as SubmissionRecord;
    const records = Object.values(this.#state.claims).filter(
      (c) => c.submissionId === submissionId && c.stage === 'accepted',
    );
    const today = this.#clock.now().toISOString().slice(0, 10);
    for (const record of records) {
      const payer = this.#payers.get(record.payerId) as PayerData;
      const icn = this.#nextIcn(payer);
      const decision = adjudicateClaim({
        claim: record.claim,
        payer,
        members: this.#data.members,
        ledger: this.#state.ledger,
        receivedDate: submission.receivedAt.slice(0, 10),
        payerClaimNumber: icn,
      });
      const claim = record.claim;
      const dates = claim.lines.map((l) => l.serviceDate ?? today).sort();
      const acknowledgment = {
        patientControlNumber: claim.id,
        patient: {
          lastName: claim.patient.lastName ?? claim.subscriber.lastName ?? 'UNKNOWN',
          firstName: claim.patient.lastName ? claim.patient.firstName : claim.subscriber.firstName,
          memberId: claim.subscriber.memberId ?? '',
        },
        chargeCents: claim.totalChargeCents,
        serviceDateFrom: dates[0] ?? today,
        serviceDateTo: dates[dates.length - 1],
        clearinghouseTraceNumber: submissionId,
      };
      const source = { entity: 'PR' as const, name: payer.name, idQualifier: 'PI' as const, id: payer.payerId };
      const base = {
        referenceId: `${submissionId}-${claim.id}`.slice(0, 50),
        source,
        receivedDate: submission.receivedAt.slice(0, 10),
        processedDate: today,
        processedTime: this.#clock.now().toISOString().slice(11, 16).replace(':', ''),
        receiver: { name: submission.submitter.name, id: submission.submitter.etin },
        batchReference: submission.batchReference,
      };
      const provider = {
        organizationName: claim.billingProvider.organizationName,
        lastName: claim.billingProvider.lastName,
        firstName: claim.billingProvider.firstName,
        npi: claim.billingProvider.npi,
        tin: claim.billingProvider.tin,
      };
      if (decision.kind === 'rejected') {
        record.stage = 'rejected-by-payer';
        record.rejection = `${decision.status.category}:${decision.status.status} ${decision.message}`;
        const built = build277ca(
          {
            ...base,
            providers: [
              { provider, claims: [{ ...acknowledgment, statuses: [decision.status], message: decision.message }] },
            ],
          },
          this.#envelope(submission.submitter),
        );
        this.#publish('277CA', built.text, submission.submitter.id, submissionId);
        continue;
      }
      record.stage = 'adjudicated';
      record.payerClaimNumber = icn;
      record.outcome = decision.outcome;
      record.payment = decision.payment;
      record.followUp = decision.followUp;
      this.#state.claimsByIcn[icn] = record.key;
      const built = build277ca(
        {
          ...base,
          providers: [
            {
              provider,
              claims: [
                {
                  ...acknowledgment,
                  statuses: [{ category: 'A2', status: '20', entity: 'PR' }],
                  payerClaimNumber: icn,
                },
              ],
            },
          ],
        },
        this.#envelope(submission.submitter),
      );
      this.#publish('277CA', built.text, submission.submitter.id, submissionId);
      this.#queueReplacedClaim(record);
      if (claim.frequency !== '8') this.#queuePayment(record, 'payment', decision.payment, 0);
    }
  }

  /** A replacement (7) or void (8) of a claim this payer paid reverses the original in the next 835. */
  #queueReplacedClaim(record: PayerClaimRecord): void {
    const claim = record.claim;
    if (claim.frequency === '1' || !claim.originalClaimNumber) return;
    const originalKey = this.#state.claimsByIcn[claim.originalClaimNumber];
    const original = originalKey === undefined ? undefined : this.#state.claims[originalKey];
    // Adjudicated and not yet paid: its payment goes out in the next cycle as decided, the reversal right after it.
    if (!original?.payment || (original.stage !== 'paid' && original.stage !== 'adjudicated')) return;
    original.stage = 'replaced';
    const reversal = reversalOf(original.payment);
    if (claim.frequency === '8') {
      // A void leaves the services unpaid: a later claim for them is not a duplicate (CO-18).
      const ledger = this.#state.ledger.paidServices;
      for (const [service, icn] of Object.entries(ledger))
        if (icn === claim.originalClaimNumber) delete ledger[service];
    }
    const payer = this.#payers.get(record.payerId) as PayerData;
    this.#queuePayment(
      original,
      'reversal',
      claim.frequency === '8' && payer.voidReversalUnder === 'void-claim' ? underVoidClaim(reversal, claim) : reversal,
      0,
    );
  }

  #queuePayment(record: PayerClaimRecord, kind: PendingPayment['kind'], payment: ClaimPaymentInput, wait: number) {
    this.#state.pendingPayments.push({
      seq: this.#state.counters.seq++,
      payerId: record.payerId,
      payeeNpi: record.claim.billingProvider.npi ?? '',
      submitterId: (this.#state.submissions[record.submissionId] as SubmissionRecord).submitter.id,
      claimKey: record.key,
      kind,
      payment,
      notBeforeCycle: this.#state.counters.paymentCycle + 1 + wait,
    });
    this.#state.nextPaymentCycleAt ??= this.#clock.now().getTime() + this.#scaled(this.#timing.paymentCycleMs);
  }

  #nextIcn(payer: PayerData): string {
    const now = this.#clock.now();
    const year = now.getUTCFullYear();
    const day = Math.floor((now.getTime() - Date.UTC(year, 0, 1)) / 86_400_000) + 1;
    return `${payer.icnPrefix}${String(year).slice(2)}${String(day).padStart(3, '0')}${String(this.#state.counters.icn++).padStart(7, '0')}`;
  }

  // ---- payment cycles ------------------------------------------------------------------------------------------

  /** Pay everything due: one 835 (one check or EFT) per payer, payee and submitter. */
  runPaymentCycle(): void {
    const cycle = ++this.#state.counters.paymentCycle;
    const due = this.#state.pendingPayments.filter((p) => p.notBeforeCycle <= cycle);
    const dueAdjustments = this.#state.pendingProviderAdjustments.filter((p) => p.notBeforeCycle <= cycle);
    this.#state.pendingPayments = this.#state.pendingPayments.filter((p) => p.notBeforeCycle > cycle);
    const groups = new Map<string, PendingPayment[]>();
    // Provider-level adjustments alone make an 835 too (a recoupment with no claim to pay).
    for (const adjustment of dueAdjustments) {
      groups.set(`${adjustment.payerId}|${adjustment.payeeNpi}|${adjustment.submitterId}`, []);
    }
    for (const payment of due.sort((a, b) => a.seq - b.seq)) {
      const key = `${payment.payerId}|${payment.payeeNpi}|${payment.submitterId}`;
      groups.set(key, [...(groups.get(key) ?? []), payment]);
    }
    const paidAdjustments = new Set<number>();
    for (const [key, payments] of groups) {
      const adjustments = dueAdjustments.filter((a) => `${a.payerId}|${a.payeeNpi}|${a.submitterId}` === key);
      for (const a of adjustments) paidAdjustments.add(a.seq);
      this.#pay(
        key,
        payments,
        adjustments.map((a) => a.item),
      );
    }
    this.#state.pendingProviderAdjustments = this.#state.pendingProviderAdjustments.filter(
      (a) => !paidAdjustments.has(a.seq),
    );
    const more = this.#state.pendingPayments.length > 0 || this.#state.pendingProviderAdjustments.length > 0;
    this.#state.nextPaymentCycleAt = more
      ? this.#clock.now().getTime() + this.#scaled(this.#timing.paymentCycleMs)
      : undefined;
    this.#save();
  }

  #pay(key: string, payments: PendingPayment[], items: ProviderAdjustmentInput['items']): void {
    const [payerId = '', payeeNpi = '', submitterId = ''] = key.split('|');
    const payer = this.#payers.get(payerId) as PayerData;
    const provider = this.#payee(payerId, payeeNpi);
    const submitter = this.#state.submitters[submitterId] as SubmitterAddress;
    const today = this.#clock.now().toISOString().slice(0, 10);
    const plbItems = [...items];
    for (const pending of payments) {
      const record = this.#state.claims[pending.claimKey] as PayerClaimRecord;
      if (pending.kind !== 'reversal' && record.followUp === 'interest')
        plbItems.push({
          reason: 'L6',
          referenceId: pending.payment.payerClaimControlNumber,
          amountCents: -interestAmount(pending.payment, payer),
        });
    }
    const carried = this.#state.forwardBalances[key] ?? 0;
    if (carried > 0) plbItems.push({ reason: 'FB', referenceId: 'CARRIED', amountCents: carried });
    const claims = payments.map((p) => p.payment);
    const gross = claims.reduce((n, c) => n + c.paidCents, 0) - plbItems.reduce((n, i) => n + i.amountCents, 0);
    if (gross < 0) {
      // The payer recovers more than it pays: the remittance pays nothing and carries the rest forward.
      plbItems.push({ reason: 'FB', referenceId: 'CARRIED', amountCents: gross });
      this.#state.forwardBalances[key] = -gross;
    } else {
      delete this.#state.forwardBalances[key];
    }
    const method = gross <= 0 ? 'NON' : payer.payment.method;
    const trace = `${method === 'CHK' ? 'CHK' : method === 'NON' ? 'NON' : 'EFT'}${String(this.#state.counters.trace++).padStart(9, '0')}`;
    const providerId = provider.npi ?? provider.tin ?? 'UNKNOWN';
    const built = build835(
      {
        payment: {
          method,
          date: today,
          traceNumber: trace,
          payerBank: payer.payment.bank,
          // The payee's bank is the practice's business; the sandbox writes a fixed test account.
          payeeBank: { routingNumber: '091000019', accountNumber: '000123456789' },
        },
        payer: {
          name: payer.name,
          companyId: payer.companyId,
          payerId: payer.payerId,
          address: payer.address,
          contact: payer.contact,
        },
        payee: {
          name: provider.organizationName ?? [provider.lastName, provider.firstName].filter(Boolean).join(' '),
          npi: provider.npi ?? '',
          tin: provider.tin,
        },
        productionDate: today,
        claims,
        providerAdjustments:
          plbItems.length === 0
            ? []
            : [{ providerId, fiscalPeriodDate: `${today.slice(0, 4)}-12-31`, items: plbItems }],
      },
      this.#envelope(submitter),
    );
    this.#publish('835', built.text, submitter.id, undefined, {
      totalPaidCents: Math.max(0, gross),
      traceNumber: trace,
    });

    for (const pending of payments) {
      const record = this.#state.claims[pending.claimKey] as PayerClaimRecord;
      if (pending.kind === 'reversal') {
        if (record.stage !== 'replaced') record.stage = 'reversed';
        continue;
      }
      record.stage = 'paid';
      record.payment = pending.payment;
      record.payerClaimNumber = pending.payment.payerClaimControlNumber;
      this.#state.claimsByIcn[record.payerClaimNumber] = record.key;
      const followUp = pending.kind === 'payment' ? record.followUp : undefined;
      if (followUp === 'reverse') {
        this.#queuePayment(record, 'reversal', reversalOf(pending.payment), 0);
        this.#queuePayment(record, 'correction', correctionOf(pending.payment, payer, this.#nextIcn(payer)), 0);
      } else if (followUp === 'recoup') {
        const amount = recoupmentAmount(pending.payment, payer);
        if (amount > 0)
          this.#state.pendingProviderAdjustments.push({
            seq: this.#state.counters.seq++,
            payerId: pending.payerId,
            payeeNpi: pending.payeeNpi,
            submitterId: pending.submitterId,
            item: { reason: 'WO', referenceId: pending.payment.payerClaimControlNumber, amountCents: amount },
            notBeforeCycle: this.#state.counters.paymentCycle + 1,
          });
        // Recovered from the next payment to this payee: keep the cycle going until it is.
        this.#state.nextPaymentCycleAt ??= this.#clock.now().getTime() + this.#scaled(this.#timing.paymentCycleMs);
      }
    }
  }

  /** The payee as the latest claim billed by it to this payer names it. */
  #payee(payerId: string, npi: string): PayerClaimRecord['claim']['billingProvider'] {
    const records = Object.values(this.#state.claims);
    for (let i = records.length - 1; i >= 0; i--) {
      const record = records[i] as PayerClaimRecord;
      if (record.payerId === payerId && (record.claim.billingProvider.npi ?? '') === npi)
        return record.claim.billingProvider;
    }
    throw new Error(`no claim names the payee ${npi} of payer ${payerId}`);
  }

  // ---- files, mailbox and deliveries ---------------------------------------------------------------------------

  #publish(
    kind: ResponseKind,
    x12: string,
    submitterId: string,
    submissionId?: string,
    extra: Pick<ResponseFileRecord, 'totalPaidCents' | 'traceNumber'> = {},
  ): void {
    const seq = this.#state.counters.file++;
    const id = `F${String(seq).padStart(8, '0')}-${kind}`;
    this.#store.writeFile(id, x12);
    const now = this.#clock.now();
    this.#state.files.push({
      id,
      kind,
      availableAt: now.toISOString(),
      submissionId,
      submitterId,
      sizeBytes: Buffer.byteLength(x12),
      seq,
      ...extra,
    });
    if (!this.#webhook) return;
    const chaos = this.#chaos;
    let at = now.getTime();
    if (chaos && this.#random.chance(chaos.lateRate)) at += this.#scaled(this.#random.below(chaos.maxLateMs) + 1);
    this.#addDelivery(id, at, false);
    if (chaos && this.#random.chance(chaos.duplicateRate))
      this.#addDelivery(id, at + this.#scaled(this.#random.below(chaos.maxLateMs) + 1), true);
  }

  #addDelivery(fileId: string, at: number, duplicate: boolean): void {
    this.#state.deliveries.push({
      seq: this.#state.counters.seq++,
      fileId,
      webhookId: `msg_${fileId}`,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at,
      duplicate,
    });
  }

  async #attempt(delivery: DeliveryRecord, target: WebhookTarget, transport: WebhookTransport): Promise<void> {
    const file = this.fileSummary(delivery.fileId);
    const x12 = this.#store.readFile(delivery.fileId);
    const attemptedAt = this.#clock.now();
    const result = await deliverOnce(
      target,
      transport,
      delivery.webhookId,
      attemptedAt,
      { ...file, x12 },
      Math.max(1_000, this.#scaled(this.#timing.webhookTimeoutMs)),
    );
    delivery.attempts++;
    if (result.ok) {
      delivery.status = 'delivered';
      delivery.deliveredAt = attemptedAt.toISOString();
      delivery.lastError = undefined;
      return;
    }
    delivery.lastError = result.error;
    const retry = this.#timing.retry;
    if (delivery.attempts >= retry.maxAttempts) {
      delivery.status = 'failed';
      return;
    }
    const base = Math.min(retry.maxDelayMs, retry.firstDelayMs * retry.factor ** (delivery.attempts - 1));
    const jitter = 0.9 + this.#random.next() * 0.2;
    delivery.nextAttemptAt = this.#clock.now().getTime() + Math.max(1, this.#scaled(base * jitter));
  }

  fileSummary(id: string): ResponseFileSummary {
    const file = this.#state.files.find((f) => f.id === id);
    if (!file) throw new RequestRefused(404, 'NOT_FOUND', `no response file ${id}`);
    return {
      id: file.id,
      kind: file.kind,
      availableAt: file.availableAt,
      submissionId: file.submissionId,
      sizeBytes: file.sizeBytes,
    };
  }

  /** Mailbox: files after `cursor` (a file id), oldest first. */
  listResponses(options: { cursor?: string; limit?: number } = {}): { files: ResponseFileSummary[]; cursor?: string } {
    const limit = Math.min(Math.max(1, options.limit ?? 100), 1_000);
    let start = 0;
    if (options.cursor !== undefined) {
      const at = this.#state.files.findIndex((f) => f.id === options.cursor);
      if (at < 0) throw new RequestRefused(400, 'CURSOR_INVALID', `unknown cursor ${options.cursor}`);
      start = at + 1;
    }
    const files = this.#state.files.slice(start, start + limit).map((f) => this.fileSummary(f.id));
    return { files, cursor: files.at(-1)?.id ?? options.cursor };
  }

  fetchResponse(id: string): ResponseFile {
    const summary = this.fileSummary(id);
    return { ...summary, x12: this.#store.readFile(id) };
  }

  // ---- what it owes and what it did ----------------------------------------------------------------------------

  owed(): OwedReport {
    const pendingDeliveries = this.#state.deliveries.filter((d) => d.status === 'pending').length;
    const failedDeliveries = this.#state.deliveries.filter((d) => d.status === 'failed').length;
    const report = {
      scheduledAcknowledgments: this.#state.tasks.length,
      pendingPayments: this.#state.pendingPayments.length,
      pendingProviderAdjustments: this.#state.pendingProviderAdjustments.length,
      pendingDeliveries,
      failedDeliveries,
    };
    const settled =
      report.scheduledAcknowledgments +
        report.pendingPayments +
        report.pendingProviderAdjustments +
        pendingDeliveries ===
      0;
    const next = this.nextDueAt();
    return {
      settled,
      delivered: settled && failedDeliveries === 0,
      ...report,
      nextDueAt: next === undefined ? undefined : new Date(next).toISOString(),
    };
  }

  status(): SandboxStatus {
    const count = <T>(items: T[], key: (item: T) => string) => {
      const counts: Record<string, number> = {};
      for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
      return counts;
    };
    const submissions = Object.values(this.#state.submissions);
    const claims = Object.values(this.#state.claims);
    return {
      ...this.owed(),
      submissions: submissions.length,
      claimsAccepted: submissions.reduce((n, s) => n + s.receipt.accepted.length, 0),
      claimsRejectedUpFront: submissions.reduce((n, s) => n + s.receipt.rejected.length, 0),
      claims: count(claims, (c) => (c.outcome && c.stage === 'paid' ? `paid:${c.outcome}` : c.stage)),
      files: count(this.#state.files, (f) => f.kind),
      deliveries: count(this.#state.deliveries, (d) => d.status),
      paymentCycles: this.#state.counters.paymentCycle,
      paidCents: this.#state.files.reduce((n, f) => n + (f.totalPaidCents ?? 0), 0),
    };
  }

  /**
   * What it received, oldest first: one entry per submission it took in (a repeated idempotency key is not a new
   * one: it is counted in `replays`), with the claims it accepted and rejected up front. Ids only, no PHI.
   */
  received(): ReceivedSubmission[] {
    return Object.values(this.#state.submissions)
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((s) => ({
        submissionId: s.id,
        idempotencyKey: s.idempotencyKey,
        receivedAt: s.receivedAt,
        interchangeControlNumber: s.receipt.interchangeControlNumber,
        accepted: [...s.receipt.accepted],
        rejected: s.receipt.rejected.map((r) => r.claimId),
        replays: s.replays ?? 0,
      }));
  }

  /** The claim as the payer holds it (tests and the CLI use it; it holds PHI, so it is never logged). */
  payerClaim(submissionId: string, claimId: string): PayerClaimRecord | undefined {
    return this.#state.claims[`${submissionId}/${claimId}`];
  }
}

export type { Claim837P };
