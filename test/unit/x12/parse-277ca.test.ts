import { describe, expect, it } from 'vitest';
import { parse277ca } from '#core/x12/277ca/parse-277ca';
import { allTransactions, readX12 } from '#core/x12/reader';
import { readX12Fixture } from './read-fixture.ts';

function acknowledgmentFrom(text: string) {
  const [first] = allTransactions(readX12(text));
  if (!first) throw new Error('no transaction set');
  return parse277ca(first.transaction);
}

describe('277CA claim acknowledgment', () => {
  const acknowledgment = acknowledgmentFrom(readX12Fixture('277ca-mixed-rejections.x12'));

  it('rebuilds the hierarchy source -> receiver -> billing provider -> patients', () => {
    const source = acknowledgment.sources[0];
    const receiver = source?.receivers[0];
    const provider = receiver?.providers[0];

    expect(source?.name?.lastOrOrganization).toBe('SAMPLE CLEARINGHOUSE');
    expect(receiver?.traceNumber).toBe('000000101');
    expect(receiver?.quantities).toEqual([
      { qualifier: '90', quantity: 1 },
      { qualifier: 'AA', quantity: 2 },
    ]);
    expect(provider?.name).toMatchObject({ entity: '85', idQualifier: 'XX', id: '1234567893' });
    expect(provider?.patients.map((patient) => patient.patientControlNumber)).toEqual([
      'PCN3001',
      'PCN3002',
      'PCN3003',
    ]);
  });

  it('marks an A2 claim accepted with its payer claim number and clearinghouse trace', () => {
    expect(acknowledgment.claims[0]).toMatchObject({
      patientControlNumber: 'PCN3001',
      outcome: 'accepted',
      payerClaimNumber: 'PAYER77001',
      clearinghouseTraceNumber: 'CH000001',
      dates: [{ qualifier: '472', format: 'D8', date: '20261101' }],
    });
  });

  it('reads STC01 and the extra statuses in STC10/STC11 of a rejected claim', () => {
    const rejected = acknowledgment.claims[1];

    expect(rejected?.outcome).toBe('rejected');
    expect(rejected?.statuses[0]).toMatchObject({
      codes: [
        { category: 'A7', status: '562', entity: '85' },
        { category: 'A7', status: '128', entity: '82' },
        { category: 'A6', status: '21', entity: 'IL' },
      ],
      date: '20261121',
      actionCode: 'U',
      chargeAmount: 50000,
      rejected: true,
    });
    expect(rejected?.payerClaimNumber).toBeUndefined();
  });

  it('reads a service line status and lets a line rejection reject the claim', () => {
    const claim = acknowledgment.claims[2];

    expect(claim?.lines[0]).toMatchObject({
      procedure: { qualifier: 'HC', code: '99213', modifiers: ['25'] },
      chargeAmount: 25000,
      references: [{ qualifier: 'FJ', value: 'PCN3003-1' }],
    });
    expect(claim?.lines[0]?.statuses[0]?.codes).toEqual([
      { category: 'A3', categoryInfo: expect.objectContaining({ outcome: 'rejected' }), status: '454' },
    ]);
    expect(claim?.outcome).toBe('rejected');
  });

  it('rejects an HL whose parent is not the level above it', () => {
    const text = readX12Fixture('277ca-mixed-rejections.x12').replace('HL*4*3*PT', 'HL*4*2*PT');

    expect(() => acknowledgmentFrom(text)).toThrow(
      'segment 26 (HL): HL02 "2" must name an earlier HL with level 19 for level PT, but it names level 21',
    );
  });

  it('rejects an STC01 without the category:status composite', () => {
    const text = readX12Fixture('277ca-mixed-rejections.x12').replace('STC*A2:20:PR', 'STC*A2');

    expect(() => acknowledgmentFrom(text)).toThrow('segment 29 (STC): STC01 must be "category:status[:entity]"');
  });
});
