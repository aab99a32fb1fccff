/**
 * The submit-claims core wired to in-memory ports and the real sandbox clearinghouse (local/sandbox, in process), with
 * a fault that can be injected once before or after any port call, as a crash or an AWS-like transient error there.
 */
import type { Claim } from '#core/claims/claim';
import {
  type Clearinghouse,
  PermanentClearinghouseError,
  type SubmissionReceipt,
  TransientClearinghouseError,
} from '#core/clearinghouse/clearinghouse';
import { fixedClock } from '#core/kernel/clock';
import { InMemoryClaimStore } from '#core/storage/memory/claim-store';
import { InMemoryControlNumberCounters } from '#core/storage/memory/control-number-counters';
import { InMemorySubmissionRecords } from '#core/storage/memory/submission-records';
import { InMemorySubmissionArchive } from '#core/submission/submission-archive';
import {
  type SubmissionMessage,
  type SubmitClaimsOptions,
  type SubmitClaimsPorts,
  submitClaims,
} from '#core/submission/submit-claims';
import type { Claim837P } from '#core/x12/837p/claim-837p';
import type { SubmitterIdentity } from '#core/x12/837p/submitter-identity';
import { RequestRefused, type Sandbox } from '#local/sandbox/sandbox';
import { IDENTITY, sandbox, visit } from '../sandbox/sandbox-fixtures.ts';

/** A QUEUED claim at version 4 the sandbox accepts (member SBX112233445 is covered by SANDBOX1). */
export function queuedClaim(id: string, overrides: Partial<Claim837P> = {}, memberId = 'SBX112233445'): Claim {
  const base = visit(id, memberId, overrides);
  const coded = { confidence: 0.97, evidence: [], codeSetVersion: 'starter' };
  return {
    ...base,
    diagnoses: base.diagnoses.map((d) => ({ ...d, ...coded })),
    lines: base.lines.map((line) => ({ ...line, ...coded })),
    documentId: `doc-${id}`,
    practiceId: 'maple-grove',
    encounter: { key: `inbox/${id}.txt`, format: 'clinical-note', index: 0 },
    status: 'QUEUED',
    owner: 'NONE',
    findings: [],
    version: 4,
    lastEvent: { version: 4, at: '2026-11-23T14:00:00.000Z', from: 'READY', to: 'QUEUED', actor: 'pipeline' },
  };
}

/** The sandbox behind the Clearinghouse port, as the HTTP connector maps it (4xx permanent, others thrown as is). */
export class InProcessSandboxClearinghouse implements Clearinghouse {
  readonly name = 'sandbox';
  /** Every call, with whether the sandbox answered it from an earlier receipt. */
  readonly calls: { idempotencyKey: string; replayed: boolean; body: string }[] = [];
  constructor(readonly sandbox: Sandbox) {}

  async submit(batch: string, idempotencyKey: string): Promise<SubmissionReceipt> {
    try {
      const receipt = this.sandbox.submit(batch, idempotencyKey);
      this.calls.push({ idempotencyKey, replayed: receipt.replayed, body: batch });
      return receipt;
    } catch (error) {
      if (error instanceof RequestRefused)
        throw new PermanentClearinghouseError(error.message, error.status, error.code);
      throw error;
    }
  }

  /** Interchanges the sandbox took in (first sends; replays are not new submissions). */
  firstSends(): string[] {
    return this.calls.filter((c) => !c.replayed).map((c) => c.body);
  }
}

export class InjectedCrash extends Error {
  constructor(where: string) {
    super(`injected crash ${where}`);
    this.name = 'InjectedCrash';
  }
}

export type FaultPoint = { port: keyof Faults; method: string; when: 'before' | 'after'; error?: () => Error };
type Faults = Pick<SubmitClaimsPorts, 'claims' | 'records' | 'counters' | 'archive' | 'clearinghouse'>;

/** Wraps a port so its `method` throws once, before or after doing its work (a crash after the work is done). */
function faulty<T extends object>(port: T, fault: FaultPoint | undefined, name: string, fired: { done: boolean }): T {
  return new Proxy(port, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const armed = fault && !fired.done && fault.port === name && fault.method === property;
        if (!armed) return value.apply(target, args);
        fired.done = true;
        const where = `${fault.when} ${name}.${String(property)}`;
        if (fault.when === 'before') return Promise.reject(fault.error?.() ?? new InjectedCrash(where));
        return (async () => {
          await value.apply(target, args);
          throw fault.error?.() ?? new InjectedCrash(where);
        })();
      };
    },
  });
}

export function submissionWorld(claims: Claim[] = [], identity: SubmitterIdentity = IDENTITY) {
  const store = new InMemoryClaimStore();
  const records = new InMemorySubmissionRecords();
  const counters = new InMemoryControlNumberCounters();
  const archive = new InMemorySubmissionArchive();
  const { sandbox: instance } = sandbox();
  const clearinghouse = new InProcessSandboxClearinghouse(instance);
  let now = Date.parse('2026-11-23T15:00:00.000Z');
  const seed = Promise.all(claims.map((claim) => store.create(claim)));

  const ports = (fault?: FaultPoint): SubmitClaimsPorts => {
    const fired = { done: false };
    return {
      claims: faulty(store, fault, 'claims', fired),
      records: faulty(records, fault, 'records', fired),
      counters: faulty(counters, fault, 'counters', fired),
      archive: faulty(archive, fault, 'archive', fired),
      clearinghouse: faulty(clearinghouse, fault, 'clearinghouse', fired),
      clock: fixedClock(new Date(now)),
      identityFor: () => identity,
    };
  };

  return {
    store,
    records,
    counters,
    archive,
    clearinghouse,
    /** One delivery of `messages`, optionally with one fault injected. */
    async deliver(messages: SubmissionMessage[], fault?: FaultPoint, options?: SubmitClaimsOptions) {
      await seed;
      return submitClaims(messages, ports(fault), options);
    },
    /** Time passing between deliveries (the queue's visibility timeout and backoff). */
    advance(ms: number) {
      now += ms;
    },
  };
}

export const messageFor = (claim: Claim, n = 1): SubmissionMessage => ({
  messageId: `msg-${claim.id}-${n}`,
  claimId: claim.id,
  version: claim.version,
});

export const transient = () => new TransientClearinghouseError('sandbox clearinghouse answered 503', 503);
