/**
 * Response events written before any claim changes. A key already held with the same content is a redelivery
 * (nothing to do); with other content it is a conflict the first write wins, surfaced as a work item.
 */

import type { ResponseEvent } from '#core/remittance/response-events';
import type { ApplyContext } from './apply-response-file.ts';
import { mapBounded } from './bounded.ts';

/** Records the events; returns the number of new work items raised. */
export async function recordEvents(events: readonly ResponseEvent[], context: ApplyContext): Promise<number> {
  const raised = await mapBounded(events, async (event): Promise<number> => {
    const outcome = await context.ports.events.record(event);
    if (outcome.recorded || outcome.same) return 0;
    const item = await context.raise({
      id: `response_conflict|${event.claimId}|conflicting_duplicate|${event.key}`,
      category: 'response_conflict',
      owner: 'BILLER',
      claimId: event.claimId,
      reason: `claim ${event.claimId}: a response with the key ${event.key} arrived again with different contents; the first one is kept`,
      details: ['conflicting_duplicate'],
    });
    return item ? 1 : 0;
  });
  return raised.reduce((n, x) => n + x, 0);
}
