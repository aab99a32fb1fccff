import { describe, expect, it } from 'vitest';
import type { Claim } from '#core/claims/claim';
import { CLAIM_STATUSES } from '#core/claims/claim';
import { annotate, CLAIM_TRANSITIONS, IllegalClaimTransitionError, transition } from '#core/claims/state-machine';

function claimIn(status: Claim['status']): Claim {
  return {
    id: 'C123',
    documentId: 'doc-1',
    practiceId: 'maple-grove',
    encounter: { key: 'inbox/a.txt', format: 'clinical-note', index: 0 },
    frequency: '1',
    status,
    owner: 'NONE',
    patient: {},
    subscriber: {},
    payer: {},
    billingProvider: {},
    placeOfService: '11',
    diagnoses: [],
    lines: [],
    totalChargeCents: 0,
    findings: [],
    version: 1,
    lastEvent: { version: 1, at: '2026-11-20T10:00:00Z', to: status, actor: 'test' },
  };
}

describe('claim state machine', () => {
  it('moves a coded claim to review with the coder as owner and the reason recorded', () => {
    const next = transition(claimIn('CODED'), {
      to: 'NEEDS_REVIEW',
      at: '2026-11-20T10:00:01Z',
      actor: 'code-encounter',
      reason: 'confidence 0.62 below 0.9',
      reasonCategory: 'low_confidence_coding',
    });

    expect(next).toMatchObject({
      status: 'NEEDS_REVIEW',
      owner: 'CODER',
      reasonCategory: 'low_confidence_coding',
      version: 2,
    });
    expect(next.lastEvent).toEqual({
      version: 2,
      at: '2026-11-20T10:00:01Z',
      from: 'CODED',
      to: 'NEEDS_REVIEW',
      actor: 'code-encounter',
      reason: 'confidence 0.62 below 0.9',
    });
  });

  it('refuses an illegal transition and names what is allowed', () => {
    expect(() => transition(claimIn('CODED'), { to: 'PAID', at: 'now', actor: 'test' })).toThrow(
      /cannot go from CODED to PAID; from CODED it may go to NEEDS_REVIEW, READY, VOIDED/,
    );
    expect(() => transition(claimIn('VOIDED'), { to: 'READY', at: 'now', actor: 'test' })).toThrow(
      IllegalClaimTransitionError,
    );
  });

  it('drops the previous reason category when the claim moves on without one', () => {
    const inReview = transition(claimIn('CODED'), {
      to: 'NEEDS_REVIEW',
      at: 't1',
      actor: 'a',
      reasonCategory: 'scrub_error',
    });

    const ready = transition(inReview, { to: 'READY', at: 't2', actor: 'biller' });

    expect(ready.reasonCategory).toBeUndefined();
  });

  it('names every status in the transition table, and only known statuses as targets', () => {
    expect(Object.keys(CLAIM_TRANSITIONS).sort()).toEqual([...CLAIM_STATUSES].sort());
    for (const targets of Object.values(CLAIM_TRANSITIONS)) {
      for (const target of targets) expect(CLAIM_STATUSES).toContain(target);
    }
  });
});

describe('claim state machine: what remittance life needs', () => {
  it.each([
    ['REVERSED', 'PAID'],
    ['REVERSED', 'PARTIALLY_PAID'],
    ['REVERSED', 'DENIED'],
    ['REVERSED', 'PAID_INCORRECTLY'],
    ['DENIED', 'PAID'],
    ['DENIED', 'PARTIALLY_PAID'],
    ['PARTIALLY_PAID', 'PAID'],
    ['PAID_INCORRECTLY', 'PAID'],
    ['ACCEPTED', 'REJECTED'],
  ] as const)('lets a payer move a claim from %s to %s (re-adjudication, appeal, late rejection)', (from, to) => {
    expect(transition(claimIn(from), { to, at: 't', actor: 'process-remittance' }).status).toBe(to);
  });

  it.each([
    ['PAID', 'a coding error found after payment'],
    ['CLOSED', 'an overpayment to refund on a written-off claim'],
  ] as const)('lets a person correct a %s claim (%s): CORRECTED with who and why', (from, reason) => {
    const corrected = transition(claimIn(from), { to: 'CORRECTED', at: 't', actor: 'coder:ana', reason });
    expect(corrected).toMatchObject({ status: 'CORRECTED', lastEvent: { from, actor: 'coder:ana', reason } });
  });

  it.each([
    ['ACCEPTED', 'CORRECTED'],
    ['SUBMITTED', 'CORRECTED'],
    ['REJECTED', 'PAID'],
    ['REJECTED', 'ACCEPTED'],
    ['SUBMITTED', 'PAID'],
    ['PAID', 'ACCEPTED'],
    ['VOIDED', 'PAID'],
  ] as const)('still refuses %s to %s: a payment on a rejected claim, or skipping the acceptance', (from, to) => {
    expect(() => transition(claimIn(from), { to, at: 't', actor: 'process-remittance' })).toThrow(
      IllegalClaimTransitionError,
    );
  });

  it('annotates a claim without changing its status: a new version whose event goes from the status to itself', () => {
    const paid = claimIn('PAID');
    const noted = annotate(paid, {
      at: '2026-11-24T09:00:00Z',
      actor: 'process-remittance',
      reason: '277CA arrived late',
    });

    expect(noted).toMatchObject({ status: 'PAID', owner: paid.owner, version: 2 });
    expect(noted.lastEvent).toEqual({
      version: 2,
      at: '2026-11-24T09:00:00Z',
      from: 'PAID',
      to: 'PAID',
      actor: 'process-remittance',
      reason: '277CA arrived late',
    });
    const escalated = annotate(noted, {
      at: 't',
      actor: 'a',
      reason: 'conflict',
      owner: 'BILLER',
      reasonCategory: 'response_conflict',
    });
    expect(escalated).toMatchObject({
      status: 'PAID',
      owner: 'BILLER',
      reasonCategory: 'response_conflict',
      version: 3,
    });
  });
});
