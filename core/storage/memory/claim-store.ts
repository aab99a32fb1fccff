/** Claims held in memory, with the same contract as the DynamoDB store (tests, offline tools, fault injection). */
import type { Claim, ClaimEvent } from '#core/claims/claim';
import { firstServiceDate, statusSinceOf } from '#core/claims/service-dates';
import type { ClaimStore, ServiceDateQuery, StatusQuery, UnsentQuery, WorkQueueQuery } from '../claim-store.ts';
import { VersionConflictError } from '../errors.ts';
import type { Page, PageRequest } from '../page.ts';
import { visitKeyOf } from '../visit-key.ts';
import { pageOf, sortedBy } from './paging.ts';

const versionKey = (version: number) => String(version).padStart(10, '0');

export class InMemoryClaimStore implements ClaimStore {
  readonly #claims = new Map<string, Claim>();
  readonly #events = new Map<string, Map<number, ClaimEvent>>();

  async create(claim: Claim): Promise<{ created: boolean; claim: Claim }> {
    const stored = this.#claims.get(claim.id);
    if (stored) return { created: false, claim: structuredClone(stored) };
    this.#claims.set(claim.id, structuredClone(claim));
    this.#record(claim.id, claim.lastEvent);
    return { created: true, claim: structuredClone(claim) };
  }

  async save(next: Claim): Promise<void> {
    const stored = this.#claims.get(next.id);
    if (!stored || stored.version !== next.version - 1)
      throw new VersionConflictError('claim', next.id, next.version - 1);
    this.#claims.set(next.id, structuredClone(next));
    this.#record(next.id, next.lastEvent);
  }

  async get(claimId: string): Promise<Claim | undefined> {
    const stored = this.#claims.get(claimId);
    return stored ? structuredClone(stored) : undefined;
  }

  async history(claimId: string, page?: PageRequest): Promise<Page<ClaimEvent>> {
    const events = this.#events.get(claimId)?.values() ?? [];
    return pageOf(
      sortedBy(events, (event) => versionKey(event.version)),
      page,
    );
  }

  async markQueuedMessageSent(claimId: string, version: number, at: string): Promise<void> {
    const stored = this.#claims.get(claimId);
    if (!stored || stored.version !== version || stored.status !== 'QUEUED')
      throw new VersionConflictError('claim', claimId, version);
    this.#claims.set(claimId, { ...stored, queuedMessageSentAt: at });
  }

  async workQueue(query: WorkQueueQuery, page?: PageRequest): Promise<Page<Claim>> {
    const matching = [...this.#claims.values()].filter(
      (claim) =>
        claim.practiceId === query.practiceId &&
        claim.owner === query.owner &&
        (query.status === undefined || claim.status === query.status),
    );
    return pageOf(
      sortedBy(
        matching.map((item) => structuredClone(item)),
        (c) => `${c.status}#${c.lastEvent.at}#${c.id}`,
      ),
      page,
    );
  }

  async listByStatus(query: StatusQuery, page?: PageRequest): Promise<Page<Claim>> {
    const matching = [...this.#claims.values()].filter(
      (claim) =>
        claim.status === query.status &&
        (query.changedBefore === undefined || statusSinceOf(claim) < query.changedBefore) &&
        (query.changedFrom === undefined || statusSinceOf(claim) >= query.changedFrom),
    );
    return pageOf(
      sortedBy(
        matching.map((item) => structuredClone(item)),
        (c) => `${statusSinceOf(c)}#${c.id}`,
      ),
      page,
    );
  }

  async listByServiceDate(query: ServiceDateQuery, page?: PageRequest): Promise<Page<Claim>> {
    const matching = [...this.#claims.values()].flatMap((claim) => {
      const served = firstServiceDate(claim);
      return claim.status === query.status &&
        served !== undefined &&
        served <= query.servedThrough &&
        (query.servedFrom === undefined || served >= query.servedFrom)
        ? [{ served, claim: structuredClone(claim) }]
        : [];
    });
    return pageOf(
      sortedBy(matching, (m) => `${m.served}#${m.claim.id}`).map(({ sortKey, item }) => ({
        sortKey,
        item: item.claim,
      })),
      page,
    );
  }

  async listUnsent(query: UnsentQuery, page?: PageRequest): Promise<Page<Claim>> {
    const matching = [...this.#claims.values()].filter(
      (claim) =>
        claim.status === 'QUEUED' &&
        claim.queuedMessageSentAt === undefined &&
        (query.queuedBefore === undefined || claim.lastEvent.at < query.queuedBefore),
    );
    return pageOf(
      sortedBy(
        matching.map((item) => structuredClone(item)),
        (c) => `${c.lastEvent.at}#${c.id}`,
      ),
      page,
    );
  }

  async findByVisit(visitKey: string) {
    return [...this.#claims.values()]
      .filter((claim) => visitKeyOf(claim) === visitKey)
      .map((claim) => ({ id: claim.id, status: claim.status }));
  }

  #record(claimId: string, event: ClaimEvent): void {
    const events = this.#events.get(claimId) ?? new Map<number, ClaimEvent>();
    events.set(event.version, structuredClone(event));
    this.#events.set(claimId, events);
  }
}
