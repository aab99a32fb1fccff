/**
 * The intake pipeline (ingestDocument + codeDocument, and codeChunk for the pieces of a split document, whose messages
 * wait in `continuations` until delivered) over in-memory stores, with every write to any port counted in
 * one sequence so a test can crash the pipeline between any two writes (the write numbered `crashBefore` throws
 * instead of happening, exactly as if the process had died after the previous one).
 */
import { readFileSync } from 'node:fs';
import type { Claim } from '#core/claims/claim';
import type { ClaimQueuedMessage } from '#core/claims/claim-ports';
import { starterCodeSets } from '#core/codesets/starter/index';
import type { InferIcd10Cm } from '#core/coding/comprehend/inference-port';
import { type PracticeConfig, parsePracticeConfig } from '#core/config/practice-config';
import type { StoredObject } from '#core/intake/document-ledger';
import { type Clock, fixedClock } from '#core/kernel/clock';
import type { PatientDirectory } from '#core/patients/patient-directory';
import { type CodingPipelinePorts, codeDocument } from '#core/pipeline/code-document';
import { type DocumentObjects, type IntakeOutcome, ingestDocument } from '#core/pipeline/ingest-document';
import type { PipelineLimits } from '#core/pipeline/limits';
import { type ChunkContinuation, type ChunkOutcome, codeChunk, type SplitPorts } from '#core/pipeline/split-document';
import { scrubClaim } from '#core/scrubbing/index';
import type { PriorClaims } from '#core/scrubbing/prior-claims';
import type { ChunkResult, PlannedChunk } from '#core/storage/document-chunks';
import type { DocumentLedgerStore } from '#core/storage/document-ledger-store';
import { InMemoryClaimStore } from '#core/storage/memory/claim-store';
import { InMemoryDocumentChunks } from '#core/storage/memory/document-chunks';
import { InMemoryDocumentLedger } from '#core/storage/memory/document-ledger';
import { InMemoryVisitReservations } from '#core/storage/memory/visit-reservations';
import { priorClaimsIn } from '#core/storage/prior-claims';
import { loadPayerRulesDirectory } from '#functions/common/payer-rule-directory';
import { SAMPLE_PAYER_RULES, SAMPLE_PRACTICE_CONFIG } from '#lib/sample-config';
import { cleanVisitJson, type VisitProcedure } from '#test/support/visits';

export const TODAY = new Date(Date.UTC(2026, 10, 23, 12));
/** A date of service two weeks before TODAY: inside timely filing, not in the future. */
export const DATE_OF_SERVICE = new Date(TODAY.getTime() - 14 * 86_400_000).toISOString().slice(0, 10);

export class Crash extends Error {
  constructor(readonly write: string) {
    super(`crashed before ${write}`);
    this.name = 'Crash';
  }
}

export const SAMPLE_CONFIG = parsePracticeConfig(JSON.parse(readFileSync(SAMPLE_PRACTICE_CONFIG, 'utf8')), 'sample');
const codeSets = starterCodeSets();
const payerRules = loadPayerRulesDirectory(SAMPLE_PAYER_RULES);

/** A ClaimFlow JSON visit that codes and scrubs clean with the sample configuration. */
export function cleanVisit(
  encounterId: string,
  options: { memberId?: string; procedures?: VisitProcedure[] } = {},
): string {
  return cleanVisitJson({ encounterId, dateOfService: DATE_OF_SERVICE, ...options });
}

/** A ClaimFlow JSON document of `count` clean visits, each of its own member (so no two are the same visit). */
export function cleanVisits(
  count: number,
  options: { procedures?: (index: number) => VisitProcedure[] | undefined } = {},
) {
  const encounters = Array.from({ length: count }, (_, index) => {
    const procedures = options.procedures?.(index);
    return JSON.parse(
      cleanVisit(`V-${index}`, {
        memberId: `SPL${String(index).padStart(7, '0')}`,
        ...(procedures ? { procedures } : {}),
      }),
    ).encounter;
  });
  return JSON.stringify({ claimflowVersion: '1', encounters });
}

export interface HarnessOptions {
  /** Crash before the write with this number (1-based, counted over every port). */
  crashBefore?: number;
  /** The scrubber's duplicate lookup; default: the claim store's own (immediately consistent in memory). */
  priorClaims?: PriorClaims;
  limits?: PipelineLimits;
  clock?: Clock;
  /** The practice configuration; default: the sample configuration. */
  config?: PracticeConfig;
  /** The patient directory on the table; default: none (the configuration's own entries). */
  patients?: PatientDirectory;
  /** Amazon Comprehend Medical's port; default: none (the service off). */
  comprehend?: InferIcd10Cm;
}

/** One deployment's state: stores, objects and the messages sent, shared by every run against it. */
export class Pipeline {
  readonly ledger = new InMemoryDocumentLedger();
  readonly claims = new InMemoryClaimStore();
  readonly visits = new InMemoryVisitReservations();
  readonly sent: ClaimQueuedMessage[] = [];
  readonly objects = new Map<string, Uint8Array>();
  readonly quarantined: { key: string; label: Record<string, string> }[] = [];
  readonly chunks = new InMemoryDocumentChunks();
  /** Piece messages sent and not yet delivered, oldest first (the intake queue, for split documents). */
  readonly continuations: ChunkContinuation[] = [];
  /** How often a document's bytes were read, and how many characters of stored pieces were read back. */
  documentReads = 0;
  chunkBytesRead = 0;
  /** Names of the writes of the last run, in order. */
  writes: string[] = [];

  put(key: string, text: string): StoredObject {
    const bytes = new TextEncoder().encode(text);
    this.objects.set(key, bytes);
    return {
      bucket: 'intake',
      key,
      versionId: 'v1',
      size: bytes.length,
      eTag: `etag-${key}`,
      eventTime: TODAY.toISOString(),
    };
  }

  /** Processes one notification, as one delivery of it would. */
  async deliver(object: StoredObject, options: HarnessOptions = {}): Promise<IntakeOutcome> {
    const { coding, objects, ledger, clock } = this.#ports(options);
    return ingestDocument(object, {
      ledger,
      objects,
      clock,
      source: { bucket: 'intake', inboxPrefix: 'inbox/' },
      maxDocumentBytes: 5 * 1024 * 1024,
      process: (document) => codeDocument(document, coding),
    });
  }

  /** Processes one piece message of a split document, as one delivery of it would. */
  async deliverChunk(message: ChunkContinuation, options: HarnessOptions = {}): Promise<ChunkOutcome> {
    const { coding, objects, split } = this.#ports(options);
    return codeChunk(message, { ...coding, split, objects });
  }

  /** Delivers piece messages in the order they were sent until none is left; returns how many were delivered. */
  async drainChunks(options: HarnessOptions = {}): Promise<number> {
    let delivered = 0;
    for (let next = this.continuations.shift(); next; next = this.continuations.shift()) {
      await this.deliverChunk(next, options);
      delivered++;
    }
    return delivered;
  }

  #ports(options: HarnessOptions) {
    this.writes = [];
    const write = <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) => {
      return async (...args: A): Promise<R> => {
        const number = this.writes.length + 1;
        if (options.crashBefore === number) throw new Crash(name);
        this.writes.push(name);
        return fn(...args);
      };
    };
    const clock = options.clock ?? fixedClock(TODAY);
    const claims = {
      ...bind(this.claims),
      create: write('claims.create', (c: Claim) => this.claims.create(c)),
      save: write('claims.save', (c: Claim) => this.claims.save(c)),
      markQueuedMessageSent: write('claims.markQueuedMessageSent', (id: string, v: number, at: string) =>
        this.claims.markQueuedMessageSent(id, v, at),
      ),
    };
    const ledger: DocumentLedgerStore = {
      ...bind(this.ledger),
      recordReceived: write('ledger.recordReceived', (e) => this.ledger.recordReceived(e)),
      settle: write('ledger.settle', (id, update, at) => this.ledger.settle(id, update, at)),
      note: write('ledger.note', (id, note) => this.ledger.note(id, note)),
    };
    const split: SplitPorts = {
      ledger,
      chunks: {
        ...bind(this.chunks),
        get: async (documentId, index) => {
          const chunk = await this.chunks.get(documentId, index);
          this.chunkBytesRead += chunk?.encountersJson.length ?? 0;
          return chunk;
        },
        plan: write('chunks.plan', (chunk: PlannedChunk) => this.chunks.plan(chunk)),
        complete: write('chunks.complete', (id: string, index: number, result: ChunkResult) =>
          this.chunks.complete(id, index, result),
        ),
      },
      clock,
      continueWith: write('continueWith', async (next: ChunkContinuation) => void this.continuations.push(next)),
    };
    const priorClaims = options.priorClaims ?? priorClaimsIn(this.claims);
    const config = options.config ?? SAMPLE_CONFIG;
    const coding: CodingPipelinePorts = {
      codeSets,
      config,
      claims,
      visits: {
        ...bind(this.visits),
        reserve: write('visits.reserve', (k: string, id: string, at: string) => this.visits.reserve(k, id, at)),
        transfer: write('visits.transfer', (k: string, from: string, to: string, at: string) =>
          this.visits.transfer(k, from, to, at),
        ),
        release: write('visits.release', (k: string, id: string, at: string) => this.visits.release(k, id, at)),
      },
      submissions: {
        publish: write('submissions.publish', async (message: ClaimQueuedMessage) => {
          this.sent.push(message);
        }),
      },
      clock,
      scrub: (claim, coded) =>
        scrubClaim(claim, coded, {
          codeSets,
          config,
          payerRules,
          priorClaims,
          today: clock.now().toISOString().slice(0, 10),
        }),
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.patients ? { patients: options.patients } : {}),
      ...(options.comprehend ? { comprehend: options.comprehend } : {}),
      split,
    };
    const objects: DocumentObjects = {
      read: async (o) => {
        this.documentReads++;
        const bytes = this.objects.get(o.key);
        return bytes ? { bytes } : undefined;
      },
      quarantine: write(
        'objects.quarantine',
        async (o: StoredObject, label: { documentId: string; reason: string }) => {
          const key = o.key.replace('inbox/', 'quarantine/');
          this.quarantined.push({ key, label });
          return key;
        },
      ),
    };
    return { coding, objects, ledger, split, clock };
  }

  /** The identities of the messages sent, each once. */
  sentIdentities(): string[] {
    return [...new Set(this.sent.map((m) => `${m.claimId}#${m.version}`))];
  }
}

/** A store's methods bound to it, so spreading it keeps `this` (private fields need the real instance). */
function bind<T extends object>(store: T): { [K in keyof T]: T[K] } {
  const bound: Record<string, unknown> = {};
  let proto = Object.getPrototypeOf(store);
  while (proto && proto !== Object.prototype) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const value = (store as Record<string, unknown>)[name];
      if (name !== 'constructor' && typeof value === 'function' && !(name in bound)) bound[name] = value.bind(store);
    }
    proto = Object.getPrototypeOf(proto);
  }
  return bound as { [K in keyof T]: T[K] };
}
