/**
 * The work queue with its filters and dollar totals, `claims show` as a biller reads it, and the JSON dispatch the
 * operations API calls.
 */
import { describe, expect, it } from 'vitest';
import { dollars, noteClaim, runOperation, showClaim, workQueue } from '#core/operations/index';
import { claimFromIntake, OPERATOR, World } from './operations-harness.ts';

describe('money as a biller reads it', () => {
  it.each([
    [31_950, '$319.50'],
    [0, '$0.00'],
    [5, '$0.05'],
    [123_456_789, '$1,234,567.89'],
    [-1200, '-$12.00'],
  ])('%i cents is %s', (cents, text) => {
    expect(dollars(cents)).toBe(text);
  });
});

describe('the work queue', () => {
  async function practiceQueue() {
    const world = new World(new Date('2026-11-23T12:00:00.000Z'));
    const base = await claimFromIntake('WQ-1');
    const at = (days: number) => new Date(Date.parse('2026-11-23T12:00:00.000Z') - days * 86_400_000).toISOString();
    const put = async (id: string, patch: Partial<typeof base>, days: number) => {
      const claim = { ...base, id, ...patch };
      await world.claims.create({ ...claim, lastEvent: { ...claim.lastEvent, at: at(days) } });
    };
    await put(
      'CFWQ0001',
      { status: 'NEEDS_REVIEW', owner: 'CODER', reasonCategory: 'scrub_error', totalChargeCents: 13_500 },
      1,
    );
    await put(
      'CFWQ0002',
      { status: 'NEEDS_REVIEW', owner: 'CODER', reasonCategory: 'low_confidence_coding', totalChargeCents: 20_000 },
      10,
    );
    await put(
      'CFWQ0003',
      { status: 'DENIED', owner: 'BILLER', reasonCategory: 'modifier', totalChargeCents: 31_950 },
      40,
    );
    await put(
      'CFWQ0004',
      {
        status: 'DENIED',
        owner: 'BILLER',
        reasonCategory: 'timely_filing',
        totalChargeCents: 5_000,
        payer: { payerId: 'MEDICR' },
      },
      3,
    );
    await put('CFWQ0005', { status: 'SUBMITTED', owner: 'PAYER', totalChargeCents: 99_999 }, 2);
    await put(
      'CFWQ0006',
      { status: 'NEEDS_REVIEW', owner: 'CODER', practiceId: 'another-practice', totalChargeCents: 1 },
      1,
    );
    return world;
  }

  it('lists what people must work in one practice, with totals by status and reason', async () => {
    const world = await practiceQueue();

    const answer = await workQueue({ practiceId: (await world.claims.get('CFWQ0001'))!.practiceId }, world.ports);

    expect(answer.rows.map((r) => r.id).sort()).toEqual(['CFWQ0001', 'CFWQ0002', 'CFWQ0003', 'CFWQ0004']);
    expect(answer.total).toEqual({ count: 4, chargeCents: 70_450, charge: '$704.50' });
    expect(answer.byStatus).toEqual({
      NEEDS_REVIEW: { count: 2, chargeCents: 33_500, charge: '$335.00' },
      DENIED: { count: 2, chargeCents: 36_950, charge: '$369.50' },
    });
    expect(answer.byReason.modifier).toEqual({ count: 1, chargeCents: 31_950, charge: '$319.50' });
    expect(answer.truncated).toBe(false);
  });

  it('narrows by owner, reason, payer, age and date of service', async () => {
    const world = await practiceQueue();
    const practiceId = (await world.claims.get('CFWQ0001'))!.practiceId;
    const ids = async (filters: object) =>
      (await workQueue({ practiceId, ...filters }, world.ports)).rows.map((r) => r.id).sort();
    const dos = (await world.claims.get('CFWQ0001'))!.lines[0]!.serviceDate!;

    expect(await ids({ owner: 'BILLER' })).toEqual(['CFWQ0003', 'CFWQ0004']);
    expect(await ids({ reason: 'scrub_error' })).toEqual(['CFWQ0001']);
    expect(await ids({ payerId: 'MEDICR' })).toEqual(['CFWQ0004']);
    expect(await ids({ minAgeDays: 10 })).toEqual(['CFWQ0002', 'CFWQ0003']);
    expect(await ids({ maxAgeDays: 2 })).toEqual(['CFWQ0001']);
    expect(await ids({ serviceFrom: dos, serviceTo: dos })).toHaveLength(4);
    expect(await ids({ serviceTo: '2000-01-01' })).toEqual([]);
    expect(await ids({ owner: 'PAYER' })).toEqual(['CFWQ0005']);
  });

  it('stops at its scan limit and says so, and refuses a nonsense filter', async () => {
    const world = await practiceQueue();
    const practiceId = (await world.claims.get('CFWQ0001'))!.practiceId;

    const answer = await workQueue({ practiceId, owner: 'CODER', scanLimit: 1 }, world.ports);
    expect(answer).toMatchObject({ truncated: true, scanned: 1 });
    await expect(
      workQueue({ practiceId, serviceFrom: '2026-12-01', serviceTo: '2026-11-01' }, world.ports),
    ).rejects.toThrow(/the date range is empty/);
  });
});

describe('showing a claim', () => {
  it('gives the patient, payer, providers, codes with evidence and confidence, reasons with fixes and the timeline', async () => {
    const world = new World();
    const claim = await world.seed(await claimFromIntake('SHOW-1'), 'NEEDS_REVIEW', {
      reasonCategory: 'low_confidence_coding',
      reviewReasons: [
        { category: 'low_confidence_coding', message: 'the E/M level rests on time alone', field: 'lines[0]' },
      ],
    });
    await noteClaim({ claimId: claim.id, actor: OPERATOR, text: 'check the time statement' }, world.ports);

    const view = await showClaim(claim.id, world.ports);

    expect(view).toMatchObject({
      id: claim.id,
      status: 'NEEDS_REVIEW',
      patient: { name: 'Haddad, Omar', birthDate: '1985-04-12', memberId: 'SB555666777' },
      payer: { id: 'SANDBOX1' },
      billingProvider: { npi: '1987654328' },
      renderingProvider: { npi: '1456789019', name: 'Ortiz, Lena' },
      frequencyLabel: 'original claim',
      totalCharge: '$135.00',
      reason: { category: 'low_confidence_coding', label: expect.any(String), action: expect.stringMatching(/recode/) },
    });
    expect(view.diagnoses[0]).toMatchObject({ pointer: 1, code: 'J06.9', confidence: expect.any(Number) });
    expect(view.diagnoses[0]?.evidence.length).toBeGreaterThan(0);
    expect(view.lines[0]).toMatchObject({ number: 1, code: '99213', charge: '$135.00', diagnoses: ['J06.9'] });
    expect(view.reviewReasons).toEqual([
      expect.objectContaining({ message: 'the E/M level rests on time alone', fix: expect.any(String) }),
    ]);
    expect(view.timeline.map((e) => e.label)).toEqual([
      'created NEEDS_REVIEW by test-fixture',
      `note by ${OPERATOR}: note added`,
    ]);
    expect(view.timeline[1]?.note).toBe('check the time statement');
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
  });
});

describe('operations as JSON requests', () => {
  it('dispatches a request to its use case and refuses one that does not parse, naming the field', async () => {
    const world = new World();
    const claim = await world.seed(await claimFromIntake('JSON-1'), 'NEEDS_REVIEW');

    const result = (await runOperation('approve', { claimId: claim.id, actor: OPERATOR }, world.ports)) as {
      outcome: string;
    };
    expect(result.outcome).toBe('queued');
    await expect(runOperation('approve', { claimId: claim.id }, world.ports)).rejects.toMatchObject({
      kind: 'invalid_request',
      message: expect.stringMatching(/^approve: actor: /),
    });
    await expect(
      runOperation('edit', { claimId: claim.id, actor: OPERATOR, changes: { evil: 1 } }, world.ports),
    ).rejects.toMatchObject({
      kind: 'invalid_request',
    });
    await expect(runOperation('drop-table', {}, world.ports)).rejects.toThrow(/unknown operation "drop-table"/);
  });
});
