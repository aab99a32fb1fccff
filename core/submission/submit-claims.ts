/**
 * Submitting a batch of claim-submission messages: each names a claim and the QUEUED version it was queued at.
 *
 * Never twice. Before anything is sent, each claim version is put in an interchange with a conditional write (the
 * claim record: one winner per claim version), then the interchange is sealed (the interchange record: its claims,
 * control numbers, idempotency key and archive key), its bytes archived, and only then sent with that idempotency
 * key. The clearinghouse returns the first receipt for a repeated key, so whatever crashes after the seal is finished
 * by resending the archived bytes under the same key; whatever crashes before it never reached the clearinghouse.
 * A claim record naming an interchange that was never sealed is fenced off (the interchange is created ABANDONED,
 * so a slow writer can no longer seal it) once it is older than the lease, and the claim goes into a new interchange.
 *
 * Claims of one batch with the same submitter and receiver travel in one interchange. A claim the 837P cannot carry
 * (TR3 checks) or the clearinghouse's front-end edits refuse goes to NEEDS_REVIEW for a biller with the reason; it
 * never holds back the others. Transient faults (network, timeouts, 5xx, 429) and lost races leave the message to be
 * retried (the queue's backoff, then its dead-letter queue); stale and duplicate messages are acknowledged.
 */
import type { Claim, ClaimSubmission } from '#core/claims/claim';
import { transition } from '#core/claims/state-machine';
import {
  type Clearinghouse,
  PermanentClearinghouseError,
  TransientClearinghouseError,
} from '#core/clearinghouse/clearinghouse';
import type { Clock } from '#core/kernel/clock';
import type { ClaimStore } from '#core/storage/claim-store';
import type { ControlNumberCounters } from '#core/storage/control-number-counters';
import { VersionConflictError } from '#core/storage/errors';
import type { InterchangeReceipt, InterchangeRecord, SubmissionRecords } from '#core/storage/submission-records';
import { build837P } from '#core/x12/837p/builder';
import { check837PClaims } from '#core/x12/837p/claim-checks';
import type { ControlNumbers } from '#core/x12/837p/control-numbers';
import type { SubmitterIdentity } from '#core/x12/837p/submitter-identity';
import { archiveNameFor, idempotencyKeyFor, interchangeIdFor, senderIdOf, senderKeyOf } from './interchange-names.ts';
import { retryDelaySeconds } from './retry-schedule.ts';
import type { SubmissionArchive } from './submission-archive.ts';

export interface SubmissionMessage {
  messageId: string;
  claimId: string;
  version: number;
  /** Which delivery of the message this is (SQS ApproximateReceiveCount; 1 for the first). */
  receiveCount?: number;
}

export interface SubmitClaimsPorts {
  claims: Pick<ClaimStore, 'get' | 'save'>;
  records: SubmissionRecords;
  counters: ControlNumberCounters;
  archive: SubmissionArchive;
  clearinghouse: Clearinghouse;
  clock: Clock;
  /** Who submits a claim to whom (the practice's submitter identity for its clearinghouse connection). */
  identityFor(claim: Claim): SubmitterIdentity;
}

export interface SubmitClaimsOptions {
  /** Recorded on each transition. */
  actor?: string;
  /** How long a claim record without a sealed interchange belongs to the delivery that wrote it (default 5 min). */
  leaseMs?: number;
  /** Claims per interchange at most (default 100). */
  maxClaimsPerInterchange?: number;
  /**
   * The queue's maxReceiveCount: a message to retry on this delivery goes to the dead-letter queue next, so the
   * ledger notes it (SubmissionRecords.recordDeadLetter) and its outcome says `deadLettered`.
   */
  maxReceiveCount?: number;
}

export type SubmissionOutcome =
  | { kind: 'submitted'; claimId: string; interchangeId: string; submissionId: string }
  | { kind: 'needs_review'; claimId: string; reasonCategory: ReviewCategory }
  /** Acknowledged without sending: the claim is no longer QUEUED at that version (done already, or changed). */
  | { kind: 'duplicate'; claimId: string }
  /** The message must be delivered again later (transient fault, lost race); `reason` holds no PHI. */
  | { kind: 'retry'; claimId: string; reason: string; error?: unknown };

export type MessageResult =
  | (Exclude<SubmissionOutcome, { kind: 'retry' }> & { messageId: string })
  | (Extract<SubmissionOutcome, { kind: 'retry' }> & {
      messageId: string;
      /** When to deliver it again (backoff on its delivery count, or what the clearinghouse asked for). */
      retryInSeconds: number;
      /** This was its last delivery: it goes to the dead-letter queue, and the ledger says so. */
      deadLettered: boolean;
    });

export type ReviewCategory = 'claim_build_error' | 'rejected_by_clearinghouse' | 'submission_refused';

const DEFAULT_LEASE_MS = 5 * 60_000;
const DEFAULT_MAX_CLAIMS = 100;
const MAX_REASON_LENGTH = 2000;

export async function submitClaims(
  messages: readonly SubmissionMessage[],
  ports: SubmitClaimsPorts,
  options: SubmitClaimsOptions = {},
): Promise<MessageResult[]> {
  return new SubmissionRun(ports, options).run(messages);
}

const identityOf = (claimId: string, version: number) => `${claimId}#${version}`;

class SubmissionRun {
  readonly #outcomes = new Map<string, SubmissionOutcome>();
  readonly #fresh: { claim: Claim; replacing?: string }[] = [];
  readonly #resume = new Set<string>();
  readonly #actor: string;
  readonly #leaseMs: number;
  readonly #maxClaims: number;
  readonly #maxReceiveCount: number | undefined;

  constructor(
    private readonly ports: SubmitClaimsPorts,
    options: SubmitClaimsOptions,
  ) {
    this.#actor = options.actor ?? 'submit-claims';
    this.#leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.#maxClaims = options.maxClaimsPerInterchange ?? DEFAULT_MAX_CLAIMS;
    this.#maxReceiveCount = options.maxReceiveCount;
    if (!Number.isInteger(this.#maxClaims) || this.#maxClaims < 1)
      throw new RangeError(`maxClaimsPerInterchange must be a positive integer, got ${this.#maxClaims}`);
  }

  async run(messages: readonly SubmissionMessage[]): Promise<MessageResult[]> {
    // Two messages for one claim version in a batch are one piece of work with one outcome.
    const unique = new Map<string, SubmissionMessage>();
    for (const message of messages) unique.set(identityOf(message.claimId, message.version), message);

    for (const message of unique.values()) await this.#guard([message], () => this.#triage(message));
    for (const interchangeId of this.#resume)
      await this.#guard(this.#waitingOn(interchangeId), () => this.#resumeInterchange(interchangeId));
    await this.#submitFresh();

    const results: MessageResult[] = [];
    for (const message of messages) {
      const outcome = this.#outcomes.get(identityOf(message.claimId, message.version)) ?? {
        kind: 'retry' as const,
        claimId: message.claimId,
        reason: 'the claim was left unfinished by this run',
      };
      results.push(
        outcome.kind === 'retry' ? await this.#retry(message, outcome) : { ...outcome, messageId: message.messageId },
      );
    }
    return results;
  }

  /** A message to deliver again: when, and whether it is its last delivery (then the ledger notes it first). */
  async #retry(
    message: SubmissionMessage,
    outcome: Extract<SubmissionOutcome, { kind: 'retry' }>,
  ): Promise<MessageResult> {
    const receiveCount = message.receiveCount ?? 1;
    const retryAfterMs = outcome.error instanceof TransientClearinghouseError ? outcome.error.retryAfterMs : undefined;
    const deadLettered = this.#maxReceiveCount !== undefined && receiveCount >= this.#maxReceiveCount;
    if (deadLettered) {
      // Best effort: when the ledger cannot be written either, the dead-letter queue and its alarm still hold it.
      await this.ports.records
        .recordDeadLetter({
          claimId: message.claimId,
          version: message.version,
          messageId: message.messageId,
          receiveCount,
          reason: outcome.reason,
          at: this.#now(),
        })
        .catch(() => undefined);
    }
    return {
      ...outcome,
      messageId: message.messageId,
      retryInSeconds: deadLettered ? 0 : retryDelaySeconds(receiveCount, retryAfterMs),
      deadLettered,
    };
  }

  /** Sorts a message: stale, in an interchange to finish, or fresh. */
  async #triage(message: SubmissionMessage): Promise<void> {
    const identity = identityOf(message.claimId, message.version);
    const claim = await this.ports.claims.get(message.claimId);
    if (!claim) {
      // The claim is saved before its message is sent; a message without one is a fault to look at, not to drop.
      this.#outcomes.set(identity, { kind: 'retry', claimId: message.claimId, reason: 'the claim does not exist' });
      return;
    }
    if (claim.status !== 'QUEUED' || claim.version !== message.version) {
      this.#outcomes.set(identity, { kind: 'duplicate', claimId: claim.id });
      return;
    }
    const record = await this.ports.records.getClaim(claim.id, claim.version);
    if (!record) {
      this.#fresh.push({ claim });
      return;
    }
    const interchange = await this.ports.records.getInterchange(record.interchangeId);
    if (interchange && interchange.status !== 'ABANDONED') {
      this.#resume.add(interchange.id);
      this.#waiting.set(identity, interchange.id);
      return;
    }
    if (!interchange) {
      const age = this.ports.clock.now().getTime() - Date.parse(record.claimedAt);
      if (age < this.#leaseMs) {
        this.#outcomes.set(identity, {
          kind: 'retry',
          claimId: claim.id,
          reason: `another delivery is putting the claim in interchange ${record.interchangeId}`,
        });
        return;
      }
      // Fence the unsealed interchange off: once ABANDONED, its writer can no longer seal (and so never send) it.
      const fenced = await this.ports.records.createInterchange({
        id: record.interchangeId,
        status: 'ABANDONED',
        createdAt: this.#now(),
      });
      if (!fenced.created && fenced.record.status !== 'ABANDONED') {
        this.#resume.add(fenced.record.id);
        this.#waiting.set(identity, fenced.record.id);
        return;
      }
    }
    this.#fresh.push({ claim, replacing: record.interchangeId });
  }

  readonly #waiting = new Map<string, string>();

  #waitingOn(interchangeId: string): { claimId: string; version: number }[] {
    return [...this.#waiting.entries()]
      .filter(([, id]) => id === interchangeId)
      .map(([identity]) => {
        const cut = identity.lastIndexOf('#');
        return { claimId: identity.slice(0, cut), version: Number(identity.slice(cut + 1)) };
      });
  }

  async #submitFresh(): Promise<void> {
    const bySender = new Map<string, { identity: SubmitterIdentity; claims: { claim: Claim; replacing?: string }[] }>();
    for (const entry of this.#fresh) {
      const { claim } = entry;
      await this.#guard([claim], async () => {
        const issues = check837PClaims([claim]);
        if (issues.length > 0) {
          const reason = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
          await this.#review(claim, 'claim_build_error', `the 837P cannot carry this claim: ${reason}`);
          return;
        }
        const identity = this.ports.identityFor(claim);
        const key = senderKeyOf(identity);
        const group = bySender.get(key) ?? { identity, claims: [] };
        group.claims.push(entry);
        bySender.set(key, group);
      });
    }
    for (const { identity, claims } of bySender.values()) {
      for (let start = 0; start < claims.length; start += this.#maxClaims) {
        const chunk = claims.slice(start, start + this.#maxClaims);
        await this.#guard(
          chunk.map((c) => c.claim),
          () => this.#submitNew(identity, chunk),
        );
      }
    }
  }

  /** Claim, seal, archive, send and complete one new interchange. */
  async #submitNew(identity: SubmitterIdentity, chunk: { claim: Claim; replacing?: string }[]): Promise<void> {
    const { counters, records } = this.ports;
    const senderId = senderIdOf(identity);
    // Numbers are reserved before the claims are: a number burned by a lost race leaves a gap, never a repeat.
    const interchangeControlNumber = await counters.reserve(senderId, 'interchange');
    const groupControlNumber = await counters.reserve(senderId, 'group');
    const transactionControlNumber = await counters.reserve(senderId, 'transaction');
    const id = interchangeIdFor(senderId, interchangeControlNumber);
    const createdAt = this.#now();

    const winners: Claim[] = [];
    for (const { claim, replacing } of chunk) {
      const outcome = await records.claim(
        { claimId: claim.id, version: claim.version, interchangeId: id, claimedAt: createdAt },
        replacing,
      );
      if (outcome.won) winners.push(claim);
      else
        this.#outcomes.set(identityOf(claim.id, claim.version), {
          kind: 'retry',
          claimId: claim.id,
          reason: `another delivery put the claim in interchange ${outcome.record.interchangeId}`,
        });
    }
    if (winners.length === 0) return;

    const record: InterchangeRecord = {
      id,
      status: 'PENDING',
      createdAt,
      sealed: {
        senderId,
        claims: winners.map((c) => ({ claimId: c.id, version: c.version })),
        interchangeControlNumber,
        groupControlNumber,
        transactionControlNumbers: [String(transactionControlNumber).padStart(4, '0')],
        idempotencyKey: idempotencyKeyFor(senderId, interchangeControlNumber),
        archiveKey: this.ports.archive.keyFor(archiveNameFor(senderId, interchangeControlNumber, createdAt)),
      },
    };
    const text = await this.#build(record, winners, identity);
    const sealed = await records.createInterchange(record);
    if (!sealed.created) {
      for (const claim of winners)
        this.#outcomes.set(identityOf(claim.id, claim.version), {
          kind: 'retry',
          claimId: claim.id,
          reason: `interchange ${id} was fenced off by another delivery before it was sealed`,
        });
      return;
    }
    await this.#sendAndComplete(record, await this.ports.archive.putIfAbsent(record.sealed!.archiveKey, text));
  }

  async #resumeInterchange(id: string): Promise<void> {
    const record = await this.ports.records.getInterchange(id);
    if (!record?.sealed) throw new Error(`interchange ${id} is not sealed`);
    if (record.status !== 'PENDING') {
      await this.#complete(record);
      return;
    }
    const { archiveKey } = record.sealed;
    let text = await this.ports.archive.get(archiveKey);
    if (text === undefined) {
      // Sealed but not archived: it was never sent (the archive precedes the send). Rebuild it from its claims.
      const claims: Claim[] = [];
      for (const ref of record.sealed.claims) {
        const claim = await this.ports.claims.get(ref.claimId);
        if (claim?.status !== 'QUEUED' || claim.version !== ref.version)
          throw new Error(`interchange ${id} cannot be rebuilt: claim ${ref.claimId} left version ${ref.version}`);
        claims.push(claim);
      }
      const [first] = claims;
      if (!first) throw new Error(`interchange ${id} has no claims`);
      text = await this.ports.archive.putIfAbsent(
        archiveKey,
        await this.#build(record, claims, this.ports.identityFor(first)),
      );
    }
    await this.#sendAndComplete(record, text);
  }

  async #build(record: InterchangeRecord, claims: Claim[], identity: SubmitterIdentity): Promise<string> {
    const sealed = record.sealed!;
    const built = await build837P(claims, {
      identity,
      controlNumbers: recordedNumbers(sealed),
      now: new Date(record.createdAt),
      maxClaimsPerTransaction: Math.max(claims.length, 1),
    });
    return built.text;
  }

  async #sendAndComplete(record: InterchangeRecord, text: string): Promise<void> {
    const sealed = record.sealed!;
    try {
      const receipt = await this.ports.clearinghouse.submit(text, sealed.idempotencyKey);
      const kept: InterchangeReceipt = {
        submissionId: receipt.submissionId,
        receivedAt: receipt.receivedAt,
        accepted: receipt.accepted,
        rejected: receipt.rejected,
      };
      await this.ports.records.recordReceipt(record.id, kept);
      await this.#complete({ ...record, status: 'SENT', receipt: kept });
    } catch (error) {
      if (!(error instanceof PermanentClearinghouseError)) throw error;
      // The clearinghouse refused the interchange itself: resending the same bytes cannot help, so its claims go to
      // a biller (a new version queued again travels in a new interchange).
      const refusal = { ...(error.code ? { code: error.code } : {}), message: error.message, at: this.#now() };
      await this.ports.records.recordRefusal(record.id, refusal);
      await this.#complete({ ...record, status: 'REFUSED', refusal });
    }
  }

  /** Moves each claim of a sent or refused interchange on, once; a claim another delivery moved is left alone. */
  async #complete(record: InterchangeRecord): Promise<void> {
    const sealed = record.sealed!;
    for (const ref of sealed.claims) {
      const identity = identityOf(ref.claimId, ref.version);
      const claim = await this.ports.claims.get(ref.claimId);
      if (claim?.status !== 'QUEUED' || claim.version !== ref.version) {
        if (!this.#outcomes.has(identity)) this.#outcomes.set(identity, { kind: 'duplicate', claimId: ref.claimId });
        continue;
      }
      try {
        if (record.status === 'REFUSED') {
          const refusal = record.refusal!;
          await this.#review(
            claim,
            'submission_refused',
            `the clearinghouse refused interchange ${sealed.interchangeControlNumber}: ${refusal.message}`,
          );
          continue;
        }
        const rejection = record.receipt?.rejected.find((r) => r.claimId === claim.id);
        if (rejection) {
          const reasons = rejection.reasons.map((r) => `${r.code}: ${r.message}${r.field ? ` (${r.field})` : ''}`);
          await this.#review(
            claim,
            'rejected_by_clearinghouse',
            `front-end edits refused the claim: ${reasons.join('; ')}`,
          );
          continue;
        }
        const submission: ClaimSubmission = {
          interchangeId: record.id,
          interchangeControlNumber: sealed.interchangeControlNumber,
          groupControlNumber: sealed.groupControlNumber,
          transactionControlNumber: sealed.transactionControlNumbers[0]!,
          lineControlNumbers: claim.lines.map((line) => line.controlNumber),
          clearinghouse: this.ports.clearinghouse.name,
          submissionId: record.receipt!.submissionId,
          idempotencyKey: sealed.idempotencyKey,
          archiveKey: sealed.archiveKey,
          submittedAt: record.receipt!.receivedAt,
        };
        const next = transition(claim, {
          to: 'SUBMITTED',
          at: this.#now(),
          actor: this.#actor,
          reason: `sent in interchange ${sealed.interchangeControlNumber}, clearinghouse submission ${submission.submissionId}`,
        });
        await this.ports.claims.save({ ...next, submission });
        this.#outcomes.set(identity, {
          kind: 'submitted',
          claimId: claim.id,
          interchangeId: record.id,
          submissionId: submission.submissionId,
        });
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        this.#outcomes.set(identity, { kind: 'duplicate', claimId: claim.id });
      }
    }
  }

  async #review(claim: Claim, reasonCategory: ReviewCategory, reason: string): Promise<void> {
    const identity = identityOf(claim.id, claim.version);
    const next = transition(claim, {
      to: 'NEEDS_REVIEW',
      at: this.#now(),
      actor: this.#actor,
      owner: 'BILLER',
      reasonCategory,
      reason: reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH - 1)}…` : reason,
    });
    try {
      await this.ports.claims.save(next);
      this.#outcomes.set(identity, { kind: 'needs_review', claimId: claim.id, reasonCategory });
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      this.#outcomes.set(identity, { kind: 'duplicate', claimId: claim.id });
    }
  }

  /** Runs one step; when it throws, every listed claim version without an outcome yet is to be retried. */
  async #guard(refs: { id?: string; claimId?: string; version: number }[], step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (error) {
      for (const ref of refs) {
        const claimId = ref.claimId ?? ref.id ?? '';
        const identity = identityOf(claimId, ref.version);
        const settled = this.#outcomes.get(identity);
        if (settled && settled.kind !== 'retry') continue;
        this.#outcomes.set(identity, { kind: 'retry', claimId, reason: describe(error), error });
      }
    }
  }

  #now(): string {
    return this.ports.clock.now().toISOString();
  }
}

/** The numbers recorded in a sealed interchange, handed to the builder (a rebuild draws exactly the same ones). */
function recordedNumbers(sealed: NonNullable<InterchangeRecord['sealed']>): ControlNumbers {
  return {
    async next(kind, count = 1) {
      if (kind === 'interchange') return sealed.interchangeControlNumber;
      if (kind === 'group') return sealed.groupControlNumber;
      if (count !== sealed.transactionControlNumbers.length)
        throw new Error(
          `interchange ${sealed.interchangeControlNumber} recorded ${sealed.transactionControlNumbers.length} transaction number(s), the build asked for ${count}`,
        );
      return Number(sealed.transactionControlNumbers[0]);
    },
  };
}

/** An error's name and message for a retry reason; our own errors and the connector's carry ids, never PHI. */
function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 500);
  return 'unknown error';
}
