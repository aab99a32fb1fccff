import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClaimStatus } from '#core/claims/claim';
import { planRemittancePosting } from '#core/remittance/posting-plan';
import { replayResponses } from '#core/remittance/replay-responses';
import {
  type ClaimAckEvent,
  eventsFromPostPlan,
  type PaymentEvent,
  type ResponseEvent,
  type ReversalEvent,
  type SyntaxAckEvent,
} from '#core/remittance/response-events';
import { claimPayment, context, line, ourClaim, remittance, remittanceInput } from './remittance-fixtures.ts';

const START = { claimId: 'CLM1', status: 'SUBMITTED' as ClaimStatus };

const syntaxAccepted: SyntaxAckEvent = {
  type: 'syntax_ack',
  key: '999|HC|7|0001|CLM1|accepted',
  claimId: 'CLM1',
  at: '2026-11-02',
  verdict: 'accepted',
  owner: 'NONE',
  category: 'accepted',
  reason: 'Syntax accepted.',
};
const syntaxRejected: SyntaxAckEvent = {
  ...syntaxAccepted,
  key: '999|HC|7|0001|CLM1|rejected',
  verdict: 'rejected',
  owner: 'BILLER',
  category: 'syntax_error',
  reason: 'Rejected: NM109 invalid.',
};
const received: ClaimAckEvent = {
  type: 'claim_ack',
  key: '277CA|A|CLM1|A1:19:PR',
  claimId: 'CLM1',
  at: '2026-11-03',
  disposition: 'acknowledged',
  owner: 'PAYER',
  category: 'acknowledged',
  reason: 'Received.',
};
const accepted: ClaimAckEvent = {
  type: 'claim_ack',
  key: '277CA|B|CLM1|A2:20:PR',
  claimId: 'CLM1',
  at: '2026-11-04',
  disposition: 'accepted',
  payerClaimNumber: 'ICN1',
  owner: 'PAYER',
  category: 'accepted',
  reason: 'Accepted.',
};
const paid: PaymentEvent = {
  type: 'payment',
  key: 'P|EFT1|CLM1|ICN1',
  claimId: 'CLM1',
  at: '2026-11-20',
  sequence: 0,
  payerClaimNumber: 'ICN1',
  claimStatus: 'PAID',
  outcome: 'paid_in_full',
  owner: 'NONE',
  category: 'paid',
  reason: 'Paid $90.00.',
  paidCents: 9000,
  patientShareCents: 0,
};
const reversal: ReversalEvent = {
  type: 'reversal',
  key: 'P|EFT2|CLM1|ICN1|reversal',
  claimId: 'CLM1',
  at: '2026-12-04',
  sequence: 0,
  payerClaimNumber: 'ICN1',
  paidCents: -9000,
  reason: 'Reversed.',
};
const corrected: PaymentEvent = {
  ...paid,
  key: 'P|EFT2|CLM1|ICN2',
  at: '2026-12-04',
  sequence: 1,
  payerClaimNumber: 'ICN2',
  claimStatus: 'PARTIALLY_PAID',
  outcome: 'partially_paid',
  owner: 'CODER',
  category: 'modifier',
  reason: 'Paid $60.00; rest denied.',
  paidCents: 6000,
};

describe('replayResponses: the same final state and history whatever the delivery order', () => {
  it('in order: 999, 277CA received, accepted, paid', () => {
    const state = replayResponses(START, [syntaxAccepted, received, accepted, paid]);

    expect(state).toMatchObject({
      status: 'PAID',
      owner: 'NONE',
      payerClaimNumber: 'ICN1',
      netPaidCents: 9000,
      issues: [],
    });
    expect(state.history.map((h) => [h.type, h.from, h.to])).toEqual([
      ['syntax_ack', 'SUBMITTED', 'SUBMITTED'],
      ['claim_ack', 'SUBMITTED', 'SUBMITTED'],
      ['claim_ack', 'SUBMITTED', 'ACCEPTED'],
      ['payment', 'ACCEPTED', 'PAID'],
    ]);
  });

  it('an 835 before its 277CA, and the 999 last, end the same, with the same history', () => {
    expect(replayResponses(START, [paid, accepted, received, syntaxAccepted])).toEqual(
      replayResponses(START, [syntaxAccepted, received, accepted, paid]),
    );
  });

  it('a duplicate 999 (same key, same content) leaves one history entry', () => {
    const state = replayResponses(START, [syntaxAccepted, syntaxAccepted, accepted, syntaxAccepted]);
    expect(state.history.filter((h) => h.type === 'syntax_ack')).toHaveLength(1);
  });

  it('an 835 with no 277CA on file implies the acceptance, and says so', () => {
    const state = replayResponses(START, [paid]);
    expect(state.status).toBe('PAID');
    expect(state.history.map((h) => [h.type, h.to])).toEqual([
      ['implied_acceptance', 'ACCEPTED'],
      ['payment', 'PAID'],
    ]);
  });

  it('a reversal then the re-adjudicated payment leave the right amounts and states', () => {
    const state = replayResponses(START, [corrected, reversal, paid, accepted]);

    expect(state).toMatchObject({ status: 'PARTIALLY_PAID', owner: 'CODER', category: 'modifier', netPaidCents: 6000 });
    expect(state.payments).toEqual([
      { key: paid.key, payerClaimNumber: 'ICN1', paidCents: 9000, reversedBy: reversal.key },
      { key: corrected.key, payerClaimNumber: 'ICN2', paidCents: 6000 },
    ]);
    expect(state.history.map((h) => h.to)).toEqual(['ACCEPTED', 'PAID', 'REVERSED', 'PARTIALLY_PAID']);
    expect(state.issues).toEqual([]);
  });

  it('a reversal dated before the payment it reverses waits for that payment', () => {
    const early = { ...reversal, at: '2026-11-20', sequence: 0, key: 'A-early-reversal' };
    const state = replayResponses(START, [early, { ...paid, sequence: 1 }, accepted]);
    expect(state.status).toBe('REVERSED');
    expect(state.netPaidCents).toBe(0);
    expect(state.issues).toEqual([]);
  });

  it('a 999 rejection then a 277CA acceptance: the conflict is recorded, not overwritten', () => {
    const state = replayResponses(START, [accepted, syntaxRejected]);

    expect(state.status).toBe('REJECTED');
    expect(state.issues).toEqual([
      expect.objectContaining({ kind: 'illegal_transition', eventKey: accepted.key, from: 'REJECTED', to: 'ACCEPTED' }),
    ]);
    expect(state.history.at(-1)).toMatchObject({ to: 'ACCEPTED', applied: false });
  });

  it('a payment on a rejected claim is money (counted) but an illegal transition (surfaced)', () => {
    const state = replayResponses(START, [paid, syntaxRejected]);
    expect(state.status).toBe('REJECTED');
    expect(state.netPaidCents).toBe(9000);
    expect(state.issues.map((i) => [i.kind, i.from, i.to])).toEqual([['illegal_transition', 'REJECTED', 'PAID']]);
  });

  it('two different responses under one key are a conflict, resolved the same way in any order', () => {
    const other = { ...accepted, payerClaimNumber: 'ICN9' };
    const a = replayResponses(START, [accepted, other]);
    const b = replayResponses(START, [other, accepted]);
    expect(a).toEqual(b);
    expect(a.issues.map((i) => i.kind)).toEqual(['conflicting_duplicate']);
  });

  it('a payment, its reversal and the re-adjudication in two 835s of one day and minute: the re-adjudication stands', () => {
    // Replayed by position in their files: the reversal (first in the later file) and the re-adjudication (second)
    // come before the original payment (second in the earlier file), whose key sorts after the re-adjudication's.
    const sameDay = { at: '2026-12-04', producedAt: '202612040800' };
    const original = { ...paid, ...sameDay, key: 'P|EFT9|CLM1|ICN1', sequence: 1 };
    const events = [original, { ...reversal, ...sameDay }, { ...corrected, ...sameDay }];
    expect(original.key > corrected.key).toBe(true);

    const state = replayResponses(START, [accepted, ...events]);

    expect(state).toMatchObject({
      status: 'PARTIALLY_PAID',
      owner: 'CODER',
      category: 'modifier',
      netPaidCents: 6000,
      issues: [],
    });
    expect(state.history.some((h) => h.type === 'reversal' && h.to === 'REVERSED')).toBe(true);
  });

  it('holds a reversal of a payment not on file: no negative money, no status change, an issue for a biller', () => {
    const state = replayResponses(START, [accepted, reversal]);
    expect(state.status).toBe('ACCEPTED');
    expect(state.netPaidCents).toBe(0);
    expect(state.issues).toEqual([
      expect.objectContaining({
        kind: 'reversal_before_payment',
        eventKey: reversal.key,
        message: expect.stringMatching(/takes back \$90\.00 .* not on file: the reversal is held/),
      }),
    ]);
    expect(state.history.at(-1)).toMatchObject({ type: 'held_reversal', from: 'ACCEPTED', to: 'ACCEPTED' });
    // The payment arrives: the same events with it end as if it had come first.
    expect(replayResponses(START, [accepted, reversal, paid])).toEqual(
      replayResponses(START, [paid, accepted, reversal]),
    );
    expect(replayResponses(START, [accepted, reversal, paid])).toMatchObject({
      status: 'REVERSED',
      netPaidCents: 0,
      issues: [],
    });
  });

  it('events from real posting plans: reversal and correction in one 835, then the original 835 delivered late', () => {
    const original = planRemittancePosting(remittance(remittanceInput([claimPayment()])), context([ourClaim()]));
    const reversalInput = claimPayment({
      status: '22',
      lines: [
        line({
          chargeCents: -15000,
          paidCents: -9000,
          allowedCents: -9000,
          adjustments: [{ group: 'CO', reason: '45', amountCents: -6000 }],
        }),
      ],
    });
    const correction = claimPayment({
      payerClaimControlNumber: 'ICN0002',
      lines: [
        line({
          paidCents: 12000,
          allowedCents: 12000,
          adjustments: [{ group: 'CO', reason: '45', amountCents: 3000 }],
        }),
      ],
    });
    const second = planRemittancePosting(
      remittance(
        remittanceInput([reversalInput, correction], {
          payment: { method: 'CHK', date: '2026-12-01', traceNumber: 'CHK2002' },
        }),
      ),
      context([ourClaim()]),
    );
    if (original.decision !== 'post' || second.decision !== 'post') throw new Error('both 835s must post');
    const events = [...eventsFromPostPlan(second), ...eventsFromPostPlan(original), accepted];

    const state = replayResponses(START, events);

    expect(state.status).toBe('PAID');
    expect(state.netPaidCents).toBe(12000);
    expect(state.history.map((h) => h.to)).toEqual(['ACCEPTED', 'PAID', 'REVERSED', 'PAID']);
    expect(replayResponses(START, [...events].reverse())).toEqual(state);
  });
});

describe('replayResponses properties (fast-check)', () => {
  const statuses: PaymentEvent['claimStatus'][] = ['PAID', 'PARTIALLY_PAID', 'DENIED', 'PAID_INCORRECTLY'];
  const eventArbitrary: fc.Arbitrary<ResponseEvent> = fc.oneof(
    fc
      .record({
        verdict: fc.constantFrom('accepted', 'rejected', 'accepted_with_errors'),
        day: fc.integer({ min: 1, max: 5 }),
      })
      .map(
        ({ verdict, day }): ResponseEvent => ({
          type: 'syntax_ack',
          key: `999|${verdict}|${day}`,
          claimId: 'CLM1',
          at: `2026-11-0${day}`,
          verdict: verdict as SyntaxAckEvent['verdict'],
          owner: 'BILLER',
          category: 'syntax_error',
          reason: verdict,
        }),
      ),
    fc
      .record({
        disposition: fc.constantFrom('accepted', 'rejected', 'acknowledged'),
        day: fc.integer({ min: 1, max: 9 }),
      })
      .map(
        ({ disposition, day }): ResponseEvent => ({
          type: 'claim_ack',
          key: `277|${disposition}|${day}`,
          claimId: 'CLM1',
          at: `2026-11-0${day}`,
          disposition: disposition as ClaimAckEvent['disposition'],
          payerClaimNumber: 'ICN1',
          owner: 'BILLER',
          category: 'x',
          reason: disposition,
        }),
      ),
    fc
      .record({
        icn: fc.constantFrom('ICN1', 'ICN2', 'ICN3'),
        status: fc.constantFrom(...statuses),
        day: fc.integer({ min: 10, max: 28 }),
        cents: fc.integer({ min: 0, max: 50000 }),
      })
      .map(
        ({ icn, status, day, cents }): ResponseEvent => ({
          type: 'payment',
          key: `835|${icn}|${day}`,
          claimId: 'CLM1',
          at: `2026-11-${day}`,
          sequence: 1,
          payerClaimNumber: icn,
          claimStatus: status,
          outcome: 'paid_in_full',
          owner: 'NONE',
          category: 'paid',
          reason: status,
          paidCents: cents,
          patientShareCents: 0,
        }),
      ),
    fc
      .record({
        icn: fc.constantFrom('ICN1', 'ICN2', 'ICN3'),
        day: fc.integer({ min: 10, max: 28 }),
        cents: fc.integer({ min: 1, max: 50000 }),
      })
      .map(
        ({ icn, day, cents }): ResponseEvent => ({
          type: 'reversal',
          key: `835|${icn}|${day}|reversal`,
          claimId: 'CLM1',
          at: `2026-11-${day}`,
          sequence: 0,
          payerClaimNumber: icn,
          paidCents: -cents,
          reason: 'reversal',
        }),
      ),
  );
  // One content per key, so every generated set is a set of distinct responses.
  const eventSet = fc.uniqueArray(eventArbitrary, { selector: (event) => event.key, maxLength: 12 });

  it('any permutation with any duplicates gives the same final state and full history', () => {
    fc.assert(
      fc.property(
        eventSet.chain((events) =>
          fc.tuple(
            fc.constant(events),
            fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
            fc.array(fc.nat({ max: Math.max(0, events.length - 1) }), { maxLength: events.length === 0 ? 0 : 6 }),
          ),
        ),
        ([events, permuted, duplicateIndexes]) => {
          const delivered = [...permuted, ...duplicateIndexes.map((i) => permuted[i]!)];
          expect(replayResponses(START, delivered)).toEqual(replayResponses(START, events));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('every distinct response leaves exactly one history entry (plus an implied acceptance), and money adds up', () => {
    fc.assert(
      fc.property(eventSet, (events) => {
        const state = replayResponses(START, events);
        const implied = state.history.filter((h) => h.type === 'implied_acceptance').length;
        expect(state.history.length - implied).toBe(events.length);
        expect(implied).toBeLessThanOrEqual(1);
        // A reversal whose payment is not among the events is held: its money stays off the claim.
        const held = new Set(state.issues.filter((i) => i.kind === 'reversal_before_payment').map((i) => i.eventKey));
        const money = events.reduce(
          (n, e) => n + ((e.type === 'payment' || e.type === 'reversal') && !held.has(e.key) ? e.paidCents : 0),
          0,
        );
        expect(state.netPaidCents).toBe(money);
        for (const key of held) expect(state.history.find((h) => h.eventKey === key)?.type).toBe('held_reversal');
        // A transition that was not applied is always explained by an issue.
        const refused = state.history.filter((h) => !h.applied).length;
        expect(state.issues.filter((i) => i.kind === 'illegal_transition')).toHaveLength(refused);
      }),
      { numRuns: 300 },
    );
  });
});
