/**
 * The AK9 sums up the IK5s of one 999: how many sets were included, received and accepted, and one verdict for the
 * group. When the two disagree nobody can tell which the clearinghouse meant, so each contradiction becomes an
 * issue at the AK9 (the acknowledgment is still read: its IK3/IK4 errors are what the biller must fix).
 *
 * A 999 may leave out the AK2 of accepted sets (005010X231A1 sends AK2 for every set, older habits do not), so
 * when fewer sets are reported than received the counts are checked as bounds, not equalities.
 */
import type { Segment } from '../segment.ts';
import { makeIssue, type X12Issue } from '../x12-error.ts';
import type { GroupResponse, TransactionSetResponse } from './implementation-acknowledgment.ts';

const ACCEPTING = new Set(['A', 'E']);
const REJECTING = new Set(['R', 'M', 'W', 'X']);

export function groupContradictions(
  group: GroupResponse,
  responses: readonly TransactionSetResponse[],
  ak9: Segment,
): X12Issue[] {
  const issues: X12Issue[] = [];
  const flag = (code: string, detail: string) => issues.push(makeIssue(code, detail, ak9));
  const { transactionSetsIncluded: included, transactionSetsReceived: received } = group;
  const accepted = group.transactionSetsAccepted;
  const known = responses.filter((response) => response.status !== '');
  const acceptedSets = known.filter((response) => ACCEPTING.has(response.status)).length;
  const rejectedSets = known.filter((response) => REJECTING.has(response.status)).length;
  const withErrors = known.some((response) => response.status === 'E');

  if (accepted > received || received > included) {
    flag(
      'AK9_COUNTS',
      `AK9 counts are out of order: included ${included} (AK902) >= received ${received} (AK903) >= accepted ${accepted} (AK904) must hold`,
    );
  }
  if (responses.length > received) {
    flag(
      'AK9_RECEIVED_COUNT',
      `AK903 says ${received} transaction set(s) received, but ${responses.length} AK2 respond`,
    );
  }
  const everySetReported = responses.length === received && known.length === responses.length;
  if (everySetReported ? accepted !== acceptedSets : accepted < acceptedSets || received - accepted < rejectedSets) {
    flag(
      'AK9_ACCEPTED_COUNT',
      `AK904 says ${accepted} transaction set(s) accepted, but ${acceptedSets} IK5 accept(s) and ${rejectedSets} reject(s) of ${received} received`,
    );
  }
  const statusProblem = statusContradiction(group.status, {
    accepted,
    received,
    acceptedSets,
    rejectedSets,
    withErrors,
  });
  if (statusProblem) flag('AK9_STATUS', `AK901 "${group.status}" (${group.statusDescription}) ${statusProblem}`);
  return issues;
}

interface Tally {
  accepted: number;
  received: number;
  acceptedSets: number;
  rejectedSets: number;
  withErrors: boolean;
}

/** Why the AK901 verdict cannot sum up these sets, or undefined when it can. */
function statusContradiction(status: string, tally: Tally): string | undefined {
  switch (status) {
    case 'A':
      if (tally.rejectedSets > 0) return `but ${tally.rejectedSets} IK5 reject(s) their set`;
      if (tally.withErrors) return 'but an IK5 notes errors (E), so the group verdict must be E';
      if (tally.accepted !== tally.received) return `but AK904 accepts ${tally.accepted} of ${tally.received}`;
      return undefined;
    case 'E':
      if (tally.rejectedSets > 0) return `but ${tally.rejectedSets} IK5 reject(s) their set`;
      if (tally.accepted !== tally.received) return `but AK904 accepts ${tally.accepted} of ${tally.received}`;
      return undefined;
    case 'P':
      if (tally.acceptedSets === 0 && tally.accepted === 0) return 'but no transaction set was accepted';
      if (tally.rejectedSets === 0 && tally.accepted === tally.received)
        return 'but every transaction set was accepted';
      return undefined;
    default:
      // R, M, W, X: the whole group is rejected.
      if (tally.acceptedSets > 0) return `but ${tally.acceptedSets} IK5 accept(s) their set`;
      if (tally.accepted > 0) return `but AK904 says ${tally.accepted} set(s) accepted`;
      return undefined;
  }
}
