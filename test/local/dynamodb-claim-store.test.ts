import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClaim } from '#core/claims/build-claim';
import { transition } from '#core/claims/state-machine';
import type { CodedEncounter } from '#core/coding/coded-encounter';
import { ClaimVersionConflictError, DynamoDbClaimStore } from '#functions/common/dynamodb-claim-store';
import { startClaimFlowTable } from '#test/support/dynalite';

let table: Awaited<ReturnType<typeof startClaimFlowTable>>;
let store: DynamoDbClaimStore;

const coded: CodedEncounter = {
  encounter: {
    source: { key: 'inbox/visit.txt', format: 'clinical-note', index: 0 },
    patient: { lastName: 'Rivera', firstName: 'Ana', birthDate: '1970-02-03', sex: 'F' },
    subscriber: { memberId: 'SB123456789' },
    payer: { payerId: 'SANDBOX1' },
    placeOfService: '11',
    dateOfService: '2026-11-20',
    diagnoses: [],
    procedures: [],
  },
  diagnoses: [{ code: 'E119', confidence: 0.97, evidence: [], codeSetVersion: 'starter' }],
  lines: [
    {
      code: '99213',
      system: 'CPT',
      modifiers: [],
      units: 1,
      chargeCents: 13500,
      diagnosisPointers: [1],
      confidence: 0.95,
      evidence: [],
      codeSetVersion: 'starter',
    },
  ],
  missing: [],
  review: { required: false, reasons: [] },
};

beforeAll(async () => {
  table = await startClaimFlowTable();
  store = new DynamoDbClaimStore(table.client, table.tableName);
});

afterAll(async () => {
  await table?.stop();
});

describe('claims in DynamoDB', () => {
  it('creates a claim once; creating it again returns the stored claim', async () => {
    const claim = buildClaim(coded, { documentId: 'doc-1', at: '2026-11-20T10:00:00Z', actor: 'test' });

    const first = await store.create(claim, 'doc-1');
    const second = await store.create({ ...claim, totalChargeCents: 1 }, 'doc-1');

    expect(first.created).toBe(true);
    expect(second).toMatchObject({ created: false, claim: { id: claim.id, totalChargeCents: 13500 } });
  });

  it('saves a transition with its history and finds the claim by its new status', async () => {
    const claim = buildClaim(coded, { documentId: 'doc-2', at: '2026-11-20T10:00:00Z', actor: 'test' });
    await store.create(claim, 'doc-2');

    await store.save(transition(claim, { to: 'READY', at: '2026-11-20T10:00:01Z', actor: 'scrubber' }));

    const stored = await store.get(claim.id);
    expect(stored).toMatchObject({ status: 'READY', version: 2 });
    expect(stored?.history.map((h) => h.to)).toEqual(['CODED', 'READY']);
    expect((await store.listByStatus('READY')).map((c) => c.id)).toContain(claim.id);
    expect((await store.listByStatus('CODED')).map((c) => c.id)).not.toContain(claim.id);
  });

  it('refuses a change computed from a stale version', async () => {
    const claim = buildClaim(coded, { documentId: 'doc-3', at: '2026-11-20T10:00:00Z', actor: 'test' });
    await store.create(claim, 'doc-3');
    await store.save(transition(claim, { to: 'READY', at: 't1', actor: 'one' }));

    const stale = transition(claim, { to: 'NEEDS_REVIEW', at: 't2', actor: 'two', reasonCategory: 'scrub_error' });

    await expect(store.save(stale)).rejects.toBeInstanceOf(ClaimVersionConflictError);
    expect((await store.get(claim.id))?.status).toBe('READY');
  });
});

describe('building a claim', () => {
  it('derives a stable 20-character claim id and numbers line control numbers', () => {
    const a = buildClaim(coded, { documentId: 'doc-9', at: 't', actor: 'x' });
    const b = buildClaim(coded, { documentId: 'doc-9', at: 'later', actor: 'y' });

    expect(a.id).toBe(b.id);
    expect(a.id).toHaveLength(20);
    expect(a.lines.map((l) => l.controlNumber)).toEqual([`${a.id}-1`]);
    expect(a.lines.map((l) => l.serviceDate)).toEqual(['2026-11-20']);
    expect(a.totalChargeCents).toBe(13500);
  });

  it('treats the patient as the subscriber when no other relationship is stated', () => {
    const claim = buildClaim(coded, { documentId: 'doc-9', at: 't', actor: 'x' });

    expect(claim.subscriber).toMatchObject({ lastName: 'Rivera', memberId: 'SB123456789' });
    expect(claim.patient.relationshipToSubscriber).toBe('18');
  });
});
