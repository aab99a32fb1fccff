/**
 * A practice's claims in memory with the real edit library (starter code sets, the sample configuration and payer
 * rules) behind the operator use cases. Claims are made by the intake pipeline from a ClaimFlow JSON visit, then
 * stored in whatever status a test needs (as responses would have moved them).
 */
import { readFileSync } from 'node:fs';
import type { Claim, ClaimStatus } from '#core/claims/claim';
import type { ClaimQueuedMessage } from '#core/claims/claim-ports';
import { starterCodeSets } from '#core/codesets/starter/index';
import { parsePracticeConfig } from '#core/config/practice-config';
import { fixedClock } from '#core/kernel/clock';
import { type OperationsPorts, rescrubberFor } from '#core/operations/index';
import { InMemoryClaimStore } from '#core/storage/memory/claim-store';
import { InMemoryVisitReservations } from '#core/storage/memory/visit-reservations';
import { readAllPages } from '#core/storage/page';
import { priorClaimsIn } from '#core/storage/prior-claims';
import { visitKeyOf } from '#core/storage/visit-key';
import { loadPayerRulesDirectory } from '#functions/common/payer-rule-directory';
import { SAMPLE_PAYER_RULES, SAMPLE_PRACTICE_CONFIG } from '#lib/sample-config';
import { cleanVisit, Pipeline, TODAY } from '../pipeline/harness.ts';

export { TODAY };

const config = parsePracticeConfig(JSON.parse(readFileSync(SAMPLE_PRACTICE_CONFIG, 'utf8')), 'sample');
const codeSets = starterCodeSets();
const payerRules = loadPayerRulesDirectory(SAMPLE_PAYER_RULES);

export const OPERATOR = 'coder:ana';

/** One clean visit's claim as intake makes it (QUEUED), to store in other statuses. */
export async function claimFromIntake(
  encounterId: string,
  options: Parameters<typeof cleanVisit>[1] = {},
): Promise<Claim> {
  const pipeline = new Pipeline();
  const outcome = await pipeline.deliver(pipeline.put(`inbox/${encounterId}.json`, cleanVisit(encounterId, options)));
  if (outcome.kind !== 'coded') throw new Error(`fixture visit ${encounterId} was not coded (${outcome.kind})`);
  const [id] = outcome.claimIds;
  const claim = id ? await pipeline.claims.get(id) : undefined;
  if (!claim) throw new Error(`fixture visit ${encounterId} made no claim`);
  return claim;
}

export class World {
  readonly claims = new InMemoryClaimStore();
  readonly visits = new InMemoryVisitReservations();
  readonly published: ClaimQueuedMessage[] = [];
  readonly ports: OperationsPorts;

  constructor(now: Date = TODAY) {
    const clock = fixedClock(now);
    this.ports = {
      claims: this.claims,
      visits: this.visits,
      submissions: { publish: async (message) => void this.published.push(message) },
      clock,
      rescrub: rescrubberFor({
        codeSets,
        config,
        payerRules,
        priorClaims: priorClaimsIn(this.claims),
        today: () => clock.now().toISOString().slice(0, 10),
      }),
    };
  }

  /**
   * Stores `claim` as it would stand in `status` (version 1, one event), holding its visit when it ever reached
   * READY, with any other fields a response would have set.
   */
  async seed(claim: Claim, status: ClaimStatus, patch: Partial<Claim> = {}): Promise<Claim> {
    const { queuedMessageSentAt: _sent, ...rest } = claim;
    const stored: Claim = {
      ...rest,
      ...patch,
      status,
      owner: status === 'NEEDS_REVIEW' ? 'CODER' : status === 'DENIED' || status === 'REJECTED' ? 'BILLER' : 'NONE',
      version: 1,
      lastEvent: { version: 1, at: '2026-11-01T09:00:00.000Z', to: status, actor: 'test-fixture' },
    };
    await this.claims.create(stored);
    const key = visitKeyOf(stored);
    if (key && !['CODED', 'NEEDS_REVIEW', 'VOIDED'].includes(status))
      await this.visits.reserve(key, stored.id, stored.lastEvent.at);
    return stored;
  }

  async history(claimId: string) {
    return readAllPages((page) => this.claims.history(claimId, page));
  }

  /** What a refused action must leave untouched. */
  async snapshot(claimId: string) {
    return {
      claim: await this.claims.get(claimId),
      history: await this.history(claimId),
      published: [...this.published],
    };
  }
}
