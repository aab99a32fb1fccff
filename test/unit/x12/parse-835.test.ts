import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parse835 } from '#core/x12/835/parse-835';
import { streamRemittanceClaims, streamRemittances } from '#core/x12/835/stream-835';
import { allTransactions, readX12, type Transaction, type X12Error } from '#core/x12/reader';
import { describeWithSharedData, sharedData } from '#test/support/shared-data';
import { readX12Fixture } from './read-fixture.ts';

function remittanceFrom(text: string) {
  const [first] = allTransactions(readX12(text));
  if (!first) throw new Error('fixture holds no transaction set');
  return parse835(first.transaction);
}

function remittanceOf(fixture: string) {
  return remittanceFrom(readX12Fixture(fixture));
}

describe('835 header', () => {
  const remittance = remittanceOf('835-reversal-corrected.x12');

  it('reads BPR payment information in cents', () => {
    expect(remittance.payment).toMatchObject({
      handling: 'I',
      totalPaid: 28000,
      creditDebit: 'C',
      method: 'ACH',
      format: 'CCP',
      date: '20261120',
      senderAccount: { dfiQualifier: '01', dfiId: '999999992', accountQualifier: 'DA', accountNumber: '123456' },
      receiverAccount: { dfiQualifier: '01', dfiId: '888888880', accountQualifier: 'DA', accountNumber: '654321' },
    });
  });

  it('reads the TRN trace number and the payer and payee loops', () => {
    expect(remittance.trace).toEqual({ type: '1', number: 'EFT20261120A', originatorId: '1512345678', position: 5 });
    expect(remittance.payer).toMatchObject({
      name: 'SAMPLE HEALTH PLAN',
      address: { lines: ['100 PLAN WAY'], city: 'ANYTOWN', state: 'CA', postalCode: '900010001' },
      contacts: [{ function: 'BL', name: 'PROVIDER SERVICES', numbers: [{ qualifier: 'TE', number: '8005550100' }] }],
    });
    expect(remittance.payee).toMatchObject({
      name: 'NORTHWIND CLINIC',
      idQualifier: 'XX',
      id: '1234567893',
      references: [{ qualifier: 'TJ', value: '123456789' }],
    });
    expect(remittance.dates).toEqual([{ qualifier: '405', date: '20261119' }]);
  });
});

describe('835 claims', () => {
  const remittance = remittanceOf('835-reversal-corrected.x12');
  const [reversal, corrected, paid] = remittance.claims;

  it('reads a reversal (CLP02 22) with negative amounts', () => {
    expect(reversal).toMatchObject({
      patientControlNumber: 'PCN1001',
      status: '22',
      statusDescription: 'reversal of previous payment',
      chargeAmount: -25000,
      paidAmount: -18000,
      patientResponsibility: -2000,
      payerClaimControlNumber: 'PAYER55001',
    });
    expect(reversal?.lines[0]?.adjustments.map((a) => [a.group, a.reason, a.amount])).toEqual([
      ['CO', '45', -5000],
      ['PR', '2', -2000],
    ]);
  });

  it('reads the corrected claim with its corrected patient name and original reference', () => {
    expect(corrected).toMatchObject({
      status: '1',
      frequency: '7',
      patient: { entity: 'QC', lastOrOrganization: 'SYNTHETIC', first: 'DELTA', idQualifier: 'MI', id: 'W000000004' },
      correctedPatient: { entity: '74', lastOrOrganization: 'SYNTHETIC', first: 'DELTAH' },
      references: [{ qualifier: 'F8', value: 'PAYER55001' }],
      dates: [
        { qualifier: '232', date: '20261001' },
        { qualifier: '233', date: '20261001' },
      ],
    });
  });

  it('reads SVC with the composite procedure and the payer-restated original procedure (SVC06)', () => {
    const line = corrected?.lines[0];

    expect(line?.procedure).toEqual({ qualifier: 'HC', code: '99214', modifiers: ['25'] });
    expect(line?.originalProcedure).toEqual({ qualifier: 'HC', code: '99215', modifiers: [] });
    expect(line?.references).toEqual([{ qualifier: '6R', value: 'PCN1001-1' }]);
    expect(line?.amounts).toEqual([{ qualifier: 'B6', amount: 20000 }]);
  });

  it('reads every CAS triplet of a segment', () => {
    expect(corrected?.lines[0]?.adjustments.map((a) => [a.group, a.reason, a.amount])).toEqual([
      ['CO', '45', 5000],
      ['PR', '1', 2000],
      ['PR', '2', 2000],
    ]);
  });

  it('reads the rendering provider, LQ remark codes and line dates', () => {
    expect(paid?.renderingProvider).toMatchObject({ entity: '82', idQualifier: 'XX', id: '1234567894' });
    expect(paid?.lines[0]?.remarkCodes).toEqual([{ qualifier: 'HE', code: 'N130' }]);
    expect(paid?.lines[0]?.dates).toEqual([{ qualifier: '472', date: '20261105' }]);
  });

  it('balances a file whose reversal and correction net out', () => {
    expect(remittance.balance).toEqual({ balanced: true, imbalances: [] });
  });
});

describe('835 provider-level adjustments', () => {
  const remittance = remittanceOf('835-plb-interest-recoupment.x12');

  it('reads PLB reason:reference composites and amounts, several per segment', () => {
    expect(remittance.providerAdjustments).toEqual([
      {
        position: 41,
        providerId: '1234567893',
        fiscalPeriodDate: '20261231',
        adjustments: [
          { reason: 'L6', referenceId: 'PAYER66001', amount: -1234 },
          { reason: 'WO', referenceId: 'PAYER44001', amount: 10000 },
          { reason: '72', referenceId: 'RECOUP0002', amount: 2550 },
        ],
      },
    ]);
  });

  it('balances BPR02 against claim payments minus PLB (interest increases, recoupment decreases)', () => {
    expect(remittance.payment.totalPaid).toBe(43684);
    expect(remittance.balance.balanced).toBe(true);
  });

  it('reads LX/TS3, denied and secondary claims, MOA and CAS quantities', () => {
    const [first, denied, secondary] = remittance.claims;

    expect(remittance.headerNumbers[0]?.summary).toEqual({
      providerId: '1234567893',
      facilityCode: '11',
      fiscalPeriodDate: '20261231',
      claimCount: 3,
      totalCharge: 102000,
    });
    expect(first?.outpatient).toEqual({ remarkCodes: ['MA01'] });
    expect(first?.lines[1]?.adjustments.map((a) => [a.reason, a.amount, a.quantity])).toEqual([
      ['45', 4000, 1],
      ['97', 0, undefined],
      ['2', 1000, undefined],
    ]);
    expect(denied).toMatchObject({ status: '4', statusDescription: 'denied', paidAmount: 0 });
    expect(secondary).toMatchObject({
      status: '2',
      insured: { entity: 'IL', first: 'INDIA' },
      quantities: [{ qualifier: 'ZK', quantity: 1 }],
    });
  });
});

describe('835 balancing', () => {
  const remittance = remittanceOf('835-unbalanced.x12');

  it('reports each imbalance with where it is and by how much, without changing any amount', () => {
    expect(remittance.balance.balanced).toBe(false);
    expect(
      remittance.balance.imbalances.map(
        ({ level, claimId, lineIndex, position, segmentId, expected, actual, difference }) => ({
          level,
          claimId,
          lineIndex,
          position,
          segmentId,
          expected,
          actual,
          difference,
        }),
      ),
    ).toEqual([
      {
        level: 'line',
        claimId: 'PCN5001',
        lineIndex: 1,
        position: 17,
        segmentId: 'SVC',
        expected: 16000,
        actual: 15000,
        difference: -1000,
      },
      {
        level: 'claim',
        claimId: 'PCN5001',
        lineIndex: undefined,
        position: 16,
        segmentId: 'CLP',
        expected: 16000,
        actual: 15000,
        difference: -1000,
      },
      {
        level: 'claim',
        claimId: 'PCN5002',
        lineIndex: undefined,
        position: 19,
        segmentId: 'CLP',
        expected: 26000,
        actual: 25000,
        difference: -1000,
      },
      {
        level: 'transaction',
        claimId: undefined,
        lineIndex: undefined,
        position: 4,
        segmentId: 'BPR',
        expected: 40000,
        actual: 42000,
        difference: 2000,
      },
    ]);
    expect(remittance.claims.map((claim) => claim.paidAmount)).toEqual([15000, 25000]);
  });

  it('explains the imbalance in words', () => {
    expect(remittance.balance.imbalances[0]?.message).toBe(
      'claim PCN5001 line 1 (segment 17): SVC03 150 != SVC02 200 - CAS 40 = 160 (off by -10)',
    );
  });
});

describe('835 malformed input', () => {
  const good = readX12Fixture('835-unbalanced.x12');

  it('rejects an amount that is not a decimal, naming the element', () => {
    const text = good.replace('CLP*PCN5002*1*300*', 'CLP*PCN5002*1*3,00*');

    expect(() => remittanceFrom(text)).toThrow('segment 19 (CLP): CLP03 must be a decimal amount, found "3,00"');
  });

  it('rejects an amount with significant sub-cent decimals', () => {
    const text = good.replace('CAS*CO*45*40~', 'CAS*CO*45*40.125~');

    expect(() => remittanceFrom(text)).toThrow(
      'segment 18 (CAS): CAS03 must have at most two significant decimals, found "40.125"',
    );
  });

  it('rejects an SVC procedure that does not use the declared component separator', () => {
    const text = good.replace('SVC*HC:99213*', 'SVC*HC>99213*');

    expect(() => remittanceFrom(text)).toThrow(
      'segment 17 (SVC): SVC01 must be a composite "qualifier:code[:modifiers]" using the component separator ":" declared in ISA16, found "HC>99213"',
    );
  });

  it('rejects an unknown claim status code', () => {
    const text = good.replace('CLP*PCN5002*1*', 'CLP*PCN5002*9*');

    expect(() => remittanceFrom(text)).toThrow('segment 19 (CLP): CLP02 must be a claim status code');
  });

  it('rejects an 835 without BPR', () => {
    const text = good.replace(/BPR\*[^~]*~\n/, '').replace('SE*19*0003', 'SE*18*0003');

    const error = (() => {
      try {
        remittanceFrom(text);
      } catch (caught) {
        return caught as X12Error;
      }
      return undefined;
    })();

    expect(error?.code).toBe('BPR_MISSING');
    expect(error?.message).toBe('segment 3 (ST): the 835 has no BPR (financial information) segment');
  });

  it('refuses a transaction set that is not an 835', () => {
    const [first] = allTransactions(readX12(readX12Fixture('999-rejected-ik3-ik4.x12')));

    expect(() => parse835(first?.transaction as never)).toThrow('expected an 835 transaction set, found ST01 "999"');
  });
});

describe('835 streaming', () => {
  it('types each 835 from a stream exactly as the sync parse does, without keeping its segments', async () => {
    const text = readX12Fixture('835-plb-interest-recoupment.x12');
    const bytes = Buffer.from(text, 'utf8');
    const chunks = [bytes.subarray(0, 100), bytes.subarray(100, 333), bytes.subarray(333)];

    const streamed = [];
    for await (const item of streamRemittances(Readable.from(chunks))) streamed.push(item);

    expect(streamed.map((item) => item.remittance)).toEqual([remittanceFrom(text)]);
    expect(streamed[0]?.group?.transactions).toEqual([]);
  });

  it('hands out each claim with its imbalances as soon as it ends, then the remittance without claims', async () => {
    const text = readX12Fixture('835-unbalanced.x12');
    const expected = remittanceFrom(text);

    const events = [];
    for await (const event of streamRemittanceClaims(Readable.from([text]))) events.push(event);

    expect(events.map((event) => event.type)).toEqual(['claim', 'claim', 'remittance']);
    const [first, second, last] = events;
    expect(first?.type === 'claim' && first.claim).toEqual(expected.claims[0]);
    expect(first?.type === 'claim' && first.imbalances.map((imbalance) => imbalance.level)).toEqual(['line', 'claim']);
    expect(second?.type === 'claim' && second.trace?.number).toBe('EFT20261120C');
    expect(last?.type === 'remittance' && last.remittance.claims).toEqual([]);
    expect(last?.type === 'remittance' && last.remittance.balance).toEqual(expected.balance);
  });

  it('reports envelope errors while streaming', async () => {
    const text = readX12Fixture('835-unbalanced.x12').replace('SE*19*0003', 'SE*18*0003');

    const consume = async () => {
      for await (const _ of streamRemittances(Readable.from([text]))) {
        // draining
      }
    };

    await expect(consume()).rejects.toThrow('segment 21 (SE): SE01 says 18 segments, but ST..SE holds 19');
  });
});

describeWithSharedData('835 official samples, typed', ['x12', '835'], () => {
  const sample = (file: string) => readFileSync(sharedData('x12', '835', file), 'utf8');

  it('reads the Medicare Part A sample: TS3/TS2 summaries, MIA, MOA and a PLB', () => {
    const remittance = remittanceFrom(sample('linuxforhealth_medicare-part-a.835'));

    expect(remittance.headerNumbers.map((header) => header.number)).toEqual(['110212', '130212']);
    expect(remittance.headerNumbers[0]?.supplementalSummary).toEqual({
      amounts: { 1: 217845, 2: 191971, 4: 5682, 5: 19769, 6: 423 },
      quantities: {},
    });
    expect(remittance.claims[0]?.inpatient).toMatchObject({ coveredDaysOrVisits: 0, drgAmount: 13801840 });
    expect(remittance.claims[1]?.outpatient).toEqual({ remarkCodes: ['MA02'] });
    expect(remittance.providerAdjustments[0]?.adjustments).toEqual([{ reason: 'CV', referenceId: 'CP', amount: -127 }]);
    expect(remittance.balance.balanced).toBe(true);
  });

  it('warns about N1 loops placed inside claims (databricks PLB sample) instead of guessing', () => {
    // Its envelope is also wrong (SE02, IEA02), so it is read leniently.
    const [first] = allTransactions(readX12(sample('databricks_835_plb_sample.txt'), { lenient: true }));
    const remittance = parse835(first?.transaction as Transaction);

    expect(remittance.warnings.map((warning) => warning.message)).toEqual([
      'segment 24 (N1): N1*PE belongs in the payer/payee loops before the first LX or CLP, ignored',
      'segment 34 (N1): N1*PE belongs in the payer/payee loops before the first LX or CLP, ignored',
    ]);
    expect(remittance.claims[0]?.correctedPatient?.entity).toBe('74');
    expect(remittance.claims[0]?.otherNames.map((name) => name.entity)).toEqual(['PR', 'GB']);
  });
});

describe('835 amounts beyond what cents can represent exactly', () => {
  const fixture = readX12Fixture('835-reversal-corrected.x12');

  it('an amount beyond the safe range is an X12 error naming the segment and element, not a plain Error', () => {
    const text = fixture.replace('CLP*PCN1002*1*400*', 'CLP*PCN1002*1*1000000000000000.01*');
    let thrown: unknown;
    try {
      remittanceFrom(text);
    } catch (error) {
      thrown = error;
    }
    expect((thrown as Error).name).toBe('X12Error');
    expect((thrown as X12Error).code).toBe('AMOUNT');
    expect((thrown as X12Error).message).toMatch(/\(CLP\): CLP03 cannot be represented exactly in cents/);
    expect((thrown as X12Error).location.segmentId).toBe('CLP');
  });

  it('a large amount that fits is read to the cent', () => {
    const text = fixture.replace('CLP*PCN1002*1*400*', 'CLP*PCN1002*1*900719925474.99*');
    const claim = remittanceFrom(text).claims.find((c) => c.patientControlNumber === 'PCN1002');
    expect(claim?.chargeAmount ?? claim).toBe(90071992547499);
  });
});
